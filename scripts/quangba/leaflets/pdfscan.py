"""Read back what a PDF page paints: every fill, stroke, image and run of text, with its colour,
where it lands on the page, and for text the glyphs it draws and their size.

The preflight (quangba.leaflets.preflight) judges these marks; this module only interprets the
content stream. Written here because no maintained Python library exposes painted marks with
their graphics state: pikepdf parses the operators, pdfminer and PDFium give text only, and
Ghostscript's ink-coverage devices give totals, not which element used which ink. Only what a
print check needs is followed: the transformation matrix, clipping rectangles (as boxes), fill
and stroke colours, font and size, text render mode; text positions are not computed. A font's
embedded encoding CMap is read for its code-to-CID entries (cidchar and cidrange) only.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import pikepdf
from fontTools.cffLib import CFFFontSet
from fontTools.ttLib import TTFont

Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in page space, x0 <= x1, y0 <= y1
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)
FILLS = {"f", "F", "f*", "B", "B*", "b", "b*"}
STROKES = {"S", "s"}
PATH_ENDS = FILLS | STROKES | {"n"}
TEXT_SHOWS = {"Tj", "TJ", "'", '"'}
CODESPACE = re.compile(rb"begincodespacerange\s*<(?P<low>[0-9a-fA-F]+)>")
CIDCHARS = re.compile(rb"begincidchar(?P<body>.*?)endcidchar", re.DOTALL)
CIDRANGES = re.compile(rb"begincidrange(?P<body>.*?)endcidrange", re.DOTALL)
CIDCHAR = re.compile(rb"<(?P<code>[0-9a-fA-F]+)>\s*(?P<cid>\d+)")
CIDRANGE = re.compile(rb"<(?P<low>[0-9a-fA-F]+)>\s*<(?P<high>[0-9a-fA-F]+)>\s*(?P<cid>\d+)")


@dataclass(frozen=True)
class Colour:
    """A fill or stroke colour as set in the content stream."""

    space: str  # "cmyk", "gray", "rgb", "pattern" or the colour space's name
    values: tuple[float, ...] = ()

    @property
    def cmyk(self) -> tuple[float, float, float, float] | None:
        if self.space == "cmyk" and len(self.values) == 4:
            return (self.values[0], self.values[1], self.values[2], self.values[3])
        if self.space == "gray" and len(self.values) == 1:
            return (0.0, 0.0, 0.0, 1.0 - self.values[0])
        return None

    @property
    def inks(self) -> int:
        """How many of the four process inks print (a colour that prints nothing has none)."""
        cmyk = self.cmyk
        return 0 if cmyk is None else sum(1 for v in cmyk if v > 0.002)

    @property
    def total_ink(self) -> float:
        cmyk = self.cmyk
        return 0.0 if cmyk is None else sum(cmyk) * 100

    def describe(self) -> str:
        cmyk = self.cmyk
        if cmyk is None:
            return self.space
        return " ".join(f"{ink}{round(v * 100)}" for ink, v in zip("CMYK", cmyk, strict=True) if v > 0.002) or "no ink (paper white)"


BLACK_GRAY = Colour("gray", (0.0,))


@dataclass
class FontInfo:
    """What the checks need of a font resource: its name, and which glyph a code draws."""

    name: str  # without the subset prefix
    embedded: bool
    composite: bool  # Type0: codes name CIDs, through the encoding CMap
    program: str  # "truetype", "cff-cid", "cff", "type3" or "none"
    glyph_count: int = 0
    cids: frozenset[int] = frozenset()  # a CID-keyed CFF's CIDs
    cid_to_gid: bytes | None = None  # a CIDFontType2's map (None: identity)
    code_bytes: int = 1
    encoding: dict[int, int] | None = None  # code -> CID of an embedded CMap (None: Identity-H)

    @property
    def bold(self) -> bool:
        return "bold" in self.name.lower() or "black" in self.name.lower()

    def cid(self, code: int) -> int:
        """The CID a code selects (a code the CMap does not map selects CID 0, .notdef)."""
        if self.encoding is None:
            return code
        return self.encoding.get(code, 0)

    def glyph(self, cid: int) -> int | None:
        """The glyph id a CID draws, or None when it names no glyph of the font."""
        if self.program == "cff-cid":
            return (cid if cid in self.cids else None) if cid else 0
        gid = cid
        if self.cid_to_gid is not None:
            if 2 * cid + 1 >= len(self.cid_to_gid):
                return None
            gid = int.from_bytes(self.cid_to_gid[2 * cid : 2 * cid + 2], "big")
        return gid if gid < self.glyph_count else None


@dataclass(frozen=True)
class Mark:
    """One painting operation: what it paints, in which colour, where on the page."""

    kind: str  # "fill", "stroke", "image", "shading" or "text"
    colour: Colour | None
    box: Box | None = None  # painted area (clipped) for fills, strokes, images, shadings
    image: Any = None  # the image XObject
    font: FontInfo | None = None
    size: float = 0.0  # text: the size on the page, in points
    codes: tuple[int, ...] = ()  # text: the codes shown
    extent: tuple[float, float] = (0.0, 0.0)  # image: its placed width and height (unclipped), in points


@dataclass
class GState:
    ctm: Matrix = IDENTITY
    fill: Colour = BLACK_GRAY
    stroke: Colour = BLACK_GRAY
    fill_space: str = "/DeviceGray"
    stroke_space: str = "/DeviceGray"
    clip: Box | None = None
    font: FontInfo | None = None
    font_size: float = 0.0
    text_matrix: Matrix = IDENTITY
    render_mode: int = 0


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention: cm premultiplies the current matrix)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def scale_of(m: Matrix) -> float:
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


def box_around(points: list[tuple[float, float]]) -> Box | None:
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def intersect(a: Box | None, b: Box | None) -> Box | None:
    if a is None or b is None:
        return a if b is None else b
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def transformed_box(m: Matrix, box: Box) -> Box | None:
    x0, y0, x1, y1 = box
    return box_around([apply(m, x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))])


@dataclass
class Scanner:
    """Walks the pages of one PDF; font programs are read once per font object."""

    fonts: dict[tuple[int, int], FontInfo] = field(default_factory=dict)

    def marks(self, page: pikepdf.Page) -> Iterator[Mark]:
        yield from self.walk(page, page.obj.get("/Resources"), GState())

    def walk(self, content: Any, resources: Any, state: GState) -> Iterator[Mark]:
        resources = resources if resources is not None else pikepdf.Dictionary()
        stack: list[GState] = []
        path: list[tuple[float, float]] = []
        clip_pending = False
        for instruction in pikepdf.parse_content_stream(content):
            operands, op = instruction.operands, str(instruction.operator)
            if op == "q":
                stack.append(replace(state))
            elif op == "Q":
                state = stack.pop() if stack else state
            elif op == "cm":
                state.ctm = multiply(numbers(operands), state.ctm)
            elif op in ("m", "l"):
                path.append(apply(state.ctm, float(operands[0]), float(operands[1])))
            elif op in ("c", "v", "y"):
                values = [float(v) for v in operands]
                path += [apply(state.ctm, values[i], values[i + 1]) for i in range(0, len(values), 2)]
            elif op == "re":
                x, y, w, h = (float(v) for v in operands)
                path += [apply(state.ctm, px, py) for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h))]
            elif op in ("W", "W*"):
                clip_pending = True
            elif op in PATH_ENDS:
                box = box_around(path)
                if op in FILLS:
                    yield Mark("fill", state.fill, intersect(box, state.clip))
                if op in STROKES or op in ("B", "B*", "b", "b*"):
                    yield Mark("stroke", state.stroke, intersect(box, state.clip))
                if clip_pending and box is not None:
                    state.clip = intersect(state.clip, box)
                path, clip_pending = [], False
            else:
                yield from self.colour_or_text(op, operands, resources, state)
                if op == "Do":
                    yield from self.draw(operands[0], resources, state)
                elif op == "sh":
                    shading = (resources.get("/Shading") or {}).get(str(operands[0]))
                    yield Mark("shading", Colour(space_kind(resolve_space(shading.get("/ColorSpace") if shading is not None else None, resources))), state.clip)

    def colour_or_text(self, op: str, operands: Any, resources: Any, state: GState) -> Iterator[Mark]:
        if op in ("g", "G", "rg", "RG", "k", "K"):
            space = {"g": "gray", "rg": "rgb", "k": "cmyk"}[op.lower()]
            colour = Colour(space, tuple(numbers(operands)))
            if op.islower():
                state.fill, state.fill_space = colour, {"gray": "/DeviceGray", "rgb": "/DeviceRGB", "cmyk": "/DeviceCMYK"}[space]
            else:
                state.stroke, state.stroke_space = colour, {"gray": "/DeviceGray", "rgb": "/DeviceRGB", "cmyk": "/DeviceCMYK"}[space]
        elif op in ("cs", "CS"):
            space = resolve_space(operands[0], resources)
            kind = space_kind(space)
            initial = Colour(kind, {"cmyk": (0.0, 0.0, 0.0, 1.0), "gray": (0.0,), "rgb": (0.0, 0.0, 0.0)}.get(kind, ()))
            if op == "cs":
                state.fill, state.fill_space = initial, kind
            else:
                state.stroke, state.stroke_space = initial, kind
        elif op in ("sc", "scn", "SC", "SCN"):
            kind = state.fill_space if op.islower() else state.stroke_space
            values = tuple(float(x) for x in operands if not isinstance(x, pikepdf.Name))
            colour = Colour(kind if kind in ("cmyk", "gray", "rgb") else ("pattern" if any(isinstance(x, pikepdf.Name) for x in operands) else kind), values)
            if op.islower():
                state.fill = colour
            else:
                state.stroke = colour
            yield from self.pattern(operands, resources, state)
        elif op == "BT":
            state.text_matrix = IDENTITY
        elif op == "Tm":
            state.text_matrix = numbers(operands)
        elif op == "Tf":
            font = (resources.get("/Font") or {}).get(str(operands[0]))
            state.font = self.font(font) if font is not None else None
            state.font_size = float(operands[1])
        elif op == "Tr":
            state.render_mode = int(operands[0])
        elif op in TEXT_SHOWS and state.font is not None and state.render_mode not in (3, 7):
            size = state.font_size * scale_of(multiply(state.text_matrix, state.ctm))
            yield Mark("text", state.fill, font=state.font, size=size, codes=tuple(codes_of(operands, state.font.code_bytes)))
        elif op == "BI":
            yield Mark("image", None, state.clip)

    def pattern(self, operands: Any, resources: Any, state: GState) -> Iterator[Mark]:
        names = [x for x in operands if isinstance(x, pikepdf.Name)]
        if not names:
            return
        pattern = (resources.get("/Pattern") or {}).get(str(names[-1]))
        if pattern is None:
            return
        if pattern.get("/PatternType") == 1:
            yield from self.walk(pattern, pattern.get("/Resources"), GState(ctm=numbers(pattern.get("/Matrix", IDENTITY)), clip=state.clip))
        elif pattern.get("/Shading") is not None:
            yield Mark("shading", Colour(space_kind(resolve_space(pattern.Shading.get("/ColorSpace"), resources))), state.clip)

    def draw(self, name: Any, resources: Any, state: GState) -> Iterator[Mark]:
        xobject = (resources.get("/XObject") or {}).get(str(name))
        if xobject is None:
            return
        if xobject.get("/Subtype") == "/Form":
            inner = replace(state, ctm=multiply(numbers(xobject.get("/Matrix", IDENTITY)), state.ctm))
            if "/BBox" in xobject:
                inner.clip = intersect(state.clip, transformed_box(inner.ctm, sorted_box(xobject.BBox)))
            yield from self.walk(xobject, xobject.get("/Resources") or resources, inner)
        elif xobject.get("/Subtype") == "/Image":
            extent = (math.hypot(state.ctm[0], state.ctm[1]), math.hypot(state.ctm[2], state.ctm[3]))
            yield Mark("image", None, intersect(transformed_box(state.ctm, (0, 0, 1, 1)), state.clip), image=xobject, extent=extent)

    def font(self, font: Any) -> FontInfo:
        key = font.objgen
        if key not in self.fonts:
            self.fonts[key] = read_font(font)
        return self.fonts[key]


def numbers(values: Any) -> Matrix:
    return tuple(float(v) for v in values)  # type: ignore[return-value]


def sorted_box(values: Any) -> Box:
    x0, y0, x1, y1 = (float(v) for v in values)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def codes_of(operands: Any, width: int) -> Iterator[int]:
    strings = [operands[-1]] if not isinstance(operands[-1], pikepdf.Array) else [x for x in operands[-1] if isinstance(x, pikepdf.String)]
    for value in strings:
        data = bytes(value)
        yield from (int.from_bytes(data[i : i + width], "big") for i in range(0, len(data) - width + 1, width))


def read_cmap(data: bytes) -> tuple[int, dict[int, int]]:
    """(bytes per code, code -> CID) of an embedded encoding CMap."""
    space = CODESPACE.search(data)
    width = len(space["low"]) // 2 if space else 2
    mapping: dict[int, int] = {}
    for block in CIDCHARS.finditer(data):
        for entry in CIDCHAR.finditer(block["body"]):
            mapping[int(entry["code"], 16)] = int(entry["cid"])
    for block in CIDRANGES.finditer(data):
        for entry in CIDRANGE.finditer(block["body"]):
            low, high, cid = int(entry["low"], 16), int(entry["high"], 16), int(entry["cid"])
            for offset, code in enumerate(range(low, min(high, low + 0xFFFF) + 1)):
                mapping[code] = cid + offset
    return width, mapping


def resolve_space(value: Any, resources: Any) -> Any:
    if isinstance(value, pikepdf.Name) and str(value) not in ("/DeviceCMYK", "/DeviceRGB", "/DeviceGray", "/Pattern"):
        named = (resources.get("/ColorSpace") or {}).get(str(value))
        return named if named is not None else value
    return value


def space_name(space: Any) -> str:
    if isinstance(space, pikepdf.Array) and len(space) and space[0] == "/ICCBased":
        return f"/ICCBased{int(space[1].get('/N', 0))}"
    if isinstance(space, pikepdf.Array) and len(space):
        return str(space[0])
    return str(space)


def space_kind(space: Any) -> str:
    name = space_name(space)
    if name in ("/DeviceCMYK", "/ICCBased4"):
        return "cmyk"
    if name in ("/DeviceGray", "/ICCBased1", "/CalGray"):
        return "gray"
    if name in ("/DeviceRGB", "/ICCBased3", "/CalRGB", "/Lab"):
        return "rgb"
    if name == "/Pattern":
        return "pattern"
    return name


def read_font(font: Any) -> FontInfo:
    name = str(font.get("/BaseFont", "/Type3"))[1:].split("+", 1)[-1]
    if font.get("/Subtype") == "/Type3":
        return FontInfo(name, True, False, "type3")
    composite = font.get("/Subtype") == "/Type0"
    info = program_of(name, font, composite)
    if composite:
        cmap = font.get("/Encoding")
        info.code_bytes, info.encoding = read_cmap(bytes(cmap.read_bytes())) if isinstance(cmap, pikepdf.Stream) else (2, None)
    return info


def program_of(name: str, font: Any, composite: bool) -> FontInfo:
    described = font.DescendantFonts[0] if font.get("/Subtype") == "/Type0" else font
    descriptor = described.get("/FontDescriptor")
    if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        return FontInfo(name, False, composite, "none")
    cid_map = described.get("/CIDToGIDMap")
    cid_to_gid = bytes(cid_map.read_bytes()) if isinstance(cid_map, pikepdf.Stream) else None
    if "/FontFile2" in descriptor:
        with TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()), lazy=True) as face:
            return FontInfo(name, True, composite, "truetype", face["maxp"].numGlyphs, cid_to_gid=cid_to_gid)
    if "/FontFile3" in descriptor:
        return cff_font(name, composite, descriptor.FontFile3)
    return FontInfo(name, True, composite, "type1")


def cff_font(name: str, composite: bool, stream: Any) -> FontInfo:
    data = stream.read_bytes()
    if stream.get("/Subtype") == "/OpenType":
        with TTFont(io.BytesIO(data)) as face:
            top = face["CFF "].cff.topDictIndex[0]
            return cff_info(name, composite, top)
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(data), None)
    return cff_info(name, composite, cff.topDictIndex[0])


def cff_info(name: str, composite: bool, top: Any) -> FontInfo:
    charset = list(top.charset)
    if hasattr(top, "ROS"):  # CID-keyed: glyph names are 'cid01234' (and '.notdef' for CID 0)
        cids = frozenset(int(n[3:]) for n in charset if n.startswith("cid"))
        return FontInfo(name, True, composite, "cff-cid", len(charset), cids=cids)
    return FontInfo(name, True, composite, "cff", len(charset))
