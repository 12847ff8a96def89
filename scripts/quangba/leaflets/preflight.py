"""Preflight of a print PDF, read back from the file the print shop will receive.

PDF/X-4 identification and a CMYK output intent; on every page a TrimBox of the format's trim
size and a BleedBox larger by the bleed on every side, and no annotation (a link) over the
trimmed piece. Then every mark the pages paint (quangba.leaflets.pdfscan): no RGB colour; total
ink under the print shop's limit; every image CMYK and sharp enough at its placed size; every
font embedded, one of the project's, and drawing real glyphs (no glyph 0, no code the font
lacks); text below 12 pt in one ink only, reversed (paper-white) text large enough to stay open;
and every colour or photo that reaches the trim running on to the edge of the bleed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from quangba.images import max_total_ink
from quangba.leaflets.formats import LeafletFormat
from quangba.leaflets.pdfscan import Box, Colour, Mark, Scanner, resolve_space, space_kind

PT_PER_MM = 72 / 25.4
BOX_TOLERANCE_PT = 0.2
PPI_TOLERANCE = 1.0  # the placed size is rounded in the layout
ALLOWED_FONT_PREFIX = "Noto"
ONE_INK_BELOW_PT = 12.0  # smaller text in several inks blurs with the slightest misregistration
REVERSED_MIN_PT = 9.0  # paper-white text out of a colour: smaller regular strokes fill in
REVERSED_BOLD_MIN_PT = 7.0
NEAR_TRIM_MM = 0.5  # a mark ending this close to the trim is meant to reach it
SIZE_TOLERANCE_PT = 0.05


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
        scanner = Scanner()
        fonts: set[str] = set()
        for number, page in enumerate(pdf.pages, start=1):
            check_boxes(page, number, fmt, report)
            check_annotations(page, number, report)
            rules = PageRules(report, number, min_ppi, ink_limit, box_of(page.obj, "/TrimBox"), fmt.bleed * PT_PER_MM)
            for mark in scanner.marks(page):
                rules.judge(mark)
            rules.finish()
            fonts |= rules.fonts
        report.fonts = sorted(fonts)
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


def check_annotations(page: pikepdf.Page, number: int, report: PreflightReport) -> None:
    """PDF/X forbids annotations over the printed area; a link means nothing on paper."""
    trim = box_of(page.obj, "/TrimBox")
    inside = 0
    for annotation in page.obj.get("/Annots") or []:
        rect = box_of(annotation, "/Rect")
        if trim is None or rect is None or (rect[0] < trim[2] and rect[2] > trim[0] and rect[1] < trim[3] and rect[3] > trim[1]):
            inside += 1
    if inside:
        report.errors.append(f"page {number}: {inside} annotation(s) (links) inside the trim; a print file has none")


@dataclass
class PageRules:
    """The checks of every mark on one page; problems of one kind are summed up per page."""

    report: PreflightReport
    page: int
    min_ppi: float
    ink_limit: float
    trim: Box | None
    bleed: float  # points
    fonts: set[str] = field(default_factory=set)
    rgb: list[str] = field(default_factory=list)
    text: dict[tuple[str, str], list[float]] = field(default_factory=dict)  # (rule, colour) -> sizes
    glyphs: dict[tuple[str, str], int] = field(default_factory=dict)  # (font, problem) -> count
    short: dict[str, float] = field(default_factory=dict)  # side of the trim -> largest gap to the bleed edge
    seen_images: set[tuple[int, int]] = field(default_factory=set)

    def judge(self, mark: Mark) -> None:
        if mark.colour is not None:
            self.colour(mark.colour, mark.kind)
            if mark.colour.space == "/Separation" and self.inside_bleed(mark.box):
                self.error("a mark in a separation colour (registration) lies inside the bleed; marks belong outside it")
        if mark.kind == "image":
            self.image(mark)
        elif mark.kind == "text":
            self.text_mark(mark)
        if mark.kind in ("fill", "image", "shading") and (mark.kind != "fill" or (mark.colour is not None and mark.colour.total_ink > 0)):
            self.reaches_bleed(mark.box)

    def colour(self, colour: Colour, kind: str) -> None:
        if colour.space == "rgb":
            self.rgb.append(kind)
        ink = colour.total_ink
        self.report.max_ink = max(self.report.max_ink, ink)
        if ink > self.ink_limit + 0.5:
            self.error(f"a colour ({colour.describe()}) uses {ink:.0f} % total ink, above the print shop's limit of {self.ink_limit:g} %")

    def image(self, mark: Mark) -> None:
        xobject = mark.image
        if xobject is None:
            self.error("inline image (cannot be checked)")
            return
        space = pikepdf_space(xobject)
        if space != "cmyk":
            self.error(f"image {xobject.get('/Width')}×{xobject.get('/Height')} px is {SPACE_NAMES.get(space, space)}, not CMYK")
        width_pt, height_pt = mark.extent
        if width_pt > 0 and height_pt > 0:
            ppi = min(int(xobject.Width) / (width_pt / 72), int(xobject.Height) / (height_pt / 72))
            report = self.report
            report.min_ppi = ppi if report.min_ppi is None else min(report.min_ppi, ppi)
            if ppi + PPI_TOLERANCE < self.min_ppi:
                self.error(
                    f"image {int(xobject.Width)}×{int(xobject.Height)} px prints at {ppi:.0f} ppi over "
                    f"{mm(width_pt)} × {mm(height_pt)} mm; at least {self.min_ppi:g} ppi is needed"
                )
        if space == "cmyk" and xobject.objgen not in self.seen_images:
            self.seen_images.add(xobject.objgen)
            image = pikepdf.PdfImage(xobject).as_pil_image()
            if image.mode == "CMYK":
                ink = max_total_ink(image)
                self.report.max_ink = max(self.report.max_ink, ink)
                if ink > self.ink_limit + 0.5:
                    self.error(f"an image reaches {ink:.0f} % total ink, above the print shop's limit of {self.ink_limit:g} %")

    def text_mark(self, mark: Mark) -> None:
        font = mark.font
        assert font is not None
        if font.name not in self.fonts:
            self.fonts.add(font.name)
            if not font.embedded:
                self.error(f"font {font.name} is not embedded")
            if not font.name.startswith(ALLOWED_FONT_PREFIX):
                self.error(f"font {font.name} is not one of assets/fonts/ (a system font filled in for missing characters)")
        if font.composite:
            for code in mark.codes:
                gid = font.glyph(font.cid(code))
                if gid is None or gid == 0:
                    problem = "glyph 0 (.notdef: a character the font lacks)" if gid == 0 else "CID that is no glyph of the embedded font"
                    self.glyphs[(font.name, problem)] = self.glyphs.get((font.name, problem), 0) + 1
        colour = mark.colour
        if colour is None or colour.cmyk is None or not mark.codes:
            return
        size = mark.size
        if colour.inks == 0:
            least = REVERSED_BOLD_MIN_PT if font.bold else REVERSED_MIN_PT
            if size + SIZE_TOLERANCE_PT < least:
                self.text.setdefault((f"reversed (paper-white) {'bold' if font.bold else 'regular'} text below {least:g} pt", colour.describe()), []).append(
                    size
                )
        elif colour.inks > 1 and size + SIZE_TOLERANCE_PT < ONE_INK_BELOW_PT:
            self.text.setdefault((f"text below {ONE_INK_BELOW_PT:g} pt in {colour.inks} inks", colour.describe()), []).append(size)

    def inside_bleed(self, box: Box | None) -> bool:
        if box is None or self.trim is None:
            return False
        b = self.bleed - BOX_TOLERANCE_PT
        x0, y0, x1, y1 = self.trim
        return box[0] < x1 + b and box[2] > x0 - b and box[1] < y1 + b and box[3] > y0 - b

    def reaches_bleed(self, box: Box | None) -> None:
        """A mark that reaches an edge of the trim must go on to the edge of the bleed: the knife
        wanders by a millimetre, and would leave a white hairline."""
        if box is None or self.trim is None or box[0] >= box[2] or box[1] >= box[3]:
            return
        near = NEAR_TRIM_MM * PT_PER_MM
        x0, y0, x1, y1 = self.trim
        if box[2] <= x0 or box[0] >= x1 or box[3] <= y0 or box[1] >= y1:
            return  # outside the piece (in the bleed or the slug)
        edges = {
            "left": (x0 - box[0], box[0] <= x0 + near),
            "right": (box[2] - x1, box[2] >= x1 - near),
            "bottom": (y0 - box[1], box[1] <= y0 + near),
            "top": (box[3] - y1, box[3] >= y1 - near),
        }
        for side, (beyond, touches) in edges.items():
            if touches and beyond < self.bleed - BOX_TOLERANCE_PT:
                self.short[side] = max(self.short.get(side, 0.0), self.bleed - beyond)

    def finish(self) -> None:
        if self.rgb:
            self.error(f"RGB colour in the print file ({self.rgb[0]}); every colour must be CMYK")
        for (font, problem), count in sorted(self.glyphs.items()):
            self.error(f"{count} × {problem} in font {font}: those characters print as gaps or boxes")
        for (rule, colour), sizes in sorted(self.text.items()):
            self.error(f"{len(sizes)} text run(s) {rule} ({colour}, {min(sizes):.1f}–{max(sizes):.1f} pt): set small text in black (K) only, or larger")
        for side, gap in sorted(self.short.items()):
            self.error(
                f"a colour or photo reaches the {side} edge of the trim but stops {mm(gap)} mm short of the bleed's edge: extend it {mm(self.bleed)} mm past the trim"
            )

    def error(self, message: str) -> None:
        text = f"page {self.page}: {message}"
        if text not in self.report.errors:
            self.report.errors.append(text)


SPACE_NAMES = {"rgb": "RGB", "gray": "greyscale"}


def pikepdf_space(xobject: Any) -> str:
    return space_kind(resolve_space(xobject.get("/ColorSpace"), pikepdf.Dictionary()))
