"""Shared pieces of the image tests: a throw-away project with a photo library, photos drawn with
Pillow (with EXIF orientation, GPS, colour profiles … as needed), and the CLI run in-process.

No tests here; the test_images_*.py modules import what they need."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from PIL import ExifTags, Image, ImageDraw

from conftest import MINI_CONFIG, PROJECT
from quangba.images.cli import images

FIXTURES = Path(__file__).parent / "fixtures" / "images"
ADOBE_RGB = FIXTURES / "compatibleWithAdobeRGB1998.icc"
DEFAULT_PROFILE = PROJECT / "assets" / "icc" / "quangba-fogra39-cmyk.icc"
LANGUAGES = ("vi", "en")  # the mini project's languages

GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (21.0, 35.0, 12.5),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (105.0, 50.0, 0.0),
}


def sidecar_text(stem: str, focal: tuple[float, float] | None = None, **overrides: object) -> str:
    data: dict[str, object] = {
        "caption": {"vi": f"Chú thích {stem}", "en": f"Caption of {stem}"},
        "alt": {"vi": f"Mô tả {stem}", "en": f"Description of {stem}"},
        "credit": {"vi": "Ảnh: Nguyễn Văn A", "en": "Photo: Nguyen Van A"},
        "licence": "CC-BY-4.0",
        "source": "drawn by the test",
    }
    if focal is not None:
        data["focal_point"] = list(focal)
    data.update(overrides)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def landscape(size: tuple[int, int], colour: tuple[int, int, int] = (60, 130, 80)) -> Image.Image:
    """A photo-like picture: a sky gradient over a coloured ground, with a red sun top left."""
    width, height = size
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):
        shade = 150 + int(100 * y / max(1, height // 2))
        draw.line([(0, y), (width, y)], fill=(shade // 2, shade // 2 + 40, 255))
    radius = max(2, min(size) // 10)
    draw.ellipse([radius, radius, 3 * radius, 3 * radius], fill=(230, 20, 20))
    return image


@dataclass
class ImageProject:
    root: Path

    @property
    def library(self) -> Path:
        return self.root / "assets" / "images"

    def add_photo(
        self,
        name: str,
        image: Image.Image | None = None,
        size: tuple[int, int] = (1200, 800),
        sidecar: str | None = "default",
        focal: tuple[float, float] | None = None,
        **save_options: object,
    ) -> Path:
        path = self.library / name
        image = image if image is not None else landscape(size)
        fmt = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".tif": "TIFF", ".tiff": "TIFF", ".webp": "WEBP"}[path.suffix.lower()]
        if fmt == "JPEG":
            save_options.setdefault("quality", 90)
        image.save(path, fmt, **save_options)
        if sidecar is not None:
            text = sidecar_text(path.stem, focal) if sidecar == "default" else sidecar
            path.with_suffix(".yml").write_text(text, encoding="utf-8")
        return path

    def write_presets(self, **changes: object) -> Path:
        path = self.root / "assets" / "print-presets.yml"
        data = yaml.safe_load((PROJECT / "assets" / "print-presets.yml").read_text(encoding="utf-8"))
        data.update(changes)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path


def make_project(root: Path) -> ImageProject:
    (root / "assets" / "images").mkdir(parents=True)
    (root / "assets" / "icc").mkdir()
    shutil.copyfile(DEFAULT_PROFILE, root / "assets" / "icc" / DEFAULT_PROFILE.name)
    shutil.copyfile(PROJECT / "assets" / "print-presets.yml", root / "assets" / "print-presets.yml")
    (root / "mkdocs.yml").write_text(MINI_CONFIG, encoding="utf-8")
    return ImageProject(root)


@pytest.fixture
def image_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ImageProject:
    """A project folder (the current directory during the test) with an empty photo library."""
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    return project


def run_images(*args: str | Path) -> Result:
    """`quangba images ARGS` in-process, in the current directory."""
    return CliRunner().invoke(images, [str(a) for a in args], catch_exceptions=False)


def output_of(result: Result) -> str:
    return result.output  # click ≥ 8.2: what the terminal shows, stdout and stderr together


def assert_clean_failure(result: Result, *expected: str) -> str:
    text = output_of(result)
    assert result.exit_code != 0, text
    assert "Traceback" not in text, text
    flat = " ".join(text.split())
    for piece in expected:
        assert piece in flat, f"{piece!r} not in:\n{text}"
    return flat


def no_partial_files(folder: Path) -> bool:
    return not any(p.name.endswith(".part") for p in folder.rglob("*"))
