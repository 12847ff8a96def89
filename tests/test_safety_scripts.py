"""No script an editor pasted ever runs: texts from front matter, facts and news are escaped where
they reach HTML, scripts in page content stop the build with file and line, and behind
deploy/nginx.conf (Debian's nginx, Debian's Chromium) nothing injected runs, not even a script
written into a live release by hand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from conftest import run_quangba
from test_browser import CHROMIUM_ARGS
from test_nginx_server import Nginx, chromium, free_port, start_nginx

FACTS = """\
area:
  value: 8375.3
  unit: km2
  source: "Niên giám <script>window.__xss_source = 1</script>"
  year: 2024
  label: {vi: "Diện tích <img src=x onerror=window.__xss_fact=1>", en: "Area <img src=x onerror=window.__xss_fact=1>"}
"""
HOSTILE_PAGES = {
    "about.vi.md": (
        '---\ntitle: "</title><script>window.__xss_title = 1</script>"\n'
        'description: \'Chè "Tân Cương" "><script>window.__xss_desc = 1</script>\'\n---\n\n'
        "Diện tích ({{ fact.area.label }}): {{ fact.area }}, nguồn {{ fact.area.source }}.\n"
    ),
    "news/index.vi.md": "---\ntitle: Tin tức\n---\n\n{{ news }}\n",
    "news/item.vi.md": (
        '---\ntitle: "Hội nghị <img src=x onerror=window.__xss_news=1>"\ndate: 2025-03-01\n'
        'description: "Tóm tắt <script>window.__xss_summary = 1</script>"\n---\n\nNội dung tin.\n'
    ),
}
FLAGS = ("__xss_title", "__xss_desc", "__xss_fact", "__xss_source", "__xss_news", "__xss_summary", "__xss_tamper")


def hostile_project(root: Path) -> Path:
    (root / "facts.yml").write_text(FACTS, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("publish: []", "publish: []\n      facts_file: facts.yml"), encoding="utf-8")
    for name, text in HOSTILE_PAGES.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    return root


def test_front_matter_fact_and_news_texts_are_shown_as_text(mini_project: Path) -> None:
    root = hostile_project(mini_project)
    built = run_quangba("build", cwd=root)
    assert built.returncode == 0, built.stdout + built.stderr
    about = (root / "site/about/index.html").read_text(encoding="utf-8")
    news = (root / "site/news/index.html").read_text(encoding="utf-8")
    for html in (about, news):
        assert "<script>window.__xss" not in html and "<img src=x onerror" not in html and '<img src="x"' not in html
    assert "<title>&lt;/title&gt;&lt;script&gt;window.__xss_title = 1&lt;/script&gt; - Mini</title>" in about
    assert '<meta name="description" content="Chè &#34;Tân Cương&#34; &#34;&gt;&lt;script&gt;' in about
    assert "Diện tích &lt;img src=x onerror=window.__xss_fact=1&gt;" in about
    assert "Hội nghị &lt;img src=x onerror=window.__xss_news=1&gt;" in news
    # The feed carries the titles as text too (feedgen escapes XML once).
    feed = (root / "site/feed.xml").read_text(encoding="utf-8")
    assert "Hội nghị &lt;img src=x onerror=window.__xss_news=1&gt;" in feed


@pytest.mark.parametrize(
    ("body", "what"),
    [
        ("<script>alert(1)</script>", "a <script> element"),
        ('<img src="x" onerror="alert(1)">', "an onerror= event handler"),
        ("[Bấm vào đây](javascript:alert(1))", "a javascript: address in href="),
        ('<a href="java&#115;cript:alert(1)">x</a>', "a javascript: address in href="),
        ('<iframe src="https://example.org/"></iframe>', "an <iframe> (embedded page)"),
        ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "a javascript: address in xlink:href="),
        ('<object data="x.swf"></object>', "an <object> (embedded program)"),
        ('<form action="https://evil.example/"><input></form>', "a <form>"),
    ],
)
def test_script_in_a_page_stops_the_build_with_file_and_line(mini_project: Path, body: str, what: str) -> None:
    page = mini_project / "docs" / "about.vi.md"
    page.write_text("---\ntitle: Giới thiệu\n---\n\nĐoạn một.\n\n" + body + "\n", encoding="utf-8")
    result = run_quangba("build", cwd=mini_project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"docs/about.vi.md:7: the page contains {what}" in output
    assert not (mini_project / "site").exists()


# -- behind nginx, in Chromium ------------------------------------------------------------------


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Nginx]]:
    """The hostile project built for, published to and served by nginx on 127.0.0.1."""
    from conftest import MINI_CONFIG

    root = tmp_path_factory.mktemp("hostile")
    (root / "mkdocs.yml").write_text(MINI_CONFIG, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs/index.vi.md").write_text("---\ntitle: Trang chủ\n---\n\nXem [giới thiệu](about.md) và [tin](news/index.md).\n", encoding="utf-8")
    (root / "docs/index.en.md").write_text("---\ntitle: Home\n---\n\nSee [about](about.md).\n", encoding="utf-8")
    hostile_project(root)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    built = run_quangba("build", "--site-url", base, cwd=root)
    assert built.returncode == 0, built.stdout + built.stderr
    dest = tmp_path_factory.mktemp("portal") / "dest"
    published = run_quangba("publish", dest, "--site-url", base, cwd=root)
    assert published.returncode == 0, published.stdout + published.stderr
    server = start_nginx(dest, tmp_path_factory.mktemp("nginx"), port)
    yield dest, server
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium(CHROMIUM_ARGS) as browser:
        yield browser


def ran(browser: Browser, url: str) -> tuple[list[str], list[str]]:
    """(injected flags set, security policy violations) after loading url."""
    context = browser.new_context()
    context.add_init_script(
        "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));"
    )
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, url
    flags = [flag for flag in FLAGS if page.evaluate(f"window.{flag} !== undefined")] + dialogs
    violations = page.evaluate("window.__violations")
    context.close()
    return flags, violations


def test_nothing_injected_runs_behind_nginx(portal: tuple[Path, Nginx], browser: Browser) -> None:
    dest, server = portal
    pages = sorted(p.relative_to(dest / "current").as_posix() for p in (dest / "current").rglob("index.html") if "_editors" not in p.parts)
    assert {"about/index.html", "news/index.html", "news/item/index.html"} <= set(pages)
    for page in pages:
        flags, violations = ran(browser, server.base + page.removesuffix("index.html"))
        assert flags == [], page
        assert violations == [], (page, violations)  # the templates' own scripts are all allowed


def test_a_script_written_into_a_live_release_does_not_run(portal: tuple[Path, Nginx], browser: Browser) -> None:
    """If someone with access to the server edits a published page, the policy still stops it."""
    dest, server = portal
    page = dest / "current" / "about" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</body>", "<script>window.__xss_tamper = 1</script></body>"), encoding="utf-8")
    (dest / "current" / "about" / "index.html.gz").unlink(missing_ok=True)  # nginx would send the untouched copy
    try:
        flags, violations = ran(browser, server.base + "about/")
        assert flags == []
        assert "script-src-elem" in violations or "script-src" in violations
    finally:
        page.write_text(html, encoding="utf-8")


def test_editors_pages_are_not_public(portal: tuple[Path, Nginx]) -> None:
    dest, server = portal
    assert (dest / "current" / "_editors" / "translation-status" / "index.html").is_file()
    assert server.get("/_editors/translation-status/").status == 404
    assert server.get("/.quangba/manifest.sha256").status == 404
