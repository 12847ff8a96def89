"""`quangba publish --archive FILE.tar.gz`: a release as one file, for portals that take uploads.

The archive holds one folder named like a release (20260122T103015Z-647c6e2/) with the site, the
.gz copies of its text files and the .quangba/ metadata, manifest included: unpacked into
DEST/releases/ it is a release like any other. It is written beside FILE and renamed over it only
once read back and checked, so a failed run never leaves half an archive under FILE's name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import tarfile
from collections.abc import Callable
from pathlib import Path

from quangba.publish import csp
from quangba.publish.compress import gzipped, wants_gzip
from quangba.publish.contents import (
    FILE_MODE,
    FOLDER_MODE,
    Contents,
    Origin,
    git_commit,
    metadata_files,
    site_files,
)
from quangba.publish.destination import PublishError, describe_os_error
from quangba.publish.manifest import META_DIR, parse_manifest
from quangba.publish.publisher import release_name
from quangba.publish.settings import PublishSettings
from quangba.publish.sitecheck import (
    allowed_inline,
    built_for,
    check_destination,
    check_site,
    required_pages,
)

SUFFIXES = (".tar.gz", ".tgz")


def write_archive(
    settings: PublishSettings, site: Path, archive: Path, expected_url: str, report: Callable[[str], None] = lambda line: None
) -> tuple[str, Contents]:
    if not archive.name.endswith(SUFFIXES):
        raise PublishError([f"{archive}: the archive's name must end in .tar.gz"])
    problems = check_site(site, settings, expected_url)
    if problems:
        raise PublishError(["Not archived: the built site is not ready.", *problems])
    if not archive.parent.is_dir():
        raise PublishError([f"{archive.parent} does not exist; create it or choose another place for the archive."])
    check_destination(archive.parent, settings, site, "the archive")
    commit, dirty = git_commit(settings.project)
    now = dt.datetime.now(dt.UTC)
    name = release_name(now, commit)
    hashes = allowed_inline(site)
    unlisted, _ = csp.site_inline(site, hashes)
    if unlisted:
        raise PublishError(
            ["Not archived: these pages have inline scripts or styles the build's templates did not write:"] + [f"  {page}" for page in unlisted[:20]]
        )
    partial = archive.with_name(f".{archive.name}.{os.getpid()}.partial")
    report(f"Writing {archive}…")
    try:
        contents = write_tar(site, partial, name, Origin(name, now, commit, dirty, built_for(site)), hashes)
        problems = check_tar(partial, name, settings)
        if problems:
            raise PublishError(["Not archived: the archive does not match the site.", *problems[:20]])
        os.replace(partial, archive)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise PublishError(
            [f"Not archived: {describe_os_error(error)} while writing {archive}.", "Nothing was left behind; an older archive of that name is unchanged."]
        ) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return name, contents


def write_tar(site: Path, path: Path, name: str, origin: Origin, hashes: set[csp.Source]) -> Contents:
    contents = Contents()
    folders: set[str] = set()
    with open(path, "xb") as raw, tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6, format=tarfile.PAX_FORMAT) as tar:
        add_folder(tar, name, 0)
        for relative, source in site_files(site):
            mtime = int(source.stat().st_mtime)
            parent = relative.rpartition("/")[0]
            for folder in parent_folders(parent):
                if folder not in folders:
                    folders.add(folder)
                    add_folder(tar, f"{name}/{folder}", mtime)
            data = source.read_bytes()
            contents.digests[relative] = add_file(tar, f"{name}/{relative}", data, mtime)
            contents.bytes += len(data)
            if wants_gzip(relative, len(data)) and not (site / f"{relative}.gz").exists():
                packed = gzipped(data)
                if packed is not None:
                    contents.digests[f"{relative}.gz"] = add_file(tar, f"{name}/{relative}.gz", packed, mtime)
                    contents.bytes += len(packed)
        now = int(origin.created.timestamp())
        add_folder(tar, f"{name}/{META_DIR}", now)
        for meta_name, text in metadata_files(contents, origin, hashes).items():
            add_file(tar, f"{name}/{META_DIR}/{meta_name}", text.encode("utf-8"), now)
        raw.flush()
    with open(path, "rb") as written:
        os.fsync(written.fileno())
    return contents


def parent_folders(folder: str) -> list[str]:
    parts = folder.split("/") if folder else []
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def add_folder(tar: tarfile.TarFile, name: str, mtime: int) -> None:
    info = tarfile.TarInfo(name)
    info.type, info.mode, info.mtime = tarfile.DIRTYPE, FOLDER_MODE, mtime
    tar.addfile(info)


def add_file(tar: tarfile.TarFile, name: str, data: bytes, mtime: int) -> str:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), FILE_MODE, mtime
    tar.addfile(info, io.BytesIO(data))
    return hashlib.sha256(data).hexdigest()


def check_tar(path: Path, name: str, settings: PublishSettings) -> list[str]:
    """Read the archive back: every member matches the manifest it carries, nothing is missing."""
    digests: dict[str, str] = {}
    manifest = None
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            data = tar.extractfile(member).read()  # type: ignore[union-attr]
            relative = member.name.removeprefix(f"{name}/")
            if relative == f"{META_DIR}/manifest.sha256":
                manifest = parse_manifest(data.decode("utf-8"))
            elif not relative.startswith(f"{META_DIR}/"):
                digests[relative] = hashlib.sha256(data).hexdigest()
    if manifest is None:
        return ["the manifest is missing"]
    problems = [f"{n}: differs from the manifest" for n in sorted(manifest) if digests.get(n) != manifest[n]]
    problems += [f"{n}: not in the manifest" for n in sorted(digests.keys() - manifest.keys())]
    problems += [f"{path_} is missing ({what})" for path_, what in required_pages(settings) if path_ not in digests]
    return problems
