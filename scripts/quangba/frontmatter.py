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
from quangba.problems import InputError, Problem

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


def split(path: Path, text: str) -> Page:
    """Split text into front matter and body; raise FrontMatterError on bad YAML."""
    opening = OPENING.match(text)
    if not opening:
        return Page(path, {}, text, 1)
    closing = CLOSING.search(text, opening.end())
    if not closing:
        raise FrontMatterError(Problem(path, "front matter starts here but has no closing '---' line", 1))
    block = text[opening.end() : closing.start()]
    try:
        document = yamlfile.parse(block, path, first_line=2)
    except yamlfile.YamlError as error:
        raise FrontMatterError(replace_message(error.problem, "front matter")) from None
    meta = document.data
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(Problem(path, "front matter must be 'key: value' lines", 2))
    body_start = closing.end() + 1
    body_line = text.count("\n", 0, body_start) + 1
    return Page(path, meta, text[body_start:], body_line, document)


def replace_message(problem: Problem, what: str) -> Problem:
    """'not valid YAML: …' as '<what> is not valid YAML: …'."""
    message = problem.message
    if message.startswith("not valid YAML"):
        message = f"{what} is {message}"
    else:
        message = f"{what}: {message}"
    return Problem(problem.path, message, problem.line)


def decode(raw: bytes, shown: Path) -> str:
    """The text of a page as MkDocs reads it: UTF-8 (a byte-order mark dropped), '\\n' line ends."""
    try:
        text = yamlfile.decode(raw, shown)
    except yamlfile.YamlError as error:
        raise FrontMatterError(error.problem) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read(path: Path, shown_as: Path | None = None) -> Page:
    """Read a page from disk; problems name it as shown_as (a path an editor recognises)."""
    name = shown_as or path
    return split(name, decode(path.read_bytes(), name))


class FrontMatterError(InputError):
    """One page's front matter problem (an InputError, so wherever it surfaces it stops the
    build with the file and line, not a traceback)."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__([problem])
