"""Front matter of a Markdown page: the YAML block between '---' lines at the top.

MkDocs silently ignores front matter it cannot parse and shows it as text on the page; editors
would never notice. Here a broken block is a problem naming the file and the line. The file is
read the way MkDocs reads it (UTF-8 with or without a byte-order mark, any line endings), so
every reader of a page sees the same front matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quangba.core import yamlfile
from quangba.core.errors import Problem, QuangbaError

# `quangba new` writes translation stubs marked `untranslated: true`: the build leaves them out
# (readers get the source page with a notice) and coverage counts the translation missing.
STUB_KEY = "untranslated"

OPENING = re.compile(r"\A---[ \t]*\r?\n")
CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass
class Page:
    """A source page split into its front matter and body."""

    path: Path
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line number of the body's first line in the file
    document: yamlfile.YamlDocument | None = None  # the front matter with its lines

    @property
    def content_line(self) -> int:
        """Line of the first line MkDocs hands to plugins: it drops the blank lines after the
        front matter, so line numbers in messages must skip them too."""
        blank = len(self.body) - len(self.body.lstrip("\n"))
        return self.body_line + self.body.count("\n", 0, blank)

    def line_of(self, key: str) -> int:
        """Line of a front matter key (the opening line when there is no such key)."""
        return (self.document.line(key) if self.document else None) or 1


def is_stub(meta: dict[str, Any]) -> bool:
    return meta.get(STUB_KEY) is True


def split(path: Path, text: str) -> Page:
    """Split text into front matter and body; raise QuangbaError on bad YAML."""
    opening = OPENING.match(text)
    if not opening:
        return Page(path, {}, text, 1)
    closing = CLOSING.search(text, opening.end())
    if not closing:
        raise QuangbaError([Problem(path, "front matter starts here but has no closing '---' line", 1)])
    block = text[opening.end() : closing.start()]
    try:
        document = yamlfile.parse(block, path, first_line=2)
    except QuangbaError as error:
        raise QuangbaError([replace_message(error.problems[0], "front matter")]) from None
    meta = document.data
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise QuangbaError([Problem(path, "front matter must be 'key: value' lines", 2)])
    body_start = closing.end() + 1
    body_line = text.count("\n", 0, body_start) + 1
    return Page(path, meta, text[body_start:], body_line, document)


def replace_message(problem: Problem, what: str) -> Problem:
    """'not valid YAML: …' as '<what> is not valid YAML: …'."""
    message = problem.message
    message = f"{what} is {message}" if message.startswith("not valid YAML") else f"{what}: {message}"
    return Problem(problem.path, message, problem.line)


def decode(raw: bytes, shown: Path) -> str:
    """The text of a page as MkDocs reads it: UTF-8 (a byte-order mark dropped), '\\n' line ends."""
    try:
        text = yamlfile.decode(raw, shown)
    except QuangbaError as error:
        raise QuangbaError([error.problems[0]]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read(path: Path, shown_as: Path | None = None) -> Page:
    """Read a page from disk; problems name it as shown_as (a path an editor recognises)."""
    name = shown_as or path
    return split(name, decode(path.read_bytes(), name))
