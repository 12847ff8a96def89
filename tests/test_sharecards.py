"""Share cards (issue 16): each page's own 1200×630 link preview, drawn at build time from its
photo, its title in the page's language in the site's own fonts, and the logo."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont
from PIL import Image

from conftest import PROJECT, Site

SITE_URL = "https://doingoai.thainguyen.example/"
MAX_BYTES = 200_000


def head_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").head


def meta(head: BeautifulSoup, key: str) -> str | None:
    tag = head.select_one(f'meta[property="{key}"]') or head.select_one(f'meta[name="{key}"]')
    return tag["content"] if tag else None


def written_in(page: str, lang: str) -> bool:
    stem = (PROJECT / "docs" / page).with_suffix("")
    return stem.with_name(f"{stem.name}.{lang}.md").is_file()


def card_file(site: Site, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site.root / url.removeprefix(SITE_URL)


def test_every_page_has_its_own_card(demo_site: Site) -> None:
    pages_of_card: dict[str, set[str]] = defaultdict(set)  # the card's bytes -> the pages showing it
    for page in demo_site.pages:
        for lang in demo_site.languages:
            head = head_of(demo_site.html(page, lang))
            image = meta(head, "og:image")
            assert image and image.startswith(SITE_URL + demo_site.prefix(lang) + "assets/social/"), (page, lang, image)
            assert meta(head, "twitter:image") == image
            assert meta(head, "twitter:card") == "summary_large_image"
            assert (meta(head, "og:image:width"), meta(head, "og:image:height")) == ("1200", "630")
            assert meta(head, "og:image:alt") and meta(head, "twitter:image:alt") == meta(head, "og:image:alt")
            path = card_file(demo_site, image)
            assert path.is_file(), image
            assert path.stat().st_size < MAX_BYTES, (image, path.stat().st_size)
            with Image.open(path) as card:
                assert (card.format, card.size, card.mode) == ("JPEG", (1200, 630), "RGB"), image
            # An untranslated copy shows the Vietnamese page: the same page, the same card.
            shown = lang if written_in(page, lang) else demo_site.default
            pages_of_card[hashlib.sha256(path.read_bytes()).hexdigest()].add(f"{page}:{shown}")
    shared = {digest: pages for digest, pages in pages_of_card.items() if len(pages) > 1}
    assert shared == {}, "two different pages share a card"
    assert len(pages_of_card) >= len(demo_site.pages) * 2


def scripts_of(text: str) -> set[str]:
    found = set()
    for char in text:
        name = unicodedata.name(char, "")
        if name.startswith("CJK UNIFIED IDEOGRAPH"):
            found.add("han")
        elif name.startswith("HANGUL"):
            found.add("hangul")
    return found


def test_the_alt_text_is_in_the_page_language(demo_site: Site) -> None:
    expected_script = {"zh": {"han"}, "ko": {"hangul"}, "vi": set(), "en": set()}
    for page in demo_site.pages:
        vietnamese_alt = meta(head_of(demo_site.html(page, demo_site.default)), "og:image:alt")
        for lang in demo_site.languages:
            head = head_of(demo_site.html(page, lang))
            alt = meta(head, "og:image:alt") or ""
            if not written_in(page, lang):
                assert alt == vietnamese_alt, (page, lang)  # the Vietnamese page, its Vietnamese card
                continue
            if page != "index.md":
                assert alt.endswith(meta(head, "og:title") or "?"), (page, lang, alt)
            assert scripts_of(alt) == expected_script[lang], (page, lang, alt)


def cmap_of(font: Path, cache: dict[Path, dict[int, str]]) -> dict[int, str]:
    if font not in cache:
        with TTFont(font) as face:
            glyphs = face.getGlyphSet()
            cache[font] = {point: name for point, name in face.getBestCmap().items() if name in glyphs}
    return cache[font]


def test_card_text_is_drawn_in_fonts_that_have_every_character(demo_site: Site, demo_project: Path) -> None:
    """What each card drew (its record in cards.json), checked against the font files' own
    character maps with fontTools, and against the page's title."""
    cmaps: dict[Path, dict[int, str]] = {}
    checked = 0
    for lang in demo_site.languages:
        records = json.loads((demo_site.root / demo_site.prefix(lang) / "assets/social/cards.json").read_text(encoding="utf-8"))
        by_image = {record["image"]: record for record in records}
        for page in demo_site.pages:
            head = head_of(demo_site.html(page, lang))
            record = by_image[card_file(demo_site, meta(head, "og:image") or "").relative_to(demo_site.root).as_posix()]
            title = "".join(run["text"] for run in record["runs"] if run["part"] == "title")
            if page != "index.md":
                expected = unicodedata.normalize("NFC", meta(head, "og:title") or "")
                assert "".join(title.split()).rstrip("…") in "".join(expected.split()), (page, lang, title)
            assert record["lang"] == (lang if written_in(page, lang) else demo_site.default)
            for run in record["runs"]:
                font = demo_project / run["font"]
                assert font.is_file() and font.is_relative_to(demo_project / "assets" / "fonts"), run["font"]
                cmap = cmap_of(font, cmaps)
                missing = [c for c in run["text"] if not c.isspace() and ord(c) not in cmap]
                assert missing == [], (page, lang, run)
                checked += len(run["text"])
    assert checked > 1000


def test_cards_look_like_cards(demo_site: Site) -> None:
    """Where the title is, the photo is darkened and the text is white; the logo is in the top
    left corner; two cards with the same photo differ where their titles are."""
    home = card_file(demo_site, meta(head_of(demo_site.html("index.md", "vi")), "og:image") or "")
    with Image.open(home) as card:
        pixels = card.convert("L")
        band = pixels.crop((72, 420, 1128, 600))
        values = sorted(band.get_flattened_data())
        brightest, darkest_tenth = values[-1], values[len(values) // 10]
        assert brightest > 235 and darkest_tenth < 90  # white text on a dark band
        logo = card.crop((72, 54, 148, 130)).convert("RGB")
        assert any(g > r + 20 for r, g, b in logo.get_flattened_data())  # the logo's greens


def mini_with_fonts(project: Path, title: str | None = None) -> None:
    assets = project / "assets"
    shutil.copytree(PROJECT / "assets" / "fonts", assets / "fonts")
    shutil.copy(PROJECT / "assets" / "logo.svg", assets / "logo.svg")
    if title is not None:
        (project / "docs" / "about.vi.md").write_text(f"---\ntitle: {title}\n---\n\nNội dung.\n", encoding="utf-8")


def build(project: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    return subprocess.run([sys.executable, "-m", "quangba", "build"], cwd=project, capture_output=True, text=True, timeout=600, env=env)


def test_a_title_no_font_can_draw_fails_the_build_with_its_file(mini_project: Path, tmp_path: Path) -> None:
    mini_with_fonts(mini_project, "Giới thiệu 𓀀")
    result = build(mini_project, tmp_path / "cache")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "about.vi.md" in output and "U+13000" in output and "ảnh chia sẻ" in output, output


def test_a_second_build_draws_nothing(mini_project: Path, tmp_path: Path) -> None:
    # A title typed with combining marks (NFD) is drawn as its composed letters.
    title = unicodedata.normalize("NFD", "Giới thiệu tỉnh")
    mini_with_fonts(mini_project, title)
    cache = tmp_path / "cache"
    first = build(mini_project, cache)
    assert first.returncode == 0, first.stdout + first.stderr
    drawn = sorted((cache / "quangba" / "share-cards" / "cards").glob("*.jpg"))
    assert len(drawn) == 4  # two pages in two languages
    times = {path: path.stat().st_mtime_ns for path in drawn}
    record = json.loads((mini_project / "site" / "assets" / "social" / "cards.json").read_text(encoding="utf-8"))
    assert {r["title"] for r in record} >= {unicodedata.normalize("NFC", title)}
    site_cards = sorted(p.name for p in (mini_project / "site").rglob("assets/social/*.jpg"))
    second = build(mini_project, cache)
    assert second.returncode == 0, second.stdout + second.stderr
    again = sorted((cache / "quangba" / "share-cards" / "cards").glob("*.jpg"))
    assert again == drawn and {path: path.stat().st_mtime_ns for path in again} == times
    assert sorted(p.name for p in (mini_project / "site").rglob("assets/social/*.jpg")) == site_cards
