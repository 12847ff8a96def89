"""What the checks compare in one page file: its headings, links, images, placeholders, tables,
admonitions, code blocks and text units (with lines), read once and shared by every language.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from posixpath import normpath
from urllib.parse import unquote, urlsplit

from quangba.coverage import blocks, inline
from quangba.coverage.figures import Figure, reader
from quangba.coverage.glossary import fold
from quangba.coverage.textstats import size
from quangba.leaflets import PANEL_MARKER

IDENTICAL_MIN_WORDS = 4  # shorter identical texts are usually names, figures or codes

DIGIT = re.compile(r"\d")
SEPARATOR = "\n\x00\n"  # between text units: a line break no pattern matches across
META_LINE = re.compile(r"^(title|description)[ \t]*:", re.MULTILINE)


@dataclass(slots=True)
class Unit:
    """A piece of text a translator translates: a heading, paragraph, list item, table cell,
    admonition title, footnote, or the front matter's title or description."""

    kind: str
    line: int
    plain: str  # what readers see: the Markdown without its markup

    def line_at(self, pos: int) -> int:
        return self.line + self.plain.count("\n", 0, pos)


@dataclass(slots=True)
class Target:
    """A link or image target, as written and as compared."""

    written: str
    key: str  # normalized: no #fragment, percent-decoding, ./ removed, host in lower case
    line: int
    image: bool
    alt: str = ""


@dataclass
class PageFacts:
    lang: str
    units: list[Unit] = field(default_factory=list)
    headings: list[tuple[int, int]] = field(default_factory=list)  # (level, line)
    targets: list[Target] = field(default_factory=list)
    macros: list[tuple[str, int]] = field(default_factory=list)  # ({{ x }}, line)
    tables: list[tuple[int, int]] = field(default_factory=list)  # (rows, line)
    admonitions: list[int] = field(default_factory=list)  # lines
    code_blocks: list[int] = field(default_factory=list)  # lines
    has_meta: dict[str, int] = field(default_factory=dict)  # front matter key -> line
    _found: dict = field(default_factory=dict)  # pattern -> offset of its first match or -1

    @cached_property
    def joined(self) -> tuple[str, list[int]]:
        """The text units joined by SEPARATOR (which no figure or name pattern can cross), and
        where each starts: one scan of the page instead of one per unit."""
        starts = []
        position = 0
        for unit in self.units:
            starts.append(position)
            position += len(unit.plain) + len(SEPARATOR)
        return SEPARATOR.join(unit.plain for unit in self.units), starts

    @property
    def plain(self) -> str:
        return self.joined[0]

    @cached_property
    def size(self) -> int:
        return size(self.plain.replace(SEPARATOR, " "), self.lang)

    @cached_property
    def folded(self) -> str:
        """The joined text as glossary patterns search it (same length when folding keeps it)."""
        folded = fold(self.plain)
        if len(folded) != len(self.plain):  # a letter whose lower case is longer: fold unit by unit
            folded = SEPARATOR.join(fold(unit.plain)[: len(unit.plain)].ljust(len(unit.plain)) for unit in self.units)
        return folded

    def line_of(self, pos: int) -> int | None:
        """The file line of an offset in the joined (or folded) text."""
        _, starts = self.joined
        index = bisect_right(starts, pos) - 1
        if index < 0:
            return None
        return self.units[index].line_at(pos - starts[index])

    def find(self, pattern: re.Pattern) -> int:
        """Offset of the first match of a glossary pattern in the folded text, or -1; cached,
        as a source page is searched once per language."""
        if pattern not in self._found:
            match = pattern.search(self.folded)
            self._found[pattern] = match.start() if match else -1
        return self._found[pattern]

    def count(self, pattern: re.Pattern) -> int:
        return len(pattern.findall(self.folded)) if self.find(pattern) >= 0 else 0

    @cached_property
    def identical_keys(self) -> dict[str, int]:
        """Text units long enough that a translation repeating one is suspect: normalized text -> line."""
        keys: dict[str, int] = {}
        folded = self.folded
        for unit, start in zip(self.units, self.joined[1], strict=True):
            key = " ".join(folded[start : start + len(unit.plain)].split())
            if key.count(" ") + 1 >= IDENTICAL_MIN_WORDS:
                keys.setdefault(key, unit.line)
        return keys

    @cached_property
    def figures(self) -> list[Figure]:
        """Numbers, dates and times (positions in the joined text: see line_of())."""
        text = self.plain
        return reader(self.lang).read(text) if DIGIT.search(text) else []


def analyze(text: str, body_start: int, meta: dict, lang: str) -> PageFacts:
    """Read a page file's structure and text (text is the whole file, body_start where the
    Markdown after the front matter begins)."""
    facts = PageFacts(lang)
    meta_lines = {match.group(1): text.count("\n", 0, match.start()) + 1 for match in META_LINE.finditer(text, 0, body_start)}
    for key in ("title", "description"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            line = meta_lines.get(key, 1)
            facts.has_meta[key] = line
            facts.units.append(Unit(key, line, inline.scan(value).plain))
    references: dict[str, str] = {}
    pending: list[tuple[inline.Link, int]] = []
    for block in blocks.parse(text, body_start):
        kind = block.kind
        if kind == blocks.HEADING:
            facts.headings.append((block.level, block.line))
        elif kind == blocks.TABLE:
            facts.tables.append((block.level, block.line))
            continue
        elif kind == blocks.CODE:
            facts.code_blocks.append(block.line)
            continue
        elif kind == blocks.REFDEF:
            references.setdefault(block.label, block.text)
            continue
        elif kind == blocks.HTML:
            # A leaflet's panel markers are compared like placeholders: translators copy them unchanged.
            for marker in PANEL_MARKER.finditer(block.text):
                facts.macros.append((f"<!-- panel: {marker['name']} -->", block.line + block.text.count("\n", 0, marker.start())))
            for link in inline.html_block_links(block.text):
                pending.append((link, block.line + block.text.count("\n", 0, link.pos)))
            continue
        elif kind == blocks.ADMONITION:
            facts.admonitions.append(block.line)
            if not block.text:
                continue
        if not inline.SPECIAL.search(block.text):  # plain prose: nothing to take apart
            facts.units.append(Unit(kind, block.line, block.text))
            continue
        scanned = inline.scan(block.text)
        for link in scanned.links:
            pending.append((link, block.line + block.text.count("\n", 0, link.pos)))
        for macro in scanned.macros:
            facts.macros.append((macro, block.line))
        facts.units.append(Unit(kind, block.line, scanned.plain))
    for link, line in pending:
        written_target = references.get(link.target) if link.ref else link.target
        if written_target is None:
            continue  # [text][id] without a definition is plain text to Markdown too
        target = target_key(written_target)
        if target is not None:
            facts.targets.append(Target(written_target, target, line, link.image, link.text))
    return facts


def target_key(target: str) -> str | None:
    """A link target as compared between languages; None for links to a heading on the same
    page (heading ids are made from the heading text, so they differ by language)."""
    target = target.strip()
    if not target or target.startswith("#"):
        return None
    parts = urlsplit(target)
    if parts.scheme and parts.scheme not in ("file",):
        netloc = parts.netloc.lower()
        path = unquote(parts.path).rstrip("/") if netloc else unquote(parts.path)
        query = f"?{parts.query}" if parts.query else ""
        return f"{parts.scheme.lower()}:{'//' if netloc else ''}{netloc}{path}{query}"
    path = unquote(parts.path)
    return normpath(path) if path else None
