"""One reader of mkdocs.yml and of every page: the defects that came from reading them in several
ways, each through the real commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from conftest import run_quangba

BOM = b"\xef\xbb\xbf"


def write(root: Path, name: str, text: str, bom: bool = False) -> Path:
    path = root / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((BOM if bom else b"") + text.encode("utf-8"))
    return path


def built(project: Path):
    result = run_quangba("build", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_news_item_saved_with_a_byte_order_mark_is_listed_and_in_the_feed(mini_project: Path) -> None:
    write(mini_project, "news/index.vi.md", "---\ntitle: Tin tức\n---\n\n{{ news }}\n")
    write(mini_project, "news/2025-hoi-nghi.vi.md", "---\ntitle: Hội nghị xúc tiến đầu tư 2025\ndate: 2025-03-01\n---\n\nNội dung.\n", bom=True)
    site = built(mini_project)
    assert "Hội nghị xúc tiến đầu tư 2025" in (site / "news" / "index.html").read_text(encoding="utf-8")
    assert "<title>Hội nghị xúc tiến đầu tư 2025</title>" in (site / "feed.xml").read_text(encoding="utf-8")


def test_stub_saved_with_a_byte_order_mark_is_shown_as_untranslated(mini_project: Path) -> None:
    write(mini_project, "about.en.md", "---\ntitle: About\nuntranslated: true\n---\n\nTranslation to do.\n", bom=True)
    site = built(mini_project)
    page = (site / "en" / "about" / "index.html").read_text(encoding="utf-8")
    assert "Translation to do" not in page and "Nội dung." in page
    assert "quangba-untranslated" in page  # the notice in the reader's language
    report = run_quangba("coverage", "--format", "json", cwd=mini_project)
    assert '"missing": 1' in report.stdout


def test_a_custom_photo_folder_is_the_one_every_command_uses(mini_project: Path) -> None:
    config = mini_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("publish: []", "publish: []\n      images:\n        library: photos"), encoding="utf-8")
    photos = mini_project / "assets" / "photos"
    photos.mkdir(parents=True)
    Image.new("RGB", (640, 480), (30, 120, 60)).save(photos / "harbour.jpg", quality=85)
    (photos / "harbour.yml").write_text("caption: {vi: Bến cảng, en: Harbour}\nalt: {vi: Bến cảng, en: Harbour}\nlicence: CC0-1.0\n", encoding="utf-8")
    checked = run_quangba("images", "check", cwd=mini_project)
    assert checked.returncode == 1 and "assets/photos/harbour.yml: credit missing" in checked.stderr
    assert "photo folder not found" not in checked.stderr
    editors = run_quangba("check", cwd=mini_project)
    output = editors.stdout + editors.stderr
    assert "no assets/images folder" not in output and "assets/photos/harbour.yml: credit missing" in output


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("keep_releases: 0", "plugins: quangba: keep_releases: must be at least 1, not 0"),
        ("coverage_fail_under: 150", "plugins: quangba: coverage_fail_under: must be at least 0 and at most 100, not 150"),
        ("limits:\n        headings: 0", "plugins: quangba: limits: "),
    ],
)
def test_a_wrong_setting_is_refused_by_the_first_command_that_reads_it(mini_project: Path, setting: str, message: str) -> None:
    config = mini_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("publish: []", f"publish: []\n      {setting}"), encoding="utf-8")
    for command in (["build"], ["check"], ["coverage"], ["leaflets"], ["publish", mini_project.parent / "portal"]):
        result = run_quangba(*command, cwd=mini_project)
        output = result.stdout + result.stderr
        assert result.returncode == 2, (command, output)
        assert message in output and "Traceback" not in output, (command, output)
    assert not (mini_project / "site").exists()
