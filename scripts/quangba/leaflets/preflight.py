"""Preflight of a print PDF, read back from the file the print shop will receive.

PDF/X-4 identification and a CMYK output intent; on every page a TrimBox of the format's trim
size and a BleedBox larger by the bleed on every side; every font embedded and one of the
project's; no RGB colour (operators, colour spaces, images); every image's effective resolution
at its placed size; total ink of colours and images under the limit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from quangba.images import max_total_ink
from quangba.leaflets.formats import LeafletFormat

PT_PER_MM = 72 / 25.4
BOX_TOLERANCE_PT = 0.2
PPI_TOLERANCE = 1.0  # the placed size is rounded in the layout
RGB_SPACES = {"/DeviceRGB", "/CalRGB", "/Lab"}
ALLOWED_FONT_PREFIX = "Noto"
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


@dataclass
class PreflightReport:
    errors: list[str] = field(default_factory=list)
    pages: int = 0
    min_ppi: float | None = None
    max_ink: float = 0.0
    fonts: list[str] = field(default_factory=list)


def check(path: Path, fmt: LeafletFormat, min_ppi: float, ink_limit: float) -> PreflightReport:
    report = PreflightReport()
    with pikepdf.open(path) as pdf:
        report.pages = len(pdf.pages)
        check_identification(pdf, report)
        if report.pages != fmt.sides:
            report.errors.append(f"{report.pages} pages, {fmt.name} has {fmt.sides}")
        state = ScanState(report, min_ppi, ink_limit)
        for number, page in enumerate(pdf.pages, start=1):
            check_boxes(page, number, fmt, report)
            state.page = number
            scan(page, page.obj.get("/Resources"), IDENTITY, state)
        report.fonts = sorted(state.fonts)
    return report


def check_identification(pdf: pikepdf.Pdf, report: PreflightReport) -> None:
    intents = pdf.Root.get("/OutputIntents")
    gts = [i for i in (intents or []) if i.get("/S") == "/GTS_PDFX"]
    if not gts:
        report.errors.append("no PDF/X output intent (/GTS_PDFX)")
    else:
        profile = gts[0].get("/DestOutputProfile")
        if profile is None or int(profile.get("/N", 0)) != 4:
            report.errors.append("the output intent's profile is not a CMYK (4-channel) profile")
    with pdf.open_metadata() as meta:
        version = meta.get("pdfxid:GTS_PDFXVersion")
    if version != "PDF/X-4":
        report.errors.append(f"XMP metadata does not identify PDF/X-4 (found {version!r})")


def check_boxes(page: pikepdf.Page, number: int, fmt: LeafletFormat, report: PreflightReport) -> None:
    trim = box_of(page.obj, "/TrimBox")
    bleed = box_of(page.obj, "/BleedBox")
    media = box_of(page.obj, "/MediaBox")
    if trim is None or bleed is None:
        report.errors.append(f"page {number}: TrimBox and BleedBox are required")
        return
    width, height = fmt.width * PT_PER_MM, fmt.height * PT_PER_MM
    if abs((trim[2] - trim[0]) - width) > BOX_TOLERANCE_PT or abs((trim[3] - trim[1]) - height) > BOX_TOLERANCE_PT:
        report.errors.append(f"page {number}: TrimBox is {mm(trim[2] - trim[0])} × {mm(trim[3] - trim[1])} mm, {fmt.name} is {fmt.width:g} × {fmt.height:g} mm")
    b = fmt.bleed * PT_PER_MM
    expected = (trim[0] - b, trim[1] - b, trim[2] + b, trim[3] + b)
    if any(abs(x - y) > BOX_TOLERANCE_PT for x, y in zip(bleed, expected, strict=True)):
        report.errors.append(f"page {number}: BleedBox is not {fmt.bleed:g} mm larger than the TrimBox on every side")
    if media is not None and not (
        media[0] <= bleed[0] + BOX_TOLERANCE_PT
        and media[1] <= bleed[1] + BOX_TOLERANCE_PT
        and media[2] >= bleed[2] - BOX_TOLERANCE_PT
        and media[3] >= bleed[3] - BOX_TOLERANCE_PT
    ):
        report.errors.append(f"page {number}: MediaBox is smaller than the BleedBox")


def box_of(obj: Any, key: str) -> tuple[float, float, float, float] | None:
    value = obj.get(key)
    if value is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in value)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def mm(points: float) -> str:
    return f"{points / PT_PER_MM:.1f}"


@dataclass
class ScanState:
    report: PreflightReport
    min_ppi: float
    ink_limit: float
    page: int = 0
    fonts: set[str] = field(default_factory=set)
    seen_fonts: set[tuple[int, int]] = field(default_factory=set)
    seen_inks: set[tuple[int, int]] = field(default_factory=set)
    rgb_reported: set[int] = field(default_factory=set)

    def rgb(self, what: str) -> None:
        if self.page not in self.rgb_reported:
            self.rgb_reported.add(self.page)
            self.report.errors.append(f"page {self.page}: RGB colour in the print file ({what}); every colour must be CMYK")


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention: cm premultiplies the current matrix)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def scan(content: Any, resources: Any, ctm: Matrix, state: ScanState) -> None:
    """Walk a content stream (page or form) with its resources, tracking the transformation."""
    if content is None:
        return
    resources = resources if resources is not None else pikepdf.Dictionary()
    check_fonts(resources, state)
    stack: list[Matrix] = []
    fill_space = stroke_space = "/DeviceGray"
    for instruction in pikepdf.parse_content_stream(content):
        operands, operator = instruction.operands, instruction.operator
        op = str(operator)
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop() if stack else ctm
        elif op == "cm":
            ctm = multiply(tuple(float(x) for x in operands), ctm)  # type: ignore[arg-type]
        elif op in ("rg", "RG"):
            state.rgb(f"{op} {' '.join(f'{float(x):g}' for x in operands)}")
        elif op in ("k", "K"):
            check_ink([float(x) for x in operands], state)
        elif op in ("cs", "CS"):
            space = resolve_space(operands[0], resources)
            if space_is_rgb(space):
                state.rgb(f"colour space {name_of(space)}")
            if op == "cs":
                fill_space = name_of(space)
            else:
                stroke_space = name_of(space)
        elif op in ("sc", "scn", "SC", "SCN"):
            values = [float(x) for x in operands if not isinstance(x, pikepdf.Name)]
            space = fill_space if op in ("sc", "scn") else stroke_space
            if len(values) == 4 and space in ("/DeviceCMYK", "/ICCBased4"):
                check_ink(values, state)
        elif op == "sh":
            shading = (resources.get("/Shading") or {}).get(str(operands[0]))
            if shading is not None and space_is_rgb(resolve_space(shading.get("/ColorSpace"), resources)):
                state.rgb("shading")
        elif op == "Do":
            xobject = (resources.get("/XObject") or {}).get(str(operands[0]))
            if xobject is not None:
                draw_xobject(xobject, ctm, resources, state)
        elif op == "BI":
            state.report.errors.append(f"page {state.page}: inline image (cannot be checked)")
    for pattern in (resources.get("/Pattern") or {}).values():
        if pattern.get("/PatternType") == 1:
            scan(pattern, pattern.get("/Resources"), ctm, state)
        elif pattern.get("/Shading") is not None and space_is_rgb(resolve_space(pattern.Shading.get("/ColorSpace"), resources)):
            state.rgb("shading pattern")


def draw_xobject(xobject: Any, ctm: Matrix, resources: Any, state: ScanState) -> None:
    subtype = xobject.get("/Subtype")
    if subtype == "/Form":
        matrix = tuple(float(x) for x in xobject.get("/Matrix", IDENTITY))
        scan(xobject, xobject.get("/Resources") or resources, multiply(matrix, ctm), state)  # type: ignore[arg-type]
        return
    if subtype != "/Image":
        return
    space = resolve_space(xobject.get("/ColorSpace"), resources)
    if not is_cmyk(space):
        state.report.errors.append(f"page {state.page}: image {xobject.get('/Width')}×{xobject.get('/Height')} px is {describe_space(space)}, not CMYK")
    width_pt = math.hypot(ctm[0], ctm[1])
    height_pt = math.hypot(ctm[2], ctm[3])
    if width_pt > 0 and height_pt > 0:
        ppi = min(int(xobject.Width) / (width_pt / 72), int(xobject.Height) / (height_pt / 72))
        report = state.report
        report.min_ppi = ppi if report.min_ppi is None else min(report.min_ppi, ppi)
        if ppi + PPI_TOLERANCE < state.min_ppi:
            report.errors.append(
                f"page {state.page}: image {int(xobject.Width)}×{int(xobject.Height)} px prints at {ppi:.0f} ppi over "
                f"{mm(width_pt)} × {mm(height_pt)} mm; at least {state.min_ppi:g} ppi is needed"
            )
    key = xobject.objgen
    if is_cmyk(space) and key not in state.seen_inks:
        state.seen_inks.add(key)
        image = pikepdf.PdfImage(xobject).as_pil_image()
        if image.mode == "CMYK":
            ink = max_total_ink(image)
            state.report.max_ink = max(state.report.max_ink, ink)
            if ink > state.ink_limit + 0.5:
                state.report.errors.append(f"page {state.page}: an image reaches {ink:.0f} % total ink, above the limit of {state.ink_limit:g} %")


def check_ink(values: list[float], state: ScanState) -> None:
    ink = sum(values) * 100
    state.report.max_ink = max(state.report.max_ink, ink)
    if ink > state.ink_limit + 0.5:
        state.report.errors.append(f"page {state.page}: a colour uses {ink:.0f} % total ink, above the limit of {state.ink_limit:g} %")


def check_fonts(resources: Any, state: ScanState) -> None:
    for font in (resources.get("/Font") or {}).values():
        key = font.objgen
        if key in state.seen_fonts:
            continue
        state.seen_fonts.add(key)
        name = str(font.get("/BaseFont", "/Type3"))[1:]
        plain = name.split("+", 1)[-1]
        state.fonts.add(plain)
        if font.get("/Subtype") == "/Type3":
            continue
        descriptor_font = font.DescendantFonts[0] if font.get("/Subtype") == "/Type0" else font
        descriptor = descriptor_font.get("/FontDescriptor")
        if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            state.report.errors.append(f"font {plain} is not embedded")
        if not plain.startswith(ALLOWED_FONT_PREFIX):
            state.report.errors.append(f"font {plain} is not one of assets/fonts/ (a system font filled in for missing characters)")


def resolve_space(value: Any, resources: Any) -> Any:
    if isinstance(value, pikepdf.Name) and str(value) not in ("/DeviceCMYK", "/DeviceRGB", "/DeviceGray", "/Pattern"):
        named = (resources.get("/ColorSpace") or {}).get(str(value))
        return named if named is not None else value
    return value


def name_of(space: Any) -> str:
    if isinstance(space, pikepdf.Array) and len(space) and space[0] == "/ICCBased":
        return f"/ICCBased{int(space[1].get('/N', 0))}"
    if isinstance(space, pikepdf.Array) and len(space):
        return str(space[0])
    return str(space)


def space_is_rgb(space: Any) -> bool:
    name = name_of(space)
    return name in RGB_SPACES or name == "/ICCBased3"


def is_cmyk(space: Any) -> bool:
    return name_of(space) in ("/DeviceCMYK", "/ICCBased4")


def describe_space(space: Any) -> str:
    return {"/DeviceRGB": "RGB", "/ICCBased3": "RGB", "/DeviceGray": "greyscale"}.get(name_of(space), name_of(space))
