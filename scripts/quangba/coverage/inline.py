"""Inline Markdown of one block: its links and images, its {{ placeholders }}, the words a
reader sees, and (for the XLIFF export) the text cut into words and markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

TEXT = "text"
OPEN = "open"  # '[' or '![' of a link or image
CLOSE = "close"  # '](target)' or '][ref]'
CODE = "code"  # anything else a translator must keep as it is: `code`, <b>, **, {{ x }} ...

TOKENS = re.compile(
    r"""
    (?P<code>(?P<ticks>`+).+?(?P=ticks))
  | (?P<macro>\{\{.*?\}\}|\{%.*?%\})
  | (?P<autolink><(?:https?|mailto|ftp):[^>\s]+>)
  | (?P<html><!--.*?-->|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>)
  | (?P<image>!\[)
  | (?P<footnote>\[\^[^\]\s]+\])
  | (?P<open>\[)
  | (?P<close>\]\(\s*(?P<target><[^>]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\))
  | (?P<refclose>\]\[(?P<ref>[^\]]*)\])
  | (?P<bracket>\])
  | (?P<attrs>\{:?[ \t]*[#.\w][^{}]*\}(?=\s|$))
  | (?P<emphasis>\*+|(?<!\w)_+|_+(?!\w)|~~)
  | (?P<escape>\\[\\`*_{}\[\]()#+\-.!|<>])
    """,
    re.VERBOSE,
)
SPECIAL = re.compile(r"[\[`{<*_\\~]")
HREF = re.compile(r"""\b(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


@dataclass(slots=True)
class Link:
    target: str  # the URL or path as written, or the reference id when `ref` is set
    text: str  # link text, or an image's alt text
    pos: int  # offset in the block text of the opening bracket
    image: bool = False
    ref: bool = False  # [text][id]: target is a reference id to resolve


@dataclass(slots=True)
class Inline:
    plain: str  # what a reader sees: markup, URLs and code removed; link text and alt text kept
    links: list[Link] = field(default_factory=list)
    macros: list[str] = field(default_factory=list)  # {{ ... }} and {% ... %}, whitespace-normalized
    pieces: list[tuple[str, str]] = field(default_factory=list)  # (TEXT|OPEN|CLOSE|CODE, source text)


def scan(text: str, want_pieces: bool = False) -> Inline:
    """Cut a block's Markdown into what readers see and the markup around it."""
    if not SPECIAL.search(text):
        return Inline(text, pieces=[(TEXT, text)] if want_pieces else [])
    pieces: list[list[Any]] = []  # [kind, source, plain] (+ the start offset of an opener)
    openers: list[int] = []  # indexes in pieces of '[' and '![' not closed yet
    links: list[Link] = []
    macros: list[str] = []
    position = 0
    for match in TOKENS.finditer(text):
        if match.start() > position:
            chunk = text[position : match.start()]
            pieces.append([TEXT, chunk, chunk])
        position = match.end()
        kind = match.lastgroup
        source = match.group(0)
        if kind in ("image", "open"):
            openers.append(len(pieces))
            pieces.append([OPEN, source, "", match.start()])
        elif kind in ("close", "refclose"):
            if not openers:
                pieces.append([TEXT, source, source])
                continue
            opener = openers.pop()
            image = pieces[opener][1] == "!["
            label = "".join(piece[2] for piece in pieces[opener + 1 :])
            if kind == "close":
                target = match.group("target").strip("<>")
                links.append(Link(target, label, pieces[opener][3], image))
            else:
                ref = match.group("ref").strip() or label
                links.append(Link(" ".join(ref.lower().split()), label, pieces[opener][3], image, ref=True))
            pieces.append([CLOSE, source, ""])
        elif kind == "bracket":  # closes a plain [bracket], so an outer [link] pairs correctly
            if openers:
                opener = openers.pop()
                pieces[opener][0] = TEXT
                pieces[opener][2] = pieces[opener][1]
            pieces.append([TEXT, source, source])
        elif kind == "macro":
            macros.append(macro_key(source))
            pieces.append([CODE, source, " "])
        elif kind == "autolink":
            links.append(Link(source[1:-1], source[1:-1], match.start()))
            pieces.append([CODE, source, " "])
        elif kind == "html":
            html_links(source, match.start(), links)
            pieces.append([CODE, source, ""])
        elif kind == "code":
            pieces.append([CODE, source, " "])
        elif kind == "escape":
            pieces.append([TEXT, source, source[1]])
        else:  # emphasis, attribute lists, footnote references
            pieces.append([CODE, source, ""])
    if position < len(text):
        chunk = text[position:]
        pieces.append([TEXT, chunk, chunk])
    for opener in openers:  # a '[' never closed is just a bracket
        pieces[opener][0] = TEXT
        pieces[opener][2] = pieces[opener][1]
    links.sort(key=lambda link: link.pos)
    plain = "".join(piece[2] for piece in pieces)
    return Inline(plain, links, macros, merged(pieces) if want_pieces else [])


def macro_key(source: str) -> str:
    """{{fact.area}} and {{ fact.area }} are the same placeholder."""
    opening, closing = source[:2], source[-2:]
    return f"{opening} {' '.join(source[2:-2].split())} {closing}"


def merged(pieces: list[list]) -> list[tuple[str, str]]:
    """Adjacent text pieces joined (escapes and unclosed brackets split them)."""
    out: list[tuple[str, str]] = []
    for piece in pieces:
        kind, source = piece[0], piece[1]
        if out and kind == TEXT and out[-1][0] == TEXT:
            out[-1] = (TEXT, out[-1][1] + source)
        else:
            out.append((kind, source))
    return out


def html_links(html: str, pos: int, links: list[Link]) -> None:
    """Links and images written as HTML tags (<a href>, <img src alt>)."""
    image = html[:4].lower() == "<img"
    for match in HREF.finditer(html):
        target = next(group for group in match.groups()[1:] if group is not None)
        alt = ""
        if image:
            found = ALT.search(html)
            alt = next((g for g in found.groups() if g is not None), "") if found else ""
        links.append(Link(target, alt, pos, image=image and match.group(1).lower() == "src"))


def html_block_links(html: str) -> list[Link]:
    """Links and images inside a raw HTML block."""
    links: list[Link] = []
    for match in re.finditer(r"<(?:a|img|source|iframe)\b[^>]*>", html, re.IGNORECASE):
        html_links(match.group(0), match.start(), links)
    return links
