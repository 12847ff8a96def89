"""A Markdown page cut into blocks (headings, paragraphs, list items, table cells ...) with the
exact place of each in the file.

Written by hand rather than with markdown-it-py for two reasons: the checks and the XLIFF
export need character offsets (markdown-it gives only line ranges), and the site's dialect
(Python-Markdown with admonitions, details, tables, attr_list) is not CommonMark: an admonition
body is indented four spaces, which CommonMark reads as a code block. It is also about ten times
faster, which keeps a 4,000-file check under the time budget. It recognises what the checks need
and leaves everything else as untouched text around the blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING = "heading"
PARAGRAPH = "paragraph"
ITEM = "item"  # a list item's first paragraph
CELL = "cell"  # a table cell (header cells too)
ADMONITION = "admonition"  # an admonition or details block; text is its quoted title ("" if none)
CODE = "code"
TABLE = "table"  # level: number of rows, header row included
HTML = "html"
FOOTNOTE = "footnote"
REFDEF = "refdef"  # [id]: target; text is the target, level unused
TRANSLATABLE = frozenset({HEADING, PARAGRAPH, ITEM, CELL, ADMONITION, FOOTNOTE})


@dataclass(slots=True)
class Block:
    kind: str
    line: int  # 1-based line in the file where the block starts
    text: str  # the block's Markdown, container prefixes removed, lines joined by "\n"
    start: int  # offset in the file of the text's first character
    end: int  # offset just after its last character
    level: int = 0  # heading level; table: rows; cell: row number (0 = header)
    label: str = ""  # refdef: the reference id; admonition: its type (note, tip ...)


@dataclass(slots=True)
class Line:
    no: int  # 1-based line number in the file
    start: int  # offset in the file of text[0]
    text: str  # the line without its container prefix and without the line break


ATX = re.compile(r"(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
FENCE = re.compile(r"(`{3,}|~{3,})")
ADMONITION_START = re.compile(r'(!!!|\?\?\?\+?)[ \t]+([\w-]+)(?:[ \t]+"(.*)")?[ \t]*$')
TAB_START = re.compile(r'===\+?[ \t]+"(.*)"[ \t]*$')
TABLE_SEPARATOR = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
RULE = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
LIST_ITEM = re.compile(r"( {0,3})([-*+]|\d{1,9}[.)])([ \t]+|$)")
PARAGRAPH_BREAKING_ITEM = re.compile(r" {0,3}(?:[-*+]|1[.)])[ \t]+\S")
HTML_START = re.compile(r"<(?:[A-Za-z][\w-]*(?:[\s/>]|$)|/[A-Za-z]|!--)")
FOOTNOTE_DEF = re.compile(r"\[\^([^\]]+)\]:[ \t]*")
REFERENCE_DEF = re.compile(r"\[([^\]^][^\]]*)\]:[ \t]*<?([^\s>]+)>?")
ATTR_OR_ABBREVIATION = re.compile(r"(?:\{:?[^}]*\}|\*\[[^\]]+\]:.*)[ \t]*$")
SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
CONTINUATION = re.compile(r"[^\s>]")  # turns a line's container prefix into its continuation indent
# A line starting with none of these characters (after indentation) is a paragraph line, unless it
# is the header row of a table: most lines are, and this spares them a dozen regex tests.
MARKUP_FIRST = frozenset("#`~!?=|-*+_><[{:0123456789")


def parse(text: str, body_start: int = 0) -> list[Block]:
    """The blocks of the Markdown in text[body_start:], in reading order."""
    scanner = Scanner(text)
    scanner.scan(split_lines(text, body_start))
    return scanner.blocks


def split_lines(text: str, start: int) -> list[Line]:
    lines = []
    number = text.count("\n", 0, start) + 1
    for raw in text[start:].split("\n"):
        lines.append(Line(number, start, raw[:-1] if raw.endswith("\r") else raw))
        start += len(raw) + 1
        number += 1
    return lines


def indent_of(text: str) -> int:
    columns = 0
    for char in text:
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        else:
            break
    return columns


def dedent(line: Line, columns: int) -> Line:
    """The line with up to `columns` columns of leading whitespace removed (tabs count as 4)."""
    removed = 0
    cut = 0
    text = line.text
    while cut < len(text) and removed < columns and text[cut] in " \t":
        removed += 1 if text[cut] == " " else 4 - removed % 4
        cut += 1
    return Line(line.no, line.start + cut, text[cut:]) if cut else line


def lstripped(line: Line) -> Line:
    body = line.text.lstrip(" \t")
    return Line(line.no, line.start + len(line.text) - len(body), body)


def is_blank(line: Line) -> bool:
    return not line.text.strip()


class Scanner:
    def __init__(self, source: str):
        self.source = source
        self.blocks: list[Block] = []

    def emit(self, kind: str, lines: list[Line], level: int = 0, label: str = "") -> None:
        first = lines[0]
        last = lines[-1]
        text = first.text.rstrip() if len(lines) == 1 else "\n".join([first.text.rstrip()] + [line.text.strip() for line in lines[1:]])
        self.blocks.append(Block(kind, first.no, text, first.start, last.start + len(last.text.rstrip()), level, label))

    def scan(self, lines: list[Line], first_paragraph: str = PARAGRAPH) -> None:
        """Blocks of one container (the page, an admonition body, a list item ...)."""
        i = 0
        n = len(lines)
        while i < n:
            line = lines[i]
            if is_blank(line):
                i += 1
                continue
            if line.text[0] in " \t":
                if indent_of(line.text) >= 4:
                    i = self.indented_code(lines, i)
                    continue
                body = lstripped(line)
            else:
                body = line
            text = body.text
            if text[0] not in MARKUP_FIRST and not ("|" in text and i + 1 < n and is_table_separator(lines[i + 1].text)):
                i = self.paragraph(lines, i, body, first_paragraph)
                first_paragraph = PARAGRAPH
                continue
            if match := FENCE.match(text):
                i = self.fenced_code(lines, i, match.group(1))
            elif match := ATX.match(text):
                heading = CLOSING_HASHES.sub("", match.group(2) or "")
                start = body.start + (match.start(2) if match.group(2) else len(text))
                self.blocks.append(Block(HEADING, line.no, heading, start, start + len(heading), len(match.group(1))))
                i += 1
            elif match := ADMONITION_START.match(text):
                i = self.admonition(lines, i, body, match)
            elif match := TAB_START.match(text):
                i = self.admonition(lines, i, body, match, tab=True)
            elif "|" in text and i + 1 < n and is_table_separator(lines[i + 1].text):
                i = self.table(lines, i)
            elif RULE.match(text):
                i += 1
            elif match := LIST_ITEM.match(line.text):
                i = self.list_item(lines, i, match)
            elif text.startswith(">"):
                i = self.blockquote(lines, i)
            elif HTML_START.match(text):
                end = i
                while end < n and not is_blank(lines[end]):
                    end += 1
                self.emit(HTML, [body, *lines[i + 1 : end]])
                i = end
            elif match := FOOTNOTE_DEF.match(text):
                i = self.container_item(lines, i, Line(line.no, body.start + match.end(), text[match.end() :]), 4, FOOTNOTE)
            elif match := REFERENCE_DEF.match(text):
                self.blocks.append(
                    Block(REFDEF, line.no, match.group(2), body.start + match.start(2), body.start + match.end(2), 0, match.group(1).strip().lower())
                )
                i += 1
            elif ATTR_OR_ABBREVIATION.match(text):
                i += 1
            else:
                i = self.paragraph(lines, i, body, first_paragraph)
                first_paragraph = PARAGRAPH
                continue
            first_paragraph = PARAGRAPH

    def indented_code(self, lines: list[Line], i: int) -> int:
        end = i + 1
        while end < len(lines) and (is_blank(lines[end]) or indent_of(lines[end].text) >= 4):
            end += 1
        last = end
        while is_blank(lines[last - 1]):
            last -= 1
        self.emit(CODE, lines[i:last])
        return end

    def fenced_code(self, lines: list[Line], i: int, fence: str) -> int:
        end = i + 1
        closing = re.compile(rf"[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        while end < len(lines) and not closing.match(lines[end].text):
            end += 1
        self.emit(CODE, [lstripped(lines[i]), *lines[i + 1 : end + 1]])
        return end + 1

    def admonition(self, lines: list[Line], i: int, body: Line, match: re.Match, tab: bool = False) -> int:
        title_group = 1 if tab else 3
        title = match.group(title_group)
        if title is not None:
            start = body.start + match.start(title_group)
            self.blocks.append(Block(ADMONITION, body.no, title, start, start + len(title), 0, "tab" if tab else match.group(2)))
        else:
            self.blocks.append(Block(ADMONITION, body.no, "", body.start, body.start, 0, match.group(2)))
        end = i + 1
        while end < len(lines) and (is_blank(lines[end]) or indent_of(lines[end].text) >= 4):
            end += 1
        while end > i + 1 and is_blank(lines[end - 1]):
            end -= 1
        self.scan([dedent(line, 4) for line in lines[i + 1 : end]])
        return end

    def table(self, lines: list[Line], i: int) -> int:
        end = i + 2
        while end < len(lines) and not is_blank(lines[end]) and "|" in lines[end].text:
            end += 1
        rows = [lines[i], *lines[i + 2 : end]]
        self.blocks.append(Block(TABLE, lines[i].no, "", lines[i].start, lines[end - 1].start + len(lines[end - 1].text), len(rows)))
        for number, row in enumerate(rows):
            for start, cell in table_cells(row.text):
                self.blocks.append(Block(CELL, row.no, cell, row.start + start, row.start + start + len(cell), number))
        return end

    def list_item(self, lines: list[Line], i: int, match: re.Match) -> int:
        line = lines[i]
        marker_end = match.end()
        content_column = marker_end if line.text[marker_end:].strip() else len(match.group(1)) + len(match.group(2)) + 1
        first = Line(line.no, line.start + marker_end, line.text[marker_end:])
        return self.container_item(lines, i, first, content_column, ITEM)

    def container_item(self, lines: list[Line], i: int, first: Line, column: int, kind: str) -> int:
        """A list item or footnote: its first line, the lines indented under it, lazy continuations."""
        item = [first]
        end = i + 1
        n = len(lines)
        while end < n:
            line = lines[end]
            if is_blank(line):
                following = end + 1
                while following < n and is_blank(lines[following]):
                    following += 1
                if following < n and indent_of(lines[following].text) >= column:
                    item.extend(dedent(blank, column) for blank in lines[end:following])
                    end = following
                    continue
                break
            if indent_of(line.text) >= column:
                item.append(dedent(line, column))
            elif LIST_ITEM.match(line.text):
                break  # the next item of the same list
            elif not is_blank(item[-1]) and not starts_block(line.text):
                item.append(lstripped(line))  # a lazy continuation of the item's paragraph
            else:
                break
            end += 1
        self.scan(item, first_paragraph=kind)
        return end

    def blockquote(self, lines: list[Line], i: int) -> int:
        quoted = []
        end = i
        while end < len(lines) and not is_blank(lines[end]):
            line = lstripped(lines[end])
            if line.text.startswith(">"):
                cut = 2 if line.text.startswith("> ") else 1
                line = Line(line.no, line.start + cut, line.text[cut:])
            quoted.append(line)
            end += 1
        self.scan(quoted)
        return end

    def paragraph(self, lines: list[Line], i: int, first: Line, kind: str) -> int:
        end = i + 1
        n = len(lines)
        if end == n or not lines[end].text.strip():  # most paragraphs are one line
            text = first.text.rstrip()
            self.blocks.append(Block(kind, first.no, text, first.start, first.start + len(text)))
            return end
        while end < n:
            text = lines[end].text
            if not text.strip():
                break
            if text.lstrip()[:1] in ("=", "-") and SETEXT.match(text) and "|" not in text:
                level = 1 if text.strip().startswith("=") else 2
                self.emit(HEADING, [first] + [lstripped(line) for line in lines[i + 1 : end]], level)
                return end + 1
            if starts_block(text):
                break
            end += 1
        self.emit(kind, [first] + [lstripped(line) for line in lines[i + 1 : end]])
        return end


def is_table_separator(text: str) -> bool:
    return "-" in text and bool(TABLE_SEPARATOR.match(text))


def starts_block(text: str) -> bool:
    """Whether a line opens a block that interrupts a paragraph."""
    body = text.lstrip(" \t")
    if not body or body[0] not in MARKUP_FIRST or indent_of(text) >= 4:
        return False
    return bool(
        ATX.match(body)
        or FENCE.match(body)
        or ADMONITION_START.match(body)
        or body.startswith(">")
        or (RULE.match(body) and not body.startswith("-"))
        or HTML_START.match(body)
        or (LIST_ITEM.match(text) and PARAGRAPH_BREAKING_ITEM.match(text))
    )


def table_cells(row: str) -> list[tuple[int, str]]:
    """(offset in row, text) of each cell: split on '|' outside code spans and not escaped."""
    cells: list[tuple[int, str]] = []
    start = 0
    ticks = 0
    i = 0
    bounds = []
    while i < len(row):
        char = row[i]
        if char == "\\":
            i += 2
            continue
        if char == "`":
            run = len(row[i:]) - len(row[i:].lstrip("`"))
            ticks = 0 if ticks == run else (run if ticks == 0 else ticks)
            i += run
            continue
        if char == "|" and not ticks:
            bounds.append((start, i))
            start = i + 1
        i += 1
    bounds.append((start, len(row)))
    if bounds and not row[bounds[0][0] : bounds[0][1]].strip() and row.lstrip().startswith("|"):
        bounds = bounds[1:]
    if bounds and not row[bounds[-1][0] : bounds[-1][1]].strip() and row.rstrip().endswith("|"):
        bounds = bounds[:-1]
    for left, right in bounds:
        raw = row[left:right]
        text = raw.strip()
        cells.append((left + len(raw) - len(raw.lstrip()), text))
    return cells
