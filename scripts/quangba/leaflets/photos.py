"""The photos of a leaflet: where each one goes on the sheet, and its files for that place
(made by the images pipeline, quangba.images.placed)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quangba import images
from quangba.leaflets.formats import with_photo_band
from quangba.leaflets.settings import LeafletSettings
from quangba.leaflets.source import LeafletSource


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


def print_settings(settings: LeafletSettings) -> images.PrintSettings:
    return images.PrintSettings(
        settings.cache_dir, settings.profile, settings.ink_limit, settings.min_ppi, settings.screen_ppi, settings.max_megapixels, settings.root
    )


def print_photo(photo: images.Photo, place: Placement, settings: LeafletSettings) -> Path:
    return images.print_file(photo, images.Place(place.width, place.height, f"{place.panel} panel"), print_settings(settings))


def screen_photo(photo: images.Photo, place: Placement, settings: LeafletSettings) -> Path:
    return images.screen_file(photo, images.Place(place.width, place.height, f"{place.panel} panel"), print_settings(settings))
