"""How the demo's leaflets are set, read back from the PDFs with PDFium's text layer (lines as
laid out) and poppler's pdftotext: Korean lines break between words, headings never end on a
single word, phone numbers and figures with their unit stay on one line, note references
cannot pass for exponents, a note names its year once in the language's punctuation. Also:
print files carry no links (screen files do), every file is readable by others, and printer's
marks print on every plate outside the bleed."""

from __future__ import annotations

import itertools
import re
import shutil
import stat
import subprocess
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from conftest import PROJECT, run_quangba
from quangba.core import frontmatter
from quangba.core.files import current_umask
from quangba.leaflets.formats import FORMATS

LEAFLETS = PROJECT / "docs" / "publications" / "leaflets"
SOURCES = sorted(LEAFLETS.glob("*.md"))
IDS = [p.name.removesuffix(".md") for p in SOURCES]
MARKUP = re.compile(r"<!--.*?-->|\{\{.*?\}\}|[*_#>`|]|\[([^\]]*)\]\([^)]*\)", re.DOTALL)
PHONE = re.compile(r"\+\d{2,3}(?: \d{2,4}){2,}")
PT_PER_MM = 72 / 25.4


def lines(pdf: Path) -> list[str]:
    """Every line of text as laid out, page after page (no-break spaces read as spaces)."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        text = "\r\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    return [line.replace("\u00a0", " ").replace("\u2060", "").strip() for line in text.split("\r\n")]


def source_text(source: Path) -> str:
    document = frontmatter.read(source)
    body = MARKUP.sub(lambda m: m[1] or " ", document.body)
    return " ".join([str(document.meta.get("title", "")), str(document.meta.get("subtitle", "")), body])


@pytest.mark.parametrize("source", [s for s in SOURCES if s.name.endswith(".ko.md")], ids=lambda s: s.name)
def test_korean_breaks_between_words(demo_leaflets: Path, source: Path) -> None:
    words = source_text(source).split()
    laid_out = [line for line in lines(demo_leaflets / source.name.replace(".md", ".pdf")) if line]
    inside = []
    for first, second in itertools.pairwise(laid_out):
        if not (re.search(r"[\uac00-\ud7af]$", first) and re.match(r"[\uac00-\ud7af]", second)):
            continue
        joined = first.split()[-1] + second.split()[0]
        if any(joined in word for word in words):
            inside.append(f"{first.split()[-1]}|{second.split()[0]}")
    assert len(laid_out) > 20
    assert not inside, f"lines broken inside Korean words: {inside}"


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_headings_and_numbers_keep_together(demo_leaflets: Path, source: Path) -> None:
    document = frontmatter.read(source)
    lang = source.name.removesuffix(".md").rsplit(".", 1)[1]
    text = "\n".join(lines(demo_leaflets / source.name.replace(".md", ".pdf")))
    headings = [document.meta["title"], *re.findall(r"^##+ (.+)$", document.body, re.MULTILINE)]
    for heading in headings:
        words = heading.split() if lang != "zh" else list(heading.replace(" ", ""))
        pattern = r"\s*".join(re.escape(w) for w in words) if lang == "zh" else r"\s+".join(re.escape(w) for w in words)
        found = re.search(pattern, text)
        assert found, heading
        last_line = found[0].split("\n")[-1]
        assert len(last_line.split() if lang != "zh" else last_line) >= min(2, len(words)), f"{heading!r} ends on a line of its own: {last_line!r}"
    phones = PHONE.findall(document.body)
    for phone in phones:
        assert any(phone in line for line in text.split("\n")), f"{phone} is broken across lines"


@pytest.mark.parametrize("lang", ["vi", "en", "zh", "ko"])
def test_fact_notes(demo_leaflets: Path, lang: str) -> None:
    """References read "92 [2]" (not 92²), notes name their year once, in the language's punctuation."""
    text = subprocess.run(["pdftotext", "-layout", str(demo_leaflets / f"factsheet.{lang}.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert re.search(r"\d\s*\[\d\]", text), "figures carry bracketed references"
    assert not re.search(r"(\d{4})\D{1,3}\1", text.replace("202/2025/QH15", "")), "a year printed twice"
    notes = [line.strip() for line in text.splitlines() if re.match(r"\s*\[\d\] ", line)]
    assert len(notes) >= 3, text
    if lang == "zh":
        assert all("," not in note for note in notes) and any("，2025年" in note for note in notes), notes
    if lang == "ko":
        assert all(", 20" not in note for note in notes) and any("(2025년)" in note for note in notes), notes


def test_links_only_in_screen_files(demo_leaflets: Path) -> None:
    with pikepdf.open(demo_leaflets / "factsheet.en.pdf") as print_file:
        assert all("/Annots" not in page.obj for page in print_file.pages)
    with pikepdf.open(demo_leaflets / "screen" / "factsheet.en.pdf") as screen_file:
        links = [a for page in screen_file.pages for a in page.obj.get("/Annots") or [] if a.get("/Subtype") == "/Link"]
        assert len(links) >= 7


def test_files_are_readable_by_the_print_shop(demo_leaflets: Path) -> None:
    expected = 0o666 & ~current_umask()
    made = [*demo_leaflets.glob("*.pdf"), *demo_leaflets.glob("screen/*.pdf"), *demo_leaflets.glob("previews/*.png")]
    assert len(made) >= 24
    assert {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in made if stat.S_IMODE(p.stat().st_mode) != expected} == {}


def separations(pdf: Path, folder: Path, dpi: int = 72) -> dict[str, np.ndarray]:
    """Page 1's four process plates, rendered by Ghostscript's tiffsep (ink 0..255)."""
    subprocess.run(
        [
            "gs",
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-dSAFER",
            "-sDEVICE=tiffsep",
            f"-r{dpi}",
            "-dFirstPage=1",
            "-dLastPage=1",
            f"-sOutputFile={folder}/p.tif",
            str(pdf),
        ],
        check=True,
        capture_output=True,
    )
    plates = {}
    for ink in ("Cyan", "Magenta", "Yellow", "Black"):
        with Image.open(folder / f"p({ink}).tif") as plate:
            plates[ink] = 255 - np.asarray(plate.convert("L"), dtype=np.int16)  # tiffsep: 255 = no ink
    return plates


def test_marks_print_on_every_plate_outside_the_bleed(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(PROJECT / "mkdocs.yml", root)
    for folder in ("docs", "assets", "overrides"):
        shutil.copytree(PROJECT / folder, root / folder, ignore=shutil.ignore_patterns("video"))
    result = run_quangba("leaflets", "--only", "tourism", "--lang", "en", "--crop-marks", cwd=root)
    assert result.returncode == 0, result.stderr
    pdf = root / "print/leaflets/tourism.en.pdf"
    with pikepdf.open(pdf) as document:
        page = document.pages[0].obj
        media, trim, bleed = ([float(v) for v in page[key]] for key in ("/MediaBox", "/TrimBox", "/BleedBox"))
    assert media[0] < bleed[0] - 20 and media[2] > bleed[2] + 20
    plates = separations(pdf, tmp_path)
    scale = 1.0  # pixels per point at 72 dpi
    height = plates["Black"].shape[0]

    def pixel(x: float, y: float) -> tuple[int, int]:  # PDF points (origin bottom left) to (row, column)
        return int(height - (y - media[1]) * scale), int((x - media[0]) * scale)

    outside = np.ones_like(plates["Black"], dtype=bool)
    top_row, left_col = pixel(bleed[0], bleed[3])
    bottom_row, right_col = pixel(bleed[2], bleed[1])
    outside[top_row - 1 : bottom_row + 2, left_col - 1 : right_col + 2] = False
    inked = {ink: (plate > 128) & outside for ink, plate in plates.items()}
    assert inked["Black"].sum() > 200, "marks and slug"
    for ink in ("Cyan", "Magenta", "Yellow"):
        assert (inked[ink] == inked["Black"]).mean() > 0.999, f"the marks are on the {ink} plate too (registration colour)"
    # Fold marks above the sheet at each fold of the outside; the slug below the sheet.
    for fold in FORMATS["a4-trifold"].folds(0):
        row, col = pixel(trim[0] + fold * PT_PER_MM, trim[3] + 3 * PT_PER_MM + 3 * PT_PER_MM)
        assert inked["Black"][row - 4 : row + 4, col - 1 : col + 2].any(), f"fold mark at {fold} mm"
    slug_row, slug_col = pixel(trim[0] + 12 * PT_PER_MM, trim[1] - 11 * PT_PER_MM)
    assert inked["Black"][slug_row - 6 : slug_row + 3, slug_col : slug_col + 300].sum() > 100, "slug line"
