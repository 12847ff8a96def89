"""Crop marks for the print file, drawn in black ink only (WeasyPrint's own marks are RGB).

The page grows by MARK_AREA_MM beyond the bleed on every side; short hairlines at each corner
of the trim start clear of the bleed so they never print on the piece.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

from quangba.leaflets.formats import LeafletFormat

PT_PER_MM = 72 / 25.4
MARK_AREA_MM = 10.0
OFFSET_MM = 1.0  # gap between the bleed and the start of a mark
LINE_PT = 0.25


def add_crop_marks(path: Path, fmt: LeafletFormat) -> None:
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            trim = [float(v) for v in page.obj.TrimBox]
            x0, y0, x1, y1 = min(trim[0], trim[2]), min(trim[1], trim[3]), max(trim[0], trim[2]), max(trim[1], trim[3])
            reach = (fmt.bleed + MARK_AREA_MM) * PT_PER_MM
            media = pikepdf.Array([x0 - reach, y0 - reach, x1 + reach, y1 + reach])
            page.obj.MediaBox = media
            page.obj.CropBox = media
            if "/ArtBox" in page.obj:
                del page.obj["/ArtBox"]
            page.contents_add(pdf.make_stream(marks_stream(x0, y0, x1, y1, fmt.bleed).encode("ascii")), prepend=False)
        pdf.save(path)


def marks_stream(x0: float, y0: float, x1: float, y1: float, bleed_mm: float) -> str:
    start = (bleed_mm + OFFSET_MM) * PT_PER_MM
    end = (bleed_mm + MARK_AREA_MM) * PT_PER_MM
    lines = []
    for x, sx in ((x0, -1), (x1, 1)):
        for y, sy in ((y0, -1), (y1, 1)):
            lines.append(f"{x + sx * start:.3f} {y:.3f} m {x + sx * end:.3f} {y:.3f} l S")  # horizontal, level with the trim
            lines.append(f"{x:.3f} {y + sy * start:.3f} m {x:.3f} {y + sy * end:.3f} l S")  # vertical
    return "q 0 0 0 1 K {w} w\n{body}\nQ\n".format(w=LINE_PT, body="\n".join(lines))
