"""What was already made, so that a run with nothing changed does no image work.

Each output set (one photo's web sizes, one photo at one print preset) is recorded under a key:
a hash of the source photo's bytes, its sidecar, the settings or preset and the colour profile.
A job whose key matches and whose files are still there, unchanged, is skipped.

Hashing a 20 MB photo takes longer than processing it from cache should, so a source's hash is
remembered with its size and modification time (as git's index does) and computed again only
when either changes.
"""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quangba.core.files import write_with
from quangba.core.jobs import file_digest

MANIFEST_VERSION = 1


def digest_or_none(path: str) -> str | None:
    """file_digest for a worker process: an unreadable file is reported later, by the job."""
    try:
        return file_digest(Path(path))
    except OSError:
        return None


def stat_signature(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


@dataclass
class Entry:
    key: str
    files: dict[str, list[int]] = field(default_factory=dict)  # output path -> [size, mtime_ns]
    warnings: list[str] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)


class Manifest:
    """The cache's memory, one JSON file in the cache folder."""

    def __init__(self, path: Path, enabled: bool = True):
        self.path = path
        self.enabled = enabled
        self.sources: dict[str, dict[str, Any]] = {}
        self.entries: dict[str, Entry] = {}
        self.changed = False
        if enabled:
            self.load()

    @contextmanager
    def locked(self) -> Iterator[Manifest]:
        """Hold the cache for one run. Several processes may build at once (one per site language,
        or a `quangba images web` beside a build): the second waits, re-reads what the first
        recorded, and finds its work done instead of doing it again over the same files."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.parent / ".lock", "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                if self.enabled:
                    self.sources, self.entries, self.changed = {}, {}, False
                    self.load()
                yield self
            finally:
                if fcntl is not None:
                    fcntl.flock(handle, fcntl.LOCK_UN)

    def load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # no cache yet, or a damaged one: start afresh
        if data.get("version") != MANIFEST_VERSION:
            return
        self.sources = data.get("sources", {})
        for job_id, raw in data.get("entries", {}).items():
            self.entries[job_id] = Entry(raw["key"], raw.get("files", {}), raw.get("warnings", []), raw.get("info", {}))

    def save(self) -> None:
        if not self.enabled or not self.changed:
            return
        data = {
            "version": MANIFEST_VERSION,
            "sources": self.sources,
            "entries": {job_id: vars(entry) for job_id, entry in sorted(self.entries.items())},
        }
        payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        write_with(self.path, lambda file: file.write(payload))
        self.changed = False

    def knows(self, path: Path) -> bool:
        """Whether path's hash is remembered for its current size and modification time."""
        known = self.sources.get(str(path))
        try:
            return known is not None and known.get("stat") == stat_signature(path)
        except OSError:
            return False

    def remember(self, path: Path, digest: str) -> None:
        self.sources[str(path)] = {"stat": stat_signature(path), "sha256": digest}
        self.changed = True

    def source_digest(self, path: Path) -> str:
        """sha256 of path's bytes, recomputed only when its size or modification time changed."""
        name = str(path)
        signature = stat_signature(path)
        known = self.sources.get(name)
        if known and known.get("stat") == signature:
            return known["sha256"]
        digest = file_digest(path)
        self.sources[name] = {"stat": signature, "sha256": digest}
        self.changed = True
        return digest

    def fresh(self, job_id: str, key: str) -> Entry | None:
        """The recorded entry when it has this key and every file it lists is still as written."""
        if not self.enabled:
            return None
        entry = self.entries.get(job_id)
        if entry is None or entry.key != key:
            return None
        for name, signature in entry.files.items():
            try:
                if stat_signature(Path(name)) != signature:
                    return None
            except OSError:
                return None
        return entry

    def record(self, job_id: str, key: str, files: list[Path], warnings: list[str], info: dict[str, Any]) -> None:
        self.entries[job_id] = Entry(key, {str(p): stat_signature(p) for p in files}, list(warnings), dict(info))
        self.changed = True

    def forget(self, job_id: str) -> None:
        if self.entries.pop(job_id, None) is not None:
            self.changed = True
