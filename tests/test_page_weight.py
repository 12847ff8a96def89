"""What a phone downloads on a first visit, per language: the bytes on the wire (compressed, as
deploy/nginx.conf sends the .gz copies `quangba publish` writes) for the home page and two
content pages, within the budgets of the issue (the CJK fonts make zh and ko heavier).

The published demo is served by Debian's nginx; Chromium loads each page with a phone's screen
(412×823 at 1.75 device pixels, as Lighthouse's mobile preset) and an empty cache, waits for the
load event and then for the network to be quiet for a second, scrolling nothing (lazy images
below the fold stay unloaded, as for a reader who only opens the page).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page, Request, ViewportSize

from conftest import Site
from test_browser import CHROMIUM_ARGS
from test_nginx_server import Nginx, chromium, publish_and_serve

KIB = 1024
# The budgets for a first load, per language.
BUDGETS = {"vi": 250 * KIB, "en": 250 * KIB, "ko": 350 * KIB, "zh": 600 * KIB}
# The home page, and a content page of each kind (a product page with photos, a section index).
PAGES = ["index.md", "products/tea.md", "investment/index.md"]
# A reader of each language: the home page's language redirect then keeps each on its own page.
LOCALES = {"vi": "vi-VN", "en": "en-US", "zh": "zh-CN", "ko": "ko-KR"}
PHONE = ViewportSize(width=412, height=823)  # CSS pixels, at 1.75 device pixels each
QUIET = 1.0  # seconds without a request in flight: the network has settled
SETTLE_LIMIT = 60.0  # a page still downloading after this is a failure of its own


@dataclass(frozen=True)
class Transfer:
    url: str
    kind: str  # Playwright's resource type: document, stylesheet, font, image, script, fetch…
    status: int
    bytes: int  # response headers and (compressed) body, as received


@dataclass
class Load:
    url: str
    transfers: list[Transfer]
    failed: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(t.bytes for t in self.transfers)

    def breakdown(self, limit: int = 40) -> str:
        rows = sorted(self.transfers, key=lambda t: t.bytes, reverse=True)[:limit]
        lines = [f"{t.bytes:>9,} B  {t.kind:<10} {t.status}  {t.url}" for t in rows]
        return f"{self.url}: {len(self.transfers)} requests, {self.total:,} B ({self.total / KIB:.0f} KiB)\n" + "\n".join(lines)


class Meter:
    """Every request of a page (its workers' too: Material's search worker fetches the index)."""

    def __init__(self, page: Page) -> None:
        self.started: list[Request] = []
        self.finished: list[Request] = []
        self.failed: list[str] = []
        self.last_event = time.monotonic()
        page.on("request", self.on_request)
        page.on("requestfinished", self.on_finished)
        page.on("requestfailed", self.on_failed)

    def on_request(self, request: Request) -> None:
        self.started.append(request)
        self.last_event = time.monotonic()

    def on_finished(self, request: Request) -> None:
        self.finished.append(request)
        self.last_event = time.monotonic()

    def on_failed(self, request: Request) -> None:
        self.failed.append(f"{request.url}: {request.failure}")
        self.last_event = time.monotonic()

    def in_flight(self) -> int:
        return len(self.started) - len(self.finished) - len(self.failed)

    def settle(self, page: Page) -> None:
        """Until no request has been in flight, nor started, for QUIET seconds."""
        deadline = time.monotonic() + SETTLE_LIMIT
        while self.in_flight() or time.monotonic() - self.last_event < QUIET:
            assert time.monotonic() < deadline, f"the network did not settle: {[r.url for r in self.started if r not in self.finished]}"
            page.wait_for_timeout(100)  # lets Playwright deliver the events meanwhile

    def transfers(self) -> list[Transfer]:
        result = []
        for request in self.finished:
            if request.url.startswith("data:"):
                continue  # decoded from the page itself, nothing on the wire
            sizes = request.sizes()
            response = request.response()
            status = response.status if response else 0
            result.append(Transfer(request.url, request.resource_type, status, sizes["responseHeadersSize"] + sizes["responseBodySize"]))
        return result


def first_load(browser: Browser, url: str, locale: str) -> Load:
    """URL opened on a phone with an empty cache (a new browser context has its own, empty)."""
    context = browser.new_context(locale=locale, viewport=PHONE, device_scale_factor=1.75, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        meter = Meter(page)
        page.goto(url, wait_until="load")
        meter.settle(page)
        return Load(page.url, meter.transfers(), meter.failed)
    finally:
        context.close()


@pytest.fixture(scope="module")
def portal(demo_site: Site, demo_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    server = publish_and_serve(demo_site.root, demo_project / "mkdocs.yml", tmp_path_factory.mktemp("weight"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium(CHROMIUM_ARGS) as browser:
        yield browser


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", list(BUDGETS))
def test_first_load_on_a_phone_is_within_the_budget(browser: Browser, portal: Nginx, demo_site: Site, lang: str, page: str) -> None:
    url = urljoin(portal.base, demo_site.url(page, lang))
    load = first_load(browser, url, LOCALES[lang])
    print(f"\n{lang} {page}: {load.total:,} B ({load.total / KIB:.0f} KiB) in {len(load.transfers)} requests")
    assert load.url == url, "the page was redirected: the figures would be another page's"
    assert not load.failed, load.failed
    errors = [t for t in load.transfers if t.status >= 400]
    assert not errors, f"failed requests would hide their bytes: {errors}"
    assert any(t.kind == "font" for t in load.transfers), "no web font loaded: the budget would not be tested"
    assert load.total <= BUDGETS[lang], f"{load.total / KIB:.0f} KiB > {BUDGETS[lang] / KIB:.0f} KiB budget for {lang}\n{load.breakdown()}"


def test_the_meter_counts_compressed_bytes(browser: Browser, portal: Nginx, demo_site: Site) -> None:
    """The figures are bytes on the wire: the page's HTML arrives gzipped (smaller than its file),
    each download is counted once (a second use of a file, from memory, weighs nothing), and
    the search worker's download of the index is counted too."""
    load = first_load(browser, urljoin(portal.base, demo_site.url("products/tea.md", "vi")), LOCALES["vi"])
    html = next(t for t in load.transfers if t.kind == "document")
    assert html.bytes < demo_site.html("products/tea.md", "vi").stat().st_size / 2
    downloads = [t.url for t in load.transfers if t.bytes]
    assert len(set(downloads)) == len(downloads)
    assert any(t.url.endswith("search/search_index.json") and t.bytes > 1000 for t in load.transfers)
    stylesheets = [t for t in load.transfers if t.kind == "stylesheet"]
    assert stylesheets and all(t.bytes > 100 for t in stylesheets)
