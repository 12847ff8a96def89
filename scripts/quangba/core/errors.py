"""The one way quangba reports what stops it: a list of problems, each naming its file and line.

Every command prints a QuangbaError the same way (quangba.cli) and exits with its code:

    0  done
    1  FAILED    the work found problems to fix (a page, a photo, a leaflet, a check, a publish refused)
    2  UNUSABLE  the input cannot be used at all (a configuration, a file or an option that is not usable)
    3  INTERNAL  quangba itself failed: a bug to report (run again with `quangba --debug`)
  130  interrupted (Ctrl+C, kill)

Inside a build the MkDocs plugin turns it into MkDocs' PluginError (quangba.site.plugin), so that
`mkdocs build` and `mkdocs serve` show the same problems.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

OK, FAILED, UNUSABLE, INTERNAL, INTERRUPTED = 0, 1, 2, 3, 130


@dataclass(frozen=True)
class Problem:
    """One thing to fix: where (a file, and a line when known) and what."""

    path: Path | None
    message: str
    line: int | None = None

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class QuangbaError(Exception):
    """Raised with every problem found at once, so that an editor fixes them in one pass.

    summary is the first line shown ("Not published: …"); advice the last ("Fix the leaflets above.")."""

    def __init__(self, problems: Iterable[Problem | str], exit_code: int = FAILED, summary: str = "", advice: str = ""):
        self.problems = [p if isinstance(p, Problem) else Problem(None, p) for p in problems]
        self.exit_code = exit_code
        self.summary = summary
        self.advice = advice
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


def problem(path: Path | None, message: str, line: int | None = None, exit_code: int = FAILED) -> QuangbaError:
    """A QuangbaError with one problem (for `raise problem(path, "…")`)."""
    return QuangbaError([Problem(path, message, line)], exit_code)
