"""The photo library in a real built site: responsive <picture> markup, captions and credits per
language, web files without metadata, and the editors' contact sheet; the mini project built by
the real `quangba build` command, through the quangba plugin."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import ExifTags, Image

from conftest import PROJECT, run_quangba
from test_images_common import GPS, landscape, sidecar_text


@pytest.fixture
def photo_site(mini_project: Path) -> Path:
    """The mini project with two photos (one from a phone, with GPS) and pages that show them."""
    images = mini_project / "assets" / "images"
    images.mkdir(parents=True)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.IFD.GPSInfo] = GPS
    landscape((2400, 1800)).save(images / "harbour.jpg", quality=90, exif=exif)
    (images / "harbour.yml").write_text(sidecar_text("harbour"), encoding="utf-8")
    landscape((700, 500)).save(images / "tea.jpg", quality=90)
    (images / "tea.yml").write_text(sidecar_text("tea"), encoding="utf-8")
    shutil.copytree(PROJECT / "assets" / "icc", mini_project / "assets" / "icc")
    shutil.copyfile(PROJECT / "assets" / "print-presets.yml", mini_project / "assets" / "print-presets.yml")
    docs = mini_project / "docs"
    (docs / "about.vi.md").write_text(
        "---\ntitle: Giới thiệu\n---\n\nBến cảng:\n\n![Bến cảng lúc bình minh](assets/images/harbour.jpg)\n\nChè ![](assets/images/tea.jpg) trong dòng.\n",
        encoding="utf-8",
    )
    (docs / "about.en.md").write_text("---\ntitle: About\n---\n\n![](assets/images/harbour.jpg)\n", encoding="utf-8")
    return mini_project


def built(project: Path) -> Path:
    result = run_quangba("build", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_markdown_images_become_responsive_figures_in_each_language(photo_site: Path) -> None:
    site = built(photo_site)
    vi = BeautifulSoup((site / "about/index.html").read_text(encoding="utf-8"), "html.parser")
    figure = vi.select_one("article figure")
    assert figure is not None and figure.picture is not None
    source = figure.picture.find("source")
    assert source["type"] == "image/webp"
    assert source["srcset"] == (
        "../assets/images/web/harbour-480.webp 480w, ../assets/images/web/harbour-960.webp 960w, "
        "../assets/images/web/harbour-1600.webp 1600w, ../assets/images/web/harbour-2400.webp 2400w"
    )
    img = figure.picture.img
    assert img["src"] == "../assets/images/web/harbour-960.jpg"
    assert "../assets/images/web/harbour-2400.jpg 2400w" in img["srcset"]
    assert img["sizes"] and source["sizes"] == img["sizes"]
    assert (img["width"], img["height"]) == ("960", "720")
    assert img["loading"] == "lazy"
    assert img["alt"] == "Bến cảng lúc bình minh"  # the editor's alt text is kept
    assert figure.figcaption.get_text() == "Chú thích harbour — Ảnh: Nguyễn Văn A"

    inline = vi.select_one("article p picture")  # an image inside a sentence: a picture, no figure
    assert inline is not None and inline.img["alt"] == "Mô tả tea"  # empty alt: the sidecar's
    assert inline.img["srcset"] == "../assets/images/web/tea-480.jpg 480w, ../assets/images/web/tea-700.jpg 700w"

    en = BeautifulSoup((site / "en/about/index.html").read_text(encoding="utf-8"), "html.parser")
    figure = en.select_one("article figure")
    assert figure.picture.img["alt"] == "Description of harbour"
    assert figure.figcaption.get_text() == "Caption of harbour — Photo: Nguyen Van A"
    assert figure.picture.img["src"] == "../../assets/images/web/harbour-960.jpg"
    for tag in en.select("article source, article img"):
        for candidate in (tag.get("srcset") or tag["src"]).split(","):
            url = candidate.split()[0]
            assert (site / "en/about" / url).resolve().is_file(), url


def test_published_photos_carry_no_metadata_and_no_gps(photo_site: Path) -> None:
    site = built(photo_site)
    published = sorted((site / "assets/images").rglob("*.*"))
    names = {p.relative_to(site / "assets/images").as_posix() for p in published}
    assert {"harbour.jpg", "tea.jpg", "web/harbour-2400.webp", "web/harbour-480.jpg", "web/tea-700.webp"} <= names
    for path in published:
        data = path.read_bytes()
        assert b"Exif" not in data and b"PhoneMaker" not in data, path
        with Image.open(path) as image:
            assert not image.getexif(), path
    with Image.open(site / "assets/images/harbour.jpg") as image:  # links to the original get a stripped copy
        assert image.size == (2400, 1800)
    with Image.open(photo_site / "assets/images/harbour.jpg") as image:
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # while the original kept its position


def test_contact_sheet_for_editors(photo_site: Path) -> None:
    (photo_site / "assets/images/tea.yml").write_text(sidecar_text("tea", alt={"vi": "Chè"}), encoding="utf-8")
    site = built(photo_site)
    page = site / "_editors/photos/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert soup.find("style") is None and not soup.select("[style]")  # the portal's CSP forbids inline CSS
    assert (page.parent / soup.find("link", rel="stylesheet")["href"]).is_file()
    headers = [th.get_text(" ") for th in soup.select("thead th")]
    assert [h.split()[0] for h in headers[3:]] == ["a5-flyer", "a4-trifold-panel", "rollup-80x200", "pano-240x120"]
    rows = {row.select_one(".name").get_text(): row for row in soup.select("tbody tr")}
    assert set(rows) == {"harbour.jpg", "tea.jpg"}
    harbour = [td.get_text(" ") for td in rows["harbour.jpg"].find_all("td")]
    assert "✓ complete" in harbour[2]
    assert harbour[3].startswith("212 ppi")  # 1800 px over 216 mm (8.5 in): above the a5 minimum of 200
    assert "above minimum" in harbour[3]
    assert "too low" in harbour[5]  # a roll-up needs far more pixels
    tea = [td.get_text(" ") for td in rows["tea.jpg"].find_all("td")]
    assert "alt text missing in en" in tea[2]
    for img in soup.select("tbody img"):
        assert (page.parent / img["src"]).is_file()
    assert not any(page.parent.joinpath(img["src"]).stat().st_size > 30_000 for img in soup.select("tbody img"))
    assert "_editors" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_bad_photo_stops_the_build_naming_it(photo_site: Path) -> None:
    site_before = built(photo_site)
    index = (site_before / "index.html").read_bytes()
    (photo_site / "assets/images/broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    (photo_site / "assets/images/broken.yml").write_text(sidecar_text("broken"), encoding="utf-8")
    (photo_site / "assets/images/tea.yml").write_text("caption: [unclosed\n", encoding="utf-8")
    result = run_quangba("build", cwd=photo_site)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    assert "assets/images/broken.jpg: not an image, or a damaged one" in output
    assert "assets/images/tea.yml:" in output and "not valid YAML" in output
    assert (site_before / "index.html").read_bytes() == index  # the previous site stays


def test_second_build_reuses_every_web_file(photo_site: Path) -> None:
    site = built(photo_site)
    cache = photo_site / ".cache/quangba/images/web"
    stamps = {p: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert stamps and built(photo_site) == site
    assert {p: p.stat().st_mtime_ns for p in cache.iterdir()} == stamps
