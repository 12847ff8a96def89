"""`quangba publish`: releases, manifest, atomic switch, rollback, archive, and every bad input.

The sites published are real builds: the demo (conftest's demo_site) and a small two-language
project built once for this module. Until `publish` is registered in quangba's main command, the
command is run through click's CliRunner and, as a process, with `python -m quangba.publish`;
test_registered_in_quangba_command checks `python -m quangba publish` (passes once wired).
"""

from __future__ import annotations

import errno
import fcntl
import gzip
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import MINI_CONFIG, PROJECT, Site, run_quangba
from quangba.core import outputs
from quangba.core.inline import source_hash
from quangba.publish import contents as contents_module
from quangba.publish.cli import publish as publish_command
from test_nginx_server import start_nginx, wait_until

RELEASE = re.compile(r"^\d{8}T\d{6}Z-(?:[0-9a-f]{7,}|nogit)$")
MINI_PAGES = {
    "index.vi.md": "---\ntitle: Trang chủ\n---\n\nXem [giới thiệu](about.md).\n",
    "index.en.md": "---\ntitle: Home\n---\n\nSee [about](about.md).\n",
    "about.vi.md": "---\ntitle: Giới thiệu\n---\n\nNội dung.\n",
    "about.en.md": "---\ntitle: About\n---\n\nContent.\n",
}


@dataclass(frozen=True)
class Built:
    """A built site and the configuration it was built from."""

    config: Path
    root: Path

    def copy(self, to: Path) -> Built:
        shutil.copytree(self.root, to)
        return Built(self.config, to)


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = tmp_path_factory.mktemp("mini-project")
    (project / "mkdocs.yml").write_text(MINI_CONFIG, encoding="utf-8")
    (project / "docs").mkdir()
    for name, text in MINI_PAGES.items():
        (project / "docs" / name).write_text(text, encoding="utf-8")
    result = run_quangba("build", cwd=project)
    assert result.returncode == 0, result.stderr
    return Built(project / "mkdocs.yml", project / "site")


def publish(built: Built, *args: str | Path) -> Result:
    """quangba publish … for this built site, run in-process."""
    return CliRunner().invoke(publish_command, [*map(str, args), "--config", str(built.config), "--site-dir", str(built.root)])


def live(dest: Path) -> str:
    """The release DEST/current points at (its folder name)."""
    return Path(os.readlink(dest / "current")).name


def releases(dest: Path) -> list[str]:
    return sorted(p.name for p in (dest / "releases").iterdir() if not p.name.startswith("."))


def hidden_leftovers(dest: Path) -> list[str]:
    return sorted(p.name for p in (dest / "releases").iterdir() if p.name.startswith("."))


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- publishing ---------------------------------------------------------------------------------


def test_publishes_the_demo_as_a_verified_release(demo_site: Site, tmp_path: Path) -> None:
    dest = tmp_path / "portal"
    built = Built(PROJECT / "mkdocs.yml", demo_site.root)
    result = publish(built, dest)
    assert result.exit_code == 0, result.output
    name = live(dest)
    assert RELEASE.match(name), name
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT, capture_output=True, text=True).stdout.strip()
    assert name.endswith(f"-{commit}")
    assert os.readlink(dest / "current") == f"releases/{name}"  # relative: the folder can be moved
    release = dest / "releases" / name
    # The manifest lists every file, in the format of sha256sum, which verifies the copy itself.
    checked = subprocess.run(["sha256sum", "--check", "--strict", "--quiet", ".quangba/manifest.sha256"], cwd=release, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    listed = {line.split("  ", 1)[1] for line in (release / ".quangba/manifest.sha256").read_text().splitlines()}
    on_disk = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file() and ".quangba" not in p.parts}
    assert listed == on_disk
    for lang in demo_site.languages:
        assert (release / demo_site.prefix(lang) / "index.html").read_bytes() == (demo_site.root / demo_site.prefix(lang) / "index.html").read_bytes()
        assert (release / demo_site.prefix(lang) / "404.html").is_file()
    # Text files get a .gz twin with the same content; photos and fonts do not.
    page = release / "en/tourism/index.html"
    assert gzip.decompress((release / "en/tourism/index.html.gz").read_bytes()) == page.read_bytes()
    assert not list(release.rglob("*.woff2.gz")) and not list(release.rglob("*.jpg.gz"))
    info = json.loads((release / ".quangba/release.json").read_text())
    assert info["git_commit"] == commit and info["built_for"] == "https://doingoai.thainguyen.example/"
    assert info["files"] == len(listed)
    # Inline scripts of the pages, for the security policy.
    include = (dest / "nginx/csp-hashes.conf").read_text()
    script = re.search(r"<script>(var palette=.*?)</script>", page.read_text(), re.S)
    assert script and f"'{source_hash(script[1])}'" in include
    assert "reload the web server once" in result.output  # the first release says what to do


def test_release_is_readable_by_the_web_server_whatever_the_umask(mini: Built, tmp_path: Path) -> None:
    dest = tmp_path / "portal"
    process = subprocess.run(
        [sys.executable, "-m", "quangba.publish", str(dest), "--config", str(mini.config), "--site-dir", str(mini.root)],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: os.umask(0o077),
    )
    assert process.returncode == 0, process.stderr
    release = dest / "releases" / live(dest)
    for path in [dest, dest / "releases", release, *release.rglob("*")]:
        mode = path.stat().st_mode & 0o777
        assert mode == (0o755 if path.is_dir() else 0o644), f"{path}: {oct(mode)}"


def test_keeps_the_newest_releases_rolls_back_and_lists(mini: Built, tmp_path: Path) -> None:
    dest = tmp_path / "portal"
    names = []
    for _ in range(3):
        result = publish(mini, dest, "--keep", "2")
        assert result.exit_code == 0, result.output
        names.append(live(dest))
    assert len(set(names)) == 3 and names == sorted(names)
    assert releases(dest) == names[1:]  # the oldest went; the live one and the one before stay
    assert f"Removed old releases: {names[0]}" in result.output
    assert all(name.endswith("-nogit") for name in names)  # the mini project is not in git

    listing = publish(mini, dest, "--list")
    assert listing.exit_code == 0, listing.output
    rows = [line for line in listing.output.splitlines() if names[2] in line or names[1] in line]
    assert "live" in rows[0] and names[2] in rows[0] and "live" not in rows[1]

    back = publish(mini, dest, "--rollback")
    assert back.exit_code == 0, back.output
    assert live(dest) == names[1]
    assert f"points to {names[1]} again (was {names[2]})" in back.output
    again = publish(mini, dest, "--rollback")
    assert again.exit_code == 1
    assert "There is no release older than" in again.output and "Traceback" not in again.output
    assert live(dest) == names[1]

    # Publishing after a rollback keeps the rolled-back live release until newer ones replace it.
    result = publish(mini, dest, "--keep", "1")
    assert result.exit_code == 0, result.output
    assert releases(dest) == [live(dest)]


def test_keep_comes_from_mkdocs_yml(mini: Built, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    config = project / "mkdocs.yml"
    config.write_text(MINI_CONFIG.replace("      publish: []\n", "      publish: []\n      keep_releases: 1\n"), encoding="utf-8")
    built = Built(config, mini.root)
    dest = tmp_path / "portal"
    for _ in range(2):
        result = publish(built, dest)
        assert result.exit_code == 0, result.output
    assert releases(dest) == [live(dest)]
    config.write_text(MINI_CONFIG.replace("      publish: []\n", "      publish: []\n      keep_releases: none\n"), encoding="utf-8")
    bad = publish(built, dest)
    assert bad.exit_code == 2 and "plugins: quangba: keep_releases: must be a whole number, not 'none'" in bad.output  # refused at load, as by every command


def test_list_and_rollback_work_on_a_server_without_the_project(mini: Built, tmp_path: Path) -> None:
    dest = tmp_path / "portal"
    for _ in range(2):
        assert publish(mini, dest).exit_code == 0
    first, second = releases(dest)
    elsewhere = ["--config", str(tmp_path / "no-project" / "mkdocs.yml")]
    listing = CliRunner().invoke(publish_command, [str(dest), "--list", *elsewhere])
    assert listing.exit_code == 0 and first in listing.output and second in listing.output
    back = CliRunner().invoke(publish_command, [str(dest), "--rollback", *elsewhere])
    assert back.exit_code == 0, back.output
    assert live(dest) == first
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "No releases in" in CliRunner().invoke(publish_command, [str(empty), "--list"]).output


def test_a_damaged_release_is_not_rolled_back_to(mini: Built, tmp_path: Path) -> None:
    dest = tmp_path / "portal"
    for _ in range(2):
        assert publish(mini, dest).exit_code == 0
    first, second = releases(dest)
    (dest / "releases" / first / "index.html").write_text("tampered", encoding="utf-8")
    result = publish(mini, dest, "--rollback")
    assert result.exit_code == 1
    assert f"Release {first} is damaged" in result.output and "index.html: the copy differs" in result.output
    assert live(dest) == second


def test_archive_holds_the_release_and_its_manifest(mini: Built, tmp_path: Path) -> None:
    archive = tmp_path / "out" / "portal.tar.gz"
    archive.parent.mkdir()
    result = publish(mini, "--archive", archive)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in archive.parent.iterdir()) == ["portal.tar.gz"]  # no partial file left
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        top = names[0]
        assert RELEASE.match(top) and all(n == top or n.startswith(top + "/") for n in names)
        tar.extractall(tmp_path / "unpacked", filter="data")
    release = tmp_path / "unpacked" / top
    checked = subprocess.run(["sha256sum", "--check", "--strict", "--quiet", ".quangba/manifest.sha256"], cwd=release, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert (release / "index.html").read_bytes() == (mini.root / "index.html").read_bytes()
    assert gzip.decompress((release / "en/index.html.gz").read_bytes()) == (mini.root / "en/index.html").read_bytes()

    # A refused archive leaves the previous one as it was.
    before = archive.read_bytes()
    broken = mini.copy(tmp_path / "broken")
    (broken.root / "en" / "index.html").unlink()
    refused = publish(broken, "--archive", archive)
    assert refused.exit_code == 1 and "en/index.html is missing (the English home page)" in refused.output
    assert archive.read_bytes() == before
    wrong_name = publish(mini, "--archive", tmp_path / "portal.zip")
    assert wrong_name.exit_code == 1 and "must end in .tar.gz" in wrong_name.output


# -- refusing bad input; the live site stays as it was -------------------------------------------


def test_refuses_an_incomplete_build(mini: Built, tmp_path: Path) -> None:
    dest = tmp_path / "portal"
    assert publish(mini, dest).exit_code == 0
    was = live(dest)
    for missing, what in (("en/404.html", "the English 'page not found' page"), ("index.html", "the Vietnamese home page")):
        broken = mini.copy(tmp_path / f"broken-{missing.replace('/', '-')}")
        (broken.root / missing).unlink()
        result = publish(broken, dest)
        assert result.exit_code == 1
        assert f"{broken.root}/{missing} is missing ({what})" in result.output
        assert "The live site was not changed." in result.output
        assert live(dest) == was and releases(dest) == [was]
    nothing = publish(Built(mini.config, tmp_path / "no-site"), dest)
    assert nothing.exit_code == 1 and "no built site here; run 'quangba build' first" in nothing.output


def test_refuses_a_build_made_for_another_address(mini: Built, tmp_path: Path) -> None:
    staging = tmp_path / "project"
    shutil.copytree(mini.config.parent / "docs", staging / "docs")
    (staging / "mkdocs.yml").write_text(MINI_CONFIG, encoding="utf-8")
    built = run_quangba("build", "--site-url", "http://staging.example:8080/", cwd=staging)
    assert built.returncode == 0, built.stderr
    site = Built(staging / "mkdocs.yml", staging / "site")
    dest = tmp_path / "portal"
    refused = publish(site, dest)
    assert refused.exit_code == 1
    assert "was built for http://staging.example:8080/, not for https://example.org/" in refused.output
    assert not (dest / "current").exists()
    accepted = publish(site, dest, "--site-url", "http://staging.example:8080/")
    assert accepted.exit_code == 0, accepted.output


def test_refuses_a_current_that_is_not_a_link(mini: Built, tmp_path: Path) -> None:
    dest = tmp_path / "portal"
    (dest / "current").mkdir(parents=True)
    (dest / "current" / "index.html").write_text("the webmaster's old site", encoding="utf-8")
    result = publish(mini, dest)
    assert result.exit_code == 1
    assert f"{dest}/current is a folder, not a symbolic link" in result.output
    assert (dest / "current" / "index.html").read_text() == "the webmaster's old site"
    assert not (dest / "releases").exists()

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(dest / "current")
    os.symlink(elsewhere, dest / "current")
    result = publish(mini, dest)
    assert result.exit_code == 1 and "which is not a release in" in result.output
    assert os.readlink(dest / "current") == str(elsewhere)
    for option in ("--rollback", "--list"):
        assert "which is not a release in" in publish(mini, dest, option).output


def test_refuses_while_another_publish_runs(mini: Built, tmp_path: Path) -> None:
    dest = tmp_path / "portal"
    assert publish(mini, dest).exit_code == 0
    was = live(dest)
    with open(dest / ".publish.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = publish(mini, dest)
        rollback = publish(mini, dest, "--rollback")
    assert result.exit_code == 1 and "Another publish or rollback is running" in result.output
    assert "Another publish or rollback is running" in rollback.output
    assert live(dest) == was and releases(dest) == [was]


def test_usage_mistakes_are_explained(mini: Built, tmp_path: Path) -> None:
    assert "name the publishing folder DEST" in publish(mini).output
    assert "choose one of --rollback, --list and --archive" in publish(mini, tmp_path, "--rollback", "--list").output
    nothing = publish(mini, tmp_path / "never", "--rollback")
    assert nothing.exit_code == 1 and "nothing was ever published there" in nothing.output


def test_survives_a_disk_full_in_the_middle_of_the_copy(mini: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An injected fault: the 10th file written fails as a full disk does."""
    dest = tmp_path / "portal"
    assert publish(mini, dest).exit_code == 0
    was, before = live(dest), tree_digest(dest / "releases")
    real_write = contents_module.write_file
    calls = {"count": 0}

    def failing(path: Path, data: bytes, mtime_ns: int) -> str:
        calls["count"] += 1
        if calls["count"] == 10:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_write(path, data, mtime_ns)

    monkeypatch.setattr(contents_module, "write_file", failing)
    result = publish(mini, dest)
    assert calls["count"] == 10
    assert result.exit_code == 1
    assert "Not published: the disk is full while writing" in result.output
    assert "The copy was removed; the live site was not changed. Free some space and publish again." in result.output
    assert live(dest) == was and hidden_leftovers(dest) == [] and tree_digest(dest / "releases") == before


def test_a_copy_that_does_not_match_is_not_published(mini: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Verification reads the copy back: a file that changed on the way is caught."""
    dest = tmp_path / "portal"
    assert publish(mini, dest).exit_code == 0
    was = live(dest)
    real_metadata = contents_module.write_metadata

    def corrupting(target: Path, contents, origin, hashes) -> None:
        real_metadata(target, contents, origin, hashes)
        (target / "en" / "about" / "index.html").write_bytes(b"bit rot")

    monkeypatch.setattr("quangba.publish.publisher.write_metadata", corrupting)
    result = publish(mini, dest)
    assert result.exit_code == 1
    assert "the copy does not match the site" in result.output and "en/about/index.html: the copy differs" in result.output
    assert live(dest) == was and hidden_leftovers(dest) == [] and releases(dest) == [was]


# -- real file systems: read-only and full (tmpfs) ------------------------------------------------


def can_mount() -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    probe = Path(f"/tmp/quangba-mount-probe-{os.getpid()}")
    probe.mkdir(exist_ok=True)
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(probe)], capture_output=True).returncode == 0
        if mounted:
            subprocess.run(["umount", str(probe)], check=True)
        return mounted
    finally:
        probe.rmdir()


needs_mount = pytest.mark.skipif(not can_mount(), reason="mounting a tmpfs needs root; the injected-fault tests above cover the same code paths")


@contextmanager
def tmpfs(path: Path, options: str) -> Iterator[Path]:
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def remount(path: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(path)], check=True)


@needs_mount
def test_read_only_destination(mini: Built, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", "size=32m") as disk:
        dest = disk / "portal"
        assert publish(mini, dest).exit_code == 0
        was, before = live(dest), tree_digest(dest / "releases")
        remount(disk, "ro")
        result = publish(mini, dest)
        assert result.exit_code == 1
        assert f"Cannot write to {dest}: the disk is read-only." in result.output and "Traceback" not in result.output
        assert live(dest) == was and tree_digest(dest / "releases") == before
        first_time = publish(mini, disk / "new-portal")
        assert first_time.exit_code == 1 and f"Cannot write to {disk / 'new-portal'}: the disk is read-only." in first_time.output


@needs_mount
def test_disk_too_small_for_the_release(mini: Built, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", "size=1m") as disk:
        result = publish(mini, disk / "portal")
        assert result.exit_code == 1
        assert re.search(r"Not enough space in .*portal: the new release needs about [\d.]+ MB, [\d.]+ MB is free", result.output), result.output
        assert not (disk / "portal" / "current").exists()
        assert not list((disk / "portal" / "releases").iterdir())


@needs_mount
def test_disk_fills_during_the_copy(mini: Built, tmp_path: Path) -> None:
    """A real full disk: after the first release the tmpfs has room for 15 more files only."""
    with tmpfs(tmp_path / "disk", "size=64m") as disk:
        dest = disk / "portal"
        assert publish(mini, dest).exit_code == 0
        was, before = live(dest), tree_digest(dest / "releases")
        stats = os.statvfs(disk)
        remount(disk, f"nr_inodes={stats.f_files - stats.f_ffree + 15}")
        result = publish(mini, dest)
        assert result.exit_code == 1
        assert "Not published: the disk is full while writing" in result.output
        assert live(dest) == was and hidden_leftovers(dest) == [] and tree_digest(dest / "releases") == before
        remount(disk, "nr_inodes=100000")
        assert publish(mini, dest).exit_code == 0  # with room again, publishing works


# -- interrupted, with nginx serving the live release all along ----------------------------------


def big_site(mini: Built, to: Path, pages: int = 4000) -> Built:
    """The mini site plus many pages, so that copying it takes long enough to be interrupted."""
    built = mini.copy(to)
    filler = "<p>" + "Thái Nguyên trà xanh. " * 300 + "</p>\n"
    for number in range(pages):
        folder = built.root / "archive" / f"page-{number:04d}"
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(f"<!doctype html><title>{number}</title>{filler}", encoding="utf-8")
    index = built.root / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace("</article>", "<p>BẢN MỚI</p></article>"), encoding="utf-8")
    outputs.write_manifest(built.root, "site", outputs.read_manifest(mini.root).info)  # as if a build made them
    return built


def start_publish_process(built: Built, dest: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "quangba.publish", str(dest), "--config", str(built.config), "--site-dir", str(built.root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def incoming(dest: Path) -> list[Path]:
    return [p for p in (dest / "releases").iterdir() if p.name.startswith(".incoming-")]


def files_in(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM"])
def test_interrupted_publish_leaves_the_live_site(mini: Built, tmp_path: Path, how: str) -> None:
    dest = tmp_path / "portal"
    assert publish(mini, dest).exit_code == 0
    was = live(dest)
    server = start_nginx(dest, tmp_path / "nginx")
    try:
        home = server.get("/", {"Accept-Language": "vi"})
        assert home.status == 200 and "BẢN MỚI" not in home.body.decode()
        big = big_site(mini, tmp_path / "big")
        process = start_publish_process(big, dest)
        try:
            wait_until(lambda: bool(incoming(dest)) and files_in(incoming(dest)[0]) > 300, timeout=60, step=0.01)
            process.send_signal(signal.SIGSTOP)  # frozen mid-copy: look at everything as it is
            partial = incoming(dest)[0]
            assert not (partial / ".quangba").exists(), "the copy had already finished: the test must interrupt it earlier"
            assert live(dest) == was
            during = server.get("/", {"Accept-Language": "vi"})
            assert during.status == 200 and during.body == home.body
            process.send_signal(getattr(signal, how))
            process.send_signal(signal.SIGCONT)
            _, stderr = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
        assert live(dest) == was and releases(dest) == [was]
        assert server.get("/", {"Accept-Language": "vi"}).body == home.body
        if how == "SIGTERM":  # a polite stop cleans up after itself
            assert process.returncode == 130
            assert "Interrupted. The live site was not changed" in stderr
            assert incoming(dest) == []
        else:  # a killed process cannot: the leftover is visible, and the next publish removes it
            assert process.returncode == -signal.SIGKILL
            assert len(incoming(dest)) == 1
            listing = publish(mini, dest, "--list")
            assert "Left over from an interrupted run" in listing.output
        finished = CliRunner().invoke(publish_command, [str(dest), "--config", str(big.config), "--site-dir", str(big.root)])
        assert finished.exit_code == 0, finished.output
        assert incoming(dest) == [] and live(dest) != was
        if how == "SIGKILL":
            assert "Removed the remains of an interrupted run" in finished.output
        assert "BẢN MỚI" in server.get("/", {"Accept-Language": "vi"}).body.decode()
        back = publish(mini, dest, "--rollback")
        assert back.exit_code == 0 and live(dest) == was
        assert server.get("/", {"Accept-Language": "vi"}).body == home.body  # the rollback is served at once
    finally:
        server.stop()


# -- the security policy follows the site's inline scripts ---------------------------------------


def as_if_the_theme_wrote(built: Built, kind: str, text: str) -> None:
    """Record text in the build's manifest as the templates' own inline script or style, as a
    build with a new Material release would (the manifest is quangba build's record)."""
    manifest = outputs.read_manifest(built.root)
    assert manifest is not None
    info = dict(manifest.info)
    info[kind] = sorted({*info.get(kind, []), source_hash(text)})
    outputs.write_manifest(built.root, "site", info)


def with_new_inline_script(mini: Built, to: Path, script: str) -> Built:
    built = mini.copy(to)
    page = built.root / "about" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", f"<script>{script}</script></body>"), encoding="utf-8")
    as_if_the_theme_wrote(built, "scripts", script)
    return built


def test_new_inline_scripts_wait_for_the_web_server(mini: Built, tmp_path: Path) -> None:
    dest = tmp_path / "portal"
    assert publish(mini, dest).exit_code == 0
    was = live(dest)
    server = start_nginx(dest, tmp_path / "nginx")
    try:

        def policy() -> str:
            return server.get("/about/").header("Content-Security-Policy") or ""

        script = 'console.log("a new theme script")'
        changed = with_new_inline_script(mini, tmp_path / "changed", script)
        wanted = f"'{source_hash(script)}'"
        assert wanted not in policy()
        refused = publish(changed, dest)
        assert refused.exit_code == 1
        assert "inline scripts or styles that the web server's security policy does not list yet" in refused.output
        assert live(dest) == was and releases(dest) == [was]
        assert wanted in (dest / "nginx/csp-hashes.conf").read_text()  # ready for the reload
        failed = publish(changed, dest, "--reload-command", "false")
        assert failed.exit_code == 1 and "The reload command 'false' failed" in failed.output
        assert live(dest) == was
        reloaded = publish(changed, dest, "--reload-command", server.reload_command)
        assert reloaded.exit_code == 0, reloaded.output
        assert "the web server was reloaded" in reloaded.output
        wait_until(lambda: wanted in policy())
        assert script in server.get("/about/").body.decode()

        # Without a reload command: refused, the webmaster reloads nginx, publishes again.
        other = 'console.log("another one")'
        changed_again = with_new_inline_script(mini, tmp_path / "changed-again", other)
        assert publish(changed_again, dest).exit_code == 1
        assert server.control("-s", "reload").returncode == 0
        wait_until(lambda: f"'{source_hash(other)}'" in policy())
        after_reload = publish(changed_again, dest)
        assert after_reload.exit_code == 0, after_reload.output
        assert other in server.get("/about/").body.decode()
    finally:
        server.stop()


def test_inline_styles_are_hashed_and_style_attributes_reported(mini: Built, tmp_path: Path) -> None:
    built = mini.copy(tmp_path / "styled")
    page = built.root / "about" / "index.html"
    style = ".quangba-bar{width:40%}"
    page.write_text(
        page.read_text(encoding="utf-8").replace("</head>", f"<style>{style}</style></head>").replace("<article ", '<article style="color:red" '),
        encoding="utf-8",
    )
    as_if_the_theme_wrote(built, "styles", style)
    dest = tmp_path / "portal"
    result = publish(built, dest)
    assert result.exit_code == 0, result.output
    include = (dest / "nginx/csp-hashes.conf").read_text()
    style_line = next(line for line in include.splitlines() if line.startswith("set $quangba_style_hashes"))
    assert f"'{source_hash(style)}'" in style_line
    note = next(line for line in result.output.splitlines() if "attributes, which the security policy blocks" in line)
    assert 'style="…" attributes' in note and "about/index.html" in note


# -- once wired into `quangba` ---------------------------------------------------------------------


def test_registered_in_quangba_command(mini: Built, tmp_path: Path) -> None:
    """`quangba publish` (needs main.add_command(publish) in scripts/quangba/cli.py)."""
    result = run_quangba("publish", tmp_path / "portal", "--config", mini.config, "--site-dir", mini.root)
    assert result.returncode == 0, result.stderr
    assert RELEASE.match(live(tmp_path / "portal"))
    help_text = run_quangba("publish", "--help").stdout
    assert "--rollback" in help_text and "--archive" in help_text
