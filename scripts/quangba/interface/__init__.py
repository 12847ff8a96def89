"""Interface strings of quangba's templates and generated blocks, from gettext catalogs.

One catalog per language in scripts/quangba/interface/locales/<lang>/LC_MESSAGES/messages.po (under
version control); message ids are English. The .mo files are compiled at build time into a
cache folder, never committed. A string missing from a language's catalog falls back to the
Vietnamese (source language) text and is reported once per string and language.
"""

from __future__ import annotations

import gettext
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from quangba.core.files import write_with

CATALOGS = Path(__file__).resolve().parent / "locales"
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # scripts/quangba
DOMAIN = "messages"
# Where the strings are: the Python package (calls to _()) and the theme overrides (Jinja2).
SOURCES = [
    (PACKAGE_DIR, [("**.py", "python")]),
    (PACKAGE_DIR.parent.parent / "overrides", [("**.html", "jinja2.ext:babel_extract")]),
]

log = logging.getLogger("quangba")


def po_path(catalogs: Path, lang: str) -> Path:
    return catalogs / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path, lang: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


class ReportMissing(gettext.NullTranslations):
    """Sits between a language's catalog and the Vietnamese one: reached only when a string is
    missing, so it reports the string once, then hands over to the source language."""

    def __init__(self, lang: str, report: Callable[[str], None], *, is_source: bool = False):
        super().__init__()
        self.lang = lang
        self.is_source = is_source
        self.report = report
        self.reported: set[str] = set()

    def gettext(self, message: str) -> str:
        if message not in self.reported:
            self.reported.add(message)
            shown = "the text as written in the templates" if self.is_source else "the Vietnamese text"
            self.report(f"interface text {message!r} has no {self.lang} translation; showing {shown}")
        return super().gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular) if n == 1 else self.gettext(plural)


def compile_catalogs(catalogs: Path, cache: Path) -> dict[str, Path]:
    """Compile every <lang>/LC_MESSAGES/messages.po to a .mo under cache; return lang -> .mo."""
    compiled: dict[str, Path] = {}
    for po in sorted(catalogs.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        lang = po.parent.parent.name
        mo = cache / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:  # builds may run side by side: atomic
            catalog = read_catalog(po, lang)  # fuzzy and empty entries are left out
            write_with(mo, partial(write_mo, catalog=catalog))
        compiled[lang] = mo
    return compiled


def translations(lang: str, source_lang: str, compiled: dict[str, Path], report: Callable[[str], None] = log.warning) -> gettext.NullTranslations:
    """gettext for lang: its own catalog, then (reported) the source language's, then the id."""
    source = load_mo(compiled.get(source_lang))
    if lang == source_lang:
        own = source
        source = gettext.NullTranslations()
    else:
        own = load_mo(compiled.get(lang))
    missing = ReportMissing(lang, report, is_source=lang == source_lang)
    missing.add_fallback(source)
    own.add_fallback(missing)
    return own


def load_mo(path: Path | None) -> gettext.NullTranslations:
    if path is None or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


# -- maintainers' commands (quangba i18n extract | update | compile) ------------------------


def extract(catalogs: Path = CATALOGS) -> Path:
    """Collect every _("…") of the package and the overrides into messages.pot."""
    template = Catalog(project="quangba", charset="utf-8", creation_date=datetime.now(UTC))
    for directory, method_map in SOURCES:
        options = {"**.html": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}}
        for filename, lineno, message, comments, context in extract_from_dir(directory, method_map, options):
            template.add(message, None, [(str(Path(directory.name) / filename), lineno)], auto_comments=comments, context=context)
    pot = catalogs / f"{DOMAIN}.pot"
    pot.parent.mkdir(parents=True, exist_ok=True)
    with pot.open("wb") as handle:
        write_po(handle, template, width=100, sort_output=True)
    return pot


def update(languages: list[str], catalogs: Path = CATALOGS) -> list[Path]:
    """Merge messages.pot into each language's catalog (new strings arrive untranslated)."""
    with (catalogs / f"{DOMAIN}.pot").open("rb") as handle:
        template = read_po(handle)
    written = []
    for lang in languages:
        path = po_path(catalogs, lang)
        catalog = read_catalog(path, lang) if path.exists() else Catalog(locale=lang, domain=DOMAIN)
        catalog.update(template)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, sort_output=True, ignore_obsolete=True)
        written.append(path)
    return written
