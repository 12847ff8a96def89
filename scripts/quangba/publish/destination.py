"""The publishing folder on the web server (DEST): its releases, its live link and its lock."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from quangba.core.errors import FAILED, QuangbaError
from quangba.publish.manifest import META_DIR

RELEASE_NAME = re.compile(r"^\d{8}T\d{6}Z-[0-9a-z]+$")
INCOMING_PREFIX = ".incoming-"  # a release being copied; renamed to its name once verified
REMOVING_PREFIX = ".removing-"  # an old release being deleted


def PublishError(lines: list[str]) -> QuangbaError:  # noqa: N802 - read as the error it makes
    """Publishing stopped: the first line says what, the others why and what to do. The live
    site is unchanged unless a line says otherwise."""
    return QuangbaError(lines[1:], FAILED, summary=lines[0])


@dataclass(frozen=True)
class Release:
    name: str
    path: Path

    @property
    def info(self) -> dict:
        try:
            return json.loads((self.path / META_DIR / "release.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    @property
    def complete(self) -> bool:
        return (self.path / META_DIR / "release.json").is_file()


def describe_os_error(error: OSError) -> str:
    reasons = {
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
        errno.EROFS: "the disk is read-only",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
    }
    return reasons.get(error.errno or 0, error.strerror or str(error))


class Destination:
    def __init__(self, root: Path):
        self.root = root
        self.releases_dir = root / "releases"
        self.current = root / "current"
        self.nginx_dir = root / "nginx"
        self.lock_file = root / ".publish.lock"

    # -- reading -------------------------------------------------------------------------

    def check_layout(self) -> None:
        """Refuse a DEST quangba did not make: a current that is a real folder, or that points
        somewhere else than DEST/releases."""
        if self.root.exists() and not self.root.is_dir():
            raise PublishError([f"{self.root} is a file, not a folder."])
        if self.releases_dir.exists() and not self.releases_dir.is_dir():
            raise PublishError([f"{self.releases_dir} is a file, not a folder; move it away and publish again."])
        if self.current.exists() or self.current.is_symlink():
            if not self.current.is_symlink():
                kind = "a folder" if self.current.is_dir() else "a file"
                raise PublishError(
                    [
                        f"{self.current} is {kind}, not a symbolic link, so it cannot be switched safely.",
                        f"Move it away (e.g. mv {self.current} {self.root}/current.old) and publish again; nothing was changed.",
                    ]
                )
            target = Path(os.readlink(self.current))
            resolved = (self.root / target).resolve() if not target.is_absolute() else target.resolve()
            if resolved.parent != self.releases_dir.resolve():
                raise PublishError(
                    [
                        f"{self.current} points to {target}, which is not a release in {self.releases_dir}.",
                        "quangba only switches links it made; move the link away and publish again. Nothing was changed.",
                    ]
                )

    def releases(self) -> list[Release]:
        """Releases, oldest first (their names start with the UTC time)."""
        if not self.releases_dir.is_dir():
            return []
        return sorted(
            (Release(p.name, p) for p in self.releases_dir.iterdir() if RELEASE_NAME.match(p.name) and p.is_dir() and not p.is_symlink()),
            key=lambda release: release.name,
        )

    def leftovers(self) -> list[Path]:
        """Folders of interrupted publishes and deletions."""
        if not self.releases_dir.is_dir():
            return []
        return sorted(p for p in self.releases_dir.iterdir() if p.name.startswith((INCOMING_PREFIX, REMOVING_PREFIX)))

    def live(self) -> Release | None:
        if not self.current.is_symlink():
            return None
        name = Path(os.readlink(self.current)).name
        path = self.releases_dir / name
        return Release(name, path) if path.is_dir() else None

    # -- writing -------------------------------------------------------------------------

    def prepare(self) -> None:
        """Make DEST and DEST/releases if needed; say clearly when that is not possible."""
        try:
            if not self.root.exists() and not self.root.parent.is_dir():
                raise PublishError([f"{self.root.parent} does not exist; create it or choose another DEST."])
            for folder in (self.root, self.releases_dir, self.nginx_dir):
                if not folder.is_dir():
                    folder.mkdir()
                    os.chmod(folder, 0o755)  # whatever the umask, the web server's user must get through
        except OSError as error:
            raise PublishError([f"Cannot write to {self.root}: {describe_os_error(error)}.", "Nothing was changed."]) from None

    @contextmanager
    def locked(self) -> Iterator[None]:
        """One publish or rollback at a time. The lock goes with the process, even when killed."""
        try:
            handle = os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise PublishError([f"Cannot write to {self.root}: {describe_os_error(error)}.", "Nothing was changed."]) from None
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise PublishError([f"Another publish or rollback is running on {self.root}; wait for it to finish."]) from None
            yield
        finally:
            os.close(handle)

    def clean_leftovers(self) -> list[str]:
        removed = []
        for path in self.leftovers():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
        return removed

    def switch_to(self, release: Release) -> None:
        """Point current at release with one rename: readers get the old or the new site, never a mix."""
        temporary = self.root / f".current.{os.getpid()}"
        temporary.unlink(missing_ok=True)
        os.symlink(Path("releases") / release.name, temporary)
        os.replace(temporary, self.current)
        sync_folder(self.root)

    def remove(self, release: Release) -> None:
        """Delete an old release: renamed first, so a half-deleted one never looks like a release."""
        doomed = self.releases_dir / f"{REMOVING_PREFIX}{release.name}"
        os.rename(release.path, doomed)
        shutil.rmtree(doomed, ignore_errors=True)


def sync_folder(folder: Path) -> None:
    """Make a rename in folder durable (its directory entry reaches the disk)."""
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
