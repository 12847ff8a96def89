"""Front matter of a Markdown page: the YAML block between '---' lines at the top.

MkDocs silently ignores front matter it cannot parse and shows it as text on the page; editors
would never notice. Here a broken block is a problem naming the file and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from quangba.problems import InputError, Problem

# libyaml's parser when PyYAML was built with it (the wheels are): several times faster.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

OPENING = re.compile(r"\A---[ \t]*\r?\n")
CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass
class Page:
    """A source page split into its front matter and body."""

    path: Path
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line number of the body's first line in the file

    @property
    def content_line(self) -> int:
        """Line of the first line MkDocs hands to plugins: it drops the blank lines after the
        front matter, so line numbers in messages must skip them too."""
        blank = len(self.body) - len(self.body.lstrip("\n"))
        return self.body_line + self.body.count("\n", 0, blank)


def split(path: Path, text: str) -> Page:
    """Split text into front matter and body; raise ValueError-like Problem on bad YAML."""
    opening = OPENING.match(text)
    if not opening:
        return Page(path, {}, text, 1)
    closing = CLOSING.search(text, opening.end())
    if not closing:
        raise FrontMatterError(Problem(path, "front matter starts here but has no closing '---' line", 1))
    block = text[opening.end() : closing.start()]
    try:
        meta = yaml.load(block, Loader=Loader)
    except yaml.YAMLError as error:
        line = error_line(error, block) + 2  # +1 for 0-based lines, +1 for the opening '---'
        reason = getattr(error, "problem", None) or str(error)
        raise FrontMatterError(Problem(path, f"front matter is not valid YAML: {reason}", line)) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(Problem(path, "front matter must be 'key: value' lines", 2))
    body_start = closing.end() + 1
    body_line = text.count("\n", 0, body_start) + 1
    return Page(path, meta, text[body_start:], body_line)


def error_line(error: yaml.YAMLError, block: str) -> int:
    """0-based line of the block where a YAML error is: where it was noticed, unless that is the
    end of the block (an unclosed bracket or quote), then where the unclosed thing started."""
    problem = getattr(error, "problem_mark", None)
    context = getattr(error, "context_mark", None)
    if problem is None:
        return 0
    if context is not None and problem.index >= len(block.rstrip()):
        return context.line
    return problem.line


def read(path: Path, shown_as: Path | None = None) -> Page:
    """Read a page from disk; problems name it as shown_as (a path an editor recognises)."""
    name = shown_as or path
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise FrontMatterError(Problem(name, "not UTF-8 text: save the file as UTF-8", line)) from None
    return split(name, text)


class FrontMatterError(InputError):
    """One page's front matter problem (an InputError, so wherever it surfaces it stops the
    build with the file and line, not a traceback)."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__([problem])
