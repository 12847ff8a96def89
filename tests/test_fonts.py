"""Self-hosted fonts: each language's pages get small cuts of the Chinese and Korean faces, and
every character of every page has a glyph in a web font.

The checks read what the build wrote (each language's font stylesheet, the cut font files) and
follow the CSS Fonts rules a browser applies: for each character of a page, walk the page's
font-family list (its <body>'s group picks it) and take the first @font-face whose
unicode-range holds the character and whose file has a glyph for it; that file is what the
browser downloads. The parsing here is the tests' own, not quangba's.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont

from conftest import MINI_CONFIG, PROJECT, Site, run_quangba
from quangba.fonts.ranges import format_ranges, parse_ranges

FACE = re.compile(r"@font-face\s*{(.*?)}", re.S)
PROPERTY = re.compile(r"([\w-]+)\s*:\s*([^;]+);")
STACK = re.compile(r'(body(?:\[data-quangba-fonts="(\d+)"\])?)\s*{[^}]*--md-text-font-family:\s*([^;}]+)', re.S)
CJK_PREFIXES = ("noto-sans-sc", "noto-sans-kr")
GENERIC = {"sans-serif", "system-ui", "serif"}


@dataclass(frozen=True)
class FontFace:
    family: str
    file: Path | None  # None: a local() fallback
    weight: int
    codepoints: frozenset[int] | None  # None: no unicode-range (the whole file)

    def draws(self, point: int) -> bool:
        if self.file is None or (self.codepoints is not None and point not in self.codepoints):
            return False
        return point in cmap(self.file)


@cache
def cmap(path: Path) -> frozenset[int]:
    return frozenset(TTFont(path, lazy=True).getBestCmap())


@dataclass(frozen=True)
class LanguageFonts:
    stylesheet: Path
    faces: tuple[FontFace, ...]
    stacks: dict[str | None, list[str]]  # group (None: the default) -> font families


def read_faces(css: Path) -> tuple[FontFace, ...]:
    faces = []
    for body in FACE.findall(css.read_text(encoding="utf-8")):
        props = dict(PROPERTY.findall(body + ";"))
        url = re.search(r'url\("([^"]+)"\)', props["src"])
        ranges = props.get("unicode-range", "").replace(" ", "")
        faces.append(
            FontFace(
                props["font-family"].strip().strip('"'),
                (css.parent / url[1]).resolve() if url else None,
                int(props.get("font-weight", "400")),
                frozenset(parse_ranges(ranges)) if ranges else None,
            )
        )
    return tuple(faces)


def language_fonts(page: Path) -> LanguageFonts:
    """The font stylesheet a page links, read."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = [link["href"] for link in soup.find_all("link", rel="stylesheet") if "/fonts/" in link["href"]]
    assert len(links) == 1, f"{page}: font stylesheets {links}"
    css = (page.parent / links[0]).resolve()
    stacks = {group or None: [name.strip().strip('"') for name in value.split(",")] for _, group, value in STACK.findall(css.read_text(encoding="utf-8"))}
    return LanguageFonts(css, read_faces(css), stacks)


def page_stack(page: Path, fonts: LanguageFonts) -> list[str]:
    body = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").body
    return fonts.stacks.get(body.get("data-quangba-fonts"), fonts.stacks[None])


def page_text(path: Path) -> str:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for hidden in page(["script", "style", "svg"]):
        hidden.decompose()
    return page.body.get_text()


def downloads(text: str, stack: list[str], faces: tuple[FontFace, ...], weight: int = 400) -> tuple[set[Path], set[str]]:
    """(font files a browser fetches to draw text at a weight, characters no web font draws)."""
    files, uncovered = set(), set()
    for char in set(text) - set(" \n\t\r\u00a0\u200b"):
        point = ord(char)
        candidates = [f for family in stack if family not in GENERIC for f in weighted(faces, family, weight)]
        face = next((f for f in candidates if f.draws(point)), None)
        if face is None or face.file is None:
            uncovered.add(char)
        else:
            files.add(face.file)
    return files, uncovered


def weighted(faces: tuple[FontFace, ...], family: str, weight: int) -> list[FontFace]:
    """The family's faces a browser matches for a weight: that weight's, else the nearest one's
    (drawn with synthetic bold)."""
    own = [f for f in faces if f.family == family]
    if not own:
        return []
    nearest = min({f.weight for f in own}, key=lambda w: abs(w - weight))
    return [f for f in own if f.weight == nearest]


def test_ranges_round_trip() -> None:
    points = {0x41, 0x42, 0x43, 0xE9, 0x1EA0, 0x1EA1}
    assert format_ranges(points) == "U+41-43, U+E9, U+1EA0-1EA1"
    assert parse_ranges(format_ranges(points).replace(" ", "")) == points


def test_the_catalog_names_its_files_and_the_licence_is_published(demo_site: Site) -> None:
    faces = read_faces(PROJECT / "assets/fonts/fonts.css")
    assert {"Noto Sans", "Noto Sans SC", "Noto Sans KR"} <= {face.family for face in faces}
    for face in faces:
        assert face.file is None or face.file.is_file(), face.file
    # A system font standing in while Noto Sans loads draws only what Noto Sans will draw.
    latin = frozenset().union(*(f.codepoints or () for f in faces if f.family == "Noto Sans"))
    fallbacks = [face for face in faces if face.file is None]
    assert fallbacks and all(face.codepoints is not None and face.codepoints <= latin for face in fallbacks)
    assert "SIL OPEN FONT LICENSE" in (demo_site.root / "assets/fonts/OFL.txt").read_text(encoding="utf-8").upper()
    # The big sources are cut by the build, never published whole.
    assert not list(demo_site.root.rglob("source/*.woff2"))


def test_vietnamese_letters_are_in_the_latin_family() -> None:
    faces = [f for f in read_faces(PROJECT / "assets/fonts/fonts.css") if f.family == "Noto Sans" and f.weight == 400]
    for char in "ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ₫":
        assert any(face.draws(ord(char)) for face in faces), char


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_latin_pages_download_no_cjk_font(demo_site: Site, lang: str) -> None:
    for page in demo_site.pages:
        path = demo_site.html(page, lang)
        fonts = language_fonts(path)
        files, uncovered = downloads(page_text(path), page_stack(path, fonts), fonts.faces)
        assert not {f.name for f in files if f.name.startswith(CJK_PREFIXES)}, f"{demo_site.url(page, lang)} downloads {files}"
        assert not uncovered, f"{demo_site.url(page, lang)}: no font for {sorted(uncovered)}"


@pytest.mark.parametrize(("lang", "prefix"), [("zh", "noto-sans-sc"), ("ko", "noto-sans-kr")])
def test_cjk_pages_draw_every_character_from_two_small_cuts(demo_site: Site, lang: str, prefix: str) -> None:
    """Every character in a web font, and per weight at most two cut files (shared + group)."""
    sizes = []
    for page in demo_site.pages:
        path = demo_site.html(page, lang)
        fonts = language_fonts(path)
        stack = page_stack(path, fonts)
        for weight in (400, 700):
            files, uncovered = downloads(page_text(path), stack, fonts.faces, weight)
            assert not uncovered, f"{demo_site.url(page, lang)}: no web font draws {sorted(uncovered)}"
            cuts = {f for f in files if f.name.startswith(prefix)}
            assert 1 <= len(cuts) <= 2, f"{demo_site.url(page, lang)} ({weight}): {sorted(f.name for f in cuts)}"
            sizes.append(sum(f.stat().st_size for f in cuts))
    # A Chinese page used to need 7-13 slices of ~120 KB per weight.
    assert max(sizes) < 120_000, max(sizes)


def test_the_search_can_show_any_page_of_the_language(demo_site: Site) -> None:
    """The last face of the stack draws every character of every Chinese page: what another
    page's words in the search results need."""
    fonts = language_fonts(demo_site.html("index.md", "zh"))
    everything = [f for f in fonts.faces if f.family == "Noto Sans SC all" and f.weight == 400]
    assert len(everything) == 1 and everything[0].file is not None
    for page in demo_site.pages:
        text = page_text(demo_site.html(page, "zh"))
        hanzi = {c for c in text if "\u4e00" <= c <= "\u9fff"}
        assert all(everything[0].draws(ord(c)) for c in hanzi), page


# The tests' small project, with Chinese instead of English.
CJK_CONFIG = MINI_CONFIG.replace("locale: en", "locale: zh").replace("name: English", "name: 中文")


def test_a_new_character_gets_its_glyph(tmp_path: Path) -> None:
    """A page with a character no other page uses: the build cuts it into that page's font."""
    shutil.copytree(PROJECT / "assets/fonts", tmp_path / "assets/fonts")
    (tmp_path / "mkdocs.yml").write_text(CJK_CONFIG, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    rare = "鼋"  # GB 2312, in no page of the demo
    for lang, title, text in [("vi", "Trang chủ", "Nội dung."), ("zh", "首页", f"太原茶{rare}。")]:
        (tmp_path / "docs" / f"index.{lang}.md").write_text(f"---\ntitle: {title}\n---\n\n{text}\n", encoding="utf-8")
    result = run_quangba("build", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    page = tmp_path / "site/zh/index.html"
    fonts = language_fonts(page)
    files, uncovered = downloads(page_text(page), page_stack(page, fonts), fonts.faces)
    assert not uncovered
    assert any(ord(rare) in cmap(f) for f in files if f.name.startswith("noto-sans-sc")), sorted(files)


def test_a_catalog_naming_a_missing_font_stops_the_build(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(PROJECT / "assets", project / "assets")
    shutil.copytree(PROJECT / "overrides", project / "overrides")
    shutil.copytree(PROJECT / "docs", project / "docs")
    shutil.copy(PROJECT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "assets/fonts/source/noto-sans-kr-700.woff2").unlink()
    result = run_quangba("build", cwd=project)
    assert result.returncode != 0
    assert "assets/fonts/fonts.css" in result.stderr + result.stdout
    assert "noto-sans-kr-700.woff2" in result.stderr + result.stdout
    assert not (project / "site").exists()
