"""`quangba images print`: CMYK files cut to each product's trim + bleed, at the right resolution,
with the output profile embedded, checked for resolution and total ink."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageDraw

from test_images_common import DEFAULT_PROFILE, ImageProject, assert_clean_failure, output_of, run_images, sidecar_text

# Pixel sizes worked out by hand: (trim + 2 × bleed) mm / 25.4 × ppi, rounded.
PRESETS = {
    # name: (source size that is large enough, expected pixels, ppi)
    "a5-flyer": ((2000, 2700), (1819, 2551), 300),  # 154 × 216 mm
    "a4-trifold-panel": ((1300, 2600), (1252, 2551), 300),  # 106 × 216 mm
    "rollup-80x200": ((4800, 11900), (4783, 11870), 150),  # 810 × 2010 mm
    "pano-240x120": ((7200, 3650), (7146, 3602), 75),  # 2420 × 1220 mm
}


def mm(pixels: int, ppi: float) -> float:
    return pixels / ppi * 25.4


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_each_preset_gives_exact_pixels_cmyk_profile_and_resolution(image_project: ImageProject, preset: str) -> None:
    source, expected, ppi = PRESETS[preset]
    image_project.add_photo("photo.jpg", size=source)
    result = run_images("print", "--preset", preset, "assets/images/photo.jpg")
    assert result.exit_code == 0, output_of(result)
    out = Path("print/images") / preset / "photo.tif"
    with Image.open(out) as image:
        assert image.format == "TIFF"
        assert image.mode == "CMYK"
        assert image.size == expected
        assert image.info["dpi"] == pytest.approx((ppi, ppi))
        assert image.info["compression"] == "tiff_lzw"
        assert image.info["icc_profile"] == DEFAULT_PROFILE.read_bytes()
        assert "exif" not in image.info


def test_colours_go_through_the_profile_relative_colorimetric_with_bpc(image_project: ImageProject) -> None:
    colour = (30, 110, 200)
    image_project.add_photo("blue.png", image=Image.new("RGB", (2000, 2800), colour))
    assert run_images("print", "--preset", "a5-flyer", "assets/images/blue.png").exit_code == 0
    transform = ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        ImageCms.getOpenProfile(str(DEFAULT_PROFILE)),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )
    expected = ImageCms.applyTransform(Image.new("RGB", (1, 1), colour), transform).getpixel((0, 0))
    with Image.open("print/images/a5-flyer/blue.tif") as image:
        assert image.getpixel((900, 1200)) == pytest.approx(expected, abs=1)


def test_small_photo_is_not_enlarged_and_keeps_the_physical_size(image_project: ImageProject) -> None:
    image_project.add_photo("small.jpg", size=(1200, 800))
    result = run_images("print", "--preset", "a5-flyer", "--allow-low-res", "assets/images/small.jpg")
    text = " ".join(output_of(result).split())
    assert result.exit_code == 0, text
    assert "prints at 94 ppi" in text and "(allowed by --allow-low-res)" in text
    with Image.open("print/images/a5-flyer/small.tif") as image:
        width, height = image.size
        assert width <= 570 and height <= 800  # the crop of the 800 px high photo, never more
        xdpi, ydpi = image.info["dpi"]
        assert xdpi == pytest.approx(ydpi) and 90 < xdpi < 95
        assert mm(width, xdpi) == pytest.approx(154, abs=0.3)  # 148 mm + 2 × 3 mm bleed
        assert mm(height, ydpi) == pytest.approx(216, abs=0.3)


def test_small_photo_as_jpeg_gets_whole_ppi_and_exact_size(image_project: ImageProject) -> None:
    image_project.add_photo("small.jpg", size=(1200, 800))
    result = run_images("print", "--preset", "a5-flyer", "--allow-low-res", "--format", "jpeg", "assets/images/small.jpg")
    assert result.exit_code == 0, output_of(result)
    with Image.open("print/images/a5-flyer/small.jpg") as image:
        assert image.format == "JPEG" and image.mode == "CMYK"
        assert image.info["dpi"] == (94, 94)
        assert mm(image.width, 94) == pytest.approx(154, abs=0.3)
        assert mm(image.height, 94) == pytest.approx(216, abs=0.3)
        assert image.info["icc_profile"] == DEFAULT_PROFILE.read_bytes()
        assert max(image.quantization[0]) <= 12  # quality 95: fine quantization (quality 75 goes up to ~80)


def test_below_minimum_resolution_is_an_error_naming_photo_pixels_size_and_ppi(image_project: ImageProject) -> None:
    image_project.add_photo("small.jpg", size=(1200, 800))
    image_project.add_photo("good.jpg", size=(2000, 2800))
    result = run_images("print", "--preset", "a5-flyer", "assets/images/small.jpg", "assets/images/good.jpg")
    assert_clean_failure(result, "assets/images/small.jpg: 1200×800 px prints at 94 ppi over 154×216 mm (a5-flyer); the minimum is 200 ppi")
    assert not Path("print/images/a5-flyer/small.tif").exists()
    assert Path("print/images/a5-flyer/good.tif").is_file()  # the other photo was still made


def test_crop_follows_the_focal_point(image_project: ImageProject) -> None:
    wide = Image.new("RGB", (3000, 1000), (250, 250, 250))
    ImageDraw.Draw(wide).rectangle([2400, 300, 2700, 700], fill=(220, 0, 0))  # red, near the right edge
    image_project.add_photo("centred.jpg", image=wide)
    image_project.add_photo("focused.jpg", image=wide, focal=(0.85, 0.5))
    result = run_images("print", "--preset", "a4-trifold-panel", "--allow-low-res", "assets/images/centred.jpg", "assets/images/focused.jpg")
    assert result.exit_code == 0, output_of(result)

    def red_in_middle(name: str) -> bool:
        with Image.open(f"print/images/a4-trifold-panel/{name}.tif") as image:
            cyan, magenta, yellow, _ = image.getpixel((image.width // 2, image.height // 2))
        return magenta > 150 and yellow > 150 and cyan < 60

    assert red_in_middle("focused")
    assert not red_in_middle("centred")


def test_custom_size_on_the_command_line_and_in_the_presets_file(image_project: ImageProject) -> None:
    image_project.add_photo("a.jpg", size=(2000, 1400))
    result = run_images("print", "--size", "90x50", "--bleed", "2", "--ppi", "300", "assets/images/a.jpg")
    assert result.exit_code == 0, output_of(result)
    with Image.open("print/images/custom-90x50/a.tif") as image:
        assert image.size == (1110, 638)  # 94 × 54 mm at 300 ppi
    presets = (image_project.root / "assets/print-presets.yml").read_text(encoding="utf-8")
    presets += "  postcard:\n    trim_mm: [148, 105]\n    bleed_mm: 2\n    ppi: 250\n    min_ppi: 150\n"
    (image_project.root / "assets/print-presets.yml").write_text(presets, encoding="utf-8")
    result = run_images("print", "--preset", "postcard", "--out", "out/postcards", "assets/images/a.jpg")
    assert result.exit_code == 0, output_of(result)
    with Image.open("out/postcards/a.tif") as image:
        assert image.size == (1496, 1073)  # 152 × 109 mm at 250 ppi
        assert image.info["dpi"] == pytest.approx((250, 250))


def test_total_ink_is_measured_and_checked_against_the_limit(image_project: ImageProject) -> None:
    image_project.add_photo("night.png", image=Image.new("RGB", (2000, 2800), (0, 0, 0)))
    result = run_images("print", "--preset", "a5-flyer", "assets/images/night.png")
    text = " ".join(output_of(result).split())
    assert result.exit_code == 0, text
    with Image.open("print/images/a5-flyer/night.tif") as image:
        ink = sum(image.getpixel((10, 10))) / 255 * 100
    assert 250 < ink <= 300  # the default profile holds rich black under its 300 % limit
    assert f"{ink:.0f} %" in text  # the maximum found is reported
    image_project.write_presets(ink_limit=240)
    assert_clean_failure(
        run_images("print", "--preset", "a5-flyer", "--no-cache", "assets/images/night.png"),
        f"total ink reaches {ink:.0f} % at a5-flyer, above the limit of 240 %",
    )


def test_without_files_prints_what_leaflets_and_the_preset_list(image_project: ImageProject) -> None:
    for name in ("leaflet-photo", "preset-photo", "unused"):
        image_project.add_photo(f"{name}.jpg", size=(2000, 2800))
    leaflets = image_project.root / "docs/publications/leaflets"
    leaflets.mkdir(parents=True)
    (leaflets / "invest.vi.md").write_text("---\ntitle: Đầu tư\nphotos: [leaflet-photo]\n---\n\nNội dung.\n", encoding="utf-8")
    presets = (image_project.root / "assets/print-presets.yml").read_text(encoding="utf-8")
    presets = presets.replace("    description: A5 flyer, full page\n", "    description: A5 flyer, full page\n    photos: [preset-photo.jpg]\n")
    (image_project.root / "assets/print-presets.yml").write_text(presets, encoding="utf-8")
    result = run_images("print", "--preset", "a5-flyer")
    assert result.exit_code == 0, output_of(result)
    assert sorted(p.name for p in Path("print/images/a5-flyer").iterdir()) == ["leaflet-photo.tif", "preset-photo.tif"]
    (leaflets / "flyer.en.md").write_text("---\ntitle: Flyer\nphotos: [no-such-photo]\n---\n", encoding="utf-8")
    assert_clean_failure(
        run_images("print", "--preset", "a5-flyer"), "docs/publications/leaflets/flyer.en.md: lists photo 'no-such-photo', which is not in images/"
    )


def test_second_run_is_cached_and_a_new_focal_point_is_not(image_project: ImageProject) -> None:
    image_project.add_photo("a.jpg", size=(2000, 2800))
    assert run_images("print", "--preset", "a5-flyer", "assets/images/a.jpg").exit_code == 0
    again = run_images("print", "--preset", "a5-flyer", "assets/images/a.jpg")
    assert "Nothing changed: no image work was needed" in " ".join(output_of(again).split())
    (image_project.library / "a.yml").write_text(sidecar_text("a", focal=(0.2, 0.3)), encoding="utf-8")
    third = run_images("print", "--preset", "a5-flyer", "assets/images/a.jpg")
    assert "1 made, 0 cached" in " ".join(output_of(third).split())


def test_unknown_preset_and_broken_presets_file(image_project: ImageProject) -> None:
    image_project.add_photo("a.jpg")
    assert_clean_failure(run_images("print", "--preset", "a3-poster"), "Unknown preset 'a3-poster'", "a5-flyer, a4-trifold-panel")
    presets = image_project.root / "assets/print-presets.yml"
    text = presets.read_text(encoding="utf-8").replace("    ppi: 150\n", "    ppi: lots\n")
    presets.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    ppi: lots") + 1
    assert_clean_failure(run_images("print", "--preset", "a5-flyer"), f"assets/print-presets.yml:{line}: 'ppi' must be a number")
