"""The contents of a release: the site's files, their .gz copies, and the release metadata."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from quangba import __version__
from quangba.core import outputs
from quangba.publish import csp
from quangba.publish.compress import gzipped, wants_gzip
from quangba.publish.manifest import CHUNK, META_DIR, manifest_text

FILE_MODE, FOLDER_MODE = 0o644, 0o755  # readable by the web server's user, whatever the umask


@dataclass
class Contents:
    digests: dict[str, str] = field(default_factory=dict)  # relative path -> SHA-256, .gz copies included
    bytes: int = 0

    @property
    def files(self) -> int:
        return len(self.digests)


@dataclass(frozen=True)
class Origin:
    """Where a release comes from, recorded in its release.json."""

    name: str
    created: dt.datetime
    commit: str | None
    dirty: bool | None
    site_url: str | None


def site_files(site: Path) -> Iterator[tuple[str, Path]]:
    """The files a release holds: the site's, but not the build's manifest (not for readers)."""
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if relative != outputs.MANIFEST_NAME and path.is_file() and not path.is_symlink():
            yield relative, path


def estimated_size(site: Path) -> int:
    """Bytes a release of site needs: its files plus, at most, half their size again in .gz copies."""
    total = 0
    for relative, path in site_files(site):
        size = path.stat().st_size
        total += size + (size // 2 if wants_gzip(relative, size) else 0)
    return total + (1 << 20)


def copy_site(site: Path, target: Path, on_file: Callable[[str], None] = lambda name: None) -> Contents:
    """Copy site into target (which must not exist), adding .gz copies of text files; hash as it goes."""
    contents = Contents()
    target.mkdir(mode=FOLDER_MODE)
    os.chmod(target, FOLDER_MODE)  # mkdir's mode is cut by the umask; the web server must read it
    for relative, source in site_files(site):
        on_file(relative)
        destination = target / relative
        make_folders(destination.parent, target)
        stat = source.stat()
        if wants_gzip(relative, stat.st_size):
            data = source.read_bytes()
            contents.digests[relative] = write_file(destination, data, stat.st_mtime_ns)
            contents.bytes += len(data)
            packed = gzipped(data)
            if packed is not None and not (site / f"{relative}.gz").exists():
                contents.digests[f"{relative}.gz"] = write_file(destination.with_name(destination.name + ".gz"), packed, stat.st_mtime_ns)
                contents.bytes += len(packed)
        else:
            contents.digests[relative] = stream_file(source, destination, stat.st_mtime_ns)
            contents.bytes += stat.st_size
    return contents


def make_folders(folder: Path, root: Path) -> None:
    missing = []
    while folder != root and not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir(mode=FOLDER_MODE)
        os.chmod(path, FOLDER_MODE)


def write_file(path: Path, data: bytes, mtime_ns: int) -> str:
    with open(path, "xb") as stream:
        stream.write(data)
    finish_file(path, mtime_ns)
    return hashlib.sha256(data).hexdigest()


def stream_file(source: Path, path: Path, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with source.open("rb") as reader, open(path, "xb") as writer:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
            writer.write(chunk)
    finish_file(path, mtime_ns)
    return digest.hexdigest()


def finish_file(path: Path, mtime_ns: int) -> None:
    os.chmod(path, FILE_MODE)
    os.utime(path, ns=(mtime_ns, mtime_ns))  # Last-Modified and ETag stay those of the build


def metadata_files(contents: Contents, origin: Origin, hashes: set[csp.Source]) -> dict[str, str]:
    """The files of a release's .quangba folder: name -> text."""
    info = {
        "name": origin.name,
        "created": origin.created.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "git_commit": origin.commit,
        "git_uncommitted_changes": origin.dirty,
        "built_for": origin.site_url,
        "files": contents.files,
        "bytes": contents.bytes,
        "quangba": __version__,
    }
    return {
        "manifest.sha256": manifest_text(contents.digests),
        "release.json": json.dumps(info, ensure_ascii=False, indent=2) + "\n",
        "csp-hashes.txt": csp.sources_text(hashes),
    }


def write_metadata(target: Path, contents: Contents, origin: Origin, hashes: set[csp.Source]) -> None:
    meta = target / META_DIR
    meta.mkdir(mode=FOLDER_MODE)
    os.chmod(meta, FOLDER_MODE)
    for name, text in metadata_files(contents, origin, hashes).items():
        path = meta / name
        path.write_text(text, encoding="utf-8")
        os.chmod(path, FILE_MODE)


def git_commit(project: Path) -> tuple[str | None, bool | None]:
    """The project's short commit hash and whether files differ from it; (None, None) outside git."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=project, capture_output=True, text=True, timeout=30)
        if head.returncode != 0:
            return None, None
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=project, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None, None
    return head.stdout.strip() or None, (bool(status.stdout.strip()) if status.returncode == 0 else None)
