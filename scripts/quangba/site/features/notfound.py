"""One "page not found" page per language (/404.html, /en/404.html …), in that language, with
absolute links: the web server sends it for any unknown address under the language's folder."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from quangba.core.files import write_bytes
from quangba.site.features import Feature
from quangba.site.features.languages import language_base
from quangba.site.state import SiteState

TEMPLATE = "404.html"


class NotFound(Feature):
    def __init__(self, state: SiteState) -> None:
        super().__init__(state)
        self.pages: dict[str, bytes] = {}  # language -> its page, until every language is built

    def on_template_context(self, context: dict[str, Any], template_name: str, config: MkDocsConfig) -> None:
        if template_name != TEMPLATE:
            return
        context["quangba_home_url"] = site_root(config) + self.state.language_root()
        # The i18n plugin points the switcher at the last page rendered; a 404 has no page, so it
        # offers each language's home instead. (It sets the attribute, which templates read
        # before the key: set both.)
        roots = getattr(config.plugins.get("i18n"), "extra_alternate", None)
        if roots:
            config.extra["alternate"] = deepcopy(roots)
            setattr(config.extra, "alternate", deepcopy(roots))  # noqa: B010 - the attribute, which templates read first

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str | None:
        if template_name != TEMPLATE:
            return None
        # Served at any address: an absolute base, with the trailing slash URLs resolve against.
        return language_base(output, site_root(config) + self.state.language_root())

    def on_post_build(self, config: MkDocsConfig) -> None:
        page = Path(config.site_dir) / TEMPLATE  # each language's build writes it at the root
        if page.exists():
            self.pages[self.state.lang] = page.read_bytes()

    def on_site_built(self, config: MkDocsConfig) -> None:
        for lang, data in self.pages.items():
            write_bytes(Path(config.site_dir) / self.state.language_root(lang) / TEMPLATE, data)


def site_root(config: MkDocsConfig) -> str:
    """The path of the site's address: '/' or '/portal/'."""
    return urlsplit(config.site_url or "/").path.rstrip("/") + "/"
