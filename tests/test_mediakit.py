"""The media kit for journalists (docs/publications/media-kit.*.md), in the built demo site: every
photo of the library with its caption, credit and licence in the page's language, downloads that
are the size they say, the fact sheets and the logo; and the editor's mistakes with the
{{ photo_library }} marker, reported as file:line in Vietnamese."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from conftest import PROJECT, Site, run_quangba

PAGE = "publications/media-kit.md"
LANGUAGES = ("vi", "en", "zh", "ko")
DIGITS = re.compile(r"[^\d]")


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(node) -> str:
    return " ".join(node.get_text().split())


def resolve(site: Site, page: Path, href: str) -> Path:
    """The built file a relative link of page leads to."""
    base = "http://site/" + page.parent.relative_to(site.root).as_posix() + "/"
    path = unquote(urlsplit(urljoin(base, href)).path).lstrip("/")
    return site.root / path


def sidecars(project: Path) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.with_suffix(".yml").read_text(encoding="utf-8")) for p in sorted((project / "assets/images").glob("*.jpg"))}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_photo_with_its_caption_credit_and_licence_in_the_page_language(demo_site: Site, demo_project: Path, lang: str) -> None:
    page = demo_site.html(PAGE, lang)
    root = parse(page)
    assert root.html["lang"] == lang
    figures = root.select("figure.quangba-mediakit__item")
    photos = sidecars(demo_project)
    assert len(figures) == len(photos) >= 5
    seen = set()
    for figure in figures:
        img = figure.img
        stem = re.fullmatch(r".*/web/(.+)-\d+\.jpg", img["src"])[1]
        seen.add(stem)
        sidecar = photos[stem]
        assert img["alt"] == sidecar["alt"][lang]
        assert text(figure.select_one(".quangba-mediakit__caption")) == sidecar["caption"][lang]
        details = [text(d) for d in figure.select("dd")]
        assert sidecar["credit"][lang] in details
        assert any("CC0 1.0" in d for d in details) if sidecar["licence"] == "CC0-1.0" else sidecar["licence"] in " ".join(details)
        # The thumbnail is a web derivative that exists, with its real size in width/height.
        thumb = resolve(demo_site, page, img["src"])
        with Image.open(thumb) as image:
            assert image.size == (int(img["width"]), int(img["height"]))
        for source in figure.select("source"):
            for candidate in source["srcset"].split(","):
                assert resolve(demo_site, page, candidate.split()[0]).is_file()
    assert seen == set(photos)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_downloads_are_the_large_web_size_they_say(demo_site: Site, lang: str) -> None:
    page = demo_site.html(PAGE, lang)
    links = parse(page).select("a.quangba-mediakit__download")
    assert links
    for link in links:
        assert link.has_attr("download")
        file = resolve(demo_site, page, link["href"])
        assert file.is_file(), link["href"]
        with Image.open(file) as image:
            width, height = image.size
            assert image.format == "JPEG"
        size = link.select_one(".quangba-mediakit__size")
        pixels, kilobytes = text(size).split("·")
        shown_width, shown_height = (int(DIGITS.sub("", part)) for part in pixels.removesuffix(" px").split("×"))
        assert (shown_width, shown_height) == (width, height)
        assert int(DIGITS.sub("", kilobytes)) == round(file.stat().st_size / 1000)
        # The largest web width the build made of that photo.
        stem, made = re.fullmatch(r"(.+)-(\d+)\.jpg", file.name).groups()
        widths = [int(re.fullmatch(rf"{re.escape(stem)}-(\d+)\.jpg", p.name)[1]) for p in file.parent.glob(f"{stem}-*.jpg")]
        assert int(made) == max(widths) == width


@pytest.mark.parametrize("lang", LANGUAGES)
def test_fact_sheet_pdfs_and_logo_resolve(demo_site: Site, lang: str) -> None:
    page = demo_site.html(PAGE, lang)
    hrefs = [a.get("href", "") for a in parse(page).select("a[href]")]
    fact_sheets = [h for h in hrefs if h.endswith(f"factsheet.{lang}.pdf")]
    assert fact_sheets
    for href in fact_sheets:
        assert resolve(demo_site, page, href).read_bytes().startswith(b"%PDF-")
    logos = [h for h in hrefs if h.endswith("logo.svg")]
    assert logos
    for href in logos:
        assert b"<svg" in resolve(demo_site, page, href).read_bytes()[:2000]


def test_the_press_call_to_action_path_exists() -> None:
    """The landing page's "Press" button links publications/media-kit.md: the page is in every language."""
    for lang in LANGUAGES:
        assert (PROJECT / "docs" / f"publications/media-kit.{lang}.md").is_file()


# -- the editor's mistakes -------------------------------------------------------------------


def media_kit_project(root: Path, marker: str, with_sidecar: bool = True) -> Path:
    from test_images_common import landscape, sidecar_text

    images = root / "assets/images"
    images.mkdir(parents=True, exist_ok=True)
    landscape((1200, 800)).save(images / "field.jpg", quality=85)
    if with_sidecar:
        (images / "field.yml").write_text(sidecar_text("field"), encoding="utf-8")
    (root / "docs/press.vi.md").write_text(f"---\ntitle: Báo chí\n---\n\nẢnh để tải về.\n\n{marker}\n", encoding="utf-8")
    (root / "docs/press.en.md").write_text("---\ntitle: Press\n---\n\nPhotos.\n\n{{ photo_library }}\n", encoding="utf-8")
    return root


def test_marker_builds_in_a_small_project(mini_project: Path) -> None:
    media_kit_project(mini_project, "{{ photo_library }}")
    result = run_quangba("build", cwd=mini_project)
    assert result.returncode == 0, result.stdout + result.stderr
    page = mini_project / "site/en/press/index.html"
    figures = parse(page).select("figure.quangba-mediakit__item")
    assert len(figures) == 1
    assert "Caption of field" in text(figures[0])
    link = figures[0].select_one("a.quangba-mediakit__download")
    assert "1,200 × 800 px" in text(link)


def test_unknown_marker_argument_names_file_and_line(mini_project: Path) -> None:
    media_kit_project(mini_project, "{{ photo_library size=large }}")
    result = run_quangba("build", cwd=mini_project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "docs/press.vi.md:7:" in output
    assert "không nhận tham số" in output and "size=large" in output


def test_photo_without_sidecar_names_file_line_and_photo(mini_project: Path) -> None:
    media_kit_project(mini_project, "{{ photo_library }}", with_sidecar=False)
    result = run_quangba("build", cwd=mini_project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "docs/press.vi.md:7:" in output
    assert "assets/images/field.jpg chưa có tệp mô tả assets/images/field.yml" in output
