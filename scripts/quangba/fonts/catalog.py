"""The project's fonts as its catalog, assets/fonts/fonts.css, declares them (read with tinycss2).

`quangba fonts` writes the catalog: an @font-face rule per font file, and the font stack of each
language (`html[lang="zh"] body { --md-text-font-family: … }`, `body { … }` for the others). The
site and the leaflets read it here, and nowhere else. Three kinds of face:

- published as they are: the Latin slices (a few dozen KB, tied by unicode-range);
- sources (their file lies in `source/`): Chinese and Korean faces of thousands of characters,
  never published whole; the site and the leaflets cut them to the characters they use;
- fallbacks (`src: local(…)` only): a system font with metrics overrides, so that text drawn in
  it while the web font loads takes the room the web font will take.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import tinycss2
from fontTools.ttLib import TTFont

from quangba.core.errors import Problem, QuangbaError
from quangba.fonts.ranges import parse_ranges

SOURCE_FOLDER = "source"
STACK_PROPERTY = "--md-text-font-family"
LANG_PRELUDE = re.compile(r'^html\[lang="?([\w-]+)"?\]\s+body$')
GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "system-ui", "cursive", "fantasy", "ui-sans-serif"}


@dataclass(frozen=True)
class FontFace:
    family: str
    file: Path | None  # None for a fallback (a local() system font)
    weight: int
    style: str
    unicode_range: frozenset[int] | None  # None: every character the file draws
    descriptors: str  # the rule's declarations as written, for copying it into other CSS

    @property
    def is_source(self) -> bool:
        return self.file is not None and self.file.parent.name == SOURCE_FOLDER

    @property
    def is_fallback(self) -> bool:
        return self.file is None

    def characters(self) -> frozenset[int]:
        """What the face can draw: its file's characters within its unicode-range."""
        return drawable(self.file, self.unicode_range) if self.file is not None else frozenset()


@dataclass(frozen=True)
class Catalog:
    path: Path
    faces: tuple[FontFace, ...]
    stacks: dict[str, tuple[str, ...]]  # language ('*': any other) -> families, generic ones included

    def stack(self, lang: str) -> tuple[str, ...]:
        return self.stacks.get(lang.split("-")[0].split("_")[0], self.stacks.get("*", ()))

    def web_families(self, lang: str) -> tuple[str, ...]:
        """The stack's families the catalog has files for, in order (not fallbacks, not generic)."""
        with_files = {face.family for face in self.faces if face.file is not None}
        return tuple(family for family in self.stack(lang) if family in with_files)

    def faces_of(self, family: str) -> list[FontFace]:
        return [face for face in self.faces if face.family == family]


def read_catalog(path: Path, shown: Path | None = None) -> Catalog:
    """The catalog at path (shown: how to name it in a message); QuangbaError if a face's file
    is missing."""
    rules = tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True)
    faces: list[FontFace] = []
    stacks: dict[str, tuple[str, ...]] = {}
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword == "font-face" and rule.content is not None:
            faces.append(font_face(rule.content, path.parent))
        elif rule.type == "qualified-rule":
            lang = stack_language(tinycss2.serialize(rule.prelude).strip())
            families = declared(rule.content).get(STACK_PROPERTY)
            if lang is not None and families is not None:
                stacks[lang] = family_list(families)
    missing = [face.file for face in faces if face.file is not None and not face.file.is_file()]
    if missing:
        where = shown or path
        raise QuangbaError([Problem(where, f"font file not found: {file.relative_to(path.parent.resolve())} (run quangba fonts)") for file in missing])
    return Catalog(path, tuple(faces), stacks)


def declared(content: list) -> dict[str, str]:
    """The declarations of a rule: name -> value as written."""
    found = {}
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            found[item.name if item.name.startswith("--") else item.lower_name] = tinycss2.serialize(item.value).strip()
    return found


def font_face(content: list, folder: Path) -> FontFace:
    values = declared(content)
    url = re.search(r"""url\(\s*["']?([^"')]+)["']?\s*\)""", values.get("src", ""))
    ranges = values.get("unicode-range")
    descriptors = "".join(f"{name}:{value};" for name, value in values.items())
    return FontFace(
        family=family_list(values.get("font-family", ""))[0] if values.get("font-family") else "",
        file=(folder / url[1]).resolve() if url else None,
        weight=int(values.get("font-weight", "400").split()[0]) if values.get("font-weight", "400").split()[0].isdigit() else 400,
        style=values.get("font-style", "normal"),
        unicode_range=frozenset(parse_ranges(ranges.replace(" ", ""))) if ranges else None,
        descriptors=descriptors,
    )


def stack_language(prelude: str) -> str | None:
    if prelude == "body":
        return "*"
    match = LANG_PRELUDE.match(prelude)
    return match[1] if match else None


def family_list(value: str) -> tuple[str, ...]:
    return tuple(name.strip().strip("\"'") for name in value.split(",") if name.strip())


def css_family_list(families: tuple[str, ...]) -> str:
    return ", ".join(name if name in GENERIC_FAMILIES else f'"{name}"' for name in families)


@cache
def drawable(font: Path, unicode_range: frozenset[int] | None) -> frozenset[int]:
    """Computed once per face: the build asks for each character of each page."""
    drawn = characters_of(font)
    return drawn if unicode_range is None else drawn & unicode_range


@cache
def characters_of(font: Path) -> frozenset[int]:
    with TTFont(font, lazy=True) as face:
        return frozenset(face.getBestCmap() or {})
