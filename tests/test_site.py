"""The demo site as built by `quangba build`: pages, languages, switcher, navigation."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT, Site

BASE = "http://portal.test/"


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_page_exists_at_its_url_in_each_language(demo_site: Site) -> None:
    missing = [demo_site.url(page, lang) for page in demo_site.pages for lang in demo_site.languages if not demo_site.html(page, lang).is_file()]
    assert not missing, f"pages not built: {missing}"
    assert (demo_site.root / "404.html").is_file()


def test_html_lang_matches_the_language(demo_site: Site) -> None:
    for page in demo_site.pages:
        for lang in demo_site.languages:
            html = soup(demo_site.html(page, lang)).html
            assert html is not None and html.get("lang") == lang, f"{demo_site.url(page, lang)}: lang={html.get('lang')}"


def test_language_switcher_points_to_the_same_page(demo_site: Site) -> None:
    for page in demo_site.pages:
        for lang in demo_site.languages:
            page_url = urljoin(BASE, demo_site.url(page, lang))
            links = {a["hreflang"]: urljoin(page_url, a["href"]) for a in soup(demo_site.html(page, lang)).select("a.md-select__link[hreflang]")}
            expected = {other: urljoin(BASE, demo_site.url(page, other)) for other in demo_site.languages}
            assert links == expected, f"switcher on {page_url}"


def test_switcher_shows_native_language_names(demo_site: Site) -> None:
    names = {a["hreflang"]: a.get_text(strip=True) for a in soup(demo_site.root / "index.html").select("a.md-select__link")}
    assert names == {"vi": "Tiếng Việt", "en": "English", "zh": "中文", "ko": "한국어"}


def nav_translations() -> dict[str, dict[str, str]]:
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return {lang["locale"]: lang.get("nav_translations", {}) for lang in i18n["languages"]}


@pytest.mark.parametrize("lang", ["en", "zh", "ko"])
def test_navigation_labels_are_translated(demo_site: Site, lang: str) -> None:
    translations = nav_translations()[lang]
    assert translations, f"no nav_translations for {lang}"
    tabs = [a.get_text(strip=True) for a in soup(demo_site.html("index.md", lang)).select("a.md-tabs__link")]
    assert tabs == list(translations.values())
    sidebar = soup(demo_site.html("tourism/destinations.md", lang)).select_one("nav.md-nav--primary").get_text(" ")
    for vietnamese, translated in translations.items():
        assert translated in sidebar
        assert vietnamese not in sidebar


def test_vietnamese_navigation_keeps_source_labels(demo_site: Site) -> None:
    tabs = [a.get_text(strip=True) for a in soup(demo_site.html("index.md", "vi")).select("a.md-tabs__link")]
    assert tabs == list(nav_translations()["en"].keys())


@pytest.mark.parametrize(
    ("lang", "site_name"),
    [
        ("vi", "Thái Nguyên – Cổng thông tin đối ngoại"),
        ("en", "Thai Nguyen – Foreign Information Portal"),
        ("zh", "越南太原省对外信息门户网站"),
        ("ko", "베트남 타이응우옌성 대외 정보 포털"),
    ],
)
def test_site_name_description_and_demo_notice_per_language(demo_site: Site, lang: str, site_name: str) -> None:
    page = soup(demo_site.html("investment/index.md", lang))
    assert page.title.get_text().endswith(site_name)
    home = soup(demo_site.html("index.md", lang))
    description = home.select_one('meta[name="description"]')["content"]
    assert description and description != home.select_one("title").get_text()
    footer = page.select_one(".md-copyright").get_text(" ", strip=True)
    notice = {"vi": "trình diễn", "en": "Demonstration content", "zh": "演示内容", "ko": "시연용 콘텐츠"}[lang]
    assert notice in footer
    banner = page.select_one(".md-banner .quangba-demo-notice").get_text(strip=True)
    assert {"vi": "trình diễn", "en": "Demonstration site", "zh": "演示网站", "ko": "시연용 사이트"}[lang] in banner


def test_page_urls_are_ascii(demo_site: Site) -> None:
    for page in demo_site.pages:
        for lang in demo_site.languages:
            assert demo_site.url(page, lang).isascii()


def test_translated_page_shows_its_own_language(demo_site: Site) -> None:
    """A page that has a Korean file shows Korean text on /ko/, not the Vietnamese fallback."""
    article = soup(demo_site.html("tourism/index.md", "ko")).select_one("article").get_text()
    hangul = sum("\uac00" <= ch <= "\ud7a3" for ch in article)
    assert hangul > 200


def test_images_are_published_with_alt_text(demo_site: Site) -> None:
    for lang in demo_site.languages:
        images = soup(demo_site.html("index.md", lang)).select("article img")
        assert images, f"home page in {lang} has no image"
        for img in images:
            assert img.get("alt"), f"image without alt on {lang} home"
            target = urljoin(urljoin(BASE, demo_site.url("index.md", lang)), img["src"])
            assert (demo_site.root / target.removeprefix(BASE)).is_file(), target
