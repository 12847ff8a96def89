"""What git knows about a stale page's source: the commit that held the version the translation
was stamped from, how many commits changed the source since, and the diff a translator needs.

The stamped version is found by hashing the source as it was in each commit that touched it
(newest first) until one matches: no date guessing, and a stamp made from a version that was
later reverted to is still recognised. Everything degrades quietly outside a git repository.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from quangba.coverage.hashing import source_hash

HISTORY_LIMIT = 200  # commits looked at per page; older stamps are reported as not found


@dataclass(frozen=True)
class SourceHistory:
    stamped_commit: str | None  # the newest commit whose source matches the stamp; None: not found
    commits_since: int | None  # commits that changed the source after it
    uncommitted: bool  # the source has changes not committed yet

    def describe(self) -> str:
        if self.stamped_commit is None:
            return "stamped version not found in git history"
        parts = []
        if self.commits_since:
            parts.append(f"{self.commits_since} commit{'s' if self.commits_since != 1 else ''} since {self.stamped_commit[:10]}")
        if self.uncommitted:
            parts.append("uncommitted changes")
        return ", ".join(parts) or f"unchanged since {self.stamped_commit[:10]}"

    def to_json(self) -> dict:
        return {"stamped_commit": self.stamped_commit, "commits_since": self.commits_since, "uncommitted_changes": self.uncommitted}


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def repository_root(folder: Path) -> Path | None:
    out = git(folder, "rev-parse", "--show-toplevel")
    return Path(out.decode().strip()) if out else None


class Repository:
    def __init__(self, root: Path):
        self.root = root.resolve()

    @classmethod
    def find(cls, folder: Path) -> Repository | None:
        root = repository_root(folder)
        return cls(root) if root else None

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()

    def histories(self, stamps: dict[Path, str]) -> dict[Path, SourceHistory]:
        """For each source file (on disk) and the hash its translation was stamped with."""
        if not stamps:
            return {}
        wanted = {}
        for path in stamps:
            try:
                wanted[self.relative(path)] = path
            except ValueError:
                continue
        commits = self.commits_touching(sorted(wanted))
        requests = [(relative, commit) for relative, touching in commits.items() for commit in touching[:HISTORY_LIMIT]]
        contents = self.blobs(requests)
        found: dict[Path, SourceHistory] = {}
        for relative, path in wanted.items():
            touching = commits.get(relative, [])[:HISTORY_LIMIT]
            stamp = stamps[path]
            hashes = [contents.get((relative, commit)) for commit in touching]
            working = source_hash(path.read_text(encoding="utf-8", errors="replace"))
            uncommitted = not hashes or hashes[0] != working
            index = next((i for i, digest in enumerate(hashes) if digest == stamp), None)
            if index is None:
                found[path] = SourceHistory(None, None, uncommitted)
            else:
                found[path] = SourceHistory(touching[index], index, uncommitted)
        return found

    def commits_touching(self, relatives: list[str]) -> dict[str, list[str]]:
        """Newest first, the commits that changed each file."""
        out = git(self.root, "log", "--format=%x01%H", "--no-renames", "--name-only", "--", *relatives)
        touching: dict[str, list[str]] = {relative: [] for relative in relatives}
        if out is None:
            return touching
        for entry in out.decode("utf-8", errors="replace").split("\x01")[1:]:
            lines = entry.strip().splitlines()
            commit, names = lines[0], lines[1:]
            for name in names:
                if name in touching:
                    touching[name].append(commit)
        return touching

    def blobs(self, requests: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The hash of each (file, commit) version, read in one `git cat-file --batch`."""
        if not requests:
            return {}
        query = "".join(f"{commit}:{relative}\n" for relative, commit in requests).encode()
        out = git(self.root, "cat-file", "--batch", stdin=query)
        hashes: dict[tuple[str, str], str] = {}
        if out is None:
            return hashes
        position = 0
        for request in requests:
            header_end = out.index(b"\n", position)
            header = out[position:header_end].split()
            position = header_end + 1
            if len(header) < 3 or header[1] != b"blob":
                continue  # "missing": the file did not exist in that commit
            size = int(header[2])
            hashes[request] = source_hash(out[position : position + size].decode("utf-8", errors="replace"))
            position += size + 1
        return hashes

    def diff(self, path: Path, commit: str) -> str:
        """The source's changes since the stamped commit, working copy included."""
        out = git(self.root, "diff", "--no-color", commit, "--", self.relative(path))
        return out.decode("utf-8", errors="replace") if out else ""
