"""quangba images: one photo library, ready for the web, leaflets, brochures and panels.

library (photos and sidecars) → source (opening any photo safely) → web (site derivatives) and
print_output (CMYK files per preset, with preflight); jobs and cache make them like a build tool;
site puts them in the built site; contact_sheet shows the library to editors; cli is
`quangba images …`.
"""

from quangba.images.library import Library, Photo, check_library, library_problems, load_library
from quangba.images.placed import Place, PrintSettings, print_file, screen_file
from quangba.images.preflight import effective_resolution, max_total_ink
from quangba.images.presets import PrintPreset, load_presets
from quangba.images.print_output import photos_in_use
from quangba.images.site import SiteImages
from quangba.images.source import read_header

__all__ = [
    "Library",
    "Photo",
    "Place",
    "PrintPreset",
    "PrintSettings",
    "SiteImages",
    "check_library",
    "effective_resolution",
    "library_problems",
    "load_library",
    "load_presets",
    "max_total_ink",
    "photos_in_use",
    "print_file",
    "read_header",
    "screen_file",
]
