"""The published site through deploy/nginx.conf in Chromium: the security policy the server sends
lets every page work (no violation in the console), and a reader's language choice sticks.

As in test_browser.py, the site is built for the address it is served at (--site-url), published
with `quangba publish`, and served by Debian's nginx on that address.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, BrowserContext, Page, expect

from conftest import PROJECT, Site, run_quangba, site_languages, source_pages
from quangba.publish.cli import publish as publish_command
from test_browser import CHROMIUM_ARGS
from test_nginx_server import Nginx, chromium, free_port, start_nginx

# Collects what the page's CSP blocks: the browser fires this event for each violation.
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
});
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, demo_project: Path) -> Iterator[tuple[Site, Nginx]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    out = tmp_path_factory.mktemp("staging") / "site"
    built = run_quangba("build", "--site-dir", out, "--site-url", base, cwd=demo_project)
    assert built.returncode == 0, built.stdout + built.stderr
    dest = tmp_path_factory.mktemp("portal") / "dest"
    published = CliRunner().invoke(publish_command, [str(dest), "--site-dir", str(out), "--site-url", base, "--config", str(demo_project / "mkdocs.yml")])
    assert published.exit_code == 0, published.output
    server = start_nginx(dest, tmp_path_factory.mktemp("nginx"), port)
    default, languages = site_languages(PROJECT / "mkdocs.yml")
    yield Site(out, default, languages, source_pages(PROJECT / "docs", default)), server
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium(CHROMIUM_ARGS) as browser:
        yield browser


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(locale="en-US")  # Chromium then sends Accept-Language: en-US,en
    context.add_init_script(WATCH_VIOLATIONS)
    yield context
    context.close()


class Console:
    """Every console message and page error of a page."""

    def __init__(self, page: Page):
        self.messages: list[str] = []
        page.on("console", lambda message: self.messages.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: self.messages.append(f"pageerror: {error}"))

    def policy_violations(self) -> list[str]:
        return [m for m in self.messages if "Content Security Policy" in m or "Content-Security-Policy" in m]

    def errors(self) -> list[str]:
        return [m for m in self.messages if m.startswith(("error", "pageerror"))]


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def test_pages_run_under_the_security_policy(context: BrowserContext, served: tuple[Site, Nginx]) -> None:
    site, server = served
    page = context.new_page()
    console = Console(page)
    visited = 0
    for lang in site.languages:
        for source in ("index.md", "tourism/index.md", "products/tea.md", "overview/people.md", "news/index.md"):
            response = page.goto(server.base + site.url(source, lang), wait_until="networkidle")
            assert response is not None and response.status == 200
            assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
            assert violations(page) == [], (source, lang)
            visited += 1
        # Material's scripts did run: the header's search box works, on every language's index.
        page.click("input.md-search__input")
        page.fill("input.md-search__input", {"zh": "茶", "ko": "관광", "vi": "du lich", "en": "tea"}[lang])
        page.keyboard.press("End")
        expect(page.locator("a.md-search-result__link").first).to_be_attached(timeout=15_000)
        page.keyboard.press("Escape")
        assert violations(page) == []
    # The colour scheme toggle (an inline script restores it on the next page).
    page.click("label[for=__palette_1]")
    page.goto(server.base + site.url("tourism/index.md", "vi"), wait_until="networkidle")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert console.errors() == []
    # Each language's 404 page, served by nginx for unknown addresses: the browser reports the
    # page's own status, and nothing else.
    for lang in site.languages:
        response = page.goto(server.base + site.prefix(lang) + "no/such/page/", wait_until="networkidle")
        assert response is not None and response.status == 404
        assert page.get_attribute("html", "lang") == lang
        assert violations(page) == []
    assert visited == 5 * len(site.languages)
    assert console.policy_violations() == []
    not_found = "error: Failed to load resource: the server responded with a status of 404 (Not Found)"
    assert console.errors() == [not_found] * len(site.languages)


def test_no_page_asks_for_what_is_not_there(context: BrowserContext, served: tuple[Site, Nginx]) -> None:
    """Every page of every language, loaded as a reader loads it: each request it makes (Material's
    sitemap fetches beside the language base and every alternate link included) is answered, and
    the console stays clean."""
    site, server = served
    page = context.new_page()
    console = Console(page)
    unanswered: list[str] = []
    page.on("response", lambda response: unanswered.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    page.on("requestfailed", lambda request: unanswered.append(f"failed {request.url} ({request.failure})"))
    pages = sorted("/" + str(path.relative_to(site.root).parent).removeprefix(".") for path in site.root.rglob("index.html") if "_editors" not in path.parts)
    assert len(pages) > 100
    for address in pages:
        url = server.base + address.strip("/") + ("/" if address.strip("/") else "")
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.status == 200, address
    assert unanswered == []
    assert console.errors() == []


def test_editors_status_page_runs_under_the_security_policy(context: BrowserContext, served: tuple[Site, Nginx]) -> None:
    """The translation status page the build writes for editors is not public (nginx answers 404),
    but it keeps to the portal's security policy wherever it is shown: loaded here with the very
    policy nginx sends, it needs nothing the policy blocks."""
    site, server = served
    status_page = site.root / "_editors/translation-status/index.html"
    assert status_page.is_file()
    assert server.get("/_editors/translation-status/").status == 404
    policy = server.get("/").header("Content-Security-Policy")
    assert policy and "script-src 'self' 'sha256-" in policy
    page = context.new_page()
    console = Console(page)
    page.route(
        "**/_editors/translation-status/",
        lambda route: route.fulfill(
            status=200, body=status_page.read_bytes(), headers={"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": policy}
        ),
    )
    page.goto(server.base + "_editors/translation-status/", wait_until="networkidle")
    assert page.locator("h1").inner_text() == "Translation status"
    assert violations(page) == [] and console.policy_violations() == []


def test_reader_who_picks_vietnamese_stays_there(context: BrowserContext, served: tuple[Site, Nginx]) -> None:
    site, server = served
    page = context.new_page()
    page.goto(server.base)
    expect(page).to_have_url(server.base + "en/")  # an English-speaking browser is sent to English
    page.hover(".md-select")
    page.click('a.md-select__link[hreflang="vi"]')
    expect(page).to_have_url(server.base)  # the switcher's choice is not overridden
    assert page.get_attribute("html", "lang") == "vi"
    cookies = {c["name"]: c["value"] for c in context.cookies()}
    assert cookies.get("quangba_lang") == "vi"
    page.goto(server.base)  # later, typed in the address bar or from a bookmark
    expect(page).to_have_url(server.base)
    assert page.get_attribute("html", "lang") == "vi"
    # Choosing Korean on a Vietnamese page sends "/" to Korean from then on.
    page.goto(server.base + site.url("tourism/destinations.md", "vi"))
    page.hover(".md-select")
    page.click('a.md-select__link[hreflang="ko"]')
    expect(page).to_have_url(server.base + site.url("tourism/destinations.md", "ko"))
    page.goto(server.base)
    expect(page).to_have_url(server.base + "ko/")


@pytest.mark.parametrize(("locale", "target"), [("ko-KR", "ko/"), ("zh-CN", "zh/"), ("vi-VN", ""), ("de-DE", "en/")])
def test_first_visit_follows_the_browser_language(browser: Browser, served: tuple[Site, Nginx], locale: str, target: str) -> None:
    _, server = served
    context = browser.new_context(locale=locale)
    try:
        page = context.new_page()
        page.goto(server.base)
        expect(page).to_have_url(server.base + target)
    finally:
        context.close()
