"""Make the site's self-hosted web fonts: open-licence Noto fonts cut into unicode-range slices.

The browser downloads a slice only when a page shows a character in its range, so a Vietnamese
page fetches the Latin and Vietnamese slices of Noto Sans and never a Chinese or Korean file.
Chinese slices are ordered by character frequency (from jieba's dictionary) so that a typical
Chinese page needs the first few slices only.

This is a maintainer's tool (``quangba fonts``): its output in ``assets/fonts/`` is committed,
so a build never needs the source fonts. Sources: Debian's fonts-noto-core and fonts-noto-cjk.
"""

from __future__ import annotations

import contextlib
import io
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

from quangba.fonts.printing import print_slice, space_width_of
from quangba.fonts.ranges import format_ranges, parse_ranges

__all__ = ["build_webfonts", "print_slice", "space_width_of"]

NOTO_CORE = Path("/usr/share/fonts/truetype/noto")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto")

# Google Fonts' own split of Latin fonts, so the Latin slices match what browsers are used to.
LATIN = "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2190-2193,U+2212,U+2215,U+FEFF,U+FFFD"
LATIN_EXT = "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AA,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF"
VIETNAMESE = "U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB"
CJK_PUNCTUATION = "U+3000-303F,U+FF01-FF5E,U+FF5F-FFEF,U+00B7,U+2014,U+2026,U+2018-2019,U+201C-201D"
HANGUL_JAMO = "U+1100-11FF,U+3130-318F"

CJK_SLICE_SIZE = 400  # characters per Chinese/Korean slice; ~40-60 KB of woff2 each
SWITCHER_NAMES = {"sc": "中文", "kr": "한국어"}  # native language names shown on every page


@dataclass(frozen=True)
class Face:
    """One source font file (or one face of a collection) at one weight and style."""

    family: str
    file_stem: str
    path: Path
    weight: int
    style: str = "normal"
    collection_name: str | None = None  # PostScript name of the face inside a .ttc

    def load(self) -> TTFont:
        if self.collection_name is None:
            return TTFont(self.path)
        for font in TTCollection(self.path).fonts:
            if font["name"].getDebugName(6) == self.collection_name:  # PostScript name
                return font
        raise LookupError(f"{self.path} has no face named {self.collection_name!r}")


@dataclass(frozen=True)
class Slice:
    name: str
    codepoints: frozenset[int]


def double_byte_charset(codec: str, rows: range) -> set[int]:
    """Every character of a legacy two-byte charset (GB 2312, KS X 1001): the common repertoire."""
    points: set[int] = set()
    for high in rows:
        for low in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):  # a hole in the charset
                points.add(ord(bytes([high, low]).decode(codec)))
    return points


def hanzi_frequency() -> Counter[str]:
    """Character frequency from jieba's word list (word frequencies summed per character)."""
    import jieba  # a dependency of the site's Chinese search, imported only here

    counts: Counter[str] = Counter()
    dict_path = Path(jieba.__file__).parent / "dict.txt"
    for line in dict_path.read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split(" ")
        for char in word:
            counts[char] += int(freq)
    return counts


def content_characters(docs_dir: Path, lang: str) -> set[int]:
    """Characters of the language's pages that the Latin slices do not cover: rare characters
    (a river's name, a unit sign like ㎢) are then never left without a glyph."""
    points: set[int] = set()
    for page in docs_dir.rglob(f"*.{lang}.md"):
        points.update(ord(c) for c in page.read_text(encoding="utf-8"))
    latin = parse_ranges(",".join([LATIN, LATIN_EXT, VIETNAMESE]))
    return {p for p in points if p > 0x7F and p not in latin}


def chunk(points: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(points), size):
        yield points[start : start + size]


def cjk_slices(ordered: list[int], extra: set[int]) -> list[Slice]:
    """Punctuation first (every page needs it), then fixed-size slices in the given order."""
    slices = [Slice("punct", frozenset(extra))]
    for number, part in enumerate(chunk(ordered, CJK_SLICE_SIZE)):
        slices.append(Slice(f"{number:02d}", frozenset(part)))
    return slices


def chinese_slices(content: set[int]) -> list[Slice]:
    wanted = double_byte_charset("gb2312", range(0xB0, 0xF8)) | content
    freq = hanzi_frequency()
    ordered = sorted(wanted, key=lambda p: (-freq.get(chr(p), 0), p))
    return cjk_slices(ordered, parse_ranges(CJK_PUNCTUATION))


def korean_slices(content: set[int]) -> list[Slice]:
    wanted = double_byte_charset("euc_kr", range(0xB0, 0xC9)) | content
    ordered = sorted(wanted, key=lambda p: (p not in content, p))  # content's characters first
    return cjk_slices(ordered, parse_ranges(CJK_PUNCTUATION + "," + HANGUL_JAMO))


def font_bytes(font: TTFont) -> bytes:
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def subset_woff2(source: bytes, codepoints: Iterable[int]) -> tuple[bytes, set[int]]:
    """Cut a font down to codepoints; return the WOFF2 bytes and the codepoints it really covers."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]  # keep copyright and licence names
    work = TTFont(io.BytesIO(source))  # a fresh copy: the subsetter changes the font in place
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(work)
    covered = set(work.getBestCmap())
    out = io.BytesIO()
    work.flavor = "woff2"
    work.save(out)
    return out.getvalue(), covered


def font_face_css(family: str, filename: str, face: Face, covered: set[int]) -> str:
    return (
        "@font-face {\n"
        f'  font-family: "{family}";\n'
        f"  font-style: {face.style};\n"
        f"  font-weight: {face.weight};\n"
        "  font-display: swap;\n"
        f'  src: url("{filename}") format("woff2");\n'
        f"  unicode-range: {format_ranges(covered)};\n"
        "}\n"
    )


def default_faces() -> list[tuple[Face, str]]:
    """(face, slice set) pairs: which source font is cut by which slicing."""
    faces: list[tuple[Face, str]] = []
    for weight, style, stem in [(400, "normal", "Regular"), (700, "normal", "Bold"), (400, "italic", "Italic")]:
        faces.append((Face("Noto Sans", f"noto-sans-{weight}{style[0]}", NOTO_CORE / f"NotoSans-{stem}.ttf", weight, style), "latin"))
    for weight, stem in [(400, "Regular"), (700, "Bold")]:
        ttc = NOTO_CJK / f"NotoSansCJK-{stem}.ttc"
        faces.append((Face("Noto Sans SC", f"noto-sans-sc-{weight}", ttc, weight, collection_name=f"NotoSansCJKsc-{stem}"), "sc"))
        faces.append((Face("Noto Sans KR", f"noto-sans-kr-{weight}", ttc, weight, collection_name=f"NotoSansCJKkr-{stem}"), "kr"))
    return faces


def build_webfonts(out_dir: Path, docs_dir: Path, log=print) -> list[Path]:
    """Write every slice as WOFF2 plus fonts.css into out_dir; return the files written."""
    slicings = {
        "latin": [
            Slice("latin", frozenset(parse_ranges(LATIN))),
            Slice("latin-ext", frozenset(parse_ranges(LATIN_EXT))),
            Slice("vietnamese", frozenset(parse_ranges(VIETNAMESE))),
        ],
        "sc": chinese_slices(content_characters(docs_dir, "zh")),
        "kr": korean_slices(content_characters(docs_dir, "ko")),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.woff2"):
        old.unlink()
    css: list[str] = ["/* Generated by `quangba fonts`: do not edit by hand. */\n"]
    written: list[Path] = []
    for face, slicing in default_faces():
        font = font_bytes(face.load())
        for part in slicings[slicing]:
            data, covered = subset_woff2(font, part.codepoints)
            if not covered:
                continue
            name = f"{face.file_stem}-{part.name}.woff2"
            (out_dir / name).write_bytes(data)
            written.append(out_dir / name)
            css.append(font_face_css(face.family, name, face, covered))
            log(f"{name}: {len(covered)} characters, {len(data) // 1024} KB")
        # The language switcher shows 中文 and 한국어 on every page: a tiny face of just those
        # glyphs keeps a Vietnamese or English page from fetching a whole CJK slice for them.
        key = slicing if slicing in SWITCHER_NAMES else None
        if key and face.weight == 400:
            data, covered = subset_woff2(font, {ord(c) for c in SWITCHER_NAMES[key]})
            name = f"language-names-{key}.woff2"
            (out_dir / name).write_bytes(data)
            written.append(out_dir / name)
            css.append(font_face_css("Quangba Language Names", name, face, covered))
    (out_dir / "fonts.css").write_text("".join(css), encoding="utf-8")
    written.append(out_dir / "fonts.css")
    return written
