"""Typed options of the quangba MkDocs plugin (``plugins: - quangba:`` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from quangba.images.site import ImagesConfig
from quangba.leaflets.config import LeafletsConfig


class LimitsConfig(Config):
    """What one page may hold before the build refuses it (see quangba.sources.Limits)."""

    page_kb = opt.Type(int, default=1000)
    headings = opt.Type(int, default=1000)
    nesting = opt.Type(int, default=20)


class QuangbaConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Folder beside mkdocs.yml that holds fonts, photos, the logo and data.
    assets_dir = opt.Type(str, default="assets")
    # Globs, relative to assets_dir, of the files the site publishes under /assets/.
    # Not the photos: the images option publishes stripped copies (an original may carry GPS).
    publish = opt.ListOfItems(opt.Type(str), default=["fonts/*", "logo.svg"])
    # The figures pages may state with {{ fact.KEY }}; relative to mkdocs.yml. Empty: no facts.
    facts_file = opt.Type(str, default="")
    # Folder of docs/ whose dated pages are news items (index list, Atom feed per language).
    news_section = opt.Type(str, default="news")
    # Gettext catalogs of the interface strings; empty: those shipped with quangba.
    catalogs_dir = opt.Type(str, default="")
    # Picture for link previews (Open Graph, Twitter) of pages without their own; under assets_dir.
    social_image = opt.Type(str, default="")
    # The photo library: responsive web images, the editors' contact sheet (see quangba.images).
    images = opt.SubConfig(ImagesConfig)
    # Print leaflets (`quangba leaflets`); the site lists them where a page says {{ leaflets }}.
    leaflets = opt.SubConfig(LeafletsConfig)
    # Size, headings and nesting a page may have; beyond them the build stops with the page's name.
    limits = opt.SubConfig(LimitsConfig)
    # Compiled catalogs and other build products reused between builds; relative to mkdocs.yml.
    cache_dir = opt.Type(str, default=".cache/quangba")
    # Releases `quangba publish` keeps in DEST/releases (the live one always stays).
    keep_releases = opt.Type(int, default=5)
    # Run by `quangba publish` when the CSP hashes of inline scripts/styles change, e.g. "sudo systemctl reload nginx".
    reload_command = opt.Type(str, default="")
    # `quangba check` fails when a language has fewer up-to-date pages than this percentage.
    coverage_fail_under = opt.Optional(opt.Type((int, float)))
