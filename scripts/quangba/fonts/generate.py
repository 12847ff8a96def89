"""`quangba fonts` (maintainers): make the project's font catalog from Debian's Noto fonts.

Writes into assets/fonts/ (committed, so a build never needs the system's fonts):
- Noto Sans in Google Fonts' Latin, Latin Extended and Vietnamese slices, tied by unicode-range:
  published as they are (a Vietnamese page fetches the Latin and Vietnamese slices only);
- one source file per Chinese and Korean face (source/…): GB 2312's 6,763 hanzi or KS X 1001's
  2,350 syllables, with every character the content uses; the site cuts them, per group of
  pages, to the characters those pages use (quangba.site.features.webfonts), the leaflets to a
  leaflet's (quangba.leaflets.fonts);
- a tiny face with just 中文 and 한국어, which the language switcher shows on every page;
- fallback faces: the system fonts a phone or a PC has (Arial or its metric twins, Roboto,
  DejaVu Sans) with size-adjust and ascent/descent overrides measured here, so that text drawn
  in them while Noto Sans loads takes the same room and nothing moves when it arrives;
- fonts.css, the catalog of all of them, with the font stack of each language.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont

from quangba.fonts.catalog import css_family_list
from quangba.fonts.ranges import format_ranges, parse_ranges
from quangba.fonts.subsetting import cut_bytes

SYSTEM_FONTS = (Path("/usr/share/fonts"),)

# Google Fonts' own split of Latin fonts, so the Latin slices match what browsers are used to.
LATIN = "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2190-2193,U+2212,U+2215,U+FEFF,U+FFFD"
LATIN_EXT = "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AA,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF"
VIETNAMESE = "U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB"
CJK_PUNCTUATION = "U+3000-303F,U+FF01-FF5E,U+FF5F-FFEF,U+00B7,U+2014,U+2026,U+2018-2019,U+201C-201D"
HANGUL_JAMO = "U+1100-11FF,U+3130-318F"
# Native language names shown on every page, with the switcher's "(not translated)" mark in that
# language (the catalogs' "not translated" for zh and ko, in that language's brackets).
SWITCHER_NAMES = {"sc": "中文（未翻译）", "kr": "한국어(미번역)"}
NAMES_FAMILY = "Quangba Language Names"

# Text whose average advance decides a fallback's size-adjust: the letters of this portal's
# Vietnamese and English prose, in about the proportions they occur.
SAMPLE = (
    "Thái Nguyên là thủ phủ chè của Việt Nam, nơi có vùng chè Tân Cương nổi tiếng và khu an toàn khu "
    "Định Hóa. Tỉnh đón nhà đầu tư vào các khu công nghiệp Yên Bình, Điềm Thụy và Sông Công. "
    "Thai Nguyen is the tea capital of Vietnam, home to the Tan Cuong tea hills and the Dinh Hoa "
    "safety zone. The province welcomes investors to its industrial parks, 80 km from Hanoi."
)


@dataclass(frozen=True)
class Face:
    """One source font file (or one face of a collection) at one weight and style."""

    family: str
    file_stem: str
    path: Path  # relative to a system fonts folder
    weight: int
    style: str = "normal"
    collection_name: str | None = None  # PostScript name of the face inside a .ttc

    def load(self, folders: Iterable[Path]) -> TTFont:
        path = find(self.path, folders)
        if self.collection_name is None:
            return TTFont(path, recalcTimestamp=False)
        for font in TTCollection(path, recalcTimestamp=False).fonts:
            if font["name"].getDebugName(6) == self.collection_name:  # PostScript name
                return font
        raise LookupError(f"{path} has no face named {self.collection_name!r}")


@dataclass(frozen=True)
class Fallback:
    """A system font standing in for Noto Sans while it loads: its local() names per weight,
    and the file of Debian's package with the same metrics, where they are measured."""

    family: str
    local_names: dict[int, tuple[str, ...]]
    files: dict[int, Path]


LATIN_FACES = [
    Face("Noto Sans", f"noto-sans-{weight}{style[0]}", Path("truetype/noto") / f"NotoSans-{stem}.ttf", weight, style)
    for weight, style, stem in [(400, "normal", "Regular"), (700, "normal", "Bold"), (400, "italic", "Italic")]
]
CJK_FACES = [
    (Face(family, f"noto-sans-{key}-{weight}", Path("opentype/noto") / f"NotoSansCJK-{stem}.ttc", weight, collection_name=f"NotoSansCJK{key}-{stem}"), key)
    for weight, stem in [(400, "Regular"), (700, "Bold")]
    for family, key in [("Noto Sans SC", "sc"), ("Noto Sans KR", "kr")]
]
FALLBACKS = [
    # Arial on Windows and macOS; Liberation Sans (Linux) and Arimo (ChromeOS) share its metrics.
    Fallback(
        "Noto Sans fallback Arial",
        {
            400: ("Arial", "ArialMT", "Liberation Sans", "LiberationSans", "Arimo"),
            700: ("Arial Bold", "Arial-BoldMT", "Liberation Sans Bold", "LiberationSans-Bold", "Arimo Bold"),
        },
        {400: Path("truetype/liberation/LiberationSans-Regular.ttf"), 700: Path("truetype/liberation/LiberationSans-Bold.ttf")},
    ),
    Fallback(  # Android
        "Noto Sans fallback Roboto",
        {400: ("Roboto", "Roboto-Regular", "Roboto Regular"), 700: ("Roboto Bold", "Roboto-Bold")},
        {400: Path("truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf"), 700: Path("truetype/roboto/unhinted/RobotoTTF/Roboto-Bold.ttf")},
    ),
    Fallback(  # most Linux desktops
        "Noto Sans fallback DejaVu",
        {400: ("DejaVu Sans", "DejaVuSans"), 700: ("DejaVu Sans Bold", "DejaVuSans-Bold")},
        {400: Path("truetype/dejavu/DejaVuSans.ttf"), 700: Path("truetype/dejavu/DejaVuSans-Bold.ttf")},
    ),
]
FALLBACK_FAMILIES = tuple(fallback.family for fallback in FALLBACKS)
STACKS: dict[str, tuple[str, ...]] = {
    "*": ("Noto Sans", *FALLBACK_FAMILIES, NAMES_FAMILY, "Noto Sans SC", "Noto Sans KR", "system-ui", "sans-serif"),
    "zh": ("Noto Sans", *FALLBACK_FAMILIES, "Noto Sans SC", NAMES_FAMILY, "sans-serif"),
    "ko": ("Noto Sans", *FALLBACK_FAMILIES, "Noto Sans KR", NAMES_FAMILY, "Noto Sans SC", "sans-serif"),
}


def find(path: Path, folders: Iterable[Path]) -> Path:
    for folder in folders:
        if (folder / path).is_file():
            return folder / path
    raise FileNotFoundError(
        f"{path} is in none of {', '.join(map(str, folders))} (apt-get install fonts-noto-core fonts-noto-cjk fonts-liberation fonts-roboto-unhinted fonts-dejavu-core)"
    )


def double_byte_charset(codec: str, rows: range) -> set[int]:
    """Every character of a legacy two-byte charset (GB 2312, KS X 1001): the common repertoire."""
    points: set[int] = set()
    for high in rows:
        for low in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):  # a hole in the charset
                points.add(ord(bytes([high, low]).decode(codec)))
    return points


def content_characters(docs_dir: Path, lang: str) -> set[int]:
    """Characters of the language's pages beyond the Latin slices: a river's name or a unit sign
    like ㎢ outside the legacy charsets is then still in the source."""
    points: set[int] = set()
    for page in docs_dir.rglob(f"*.{lang}.md"):
        points.update(ord(c) for c in page.read_text(encoding="utf-8"))
    latin = parse_ranges(",".join([LATIN, LATIN_EXT, VIETNAMESE]))
    return {p for p in points if p > 0x7F and p not in latin}


def repertoires(docs_dir: Path) -> dict[str, set[int]]:
    return {
        "sc": double_byte_charset("gb2312", range(0xB0, 0xF8)) | parse_ranges(CJK_PUNCTUATION) | content_characters(docs_dir, "zh"),
        "kr": double_byte_charset("euc_kr", range(0xB0, 0xC9)) | parse_ranges(CJK_PUNCTUATION + "," + HANGUL_JAMO) | content_characters(docs_dir, "ko"),
    }


def font_bytes(font: TTFont) -> bytes:
    import io

    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def font_face_css(family: str, url: str, weight: int, style: str, covered: set[int] | None) -> str:
    ranges = f"  unicode-range: {format_ranges(covered)};\n" if covered else ""
    return (
        "@font-face {\n"
        f'  font-family: "{family}";\n'
        f"  font-style: {style};\n"
        f"  font-weight: {weight};\n"
        "  font-display: swap;\n"
        f'  src: url("{url}") format("woff2");\n'
        f"{ranges}"
        "}\n"
    )


@dataclass(frozen=True)
class Metrics:
    """Vertical metrics and the sample's width, in ems."""

    ascent: float
    descent: float
    line_gap: float
    width: float


def metrics_of(font: TTFont) -> Metrics:
    units = font["head"].unitsPerEm
    hhea, cmap, advances = font["hhea"], font.getBestCmap(), font["hmtx"].metrics
    width = sum(advances[cmap[ord(c)]][0] for c in SAMPLE if ord(c) in cmap) / len(SAMPLE) / units
    return Metrics(hhea.ascent / units, -hhea.descent / units, hhea.lineGap / units, width)


def fallback_css(fallback: Fallback, weight: int, primary: Metrics, system: Metrics, latin: set[int]) -> str:
    """The system font at the size that sets the sample as wide as the web font, with the web
    font's ascent and descent (overrides are in ems of the adjusted size). Only for the Latin
    slices' characters: a hanzi must go on to the Chinese face, not stay with DejaVu's ℃."""
    scale = primary.width / system.width
    names = ", ".join(f'local("{name}")' for name in fallback.local_names[weight])
    return (
        "@font-face {\n"
        f'  font-family: "{fallback.family}";\n'
        f"  font-weight: {weight};\n"
        f"  src: {names};\n"
        f"  unicode-range: {format_ranges(latin)};\n"
        f"  size-adjust: {scale * 100:.2f}%;\n"
        f"  ascent-override: {primary.ascent / scale * 100:.2f}%;\n"
        f"  descent-override: {primary.descent / scale * 100:.2f}%;\n"
        f"  line-gap-override: {primary.line_gap / scale * 100:.2f}%;\n"
        "}\n"
    )


def stack_css(lang: str, families: tuple[str, ...]) -> str:
    selector = "body" if lang == "*" else f'html[lang="{lang}"] body'
    return f"{selector} {{\n  --md-text-font-family: {css_family_list(families)};\n}}\n"


class Writer:
    """The files written and the catalog's rules, in order."""

    def __init__(self, out_dir: Path, log: Callable[[str], object]) -> None:
        self.out_dir, self.log = out_dir, log
        self.css: list[str] = ["/* The project's font catalog, generated by `quangba fonts`: do not edit by hand. */\n"]
        self.written: list[Path] = []

    def font(self, name: str, data: bytes, covered: set[int]) -> None:
        path = self.out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.written.append(path)
        self.log(f"{name}: {len(covered)} characters, {len(data) // 1024} KB")


def build_webfonts(out_dir: Path, docs_dir: Path, log: Callable[[str], object] = print, system_fonts: Iterable[Path] = SYSTEM_FONTS) -> list[Path]:
    """Write the fonts and fonts.css into out_dir; return the files written."""
    folders = tuple(system_fonts)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in [*out_dir.glob("*.woff2"), *out_dir.glob("source/*.woff2")]:
        old.unlink()
    writer = Writer(out_dir, log)
    latin_slices = {"latin": LATIN, "latin-ext": LATIN_EXT, "vietnamese": VIETNAMESE}
    primary: dict[int, Metrics] = {}
    latin: dict[int, set[int]] = {}  # weight -> what the Latin slices draw
    for face in LATIN_FACES:
        font = face.load(folders)
        if face.style == "normal":
            primary[face.weight] = metrics_of(font)
        source = font_bytes(font)
        for slice_name, ranges in latin_slices.items():
            data, covered = cut_bytes(source, parse_ranges(ranges), features=["*"])
            name = f"{face.file_stem}-{slice_name}.woff2"
            writer.font(name, data, covered)
            writer.css.append(font_face_css(face.family, name, face.weight, face.style, covered))
            if face.style == "normal":
                latin.setdefault(face.weight, set()).update(covered)
    for fallback in FALLBACKS:
        for weight, path in fallback.files.items():
            system = metrics_of(TTFont(find(path, folders)))
            writer.css.append(fallback_css(fallback, weight, primary[weight], system, latin[weight]))
    wanted = repertoires(docs_dir)
    for face, key in CJK_FACES:
        source = font_bytes(face.load(folders))
        data, covered = cut_bytes(source, wanted[key])
        name = f"source/{face.file_stem}.woff2"
        writer.font(name, data, covered)
        writer.css.append(font_face_css(face.family, name, face.weight, face.style, None))
        if face.weight == 400:
            # A Vietnamese or English page fetches this (a few KB) for the switcher's names.
            data, covered = cut_bytes(source, {ord(c) for c in SWITCHER_NAMES[key]})
            name = f"language-names-{key}.woff2"
            writer.font(name, data, covered)
            writer.css.append(font_face_css(NAMES_FAMILY, name, 400, "normal", covered))
    writer.css.extend(stack_css(lang, families) for lang, families in STACKS.items())
    (out_dir / "fonts.css").write_text("".join(writer.css), encoding="utf-8")
    return [*writer.written, out_dir / "fonts.css"]
