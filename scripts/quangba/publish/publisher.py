"""Publish, roll back, list: the steps, in the order that keeps the live site safe.

Until the very last step (one rename of DEST/current) nothing a reader can see changes; whatever
stops a publish before it (an error, a full disk, Ctrl+C, a killed process) leaves the live
release as it was. A half-copied release is a hidden folder that the next publish removes.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shlex
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from quangba.core.files import write_if_changed
from quangba.core.outputs import project_lock
from quangba.publish import csp
from quangba.publish.contents import (
    Contents,
    Origin,
    copy_site,
    estimated_size,
    git_commit,
    write_metadata,
)
from quangba.publish.destination import (
    INCOMING_PREFIX,
    Destination,
    PublishError,
    Release,
    describe_os_error,
    sync_folder,
)
from quangba.publish.manifest import MANIFEST, META_DIR, parse_manifest, verify
from quangba.publish.settings import PublishSettings
from quangba.publish.sitecheck import (
    allowed_inline,
    build_manifest,
    built_for,
    check_destination,
    check_site,
    missing_pages,
)

Report = Callable[[str], None]
LOADED_NAME = "csp-hashes.loaded"  # the hashes nginx is known to have loaded (not *.conf: not included)
RELEASE_HASHES = "csp-hashes.txt"  # in a release's .quangba folder


@dataclass
class PublishResult:
    release: Release
    previous: Release | None
    contents: Contents
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def release_name(now: dt.datetime, commit: str | None) -> str:
    return f"{now.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{commit or 'nogit'}"


def publish(
    settings: PublishSettings,
    site: Path,
    root: Path,
    expected_url: str,
    keep: int,
    reload_command: str = "",
    report: Report = lambda line: None,
    on_switched: Callable[[Release], None] = lambda release: None,
) -> PublishResult:
    check_destination(root, settings, site, "the publishing folder")
    with project_lock(settings.lock_file, on_wait=lambda: report("A build of the site is running: waiting for it to finish…"), shared=True):
        return publish_locked(settings, site, root, expected_url, keep, reload_command, report, on_switched)


def publish_locked(
    settings: PublishSettings,
    site: Path,
    root: Path,
    expected_url: str,
    keep: int,
    reload_command: str,
    report: Report,
    on_switched: Callable[[Release], None],
) -> PublishResult:
    problems = check_site(site, settings, expected_url)
    if problems:
        raise PublishError(["Not published: the built site is not ready.", *problems, "The live site was not changed."])
    dest = Destination(root)
    dest.check_layout()
    dest.prepare()
    with dest.locked():
        dest.check_layout()  # again: another publish may have finished meanwhile
        notes = [f"Removed the remains of an interrupted run: {name}" for name in dest.clean_leftovers()]
        live = dest.live()
        if dest.current.is_symlink() and live is None:
            notes.append(f"{dest.current} pointed at a release that no longer exists; it is replaced.")
        report("Checking the inline scripts and styles against the security policy…")
        hashes = allowed_inline(site)
        unlisted, blocked = csp.site_inline(site, hashes)
        if unlisted:
            raise PublishError(
                ["Not published: these pages have inline scripts or styles that the build's templates did not write (was the site edited after the build?):"]
                + [f"  {page}" for page in unlisted[:20]]
                + ["Run 'quangba build' again. The live site was not changed."]
            )
        notes += blocked
        check_space(site, dest)
        notes += allow_scripts(dest, hashes, live, reload_command, report)
        commit, dirty = git_commit(settings.project)
        name = unused_name(dest, commit)
        report(f"Copying {site} to {dest.releases_dir / name}…")
        contents = make_release(site, dest, name, Origin(name, dt.datetime.now(dt.UTC), commit, dirty, built_for(site)), hashes, settings)
        release = Release(name, dest.releases_dir / name)
        dest.switch_to(release)
        on_switched(release)
        report(f"Switched {dest.current} to {name}.")
        removed = prune(dest, keep, release)
        write_include(dest, kept_hashes(dest))  # only shrinks: what nginx has loaded still covers it
        return PublishResult(release, live, contents, removed, notes)


def unused_name(dest: Destination, commit: str | None) -> str:
    """A release name not taken yet: two publishes in the same second wait for the next one."""
    while True:
        name = release_name(dt.datetime.now(dt.UTC), commit)
        if not (dest.releases_dir / name).exists():
            return name
        time.sleep(0.2)


def check_space(site: Path, dest: Destination) -> None:
    needed = estimated_size(site)
    stats = os.statvfs(dest.releases_dir)
    free = stats.f_bavail * stats.f_frsize
    if free < needed:
        raise PublishError(
            [
                f"Not enough space in {dest.root}: the new release needs about {megabytes(needed)}, {megabytes(free)} is free.",
                "Free some space (or keep fewer releases: --keep) and publish again. The live site was not changed.",
            ]
        )


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def make_release(site: Path, dest: Destination, name: str, origin: Origin, hashes: set[csp.Source], settings: PublishSettings) -> Contents:
    """Copy, verify, then rename into DEST/releases/<name>. On any failure the copy is removed."""
    incoming = dest.releases_dir / f"{INCOMING_PREFIX}{name}"
    try:
        contents = copy_site(site, incoming)
        write_metadata(incoming, contents, origin, hashes)
        os.sync()  # the files reach the disk before current can point at them
        problems = verify(incoming, contents.digests) + missing_pages(incoming, settings, str(incoming)) + matches_build(site, contents)
        if problems:
            raise PublishError(["Not published: the copy does not match the site.", *problems[:20], "The live site was not changed."])
        os.rename(incoming, dest.releases_dir / name)
        sync_folder(dest.releases_dir)
    except OSError as error:
        shutil.rmtree(incoming, ignore_errors=True)
        if error.filename and not str(error.filename).startswith(str(dest.root)):
            where = f" while reading {error.filename} (was the site being rebuilt?)"
        else:
            where = f" while writing {error.filename}" if error.filename else ""
        advice = "Free some space and publish again." if error.errno in (errno.ENOSPC, errno.EDQUOT) else "Fix that and publish again."
        raise PublishError([f"Not published: {describe_os_error(error)}{where}.", f"The copy was removed; the live site was not changed. {advice}"]) from None
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    return contents


def matches_build(site: Path, contents: Contents) -> list[str]:
    """The copy holds exactly the files the build made (a build swapped in meanwhile would not)."""
    manifest = build_manifest(site)
    if manifest is None:
        return [f"{site}: its build manifest disappeared during the copy (was the site being rebuilt?)"]
    copied = {name: digest for name, digest in contents.digests.items() if name in manifest.files or not name.endswith(".gz")}
    if copied != manifest.files:
        changed = sorted(set(copied.items()) ^ set(manifest.files.items()))
        return [f"{name}: differs from what the build made (was the site being rebuilt?)" for name, _ in changed[:20]]
    return []


# -- the security policy's hashes of inline scripts and styles --------------------------------


def allow_scripts(dest: Destination, needed: set[csp.Source], live: Release | None, reload_command: str, report: Report) -> list[str]:
    """Make sure nginx's policy lists the inline scripts of the release about to go live.

    nginx reads the hashes only when it (re)loads its configuration. If the new release has
    scripts nginx has not loaded yet (after a Material upgrade), the include is rewritten with the
    old and new hashes together and nginx must reload before the switch: the reload command does
    it, or the webmaster does and publishes again. DEST/nginx/csp-hashes.loaded remembers what
    nginx is known to have loaded, so a failed reload is tried again next time."""
    include = dest.nginx_dir / csp.INCLUDE_NAME
    loaded_file = dest.nginx_dir / LOADED_NAME
    listed = csp.read_include(include)
    loaded = csp.parse_sources(loaded_file.read_text(encoding="utf-8")) if loaded_file.is_file() else set()
    wanted = listed | needed
    write_include(dest, wanted)
    if needed <= loaded:
        return []  # nginx has them already (the include may have lost them when old releases went)
    if reload_command:
        report(f"The inline scripts or styles changed: running {reload_command}…")
        run_reload(reload_command)
        note = f"The security policy lists new inline scripts or styles; the web server was reloaded ({reload_command})."
    elif live is None:
        note = f"First release: reload the web server once (e.g. 'sudo systemctl reload nginx') so it reads {include}."
    elif needed <= listed:
        note = f"Publishing on the understanding that the web server was reloaded after {include} changed."
    else:
        raise PublishError(
            [
                "The new build has inline scripts or styles that the web server's security policy does not list yet (after a theme upgrade, for example).",
                f"{include} now lists them: reload the web server (e.g. 'sudo systemctl reload nginx'), then publish again.",
                "Or set reload_command (mkdocs.yml, quangba plugin) or --reload-command to let publish do it. The live site was not changed.",
            ]
        )
    write_text(loaded_file, csp.sources_text(wanted))
    return [note]


def run_reload(command: str) -> None:
    try:
        result = subprocess.run(shlex.split(command), capture_output=True, text=True, timeout=120)
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        raise PublishError([f"Could not run the reload command '{command}': {error}.", "The live site was not changed."]) from None
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise PublishError(
            [f"The reload command '{command}' failed (exit status {result.returncode}):"]
            + [f"  {line}" for line in output]
            + ["The live site was not changed."]
        )


def write_include(dest: Destination, hashes: set[csp.Source]) -> None:
    write_text(dest.nginx_dir / csp.INCLUDE_NAME, csp.include_text(hashes))


def write_text(path: Path, text: str) -> None:
    """Replace path in one rename (nginx may read it at any moment), unless it says text already."""
    write_if_changed(path, text.encode("utf-8"))


def release_hashes(release: Release) -> set[csp.Source]:
    try:
        return csp.parse_sources((release.path / META_DIR / RELEASE_HASHES).read_text(encoding="utf-8"))
    except OSError:
        return set()


def kept_hashes(dest: Destination) -> set[csp.Source]:
    hashes: set[csp.Source] = set()
    for release in dest.releases():
        hashes |= release_hashes(release)
    return hashes


# -- keeping, rolling back, listing ----------------------------------------------------------


def prune(dest: Destination, keep: int, live: Release) -> list[str]:
    """Delete all but the newest `keep` complete releases; the live one always stays."""
    complete = [r for r in dest.releases() if r.complete]
    kept = {r.name for r in complete[-keep:]} | {live.name}
    removed = []
    for release in complete:
        if release.name not in kept:
            dest.remove(release)
            removed.append(release.name)
    return removed


def rollback(root: Path, reload_command: str = "", report: Report = lambda line: None) -> tuple[Release, Release]:
    """Switch current back to the release published before the live one."""
    dest = Destination(root)
    if not dest.root.is_dir():
        raise PublishError([f"{root} does not exist: nothing was ever published there."])
    dest.check_layout()
    with dest.locked():
        dest.check_layout()
        live = dest.live()
        if live is None:
            raise PublishError([f"{dest.current} does not point at a release: nothing to roll back from."])
        earlier = [r for r in dest.releases() if r.complete and r.name < live.name]
        if not earlier:
            raise PublishError([f"There is no release older than {live.name} in {dest.releases_dir}; nothing was changed."])
        target = earlier[-1]
        report(f"Checking {target.name} against its manifest…")
        problems = verify_release(target)
        if problems:
            raise PublishError([f"Release {target.name} is damaged, so it was not put back:", *problems[:20], "The live site was not changed."])
        allow_scripts(dest, release_hashes(target), live, reload_command, report)
        dest.switch_to(target)
        return live, target


def verify_release(release: Release) -> list[str]:
    try:
        digests = parse_manifest((release.path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return [f"{release.path / MANIFEST}: cannot be read ({error})"]
    return verify(release.path, digests)


@dataclass(frozen=True)
class ListedRelease:
    name: str
    live: bool
    complete: bool
    info: dict


def list_releases(root: Path) -> tuple[list[ListedRelease], list[str]]:
    """Releases, newest first, and the leftovers of interrupted runs."""
    dest = Destination(root)
    if not dest.root.is_dir():
        raise PublishError([f"{root} does not exist: nothing was ever published there."])
    dest.check_layout()
    live = dest.live()
    listed = [ListedRelease(r.name, live is not None and r.name == live.name, r.complete, r.info) for r in reversed(dest.releases())]
    return listed, [p.name for p in dest.leftovers()]
