"""Print leaflets: the demo's print files checked with tools independent of quangba's own preflight
(poppler's pdfinfo, pdffonts, pdfimages, pdftotext; pikepdf for the PDF/X identification), the
screen PDFs and previews, the site's download list, and bad input in a copy of the project."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from conftest import PROJECT, Site, run_quangba
from quangba.core import frontmatter

PT_PER_MM = 72 / 25.4
LEAFLETS = PROJECT / "docs" / "publications" / "leaflets"
TRIM_MM = {"a5-flyer": (148, 210), "a4-trifold": (297, 210), "a4-factsheet": (210, 297)}
SIDES = {"a5-flyer": 2, "a4-trifold": 2, "a4-factsheet": 1}
BLEED_PT = 3 * PT_PER_MM
SOURCES = sorted(LEAFLETS.glob("*.md"))
IDS = [p.name.removesuffix(".md") for p in SOURCES]


def tool(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def meta(source: Path) -> dict:
    return frontmatter.read(source).meta


def test_demo_has_three_formats_in_four_languages() -> None:
    formats: dict[str, set[str]] = {}
    for source in SOURCES:
        _name, lang = source.name.removesuffix(".md").rsplit(".", 1)
        formats.setdefault(meta(source)["format"], set()).add(lang)
    assert formats == {f: {"vi", "en", "zh", "ko"} for f in ("a5-flyer", "a4-trifold", "a4-factsheet")}


def boxes(pdf: Path) -> list[dict[str, tuple[float, ...]]]:
    """Page boxes as pdfinfo -box prints them (one dict per page)."""
    text = tool("pdfinfo", "-box", "-f", "1", "-l", "99", pdf)
    pages: dict[int, dict[str, tuple[float, ...]]] = {}
    for page, name, values in re.findall(r"^Page\s+(\d+)\s+(\w+Box):\s+([-\d.\s]+)$", text, re.MULTILINE):
        pages.setdefault(int(page), {})[name] = tuple(float(v) for v in values.split())
    return [pages[n] for n in sorted(pages)]


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_print_pdf_boxes_fonts_images(demo_leaflets: Path, source: Path) -> None:
    fmt = meta(source)["format"]
    pdf = demo_leaflets / source.name.replace(".md", ".pdf")
    pages = boxes(pdf)
    assert len(pages) == SIDES[fmt]
    width, height = (v * PT_PER_MM for v in TRIM_MM[fmt])
    for page in pages:
        x0, y0, x1, y1 = page["TrimBox"]
        assert x1 - x0 == pytest.approx(width, abs=0.1) and y1 - y0 == pytest.approx(height, abs=0.1)
        assert page["BleedBox"] == pytest.approx((x0 - BLEED_PT, y0 - BLEED_PT, x1 + BLEED_PT, y1 + BLEED_PT), abs=0.1)
        media = page["MediaBox"]
        assert media[0] <= page["BleedBox"][0] + 0.01 and media[2] >= page["BleedBox"][2] - 0.01

    fonts = tool("pdffonts", pdf).splitlines()[2:]
    assert fonts, "no fonts"
    for line in fonts:
        name, emb = line.split()[0], line.split()[-5]
        assert emb == "yes", line
        assert re.match(r"^[A-Z]{6}\+Noto-Sans", name), f"not a project font: {line}"

    images = [line.split() for line in tool("pdfimages", "-list", pdf).splitlines()[2:]]
    assert images, "every demo leaflet has a photo"
    for row in images:
        color, x_ppi, y_ppi = row[5], float(row[12]), float(row[13])
        assert color == "cmyk", row
        assert x_ppi >= 299 and y_ppi >= 299, row


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_print_pdf_is_pdfx4_cmyk_only(demo_leaflets: Path, source: Path) -> None:
    pdf_path = demo_leaflets / source.name.replace(".md", ".pdf")
    with pikepdf.open(pdf_path) as pdf:
        intents = pdf.Root.OutputIntents
        assert intents[0].S == "/GTS_PDFX"
        assert int(intents[0].DestOutputProfile.N) == 4
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
        rich_black = []
        text_black = False
        for page in pdf.pages:
            for _stream, ops in content_streams(page):
                for operands, operator in ops:
                    op = str(operator)
                    assert op not in ("rg", "RG"), f"RGB colour {list(operands)} in {pdf_path.name}"
                    if op in ("cs", "CS"):
                        assert str(operands[0]) != "/DeviceRGB"
                    if op in ("scn", "SCN", "k", "K") and len(operands) == 4:
                        c, m, y, k = (float(v) for v in operands)
                        text_black |= (c, m, y, k) == (0, 0, 0, 1)
                        if k >= 0.9 and c + m + y > 0:
                            rich_black.append((c, m, y, k))
        assert text_black, "text is set in black ink only (0 0 0 1)"
        assert not rich_black, f"four-colour black: {rich_black}"


def content_streams(page: pikepdf.Page):
    """The page's content and, recursively, every form XObject it draws (SVG logo, QR code)."""
    yield page, pikepdf.parse_content_stream(page)
    seen: set = set()

    def forms(resources):
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                yield xobject, pikepdf.parse_content_stream(xobject)
                yield from forms(xobject.get("/Resources") or {})

    yield from forms(page.Resources)


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_text_reads_back_in_its_language(demo_leaflets: Path, source: Path) -> None:
    """pdftotext (through the fonts' ToUnicode maps) finds the title and the portal address: the
    glyphs are the right ones, also in Chinese and Korean."""
    text = squeeze(tool("pdftotext", demo_leaflets / source.name.replace(".md", ".pdf"), "-"))
    assert squeeze(meta(source)["title"]) in text
    assert "doingoai.thainguyen.example" in text
    paragraphs = plain_paragraphs(frontmatter.read(source).body)
    assert paragraphs, "each leaflet has a plain paragraph to compare"
    for paragraph in paragraphs:
        assert squeeze(paragraph) in text, paragraph


def squeeze(text: str) -> str:
    """Without white space: lines break anywhere in Chinese and Korean text."""
    return re.sub(r"\s+", "", text)


def plain_paragraphs(body: str) -> list[str]:
    """Paragraphs of the source printed exactly as written (no Markdown, no placeholders)."""
    found = []
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if block and block[0].isalpha() and not re.search(r"[{}*_\[\]<>#`|]", block):
            found.append(block)
    return found


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_screen_pdf_and_previews(demo_leaflets: Path, source: Path) -> None:
    fmt = meta(source)["format"]
    stem = source.name.removesuffix(".md")
    screen = demo_leaflets / "screen" / f"{stem}.pdf"
    info = tool("pdfinfo", "-box", screen)
    width, height = (v * PT_PER_MM for v in TRIM_MM[fmt])
    media = [float(v) for v in re.search(r"MediaBox:\s+([-\d.\s]+)\n", info)[1].split()]
    assert media[2] - media[0] == pytest.approx(width, abs=0.1), "screen PDF: trim size, no bleed"
    for row in tool("pdfimages", "-list", screen).splitlines()[2:]:
        assert row.split()[5] in ("rgb", "icc"), row
    assert screen.stat().st_size < (demo_leaflets / f"{stem}.pdf").stat().st_size / 3
    for number in range(1, SIDES[fmt] + 1):
        with Image.open(demo_leaflets / "previews" / f"{stem}-{number}.png") as preview:
            assert preview.width / preview.height == pytest.approx(width / height, rel=0.01)
    folded = demo_leaflets / "previews" / f"{stem}-folded.png"
    assert folded.exists() == (fmt == "a4-trifold")
    if folded.exists():
        with Image.open(folded) as picture:
            assert picture.width > picture.height * 2  # three stages side by side


def test_manifest_lists_every_leaflet(demo_leaflets: Path) -> None:
    entries = json.loads((demo_leaflets / "leaflets.json").read_text(encoding="utf-8"))["leaflets"]
    assert sorted(f"{e['name']}.{e['lang']}" for e in entries) == IDS
    assert all(e["min_ppi"] >= 299 for e in entries)


def test_second_run_changes_nothing(demo_leaflets: Path, demo_project: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in demo_leaflets.rglob("*.pdf")}
    result = run_quangba("leaflets", cwd=demo_project)
    assert result.returncode == 0
    assert "0 made, 12 unchanged" in result.stderr
    assert {p: p.stat().st_mtime_ns for p in demo_leaflets.rglob("*.pdf")} == before


def test_publications_page_offers_each_leaflet(demo_site: Site) -> None:
    for lang in demo_site.languages:
        page = demo_site.html("publications/index.md", lang)
        text = page.read_text(encoding="utf-8")
        assert "{{ leaflets }}" not in text
        links = re.findall(r'href="([^"]+\.pdf)" download', text)
        assert sorted(Path(link).name for link in links) == [f"{n}.{lang}.pdf" for n in ("factsheet", "invest", "tourism")]
        for link in links + re.findall(r'<img src="([^"]+leaflets[^"]+\.png)"', text):
            assert (page.parent / link).resolve().is_file(), link


# -- bad input, in a copy of the project --------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The demo project (config, docs, assets) with only the investment flyer and the tri-fold."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(PROJECT / "mkdocs.yml", root)
    shutil.copytree(PROJECT / "docs", root / "docs")
    shutil.copytree(PROJECT / "assets", root / "assets", ignore=shutil.ignore_patterns("video"))
    shutil.copytree(PROJECT / "overrides", root / "overrides")
    for source in (root / "docs/publications/leaflets").glob("factsheet.*"):
        source.unlink()
    return root


def leaflets(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_quangba("leaflets", *args, cwd=root)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_overflow_names_leaflet_panel_and_keeps_the_good_pdf(project: Path) -> None:
    assert leaflets(project, "--only", "invest", "--lang", "en").returncode == 0
    good = project / "print/leaflets/invest.en.pdf"
    before = good.read_bytes()
    source = project / "docs/publications/leaflets/invest.en.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n" + "More about the province and its people. " * 120 + "\n", encoding="utf-8")
    result = leaflets(project, "--only", "invest", "--lang", "en")
    assert result.returncode == 1
    marker = next(n for n, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1) if "panel: back" in line)
    assert f"invest (en): docs/publications/leaflets/invest.en.md:{marker}: text runs" in result.stderr
    assert "past the bottom of the 'back' panel" in result.stderr
    assert good.read_bytes() == before
    assert not list(good.parent.glob(".*.part"))


def test_photo_too_small_for_its_place(project: Path) -> None:
    Image.new("RGB", (900, 600), (90, 140, 90)).save(project / "assets/images/small.jpg", quality=90)
    shutil.copy(project / "assets/images/tea-hills.yml", project / "assets/images/small.yml")
    edit(project / "docs/publications/leaflets/invest.vi.md", "front: industrial-park", "front: small")
    result = leaflets(project, "--only", "invest", "--lang", "vi")
    assert result.returncode == 1
    assert "invest (vi)" in result.stderr and "assets/images/small.jpg: 900×600 px prints at" in result.stderr
    assert "use a larger original" in result.stderr


def test_missing_glyph(project: Path) -> None:
    edit(project / "docs/publications/leaflets/invest.ko.md", "<!-- panel: back -->", "<!-- panel: back -->\n\nꙮ")
    result = leaflets(project, "--only", "invest", "--lang", "ko")
    assert result.returncode == 1
    assert "'ꙮ' (U+A66E CYRILLIC LETTER MULTIOCULAR O) in the 'back' panel is in none of the fonts" in result.stderr


def test_unknown_format(project: Path) -> None:
    source = project / "docs/publications/leaflets/invest.zh.md"
    edit(source, "format: a5-flyer", "format: a3-poster")
    result = leaflets(project, "--only", "invest", "--lang", "zh")
    assert result.returncode == 1
    assert "invest.zh.md:4: unknown format 'a3-poster'; use one of: a5-flyer, a4-trifold, a4-factsheet" in result.stderr


def test_unknown_panel_has_its_line(project: Path) -> None:
    source = project / "docs/publications/leaflets/invest.zh.md"
    edit(source, "<!-- panel: back -->", "<!-- panel: inside -->")
    line = next(n for n, text in enumerate(source.read_text(encoding="utf-8").splitlines(), 1) if "panel: inside" in text)
    result = leaflets(project, "--only", "invest", "--lang", "zh")
    assert result.returncode == 1
    assert f"invest.zh.md:{line}: unknown panel 'inside' for a5-flyer; panels: front, back" in result.stderr


def test_missing_translation_and_unknown_names(project: Path) -> None:
    (project / "docs/publications/leaflets/invest.ko.md").unlink()
    (project / "docs/publications/leaflets/invest.jp.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    result = leaflets(project, "--only", "invest", "--lang", "ko")
    assert result.returncode == 1
    assert "docs/publications/leaflets/invest.ko.md: missing translation of" in result.stderr
    assert "invest.jp.md: name it NAME.LANG.md with LANG one of vi, en, zh, ko" in result.stderr
    assert "no leaflet 'nothing'" in leaflets(project, "--only", "nothing").stderr


def test_coverage_reports_a_lost_panel_marker(project: Path) -> None:
    """Leaflets are in the coverage report like pages; a translation that lost a panel marker is an error there."""
    source = project / "docs/publications/leaflets/invest.en.md"
    edit(source, "<!-- panel: back -->\n", "")
    result = run_quangba("coverage", "docs", "--format", "json", cwd=project)
    report = json.loads(result.stdout)
    pages = {page["path"]: page for page in report["languages"]["en"]["pages"]}
    problems = [p["message"] for p in pages["publications/leaflets/invest.md"]["problems"]]
    assert any(m.startswith("<!-- panel: back --> is missing (source line") for m in problems), problems
    assert pages["publications/leaflets/tourism.md"]["problems"] == []


def test_a_leaflet_never_fetches_from_the_internet(project: Path) -> None:
    edit(
        project / "docs/publications/leaflets/invest.en.md", "<!-- panel: back -->", "<!-- panel: back -->\n\n![map](https://tile.openstreetmap.org/1/1/1.png)"
    )
    result = leaflets(project, "--only", "invest", "--lang", "en")
    assert result.returncode == 1
    assert "invest.en.md: WeasyPrint: Failed to load image at 'https://tile.openstreetmap.org/1/1/1.png'" in result.stderr
    assert not (project / "print/leaflets/invest.en.pdf").exists()


def test_build_stops_on_a_bad_leaflet(project: Path) -> None:
    edit(project / "docs/publications/leaflets/tourism.ko.md", "format: a4-trifold", "format: a4-trifolded")
    result = run_quangba("build", "--site-dir", project / "out", cwd=project)
    assert result.returncode == 1
    assert "unknown format 'a4-trifolded'" in result.stderr and "Build stopped" in result.stderr
    assert not (project / "out").exists()
