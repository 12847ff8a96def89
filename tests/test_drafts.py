"""Drafts and schedule: a page with `draft: true`, a `publish_at:` still to come, an `expires_at:`
gone by, or a news item dated in the future is not published (site/, menus, news index, feed,
sitemap, search), with its translations; it comes back once the build date passes; `quangba
serve` shows it with a banner; wrong values stop the build with file and line."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run_quangba
from quangba import events
from test_serve import fetch, free_port

NAV = """\
nav:
  - Trang chủ: index.md
  - Giới thiệu: about.md
  - Lịch: schedule.md
  - Tin tức:
      - news/index.md
      - news/future.md
      - news/old.md
  - Cũ: old-notice.md
"""

PAGES = {
    "about.vi.md": "---\ntitle: Giới thiệu\ndraft: true\n---\n\nNội dung nháp.\n",
    "about.en.md": "---\ntitle: About\n---\n\nDraft content.\n",  # the source is a draft: held too
    "schedule.vi.md": "---\ntitle: Lịch tiếp dân\npublish_at: 2027-03-01 08:00\n---\n\nLịch mới.\n",
    "old-notice.vi.md": "---\ntitle: Thông báo cũ\nexpires_at: 2026-06-01\n---\n\nĐã hết hạn.\n",
    "news/index.vi.md": "---\ntitle: Tin tức\n---\n\n{{ news }}\n",
    "news/index.en.md": "---\ntitle: News\n---\n\n{{ news }}\n",
    "news/future.vi.md": "---\ntitle: Tin tương lai\ndate: 2027-06-01\ndescription: Sắp tới.\n---\n\nSắp có.\n",
    "news/old.vi.md": "---\ntitle: Tin đã đăng\ndate: 2026-01-05\ndescription: Đã đăng.\n---\n\nCũ.\n",
}
HELD = ("about", "schedule", "old-notice", "news/future")


@pytest.fixture
def project(mini_project: Path) -> Path:
    config = mini_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - search\n")
    config.write_text(text + NAV, encoding="utf-8")
    docs = mini_project / "docs"
    (docs / "news").mkdir()
    (docs / "index.vi.md").write_text("---\ntitle: Trang chủ\n---\n\nXem [tin tức](news/index.md).\n", encoding="utf-8")
    (docs / "index.en.md").write_text("---\ntitle: Home\n---\n\nSee [news](news/index.md).\n", encoding="utf-8")
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    return mini_project


def build_on(project: Path, day: str, monkeypatch: pytest.MonkeyPatch) -> subprocess.CompletedProcess[str]:
    monkeypatch.setenv(events.BUILD_DATE, day)
    return run_quangba("build", cwd=project)


def published(site: Path, page: str) -> dict[str, bool]:
    """Where page (e.g. 'news/future') appears in the built site."""
    address = f"{page}/"
    locations = {doc["location"] for root in ("", "en/") for doc in json.loads((site / root / "search/search_index.json").read_text(encoding="utf-8"))["docs"]}
    return {
        "file": (site / page / "index.html").exists() or (site / "en" / page / "index.html").exists(),
        "nav": address in (site / "index.html").read_text(encoding="utf-8") or address in (site / "en/index.html").read_text(encoding="utf-8"),
        "news": address.removeprefix("news/") in (site / "news/index.html").read_text(encoding="utf-8") if page.startswith("news/") else False,
        "feed": address in (site / "feed.xml").read_text(encoding="utf-8"),
        "sitemap": address in (site / "sitemap.xml").read_text(encoding="utf-8"),
        "search": any(location.split("#")[0] in (address, f"en/{address}") for location in locations),
    }


def test_pages_not_due_are_left_out_everywhere(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = build_on(project, "2026-12-01", monkeypatch)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    for page in HELD:
        assert not any(published(site, page).values()), (page, published(site, page))
    shown = published(site, "news/old")  # a news item of the past is published as before
    assert shown["file"] and shown["nav"] and shown["news"] and shown["feed"] and shown["sitemap"] and shown["search"]
    assert not (site / "en/about/index.html").exists()  # the draft's translation is held with it
    output = result.stdout + result.stderr
    assert "5 trang chưa xuất bản" in output
    assert "docs/about.vi.md: bản nháp" in output and "docs/about.en.md: bản nháp" in output
    assert "docs/schedule.vi.md: lên lịch xuất bản từ 2027-03-01 08:00" in output
    assert "docs/news/future.vi.md: lên lịch xuất bản từ 2027-06-01" in output
    assert "docs/old-notice.vi.md: đã hết hạn từ 2026-06-01" in output
    status = (site / "_editors/translation-status/index.html").read_text(encoding="utf-8")
    assert "Chưa xuất bản (5)" in status and "<td>schedule.vi.md</td><td>lên lịch xuất bản từ 2027-03-01 08:00</td>" in status
    assert 'href="../../about/"' not in status  # no link to a page that is not there


def test_scheduled_pages_come_once_their_time_has_passed(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = build_on(project, "2027-06-01", monkeypatch)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    schedule, news = published(site, "schedule"), published(site, "news/future")
    assert schedule["file"] and schedule["nav"] and schedule["sitemap"] and schedule["search"], schedule
    assert all(news.values()), news
    assert not any(published(site, "about").values()) and not any(published(site, "old-notice").values())


def test_a_translation_marked_draft_leaves_the_source_page_to_its_readers(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = project / "docs"
    (docs / "about.vi.md").write_text("---\ntitle: Giới thiệu\n---\n\nNội dung đã duyệt.\n", encoding="utf-8")
    (docs / "about.en.md").write_text("---\ntitle: About\ndraft: true\n---\n\nUnchecked translation.\n", encoding="utf-8")
    result = build_on(project, "2026-12-01", monkeypatch)
    assert result.returncode == 0, result.stdout + result.stderr
    english = (project / "site/en/about/index.html").read_text(encoding="utf-8")
    assert "Unchecked translation." not in english and "Nội dung đã duyệt." in english


def test_a_link_to_a_page_not_published_is_named(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "docs/index.vi.md").write_text("---\ntitle: Trang chủ\n---\n\nXem\n[giới thiệu](about.md).\n", encoding="utf-8")
    result = build_on(project, "2026-12-01", monkeypatch)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "docs/index.vi.md:6: liên kết tới about.md, một trang chưa xuất bản (bản nháp" in output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    ("front_matter", "line", "message"),
    [
        ('draft: "yes"', 3, "draft: 'yes' không hợp lệ"),
        ("publish_at: ngày mai", 3, "publish_at: 'ngày mai' không phải ngày giờ hợp lệ"),
        ("expires_at: 2027-13-01 08:00", 3, "expires_at: '2027-13-01 08:00' không phải ngày giờ hợp lệ"),
    ],
)
def test_wrong_values_stop_the_build_at_their_line(project: Path, monkeypatch: pytest.MonkeyPatch, front_matter: str, line: int, message: str) -> None:
    (project / "docs/about.vi.md").write_text(f"---\ntitle: Giới thiệu\n{front_matter}\n---\n\nNội dung.\n", encoding="utf-8")
    result = build_on(project, "2026-12-01", monkeypatch)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"docs/about.vi.md:{line}: {message}" in output and "Traceback" not in output


def test_the_preview_shows_a_draft_with_a_banner(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(events.BUILD_DATE, "2026-12-01")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "quangba", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        for address, text in (("about/", "Nội dung nháp."), ("en/about/", "Draft content."), ("news/future/", "Sắp có.")):
            page = fetch(f"http://127.0.0.1:{port}/{address}", deadline)
            assert text in page and 'class="admonition warning quangba-draft"' in page, address
        assert "quangba-draft" not in fetch(f"http://127.0.0.1:{port}/news/old/", deadline)
    finally:
        server.terminate()
        server.wait(timeout=30)
