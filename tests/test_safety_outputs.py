"""Outputs only where outputs belong, through the real commands: the project survives any
--site-dir, publish never writes into the project or the build, two builds at once never leave
an incomplete site, publish takes only what a build made, and `quangba build` replaces print/
and site/ together or not at all."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, run_quangba
from quangba.core import outputs


def checksums(root: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """SHA-256 of every file under root (links not followed), except under the top folders in skip."""
    found = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if relative.split("/")[0] in skip or path.is_dir():
            continue
        found[relative] = hashlib.sha256(path.read_bytes()).hexdigest() if not path.is_symlink() else "link"
    return found


def failed(result) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    return output


@pytest.fixture
def project(mini_project: Path) -> Path:
    """The small project, with a .git folder to lose."""
    (mini_project / ".git").mkdir()
    (mini_project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return mini_project


# -- where a build may write -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("site_dir", "message"),
    [
        (".", "this folder holds the project itself"),
        ("..", "this folder holds the project itself"),
        ("docs", "this folder is docs, which quangba reads"),
        ("docs/site", "this folder lies inside docs, which quangba reads"),
        (".git", "this folder is .git, which quangba reads"),
    ],
)
def test_the_project_survives_any_site_dir(project: Path, site_dir: str, message: str) -> None:
    before = checksums(project.parent if site_dir == ".." else project)
    output = failed(run_quangba("build", "--site-dir", site_dir, cwd=project))
    assert message in output
    assert checksums(project.parent if site_dir == ".." else project) == before


def test_a_folder_quangba_did_not_make_is_not_replaced(project: Path) -> None:
    keep = project / "photos-2025"
    keep.mkdir()
    (keep / "original.jpg").write_bytes(b"\xff\xd8 not really a photo")
    output = failed(run_quangba("build", "--site-dir", "photos-2025", cwd=project))
    assert "has no .quangba-output.json (quangba did not make it)" in output
    assert (keep / "original.jpg").read_bytes() == b"\xff\xd8 not really a photo"
    # An empty folder is fine, and is marked as the site from then on.
    empty = project / "public"
    empty.mkdir()
    assert run_quangba("build", "--site-dir", "public", cwd=project).returncode == 0
    assert outputs.read_manifest(empty) is not None and outputs.read_manifest(empty).kind == "site"
    assert run_quangba("build", "--site-dir", "public", cwd=project).returncode == 0  # its own output: replaced


def test_site_manifest_lists_every_file_and_the_template_scripts(project: Path) -> None:
    assert run_quangba("build", cwd=project).returncode == 0
    site = project / "site"
    manifest = outputs.read_manifest(site)
    assert manifest is not None and manifest.kind == "site"
    assert outputs.verify(site, manifest, "site") == []
    assert set(manifest.files) == {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {outputs.MANIFEST_NAME}
    assert manifest.info["scripts"] and all(h.startswith("sha256-") for h in manifest.info["scripts"])
    assert not list(project.glob(".site.*")), "no staging folder left behind"


# -- where publish may write -------------------------------------------------------------------


@pytest.mark.parametrize("dest", ["site", ".", "docs", "releases"])
def test_publish_never_writes_into_the_project_or_the_build(project: Path, dest: str) -> None:
    assert run_quangba("build", cwd=project).returncode == 0
    before = checksums(project)
    output = failed(run_quangba("publish", dest, cwd=project))
    assert "cannot be the publishing folder: it is, contains or lies inside the" in output
    assert checksums(project) == before


def test_archive_never_goes_into_the_build(project: Path) -> None:
    assert run_quangba("build", cwd=project).returncode == 0
    output = failed(run_quangba("publish", "--archive", "site/portal.tar.gz", cwd=project))
    assert "cannot be the archive" in output and not (project / "site" / "portal.tar.gz").exists()


def test_publish_takes_only_what_the_build_made(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    assert run_quangba("build", cwd=project).returncode == 0
    site = project / "site"
    dest = tmp_path_factory.mktemp("portal") / "dest"
    (site / "notes.txt").write_text("added by hand\n", encoding="utf-8")
    (site / "about" / "index.html").write_text("<p>edited</p>", encoding="utf-8")
    (site / "en" / "404.html").unlink()
    output = failed(run_quangba("publish", dest, cwd=project))
    assert "site/notes.txt was added after the build" in output
    assert "site/about/index.html was changed after the build" in output
    assert "site/en/404.html is missing" in output
    assert not (dest / "current").exists()
    # A folder no build made (no manifest) is refused outright.
    (site / outputs.MANIFEST_NAME).unlink()
    assert "was not made by 'quangba build'" in failed(run_quangba("publish", dest, cwd=project))


def test_publish_names_a_page_with_a_script_the_templates_did_not_write(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Even with a manifest made to match (someone re-marked a tampered site), the security policy's
    list comes from the build, so the page with the extra script is named and nothing goes live."""
    assert run_quangba("build", cwd=project).returncode == 0
    site = project / "site"
    info = outputs.read_manifest(site).info
    page = site / "about" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<script>alert(1)</script></body>"), encoding="utf-8")
    outputs.write_manifest(site, "site", info)
    dest = tmp_path_factory.mktemp("portal") / "dest"
    output = failed(run_quangba("publish", dest, cwd=project))
    assert "inline scripts or styles that the build's templates did not write" in output and "about/index.html" in output
    assert not (dest / "current").exists()


# -- two builds at once ------------------------------------------------------------------------


def test_two_builds_at_once_never_leave_an_incomplete_site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    command = [sys.executable, "-m", "quangba", "build"]
    first = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = [process.communicate(timeout=600) for process in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, results
    assert any("waiting for it to finish" in err for _, err in results), "one build waited for the other"
    site = project / "site"
    manifest = outputs.read_manifest(site)
    assert manifest is not None and outputs.verify(site, manifest, "site") == []
    assert not list(project.glob(".site.*")), "no staging folder left behind"
    dest = tmp_path_factory.mktemp("portal") / "dest"
    assert run_quangba("publish", dest, cwd=project).returncode == 0


# -- print/ and site/ together ------------------------------------------------------------------


@pytest.fixture
def leaflet_project(tmp_path: Path) -> Path:
    """The demo project with the investment flyer only (four small leaflets)."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(PROJECT / "mkdocs.yml", root)
    shutil.copytree(PROJECT / "docs", root / "docs")
    shutil.copytree(PROJECT / "assets", root / "assets")
    shutil.copytree(PROJECT / "overrides", root / "overrides")
    for source in (root / "docs/publications/leaflets").glob("*.md"):
        if not source.name.startswith("invest."):
            source.unlink()
    # The landing pages that offer the removed leaflets offer none (naming a missing one is an error).
    for page in (root / "docs").rglob("index.*.md"):
        text = page.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines(keepends=True) if not (line.startswith("publications: [") and "invest" not in line)]
        page.write_text("".join(lines), encoding="utf-8")
    return root


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_build_replaces_print_and_site_together_or_not_at_all(leaflet_project: Path) -> None:
    root = leaflet_project
    built = run_quangba("build", cwd=root)
    assert built.returncode == 0, built.stdout + built.stderr
    print_before, site_before = checksums(root / "print"), checksums(root / "site")
    # A new leaflet text, and a broken link in a page: the site fails after the leaflets were made.
    leaflet = root / "docs/publications/leaflets/invest.en.md"
    leaflet.write_text(leaflet.read_text(encoding="utf-8").replace("Thai Nguyen", "Thai Nguyen Province", 1), encoding="utf-8")
    page = root / "docs/contact/index.vi.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Liên kết hỏng](no-such-page.md)\n", encoding="utf-8")
    output = failed(run_quangba("build", cwd=root))
    assert "no-such-page.md' links to a page or file that does not exist" in output
    assert checksums(root / "print") == print_before and checksums(root / "site") == site_before
    assert not list(root.glob("print/.leaflets.*")) and not list(root.glob(".site.*"))
    # Fixed: the new leaflet is made again (its staged copy was thrown away, not cached).
    page.write_text(page.read_text(encoding="utf-8").replace("\n[Liên kết hỏng](no-such-page.md)\n", ""), encoding="utf-8")
    assert run_quangba("build", cwd=root).returncode == 0
    assert "Thai Nguyen Province" in pdf_text(root / "print/leaflets/invest.en.pdf")
    screen = root / "site/assets/leaflets/invest.en.pdf"
    assert "Thai Nguyen Province" in pdf_text(screen)


def test_unreadable_sidecar_stops_everything_before_any_output(leaflet_project: Path) -> None:
    root = leaflet_project
    photos = json.dumps(sorted(p.stem for p in (root / "assets/images").glob("*.yml")))
    sidecar = root / "assets/images/industrial-park.yml"
    assert sidecar.is_file(), photos
    sidecar.write_text("caption: {vi: 'Khu công nghiệp\nfocal_point: [0.5, 0.7]\n", encoding="utf-8")
    output = failed(run_quangba("build", cwd=root))
    assert "assets/images/industrial-park.yml:1: not valid YAML" in output
    assert not (root / "print").exists() and not (root / "site").exists()
    # `quangba leaflets` alone stops on it too, instead of printing without the focal point.
    output = failed(run_quangba("leaflets", cwd=root))
    assert "assets/images/industrial-park.yml:1: not valid YAML" in output
    assert not list((root / "print" / "leaflets").glob("invest.*.pdf")) if (root / "print" / "leaflets").exists() else True
