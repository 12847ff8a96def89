"""Precompressed copies (.gz) of the text files, which nginx sends as they are (gzip_static).

Compressing once at publish time at the highest level costs nothing per request; nginx's own
on-the-fly gzip would use a lower level on every request. Photos and fonts are already compressed.
"""

from __future__ import annotations

import gzip
from pathlib import PurePosixPath

TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".webmanifest"})
MIN_SIZE = 256  # below this, the compressed copy saves less than a network packet


def wants_gzip(relative: str, size: int) -> bool:
    return PurePosixPath(relative).suffix.lower() in TEXT_SUFFIXES and size >= MIN_SIZE


def gzipped(data: bytes) -> bytes | None:
    """The gzip of data (no name, no time stamp: the same input gives the same bytes), or None
    when it would not be smaller."""
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    return packed if len(packed) < len(data) else None
