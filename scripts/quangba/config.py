"""Typed options of the quangba MkDocs plugin (``plugins: - quangba:`` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class QuangbaConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Folder beside mkdocs.yml that holds fonts, photos, the logo and data.
    assets_dir = opt.Type(str, default="assets")
    # Globs, relative to assets_dir, of the files the site publishes under /assets/.
    publish = opt.ListOfItems(opt.Type(str), default=["fonts/*", "images/*.jpg", "logo.svg"])
