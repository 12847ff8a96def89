"""One MkDocs run: the configuration loaded (after quangba's own strict reading of it), the
build's settings applied, and MkDocs' log turned into short messages an editor can act on (file
and line, no traceback). Used by the runner, and by each language's process in a parallel build.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from quangba.config import Settings
from quangba.core.errors import FAILED, UNUSABLE, Problem, QuangbaError

BUILDING_LANGUAGE = re.compile(r"Building '(?P<lang>[^']+)' documentation")
MISSING_LINK = re.compile(r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but the target(?: '[^']*')? is not found among documentation files")
MISSING_ANCHOR = re.compile(r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but the doc '[^']*' does not contain an anchor")
UNCHANGED = "The previous site and leaflets (if any) were left unchanged."


def failed(problems: list[str] | list[Problem]) -> QuangbaError:
    """The build stopped: every problem, and what stayed as it was."""
    return QuangbaError(problems, FAILED, summary="Build failed", advice=UNCHANGED)


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
                plugin.state.sources_checked = True
            if self.leaflets_out is not None:
                plugin.config.leaflets.out_dir = str(self.leaflets_out)


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
        for line in text.splitlines():  # a QuangbaError's problems arrive as one message, a line each
            message = self.readable(line)
            if message and message not in self.messages:  # each language build repeats the same warning
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
    """mkdocs build, with its failures turned into QuangbaError and its messages."""
    try:
        mkdocs_build(config)
    except QuangbaError as error:
        raise failed(error.problems) from None
    except (Abort, MkDocsException, ConfigurationError) as error:
        problems = list(handler.messages)
        if not problems or not isinstance(error, (Abort, ConfigurationError)):
            problems.append(str(error).strip())
        raise failed(problems) from None


def load_configuration(config_file: Path, handler: EditorLog) -> MkDocsConfig:
    """Load mkdocs.yml; its problems are reported as the file's, whichever way MkDocs raises them.
    It is first read as strict YAML: MkDocs would keep the last of two `nav:` without a word."""
    Settings.load(config_file)  # strict YAML and quangba's options, as every command reads them
    try:
        return load_config(config_file=str(config_file))
    except (Abort, ConfigurationError) as error:
        lines = handler.messages or [str(error).strip()]
        raise QuangbaError([f"{config_file.name}: {line}" for line in lines], UNUSABLE, summary="Build failed", advice=UNCHANGED) from None
