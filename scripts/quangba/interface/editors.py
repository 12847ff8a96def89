"""(Maintainers) The editors' message catalogs of quangba.core.messages: find every t()/tn() of
the package and keep core/locales/<lang>/<capability>.po in step with them.

A message goes to the catalog of the capability whose code says it (scripts/quangba/images/… →
images.po; the package's top-level modules → core.po). Existing translations are kept; a new
message arrives untranslated; a message no longer in the code is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from quangba.core.messages import CATALOGS, SOURCE

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # scripts/quangba
KEYWORDS = {"t": None, "tn": (1, 2), "later": None}


@dataclass(frozen=True)
class Found:
    message: str | tuple[str, ...]
    capability: str
    where: str  # quangba/images/cli.py:42


def found() -> list[Found]:
    """Every editors' message in the package, with the capability it belongs to."""
    messages = []
    for filename, lineno, message, _comments, _context in extract_from_dir(PACKAGE_DIR, [("**.py", "python")], keywords=KEYWORDS):
        parts = Path(filename).parts
        capability = parts[0] if len(parts) > 1 else "core"
        messages.append(Found(message, capability, f"quangba/{filename}:{lineno}"))
    return messages


def key(message: str | tuple[str, ...] | list[str]) -> str:
    return message if isinstance(message, str) else message[0]


def update(lang: str) -> list[Path]:
    """Bring lang's catalogs in step with the code; return the files written."""
    by_capability: dict[str, list[Found]] = {}
    for item in found():
        by_capability.setdefault(item.capability, []).append(item)
    folder = CATALOGS / lang
    old: dict[str, object] = {}
    for path in folder.glob("*.po"):
        with path.open("rb") as handle:
            for entry in read_po(handle, locale=lang):
                if entry.id:
                    old[key(entry.id)] = entry
    written = []
    for capability, items in sorted(by_capability.items()):
        catalog = Catalog(locale=lang, domain=capability, project="quangba", charset="utf-8")
        for item in items:
            previous = old.get(key(item.message))
            string = getattr(previous, "string", None) or (("", "") if isinstance(item.message, tuple) else "")
            flags: set[str] = set(getattr(previous, "flags", ()) or ())
            file, line = item.where.rsplit(":", 1)
            catalog.add(item.message, string, locations=[(file, int(line))], flags=flags)  # a repeated id gains a location
        path = folder / f"{capability}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, sort_output=True, omit_header=False)
        written.append(path)
    return written


def untranslated(lang: str) -> list[Found]:
    """The messages of the code that lang's catalogs do not translate (fuzzy counts as missing)."""
    from quangba.core.messages import catalog

    if lang == SOURCE:
        return []
    catalog.cache_clear()
    known = catalog(lang)
    return [item for item in found() if key(item.message) not in known]
