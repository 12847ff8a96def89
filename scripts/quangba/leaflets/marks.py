"""Printer's marks for the print file, on request: crop marks at the corners of the trim, fold
marks at the folds of a tri-fold, and a slug line naming the file, all in registration colour
(a /Separation /All colour, which prints on every plate) and all outside the bleed.

WeasyPrint's own marks are RGB and know no folds, so the marks are added to the written file
with pikepdf. The page grows by MARK_AREA_MM beyond the bleed on every side; the TrimBox and
BleedBox stay as they are. The slug is set as outlines (fontTools draws each glyph of the
project's Latin font) rather than as text, so the file embeds no extra font and a RIP needs none.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont

from quangba.leaflets.formats import LeafletFormat

PT_PER_MM = 72 / 25.4
MARK_AREA_MM = 10.0
OFFSET_MM = 1.0  # gap between the bleed and the start of a mark
LINE_PT = 0.25
FOLD_DASH_PT = 2.0
FOLD_MARK_MM = 5.0  # fold marks end this far from the bleed, clear of the slug
SLUG_PT = 6.0
SLUG_BELOW_MM = 8.5  # the slug's baseline, this far below the bleed's bottom edge (below the fold marks)
SLUG_FROM_MM = 12.0  # its start, this far right of the trim's left edge (clear of the corner marks)
REGISTRATION = "/CSReg"


def add_marks(path: Path, fmt: LeafletFormat, slug: str, font: Path) -> None:
    """Grow every page of path by the mark area and draw the marks and the slug on it."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        registration = registration_space(pdf)
        for side, page in enumerate(pdf.pages):
            trim = [float(v) for v in page.obj.TrimBox]
            x0, y0, x1, y1 = min(trim[0], trim[2]), min(trim[1], trim[3]), max(trim[0], trim[2]), max(trim[1], trim[3])
            reach = (fmt.bleed + MARK_AREA_MM) * PT_PER_MM
            media = pikepdf.Array([x0 - reach, y0 - reach, x1 + reach, y1 + reach])
            page.obj.MediaBox = media
            page.obj.CropBox = media
            if "/ArtBox" in page.obj:
                del page.obj["/ArtBox"]
            if "/Resources" not in page.obj:
                page.obj.Resources = pikepdf.Dictionary()
            if "/ColorSpace" not in page.obj.Resources:
                page.obj.Resources.ColorSpace = pikepdf.Dictionary()
            page.obj.Resources.ColorSpace[REGISTRATION] = registration
            folds = [x0 + fold * PT_PER_MM for fold in fmt.folds(side)]
            body = crop_marks(x0, y0, x1, y1, fmt.bleed) + fold_marks(folds, y0, y1, fmt.bleed) + slug_outlines(slug, font, x0, y0, fmt.bleed)
            # The page's own drawing is wrapped in q … Q: it leaves its coordinate system flipped.
            page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
            stream = f"Q\nq {REGISTRATION} CS {REGISTRATION} cs 1 SCN 1 scn\n{body}Q\n"
            page.contents_add(pdf.make_stream(stream.encode("ascii")), prepend=False)
        pdf.save(path)


def registration_space(pdf: pikepdf.Pdf) -> pikepdf.Array:
    """[/Separation /All /DeviceCMYK f]: every plate prints the mark, f maps tint t to t t t t."""
    tint = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)
    return pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name.All, pikepdf.Name.DeviceCMYK, pdf.make_indirect(tint)])


def crop_marks(x0: float, y0: float, x1: float, y1: float, bleed_mm: float) -> str:
    start = (bleed_mm + OFFSET_MM) * PT_PER_MM
    end = (bleed_mm + MARK_AREA_MM) * PT_PER_MM
    lines = []
    for x, sx in ((x0, -1), (x1, 1)):
        for y, sy in ((y0, -1), (y1, 1)):
            lines.append(f"{x + sx * start:.3f} {y:.3f} m {x + sx * end:.3f} {y:.3f} l S")  # horizontal, level with the trim
            lines.append(f"{x:.3f} {y + sy * start:.3f} m {x:.3f} {y + sy * end:.3f} l S")  # vertical
    return f"{LINE_PT} w [] 0 d\n" + "\n".join(lines) + "\n"


def fold_marks(folds: list[float], y0: float, y1: float, bleed_mm: float) -> str:
    """Dashed lines above and below the sheet at each fold (the print shop's convention: dashed
    for a fold, solid for a cut)."""
    if not folds:
        return ""
    start = (bleed_mm + OFFSET_MM) * PT_PER_MM
    end = (bleed_mm + FOLD_MARK_MM) * PT_PER_MM
    lines = [f"{x:.3f} {y1 + start:.3f} m {x:.3f} {y1 + end:.3f} l S\n{x:.3f} {y0 - start:.3f} m {x:.3f} {y0 - end:.3f} l S" for x in folds]
    return f"{LINE_PT} w [{FOLD_DASH_PT:g} {FOLD_DASH_PT:g}] 0 d\n" + "\n".join(lines) + "\n[] 0 d\n"


class PathPen(BasePen):
    """Glyph outlines as PDF path operators, moved and scaled (BasePen turns quadratic curves
    into the cubic ones PDF draws)."""

    def __init__(self, glyphs: object, scale: float, dx: float, dy: float) -> None:
        super().__init__(glyphs)
        self.scale, self.dx, self.dy = scale, dx, dy
        self.parts: list[str] = []

    def point(self, p: tuple[float, float]) -> str:
        return f"{self.dx + p[0] * self.scale:.2f} {self.dy + p[1] * self.scale:.2f}"

    def _moveTo(self, p: tuple[float, float]) -> None:  # noqa: N802 (BasePen's name)
        self.parts.append(f"{self.point(p)} m")

    def _lineTo(self, p: tuple[float, float]) -> None:  # noqa: N802 (BasePen's name)
        self.parts.append(f"{self.point(p)} l")

    def _curveToOne(self, p1: tuple[float, float], p2: tuple[float, float], p3: tuple[float, float]) -> None:  # noqa: N802 (BasePen's name)
        self.parts.append(f"{self.point(p1)} {self.point(p2)} {self.point(p3)} c")

    def _closePath(self) -> None:  # noqa: N802 (BasePen's name)
        self.parts.append("h")


def slug_outlines(text: str, font_file: Path, x0: float, y0: float, bleed_mm: float) -> str:
    """The slug line as filled outlines, below the sheet; a character the font lacks is left out."""
    with TTFont(font_file) as font:
        cmap, glyphs, metrics = font.getBestCmap(), font.getGlyphSet(), font["hmtx"]
        scale = SLUG_PT / font["head"].unitsPerEm
        x, y = x0 + SLUG_FROM_MM * PT_PER_MM, y0 - (bleed_mm + SLUG_BELOW_MM) * PT_PER_MM
        parts = []
        for char in text:
            name = cmap.get(ord(char))
            if name is None:
                continue
            pen = PathPen(glyphs, scale, x, y)
            glyphs[name].draw(pen)
            if pen.parts:
                parts.append(" ".join(pen.parts) + " f")
            x += metrics[name][0] * scale
    return "\n".join(parts) + "\n"
