"""The translation status page for editors, /_editors/translation-status/ (not in the navigation,
not indexed): the same report as `quangba coverage`, written once by the default language's build."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from quangba.coverage import write_status_page
from quangba.site.features import Feature


class Status(Feature):
    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.state.default_language_build:
            self.state.editor_pages.append(write_status_page(config, held=self.state.held))
