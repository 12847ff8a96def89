"""A page cut into translation segments (front-matter title and description, headings,
paragraphs, list items, table cells, admonition titles, footnotes) and the skeleton around them:
the page's Markdown with each segment replaced by a numbered marker, so that putting translated
segments back gives a page with exactly the source's structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quangba.coverage import blocks, inline

MARKER = "\ue000{}\ue001"  # private-use characters: never typed in a page
MARKERS = re.compile("\ue000([^\ue001]+)\ue001")
LETTER = re.compile(r"[^\W\d_]")
FRONT_MATTER_KEYS = ("title", "description")
SINGLE_LINE = frozenset({"title", "description", blocks.HEADING, blocks.CELL, blocks.ADMONITION})


@dataclass
class Segment:
    id: str
    kind: str  # title, description, heading, paragraph, item, cell, admonition, footnote
    line: int
    pieces: list[tuple[str, str]]  # inline.TEXT / OPEN / CLOSE / CODE pieces of the source text


@dataclass
class Skeleton:
    front_matter: str  # the source's front matter (YAML between the --- lines), "" if none
    body: str  # the Markdown after the front matter, segments replaced by MARKER


def cut(text: str, body_start: int, meta: dict, front_matter: str) -> tuple[list[Segment], Skeleton]:
    """Segments and skeleton of a source page (text is the whole file)."""
    segments: list[Segment] = []
    for key in FRONT_MATTER_KEYS:
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            found = re.search(rf"^{key}[ \t]*:", front_matter, re.MULTILINE)
            line = 2 + front_matter.count("\n", 0, found.start()) if found else 1
            segments.append(Segment(key, key, line, [(inline.TEXT, " ".join(value.split()))]))
    regions: list[tuple[int, int, str]] = []
    number = 0
    for block in blocks.parse(text, body_start):
        if block.kind not in blocks.TRANSLATABLE or not block.text.strip():
            continue
        pieces = inline.scan(" ".join(block.text.split("\n")), want_pieces=True).pieces
        if not any(kind == inline.TEXT and LETTER.search(source) for kind, source in pieces):
            continue  # nothing to translate: a figure, a placeholder, an image without alt text
        number += 1
        segment_id = str(number)
        segments.append(Segment(segment_id, block.kind, block.line, pieces))
        regions.append((block.start, block.end, segment_id))
    body = text
    for start, end, segment_id in sorted(regions, reverse=True):
        body = body[:start] + MARKER.format(segment_id) + body[end:]
    return segments, Skeleton(front_matter, body[body_start:])


def fill(skeleton_body: str, translations: dict[str, str], kinds: dict[str, str]) -> str:
    """The skeleton with each marker replaced by its translated Markdown."""

    def replace(match: re.Match) -> str:
        segment_id = match.group(1)
        text = translations[segment_id].strip()
        kind = kinds.get(segment_id, blocks.PARAGRAPH)
        if kind in SINGLE_LINE:
            text = " ".join(text.split())
        if kind == blocks.CELL:
            text = re.sub(r"(?<!\\)\|", r"\\|", text)
        line_start = skeleton_body.rfind("\n", 0, match.start()) + 1
        continuation = blocks.CONTINUATION.sub(" ", skeleton_body[line_start : match.start()])
        return text.replace("\n", "\n" + continuation)

    return MARKERS.sub(replace, skeleton_body)


def markers(skeleton_body: str) -> list[str]:
    return MARKERS.findall(skeleton_body)
