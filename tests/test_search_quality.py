"""Search that finds the right page, checked the way a reader searches: in the real search box.

tests/fixtures/search/queries.yml lists what readers type (Vietnamese with and without
diacritics, decomposed Unicode, English, Chinese, Korean), each with the page that must be among
the first three results. One browser page per language types them all into Material's search
box and reads the result list in order; a miss fails with a table of every miss.
bench/search_quality.py runs the same helpers on that set and on a held-out one
(bench/search_heldout.yml) and prints hit@1 / hit@3.

The rest: the fold and normalisation functions of quangba.site.features.search, and behaviour a
ranking table does not show (all terms required with a fallback, no zero-width characters shown,
decomposed text typed or written).
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import socket
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, BrowserType, Page

from conftest import PROJECT, Site, run_quangba
from quangba.site.features.search import ZERO_WIDTH, clean_text, fold, normalise_index
from test_browser import CHROMIUM_ARGS, SiteHandler
from test_nginx_server import chromium as shared_chromium

QUERIES = PROJECT / "tests" / "fixtures" / "search" / "queries.yml"
TOP = 3  # the expected page must be among the first TOP results


# -- the query sets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    page: str  # source page, docs/<page> without the language suffix: "products/tea.md"
    nfd: bool = False  # typed in decomposed Unicode

    def typed(self) -> str:
        return unicodedata.normalize("NFD", self.text) if self.nfd else self.text

    def shown(self) -> str:
        return self.text + (" (NFD)" if self.nfd else "")


def load_queries(path: Path) -> dict[str, list[Query]]:
    """language -> its queries, in the file's order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {lang: [Query(lang, str(item["q"]), item["page"], bool(item.get("nfd", False))) for item in items] for lang, items in data.items()}


@dataclass(frozen=True)
class Outcome:
    query: Query
    expected: str  # the page's address path, "/en/products/tea/"
    found: tuple[str, ...]  # result pages' address paths, best first

    @property
    def rank(self) -> int | None:
        return self.found.index(self.expected) + 1 if self.expected in self.found else None

    def hit(self, top: int) -> bool:
        return self.rank is not None and self.rank <= top


def misses_table(outcomes: list[Outcome], top: int = TOP) -> str:
    rows = [o for o in outcomes if not o.hit(top)]
    lines = [f"{len(rows)} of {len(outcomes)} queries miss their page in the top {top}:", "lang | query | expected | rank | first results"]
    for o in rows:
        lines.append(f"{o.query.lang} | {o.query.shown()} | {o.expected} | {o.rank or '-'} | {', '.join(o.found[:top]) or '(none)'}")
    return "\n".join(lines)


# -- the real search box ----------------------------------------------------------------------------


class SearchBox:
    """Material's search box on one open page: type a query, read the results, many times."""

    def __init__(self, page: Page, url: str) -> None:
        self.page = page
        page.goto(url, wait_until="networkidle")
        config = json.loads(page.text_content("#__config") or "{}")
        self.placeholder: str = config["translations"]["search.result.placeholder"]
        page.click("input.md-search__input")
        self.wait_meta(equal=True)  # the worker has its index: an empty query shows the placeholder

    def wait_meta(self, equal: bool) -> None:
        """Until the line above the results shows the placeholder (equal) or anything else: Material
        writes it and the list together, when the worker's answer arrives."""
        self.page.wait_for_function(
            "([text, equal]) => (document.querySelector('.md-search-result__meta').textContent.trim() === text) === equal",
            arg=[self.placeholder, equal],
            timeout=15_000,
        )

    def type(self, text: str) -> None:
        self.page.fill("input.md-search__input", text)
        self.page.keyboard.press("End")  # Material searches on key events

    def search(self, text: str) -> list[str]:
        """The result pages' address paths, best first."""
        self.type("")
        self.wait_meta(equal=True)
        self.type(text)
        self.wait_meta(equal=False)
        hrefs = self.page.eval_on_selector_all("li.md-search-result__item > a.md-search-result__link:first-child", "links => links.map(a => a.href)")
        return [urlsplit(href).path for href in hrefs]

    def count(self) -> int:
        """How many pages the line above the results says were found (0 for 'none')."""
        digits = re.search(r"\d+", self.page.text_content(".md-search-result__meta") or "")
        return int(digits.group()) if digits else 0

    def shown_text(self) -> str:
        return self.page.inner_text(".md-search-result__list")


def run_queries(page: Page, base_url: str, site: Site, lang: str, queries: list[Query]) -> list[Outcome]:
    """Every query of one language, typed into the search box of its home page (one page load)."""
    box = SearchBox(page, base_url + site.url("index.md", lang))
    return [Outcome(q, "/" + site.url(q.page, lang), tuple(box.search(q.typed()))) for q in queries]


def serve(root: Path, languages: tuple[str, ...]) -> tuple[ThreadingHTTPServer, str]:
    """root served on a free port of 127.0.0.1 (404s as the portal's web server answers them)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = functools.partial(type("Handler", (SiteHandler,), {"languages": languages}), directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}/"


def launch(chromium: BrowserType) -> Browser:
    """Debian's Chromium, with the flags that keep it from calling home."""
    return chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=CHROMIUM_ARGS)


# -- fixtures: the demo site the other tests build, served as it is --------------------------------


@pytest.fixture(scope="module")
def served(demo_site: Site) -> Iterator[str]:
    server, base = serve(demo_site.root, demo_site.languages[1:])
    yield base
    server.shutdown()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    # Through the shared helper: Playwright's sync API allows one instance per thread, and
    # test_browser.py's session fixture may hold it.
    with shared_chromium(CHROMIUM_ARGS) as browser:
        yield browser


@pytest.fixture
def tab(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context()
    yield context.new_page()
    context.close()


# -- the query set ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en", "zh", "ko"])
def test_queries_find_their_page_in_the_top_three(tab: Page, served: str, demo_site: Site, lang: str) -> None:
    queries = load_queries(QUERIES)[lang]
    assert len(queries) >= 20
    outcomes = run_queries(tab, served, demo_site, lang, queries)
    assert all(o.hit(TOP) for o in outcomes), misses_table(outcomes)


def test_the_query_set_names_real_pages(demo_site: Site) -> None:
    """A typo in the fixture must not pass as a miss of the search."""
    for lang, queries in load_queries(QUERIES).items():
        for q in queries:
            assert q.page in demo_site.pages and demo_site.html(q.page, lang).exists(), (lang, q)


# -- behaviour --------------------------------------------------------------------------------------


def test_every_term_is_required_unless_no_page_has_them_all(tab: Page, served: str, demo_site: Site) -> None:
    box = SearchBox(tab, served + demo_site.url("index.md", "vi"))
    counts = {}
    for text in ("du lich", "du", "lich"):
        assert box.search(text), text
        counts[text] = box.count()
    # Pages with both words only: fewer than either word finds alone (when any word sufficed,
    # "du lich" found 34 of 36 pages, more than either word).
    assert counts["du lich"] <= min(counts["du"], counts["lich"]) < max(counts["du"], counts["lich"]), counts
    # A word no page has does not empty the list: the pages with the other words are shown.
    tea = box.search("chè")
    assert box.search("chè xyzzyq")[:3] == tea[:3]


def test_whole_words_rank_above_words_they_begin(tab: Page, served: str, demo_site: Site) -> None:
    box = SearchBox(tab, served + demo_site.url("index.md", "en"))
    found = box.search("tea")
    assert found[0] == "/" + demo_site.url("products/tea.md", "en"), found  # not "Contact Us" (team)
    assert "/" + demo_site.url("contact/index.md", "en") not in found[:5], found


def test_decomposed_query_finds_what_the_composed_one_finds(tab: Page, served: str, demo_site: Site) -> None:
    box = SearchBox(tab, served + demo_site.url("index.md", "vi"))
    for text in ("Định Hóa", "hồ Ba Bể", "xôi ngũ sắc"):
        composed = box.search(text)
        assert composed
        assert box.search(unicodedata.normalize("NFD", text)) == composed, text


def test_chinese_results_show_no_zero_width_characters(tab: Page, served: str, demo_site: Site) -> None:
    box = SearchBox(tab, served + demo_site.url("index.md", "zh"))
    for text in ("茶", "定化安全区", "巴贝湖"):
        assert box.search(text), text
        shown = box.shown_text()
        assert "茶" in shown or "定化" in shown or "巴贝" in shown
        assert not ZERO_WIDTH.search(shown), (text, [hex(ord(c)) for c in ZERO_WIDTH.findall(shown)][:5])
        assert not re.search(r"\n\s*[。，、；：]", shown), text  # no line starts with a closing mark


def test_diacritics_typed_rank_their_own_words_first(tab: Page, served: str, demo_site: Site) -> None:
    """Folded words meet ("đình", "định", "dinh"), but the word as typed ranks above its look-alikes."""
    box = SearchBox(tab, served + demo_site.url("index.md", "vi"))
    assert box.search("Định Hóa")[0] in {"/" + demo_site.url(p, "vi") for p in ("culture/heritage.md", "tourism/destinations.md", "overview/history.md")}


# -- the build side ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Du lịch Thái Nguyên", "Du lich Thai Nguyen"),
        ("ĐỊNH HÓA, đền Đuổm", "DINH HOA, den Duom"),
        ("Hồ Ba Bể", "Ho Ba Be"),
        ("ưu đãi đầu tư", "uu dai dau tu"),
        (unicodedata.normalize("NFD", "Phượng Hoàng"), "Phuong Hoang"),
        ("타이응우옌 차", "타이응우옌 차"),  # Hangul is recomposed, not left as jamo
        ("太原茶", "太原茶"),
        ("café São Paulo", "cafe Sao Paulo"),
    ],
)
def test_fold_removes_diacritics_and_nothing_else(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert unicodedata.is_normalized("NFC", fold(text))


def test_clean_text_composes_and_drops_invisible_characters() -> None:
    decomposed = unicodedata.normalize("NFD", "Định Hóa")
    assert decomposed != "Định Hóa"
    assert clean_text(decomposed) == "Định Hóa"
    assert clean_text("Thái\u00adNguyên\ufeff\u200d\u2060") == "TháiNguyên"
    assert clean_text("定化\u200b安全区") == "定化\u200b安全区"  # Chinese words stay apart for the index


def test_index_is_normalised_and_has_no_second_copy_of_the_text() -> None:
    index = {
        "config": {"lang": ["vi"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [{"location": "a/", "title": unicodedata.normalize("NFD", "Định Hóa"), "text": "Thái\u00adNguyên"}],
    }
    out = normalise_index(index, "vi")
    doc = out["docs"][0]
    assert doc["title"] == "Định Hóa" and doc["text"] == "TháiNguyên"
    assert set(doc) == {"location", "title", "text"}  # folding happens in the browser's pipeline
    assert out["config"]["separator"] != "[\\s\\-]+"  # punctuation separates words too: "(ATK)," -> atk


def test_text_written_decomposed_is_found_composed(mini_project: Path) -> None:
    """An editor's file in decomposed Unicode still gives an index in composed form."""
    config = mini_project / "mkdocs.yml"  # with Material's search, one index per language as in the demo
    config.write_text(config.read_text(encoding="utf-8").replace("  - i18n:\n", "  - search\n  - i18n:\n      reconfigure_search: false\n"), encoding="utf-8")
    (mini_project / "docs/about.vi.md").write_text(unicodedata.normalize("NFD", "---\ntitle: Giới thiệu\n---\n\nĐền Đuổm ở Phú Lương.\n"), encoding="utf-8")
    result = run_quangba("build", cwd=mini_project)
    assert result.returncode == 0, result.stdout + result.stderr
    index = json.loads((mini_project / "site/search/search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    assert "Đền Đuổm ở Phú Lương" in text and "Giới thiệu" in text
