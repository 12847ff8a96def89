"""The editors' guide (docs-editors/): a small Vietnamese site of its own, outside the portal."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT, Site
from quangba import video

GUIDE = PROJECT / "docs-editors"


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("guide") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(GUIDE / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert not re.search(r"^WARNING\b", result.stderr, re.M), result.stderr
    return out


def text_of(guide: Path) -> str:
    """The guide as a reader sees it (code blocks are split into highlighted tokens in the HTML)."""
    return "\n".join(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text() for page in sorted(guide.glob("*.html")))


@pytest.mark.parametrize(
    ("topic", "needles"),
    [
        ("adding and editing a page", ["quangba new tourism/tea-villages", "quangba serve", "title:", "description:"]),
        ("facts", ["{{ fact.population }}", "{{ facts area, population, wards }}"]),
        ("figures with captions and credits", ["caption:", "credit:", "![Đồi chè xanh trải dài dưới nắng sớm](../assets/images/tea-hills.jpg)"]),
        ("admonitions", ['!!! tip "Mẹo pha trà"', "??? info"]),
        ("tables", ["| Khu công nghiệp | Diện tích | Tỷ lệ lấp đầy |"]),
        ("video", ["{{ video tea-harvest }}", "youtube-nocookie.com"]),
        ("translations and stamps", ["untranslated: true", "quangba coverage stamp docs/tourism/tea-villages.en.md", "source_hash"]),
        ("the coverage report", ["translated", "stale", "unverified", "missing", "orphan", "coverage_fail_under", "/_editors/translation-status/"]),
        ("leaflets", ["quangba leaflets", "format: a5-flyer", "<!-- panel: front -->", "print/leaflets/invest.vi.pdf", "quangba images print --preset"]),
        ("publishing and rolling back", ["quangba check", "quangba publish /srv/quangba", "--rollback", "--list", "--archive"]),
    ],
)
def test_guide_covers_each_topic(guide: Path, topic: str, needles: list[str]) -> None:
    text = text_of(guide)
    missing = [needle for needle in needles if needle not in text]
    assert not missing, f"{topic}: {missing}"


def test_guide_is_in_vietnamese_and_offline(guide: Path) -> None:
    pages = sorted(guide.glob("*.html"))
    assert len(pages) >= 7
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<html lang="vi"' in text, page.name
        assert not re.search(r'<(?:script|link|img)[^>]*(?:src|href)="https?://', text), page.name  # nothing from other servers


def test_guide_examples_are_real(guide: Path) -> None:
    """The examples an editor copies work with the project: facts exist, the video sidecar loads."""
    markdown = "\n".join(re.findall(r"```markdown\n(.*?)```", (GUIDE / "docs" / "markdown.md").read_text(encoding="utf-8"), re.S))
    facts = yaml.safe_load((PROJECT / "assets/data/province.yml").read_text(encoding="utf-8"))
    for key in set(re.findall(r"\{\{ fact\.(\w+)", markdown)) | {k.strip() for k in re.search(r"\{\{ facts ([^}]*)\}\}", markdown)[1].split(",")}:
        assert key in facts, key
    sidecar = re.search(r"```yaml\n(# assets/video/tea-harvest.yml\n.*?)```", (GUIDE / "docs" / "markdown.md").read_text(encoding="utf-8"), re.S)[1]
    assert video.youtube_id(yaml.safe_load(sidecar)["youtube"]) == "M7lc1UVf-VE"
    assert set(yaml.safe_load(sidecar)["title"]) == {"vi", "en", "zh", "ko"}


def test_guide_is_not_part_of_the_portal(demo_site: Site) -> None:
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    assert config["docs_dir"] == "docs"
    guide_only = ("Tài liệu này dành cho biên tập viên và người dịch", "quangba publish /srv/quangba")
    for page in demo_site.root.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not any(phrase in text for phrase in guide_only), page
