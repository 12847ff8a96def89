"""The inline scripts and styles the templates write, recorded for the security policy.

Around each page's content (and in the 404 pages and the editors' pages quangba writes), the
theme's and quangba's templates write a few inline scripts and styles. They are recorded here,
per language, never those of page content (which may hold none: see sanitize); `quangba build`
puts them in the site's manifest and `quangba publish` allows exactly these in nginx's policy.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from quangba.core.files import write_text
from quangba.core.inline import InlineCode, Source, page_inline, sources_of
from quangba.site.features import Feature
from quangba.site.state import SiteState

RECORD = ".quangba-inline.json"  # in each language's folder; read and removed by quangba.site.build.runner


class Inline(Feature):
    def __init__(self, state: SiteState) -> None:
        super().__init__(state)
        self.sources: dict[str, set[Source]] = {}

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> None:
        self.record(output, page.content or "")

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> None:
        if template_name == "404.html":
            self.record(output, "")

    def record(self, output: str, content: str) -> None:
        inside = page_inline(content) if content else InlineCode()
        outside = page_inline(output)
        outside.scripts = [text for text in outside.scripts if text not in inside.scripts]
        outside.styles = [text for text in outside.styles if text not in inside.styles]
        self.sources.setdefault(self.state.lang, set()).update(sources_of(outside))

    def on_post_build(self, config: MkDocsConfig) -> None:
        sources = self.sources.setdefault(self.state.lang, set())
        if self.state.default_language_build:
            for page in dict.fromkeys(self.state.editor_pages):
                sources.update(sources_of(page_inline(page.read_text(encoding="utf-8"))))
        record = {kind + "s": sorted(value for k, value in sources if k == kind) for kind in ("script", "style")}
        write_text(Path(config.site_dir) / self.state.language_root() / RECORD, json.dumps(record))
