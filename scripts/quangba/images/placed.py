"""A photo cut for one place on a printed sheet (a leaflet's panel, a page of a photo book): its
print file and its screen copy.

The print file is the print pipeline's derivative (cropped on the focal point, CMYK through the
output profile, at least min_ppi at its placed size, total ink checked); the screen copy a light
sRGB JPEG. Both are kept in a cache folder under a name that changes with everything that changes
their pixels, so an unchanged photo is never made twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from quangba.core import files
from quangba.core.errors import QuangbaError
from quangba.core.files import write_with
from quangba.core.jobs import file_digest, key_of
from quangba.images.geometry import crop_box
from quangba.images.library import Photo
from quangba.images.presets import MM_PER_INCH, PrintPreset
from quangba.images.print_output import PrintJob
from quangba.images.source import decode, draft_request, read_header, to_srgb

VERSION = 1
SCREEN_QUALITY = 82


@dataclass(frozen=True)
class Place:
    """Where a photo goes: its size in millimetres, and the name of the place for messages."""

    width: float
    height: float
    label: str  # "front panel"

    @property
    def size_name(self) -> str:
        return f"{self.width:g}x{self.height:g}mm"


@dataclass(frozen=True)
class PrintSettings:
    cache_dir: Path
    profile: Path  # CMYK output profile
    ink_limit: float
    min_ppi: float
    screen_ppi: float
    max_megapixels: float
    root: Path  # the project, for the names in messages

    def shown(self, path: Path) -> Path:
        return files.shown(path, self.root)


def print_file(photo: Photo, place: Place, settings: PrintSettings) -> Path:
    """CMYK JPEG of photo for place, at min_ppi; QuangbaError when it cannot be made."""
    preset = PrintPreset(f"{place.width:g}×{place.height:g} mm ({place.label})", (place.width, place.height), 0.0, settings.min_ppi, settings.min_ppi)
    key = key_of(
        "leaflet-print",
        VERSION,
        file_digest(photo.path),
        photo.sidecar_digest,
        photo.focal_point,
        preset.fingerprint(),
        file_digest(settings.profile),
        settings.ink_limit,
    )
    out = settings.cache_dir / "photos" / f"{photo.stem}-{place.size_name}-{key[:16]}.jpg"
    if out.is_file():
        return out
    job = PrintJob(
        photo=photo.path,
        shown=str(settings.shown(photo.path)),
        out=out,
        preset=preset,
        profile=settings.profile,
        format="jpeg",
        jpeg_quality=95,
        ink_limit=settings.ink_limit,
        focal_point=photo.focal_point,
        sidecar_digest=photo.sidecar_digest,
        max_megapixels=settings.max_megapixels,
    )
    try:
        outcome = job.run()
    except QuangbaError as error:
        raise QuangbaError([f"{settings.shown(photo.path)}: {error}"]) from None
    if outcome.errors:
        raise QuangbaError(["; ".join(outcome.errors)])
    return out


def screen_file(photo: Photo, place: Place, settings: PrintSettings) -> Path:
    """sRGB JPEG of photo for place at the screen resolution (never enlarged)."""
    key = key_of(
        "leaflet-screen",
        VERSION,
        file_digest(photo.path),
        photo.sidecar_digest,
        photo.focal_point,
        place.width,
        place.height,
        settings.screen_ppi,
        SCREEN_QUALITY,
    )
    out = settings.cache_dir / "screen" / f"{photo.stem}-{place.size_name}-{key[:16]}.jpg"
    if out.is_file():
        return out
    try:
        size = read_header(photo.path, settings.max_megapixels).size
        crop = crop_box(size, place.width / place.height, photo.focal_point)
        target = (round(place.width / MM_PER_INCH * settings.screen_ppi), round(place.height / MM_PER_INCH * settings.screen_ppi))
        target = (min(target[0], crop.width), min(target[1], crop.height))
        decoded = decode(photo.path, draft_request(size, crop.width, target[0]), settings.max_megapixels)
        image = decoded.image.resize(target, Image.Resampling.LANCZOS, box=crop.scaled(decoded.scale))
        rgb = to_srgb(decoded, image, settings.profile).convert("RGB")
    except QuangbaError as error:
        raise QuangbaError([f"{settings.shown(photo.path)}: {error}"]) from None
    write_with(out, lambda f: rgb.save(f, "JPEG", quality=SCREEN_QUALITY, optimize=True, progressive=True))
    return out
