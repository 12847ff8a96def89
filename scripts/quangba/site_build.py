"""Build the four-language site the safe way: into a new folder, swapped in only when it succeeded.

MkDocs writes straight into site_dir, so a failed build leaves a half-written site behind. Here
the site is built beside it and renamed into place at the end; on failure the old site stays.
MkDocs' log is turned into short messages an editor can act on (file and line, no traceback).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from quangba.problems import InputError

BUILDING_LANGUAGE = re.compile(r"Building '(?P<lang>[^']+)' documentation")
MISSING_LINK = re.compile(
    r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but the target(?: '[^']*')? is not found among documentation files"
)
MISSING_ANCHOR = re.compile(r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but the doc '[^']*' does not contain an anchor")


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
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if needle in line:
                return number
    except OSError:
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


def build_site(
    config_file: Path,
    on_progress: Callable[[str], None] = lambda lang: None,
    site_dir: Path | None = None,
    site_url: str | None = None,
    jobs: int | None = None,
) -> BuildResult:
    """Build the whole site next to its site_dir (or the given one), then swap it in.

    With jobs > 1 the languages are built side by side in as many processes (the result is the
    same as one after the other). Raises BuildFailed."""
    started = time.perf_counter()
    config_file = config_file.resolve()
    if not config_file.is_file():
        raise BuildFailed([f"{config_file.name}: not found (run quangba in the project folder or pass --config)"])
    project = config_file.parent
    with editor_log(project, on_progress) as handler:
        config = load_configuration(config_file, handler)
        handler.docs_dir = Path(config.docs_dir)
        handler.shown_docs = relative_to(handler.docs_dir, project)
        final = site_dir.resolve() if site_dir else Path(config.site_dir)
        staging = final.with_name(f".{final.name}.building")
        shutil.rmtree(staging, ignore_errors=True)
        i18n = config.plugins["i18n"].config
        languages = [lang.locale for lang in i18n.languages if lang.build]
        default = next(lang.locale for lang in i18n.languages if lang.default)
        jobs = min(jobs or os.cpu_count() or 1, len(languages))
        try:
            if jobs > 1:
                from quangba.parallel_build import build_in_parallel

                messages = build_in_parallel(config_file, staging, site_url, languages, default, jobs, on_progress)
            else:
                config.site_dir = str(staging)  # read by the plugins at build time, after this point
                if site_url:
                    config.site_url = site_url.rstrip("/") + "/"
                run_build(config, handler)
                messages = handler.messages
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    swap_into_place(staging, final)
    return BuildResult(final, time.perf_counter() - started, count_pages(final, languages, default), messages)


def load_configuration(config_file: Path, handler: EditorLog):
    """Load mkdocs.yml; its problems are reported as the file's, whichever way MkDocs raises them."""
    try:
        return load_config(config_file=str(config_file))
    except (Abort, ConfigurationError) as error:
        lines = handler.messages or [str(error).strip()]
        raise BuildFailed([f"{config_file.name}: {line}" for line in lines]) from None


def swap_into_place(staging: Path, final: Path) -> None:
    """Replace final with staging using renames, so readers never see a half-written site."""
    retired = final.with_name(f".{final.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    if final.exists():
        final.rename(retired)
    staging.rename(final)
    shutil.rmtree(retired, ignore_errors=True)
