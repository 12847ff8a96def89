"""Landing pages (overrides/landing.html, site/features/landing.py) through the real build: the home
page and each section's front page, in every language, read as a portal's front pages (hero with
photo, slogan, calls to action; key figures with sources; entry, news and event cards; the
section's leaflets) without the documentation frame; content pages keep breadcrumbs; a front
matter mistake stops the build naming the file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from babel.dates import format_date
from bs4 import BeautifulSoup, Tag

from conftest import PROJECT, Site, run_quangba
from quangba import facts
from quangba.core import frontmatter

LANDING = ["index.md", *(f"{s}/index.md" for s in ("investment", "tourism", "products", "culture", "news", "publications"))]
LANGUAGES = ["vi", "en", "zh", "ko"]
BABEL_LOCALE = {"vi": "vi", "en": "en_US", "zh": "zh_Hans_CN", "ko": "ko_KR"}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def source(page: str, lang: str) -> dict:
    return frontmatter.read(PROJECT / "docs" / page.replace(".md", f".{lang}.md")).meta


def target(site: Site, page: str, lang: str, href: str) -> Path:
    """The built file a link of the page leads to."""
    url = urljoin("http://x/" + site.url(page, lang), href)
    path = unquote(urlsplit(url).path).lstrip("/")
    return site.root / (path + "index.html" if path.endswith("/") or not path else path)


def image_exists(site: Site, page: str, lang: str, img: Tag) -> bool:
    return target(site, page, lang, str(img["src"])).is_file()


def card_has_image(site: Site, page: str, lang: str, card: Tag) -> bool:
    """A photo that exists, or the fallback: the emblem (assets/logo.svg) drawn by landing.css."""
    media = card.select_one(".quangba-card__media")
    img = media.select_one("img") if media else None
    if img is not None:
        return image_exists(site, page, lang, img) and bool(img.get("alt"))
    css = (site.root / "assets/stylesheets/landing.css").read_text(encoding="utf-8")
    return media is not None and "quangba-card__media--fallback" in media["class"] and 'url("../logo.svg")' in css and (site.root / "assets/logo.svg").is_file()


def news_dates(lang: str) -> list[dt.date]:
    dates = []
    for path in (PROJECT / "docs/news").glob(f"*.{lang}.md"):
        published = frontmatter.read(path).meta.get("date")
        if isinstance(published, dt.date):
            dates.append(published)
    return sorted(dates, reverse=True)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", LANDING)
def test_landing_page(demo_site: Site, page: str, lang: str) -> None:
    html = soup(demo_site.html(page, lang))
    meta = source(page, lang)
    assert meta["template"] == "landing.html"

    # hero: the library photo with its alt text, caption and credit in this language
    hero = html.select_one("section.ql-hero")
    assert hero is not None
    sidecar = yaml.safe_load((PROJECT / "assets/images" / Path(meta["hero"]["image"]).with_suffix(".yml").name).read_text(encoding="utf-8"))
    img = hero.select_one("picture img")
    assert img is not None and img["alt"] == sidecar["alt"][lang]
    assert "/web/" in img["src"] and image_exists(demo_site, page, lang, img)
    caption = hero.select_one("figcaption").get_text()
    assert sidecar["caption"][lang] in caption and sidecar["credit"][lang] in caption
    assert hero.h1.get_text(strip=True) == meta["title"]  # the page's title, not the menu's word
    assert hero.select_one(".ql-hero__slogan").get_text(strip=True) == meta["hero"]["slogan"]
    assert hero.select_one(".ql-hero__pitch").get_text(strip=True) == meta["hero"]["pitch"]
    actions = hero.select(".ql-actions a")
    assert 2 <= len(actions) == len(meta["actions"]) <= 3
    for link, action in zip(actions, meta["actions"], strict=True):
        assert link.get_text(strip=True) == action["label"]
        assert target(demo_site, page, lang, link["href"]).is_file(), link["href"]
    assert len(html.find_all("h1")) == 1

    # key figures: formatted as the facts syntax formats them, each with its source
    known = facts.load_facts(PROJECT / "assets/data/province.yml", tuple(LANGUAGES))
    figures = html.select(".ql-figure")
    assert len(figures) == len(meta.get("figures", []))
    for card, key in zip(figures, meta.get("figures", []), strict=True):
        assert card.select_one(".ql-figure__value").get_text(strip=True) == known[key].formatted(lang)
        assert known[key].source_in(lang, "vi") in card.select_one(".ql-figure__source").get_text()

    # entry cards: title, description, an image that exists (a photo or the emblem)
    cards = html.select("section[aria-labelledby=ql-cards-title] .quangba-card")
    if meta.get("cards") or page != "index.md":
        for card in cards:
            assert card.select_one(".quangba-card__title a") is not None
            assert card.select_one(".quangba-card__text").get_text(strip=True)
            assert card_has_image(demo_site, page, lang, card), card
    if meta.get("cards"):
        assert len(cards) == len(meta["cards"])

    # latest news: a card per item with an image and the date as Babel writes it here
    news = html.select("section[aria-labelledby=ql-news-title] .quangba-card--news")
    if meta.get("news"):
        expected = news_dates(lang)[: meta["news"]]
        assert len(news) == len(expected) > 0
        for card, published in zip(news, expected, strict=True):
            assert card_has_image(demo_site, page, lang, card), card
            time = card.select_one("time")
            assert time["datetime"] == published.isoformat()
            assert time.get_text(strip=True) == format_date(published, format="long", locale=BABEL_LOCALE[lang])
    else:
        assert not news

    # upcoming events
    events = html.select_one("section.ql-events")
    assert (events is not None) == bool(meta.get("events"))
    if events is not None:
        assert events.select(".ql-event") or events.select_one(".ql-events__none")
        for link in events.select(".ql-event a"):
            assert target(demo_site, page, lang, link["href"]).is_file()

    # the section's leaflets: a preview with a real alt text and the PDF
    leaflets = html.select(".ql-leaflet")
    assert len(leaflets) == len(meta.get("publications", []))
    for leaflet, name in zip(leaflets, meta.get("publications", []), strict=True):
        preview = leaflet.select_one("img")
        title = leaflet.select_one(".ql-leaflet__title").get_text(strip=True)
        assert preview is not None and title in preview["alt"] and preview["alt"] != title and image_exists(demo_site, page, lang, preview)
        pdf = leaflet.select_one("a[download]")
        assert pdf["href"].endswith(f"{name}.{lang}.pdf") and target(demo_site, page, lang, pdf["href"]).is_file()

    # no documentation frame: no desktop menu, no table of contents, no previous/next
    primary = html.select_one(".md-sidebar--primary")
    assert primary is None or primary.has_attr("hidden")
    assert html.select_one(".md-sidebar--secondary") is None
    assert html.select_one(".md-footer__link") is None
    assert html.select_one(".md-path") is None
    assert any(link["href"].endswith("stylesheets/landing.css") for link in html.select("link[rel=stylesheet]"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_investment_front_page_offers_the_investment_leaflet(demo_site: Site, lang: str) -> None:
    html = soup(demo_site.html("investment/index.md", lang))
    assert html.select_one(f'.ql-leaflet a[download][href$="invest.{lang}.pdf"]') is not None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_news_index_shows_cards(demo_site: Site, lang: str) -> None:
    html = soup(demo_site.html("news/index.md", lang))
    cards = html.select(".ql-body .quangba-card--news")
    assert len(cards) == len(news_dates(lang))
    for card in cards:
        assert card_has_image(demo_site, "news/index.md", lang, card), card


@pytest.mark.parametrize("lang", LANGUAGES)
def test_content_pages_keep_breadcrumbs_and_lose_the_frame(demo_site: Site, lang: str) -> None:
    html = soup(demo_site.html("investment/incentives.md", lang))
    crumbs = html.select(".md-path a")
    assert crumbs and all(target(demo_site, "investment/incentives.md", lang, a["href"]).is_file() for a in crumbs)
    assert html.select_one(".md-footer__link") is None  # no previous/next
    assert html.select_one("link[href$='landing.css']") is None  # the landing style only on landing pages
    one_item = soup(demo_site.html("contact/index.md", lang)).select_one(".md-sidebar--primary")
    assert one_item is None or one_item.has_attr("hidden")  # no one-item menu on a desktop


BAD_PAGE = """\
---
title: Trang chủ
template: landing.html
hero:
  image: khong-co.jpg
  slogan: Khẩu hiệu
  pitch: Một câu giới thiệu.
  colour: green
actions:
  - label: Nhà đầu tư
    link: dau-tu.md
figures: [dien_tich]
banner: yes
---

Nội dung.
"""


def test_bad_front_matter_stops_the_build_with_file_and_line(mini_project: Path) -> None:
    (mini_project / "docs" / "index.vi.md").write_text(BAD_PAGE, encoding="utf-8")
    result = run_quangba("build", cwd=mini_project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "index.vi.md:5:" in output and "khong-co.jpg" in output  # the photo
    assert "index.vi.md:8:" in output and "colour" in output  # an unknown key of the hero
    assert "index.vi.md:11:" in output and "dau-tu.md" in output  # a button to no page
    assert "index.vi.md:12:" in output and "dien_tich" in output  # an unknown figure
    assert "index.vi.md:13:" in output and "banner" in output  # an unknown key
    assert "không" in output  # in Vietnamese
