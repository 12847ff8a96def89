"""The photo library in the site: web derivatives published in place of the originals, each
Markdown image of a library photo made a responsive <figure>, the editors' contact sheet."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from quangba.images import SiteImages
from quangba.site.features import Feature
from quangba.site.state import SiteState


class Images(Feature):
    def __init__(self, state: SiteState) -> None:
        super().__init__(state)
        self.site_images: SiteImages | None = None
        self.editor_html: list[str] = []  # the contact sheet's page(s), site-relative

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.state.first_pass_done and self.state.project.options.images.enabled:
            self.site_images = SiteImages(self.state.project)

    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        if self.site_images is None:
            return
        editor_files = self.site_images.editor_files(config)
        self.editor_html = [file.dest_uri for file in editor_files if file.dest_uri.endswith(".html")]
        for file in self.site_images.files(config) + editor_files:
            files.append(file)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        return self.site_images.page_content(html, page, config) if self.site_images is not None else None

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.state.default_language_build:
            self.state.editor_pages += [Path(config.site_dir) / uri for uri in self.editor_html]
