"""Self-hosted fonts: split so a page downloads only its scripts, and complete for every page.

The check follows the CSS Fonts rules a browser applies: for each character of a page, walk the
page's font-family list and take the first @font-face whose unicode-range holds the character;
that face's file is what the browser downloads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT, Site
from quangba.fonts.ranges import format_ranges, parse_ranges

FACE = re.compile(r"@font-face\s*{(.*?)}", re.S)
PROPERTY = re.compile(r"([\w-]+)\s*:\s*([^;]+);")
STACK = re.compile(r'(body|html\[lang="(\w+)"\] body)\s*{[^}]*--md-text-font-family:\s*([^;]+);', re.S)
CJK_FAMILIES = {"Noto Sans SC", "Noto Sans KR"}


@dataclass(frozen=True)
class FontFace:
    family: str
    src: str
    codepoints: frozenset[int]


def font_faces() -> list[FontFace]:
    faces = []
    for body in FACE.findall((PROJECT / "assets/fonts/fonts.css").read_text(encoding="utf-8")):
        props = dict(PROPERTY.findall(body))
        family = props["font-family"].strip().strip('"')
        src = re.search(r'url\("([^"]+)"\)', props["src"]).group(1)
        ranges = props["unicode-range"].replace(" ", "")
        faces.append(FontFace(family, src, frozenset(parse_ranges(ranges))))
    return faces


def family_stacks() -> dict[str, list[str]]:
    """Language -> font-family list, from the site stylesheet ('*' for the default)."""
    css = (PROJECT / "assets/stylesheets/quangba.css").read_text(encoding="utf-8")
    stacks = {}
    for _, lang, value in STACK.findall(css):
        stacks[lang or "*"] = [name.strip().strip('"') for name in value.split(",")]
    return stacks


def downloaded_faces(text: str, stack: list[str], faces: list[FontFace]) -> tuple[set[str], set[str]]:
    """(font files a browser fetches for text, characters no face covers)."""
    files, uncovered = set(), set()
    for char in set(text) - set(" \n\t\r\u00a0"):
        point = ord(char)
        face = next((f for family in stack for f in faces if f.family == family and point in f.codepoints), None)
        if face is None:
            uncovered.add(char)
        else:
            files.add(face.src)
    return files, uncovered


def page_text(path: Path) -> str:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for hidden in page(["script", "style", "svg"]):
        hidden.decompose()
    return page.body.get_text()


def test_ranges_round_trip() -> None:
    points = {0x41, 0x42, 0x43, 0xE9, 0x1EA0, 0x1EA1}
    assert format_ranges(points) == "U+41-43, U+E9, U+1EA0-1EA1"
    assert parse_ranges(format_ranges(points).replace(" ", "")) == points


def test_font_faces_and_licence_are_shipped() -> None:
    faces = font_faces()
    families = {face.family for face in faces}
    assert {"Noto Sans", "Noto Sans SC", "Noto Sans KR"} <= families
    for face in faces:
        assert (PROJECT / "assets/fonts" / face.src).is_file(), face.src
    assert "SIL OPEN FONT LICENSE" in (PROJECT / "assets/fonts/OFL.txt").read_text(encoding="utf-8").upper()


def test_vietnamese_letters_are_in_the_latin_family() -> None:
    covered = set().union(*(f.codepoints for f in font_faces() if f.family == "Noto Sans"))
    for char in "ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ₫":
        assert ord(char) in covered, char


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_latin_pages_download_no_cjk_font(demo_site: Site, lang: str) -> None:
    faces, stack = font_faces(), family_stacks()["*"]
    cjk_files = {f.src for f in faces if f.family in CJK_FAMILIES}
    for page in demo_site.pages:
        files, uncovered = downloaded_faces(page_text(demo_site.html(page, lang)), stack, faces)
        assert not files & cjk_files, f"{demo_site.url(page, lang)} downloads {files & cjk_files}"
        assert not uncovered, f"{demo_site.url(page, lang)}: no font for {sorted(uncovered)}"


@pytest.mark.parametrize(("lang", "family"), [("zh", "Noto Sans SC"), ("ko", "Noto Sans KR")])
def test_cjk_pages_have_every_glyph_and_fetch_few_slices(demo_site: Site, lang: str, family: str) -> None:
    faces, stack = font_faces(), family_stacks()[lang]
    slices = {f.src for f in faces if f.family == family}
    for page in demo_site.pages:
        files, uncovered = downloaded_faces(page_text(demo_site.html(page, lang)), stack, faces)
        assert not uncovered, f"{demo_site.url(page, lang)}: no font for {sorted(uncovered)}"
        # The point of slicing: a page needs only part of the script's files.
        assert len(files & slices) < len(slices), demo_site.url(page, lang)
