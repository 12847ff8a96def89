"""A problem found in the editors' input, always named by file and, where known, line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError


@dataclass(frozen=True)
class Problem:
    path: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class InputError(PluginError):
    """Raised with every problem at once, so an editor fixes them in one pass.

    A PluginError, so that MkDocs (e.g. `mkdocs serve`) shows it as a build error, not a crash."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
