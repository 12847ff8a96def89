"""Options under ``plugins: - quangba: leaflets:`` in mkdocs.yml (typed, like Material's plugins)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from quangba.images.cache import cpu_count


class LeafletsConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Leaflets render in this many processes at once.
    concurrency = opt.Type(int, default=cpu_count())
    # Skip a leaflet whose sources, photos, fonts and settings are unchanged since its last build.
    cache = opt.Type(bool, default=True)
    cache_dir = opt.Type(str, default=".cache/quangba/leaflets")
    # Leaflet sources, inside docs_dir: NAME.LANG.md (not built as site pages).
    sources = opt.Type(str, default="publications/leaflets")
    # Print files, screen PDFs and previews; relative to mkdocs.yml.
    out_dir = opt.Type(str, default="print/leaflets")
    # Photos must reach this many pixels per inch at their printed size.
    min_ppi = opt.Type((int, float), default=300)
    # Photos of the screen PDFs, in pixels per inch (light files for reading on screen).
    screen_ppi = opt.Type((int, float), default=150)
    # Crop marks in the print PDFs (K only, outside the bleed); ask the print shop first.
    crop_marks = opt.Type(bool, default=False)
    # Where the site publishes the screen PDFs and previews (under the site folder).
    site_dir = opt.Type(str, default="assets/leaflets")
