"""`quangba images web`: upright, sRGB, metadata-free WebP and JPEG files at several widths, cached."""

from __future__ import annotations

import os
from pathlib import Path

from PIL import ExifTags, Image, ImageCms

from test_images_common import ADOBE_RGB, GPS, ImageProject, landscape, output_of, run_images

WEB = Path(".cache/quangba/images/web")


def web_files(stem: str) -> dict[str, Path]:
    return {p.name: p for p in WEB.glob(f"{stem}*")}


def test_widths_formats_and_no_upscaling(image_project: ImageProject) -> None:
    image_project.add_photo("big.jpg", size=(3000, 2000))
    image_project.add_photo("small.jpg", size=(700, 500))
    result = run_images("web")
    assert result.exit_code == 0, output_of(result)
    big = web_files("big")
    for width in (480, 960, 1600, 2400):
        for ext, fmt in ((".webp", "WEBP"), (".jpg", "JPEG")):
            with Image.open(big[f"big-{width}{ext}"]) as image:
                assert image.format == fmt
                assert image.size == (width, round(width * 2000 / 3000))
    assert "big-3000.jpg" not in big  # widths above the largest configured one are not made
    small = sorted(web_files("small"))
    assert small == ["small-480.jpg", "small-480.webp", "small-700.jpg", "small-700.webp"]
    with Image.open(WEB / "small-700.jpg") as image:
        assert image.size == (700, 500)  # its own width, never enlarged to 960


def test_exif_orientation_is_applied(image_project: ImageProject) -> None:
    # Stored sideways (landscape pixels, red sun top left) with orientation 6: "turn 90° clockwise to view".
    stored = landscape((1000, 600))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    image_project.add_photo("turned.jpg", image=stored, exif=exif)
    result = run_images("web")
    assert result.exit_code == 0, output_of(result)
    with Image.open(WEB / "turned-600.jpg") as image:
        assert image.size == (600, 1000)  # upright: portrait
        red, green, blue = image.convert("RGB").getpixel((600 - 100, 100))  # the sun moved to the top right
        assert red > 180 and green < 90 and blue < 90
        assert image.getexif().get(ExifTags.Base.Orientation) is None


def test_metadata_and_gps_never_reach_the_web_files(image_project: ImageProject) -> None:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.IFD.GPSInfo] = GPS
    original = image_project.add_photo("phone.jpg", size=(1100, 800), exif=exif, comment=b"private note", icc_profile=ADOBE_RGB.read_bytes())
    image_project.add_photo("camera.jpg", size=(1100, 800), exif=exif, comment=b"private note")  # no profile: no conversion
    with Image.open(original) as image:
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test photo really has a position
    result = run_images("web")
    assert result.exit_code == 0, output_of(result)
    files = web_files("phone") | web_files("camera")
    assert len(files) == 12  # 480, 960, 1100 × (webp, jpg) each; <stem>-1100.jpg is also published as <stem>.jpg
    for path in files.values():
        data = path.read_bytes()
        assert b"Exif" not in data and b"PhoneMaker" not in data and b"private note" not in data, path
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert "icc_profile" not in image.info and "exif" not in image.info and "comment" not in image.info, path


def test_colours_are_converted_to_srgb_from_the_embedded_profile(image_project: ImageProject) -> None:
    colour = (40, 170, 60)  # a green that Adobe RGB and sRGB encode differently
    image_project.add_photo("adobe.png", image=Image.new("RGB", (600, 400), colour), icc_profile=ADOBE_RGB.read_bytes())
    result = run_images("web")
    assert result.exit_code == 0, output_of(result)
    adobe = ImageCms.ImageCmsProfile(str(ADOBE_RGB))
    srgb = ImageCms.createProfile("sRGB")
    expected = ImageCms.profileToProfile(Image.new("RGB", (1, 1), colour), adobe, srgb, renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC).getpixel((0, 0))
    assert max(abs(a - b) for a, b in zip(expected, colour, strict=True)) > 15  # the conversion matters for this colour
    with Image.open(WEB / "adobe-600.webp") as image:
        got = image.convert("RGB").getpixel((300, 200))
    assert max(abs(a - b) for a, b in zip(got, expected, strict=True)) <= 4, (got, expected)
    with Image.open(WEB / "adobe.png") as image:  # the stand-in keeps the original's format
        assert image.format == "PNG" and image.size == (600, 400)


def test_transparency_kept_in_webp_and_flattened_on_white_in_jpeg(image_project: ImageProject) -> None:
    logo = Image.new("RGBA", (500, 500), (0, 0, 0, 0))
    logo.paste((200, 40, 40, 255), (150, 150, 350, 350))
    image_project.add_photo("logo.png", image=logo)
    assert run_images("web").exit_code == 0
    with Image.open(WEB / "logo-480.webp") as image:
        assert image.mode == "RGBA" and image.getpixel((5, 5))[3] == 0
    with Image.open(WEB / "logo-480.jpg") as image:
        assert min(image.getpixel((5, 5))) >= 250  # white where it was transparent


def test_second_run_does_no_work_and_says_so(image_project: ImageProject) -> None:
    image_project.add_photo("a.jpg", size=(900, 600))
    image_project.add_photo("b.jpg", size=(900, 600))
    first = run_images("web")
    assert first.exit_code == 0, output_of(first)
    stamps = {p: p.stat().st_mtime_ns for p in WEB.iterdir()}
    second = run_images("web")
    text = " ".join(output_of(second).split())
    assert second.exit_code == 0, text
    assert "Nothing changed: no image work was needed" in text
    assert {p: p.stat().st_mtime_ns for p in WEB.iterdir()} == stamps  # not one file rewritten
    # A changed photo is made again, the other one comes from the cache.
    image_project.add_photo("a.jpg", image=landscape((900, 600), colour=(150, 90, 30)))
    third = run_images("web")
    text = " ".join(output_of(third).split())
    assert "1 made, 1 cached" in text, text
    assert (WEB / "a-480.jpg").stat().st_mtime_ns != stamps[WEB / "a-480.jpg"]
    assert (WEB / "b-480.jpg").stat().st_mtime_ns == stamps[WEB / "b-480.jpg"]


def test_a_deleted_output_is_made_again(image_project: ImageProject) -> None:
    image_project.add_photo("a.jpg", size=(900, 600))
    assert run_images("web").exit_code == 0
    (WEB / "a-480.webp").unlink()
    result = run_images("web")
    assert "1 made, 0 cached" in " ".join(output_of(result).split())
    assert (WEB / "a-480.webp").is_file()


def test_large_jpeg_is_decoded_in_draft_mode(image_project: ImageProject, monkeypatch) -> None:
    """A 4000 px JPEG for a 480 px set is decoded at 1/8 (500 px), not at full size."""
    from quangba.images import source

    image_project.add_photo("wide.jpg", size=(4000, 2000))
    seen: list[tuple[int, int]] = []
    real_decode = source.decode

    def spy(path, min_size=None, max_megapixels=source.DEFAULT_MAX_MEGAPIXELS):
        decoded = real_decode(path, min_size, max_megapixels)
        seen.append(decoded.image.size)
        return decoded

    monkeypatch.setattr("quangba.images.web.decode", spy)
    result = run_images("web", "--width", "480", "--jobs", "1")
    assert result.exit_code == 0, output_of(result)
    assert seen == [(500, 250)]
    with Image.open(WEB / "wide-480.jpg") as image:
        assert image.size == (480, 240)


def test_custom_widths_formats_and_out_dir(image_project: ImageProject, tmp_path: Path) -> None:
    image_project.add_photo("a.jpg", size=(1000, 500))
    out = tmp_path / "elsewhere"
    result = run_images("web", "--width", "300", "--width", "600", "--format", "jpeg", "--out", out)
    assert result.exit_code == 0, output_of(result)
    assert sorted(p.name for p in out.iterdir()) == ["a-300.jpg", "a-600.jpg"]
    assert os.path.getsize(out / "a-300.jpg") < os.path.getsize(out / "a-600.jpg")


def test_two_runs_at_once_do_the_work_once(image_project: ImageProject) -> None:
    """The site's languages build in parallel processes: they share the cache, not the work."""
    import subprocess
    import sys

    for name in ("a", "b", "c"):
        image_project.add_photo(f"{name}.jpg", size=(2400, 1600))
    command = [sys.executable, "-c", "from quangba.images.cli import images; images()", "web", "--jobs", "1"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [" ".join(run.communicate(timeout=300)[1].split()) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    made = sorted(next(piece for piece in ("3 made, 0 cached", "0 made, 3 cached") if piece in text) for text in outputs)
    assert made == ["0 made, 3 cached", "3 made, 0 cached"], outputs
