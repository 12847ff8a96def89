"""Build the site the safe way: every input checked first, the site made in a staging folder of
its own, swapped in only when it succeeded, and marked with the manifest of what it holds.

MkDocs writes straight into site_dir, so a failed build leaves a half-written site behind; and
it meets bad input late (see quangba.site.features.sources). Here:

1. ``prepare()`` reads mkdocs.yml (strict YAML: a key twice is an error), checks the site
   address, decides where the site goes (quangba.core.outputs.guard: never the project, never
   an input, never a folder quangba did not make) and checks every shared input (pages, facts,
   sidecars, videos) before anything is written;
2. ``make()`` builds into a new staging folder (one process per language when there are cores
   to spare) and writes its manifest: every file with its SHA-256 and the inline scripts and
   styles that quangba's and the theme's templates wrote (never those of page content);
3. ``commit()`` swaps it in (quangba.core.outputs.replace_folder).

One MkDocs run (its log turned into an editor's messages) is quangba.site.build.run.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from quangba.config import Settings
from quangba.core import outputs
from quangba.core.errors import UNUSABLE, QuangbaError
from quangba.core.jobs import cpu_count
from quangba.site.build.parallel import build_in_parallel
from quangba.site.build.run import UNCHANGED, BuildOptions, EditorLog, editor_log, failed, load_configuration, run_build
from quangba.site.features.inline import RECORD as INLINE_FILE

SITE_KIND = "site"
URL_CHARACTERS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]*$")


@dataclass
class BuildResult:
    site_dir: Path
    seconds: float
    pages: dict[str, int] = field(default_factory=dict)  # language -> HTML pages written
    warnings: list[str] = field(default_factory=list)


@dataclass
class Prepared:
    """A build about to start: its configuration, where it goes, and what the checks found."""

    settings: Settings
    config: MkDocsConfig
    final: Path  # the site folder it will replace
    site_url: str | None
    warnings: list[str] = field(default_factory=list)

    @property
    def config_file(self) -> Path:
        return self.settings.config_file

    @property
    def languages(self) -> list[str]:
        return [lang.locale for lang in self.config.plugins["i18n"].config.languages if lang.build]

    @property
    def default(self) -> str:
        return self.settings.languages.default

    def inputs(self) -> outputs.Inputs:
        theme_dir = self.config.theme.custom_dir
        return outputs.Inputs.of(self.settings.root, self.settings.docs_dir, self.settings.assets_dir, Path(theme_dir) if theme_dir else None)

    def lock_file(self) -> Path:
        return self.settings.lock_file


def count_pages(site_dir: Path, languages: list[str], default: str) -> dict[str, int]:
    """HTML pages per language: the default language at the root, the others in /<lang>/."""
    others = set(languages) - {default}
    counts = dict.fromkeys(languages, 0)
    for page in site_dir.rglob("index.html"):
        top = page.relative_to(site_dir).parts[0]
        lang = top if top in others else default
        counts[lang] += 1
    return counts


def checked_site_url(value: str, where: str) -> str:
    """An absolute http(s) address ending in '/': it goes into every page's links."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or not URL_CHARACTERS.match(value) or parts.query or parts.fragment:
        message = f"{where}: '{value}' is not a web address the site can be published at (write it like https://doingoai.example.gov.vn/)"
        raise QuangbaError([message], UNUSABLE, summary="Build failed", advice=UNCHANGED)
    return value.rstrip("/") + "/"


def prepare(config_file: Path, site_dir: Path | None, site_url: str | None, handler: EditorLog) -> Prepared:
    """Everything checked before a file is written; QuangbaError with every problem found."""
    config_file = config_file.resolve()
    if not config_file.is_file():
        raise QuangbaError([f"{config_file.name}: not found (run quangba in the project folder or pass --config)"], UNUSABLE, summary="Build failed")
    config = load_configuration(config_file, handler)
    settings = Settings.from_mkdocs(config)
    handler.docs_dir = settings.docs_dir
    handler.shown_docs = settings.shown(settings.docs_dir)
    url = checked_site_url(site_url, "--site-url") if site_url else None
    if config.site_url:
        checked_site_url(config.site_url, f"{config_file.name}: site_url")
    prepared = Prepared(settings, config, settings.site_dir, url)
    try:
        prepared.final = outputs.guard(site_dir if site_dir is not None else settings.site_dir, "the site", prepared.inputs())
        outputs.check_replaceable(prepared.final, SITE_KIND, "the site")
        plugin = config.plugins.get("quangba")
        if plugin is not None:
            prepared.warnings = plugin.check_inputs(config)
    except QuangbaError as error:
        raise failed(error.problems) from None
    return prepared


def make(
    prepared: Prepared,
    handler: EditorLog,
    on_progress: Callable[[str], None],
    jobs: int | None,
    leaflets_out: Path | None = None,
) -> Path:
    """Build into a new staging folder beside the site and mark it; returns the folder."""
    staging = outputs.staging_folder(prepared.final)
    options = BuildOptions(staging, prepared.site_url, leaflets_out, sources_checked=True)
    jobs = min(jobs or cpu_count(), len(prepared.languages))
    try:
        if jobs > 1:
            handler.messages += build_in_parallel(prepared.config_file, options, prepared.languages, prepared.default, jobs, on_progress)
        else:
            options.apply(prepared.config)
            run_build(prepared.config, handler)
        write_site_manifest(staging, prepared)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def write_site_manifest(staging: Path, prepared: Prepared) -> None:
    """Gather each language's record of its template scripts, then list every file."""
    scripts: set[str] = set()
    styles: set[str] = set()
    plugin = prepared.config.plugins.get("quangba")
    for lang in prepared.languages if plugin is not None and plugin.config.enabled else ():
        record = staging / ("" if lang == prepared.default else lang) / INLINE_FILE
        try:
            found = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise failed([f"the build of '{lang}' did not record its inline scripts ({record.name})"]) from None
        scripts.update(found.get("scripts", []))
        styles.update(found.get("styles", []))
        record.unlink()
    site_url = prepared.site_url or prepared.config.site_url or ""
    outputs.write_manifest(staging, SITE_KIND, {"site_url": site_url, "scripts": sorted(scripts), "styles": sorted(styles)})


def commit(staging: Path, prepared: Prepared) -> None:
    try:
        outputs.replace_folder(staging, prepared.final, SITE_KIND, "the site")
    except QuangbaError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise failed(error.problems) from None
    outputs.remove_leftovers(prepared.final)


def build_site(
    config_file: Path,
    on_progress: Callable[[str], None] = lambda lang: None,
    site_dir: Path | None = None,
    site_url: str | None = None,
    jobs: int | None = None,
) -> BuildResult:
    """The whole site, checked, built beside its site_dir (or the given one) and swapped in.

    With jobs > 1 the languages are built side by side in as many processes (the result is the
    same as one after the other). Raises QuangbaError."""
    started = time.perf_counter()
    with editor_log(config_file.resolve().parent, on_progress) as handler:
        prepared = prepare(config_file, site_dir, site_url, handler)
        with outputs.project_lock(prepared.lock_file()):
            staging = make(prepared, handler, on_progress, jobs)
            commit(staging, prepared)
    return result_of(prepared, started, handler.messages)


def result_of(prepared: Prepared, started: float, messages: list[str]) -> BuildResult:
    pages = count_pages(prepared.final, prepared.languages, prepared.default)
    return BuildResult(prepared.final, time.perf_counter() - started, pages, prepared.warnings + messages)
