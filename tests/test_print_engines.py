"""Every print and screen PDF of the demo draws the same in PDFium, poppler, Ghostscript, MuPDF
and pdf.js (tests/print_engines.py), draws no glyph 0 (MuPDF's own trace of the glyphs it draws),
and passes quangba's preflight. A control case shows that the comparison sees the defect it
exists for: a Chinese text set by WeasyPrint in the web font slice itself (CID-keyed CFF),
which poppler and PDFium draw and Ghostscript, MuPDF and pdf.js do not."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from weasyprint import HTML

from conftest import PROJECT
from print_engines import ENGINES, PdfJs, compare
from quangba.core import frontmatter
from quangba.leaflets import preflight
from quangba.leaflets.formats import FORMATS
from test_browser import CHROMIUM_ARGS
from test_nginx_server import chromium

LEAFLETS = PROJECT / "docs" / "publications" / "leaflets"
STEMS = sorted(p.name.removesuffix(".md") for p in LEAFLETS.glob("*.md"))
PDFS = [f"{kind}{stem}.pdf" for kind in ("", "screen/") for stem in STEMS]


@pytest.fixture(scope="module")
def pdfjs() -> Iterator[PdfJs]:
    with chromium(CHROMIUM_ARGS) as browser:
        renderer = PdfJs(browser)
        yield renderer
        renderer.close()


@pytest.mark.parametrize("name", PDFS)
def test_engines_draw_the_same(demo_leaflets: Path, pdfjs: PdfJs, name: str) -> None:
    comparisons = compare(demo_leaflets / name, pdfjs)
    assert {c.engine for c in comparisons} == set(ENGINES)
    assert sum(c.glyphs for c in comparisons) > 100, "the page's text was checked"
    wrong = [c.describe() for c in comparisons if c.differing or c.missing]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", PDFS)
def test_no_glyph_zero(demo_leaflets: Path, name: str) -> None:
    """MuPDF's trace lists each glyph it draws: none is glyph 0 (.notdef, a gap or a box)."""
    trace = subprocess.run(["mutool", "trace", str(demo_leaflets / name)], capture_output=True, text=True, check=True).stdout
    glyphs = re.findall(r'<g unicode="[^"]*" glyph="([^"]+)"', trace)
    assert len(glyphs) > 300
    assert glyphs.count("0") == 0 and glyphs.count(".notdef") == 0


@pytest.mark.parametrize("stem", STEMS)
def test_print_files_pass_the_preflight(demo_leaflets: Path, stem: str) -> None:
    fmt = FORMATS[frontmatter.read(LEAFLETS / f"{stem}.md").meta["format"]]
    report = preflight.check(demo_leaflets / f"{stem}.pdf", fmt, 300, 300)
    assert report.errors == []
    assert report.pages == fmt.sides and report.fonts


def test_the_comparison_sees_glyphs_an_engine_does_not_draw(tmp_path: Path, pdfjs: PdfJs) -> None:
    """The defect of WeasyPrint issue 1844, reproduced: the site's CFF slice embedded as it is."""
    css = PROJECT / "assets" / "fonts" / "fonts.css"
    slice_file = css.parent / "source" / "noto-sans-sc-400.woff2"
    html = f"""<style>@font-face {{ font-family: web; src: url("{slice_file.as_uri()}"); }}
        @page {{ size: 120mm 60mm; margin: 10mm }} body {{ font: 14pt web }}</style>
        <p>的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经</p>"""
    pdf = tmp_path / "web-slice.pdf"
    HTML(string=html).write_pdf(pdf)
    comparisons = {c.engine: c for c in compare(pdf, pdfjs)}
    for engine in ("ghostscript", "mupdf", "pdfjs"):
        assert len(comparisons[engine].missing) > 40 and comparisons[engine].differing, comparisons[engine].describe()
    assert not comparisons["poppler"].missing
    # quangba's preflight reads the same file as wrong: codes that name no glyph of the font.
    report = preflight.check(pdf, FORMATS["a5-flyer"], 300, 300)
    assert any("no glyph of the embedded font" in error for error in report.errors), report.errors
