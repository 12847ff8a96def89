"""Hand-off to a translation agency as XLIFF 1.2, the exchange format every CAT tool reads.

One file per page. Each heading, paragraph, list item, table cell and admonition title is a
<trans-unit>, and so are the front matter's title and description. Markdown inside a segment
travels as XLIFF inline codes, which tools protect from editing: a link is
<bpt>[</bpt>text<ept>](target.md)</ept>, other markup (**, `code`, {{ fact.x }}, <br>) is <ph>.
The page's structure outside the segments is the skeleton (<skl><internal-file>), for CAT tools
that preview the page.

    <file original="tourism/index.md" source-language="vi" target-language="ko" datatype="x-markdown">
      <header>
        <skl><internal-file form="text/x-quangba-skeleton">…</internal-file></skl>
        <prop-group name="quangba"><prop prop-type="source-hash">…</prop><prop prop-type="export-id">…</prop></prop-group>
      </header>
      <body><trans-unit id="title" restype="x-title">…</trans-unit> …</body>
    </file>

The returned file is not trusted: import takes the page, the language, the skeleton and the
Markdown of every inline code from the project's export record (exports.py), found by the
export-id, and from the file only the text of the targets, refused when it holds markup.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from quangba import __version__
from quangba.core import frontmatter
from quangba.core.errors import Problem, QuangbaError
from quangba.core.files import write_text
from quangba.coverage import exports, inline, segments
from quangba.coverage.hashing import FIELD
from quangba.coverage.scan import PageFile, split_front_matter

NS = "urn:oasis:names:tc:xliff:document:1.2"
Q = f"{{{NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
ET.register_namespace("", NS)
SKELETON_FORM = "text/x-quangba-skeleton"
EXPORT_ID = "export-id"
NOTE = (
    "Translate the text of each unit. Keep the inline codes (links, bold, {{ placeholders }}) and move them "
    "where the translation needs them; do not change figures, link targets or official names from the glossary."
)
# What a target's own text (the codes masked) may not hold: markup and links only come from the
# source's inline codes, so that a returned file cannot put script or a new link into a page.
CODE_MASK = "\ue002"  # stands for an inline code while the text is checked
TYPED_MARKUP = (
    ("HTML markup", re.compile(r"<[A-Za-z/!?]")),
    ("an event handler (on…=)", re.compile(r"\bon[a-z]{3,}\s*=", re.IGNORECASE)),  # oncut= … onerror=; not "one ="
    ("a script or data URL", re.compile(r"\b(?:java|vb)script\s*:|\bdata:(?:[\w.+-]+/[\w.+-]+|[,;])", re.IGNORECASE)),
    ("Markdown link syntax", re.compile(r"\]\(|^[ \t]*\[[^\]\n]*\]:", re.MULTILINE)),
    ("a Markdown attribute list", re.compile(r"\{:?[ \t]*(?:[#.]|[\w-]+[ \t]*=)[^{}]*\}")),  # attr_list: {: style=…}
)


def front_matter_text(text: str) -> str:
    opening = frontmatter.OPENING.match(text)
    if not opening:
        return ""
    closing = frontmatter.CLOSING.search(text, opening.end())
    return text[opening.end() : closing.start()] if closing else ""


def cut_source(text: str, shown: Path) -> tuple[list[segments.Segment], segments.Skeleton]:
    """Units and skeleton of a source page: the one cut used by export and by import."""
    meta, body_start, problem = split_front_matter(shown, text)
    if problem is not None:
        raise QuangbaError([problem])
    return segments.cut(text, body_start, meta, front_matter_text(text))


@dataclass(frozen=True)
class Code:
    """An inline code as the export writes it."""

    tag: str  # bpt, ept or ph
    id: str
    markdown: str
    ctype: str | None = None  # link or image, for <bpt>


def coded(pieces: list[tuple[str, str]]) -> list[str | Code]:
    """A segment's pieces as XLIFF sees them: text, and inline codes numbered in order
    (an <ept> takes the id of its <bpt>)."""
    out: list[str | Code] = []
    code_id = 0
    open_links: list[str] = []
    for kind, source in pieces:
        if kind == inline.TEXT:
            out.append(source)
            continue
        code_id += 1
        if kind == inline.OPEN:
            open_links.append(str(code_id))
            out.append(Code("bpt", str(code_id), source, "link" if source == "[" else "image"))
        elif kind == inline.CLOSE and open_links:
            out.append(Code("ept", open_links.pop(), source))
        else:
            out.append(Code("ph", str(code_id), source))
    return out


def units_of(found: list[segments.Segment]) -> list[exports.Unit]:
    """The units of a page as the export record keeps them."""
    units = []
    for segment in found:
        codes = {(piece.tag, piece.id): piece.markdown for piece in coded(segment.pieces) if isinstance(piece, Code)}
        units.append(exports.Unit(segment.id, segment.kind, "".join(source for _, source in segment.pieces), codes))
    return units


def export_page(
    source: PageFile,
    found: list[segments.Segment],
    skeleton: segments.Skeleton,
    source_language: str,
    target_language: str,
    export_id: str,
    digest: str,
    note: str = "",
) -> str:
    """The XLIFF document of one source page (cut by cut_source), as text."""
    root = ET.Element(f"{Q}xliff", {"version": "1.2"})
    file = ET.SubElement(
        root,
        f"{Q}file",
        {"original": source.page, "source-language": source_language, "target-language": target_language, "datatype": "x-markdown", "tool-id": "quangba"},
    )
    header = ET.SubElement(file, f"{Q}header")
    skl = ET.SubElement(header, f"{Q}skl")
    internal = ET.SubElement(skl, f"{Q}internal-file", {"form": SKELETON_FORM})
    internal.text = json.dumps({"front_matter": skeleton.front_matter, "body": skeleton.body}, ensure_ascii=False)
    ET.SubElement(header, f"{Q}tool", {"tool-id": "quangba", "tool-name": "quangba", "tool-version": __version__})
    props = ET.SubElement(header, f"{Q}prop-group", {"name": "quangba"})
    ET.SubElement(props, f"{Q}prop", {"prop-type": "source-hash"}).text = digest
    ET.SubElement(props, f"{Q}prop", {"prop-type": "source-file"}).text = str(source.shown)
    ET.SubElement(props, f"{Q}prop", {"prop-type": EXPORT_ID}).text = export_id
    ET.SubElement(header, f"{Q}note").text = NOTE + (f" {note}" if note else "")
    body = ET.SubElement(file, f"{Q}body")
    for unit in found:
        element = ET.SubElement(body, f"{Q}trans-unit", {"id": unit.id, "restype": f"x-{unit.kind}", XML_SPACE: "preserve"})
        write_pieces(ET.SubElement(element, f"{Q}source"), unit.pieces)
        ET.SubElement(element, f"{Q}note").text = f"{unit.kind}, line {unit.line} of {source.shown}"
    indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


STRUCTURAL = {f"{Q}{tag}" for tag in ("xliff", "file", "header", "skl", "prop-group", "body", "trans-unit")}


def indent(element: ET.Element, level: int = 0) -> None:
    """Line breaks and indentation between structural elements only: ElementTree's own
    indent() would also add whitespace inside <source> text, which is part of the segment."""
    children = list(element)
    if element.tag not in STRUCTURAL or not children:
        return
    element.text = "\n" + "  " * (level + 1)
    for child in children:
        indent(child, level + 1)
        child.tail = "\n" + "  " * (level + 1)
    children[-1].tail = "\n" + "  " * level


def write_pieces(element: ET.Element, pieces: list[tuple[str, str]]) -> None:
    """Segment text with its Markdown as inline codes (mixed content)."""
    last: ET.Element | None = None
    for piece in coded(pieces):
        if isinstance(piece, str):
            if last is None:
                element.text = (element.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece
            continue
        attributes = {"id": piece.id} | ({"ctype": piece.ctype} if piece.ctype else {})
        last = ET.SubElement(element, f"{Q}{piece.tag}", attributes)
        last.text = piece.markdown


def write_export(path: Path, document: str) -> None:
    write_text(path, document)


@dataclass
class ReturnedFile:
    """One <file> of a returned XLIFF document, as the agency sent it: nothing in it is trusted
    until it has been held against the export record."""

    original: str
    target_language: str
    export_id: str | None
    units: list[tuple[str, ET.Element | None]] = field(default_factory=list)  # (unit id, its <target>)


def read_returned(path: Path, shown: Path) -> list[ReturnedFile]:
    """Every <file> of a returned XLIFF document; QuangbaError names what is wrong."""
    try:
        tree = ET.parse(path)
    except ET.ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else None
        raise QuangbaError([Problem(shown, f"not valid XML: {error.msg if hasattr(error, 'msg') else error}", line)]) from None
    except OSError as error:
        raise QuangbaError([Problem(shown, f"cannot be read: {error.strerror}")]) from None
    root = tree.getroot()
    if root.tag != f"{Q}xliff" or root.get("version") != "1.2":
        raise QuangbaError([Problem(shown, 'not an XLIFF 1.2 file (expected <xliff version="1.2"> in its namespace)')])
    returned = []
    for file in root.iter(f"{Q}file"):
        prop = file.find(f"{Q}header/{Q}prop-group[@name='quangba']/{Q}prop[@prop-type='{EXPORT_ID}']")
        export_id = (prop.text or "").strip() if prop is not None else None
        item = ReturnedFile(file.get("original", ""), file.get("target-language", ""), export_id or None)
        item.units = [(unit.get("id", ""), unit.find(f"{Q}target")) for unit in file.iter(f"{Q}trans-unit")]
        returned.append(item)
    if not returned:
        raise QuangbaError([Problem(shown, "contains no <file> to import")])
    return returned


def check_units(item: ReturnedFile, record: exports.Record, shown: Path) -> list[Problem]:
    """The file must hold exactly the units the export wrote, each once."""
    ids = [unit_id for unit_id, _ in item.units]
    expected = [unit.id for unit in record.units]
    problems = []
    if missing := [unit_id for unit_id in expected if unit_id not in ids]:
        problems.append(Problem(shown, f"'{record.page}': unit(s) {listed(missing)} of the export are missing from the file"))
    if extra := [unit_id for unit_id in dict.fromkeys(ids) if unit_id not in expected]:
        problems.append(Problem(shown, f"'{record.page}': unit(s) {listed(extra)} were not in the export"))
    if doubled := [unit_id for unit_id in dict.fromkeys(ids) if ids.count(unit_id) > 1]:
        problems.append(Problem(shown, f"'{record.page}': unit(s) {listed(doubled)} appear more than once"))
    return problems


def listed(ids: list[str]) -> str:
    return ", ".join(ids[:10]) + (" …" if len(ids) > 10 else "")


def targets_of(item: ReturnedFile, record: exports.Record, shown: Path) -> dict[str, str]:
    """unit id -> translated Markdown: the targets' text, each inline code replaced by the
    record's Markdown for it. QuangbaError when a unit is missing, extra, untranslated, or its
    target holds a code the source unit does not have, a broken link code or typed markup."""
    if wrong_units := check_units(item, record, shown):
        raise QuangbaError(wrong_units)
    problems: list[Problem] = []
    codes = {unit.id: unit.codes for unit in record.units}
    targets: dict[str, str] = {}
    empty: list[str] = []
    for unit_id, element in item.units:
        where = f"unit {unit_id} of '{record.page}'"
        target = target_markdown(element, codes[unit_id]) if element is not None else Target("", "", [], [])
        if target.unknown:
            problems.append(Problem(shown, f"{where}: the inline code(s) {', '.join(target.unknown)} are not in the source unit: keep the source's codes"))
        elif not target.markdown.strip():
            empty.append(unit_id)
        elif (typed := typed_markup(target.typed)) is not None:
            problems.append(
                Problem(shown, f"{where}: the translation contains {typed[0]} ('{typed[1]}'); markup and links may only come from the source's inline codes")
            )
        elif (broken := unbalanced(target, codes[unit_id])) is not None:
            problems.append(Problem(shown, f"{where}: the link or image markup around '{broken}' is incomplete (an opening or closing code was deleted)"))
        else:
            targets[unit_id] = target.markdown
    if empty:
        problems.append(Problem(shown, f"'{record.page}': {len(empty)} unit(s) have no translation (units {listed(empty)})"))
    if problems:
        raise QuangbaError(problems)
    return targets


def local(tag: str) -> str:
    return tag[len(Q) :] if tag.startswith(Q) else tag


def code_key(element: ET.Element) -> tuple[str, str] | None:
    """(tag, id) of the source code an inline element of a target stands for; None for the
    elements whose content is translated text (<g>, <mrk> ...)."""
    tag = local(element.tag)
    if tag in ("bpt", "ept", "ph"):
        return tag, element.get("id", "")
    if tag == "it":  # an isolated half of a link
        return {"open": "bpt", "close": "ept"}.get(element.get("pos", ""), "it"), element.get("id", "")
    if tag in ("x", "bx", "ex"):  # some tools turn codes into empty placeholders
        return {"x": "ph", "bx": "bpt", "ex": "ept"}[tag], element.get("rid") or element.get("id") or ""
    return None


@dataclass
class Target:
    """A <target> read against the source unit's codes."""

    markdown: str  # the translated Markdown
    typed: str  # the text the translator typed, each code masked
    codes: list[tuple[str, str]]  # the (tag, id) of the codes it uses, in order
    unknown: list[str]  # codes the source unit does not have, as written


def target_markdown(target: ET.Element, codes: dict[tuple[str, str], str]) -> Target:
    """A target's Markdown: its text, and for each inline code the record's Markdown of that
    code, never the element's own text."""
    read = Target("", "", [], [])
    out: list[str] = []
    typed: list[str] = []

    def text(chunk: str | None) -> None:
        out.append(chunk or "")
        typed.append(chunk or "")

    def walk(element: ET.Element) -> None:
        for child in element:
            key = code_key(child)
            if key is None:  # <g>, <mrk>: their content is translated text
                text(child.text)
                walk(child)
            elif key in codes:
                read.codes.append(key)
                out.append(codes[key])
                typed.append(CODE_MASK)
            else:
                read.unknown.append(f'<{local(child.tag)} id="{key[1]}">')
            text(child.tail)

    text(target.text)
    walk(target)
    read.markdown, read.typed = "".join(out), "".join(typed)
    return read


def typed_markup(typed: str) -> tuple[str, str] | None:
    """(what, where) of the first markup typed in a target's text, or None."""
    for what, pattern in TYPED_MARKUP:
        if found := pattern.search(typed):
            return what, typed[max(0, found.start() - 10) : found.end() + 20].replace(CODE_MASK, "…").strip()
    return None


def unbalanced(target: Target, codes: dict[tuple[str, str], str]) -> str | None:
    """The Markdown near a link's opening code without its closing one (or the reverse), or
    None when all pair up."""
    opened = {code_id for tag, code_id in target.codes if tag == "bpt"}
    closed = {code_id for tag, code_id in target.codes if tag == "ept"}
    for code_id in sorted(opened ^ closed):
        return codes.get(("bpt", code_id)) or codes.get(("ept", code_id)) or code_id
    return None


def skeleton_of(record: exports.Record, shown: Path) -> tuple[segments.Skeleton, dict[str, str]]:
    """The skeleton and unit kinds, cut again from the record's source text exactly as the
    export cut it; QuangbaError when that no longer gives the record's units (quangba changed)."""
    found, skeleton = cut_source(record.source_text, Path(record.page))
    if units_of(found) != record.units:
        record_file = exports.shown_path(record.id)
        raise QuangbaError(
            [Problem(shown, f"'{record.page}': the page in {record_file} no longer cuts into the units exported (was quangba updated?): export the page again")]
        )
    return skeleton, {unit.id: unit.kind for unit in found}


def rebuild(skeleton: segments.Skeleton, kinds: dict[str, str], targets: dict[str, str], digest: str, existing: PageFile | None, stamp: bool) -> str:
    """The translated page: the source's skeleton filled with the targets, the front matter translated."""
    meta = yaml.safe_load(skeleton.front_matter) if skeleton.front_matter.strip() else {}
    meta = dict(meta) if isinstance(meta, dict) else {}
    for key in segments.FRONT_MATTER_KEYS:
        if key in targets:
            meta[key] = " ".join(targets[key].split())
    if existing is not None and existing.text is not None:
        for key, value in existing.meta.items():
            meta.setdefault(key, value)  # keys only the translation had (a translator's note ...)
    meta.pop(FIELD, None)
    meta.pop(frontmatter.STUB_KEY, None)  # translated now: no longer a `quangba new` stub
    if stamp:
        meta[FIELD] = digest
    body = segments.fill(skeleton.body, targets, kinds)
    if not meta:
        return body.lstrip("\n")
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10**6)
    return f"---\n{dumped}---\n{body if body.startswith(chr(10)) else chr(10) + body}"
