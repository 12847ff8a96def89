"""Build the site the safe way: every input checked first, the site made in a staging folder of
its own, swapped in only when it succeeded, and marked with the manifest of what it holds.

MkDocs writes straight into site_dir, so a failed build leaves a half-written site behind; and
it meets bad input late (see quangba.sources). Here:

1. ``prepare()`` reads mkdocs.yml (strict YAML: a key twice is an error), checks the site
   address, decides where the site goes (quangba.core.outputs.guard: never the project, never
   an input, never a folder quangba did not make) and checks every shared input (pages, facts,
   sidecars, videos) before anything is written;
2. ``make()`` builds into a new staging folder (one process per language when there are cores
   to spare) and writes its manifest: every file with its SHA-256 and the inline scripts and
   styles that quangba's and the theme's templates wrote (never those of page content);
3. ``commit()`` swaps it in (quangba.core.outputs.replace_folder).

MkDocs' log is turned into short messages an editor can act on (file and line, no traceback).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from quangba.core import outputs, yamlfile
from quangba.problems import InputError

BUILDING_LANGUAGE = re.compile(r"Building '(?P<lang>[^']+)' documentation")
MISSING_LINK = re.compile(
    r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but the target(?: '[^']*')? is not found among documentation files"
)
MISSING_ANCHOR = re.compile(r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but the doc '[^']*' does not contain an anchor")
SITE_KIND = "site"
INLINE_FILE = ".quangba-inline.json"  # each language's template scripts, until the manifest takes them
URL_CHARACTERS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]*$")


class BuildFailed(Exception):
    """The build stopped; ``problems`` are the messages to show, one per line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class BuildResult:
    site_dir: Path
    seconds: float
    pages: dict[str, int] = field(default_factory=dict)  # language -> HTML pages written
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BuildOptions:
    """What a build changes in mkdocs.yml's settings; sent to each language's process too."""

    site_dir: Path
    site_url: str | None = None
    leaflets_out: Path | None = None  # the leaflets being made with this build (staged)
    sources_checked: bool = False  # prepare() ran the source checks: the plugin need not

    def apply(self, config: MkDocsConfig) -> None:
        config.site_dir = str(self.site_dir)  # read by the plugins at build time, after this point
        if self.site_url:
            config.site_url = self.site_url
        plugin = config.plugins.get("quangba")
        if plugin is not None:
            if self.sources_checked:
                plugin.sources_checked = True  # type: ignore[attr-defined]
            if self.leaflets_out is not None:
                plugin.config.leaflets.out_dir = str(self.leaflets_out)  # type: ignore[attr-defined]


@dataclass
class Prepared:
    """A build about to start: its configuration, where it goes, and what the checks found."""

    config_file: Path
    config: MkDocsConfig
    final: Path  # the site folder it will replace
    site_url: str | None
    languages: list[str]
    default: str
    warnings: list[str] = field(default_factory=list)

    @property
    def project(self) -> Path:
        return self.config_file.parent

    def inputs(self) -> outputs.Inputs:
        theme_dir = self.config.theme.custom_dir
        plugin = self.config.plugins.get("quangba")
        assets = self.project / plugin.config.assets_dir if plugin is not None else None  # type: ignore[attr-defined]
        return outputs.Inputs.of(self.project, Path(self.config.docs_dir), assets, Path(theme_dir) if theme_dir else None)

    def lock_file(self) -> Path:
        plugin = self.config.plugins.get("quangba")
        cache = plugin.config.cache_dir if plugin is not None else ".cache/quangba"  # type: ignore[attr-defined]
        return self.project / cache / "build.lock"


class EditorLog(logging.Handler):
    """Collects MkDocs' warnings and errors as editor-readable lines (each once) and reports progress."""

    def __init__(self, docs_dir: Path, shown_docs: Path, on_progress: Callable[[str], None]):
        super().__init__(logging.INFO)
        self.docs_dir = docs_dir
        self.shown_docs = shown_docs
        self.on_progress = on_progress
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.levelno < logging.WARNING:
            if match := BUILDING_LANGUAGE.search(text):
                self.on_progress(match["lang"])
            return
        if text.startswith(("Aborted with", "Error reading page")):
            return  # MkDocs' own summaries: the problems themselves are reported separately
        message = self.readable(text)
        if message not in self.messages:  # each language build repeats the same warning
            self.messages.append(message)

    def readable(self, text: str) -> str:
        for pattern, what in ((MISSING_LINK, "links to a page or file that does not exist"), (MISSING_ANCHOR, "links to a heading that does not exist")):
            if match := pattern.search(text):
                line = find_line(self.docs_dir / match["file"], match["link"])
                where = f"{self.shown_docs / match['file']}" + (f":{line}" if line else "")
                return f"{where}: '{match['link']}' {what}"
        return text.strip().removeprefix("quangba: ")


def quiet_jieba() -> None:
    """jieba (Chinese search segmentation) logs at DEBUG on import; keep the editor's screen clean."""
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)


def relative_to(path: Path, root: Path) -> Path:
    return path.relative_to(root) if path.is_relative_to(root) else path


def find_line(path: Path, needle: str) -> int | None:
    """First line of path that contains needle (a link target), for messages."""
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
            if needle in line:
                return number
    except (OSError, UnicodeDecodeError):
        return None
    return None


def count_pages(site_dir: Path, languages: list[str], default: str) -> dict[str, int]:
    """HTML pages per language: the default language at the root, the others in /<lang>/."""
    others = set(languages) - {default}
    counts = {lang: 0 for lang in languages}
    for page in site_dir.rglob("index.html"):
        top = page.relative_to(site_dir).parts[0]
        lang = top if top in others else default
        counts[lang] += 1
    return counts


@contextmanager
def editor_log(project: Path, on_progress: Callable[[str], None]) -> Iterator[EditorLog]:
    """Collect MkDocs' and quangba's messages while a build runs (see EditorLog)."""
    handler = EditorLog(project / "docs", Path("docs"), on_progress)
    mkdocs_logger = logging.getLogger("mkdocs")
    # quangba's own warnings (e.g. an untranslated interface string): shown, not fatal in strict mode.
    own_logger = logging.getLogger("quangba")
    previous_level = mkdocs_logger.level
    mkdocs_logger.setLevel(logging.INFO)
    for logger in (mkdocs_logger, own_logger):
        logger.addHandler(handler)
        logger.propagate = False
    quiet_jieba()
    try:
        yield handler
    finally:
        for logger in (mkdocs_logger, own_logger):
            logger.removeHandler(handler)
            logger.propagate = True
        mkdocs_logger.setLevel(previous_level)


def run_build(config: MkDocsConfig, handler: EditorLog) -> None:
    """mkdocs build, with its failures turned into BuildFailed and its messages."""
    try:
        mkdocs_build(config)
    except InputError as error:
        raise BuildFailed([str(p) for p in error.problems]) from None
    except (Abort, MkDocsException, ConfigurationError) as error:
        problems = list(handler.messages)
        if not problems or not isinstance(error, (Abort, ConfigurationError)):
            problems.append(str(error).strip())
        raise BuildFailed(problems) from None


def load_configuration(config_file: Path, handler: EditorLog) -> MkDocsConfig:
    """Load mkdocs.yml; its problems are reported as the file's, whichever way MkDocs raises them.
    It is first read as strict YAML: MkDocs would keep the last of two `nav:` without a word."""
    try:
        yamlfile.read(config_file, Path(config_file.name), loader=yamlfile.TolerantTagsLoader)
    except yamlfile.YamlError as error:
        raise BuildFailed([str(error.problem)]) from None
    try:
        return load_config(config_file=str(config_file))
    except (Abort, ConfigurationError) as error:
        lines = handler.messages or [str(error).strip()]
        raise BuildFailed([f"{config_file.name}: {line}" for line in lines]) from None


def checked_site_url(value: str, where: str) -> str:
    """An absolute http(s) address ending in '/', or BuildFailed: it goes into every page's links."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or not URL_CHARACTERS.match(value) or parts.query or parts.fragment:
        raise BuildFailed([f"{where}: '{value}' is not a web address the site can be published at (write it like https://doingoai.example.gov.vn/)"])
    return value.rstrip("/") + "/"


def prepare(config_file: Path, site_dir: Path | None, site_url: str | None, handler: EditorLog) -> Prepared:
    """Everything checked before a file is written; raises BuildFailed with every problem found."""
    config_file = config_file.resolve()
    if not config_file.is_file():
        raise BuildFailed([f"{config_file.name}: not found (run quangba in the project folder or pass --config)"])
    config = load_configuration(config_file, handler)
    handler.docs_dir = Path(config.docs_dir)
    handler.shown_docs = relative_to(handler.docs_dir, config_file.parent)
    url = checked_site_url(site_url, "--site-url") if site_url else None
    if config.site_url:
        checked_site_url(config.site_url, f"{config_file.name}: site_url")
    i18n = config.plugins["i18n"].config
    languages = [lang.locale for lang in i18n.languages if lang.build]
    default = next(lang.locale for lang in i18n.languages if lang.default)
    prepared = Prepared(config_file, config, Path(config.site_dir), url, languages, default)
    try:
        final = outputs.guard(site_dir if site_dir is not None else Path(config.site_dir), "the site", prepared.inputs())
        outputs.check_replaceable(final, SITE_KIND, "the site")
    except InputError as error:
        raise BuildFailed([str(p) for p in error.problems]) from None
    prepared.final = final
    plugin = config.plugins.get("quangba")
    if plugin is not None:
        try:
            prepared.warnings = plugin.check_inputs(config)  # type: ignore[attr-defined]
        except InputError as error:
            raise BuildFailed([str(p) for p in error.problems]) from None
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
    jobs = min(jobs or available_cores(), len(prepared.languages))
    try:
        if jobs > 1:
            from quangba.parallel_build import build_in_parallel

            handler.messages += build_in_parallel(prepared.config_file, options, prepared.languages, prepared.default, jobs, on_progress)
        else:
            options.apply(prepared.config)
            run_build(prepared.config, handler)
        write_site_manifest(staging, prepared)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def write_site_manifest(staging: Path, prepared: Prepared) -> None:
    """Gather each language's record of its template scripts, then list every file."""
    scripts: set[str] = set()
    styles: set[str] = set()
    plugin = prepared.config.plugins.get("quangba")
    for lang in prepared.languages if plugin is not None and plugin.config.enabled else ():  # type: ignore[attr-defined]
        record = staging / ("" if lang == prepared.default else lang) / INLINE_FILE
        try:
            found = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise BuildFailed([f"the build of '{lang}' did not record its inline scripts ({record.name}): is the quangba plugin enabled?"]) from None
        scripts.update(found.get("scripts", []))
        styles.update(found.get("styles", []))
        record.unlink()
    site_url = prepared.site_url or prepared.config.site_url or ""
    outputs.write_manifest(staging, SITE_KIND, {"site_url": site_url, "scripts": sorted(scripts), "styles": sorted(styles)})


def commit(staging: Path, prepared: Prepared) -> None:
    try:
        outputs.replace_folder(staging, prepared.final, SITE_KIND, "the site")
    except InputError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed([str(p) for p in error.problems]) from None
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
    same as one after the other). Raises BuildFailed."""
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
