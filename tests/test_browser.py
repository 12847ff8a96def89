"""The built site in a real browser (Debian's Chromium driven by Playwright), served on 127.0.0.1.

The site is built for the address it is served at (--site-url), as a staging copy would be:
its absolute links (canonical, hreflang) then point at the test server, not the production host.
"""

from __future__ import annotations

import functools
import shutil
import socket
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from conftest import PROJECT, Site, run_quangba, site_languages, source_pages

# Flags that keep Chromium from calling home (updates, sync, field trials): see env docs. The
# last two keep it offline but for loopback: no DNS answers, and a closed port as the proxy of
# any other address (loopback bypasses proxies); Debian's Chromium otherwise calls
# accounts.google.com and update.googleapis.com at start-up, whatever the others say.
OFFLINE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--proxy-server=http://127.0.0.1:9"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    *OFFLINE_ARGS,
]


class SiteHandler(SimpleHTTPRequestHandler):
    """A static server that, like the portal's web server, answers an unknown address with the
    404 page of the language folder the address is in (/en/… -> /en/404.html)."""

    languages: tuple[str, ...] = ()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        first = urllib.parse.urlsplit(self.path).path.strip("/").split("/")[0]
        page = Path(self.directory) / (f"{first}/404.html" if first in self.languages else "404.html")
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory, demo_project: Path) -> Iterator[tuple[Site, str]]:
    """The demo built for, and served at, http://127.0.0.1:<free port>/."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    out = tmp_path_factory.mktemp("staging") / "site"
    result = run_quangba("build", "--site-dir", out, "--site-url", base, cwd=demo_project)
    assert result.returncode == 0, result.stdout + result.stderr
    default, languages = site_languages(PROJECT / "mkdocs.yml")
    site = Site(out, default, languages, source_pages(PROJECT / "docs", default))
    handler = functools.partial(type("Handler", (SiteHandler,), {"languages": languages[1:]}), directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, base
    server.shutdown()


@pytest.fixture(scope="session")
def demo(served_site: tuple[Site, str]) -> Site:
    return served_site[0]


@pytest.fixture(scope="session")
def base_url(served_site: tuple[Site, str]) -> str:
    return served_site[1]


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
    page.wait_for_timeout(300)  # requests the page's scripts make right after load
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    return requested


def font_files(requested: list[str]) -> set[str]:
    return {urlsplit(url).path.rsplit("/", 1)[-1] for url in requested if url.endswith(".woff2")}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_latin_page_loads_latin_fonts_only(page: Page, base_url: str, demo: Site, lang: str) -> None:
    files = font_files(visit(page, base_url + demo.url("overview/people.md", lang)))
    assert any(name.startswith("noto-sans-400n-latin") for name in files), files
    if lang == "vi":
        assert "noto-sans-400n-vietnamese.woff2" in files
    assert not {name for name in files if name.startswith(("noto-sans-sc", "noto-sans-kr"))}
    body_font = page.evaluate("getComputedStyle(document.querySelector('article')).fontFamily")
    assert body_font.startswith('"Noto Sans"')


def rendering_fonts(page: Page, selector: str) -> dict[tuple[str, bool], int]:
    """(font family, whether it is a web font) -> glyphs Chromium drew with it, over the text of
    the elements matched by selector (DevTools' CSS.getPlatformFontsForNode)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    used: dict[tuple[str, bool], int] = {}
    for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]:
        for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            key = (font["familyName"], font["isCustomFont"])
            used[key] = used.get(key, 0) + font["glyphCount"]
    cdp.detach()
    return used


@pytest.mark.parametrize(("lang", "prefix"), [("zh", "noto-sans-sc-"), ("ko", "noto-sans-kr-")])
@pytest.mark.parametrize("source", ["products/tea.md", "index.md"])
def test_cjk_page_draws_with_two_small_cuts_per_weight(page: Page, base_url: str, demo: Site, lang: str, prefix: str, source: str) -> None:
    files = font_files(visit(page, base_url + demo.url(source, lang)))
    cuts = {name for name in files if name.startswith(prefix)}
    for weight in ("400", "700"):
        assert 1 <= len({name for name in cuts if name.startswith(prefix + weight)}) <= 2, sorted(cuts)
    # Every glyph of the page's text came from a web font: none from a system font standing in.
    drawn = rendering_fonts(page, ".md-header *, .md-tabs *, .md-content *, .md-footer *")
    assert drawn and all(custom for _, custom in drawn), drawn
    assert any("CJK" in family or " SC" in family or " KR" in family for family, _ in drawn), drawn


def test_browsing_never_leaves_localhost(page: Page, base_url: str, demo: Site) -> None:
    """Every language's home page and one page per section: no request to another host."""
    sections = sorted({p.split("/")[0] for p in demo.pages if "/" in p})
    visited = 0
    for lang in demo.languages:
        for source in ["index.md"] + [f"{section}/index.md" for section in sections]:
            requested = visit(page, base_url + demo.url(source, lang))
            hosts = {urlsplit(url).netloc for url in requested if not url.startswith(("data:", "blob:"))}
            assert hosts == {urlsplit(base_url).netloc}, f"{source} ({lang}) contacted {hosts}"
            visited += 1
    assert visited >= 4 * 10


def test_switching_language_keeps_the_page(page: Page, base_url: str, demo: Site) -> None:
    page.goto(base_url + demo.url("tourism/destinations.md", "vi"))
    page.hover(".md-select")
    page.click('a.md-select__link[hreflang="ko"]')
    expect(page).to_have_url(base_url + demo.url("tourism/destinations.md", "ko"))
    assert page.get_attribute("html", "lang") == "ko"
    page.hover(".md-select")
    page.click('a.md-select__link[hreflang="en"]')
    expect(page).to_have_url(base_url + demo.url("tourism/destinations.md", "en"))


def search(page: Page, query: str) -> list[str]:
    """Type a query into Material's search box; return the result pages' paths."""
    page.click("input.md-search__input")
    placeholder = page.text_content(".md-search-result__meta")  # "type to start searching"
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")  # Material searches on key events
    page.wait_for_function(
        "placeholder => document.querySelector('.md-search-result__meta').textContent !== placeholder",
        arg=placeholder,
        timeout=15_000,
    )
    hrefs = page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")
    return sorted({urlsplit(href).path for href in hrefs})


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("zh", "茶", "products/tea.md"),
        ("zh", "旅游", "tourism/index.md"),
        ("ko", "관광", "tourism/index.md"),
        ("ko", "특산품", "products/index.md"),
        ("vi", "du lich", "tourism/index.md"),
        ("vi", "thai nguyen", "index.md"),  # the province's name: its home page (whose title it is)
        ("vi", "du lịch", "tourism/index.md"),
        ("en", "tea", "products/tea.md"),
    ],
)
def test_search_finds_pages_of_this_language_only(page: Page, base_url: str, demo: Site, lang: str, query: str, expected: str) -> None:
    page.goto(base_url + demo.url("index.md", lang), wait_until="networkidle")
    found = search(page, query)
    assert "/" + demo.url(expected, lang) in found, found
    others = {f"/{code}/" for code in demo.languages if code != lang and code != demo.default}
    if lang == demo.default:
        assert not [path for path in found if any(path.startswith(prefix) for prefix in others)], found
    else:
        assert all(path.startswith(f"/{lang}/") for path in found), found


def test_untranslated_page_notice_is_shown(page: Page, base_url: str, demo: Site) -> None:
    page.goto(base_url + demo.url("news/tea-season-notes.md", "zh"))
    notice = page.locator(".quangba-untranslated")
    expect(notice).to_be_visible()
    expect(notice.locator(".admonition-title")).to_have_text("本页面尚无中文版本。以下为越南语原文。")
    notice.get_by_role("link", name="英语").click()  # the English translation, offered to the Chinese reader
    expect(page).to_have_url(base_url + demo.url("news/tea-season-notes.md", "en"))


@pytest.mark.parametrize(("lang", "heading"), [("en", "Page not found"), ("ko", "페이지를 찾을 수 없습니다"), ("vi", "Không tìm thấy trang")])
def test_unknown_address_gives_that_language_404(page: Page, base_url: str, demo: Site, lang: str, heading: str) -> None:
    response = page.goto(base_url + demo.prefix(lang) + "no/such/page/")
    assert response is not None and response.status == 404
    expect(page.locator("article h1")).to_have_text(heading)
    assert page.get_attribute("html", "lang") == lang
    page.click("article a")
    expect(page).to_have_url(base_url + demo.prefix(lang))


def test_the_404_page_says_so_and_its_search_works_from_the_keyboard(page: Page, base_url: str, demo: Site) -> None:
    page.goto(base_url + demo.prefix("en") + "no/such/page/")
    assert page.title().startswith("Page not found - ")
    page.focus("#quangba-404-query")  # a real field: the keyboard reaches it
    page.keyboard.type("tea")
    page.keyboard.press("Enter")
    expect(page).to_have_url(base_url + "en/?q=tea")
    expect(page.locator("a.md-search-result__link").first).to_be_attached(timeout=15_000)  # Material opened its search


# -- accessibility: axe-core, the checker the web field trusts ---------------------------------------

AXE = PROJECT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def axe_violations(page: Page, within: str | None = None) -> list[str]:
    """axe-core's findings on the page as it is now (or on the part `within` selects: an open
    menu or dialog, which covers the page under it), one line per rule and element."""
    assert AXE.is_file(), "axe-core is not installed: scripts/install.sh --test runs npm ci in tests/js"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    script = "([tags, within]) => axe.run(within ? document.querySelector(within) : document, {runOnly: {type: 'tag', values: tags}})"
    result = page.evaluate(script, [AXE_TAGS, within])
    return [f"{v['id']} ({v['impact']}): {' '.join(map(str, node['target']))}: {v['help']}" for v in result["violations"] for node in v["nodes"]]


def all_pages(demo: Site) -> list[str]:
    """Every page the build wrote, as the address a reader opens (the editors' pages aside)."""
    folders = sorted({p.parent for p in demo.root.rglob("index.html") if "_editors" not in p.relative_to(demo.root).parts})
    return [folder.relative_to(demo.root).as_posix().removeprefix(".") + "/" for folder in folders]


def test_every_page_passes_axe(browser: Browser, base_url: str, demo: Site) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        found: list[str] = []
        pages = all_pages(demo)
        assert len(pages) > 100
        for address in pages:
            page.goto(base_url + address.lstrip("/"))
            found += [f"{address}: {v}" for v in axe_violations(page)]
        assert found == []
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_pass_axe_in_every_state(browser: Browser, base_url: str, demo: Site, viewport: dict[str, int], scheme: str) -> None:
    """Both colour schemes, desktop and phone, with the menu, the language list and the search open."""
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(base_url)
        if scheme == "dark":
            page.click("label[for=__palette_1]")  # the reader's own toggle; Material remembers it
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        found: list[str] = []
        for lang in demo.languages:
            for source in ("index.md", "products/tea.md", "news/index.md"):
                page.goto(base_url + demo.url(source, lang))
                found += [f"{lang} {source}: {v}" for v in axe_violations(page)]
            page.goto(base_url + demo.prefix(lang) + "no/such/page/")
            found += [f"{lang} 404: {v}" for v in axe_violations(page)]
            page.goto(base_url + demo.url("tourism/index.md", lang))
            if viewport == PHONE:
                page.click(".md-header label[for=__drawer]")
                expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
                page.wait_for_timeout(500)  # the drawer's slide: colours are checked once it is still
                found += [f"{lang} menu open: {v}" for v in axe_violations(page, ".md-sidebar--primary")]
                page.goto(base_url + demo.url("tourism/index.md", lang))
                page.click(".md-header label[for=__search]")
            else:
                page.hover(".md-select")
                expect(page.locator(".md-select__inner")).to_be_visible()
                found += [f"{lang} languages open: {v}" for v in axe_violations(page, ".md-header")]
                page.click("input.md-search__input")
            page.fill("input.md-search__input", {"zh": "茶", "ko": "관광", "vi": "du lịch", "en": "tea"}[lang])
            page.keyboard.press("End")  # Material searches on a key press
            expect(page.locator("a.md-search-result__link").first).to_be_visible(timeout=15_000)
            page.wait_for_timeout(500)  # the results fade in: colours are checked once they are still
            found += [f"{lang} search open: {v}" for v in axe_violations(page, ".md-search")]
        assert found == []
    finally:
        context.close()
