"""What quangba may read as content: files inside the project, and only the kinds it publishes.

MkDocs walks the docs folder following every symbolic link: a link to /etc/shadow was published
as a page asset, a link loop hung the build, a dangling one stopped it with a bare
FileNotFoundError. Here every folder quangba reads content from is walked first without
following links; each link is resolved and refused, with a message naming it, when it points
outside the project, nowhere, or back into a folder that contains it.

The files found are classified the way an editor's folder really looks: pages, pages whose
suffix has the wrong case (``Tea.vi.MD``, which MkDocs would publish as raw text), editors'
backups (``index.md~``, ``~$draft.docx``), Office documents, and anything else.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from quangba.core.errors import Problem

PAGE = "page"
WRONG_CASE_PAGE = "wrong-case page"
BACKUP = "backup"
OFFICE = "office"
OTHER = "other"

BACKUP_SUFFIXES = (".bak", ".orig", ".tmp", ".swp", ".swo", ".old", ".rej")
OFFICE_SUFFIXES = (".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".rtf", ".pages", ".key", ".numbers")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def classify(name: str) -> str:
    """The kind of a file, from its name."""
    lower = name.lower()
    if name.endswith("~") or name.startswith(("~$", "#", ".~lock")) or lower.endswith(BACKUP_SUFFIXES):
        return BACKUP
    if name.endswith(".md"):
        return PAGE
    if lower.endswith(MARKDOWN_SUFFIXES):
        return WRONG_CASE_PAGE
    if lower.endswith(OFFICE_SUFFIXES):
        return OFFICE
    return OTHER


def is_hidden(name: str) -> bool:
    """Names MkDocs leaves out by default (its exclude_docs starts with '.*')."""
    return name.startswith(".")


@dataclass
class Walk:
    files: list[Path] = field(default_factory=list)  # paths as found under the folder (links kept), sorted
    problems: list[Problem] = field(default_factory=list)  # every link refused


def walk(folder: Path, project: Path, shown: Callable[[Path], Path], include_hidden: bool = False) -> Walk:
    """Every file under folder that may be read, and a problem for each link that may not.

    Links that stay inside the project are followed; a link back into a folder the walk came
    through (directly or through other links) is reported as a loop instead of walked forever."""
    found = Walk()
    root = project.resolve()

    def visit(directory: Path, real: str, chain: tuple[str, ...]) -> None:
        """chain: the real folders walked through to get here (a link back into one is a loop)."""
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as error:
            found.problems.append(Problem(shown(directory), f"cannot be read: {error.strerror}"))
            return
        for entry in entries:
            if is_hidden(entry.name) and not include_hidden:
                continue
            path = directory / entry.name
            if entry.is_symlink():
                reason, target = refused_link(path, root)
                if reason:
                    found.problems.append(Problem(shown(path), reason))
                    continue
                if target is not None and target.is_dir():
                    if any(is_within(Path(folder), target) for folder in (*chain, real)):
                        found.problems.append(
                            Problem(shown(path), f"is a symbolic link to {shown(target)}, a folder that contains it: the link makes a loop; delete it")
                        )
                        continue
                    visit(path, str(target), (*chain, real))
                    continue
                found.files.append(path)
            elif entry.is_dir(follow_symlinks=False):
                visit(path, os.path.join(real, entry.name), chain)
            elif entry.is_file(follow_symlinks=False):
                found.files.append(path)

    if folder.is_dir():
        visit(folder, str(folder.resolve()), ())
    return found


def refused_link(path: Path, root: Path) -> tuple[str | None, Path | None]:
    """(why the link may not be read, or None; its resolved target)."""
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        where = os.readlink(path) if path.is_symlink() else "a file"
        return f"is a symbolic link to {where}, which does not exist: delete the link or put the file there", None
    except (RuntimeError, OSError) as error:  # RuntimeError: Python 3.11's "Symlink loop"
        if isinstance(error, OSError) and error.errno not in (errno.ELOOP, None):
            return f"cannot be read: {error.strerror}", None
        return "is a symbolic link that points to itself (a loop): delete it", None
    if not is_within(target, root):
        return (
            f"is a symbolic link to {target}, outside the project: copy the file into the project instead (content outside the project is never read)",
            target,
        )
    return None, target


def refused(path: Path, project: Path) -> str | None:
    """Why one file (a photo, a sidecar) may not be read, or None; for files found without walk().
    Resolving the whole path catches a link anywhere along it (the file or a folder above it)."""
    reason, _ = refused_link(path, project.resolve())
    return reason


def is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
