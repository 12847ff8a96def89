"""What every build-like command shares: content hashes, cache keys, and worker processes.

Images, leaflets, the site and the coverage check each skip work whose inputs did not change (a
key over the hashes of every input) and spread the rest over the cores the process may use.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from pathlib import Path
from typing import Any


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (hex)."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def key_of(*parts: Any) -> str:
    """A stable hash of JSON-able parts (dataclass fields, digests, version numbers)."""
    text = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cpu_count() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def pool_context() -> multiprocessing.context.BaseContext:
    """fork where there is one (Linux): workers start at once with what the parent imported and
    need not re-import its main module (spawn and forkserver fail when that is a script read from
    stdin). Callers fork from the main thread, before starting threads of their own."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def shared_cache(name: str) -> Path:
    """A cache of this user's shared by all projects (XDG_CACHE_HOME, else ~/.cache), for work
    whose key is the hash of everything it depends on: a font cut made for one project (or a
    test's copy of it) serves every other."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "quangba" / name
