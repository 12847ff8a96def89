"""The project's fonts (the catalog, assets/fonts/fonts.css) as a leaflet prints them.

The catalog's faces come in slices (Latin, Latin Extended, Vietnamese) and as big sources (a
Chinese or Korean face of thousands of characters), which a leaflet cuts to the characters it
prints. WeasyPrint names a PDF font after its family, weight and style only, so two slices of
one family would share a name and mix their glyphs up (Korean text printed with the wrong
syllables). The leaflets therefore give every slice its own family ("Noto Sans latin-ext") and
list the slices one after the other in the font stack.

The leaflets use only these fonts, in their print copies (quangba.fonts.print_slice: TrueType
outlines that every PDF renderer draws, with a word space in every slice), and only the slices
whose characters the leaflet uses. A character none of a text's fonts has would be drawn by
whatever font the machine happens to have, or as an empty box; the build catches that before
the print shop does, by reading each font's character map.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from quangba.fonts import FontFace, cut, format_ranges, print_slice, read_catalog, space_width_of

LATIN_FAMILY = "Noto Sans"  # the text face: its space is every slice's space, it sets the slug
# Drawn without a glyph: spaces and line-breaking controls.
INVISIBLE = {"\n", "\t", "\r", "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
SLICE = re.compile(r"-(?:\d{3}[ni]?)(?=-|\.|$)")  # the weight/style part of noto-sans-700n-latin.woff2


def slice_family(face: FontFace) -> str:
    """'Noto Sans latin-ext' for noto-sans-400n-latin-ext.woff2: shared by the weights of one slice."""
    assert face.file is not None
    family_slug = face.family.lower().replace(" ", "-")
    stem = SLICE.sub("", face.file.name.split(".")[0])
    rest = stem[len(family_slug) :].strip("-") if stem.startswith(family_slug) else stem
    # Pango reads a final number as a size ("Noto Sans KR 03" would be size 3): say "part03".
    return f"{face.family} {'part' + rest if rest.isdigit() else rest}".strip()


def print_fonts(css: Path, lang: str, text: str, cache_dir: Path) -> tuple[str, tuple[str, ...]]:
    """(@font-face rules with one family per slice, pointing at the slices' print copies, and the
    font stack for lang). Only faces that can draw a character of text are included, a source
    face cut to those characters: a Chinese leaflet embeds the few hundred hanzi it prints."""
    catalog = read_catalog(css)
    used = {ord(char) for char in text}
    rules, stack = [], []
    for base in catalog.web_families(lang):
        for face in catalog.faces_of(base):
            drawn = face.characters() & used if face.file is not None and face.file.is_file() else set()
            if not drawn:
                continue
            assert face.file is not None
            source = cut(face.file, drawn, cache_dir, flavor=None) if face.is_source else face.file
            printed = print_slice(source, cache_dir, space_width(catalog.faces, face))
            ranges = format_ranges(drawn if face.is_source or face.unicode_range is None else face.unicode_range)
            family = slice_family(face)
            rules.append(
                f'@font-face {{ font-family: "{family}"; font-weight: {face.weight}; font-style: {face.style}; '
                f'src: url("{printed.as_uri()}"); unicode-range: {ranges}, U+20, U+A0; }}'
            )
            if family not in stack:
                stack.append(family)
    return "\n".join(rules), tuple(stack)


def slug_font(css: Path, cache_dir: Path) -> Path:
    """The print copy of the regular Latin face, which sets the slug line of the marks."""
    for face in read_catalog(css).faces_of(LATIN_FAMILY):
        if face.file is not None and face.weight == 400 and face.style == "normal" and ord("A") in face.characters():
            return print_slice(face.file, cache_dir, space_width_of(face.file))
    raise LookupError(f"{css} has no regular {LATIN_FAMILY} face with Latin letters")


def space_width(faces: tuple[FontFace, ...], face: FontFace) -> int:
    """The word space a slice without one gets: the Latin face's of the same weight and style,
    so that spaces in a Korean line are as wide as in the Latin words beside it."""
    for latin in faces:
        if latin.family == LATIN_FAMILY and latin.file is not None and latin.weight == face.weight and latin.style == face.style and 0x20 in latin.characters():
            return space_width_of(latin.file)
    assert face.file is not None
    return space_width_of(face.file)


def families_for(css: Path, lang: str) -> tuple[str, ...]:
    return read_catalog(css).web_families(lang)


def coverage(css: Path, families: tuple[str, ...]) -> frozenset[int]:
    """Every code point at least one face of these families can draw."""
    catalog = read_catalog(css)
    return frozenset().union(*(face.characters() for family in families for face in catalog.faces_of(family)))


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
