"""The built site in a real browser (Debian's Chromium driven by Playwright), served on 127.0.0.1."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from conftest import Site

# Flags that keep Chromium from calling home (updates, sync, field trials): see env docs.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="session")
def base_url(demo_site: Site) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(demo_site.root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def visit(page: Page, url: str) -> list[str]:
    """Open url, wait until its fonts are loaded, and return every URL the page requested."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    return requested


def font_files(requested: list[str]) -> set[str]:
    return {urlsplit(url).path.rsplit("/", 1)[-1] for url in requested if url.endswith(".woff2")}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_latin_page_loads_latin_fonts_only(page: Page, base_url: str, demo_site: Site, lang: str) -> None:
    files = font_files(visit(page, base_url + demo_site.url("overview/people.md", lang)))
    assert any(name.startswith("noto-sans-400n-latin") for name in files), files
    if lang == "vi":
        assert "noto-sans-400n-vietnamese.woff2" in files
    assert not {name for name in files if name.startswith(("noto-sans-sc", "noto-sans-kr"))}
    body_font = page.evaluate("getComputedStyle(document.querySelector('article')).fontFamily")
    assert body_font.startswith('"Noto Sans"')


@pytest.mark.parametrize(("lang", "prefix"), [("zh", "noto-sans-sc-"), ("ko", "noto-sans-kr-")])
def test_cjk_page_loads_its_own_script_slices(page: Page, base_url: str, demo_site: Site, lang: str, prefix: str) -> None:
    files = font_files(visit(page, base_url + demo_site.url("overview/people.md", lang)))
    slices = {name for name in files if name.startswith(prefix)}
    assert slices, files
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert {"Noto Sans SC" if lang == "zh" else "Noto Sans KR"} <= {name.strip('"') for name in loaded}


def test_browsing_never_leaves_localhost(page: Page, base_url: str, demo_site: Site) -> None:
    """Every language's home page and one page per section: no request to another host."""
    sections = sorted({p.split("/")[0] for p in demo_site.pages if "/" in p})
    visited = 0
    for lang in demo_site.languages:
        for source in ["index.md"] + [f"{section}/index.md" for section in sections]:
            requested = visit(page, base_url + demo_site.url(source, lang))
            hosts = {urlsplit(url).netloc for url in requested if not url.startswith(("data:", "blob:"))}
            assert hosts == {urlsplit(base_url).netloc}, f"{source} ({lang}) contacted {hosts}"
            visited += 1
    assert visited >= 4 * 10
