"""Outputs only where outputs belong: the folders quangba writes, and how it replaces them.

``quangba build --site-dir .`` once deleted the whole project, .git included, and said "Site
built": the swap renamed away and deleted whatever folder it was given. Here:

- an output folder may not be, or contain, the project; nor be, contain or lie inside an input
  (docs, assets, overrides, .git …): ``guard()``;
- an existing folder is replaced only when quangba marked it as its own output of that kind (a
  manifest file at its top, which also lists every file it holds with its SHA-256), or when it
  is empty: ``replace_folder()``;
- a build is made in a staging folder of its own (unique name, so two builds never share one)
  and swapped in with renames; one build at a time per project (``project_lock()``; a second
  one waits for the first);
- the manifest lets ``quangba publish`` refuse a site that is not exactly what a build produced.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quangba.core.errors import Problem, QuangbaError
from quangba.core.files import write_text

MANIFEST_NAME = ".quangba-output.json"
FORMAT = "quangba-output/1"


@dataclass
class OutputManifest:
    kind: str  # "site", "leaflets"
    files: dict[str, str] = field(default_factory=dict)  # relative POSIX path -> SHA-256 (hex)
    info: dict[str, Any] = field(default_factory=dict)  # what the producer wants to record

    def to_json(self) -> str:
        document = {"format": FORMAT, "kind": self.kind, "info": self.info, "files": self.files}
        return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)


def file_sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def list_files(folder: Path) -> list[Path]:
    """Every regular file under folder except the manifest, sorted; links are not followed."""
    found = []
    for directory, subfolders, names in os.walk(folder):
        subfolders.sort()
        for name in sorted(names):
            path = Path(directory) / name
            if path.parent == folder and name == MANIFEST_NAME:
                continue
            found.append(path)
    return found


def write_manifest(folder: Path, kind: str, info: dict[str, Any] | None = None) -> OutputManifest:
    """Mark folder as quangba's output of this kind, listing the SHA-256 of every file in it."""
    manifest = OutputManifest(kind, {p.relative_to(folder).as_posix(): file_sha256(p) for p in list_files(folder)}, dict(info or {}))
    write_text(folder / MANIFEST_NAME, manifest.to_json())
    return manifest


def read_manifest(folder: Path) -> OutputManifest | None:
    try:
        document = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("format") != FORMAT or not isinstance(document.get("files"), dict):
        return None
    return OutputManifest(str(document.get("kind")), dict(document["files"]), dict(document.get("info") or {}))


def verify(folder: Path, manifest: OutputManifest, shown: str) -> list[str]:
    """Files missing, changed or added since the manifest was written (empty: exactly as made)."""
    problems = []
    present = {p.relative_to(folder).as_posix(): p for p in list_files(folder)}
    for relative, digest in sorted(manifest.files.items()):
        path = present.pop(relative, None)
        if path is None:
            problems.append(f"{shown}/{relative} is missing")
        elif path.is_symlink() or not path.is_file():
            problems.append(f"{shown}/{relative} is not a plain file")
        elif file_sha256(path) != digest:
            problems.append(f"{shown}/{relative} was changed after the build")
    problems += [f"{shown}/{relative} was added after the build" for relative in sorted(present)]
    return problems


# -- where an output may go ---------------------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    """What an output must keep clear of."""

    project: Path
    folders: tuple[Path, ...] = ()  # docs, assets, overrides, .git, … (absolute)

    @classmethod
    def of(cls, project: Path, *folders: Path | None) -> Inputs:
        root = project.resolve()
        found = [root / ".git"] + [Path(f).resolve() for f in folders if f is not None]
        return cls(root, tuple(dict.fromkeys(found)))

    def shown(self, path: Path) -> str:
        return str(path.relative_to(self.project)) if path.is_relative_to(self.project) and path != self.project else str(path)


def guard(path: Path, what: str, inputs: Inputs) -> Path:
    """The absolute folder for an output, or QuangbaError saying why it may not go there."""
    target = path.expanduser().resolve()
    if target == inputs.project or target in inputs.project.parents:
        raise_problem(path, f"{what} cannot be written here: this folder holds the project itself ({inputs.project}); choose a new folder such as site/")
    for folder in inputs.folders:
        if target == folder or folder in target.parents or target in folder.parents:
            relation = "is" if target == folder else ("lies inside" if folder in target.parents else "contains")
            raise_problem(path, f"{what} cannot be written here: this folder {relation} {inputs.shown(folder)}, which quangba reads; choose another folder")
    return target


def check_replaceable(folder: Path, kind: str, what: str) -> None:
    """An existing folder may be replaced only when it is empty or quangba's output of kind."""
    if not folder.exists() and not folder.is_symlink():
        return
    if folder.is_symlink() or not folder.is_dir():
        raise_problem(folder, f"{what} cannot replace this: it is not a folder quangba made; move it away or choose another folder")
    manifest = read_manifest(folder)
    if manifest is not None and manifest.kind == kind:
        return
    if manifest is None and not any(folder.iterdir()):
        return
    made = f"quangba's {manifest.kind} output" if manifest is not None else f"not empty and has no {MANIFEST_NAME} (quangba did not make it)"
    raise_problem(folder, f"{what} cannot replace this folder: it is {made}; delete it yourself if it may go, or choose another folder")


def raise_problem(path: Path, message: str) -> None:
    raise QuangbaError([Problem(path, message)])


# -- staging and swapping --------------------------------------------------------------------


def staging_folder(final: Path) -> Path:
    """A new, empty folder beside final (same file system, so a rename moves it into place)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{final.name}.building-", dir=final.parent))


def replace_folder(staging: Path, final: Path, kind: str, what: str) -> None:
    """Put staging where final is, in renames, so readers never see a half-written folder; final
    must be empty or quangba's output of kind (checked again now: it may have changed)."""
    check_replaceable(final, kind, what)
    retired = Path(tempfile.mkdtemp(prefix=f".{final.name}.old-", dir=final.parent))
    retired.rmdir()
    if final.exists():
        final.rename(retired)
    try:
        staging.rename(final)
    except OSError:
        if retired.exists():
            retired.rename(final)  # put the previous output back
        raise
    shutil.rmtree(retired, ignore_errors=True)


def remove_leftovers(final: Path, older_than: float = 3600.0) -> None:
    """Staging and retired folders of builds that were killed, an hour after they were made."""
    now = time.time()
    for leftover in final.parent.glob(f".{final.name}.*-*"):
        try:
            if leftover.is_dir() and not leftover.is_symlink() and now - leftover.stat().st_mtime > older_than:
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:
            continue


# -- one build at a time -----------------------------------------------------------------------


@contextmanager
def project_lock(lock_file: Path, on_wait: Callable[[], None] = lambda: None, shared: bool = False) -> Iterator[None]:
    """Hold the project's lock: one writer (build, leaflets) at a time; readers (publish) share it.
    A second build waits for the first instead of mixing its files with it. A reader does not
    create the lock file: where no build ever ran, there is no build to wait for."""
    if shared and not lock_file.is_file():
        yield
        return
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    with lock_file.open("a") as handle:
        try:
            fcntl.flock(handle, mode | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            on_wait()
            fcntl.flock(handle, mode)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
