"""Compare the renders of print and screen PDFs in PDFium, poppler, Ghostscript, MuPDF and pdf.js.

    python bench/print_engines.py [FOLDER ...]

FOLDER defaults to print/leaflets (and its screen/ folder). For each PDF and engine it prints
the pages, the textured tiles compared and how many differ from PDFium's render, the glyphs
checked and how many have no ink, using the comparison of the tests (tests/print_engines.py).
Run it by hand on a print folder, a print shop's proof or an older build; the figures of the
demo go in the README and the closing note.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from print_engines import ENGINES, PdfJs, compare  # noqa: E402  (a test helper, found through sys.path)
from test_browser import CHROMIUM_ARGS  # noqa: E402


def main(folders: list[Path]) -> int:
    pdfs = sorted(p for folder in folders for p in [*folder.glob("*.pdf"), *folder.glob("screen/*.pdf")])
    if not pdfs:
        print(f"no PDF in {', '.join(map(str, folders))}", file=sys.stderr)
        return 1
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    started = time.perf_counter()
    print(f"{'file':34} {'engine':12} {'pages':>5} {'tiles':>6} {'differ':>6} {'glyphs':>6} {'missing':>7}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        pdfjs = PdfJs(browser)
        for pdf in pdfs:
            compare_one(pdf, pdfjs, totals)
        browser.close()
    print(f"\n{len(pdfs)} PDFs in {time.perf_counter() - started:.0f} s")
    for engine in ENGINES:
        pages, tiles, differ, glyphs, missing = totals[engine]
        print(f"{engine:12} {pages} pages, {differ} of {tiles} tiles differ from PDFium, {missing} of {glyphs} glyphs without ink")
    return 0 if all(totals[e][2] == 0 and totals[e][4] == 0 for e in ENGINES) else 1


def compare_one(pdf: Path, pdfjs: PdfJs, totals: dict[str, list[int]]) -> None:
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for page in compare(pdf, pdfjs):
        row = rows[page.engine]
        for index, value in enumerate((1, page.tiles, len(page.differing), page.glyphs, len(page.missing))):
            row[index] += value
    for engine in ENGINES:
        pages, tiles, differ, glyphs, missing = rows[engine]
        name = str(pdf.relative_to(pdf.parents[1] if pdf.parent.name == "screen" else pdf.parent))
        print(f"{name:34} {engine:12} {pages:5} {tiles:6} {differ:6} {glyphs:6} {missing:7}")
        totals[engine] = [a + b for a, b in zip(totals[engine], rows[engine], strict=True)]


if __name__ == "__main__":
    sys.exit(main([Path(a) for a in sys.argv[1:]] or [Path("print/leaflets")]))
