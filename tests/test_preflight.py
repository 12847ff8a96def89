"""quangba's preflight (the check every print file passes before it replaces the last good one)
read on small PDF/X-4 files WeasyPrint makes here, each with one fault a print shop rejects,
and on one without: the rules of small text, paper-white text, bleed and annotations."""

from __future__ import annotations

from pathlib import Path

import pytest
from weasyprint import HTML

from conftest import PROJECT
from quangba.leaflets import preflight
from quangba.leaflets.formats import FORMATS

FLYER = FORMATS["a5-flyer"]
PROFILE = PROJECT / "assets" / "icc" / "quangba-fogra39-cmyk.icc"
FONT = next((PROJECT / "assets" / "fonts").glob("noto-sans-400n-latin.woff2"))
GREEN = "device-cmyk(0.82 0.28 0.95 0.18)"


def flyer(tmp_path: Path, body: str) -> list[str]:
    """The preflight's errors for a two-page A5 flyer with body on its first page."""
    html = f"""<style>
        @color-profile device-cmyk {{ src: url("{PROFILE.as_uri()}"); components: cyan, magenta, yellow, black }}
        @font-face {{ font-family: "Noto Sans"; src: url("{FONT.as_uri()}") }}
        @page {{ size: 148mm 210mm; margin: 0; bleed: 3mm }}
        body {{ margin: 0; font-family: "Noto Sans"; color: device-cmyk(0 0 0 1); font-size: 9pt }}
        .page {{ position: relative; height: 210mm; break-after: page }}
        </style><div class="page">{body}</div><div class="page"><p style="margin: 20mm">Back</p></div>"""
    pdf = tmp_path / "flyer.pdf"
    HTML(string=html).write_pdf(pdf, pdf_variant="pdf/x-4")
    return preflight.check(pdf, FLYER, 300, 300).errors


def test_a_good_file_passes(tmp_path: Path) -> None:
    body = f"""<p style="margin: 20mm">Black body text at 9 pt.</p>
        <h2 style="margin: 20mm; font-size: 14pt; color: {GREEN}">A green heading at 14 pt</h2>
        <div style="position: absolute; right: -3mm; bottom: -3mm; width: 60mm; height: 30mm; background: {GREEN}; color: device-cmyk(0 0 0 0); font-size: 10pt">
        <p style="margin: 8mm">Paper-white text at 10 pt</p></div>"""
    assert flyer(tmp_path, body) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (f'<p style="margin: 20mm; color: {GREEN}">Green body text at 9 pt</p>', "text run(s) text below 12 pt in 4 inks (C82 M28 Y95 K18, 9.0–9.0 pt)"),
        (
            f'<div style="margin: 20mm; background: {GREEN}; color: device-cmyk(0 0 0 0); font-size: 7.5pt"><p>White small print</p></div>',
            "reversed (paper-white) regular text below 9 pt",
        ),
        (
            f'<div style="position: absolute; right: 0; top: 0; width: 40mm; height: 40mm; background: {GREEN}"></div>',
            "reaches the right edge of the trim but stops 3.0 mm short of the bleed's edge",
        ),
        ('<p style="margin: 20mm"><a href="https://example.org/">A link</a></p>', "1 annotation(s) (links) inside the trim"),
    ],
    ids=["four-colour small text", "small reversed text", "colour stops at the trim", "link"],
)
def test_a_fault_is_named(tmp_path: Path, body: str, message: str) -> None:
    errors = flyer(tmp_path, body)
    assert any(message in error for error in errors), errors
    assert all(error.startswith("page 1: ") for error in errors), errors
