"""News: localized dates on items, a per-language index newest first, an Atom feed per language."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT, Site
from quangba.core import frontmatter
from quangba.facts import formatting

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://doingoai.thainguyen.example/"


def news_sources(lang: str) -> list[tuple[dt.date, str]]:
    """(date, page) of the news items that exist in lang, newest first."""
    items = []
    for path in (PROJECT / "docs/news").glob(f"*.{lang}.md"):
        meta = frontmatter.read(path).meta
        if "date" in meta:
            items.append((meta["date"], f"news/{path.name.replace(f'.{lang}.md', '.md')}"))
    return sorted(items, reverse=True)


@pytest.mark.parametrize("lang", ["vi", "en", "zh", "ko"])
def test_item_pages_show_their_date_in_the_reader_language(demo_site: Site, lang: str) -> None:
    published, page = news_sources(lang)[0]
    html = BeautifulSoup(demo_site.html(page, lang).read_text(encoding="utf-8"), "html.parser")
    time = html.select_one(".quangba-date time")
    assert time["datetime"] == published.isoformat()
    assert formatting.date(published, lang) in time.get_text()


@pytest.mark.parametrize("lang", ["vi", "en", "zh", "ko"])
def test_news_index_lists_this_language_newest_first(demo_site: Site, lang: str) -> None:
    index_url = urljoin("http://x/", demo_site.url("news/index.md", lang))
    html = BeautifulSoup(demo_site.html("news/index.md", lang).read_text(encoding="utf-8"), "html.parser")
    entries = [li for li in html.select("article li") if li.find("strong") and li.find("a")]
    expected = news_sources(lang)
    assert [li.strong.get_text() for li in entries] == [formatting.date(d, lang) for d, _ in expected]
    assert [urljoin(index_url, li.a["href"]) for li in entries] == [urljoin("http://x/", demo_site.url(p, lang)) for _, p in expected]


def test_vietnamese_only_items_are_not_in_the_chinese_index(demo_site: Site) -> None:
    assert len(news_sources("vi")) > len(news_sources("zh"))


def read_feed(demo_site: Site, lang: str) -> ET.Element:
    path = demo_site.root / ("feed.xml" if lang == "vi" else f"{lang}/feed.xml")
    return ET.parse(path).getroot()  # raises on XML that does not parse


@pytest.mark.parametrize("lang", ["vi", "en", "zh", "ko"])
def test_feed_is_atom_with_this_language_items(demo_site: Site, lang: str) -> None:
    feed = read_feed(demo_site, lang)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    entries = feed.findall(f"{ATOM}entry")
    expected = news_sources(lang)
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [SITE_URL + demo_site.url(p, lang) for _, p in expected]
    assert [e.find(f"{ATOM}published").text[:10] for e in entries] == [d.isoformat() for d, _ in expected]
    for entry in entries:
        assert entry.find(f"{ATOM}title").text and entry.find(f"{ATOM}id").text


@pytest.mark.parametrize("lang", ["vi", "en", "zh", "ko"])
def test_every_page_links_its_language_feed(demo_site: Site, lang: str) -> None:
    feed = SITE_URL + ("feed.xml" if lang == "vi" else f"{lang}/feed.xml")
    for page in demo_site.pages:
        page_url = SITE_URL + demo_site.url(page, lang)
        link = BeautifulSoup(demo_site.html(page, lang).read_text(encoding="utf-8"), "html.parser").select_one(
            'link[rel="alternate"][type="application/atom+xml"]'
        )
        assert link is not None and urljoin(page_url, link["href"]) == feed, page
