"""Print derivatives: a photo cut and sized for a product, in the print shop's CMYK.

For a preset (trim + bleed, target ppi): crop to the preset's shape around the sidecar's focal
point, resize to the exact pixel size for the target resolution (never up: a smaller photo keeps
its pixels and its embedded resolution is lowered so the physical size stays exact), convert to
CMYK through the output profile (relative colorimetric, black-point compensation), and write a
TIFF (LZW) or JPEG (quality 95) with the profile and the resolution embedded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms

from quangba.core import frontmatter
from quangba.core.errors import Problem, QuangbaError
from quangba.core.files import write_with
from quangba.core.jobs import key_of
from quangba.images.cache import Manifest
from quangba.images.geometry import Box
from quangba.images.jobs import Outcome
from quangba.images.library import Library, Photo
from quangba.images.preflight import effective_resolution, max_total_ink
from quangba.images.presets import PrintPreset, PrintSettings
from quangba.images.source import (
    SRGB,
    convert,
    decode,
    draft_request,
    embedded_profile,
    flatten_on_white,
    has_transparency,
    read_header,
)

VERSION = 1
EXTENSIONS = {"tiff": ".tif", "jpeg": ".jpg"}


@dataclass(frozen=True)
class PrintJob:
    photo: Path
    shown: str
    out: Path
    preset: PrintPreset
    profile: Path
    format: str = "tiff"
    jpeg_quality: int = 95
    ink_limit: float = 300.0
    allow_low_res: bool = False
    focal_point: tuple[float, float] = (0.5, 0.5)
    sidecar_digest: str = ""
    max_megapixels: float = 150.0

    @property
    def job_id(self) -> str:
        return f"print:{self.out}"

    def sources(self) -> list[Path]:
        return [self.photo, self.profile]

    def cache_key(self, manifest: Manifest) -> str:
        return key_of(
            "print",
            VERSION,
            manifest.source_digest(self.photo),
            self.sidecar_digest,
            self.focal_point,
            self.preset.fingerprint(),
            manifest.source_digest(self.profile),
            self.format,
            self.jpeg_quality,
            self.ink_limit,
            self.allow_low_res,
        )

    def run(self) -> Outcome:
        outcome = Outcome(self.job_id, self.shown)
        size = read_header(self.photo, self.max_megapixels).size
        resolution = effective_resolution(size, self.focal_point, self.preset)
        outcome.info = {"preset": self.preset.name, "photo_size": list(size), "ppi": round(resolution.ppi, 1), "status": resolution.status}
        if not resolution.passes:
            if not self.allow_low_res:
                outcome.status = "failed"
                outcome.errors.append(resolution.message(self.shown))
                return outcome
            outcome.warnings.append(resolution.message(self.shown) + " (allowed by --allow-low-res)")
        out_ppi, out_size = output_resolution(self.preset, resolution.ppi, resolution.crop, self.format)
        decoded = decode(self.photo, draft_request(size, resolution.crop.width, out_size[0]), self.max_megapixels)
        scale_x = decoded.image.width / size[0]
        scale_y = decoded.image.height / size[1]
        box = resolution.crop
        area = (box.left * scale_x, box.top * scale_y, box.right * scale_x, box.bottom * scale_y)
        image = decoded.image.resize(out_size, Image.Resampling.LANCZOS, box=area)
        cmyk, notes = self.to_cmyk(image, decoded.icc_profile)
        ink = max_total_ink(cmyk)
        outcome.info.update({"out_ppi": round(out_ppi, 2), "pixels": list(out_size), "ink": round(ink, 1)})
        outcome.info["input_problems"] = [f"{self.shown}: {note}" for note in decoded.notes + notes]
        if ink > self.ink_limit + 0.5:
            outcome.status = "failed"
            outcome.errors.append(
                f"{self.shown}: total ink reaches {ink:.0f} % at {self.preset.name}, above the limit of {self.ink_limit:g} % "
                f"(ink_limit); use a profile made for this limit ({self.profile.name} is in use)"
            )
            return outcome
        profile_bytes = self.profile.read_bytes()
        cmyk.info = {}
        if self.format == "tiff":
            write_with(self.out, lambda f: cmyk.save(f, "TIFF", compression="tiff_lzw", dpi=(out_ppi, out_ppi), icc_profile=profile_bytes))
        else:
            write_with(self.out, lambda f: cmyk.save(f, "JPEG", quality=self.jpeg_quality, dpi=(round(out_ppi), round(out_ppi)), icc_profile=profile_bytes))
        outcome.files.append(str(self.out))
        return outcome

    def to_cmyk(self, image: Image.Image, icc: bytes | None) -> tuple[Image.Image, list[str]]:
        notes: list[str] = []
        output = ImageCms.getOpenProfile(str(self.profile))
        source = embedded_profile(icc)
        if has_transparency(image):
            notes.append("has transparency: flattened on white for print")
        if image.mode in ("RGBA", "LA"):
            image = flatten_on_white(image)
        if image.mode == "CMYK":
            if source is None:
                notes.append(f"CMYK photo without a colour profile: taken as already in {self.profile.name}, not converted")
                return image, notes
            notes.append(f"CMYK photo: converted from its embedded profile to {self.profile.name}")
            return convert(image, source, output, "CMYK"), notes
        if image.mode == "L":
            image = image.convert("RGB") if source is None else convert(image, source, SRGB, "RGB")
            source = None
        if image.mode != "RGB":
            image = image.convert("RGB")
        return convert(image, source or SRGB, output, "CMYK"), notes


def output_resolution(preset: PrintPreset, effective_ppi: float, crop: Box, fmt: str) -> tuple[float, tuple[int, int]]:
    """(ppi written in the file, pixel size). The target when the crop has the pixels for it;
    otherwise the photo's own resolution, so it is never enlarged and still prints at exactly the
    preset's size. JPEG stores whole ppi only: there the resolution is rounded down."""
    target = preset.target_pixels
    if crop.width >= target[0] and crop.height >= target[1]:
        return preset.ppi, target
    ppi = effective_ppi if fmt == "tiff" else float(math.floor(effective_ppi))
    width, height = preset.pixels_at(ppi)
    return ppi, (min(width, crop.width), min(height, crop.height))


def output_path(out_dir: Path, photo: Photo, fmt: str) -> Path:
    return out_dir / f"{photo.stem}{EXTENSIONS[fmt]}"


def print_jobs(
    photos: list[Photo],
    preset: PrintPreset,
    settings: PrintSettings,
    out_dir: Path,
    fmt: str,
    allow_low_res: bool,
) -> list[PrintJob]:
    return [
        PrintJob(
            photo=photo.path,
            shown=str(photo.shown),
            out=output_path(out_dir, photo, fmt).resolve(),
            preset=preset,
            profile=settings.profile.resolve(),
            format=fmt,
            jpeg_quality=settings.jpeg_quality,
            ink_limit=settings.ink_limit,
            allow_low_res=allow_low_res,
            focal_point=photo.focal_point,
            sidecar_digest=photo.sidecar_digest,
            max_megapixels=settings.max_megapixels,
        )
        for photo in photos
    ]


def photos_in_use(settings: PrintSettings, library: Library, preset: PrintPreset) -> tuple[list[Photo], list[Problem]]:
    """Photos the preset lists plus every photo a leaflet's front matter lists under photos:."""
    wanted: list[tuple[str, Problem]] = [(name, Problem(settings.source, f"preset '{preset.name}' lists photo '{name}'")) for name in preset.photos]
    problems: list[Problem] = []
    for pattern in settings.leaflets:
        for source in sorted(settings.project_dir.glob(pattern)):
            shown = source.relative_to(settings.project_dir) if source.is_relative_to(settings.project_dir) else source
            try:
                page = frontmatter.read(source, shown)
            except QuangbaError as error:
                problems.append(error.problems[0])
                continue
            names = page.meta.get("photos") or []
            if isinstance(names, str):
                names = [names]
            if isinstance(names, dict):  # panel: photo, as `quangba leaflets` reads it
                names = list(names.values())
            if not isinstance(names, list):
                problems.append(Problem(shown, "photos: must be 'panel: photo' lines or a list of photo names", 1))
                continue
            for name in names:
                wanted.append((str(name), Problem(shown, f"lists photo '{name}'")))
    photos: dict[Path, Photo] = {}
    for name, where in wanted:
        photo = library.find(name)
        if photo is None:
            problems.append(Problem(where.path, f"{where.message}, which is not in {library.root.name}/", where.line))
        else:
            photos.setdefault(photo.path, photo)
    return list(photos.values()), problems
