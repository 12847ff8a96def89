"""Hand-off to a translation agency as XLIFF 1.2, the exchange format every CAT tool reads.

One file per page. Each heading, paragraph, list item, table cell and admonition title is a
<trans-unit>, and so are the front matter's title and description. Markdown inside a segment
travels as XLIFF inline codes, which tools protect from editing: a link is
<bpt>[</bpt>text<ept>](target.md)</ept>, other markup (**, `code`, {{ fact.x }}, <br>) is <ph>.
The page's structure outside the segments is the skeleton (<skl><internal-file>), so that the
returned file rebuilds a page with exactly the source's structure.

    <file original="tourism/index.md" source-language="vi" target-language="ko" datatype="x-markdown">
      <header>
        <skl><internal-file form="text/x-quangba-skeleton">…</internal-file></skl>
        <prop-group name="quangba"><prop prop-type="source-hash">…</prop></prop-group>
      </header>
      <body><trans-unit id="title" restype="x-title">…</trans-unit> …</body>
    </file>
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from quangba import __version__, frontmatter
from quangba.coverage import inline, segments
from quangba.coverage.files import write_text
from quangba.coverage.hashing import FIELD, source_hash
from quangba.coverage.scan import STUB_KEY, PageFile
from quangba.problems import Problem

NS = "urn:oasis:names:tc:xliff:document:1.2"
Q = f"{{{NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
ET.register_namespace("", NS)
SKELETON_FORM = "text/x-quangba-skeleton"
NATIVE_CODES = ("bpt", "ept", "ph", "it")
NOTE = (
    "Translate the text of each unit. Keep the inline codes (links, bold, {{ placeholders }}) and move them "
    "where the translation needs them; do not change figures, link targets or official names from the glossary."
)


class XliffError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def front_matter_text(text: str) -> str:
    opening = frontmatter.OPENING.match(text)
    if not opening:
        return ""
    closing = frontmatter.CLOSING.search(text, opening.end())
    return text[opening.end() : closing.start()] if closing else ""


def export_page(source: PageFile, source_language: str, target_language: str, note: str = "") -> str:
    """The XLIFF document of one source page (read first), as text."""
    assert source.text is not None
    units, skeleton = segments.cut(source.text, source.body_start, source.meta, front_matter_text(source.text))
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
    ET.SubElement(props, f"{Q}prop", {"prop-type": "source-hash"}).text = source_hash(source.text)
    ET.SubElement(props, f"{Q}prop", {"prop-type": "source-file"}).text = str(source.shown)
    ET.SubElement(header, f"{Q}note").text = NOTE + (f" {note}" if note else "")
    body = ET.SubElement(file, f"{Q}body")
    for unit in units:
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
    code_id = 0
    open_links: list[str] = []

    def add_text(text: str) -> None:
        if last is None:
            element.text = (element.text or "") + text
        else:
            last.tail = (last.tail or "") + text

    for kind, source in pieces:
        if kind == inline.TEXT:
            add_text(source)
            continue
        code_id += 1
        if kind == inline.OPEN:
            open_links.append(str(code_id))
            last = ET.SubElement(element, f"{Q}bpt", {"id": str(code_id), "ctype": "link" if source == "[" else "image"})
        elif kind == inline.CLOSE and open_links:
            last = ET.SubElement(element, f"{Q}ept", {"id": open_links.pop()})
        else:
            last = ET.SubElement(element, f"{Q}ph", {"id": str(code_id)})
        last.text = source


def write_export(path: Path, document: str) -> None:
    write_text(path, document)


@dataclass
class Returned:
    """A translated XLIFF file, read back."""

    page: str  # source page: tourism/index.md
    source_language: str
    target_language: str
    source_hash: str
    front_matter: str
    body: str
    targets: dict[str, str] = field(default_factory=dict)  # unit id -> Markdown
    kinds: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # unit id -> source Markdown


def read_returned(path: Path, shown: Path) -> list[Returned]:
    """Every <file> of a returned XLIFF document; XliffError names what is wrong."""
    try:
        tree = ET.parse(path)
    except ET.ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else None
        raise XliffError([Problem(shown, f"not valid XML: {error.msg if hasattr(error, 'msg') else error}", line)]) from None
    except OSError as error:
        raise XliffError([Problem(shown, f"cannot be read: {error.strerror}")]) from None
    root = tree.getroot()
    if root.tag != f"{Q}xliff" or root.get("version") != "1.2":
        raise XliffError([Problem(shown, "not an XLIFF 1.2 file (expected <xliff version=\"1.2\"> in its namespace)")])
    returned: list[Returned] = []
    problems: list[Problem] = []
    for file in root.iter(f"{Q}file"):
        original = file.get("original", "")
        internal = file.find(f"{Q}header/{Q}skl/{Q}internal-file")
        hash_prop = file.find(f"{Q}header/{Q}prop-group/{Q}prop[@prop-type='source-hash']")
        if internal is None or internal.get("form") != SKELETON_FORM or hash_prop is None:
            problems.append(Problem(shown, f"<file original=\"{original}\"> was not exported by quangba (no skeleton): export the page again"))
            continue
        try:
            skeleton = json.loads(internal.text or "")
        except ValueError:
            problems.append(Problem(shown, f"the skeleton of '{original}' is damaged: export the page again"))
            continue
        item = Returned(
            original, file.get("source-language", ""), file.get("target-language", ""), (hash_prop.text or "").strip(), skeleton["front_matter"], skeleton["body"]
        )
        empty = []
        for unit in file.iter(f"{Q}trans-unit"):
            unit_id = unit.get("id", "")
            item.kinds[unit_id] = (unit.get("restype") or "x-paragraph")[2:]
            source_element = unit.find(f"{Q}source")
            item.sources[unit_id] = markdown_of(source_element, {}) if source_element is not None else ""
            target = unit.find(f"{Q}target")
            codes = native_codes(source_element)
            text = markdown_of(target, codes) if target is not None else ""
            if not text.strip():
                empty.append(unit_id)
                continue
            if (broken := unbalanced(target)) is not None:
                problems.append(Problem(shown, f"unit {unit_id} of '{original}': the link or image markup around '{broken}' is incomplete (an opening or closing code was deleted)"))
                continue
            item.targets[unit_id] = text
        if empty:
            listed = ", ".join(empty[:10]) + (" …" if len(empty) > 10 else "")
            problems.append(Problem(shown, f"'{original}': {len(empty)} unit(s) have no translation (units {listed})"))
            continue
        returned.append(item)
    if problems:
        raise XliffError(problems)
    if not returned:
        raise XliffError([Problem(shown, "contains no <file> to import")])
    return returned


def native_codes(source: ET.Element | None) -> dict[tuple[str, str], str]:
    """(tag, id) -> Markdown of the inline codes of a source, for targets whose tool emptied them."""
    if source is None:
        return {}
    return {(child.tag[len(Q) :], child.get("id", "")): child.text or "" for child in source.iter() if child.tag[len(Q) :] in NATIVE_CODES}


def markdown_of(element: ET.Element, codes: dict[tuple[str, str], str]) -> str:
    """The Markdown of mixed content: text, plus the native code of <bpt>/<ept>/<ph>/<it>."""
    out = [element.text or ""]
    for child in element:
        tag = child.tag[len(Q) :] if child.tag.startswith(Q) else child.tag
        if tag in NATIVE_CODES:
            out.append(child.text if child.text else codes.get((tag, child.get("id", "")), ""))
        elif tag in ("x", "bx", "ex"):  # some tools turn codes into empty placeholders
            mapped = {"x": "ph", "bx": "bpt", "ex": "ept"}[tag]
            out.append(codes.get((mapped, child.get("rid") or child.get("id", "")), ""))
        else:  # <g>, <mrk>, <sub>: keep their text
            out.append(markdown_of(child, codes))
        out.append(child.tail or "")
    return "".join(out)


def unbalanced(target: ET.Element) -> str | None:
    """The text near a <bpt> without its <ept> (or the reverse), or None when all pair up."""
    opened = [child.get("id") for child in target.iter(f"{Q}bpt")]
    closed = [child.get("id") for child in target.iter(f"{Q}ept")]
    for code in set(opened) ^ set(closed):
        element = next((c for c in target.iter() if c.tag in (f"{Q}bpt", f"{Q}ept") and c.get("id") == code), None)
        return (element.text or "") if element is not None else code
    return None


def rebuild(item: Returned, existing: PageFile | None, stamp: bool) -> str:
    """The translated page: the skeleton filled with the targets, the front matter translated."""
    meta = yaml.safe_load(item.front_matter) if item.front_matter.strip() else {}
    meta = dict(meta) if isinstance(meta, dict) else {}
    for key in segments.FRONT_MATTER_KEYS:
        if key in item.targets:
            meta[key] = " ".join(item.targets[key].split())
    if existing is not None and existing.text is not None:
        for key, value in existing.meta.items():
            meta.setdefault(key, value)  # keys only the translation had (a translator's note ...)
    meta.pop(FIELD, None)
    meta.pop(STUB_KEY, None)  # translated now: no longer a `quangba new` stub
    if stamp:
        meta[FIELD] = item.source_hash
    body = segments.fill(item.body, item.targets, item.kinds)
    if not meta:
        return body.lstrip("\n")
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10**6)
    return f"---\n{dumped}---\n{body if body.startswith(chr(10)) else chr(10) + body}"


def exported_source(item: Returned) -> str:
    """The source page as it was exported (skeleton filled with the source segments)."""
    front = f"---\n{item.front_matter}---\n" if item.front_matter else ""
    return front + segments.fill(item.body, item.sources, item.kinds)

