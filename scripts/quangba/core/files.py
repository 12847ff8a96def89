"""Writing files the safe way: a temporary file beside the target, renamed over it at the end, so
an interrupted or failed run never leaves half a page, photo, PDF or report in place of a good one
(and a reader, nginx among them, sees the old file or the new one, never a mix).

The one writer of every output quangba makes. A file that exists keeps its permissions; a new one
gets the usual ones (0644 under the usual umask), so that a web server or a print shop's share can
read it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_with(path: Path, write: Callable[[BinaryIO], object], durable: bool = False) -> int:
    """Call write(file) on a temporary file beside path, then rename it over path; returns the
    size. durable: the data reaches the disk before the rename (for what must survive a power cut)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        move_into_place(Path(temporary), path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path.stat().st_size


def move_into_place(temporary: Path, path: Path) -> None:
    """Rename a finished temporary file over path, with path's permissions (or the usual ones:
    a temporary file is created readable by its owner only, which a print shop's share cannot read)."""
    os.chmod(temporary, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~current_umask())
    os.replace(temporary, path)


def write_bytes(path: Path, data: bytes, durable: bool = False) -> int:
    return write_with(path, lambda stream: stream.write(data), durable)


def write_text(path: Path, text: str, durable: bool = False) -> int:
    """UTF-8, line endings exactly as given."""
    return write_bytes(path, text.encode("utf-8"), durable)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Replace path only when it holds something else (a file nginx rereads); True if written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    write_bytes(path, data, durable=True)
    return True


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def shown(path: Path, root: Path) -> Path:
    """A path as an editor sees it: relative to the project folder when inside it (a symbolic
    link by its own name, not its target's), as it is otherwise."""
    if path.absolute().is_relative_to(root.absolute()):
        return path.absolute().relative_to(root.absolute())
    try:
        resolved, folder = path.resolve(), root.resolve()
    except (RuntimeError, OSError):  # a link loop (RuntimeError up to Python 3.12): named as written
        return path
    return resolved.relative_to(folder) if resolved.is_relative_to(folder) else path
