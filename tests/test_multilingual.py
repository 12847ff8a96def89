"""What search engines and readers are told about languages: hreflang, canonical, sitemap,
Open Graph, untranslated pages, per-language search indexes and 404 pages."""

from __future__ import annotations

import json
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import Site, run_quangba

SITE_URL = "https://doingoai.thainguyen.example/"
OG_LOCALES = {"vi": "vi_VN", "en": "en_US", "zh": "zh_CN", "ko": "ko_KR"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def existing_languages(site: Site, page: str) -> list[str]:
    """Languages the demo writes the page in (its files in docs/)."""
    from conftest import PROJECT

    stem = (PROJECT / "docs" / page).with_suffix("")
    return [lang for lang in site.languages if stem.with_name(f"{stem.name}.{lang}.md").is_file()]


def test_hreflang_and_canonical_are_absolute_and_only_for_real_translations(demo_site: Site) -> None:
    for page in demo_site.pages:
        real = existing_languages(demo_site, page)
        for lang in demo_site.languages:
            head = soup(demo_site.html(page, lang)).head
            links = {link["hreflang"]: link["href"] for link in head.select('link[rel="alternate"][hreflang]')}
            expected = {other: SITE_URL + demo_site.url(page, other) for other in real}
            expected["x-default"] = SITE_URL + demo_site.url(page, "vi")
            assert links == expected, f"{demo_site.url(page, lang)}"
            canonical = head.select_one('link[rel="canonical"]')["href"]
            assert canonical == SITE_URL + demo_site.url(page, lang if lang in real else "vi")
            noindex = head.select_one('meta[name="robots"][content="noindex"]') is not None
            assert noindex == (lang not in real), demo_site.url(page, lang)


def test_open_graph_and_twitter_tags_per_language(demo_site: Site) -> None:
    for lang in demo_site.languages:
        head = soup(demo_site.html("tourism/index.md", lang)).head
        meta = {tag["property"]: tag["content"] for tag in head.select("meta[property]") if tag["property"] != "og:locale:alternate"}
        assert meta["og:locale"] == OG_LOCALES[lang]
        alternates = {tag["content"] for tag in head.select('meta[property="og:locale:alternate"]')}
        assert alternates == {OG_LOCALES[other] for other in demo_site.languages if other != lang}
        assert meta["og:url"] == SITE_URL + demo_site.url("tourism/index.md", lang)
        assert meta["og:title"] and meta["og:description"] and meta["og:site_name"]
        assert meta["og:image"].startswith(SITE_URL + demo_site.prefix(lang) + "assets/social/")
        assert head.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
        assert head.select_one('meta[name="twitter:image"]')["content"] == meta["og:image"]


def test_sitemap_lists_each_real_translation_once_with_alternates(demo_site: Site) -> None:
    root = ET.parse(demo_site.root / "sitemap.xml").getroot()
    entries = {}
    for url in root.findall(f"{SITEMAP}url"):
        loc = url.find(f"{SITEMAP}loc").text
        assert loc not in entries, f"{loc} listed twice"
        entries[loc] = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
    expected = {}
    for page in demo_site.pages:
        real = existing_languages(demo_site, page)
        alternates = {lang: SITE_URL + demo_site.url(page, lang) for lang in real}
        alternates["x-default"] = SITE_URL + demo_site.url(page, "vi")
        for lang in real:
            expected[SITE_URL + demo_site.url(page, lang)] = alternates
    assert entries == expected


def test_each_language_folder_has_the_sitemap_of_its_pages(demo_site: Site) -> None:
    everything = {url.find(f"{SITEMAP}loc").text for url in ET.parse(demo_site.root / "sitemap.xml").getroot().findall(f"{SITEMAP}url")}
    for lang in demo_site.languages:
        if not demo_site.prefix(lang):
            continue
        own = {url.find(f"{SITEMAP}loc").text for url in ET.parse(demo_site.root / lang / "sitemap.xml").getroot().findall(f"{SITEMAP}url")}
        assert own == {loc for loc in everything if loc.startswith(f"{SITE_URL}{lang}/")} and len(own) > 10, lang
    robots = (demo_site.root / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert robots == ["User-agent: *", "Disallow: /_editors/", "", f"Sitemap: {SITE_URL}sitemap.xml"]


def test_untranslated_page_shows_a_notice_in_the_reader_language(demo_site: Site) -> None:
    page = soup(demo_site.html("news/tea-season-notes.md", "zh"))
    notice = page.select_one(".quangba-untranslated .admonition-title").get_text(strip=True)
    assert notice == "本页面尚无中文版本。以下为越南语原文。"
    # The translation that exists is offered too, named in the reader's language.
    other = page.select_one(".quangba-untranslated p + p a")
    assert (other.get_text(strip=True), other["hreflang"], other["href"]) == ("英语", "en", "../../../en/news/tea-season-notes/")
    assert page.select_one(".quangba-untranslated + div")["lang"] == "vi"
    korean = soup(demo_site.html("news/tea-season-notes.md", "ko")).select_one(".quangba-untranslated .admonition-title").get_text(strip=True)
    assert korean == "이 페이지는 아직 한국어로 제공되지 않습니다. 아래는 베트남어 원문입니다."
    assert soup(demo_site.html("news/tea-season-notes.md", "en")).select_one(".quangba-untranslated") is None


def test_switcher_says_where_the_page_is_not_translated(demo_site: Site) -> None:
    links = soup(demo_site.html("news/tea-season-notes.md", "vi")).select("a.md-select__link")
    marked = {a["hreflang"] for a in links if "quangba-not-translated" in a.get("class", [])}
    assert marked == {"zh", "ko"}
    # Each mark is in the language it stands beside (its reader cannot read the page's language).
    assert "（未翻译）" in links[2].get_text() and "(미번역)" in links[3].get_text()
    assert not soup(demo_site.html("tourism/index.md", "en")).select("a.quangba-not-translated")


def test_english_notice_wording(mini_project: Path) -> None:
    (mini_project / "docs/about.en.md").unlink()
    result = run_quangba("build", cwd=mini_project)
    assert result.returncode == 0, result.stderr
    notice = soup(mini_project / "site/en/about/index.html").select_one(".quangba-untranslated").get_text(strip=True)
    assert notice == "This page is not yet available in English. Below is the Vietnamese original."


def read_index(site: Site, lang: str) -> dict:
    return json.loads((site.root / site.prefix(lang) / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["vi", "en", "zh", "ko"])
def test_each_language_has_its_own_search_index(demo_site: Site, lang: str) -> None:
    index = read_index(demo_site, lang)
    locations = [doc["location"] for doc in index["docs"]]
    assert locations
    # Locations are relative to the language's root: no other language's folder appears.
    assert not [loc for loc in locations if loc.split("/")[0] in {"en", "zh", "ko"}]
    page_locations = {loc.split("#")[0] for loc in locations}
    assert (demo_site.url("tourism/destinations.md", lang).removeprefix(demo_site.prefix(lang))) in page_locations
    title = next(doc["title"] for doc in index["docs"] if doc["location"] == "tourism/")
    script = {"vi": "Du lịch", "en": "Tourism", "zh": "旅游", "ko": "관광"}[lang]
    assert script in title.replace("\u200b", "")


def test_chinese_index_is_segmented_and_vietnamese_index_is_composed(demo_site: Site) -> None:
    """Chinese words are kept apart by zero-width spaces, which every language's separator splits
    on; Vietnamese is folded by the browser's search (assets/javascripts/search/worker.js), so
    its index holds the text once, composed (NFC)."""
    chinese = read_index(demo_site, "zh")
    assert "\u200b" in chinese["docs"][0]["text"]
    for lang in ("vi", "en", "zh", "ko"):
        assert "\\u200b" in read_index(demo_site, lang)["config"]["separator"]  # the regex escape
    vietnamese = read_index(demo_site, "vi")
    assert "folded" not in vietnamese["config"]["fields"]
    tourism = next(doc for doc in vietnamese["docs"] if doc["location"] == "tourism/")
    assert "Du lịch" in tourism["title"] and set(tourism) == {"location", "title", "text"}
    assert all(unicodedata.is_normalized("NFC", doc["title"] + doc["text"]) for doc in vietnamese["docs"])
    assert read_index(demo_site, "ko")["config"]["lang"] == ["ko"]


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("vi", "Không tìm thấy trang"), ("en", "Page not found"), ("zh", "未找到页面"), ("ko", "페이지를 찾을 수 없습니다")],
)
def test_each_language_has_its_own_404(demo_site: Site, lang: str, heading: str) -> None:
    page = soup(demo_site.root / demo_site.prefix(lang) / "404.html")
    assert page.html["lang"] == lang
    assert page.select_one("article h1").get_text(strip=True) == heading
    home = "/" + demo_site.prefix(lang)
    assert page.select_one("article a")["href"] == home
    config = json.loads(page.select_one("#__config").get_text())
    assert config["base"] == home  # its search uses this language's index, from any address


def test_translation_without_source_fails_a_strict_build(mini_project: Path) -> None:
    (mini_project / "docs/plan.en.md").write_text("---\ntitle: Plan\n---\n\nText.\n", encoding="utf-8")
    result = run_quangba("build", cwd=mini_project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "docs/plan.en.md: no source page plan.vi.md" in output


def test_language_without_pages_fails_a_strict_build(mini_project: Path) -> None:
    for page in (mini_project / "docs").glob("*.en.md"):
        page.unlink()
    result = run_quangba("build", cwd=mini_project)
    assert result.returncode != 0
    assert "language 'en' is configured but no page is written in it" in result.stdout + result.stderr


def test_vietnamese_quoted_in_a_translation_is_marked(demo_site: Site) -> None:
    """Screen readers switch voice for lang="vi" (WCAG 3.1.2): the build marks Vietnamese names and
    phrases inside the other languages' pages; code, English words and the source pages are left
    as they are."""
    ko = soup(demo_site.html("products/tea.md", "ko"))
    marked = {span.get_text() for span in ko.select('article span[lang="vi"]')}
    assert "đệ nhất danh trà" in marked
    zh = soup(demo_site.html("index.md", "zh"))
    assert "Tân Cương" in {span.get_text() for span in zh.select('article span[lang="vi"]')}
    for page in demo_site.pages:
        for lang in demo_site.languages:
            html = soup(demo_site.html(page, lang))
            assert not html.select('code span[lang="vi"], pre span[lang="vi"]'), (page, lang)
            if lang == "vi":
                assert not html.select('article span[lang="vi"]'), page


def test_vietnamese_in_an_english_page_without_marking_english(mini_project: Path) -> None:
    (mini_project / "docs/about.en.md").write_text(
        "---\ntitle: About\n---\n\nTea from Tân Cương, praised as đệ nhất danh trà, sold in a café in São Paulo and in Thái Nguyên. `Định Hóa` stays code.\n",
        encoding="utf-8",
    )
    result = run_quangba("build", cwd=mini_project)
    assert result.returncode == 0, result.stdout + result.stderr
    article = soup(mini_project / "site/en/about/index.html").select_one("article")
    assert [span.get_text() for span in article.select('span[lang="vi"]')] == ["Tân Cương", "đệ nhất", "Thái Nguyên"]
    assert article.select_one("code").get_text() == "Định Hóa" and not article.select("code span")
