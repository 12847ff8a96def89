"""The project's own fonts (assets/fonts/fonts.css) and which characters they can draw.

The site's fonts come in slices (one file per group of characters, tied together by
unicode-range under one family name). WeasyPrint names a PDF font after its family, weight and
style only, so two slices of one family would share a name and mix their glyphs up (Korean
text printed with the wrong syllables). The leaflets therefore give every slice its own family
("Noto Sans KR part03") and list the slices one after the other in the font stack.

The leaflets use only these fonts, in their print copies (quangba.fonts.print_slice: TrueType
outlines that every PDF renderer draws, with a word space in every slice), and only the slices
whose characters the leaflet uses. A character none of a text's fonts has would be drawn by
whatever font the machine happens to have, or as an empty box; the build catches that before
the print shop does, by reading each font's character map.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

from quangba.fonts import print_slice, space_width_of

FACE = re.compile(r"@font-face\s*\{(?P<body>[^}]*)\}", re.DOTALL)
FAMILY = re.compile(r"font-family\s*:\s*[\"']?(?P<name>[^;\"']+)[\"']?\s*;")
SOURCE = re.compile(r"src\s*:\s*url\(\s*[\"']?(?P<url>[^)\"']+)[\"']?\s*\)(?:\s*format\([^)]*\))?")
RANGE = re.compile(r"unicode-range\s*:\s*(?P<ranges>[^;]+);")
WEIGHT = re.compile(r"font-weight\s*:\s*(?P<weight>\d+)")
STYLE = re.compile(r"font-style\s*:\s*(?P<style>\w+)")

# Font stack of each script the site writes in; Latin and Vietnamese first, then CJK.
FAMILIES: dict[str, tuple[str, ...]] = {
    "zh": ("Noto Sans", "Noto Sans SC"),
    "ko": ("Noto Sans", "Noto Sans KR"),
}
DEFAULT_FAMILIES = ("Noto Sans",)
# Drawn without a glyph: spaces and line-breaking controls.
INVISIBLE = {"\n", "\t", "\r", "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


SLICE = re.compile(r"-(?:\d{3}[ni]?)(?=-|\.)")  # the weight/style part of noto-sans-kr-700-03.woff2


@dataclass(frozen=True)
class FontFace:
    family: str
    file: Path
    body: str = ""  # the rest of the @font-face rule (weight, style, unicode-range)

    @property
    def weight(self) -> int:
        match = WEIGHT.search(self.body)
        return int(match["weight"]) if match else 400

    @property
    def style(self) -> str:
        match = STYLE.search(self.body)
        return match["style"] if match else "normal"

    @property
    def slice_family(self) -> str:
        """'Noto Sans KR part03' for noto-sans-kr-400-03.woff2: shared by the weights of one slice."""
        family_slug = self.family.lower().replace(" ", "-")
        stem = SLICE.sub("", self.file.name).removesuffix(".woff2").removesuffix(".woff").removesuffix(".ttf").removesuffix(".otf")
        rest = stem[len(family_slug) :].strip("-") if stem.startswith(family_slug) else stem
        # Pango reads a final number as a size ("Noto Sans KR 03" would be size 3): say "part03".
        return f"{self.family} {'part' + rest if rest.isdigit() else rest}".strip()


def print_fonts(css: Path, lang: str, text: str, cache_dir: Path) -> tuple[str, tuple[str, ...]]:
    """(@font-face rules with one family per slice, pointing at the slices' print copies, and the
    font stack for lang). Only slices that can draw a character of text are included: a Chinese
    leaflet uses a few of the forty Chinese slices, and only those are converted and embedded."""
    faces = read_faces(css)
    used = {ord(char) for char in text}
    rules, stack = [], []
    for base in families_for(lang):
        for face in faces:
            if face.family != base or not face.file.is_file() or not (characters_of(face.file) & used):
                continue
            printed = print_slice(face.file, cache_dir, space_width(faces, face))
            body = FAMILY.sub(f'font-family: "{face.slice_family}";', face.body, count=1)
            body = SOURCE.sub(f'src: url("{printed.as_uri()}")', body, count=1)
            body = RANGE.sub(lambda m: f"unicode-range: {m['ranges'].strip()}, U+20, U+A0;", body, count=1)
            rules.append("@font-face {" + body + "}")
            if face.slice_family not in stack:
                stack.append(face.slice_family)
    return "\n".join(rules), tuple(stack)


def slug_font(css: Path, cache_dir: Path) -> Path:
    """The print copy of the regular Latin face, which sets the slug line of the marks."""
    for face in read_faces(css):
        if face.family == DEFAULT_FAMILIES[0] and face.weight == 400 and face.style == "normal" and ord("A") in characters_of(face.file):
            return print_slice(face.file, cache_dir, space_width_of(face.file))
    raise LookupError(f"{css} has no regular {DEFAULT_FAMILIES[0]} face with Latin letters")


def space_width(faces: list[FontFace], face: FontFace) -> int:
    """The word space a slice without one gets: the Latin face's of the same weight and style,
    so that spaces in a Korean line are as wide as in the Latin words beside it."""
    for latin in faces:
        if latin.family == DEFAULT_FAMILIES[0] and latin.weight == face.weight and latin.style == face.style and 0x20 in characters_of(latin.file):
            return space_width_of(latin.file)
    return space_width_of(face.file)


def families_for(lang: str) -> tuple[str, ...]:
    return FAMILIES.get(lang.split("-")[0].split("_")[0], DEFAULT_FAMILIES)


def read_faces(css: Path) -> list[FontFace]:
    faces = []
    for match in FACE.finditer(css.read_text(encoding="utf-8")):
        family, source = FAMILY.search(match["body"]), SOURCE.search(match["body"])
        if family and source:
            faces.append(FontFace(family["name"].strip(), (css.parent / source["url"]).resolve(), match["body"]))
    return faces


@cache
def characters_of(font: Path) -> frozenset[int]:
    with TTFont(font, lazy=True) as face:
        return frozenset(face.getBestCmap() or {})


def coverage(css: Path, families: tuple[str, ...]) -> frozenset[int]:
    """Every code point at least one face of these families can draw."""
    wanted = set(families)
    covered: set[int] = set()
    for face in read_faces(css):
        if face.family in wanted and face.file.is_file():
            covered |= characters_of(face.file)
    return frozenset(covered)


def missing_characters(text: str, covered: frozenset[int]) -> list[str]:
    """Characters of text no font can draw, in order of first appearance."""
    missing: dict[str, None] = {}
    for char in text:
        if char in INVISIBLE or char.isspace() or ord(char) in covered:
            continue
        missing.setdefault(char)
    return list(missing)


def describe(char: str) -> str:
    name = unicodedata.name(char, "unnamed character")
    return f"'{char}' (U+{ord(char):04X} {name})"
