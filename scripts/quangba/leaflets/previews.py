"""PNG previews of a leaflet's screen PDF, and how a tri-fold looks folded and opened.

Rendered with PDFium (pypdfium2), so the previews are an independent reading of the PDF, not a
second rendering of the HTML.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter

from quangba.core.files import write_with
from quangba.leaflets.formats import LeafletFormat

PREVIEW_DPI = 110
GAP = 36  # pixels between the stages of the folded preview
BACKGROUND = (236, 238, 234)


def render_pages(pdf_path: Path, dpi: int = PREVIEW_DPI) -> list[Image.Image]:
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def write_previews(pdf_path: Path, out_dir: Path, stem: str, fmt: LeafletFormat) -> list[Path]:
    """<stem>-1.png, -2.png … for each page, plus <stem>-folded.png for a tri-fold."""
    pages = render_pages(pdf_path)
    written = []
    for number, image in enumerate(pages, start=1):
        written.append(save_png(image, out_dir / f"{stem}-{number}.png"))
    if fmt.name == "a4-trifold" and len(pages) == 2:
        written.append(save_png(folded_preview(pages, fmt), out_dir / f"{stem}-folded.png"))
    return written


def save_png(image: Image.Image, path: Path) -> Path:
    write_with(path, lambda f: image.save(f, "PNG", optimize=True))
    return path


def strip(page: Image.Image, fmt: LeafletFormat, x_mm: float, width_mm: float) -> Image.Image:
    scale = page.width / fmt.width
    return page.crop((round(x_mm * scale), 0, round((x_mm + width_mm) * scale), page.height))


def folded_preview(pages: list[Image.Image], fmt: LeafletFormat) -> Image.Image:
    """Three stages side by side: folded (the cover), cover opened (inside-left beside the flap),
    fully open (the inside)."""
    outside, inside = pages
    cover, flap = fmt.panel("cover"), fmt.panel("flap")
    inside_left = fmt.panel("inside-left")
    folded = strip(outside, fmt, cover.x, cover.width)
    opened = join([strip(inside, fmt, inside_left.x, inside_left.width), strip(outside, fmt, flap.x, flap.width)])
    stages = [folded, opened, inside]
    width = sum(s.width for s in stages) + GAP * (len(stages) + 1)
    height = max(s.height for s in stages) + 2 * GAP
    canvas = Image.new("RGB", (width, height), BACKGROUND)
    x = GAP
    for stage in stages:
        shadow = Image.new("L", canvas.size, 0)
        ImageDraw.Draw(shadow).rectangle((x + 6, GAP + 6, x + stage.width + 6, GAP + stage.height + 6), fill=110)
        canvas.paste((150, 155, 150), mask=shadow.filter(ImageFilter.GaussianBlur(6)))
        canvas.paste(stage, (x, GAP))
        x += stage.width + GAP
    return canvas


def join(parts: list[Image.Image]) -> Image.Image:
    out = Image.new("RGB", (sum(p.width for p in parts), max(p.height for p in parts)), "white")
    x = 0
    for part in parts:
        out.paste(part, (x, 0))
        x += part.width
    return out
