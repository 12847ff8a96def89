"""The photos of a leaflet, cut to the place each one fills on the sheet.

The print file gets the images pipeline's print derivative (cropped on the focal point, CMYK
through the output profile, at least min_ppi at its placed size, total ink checked); the screen
PDF a light sRGB JPEG. Both are kept in the cache folder under a name that changes with
everything that changes their pixels, so an unchanged photo is never made twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from quangba.images.atomic import write_atomically
from quangba.images.cache import file_digest, key_of
from quangba.images.geometry import crop_box
from quangba.images.library import Photo
from quangba.images.presets import MM_PER_INCH, PrintPreset
from quangba.images.print_output import PrintJob
from quangba.images.source import PhotoError, decode, draft_request, read_header, to_srgb
from quangba.leaflets.formats import with_photo_band
from quangba.leaflets.settings import LeafletSettings
from quangba.leaflets.source import LeafletSource

VERSION = 1
SCREEN_QUALITY = 82


class PlacementError(Exception):
    """A photo cannot fill its place (too small, unreadable, too much ink); for the editor."""


@dataclass(frozen=True)
class Placement:
    panel: str
    photo: str  # name as the front matter gives it
    x: float  # on the sheet, millimetres, bleed included
    y: float
    width: float
    height: float

    @property
    def size_name(self) -> str:
        return f"{self.width:g}x{self.height:g}mm"


def placements(source: LeafletSource) -> list[Placement]:
    found = []
    for panel_name, photo in source.photos.items():
        panel = with_photo_band(source.format, source.format.panel(panel_name))
        x, y, width, height = source.format.photo_box(panel)
        found.append(Placement(panel_name, photo, x, y, width, height))
    return found


def print_photo(photo: Photo, place: Placement, settings: LeafletSettings) -> Path:
    """CMYK JPEG of photo for place, at min_ppi; raises PlacementError when it cannot be made."""
    preset = PrintPreset(f"{place.width:g}×{place.height:g} mm ({place.panel} panel)", (place.width, place.height), 0.0, settings.min_ppi, settings.min_ppi)
    key = key_of("leaflet-print", VERSION, file_digest(photo.path), photo.sidecar_digest, photo.focal_point,
                 preset.fingerprint(), file_digest(settings.profile), settings.ink_limit)
    out = settings.cache_dir / "photos" / f"{photo.stem}-{place.size_name}-{key[:16]}.jpg"
    if out.is_file():
        return out
    job = PrintJob(photo=photo.path, shown=str(settings.shown(photo.path)), out=out, preset=preset, profile=settings.profile,
                   format="jpeg", jpeg_quality=95, ink_limit=settings.ink_limit, focal_point=photo.focal_point,
                   sidecar_digest=photo.sidecar_digest, max_megapixels=settings.max_megapixels)
    try:
        outcome = job.run()
    except PhotoError as error:
        raise PlacementError(f"{settings.shown(photo.path)}: {error}") from None
    if outcome.errors:
        raise PlacementError("; ".join(outcome.errors))
    return out


def screen_photo(photo: Photo, place: Placement, settings: LeafletSettings) -> Path:
    """sRGB JPEG of photo for place at the screen resolution (never enlarged)."""
    key = key_of("leaflet-screen", VERSION, file_digest(photo.path), photo.sidecar_digest, photo.focal_point,
                 place.width, place.height, settings.screen_ppi, SCREEN_QUALITY)
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
    except PhotoError as error:
        raise PlacementError(f"{settings.shown(photo.path)}: {error}") from None
    write_atomically(out, lambda f: rgb.save(f, "JPEG", quality=SCREEN_QUALITY, optimize=True, progressive=True))
    return out
