"""The fixes of issue 16's review, in the built demo site: the untranslated notice offers the
translations that exist (English), the switcher writes each language's name and "(not
translated)" in that language and the language-names font has every character of it, Chinese
and Korean are never slanted (site and leaflets), and the heading anchors' tooltip and the
logo's text alternative are in the page's language."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont
from jinja2 import Environment, FileSystemLoader

from conftest import PROJECT, Site
from test_browser import CHROMIUM_ARGS, rendering_fonts
from test_nginx_server import chromium

CATALOGS = PROJECT / "scripts/quangba/interface/locales"
NAMES_SLICES = {"zh": "language-names-sc.woff2", "ko": "language-names-kr.woff2"}  # fonts/generate.py's keys
FULL_WIDTH = {"zh"}


@pytest.fixture(scope="module")
def served(demo_site: Site) -> Iterator[str]:
    """The demo site on 127.0.0.1 (web fonts do not load from file:// pages)."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(demo_site.root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def catalog_text(lang: str, msgid: str) -> str:
    with (CATALOGS / lang / "LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    message = catalog.get(msgid)
    assert message is not None and message.string, f"{msgid!r} has no {lang} translation (merge the helpers' strings files into the catalogs)"
    return str(message.string)


def built_pages(site: Site) -> list[tuple[str, str, Path]]:
    return [(page, lang, site.html(page, lang)) for page in site.pages for lang in site.languages if site.html(page, lang).is_file()]


def translated(page: str, lang: str) -> bool:
    return (PROJECT / "docs" / page.replace(".md", f".{lang}.md")).is_file()


# -- the untranslated notice ----------------------------------------------------------------


def test_untranslated_notice_offers_the_english_version(demo_site: Site) -> None:
    checked = 0
    for page, lang, path in built_pages(demo_site):
        if translated(page, lang) or lang in ("vi", "en"):
            continue
        notice = soup(path).select_one(".quangba-untranslated")
        assert notice is not None, (page, lang)
        links = {a["hreflang"]: a for a in notice.select("a[hreflang]")}
        if translated(page, "en"):
            english = links["en"]
            target = (path.parent / english["href"]).resolve() / "index.html"
            assert target == demo_site.html(page, "en").resolve()
            assert soup(target).html["lang"] == "en"
            checked += 1
        assert "vi" not in links  # the page below is the Vietnamese original already
    assert checked >= 2


# -- the language switcher ------------------------------------------------------------------


def switcher_links(path: Path) -> list:
    return soup(path).select("a.md-select__link")


def test_switcher_names_and_marks_are_in_their_own_language(demo_site: Site) -> None:
    marks = {lang: catalog_text(lang, "not translated") for lang in demo_site.languages}
    seen_marks = set()
    for page, _lang, path in built_pages(demo_site):
        for link in switcher_links(path):
            assert link["lang"] == link["hreflang"]
            mark = link.select_one(".quangba-not-translated__mark")
            if not translated(page, link["hreflang"]):
                assert mark is not None, (page, link)
                own = marks[link["hreflang"]]
                expected = f"（{own}）" if link["hreflang"] in FULL_WIDTH else f"({own})"
                assert mark.get_text() == expected
                assert mark.get("lang", link["lang"]) == link["hreflang"]  # inherits the link's
                assert link["title"] == catalog_text(link["hreflang"], "Not yet translated")
                seen_marks.add(link["hreflang"])
            else:
                assert mark is None
    assert {"zh", "ko"} <= seen_marks


def test_every_switcher_character_is_in_the_language_names_font(demo_site: Site) -> None:
    strings: dict[str, set[str]] = {lang: set() for lang in NAMES_SLICES}
    for _page, _lang, path in built_pages(demo_site):
        for link in switcher_links(path):
            if link["lang"] in strings:
                strings[link["lang"]].add(link.get_text())
    for lang, texts in strings.items():
        font = TTFont(demo_site.root / "assets/fonts" / NAMES_SLICES[lang])
        cmap = font.getBestCmap()
        characters = {c for text in texts for c in text if not c.isspace()}
        assert len(characters) > 3, texts
        missing = sorted(c for c in characters if ord(c) not in cmap)
        assert not missing, f"{NAMES_SLICES[lang]} lacks {missing} (SWITCHER_NAMES in scripts/quangba/fonts/generate.py, then quangba fonts)"


def test_cjk_marks_draw_with_the_language_names_font_on_a_latin_page(demo_site: Site, served: str) -> None:
    """On a Vietnamese page that has no Chinese or Korean translation, the names and marks are
    drawn by web fonts (the language-names slices), never by a system font standing in."""
    page_name = next(p for p in demo_site.pages if not translated(p, "zh") and not translated(p, "ko"))
    with chromium(CHROMIUM_ARGS) as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(served + demo_site.url(page_name, "vi"), wait_until="networkidle")
        page.hover(".md-header .md-select")  # the switcher's list is drawn when it opens
        page.wait_for_timeout(300)
        page.evaluate("document.fonts.ready.then(() => true)")
        for lang in ("zh", "ko"):
            drawn = rendering_fonts(page, f"a.md-select__link[lang={lang}], a.md-select__link[lang={lang}] *")
            # Chromium names a web font by the family inside the file: the slices are cut from Noto Sans CJK.
            assert any("CJK" in family for family, _ in drawn), drawn
            assert all(custom for _, custom in drawn), drawn
        page.close()


# -- no synthetic italics for Chinese and Korean ---------------------------------------------


def computed_styles(url: str, selector: str) -> list[tuple[str, str, str]]:
    with chromium(CHROMIUM_ARGS) as browser:
        page = browser.new_page()
        page.goto(url)
        styles = page.evaluate(
            "(s) => [...document.querySelectorAll(s)].map(e => [e.closest('[lang]').lang, getComputedStyle(e).fontStyle, e.textContent])", selector
        )
        page.close()
    return [tuple(s) for s in styles]


def page_with_photo(site: Site, lang: str) -> Path:
    return next(
        path for page, code, path in built_pages(site) if code == lang and translated(page, lang) and "quangba-photo" in path.read_text(encoding="utf-8")
    )


@pytest.mark.parametrize("lang", ["zh", "ko"])
def test_cjk_figure_captions_are_upright(demo_site: Site, lang: str) -> None:
    styles = computed_styles(page_with_photo(demo_site, lang).as_uri(), "figure.quangba-photo figcaption, .md-typeset em")
    assert any(code == lang for code, _, _ in styles), styles
    assert styles
    assert all(style == "normal" for code, style, _ in styles if code == lang), styles


def test_latin_figure_captions_keep_material_italics(demo_site: Site) -> None:
    """The rule is for Chinese and Korean only: Material's italic captions stay elsewhere."""
    styles = computed_styles(page_with_photo(demo_site, "en").as_uri(), "figure.quangba-photo figcaption")
    assert styles and all(style == "italic" for _, style, _ in styles), styles


def test_leaflet_css_sets_cjk_titles_and_emphasis_upright() -> None:
    """WeasyPrint, with the leaflets' own stylesheet: Chinese and Korean emphasis, titles and
    captions are not slanted; Vietnamese emphasis still is."""
    from weasyprint import HTML

    templates = PROJECT / "scripts/quangba/leaflets/templates"
    ink = dict.fromkeys(("text", "brand", "accent", "white", "rule", "tint"), "#000000")
    fmt = SimpleNamespace(width=210, height=297, bleed=3, body_pt=10, name="a4-factsheet")
    css = (
        Environment(loader=FileSystemLoader(templates))
        .get_template("leaflet.css")
        .render(mode="screen", format=fmt, ink=ink, families='"DejaVu Sans"', profile="", qr_mm=20)
    )
    body = "".join(
        f'<div lang="{lang}"><p class="title">T {lang}</p><p><em>E {lang}</em></p><figure><figcaption>C {lang}</figcaption></figure></div>'
        for lang in ("zh", "ko", "vi")
    )
    document = HTML(string=f"<html><head><style>{css}</style></head><body>{body}</body></html>").render()
    styles: dict[str, str] = {}

    def walk(box) -> None:
        if getattr(box, "text", None) and box.text.strip():
            styles[box.text.strip()] = box.style["font_style"]
        for child in getattr(box, "children", []):
            walk(child)

    walk(document.pages[0]._page_box)
    for lang in ("zh", "ko"):
        assert styles[f"T {lang}"] == styles[f"E {lang}"] == styles[f"C {lang}"] == "normal", styles
    assert styles["E vi"] == "italic", styles


# -- the heading anchors' tooltip and the logo -----------------------------------------------


def test_permalink_titles_are_in_the_reader_language(demo_site: Site) -> None:
    titles = {lang: catalog_text(lang, "Permanent link") if lang != "en" else "Permanent link" for lang in demo_site.languages}
    counted = dict.fromkeys(demo_site.languages, 0)
    for page, lang, path in built_pages(demo_site):
        for anchor in soup(path).select("a.headerlink"):
            assert anchor["title"] == titles[lang], (page, lang, anchor)
            if not translated(page, lang):
                assert anchor["lang"] == lang  # inside the original's lang="vi", the tooltip says its own language
            counted[lang] += 1
    assert all(count > 20 for count in counted.values()), counted


def test_logo_alt_is_the_site_name_in_the_page_language(demo_site: Site) -> None:
    config = yaml.safe_load(re.sub(r"!!python/\S+", "", (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")))
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    names = {lang["locale"]: lang.get("site_name", config["site_name"]) for lang in i18n["languages"]}
    for lang in demo_site.languages:
        page = soup(demo_site.html("index.md", lang))
        logos = page.select(".md-logo img")
        assert logos, lang
        for img in logos:
            assert img["alt"] == names[lang]
        assert page.html["lang"] == lang
