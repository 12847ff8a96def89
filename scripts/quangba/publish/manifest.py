"""The SHA-256 manifest of a release: one line per file, in the format of `sha256sum`.

A webmaster can check a release by hand with ``cd DEST/current && sha256sum -c .quangba/manifest.sha256``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

META_DIR = ".quangba"  # release metadata, inside the release; the web server refuses to serve it
MANIFEST = f"{META_DIR}/manifest.sha256"
CHUNK = 1 << 20


def file_digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def manifest_text(digests: dict[str, str]) -> str:
    """'<hex>  <relative path>' lines, sorted by path (what sha256sum writes and reads)."""
    return "".join(f"{digests[name]}  {name}\n" for name in sorted(digests))


def parse_manifest(text: str) -> dict[str, str]:
    digests: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        digest, separator, name = line.partition("  ")
        if not separator or len(digest) != 64 or not name:
            raise ValueError(f"line {number} is not '<sha256>  <file>'")
        digests[name] = digest
    return digests


def release_files(root: Path) -> Iterator[str]:
    """Every regular file of a release, as a relative POSIX path, metadata excluded."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if relative == META_DIR or relative.startswith(META_DIR + "/"):
            continue
        if path.is_file() and not path.is_symlink():
            yield relative


def verify(root: Path, digests: dict[str, str]) -> list[str]:
    """What differs between the release folder and its manifest (empty: the copy is exact)."""
    problems: list[str] = []
    present = set(release_files(root))
    for name in sorted(digests):
        if name not in present:
            problems.append(f"{name}: missing from the copy")
        elif file_digest(root / name) != digests[name]:
            problems.append(f"{name}: the copy differs from the original (SHA-256 mismatch)")
    for name in sorted(present - digests.keys()):
        problems.append(f"{name}: in the copy but not in the manifest")
    return problems
