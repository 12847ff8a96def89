"""Render a PDF with four engines quangba does not use to write it, and compare the renders.

PDFium (pypdfium2, Chrome's reader) is the reference; poppler (pdftoppm), Ghostscript (the core
of many print shops' RIPs), MuPDF (mutool) and pdf.js (Firefox's viewer, run in Chromium from
tests/js/node_modules, installed by scripts/install.sh --test) are compared with it. Two comparisons, both made
to tolerate what legitimately differs between engines (anti-aliasing, rounding of the page
size, colour management). Debian's MuPDF is built without colour management, so a print file
is drawn by MuPDF as CMYK separations and converted to screen colours here, through the output
profile the file itself carries (its PDF/X output intent), as the other engines do.

- texture: the page is cut into tiles and the standard deviation of each tile's grey levels
  compared with the most textured of the nine tiles around it in the other render (a line of
  text may sit a pixel higher in one render and fall into the next tile); a tile with text,
  lines or a photo has texture, a tile whose text an engine did not draw has none. Colour
  shifts change contrast by a factor (up to about 2 for MuPDF's CMYK), not whether there is any.
- glyphs: every character PDFium's text layer places on the page must have ink in each
  engine's render: contrast inside its box at least a fraction of the reference's. Text
  extraction alone cannot see a missing glyph (it reads the text layer, not the drawing).
"""

from __future__ import annotations

import base64
import io
import mimetypes
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pikepdf
import pypdfium2 as pdfium
from PIL import Image, ImageCms

DPI = 100
ENGINES = ("poppler", "ghostscript", "mupdf", "pdfjs")
PDFJS = Path(__file__).resolve().parent / "js" / "node_modules" / "pdfjs-dist"
ORIGIN = "http://pdfjs.test"  # answered by the page's route handler: nothing leaves the machine
PDFJS_PAGE = """<!doctype html><meta charset="utf-8"><script type="module">
import * as pdfjs from "/pdfjs/build/pdf.mjs";
pdfjs.GlobalWorkerOptions.workerSrc = "/pdfjs/build/pdf.worker.mjs";
window.renderPdf = async (scale) => {
  const options = {url: "/document.pdf", cMapUrl: "/pdfjs/cmaps/", cMapPacked: true, standardFontDataUrl: "/pdfjs/standard_fonts/",
                   wasmUrl: "/pdfjs/wasm/", iccUrl: "/pdfjs/iccs/", useSystemFonts: false, isEvalSupported: false};
  const pdf = await pdfjs.getDocument(options).promise;
  const pages = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const viewport = page.getViewport({scale});
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(viewport.width);
    canvas.height = Math.round(viewport.height);
    const context = canvas.getContext("2d");
    context.fillStyle = "white";
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({canvas, canvasContext: context, viewport}).promise;
    pages.push(canvas.toDataURL("image/png"));
  }
  return pages;
};
window.pdfjsReady = true;
</script>"""
GS_SMOOTH = ("-dTextAlphaBits=4", "-dGraphicsAlphaBits=4")  # anti-aliasing, as the other engines do
TILE_PX = 16  # 4 mm at 100 dpi: a word or two of body text
TILE_MIN_TEXTURE = 10.0  # grey levels: below this in both renders a tile is flat
TILE_MIN_RATIO = 0.3  # each render keeps at least this share of the other's texture, near the tile
GLYPH_MIN_CONTRAST = 60  # grey levels of contrast in the reference for a glyph to be checked
GLYPH_MIN_RATIO = 0.35


@dataclass
class PageComparison:
    engine: str
    page: int
    tiles: int  # tiles with texture in either render
    differing: list[tuple[int, int, float, float]]  # (x mm, y mm, reference texture, engine texture)
    glyphs: int  # glyphs checked
    missing: list[str]  # glyphs without ink in the engine's render

    def describe(self) -> str:
        parts = [f"{self.engine} page {self.page}: {len(self.differing)} of {self.tiles} tiles differ, {len(self.missing)} of {self.glyphs} glyphs missing"]
        if self.differing:
            parts.append("tiles at " + ", ".join(f"({x}, {y}) mm {a:.0f}→{b:.0f}" for x, y, a, b in self.differing[:8]))
        if self.missing:
            parts.append("missing: " + "".join(self.missing[:60]))
        return "; ".join(parts)


class PdfJs:
    """pdf.js in a Chromium page (a Playwright browser); PDFs and pdf.js's files are served by a
    route handler from disk."""

    def __init__(self, browser: Any) -> None:
        self.page = browser.new_page()
        self.document = b""
        self.page.route(f"{ORIGIN}/**", self.answer)
        self.page.goto(f"{ORIGIN}/index.html")
        self.page.wait_for_function("window.pdfjsReady === true")

    def answer(self, route: Any) -> None:
        path = route.request.url.removeprefix(ORIGIN).split("?")[0]
        if path == "/index.html":
            route.fulfill(body=PDFJS_PAGE, content_type="text/html")
        elif path == "/document.pdf":
            route.fulfill(body=self.document, content_type="application/pdf")
        elif path.startswith("/pdfjs/") and (PDFJS / path.removeprefix("/pdfjs/")).is_file():
            file = PDFJS / path.removeprefix("/pdfjs/")
            kind = "text/javascript" if file.suffix == ".mjs" else (mimetypes.guess_type(file.name)[0] or "application/octet-stream")
            route.fulfill(body=file.read_bytes(), content_type=kind)
        else:
            route.fulfill(status=404, body="")

    def render(self, pdf: Path) -> list[np.ndarray]:
        self.document = pdf.read_bytes()
        pages = []
        for url in self.page.evaluate("scale => window.renderPdf(scale)", DPI / 72):
            with Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))) as image:
                pages.append(np.asarray(image.convert("L"), dtype=np.float32))
        return pages

    def close(self) -> None:
        self.page.close()


def render(pdf: Path, engine: str, pdfjs: PdfJs | None = None) -> list[np.ndarray]:
    """Every page as a greyscale array (0 black … 255 white), at DPI."""
    if engine == "pdfjs":
        assert pdfjs is not None, "pdf.js renders in a browser: pass a PdfJs"
        return pdfjs.render(pdf)
    if engine == "pdfium":
        document = pdfium.PdfDocument(str(pdf))
        try:
            return [np.asarray(document[i].render(scale=DPI / 72, grayscale=True).to_pil().convert("L"), dtype=np.float32) for i in range(len(document))]
        finally:
            document.close()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        command = {
            "poppler": ["pdftoppm", "-gray", "-r", str(DPI), "-png", str(pdf), str(out / "p")],
            "ghostscript": [
                "gs",
                "-q",
                "-dNOPAUSE",
                "-dBATCH",
                "-dSAFER",
                "-sDEVICE=pnggray",
                f"-r{DPI}",
                *GS_SMOOTH,
                f"-sOutputFile={out}/p-%d.png",
                str(pdf),
            ],
            "mupdf": ["mutool", "draw", "-q", "-c", "gray", "-r", str(DPI), "-o", f"{out}/p-%d.png", str(pdf)],
        }[engine]
        profile = output_profile(pdf, out)
        if engine == "mupdf" and profile is not None:
            command = ["mutool", "draw", "-q", "-c", "cmyk", "-r", str(DPI), "-o", f"{out}/p-%d.psd", str(pdf)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert result.returncode == 0, f"{engine} failed on {pdf.name}: {result.stderr[-500:]}"
        files = sorted([*out.glob("p-*.png"), *out.glob("p-*.psd")], key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        pages = []
        for file in files:
            with Image.open(file) as image:
                if image.mode == "CMYK" and profile is not None:
                    transform = ImageCms.buildTransform(ImageCms.getOpenProfile(str(profile)), ImageCms.createProfile("sRGB"), "CMYK", "RGB")
                    image = ImageCms.applyTransform(image, transform)
                pages.append(np.asarray(image.convert("L"), dtype=np.float32))
        return pages


def output_profile(pdf: Path, folder: Path) -> Path | None:
    """The CMYK profile of the file's PDF/X output intent, written to folder (None: no intent)."""
    with pikepdf.open(pdf) as document:
        for intent in document.Root.get("/OutputIntents") or []:
            profile = intent.get("/DestOutputProfile")
            if profile is not None and int(profile.get("/N", 0)) == 4:
                path = folder / "output-intent.icc"
                path.write_bytes(profile.read_bytes())
                return path
    return None


def soften(page: np.ndarray) -> np.ndarray:
    """A 5 × 5 box blur: an edge that falls on a tile boundary in one render still gives texture
    to the tiles on both sides, as it does where it falls a pixel away in the other."""
    padded = np.pad(page, 2, mode="edge")
    h, w = page.shape
    return np.mean([padded[dy : dy + h, dx : dx + w] for dy in range(5) for dx in range(5)], axis=0)


def texture(page: np.ndarray) -> np.ndarray:
    """Standard deviation of each TILE_PX square of the (softened) page."""
    page = soften(page)
    h, w = (page.shape[0] // TILE_PX) * TILE_PX, (page.shape[1] // TILE_PX) * TILE_PX
    tiles = page[:h, :w].reshape(h // TILE_PX, TILE_PX, w // TILE_PX, TILE_PX)
    return tiles.std(axis=(1, 3))


def around(values: np.ndarray) -> np.ndarray:
    """Each tile's value replaced by the largest of it and its eight neighbours."""
    padded = np.pad(values, 1, mode="edge")
    h, w = values.shape
    return np.max([padded[dy : dy + h, dx : dx + w] for dy in range(3) for dx in range(3)], axis=0)


def glyph_boxes(pdf: Path) -> list[list[tuple[str, int, int, int, int]]]:
    """Per page, (character, left, top, right, bottom) in pixels at DPI of every visible character."""
    document = pdfium.PdfDocument(str(pdf))
    pages = []
    try:
        for page in document:
            _, _, _, top = page.get_bbox()
            left = page.get_bbox()[0]
            text = page.get_textpage()
            boxes = []
            for index in range(text.count_chars()):
                char = text.get_text_range(index, 1)
                if not char.strip() or char in "\u00a0\u2060\ufffe\uffff":
                    continue
                x0, y0, x1, y1 = text.get_charbox(index)
                scale = DPI / 72
                boxes.append((char, int((x0 - left) * scale), int((top - y1) * scale), int((x1 - left) * scale) + 1, int((top - y0) * scale) + 1))
            pages.append(boxes)
    finally:
        document.close()
    return pages


def contrast(page: np.ndarray, box: tuple[int, int, int, int]) -> float:
    left, top, right, bottom = box
    region = page[max(top - 1, 0) : bottom + 1, max(left - 1, 0) : right + 1]
    return float(region.max() - region.min()) if region.size else 0.0


def compare(pdf: Path, pdfjs: PdfJs | None = None) -> list[PageComparison]:
    """Each engine's pages against PDFium's (pdf.js's only when a PdfJs is given)."""
    reference = render(pdf, "pdfium")
    glyphs = glyph_boxes(pdf)
    comparisons = []
    for engine in ENGINES:
        if engine == "pdfjs" and pdfjs is None:
            continue
        pages = render(pdf, engine, pdfjs)
        assert len(pages) == len(reference), f"{engine} rendered {len(pages)} pages of {pdf.name}, PDFium {len(reference)}"
        for number, (ref, other) in enumerate(zip(reference, pages, strict=True), start=1):
            h, w = min(ref.shape[0], other.shape[0]), min(ref.shape[1], other.shape[1])
            ref, other = ref[:h, :w], other[:h, :w]
            a, b = texture(ref), texture(other)
            textured = np.maximum(a, b) >= TILE_MIN_TEXTURE
            lost = (a >= TILE_MIN_TEXTURE) & (around(b) < TILE_MIN_RATIO * a)  # detail the engine did not draw
            added = (b >= TILE_MIN_TEXTURE) & (around(a) < TILE_MIN_RATIO * b)  # detail only the engine drew
            differing = lost | added
            mm = TILE_PX * 25.4 / DPI
            spots = [(round(x * mm), round(y * mm), float(a[y, x]), float(b[y, x])) for y, x in zip(*np.nonzero(differing), strict=True)]
            checked, missing = 0, []
            for char, *box in glyphs[number - 1]:
                reach = contrast(ref, tuple(box))  # type: ignore[arg-type]
                if reach < GLYPH_MIN_CONTRAST:
                    continue  # too faint or too small at this resolution to judge
                checked += 1
                if contrast(other, tuple(box)) < GLYPH_MIN_RATIO * reach:  # type: ignore[arg-type]
                    missing.append(char)
            comparisons.append(PageComparison(engine, number, int(textured.sum()), spots, checked, missing))
    return comparisons
