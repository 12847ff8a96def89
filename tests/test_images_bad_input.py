"""Bad photos: each reported naming the file, the other photos still processed, a non-zero exit at
the end, no traceback, and never a half-written file in place of a good one."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from test_images_common import ImageProject, assert_clean_failure, landscape, no_partial_files, output_of, run_images, sidecar_text

WEB = Path(".cache/quangba/images/web")
A5 = Path("print/images/a5-flyer")


def jpeg_bytes(size: tuple[int, int] = (1200, 800)) -> bytes:
    buffer = io.BytesIO()
    landscape(size).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@pytest.fixture
def with_good_photo(image_project: ImageProject) -> ImageProject:
    image_project.add_photo("good.jpg", size=(2000, 2800))
    return image_project


def assert_good_photo_processed(command: str) -> None:
    if command == "web":
        assert (WEB / "good-480.webp").is_file() and (WEB / "good-960.jpg").is_file()
    else:
        with Image.open(A5 / "good.tif") as image:
            assert image.mode == "CMYK"


COMMANDS = {"web": ["web"], "print": ["print", "--preset", "a5-flyer", "assets/images/good.jpg"]}


def run(command: str, bad: str) -> tuple[str, object]:
    args = list(COMMANDS[command])
    if command == "print":
        args.append(f"assets/images/{bad}")
    result = run_images(*args)
    return " ".join(output_of(result).split()), result


@pytest.mark.parametrize("weasyprint_loaded", [False, True])
@pytest.mark.parametrize("command", ["web", "print"])
def test_truncated_jpeg(with_good_photo: ImageProject, command: str, weasyprint_loaded: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # Importing WeasyPrint (as `quangba build` does for the leaflets) turns on Pillow's
    # process-wide LOAD_TRUNCATED_IMAGES; a cut photo must be refused all the same.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", weasyprint_loaded)
    data = jpeg_bytes((2000, 2800))
    (with_good_photo.library / "cut.jpg").write_bytes(data[: len(data) // 2])
    (with_good_photo.library / "cut.yml").write_text(sidecar_text("cut"), encoding="utf-8")
    _, result = run(command, "cut.jpg")
    assert_clean_failure(result, "assets/images/cut.jpg: damaged or incomplete image file", "1 photo could not be processed")
    assert_good_photo_processed(command)
    assert not list(Path(".").rglob("cut-*.jpg")) and not list(Path(".").rglob("cut.tif"))
    assert no_partial_files(Path("."))


@pytest.mark.parametrize("command", ["web", "print"])
def test_file_with_an_image_name_that_is_not_an_image(with_good_photo: ImageProject, command: str) -> None:
    (with_good_photo.library / "minutes.jpg").write_text("Biên bản cuộc họp", encoding="utf-8")
    _, result = run(command, "minutes.jpg")
    assert_clean_failure(result, "assets/images/minutes.jpg: not an image")
    assert_good_photo_processed(command)


@pytest.mark.parametrize("command", ["web", "print"])
def test_decompression_bomb(with_good_photo: ImageProject, command: str) -> None:
    # 20 000 × 15 000 = 300 megapixels of one colour: a few kilobytes on disk, 900 MB once decoded.
    Image.new("1", (20_000, 15_000)).save(with_good_photo.library / "bomb.png", optimize=True)
    assert (with_good_photo.library / "bomb.png").stat().st_size < 200_000
    _, result = run(command, "bomb.png")
    assert_clean_failure(result, "assets/images/bomb.png:", "decode safely", "150 megapixels")
    assert_good_photo_processed(command)


def test_too_many_megapixels_below_pillows_own_limit(with_good_photo: ImageProject) -> None:
    Image.new("1", (14_000, 11_000)).save(with_good_photo.library / "huge.png")  # 154 MP
    assert_clean_failure(run_images("web"), "assets/images/huge.png: 14000×11000 pixels (154 megapixels) is more than the 150 allowed")


@pytest.mark.parametrize("command", ["web", "print"])
def test_cmyk_source_is_converted_and_reported(with_good_photo: ImageProject, command: str) -> None:
    cmyk = Image.new("CMYK", (2000, 2800), (10, 200, 220, 0))  # a red in print colours
    with_good_photo.add_photo("scan.jpg", image=cmyk, icc_profile=(with_good_photo.root / "assets/icc/quangba-fogra39-cmyk.icc").read_bytes())
    with_good_photo.add_photo("scan-no-profile.tif", image=cmyk)
    args = COMMANDS[command] + (["assets/images/scan.jpg", "assets/images/scan-no-profile.tif"] if command == "print" else [])
    result = run_images(*args)
    assert_clean_failure(
        result,
        "assets/images/scan.jpg: CMYK photo",
        "assets/images/scan-no-profile.tif: CMYK photo without a colour profile",
        "Files were made, but 2 originals need attention",
    )
    assert_good_photo_processed(command)
    if command == "web":
        with Image.open(WEB / "scan-960.jpg") as image:
            red, green, blue = image.getpixel((480, 600))
        assert red > 180 and green < 110 and blue < 110  # a red on screen too
    else:
        with Image.open(A5 / "scan.tif") as image:
            assert image.mode == "CMYK"
            cyan, magenta, yellow, _black = image.getpixel((900, 1200))
        assert magenta > 170 and yellow > 170 and cyan < 50


def png_rgb16(size: tuple[int, int], rgb: tuple[int, int, int]) -> bytes:
    """A 16-bit-per-channel RGB PNG (Pillow reads such files but cannot write them)."""
    width, height = size
    row = b"\0" + struct.pack(">HHH", *rgb) * width

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("command", ["web", "print"])
def test_16_bit_sources_are_reduced_and_reported(with_good_photo: ImageProject, command: str) -> None:
    grey = Image.new("I;16", (2000, 2800), 32768)  # mid grey in 16 bits
    with_good_photo.add_photo("deep.png", image=grey)
    (with_good_photo.library / "deep-rgb.png").write_bytes(png_rgb16((2000, 2800), (60000, 30000, 1000)))
    (with_good_photo.library / "deep-rgb.yml").write_text(sidecar_text("deep-rgb"), encoding="utf-8")
    args = COMMANDS[command] + (["assets/images/deep.png", "assets/images/deep-rgb.png"] if command == "print" else [])
    result = run_images(*args)
    assert_clean_failure(
        result,
        "assets/images/deep.png: 16-bit photo: reduced to 8 bits per channel",
        "assets/images/deep-rgb.png: 16-bit photo: reduced to 8 bits per channel",
    )
    assert_good_photo_processed(command)
    if command == "web":
        with Image.open(WEB / "deep-480.jpg") as image:
            assert image.mode == "RGB" and 120 <= image.getpixel((100, 100))[0] <= 135  # mid grey, not clipped to white
        with Image.open(WEB / "deep-rgb-480.jpg") as image:
            assert image.getpixel((100, 100)) == pytest.approx((233, 117, 4), abs=3)


def test_png_with_transparency_for_print_is_flattened_on_white_and_says_so(with_good_photo: ImageProject) -> None:
    logo = Image.new("RGBA", (2000, 2800), (0, 0, 0, 0))
    logo.paste((0, 90, 170, 255), (800, 1000, 1200, 1800))
    with_good_photo.add_photo("logo.png", image=logo)
    _text, result = run("print", "logo.png")
    assert_clean_failure(result, "assets/images/logo.png: has transparency: flattened on white for print")
    with Image.open(A5 / "logo.tif") as image:
        assert image.mode == "CMYK"
        assert max(image.getpixel((20, 20))) <= 3  # paper white: no ink where it was transparent
        assert image.getpixel((image.width // 2, image.height // 2))[0] > 150  # the blue is printed


def test_invalid_yaml_sidecar_is_reported_and_the_others_are_processed(with_good_photo: ImageProject) -> None:
    with_good_photo.add_photo("broken.jpg", size=(2000, 2800), sidecar="caption: [unclosed\nalt:\n  vi: x\n")
    result = run_images("print", "--preset", "a5-flyer", "assets/images/good.jpg", "assets/images/broken.jpg")
    assert_clean_failure(result, "assets/images/broken.yml:", "not valid YAML")
    assert_good_photo_processed("print")


def test_a_failed_run_never_replaces_a_good_file(with_good_photo: ImageProject) -> None:
    assert run_images("print", "--preset", "a5-flyer", "assets/images/good.jpg").exit_code == 0
    good = (A5 / "good.tif").read_bytes()
    (with_good_photo.library / "good.jpg").write_bytes(jpeg_bytes((2000, 2800))[:5000])  # the original got damaged
    assert_clean_failure(run_images("print", "--preset", "a5-flyer", "assets/images/good.jpg"), "assets/images/good.jpg: damaged")
    assert (A5 / "good.tif").read_bytes() == good
    assert no_partial_files(Path("."))


def test_an_interrupted_write_leaves_the_previous_file(tmp_path: Path) -> None:
    from quangba.core.files import write_with

    target = tmp_path / "photo.tif"
    target.write_bytes(b"the good file")

    def crash(file) -> None:
        file.write(b"half of a new fi")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_with(target, crash)
    assert target.read_bytes() == b"the good file"
    assert [p.name for p in tmp_path.iterdir()] == ["photo.tif"]
