"""In which languages a page really exists, and where; what the page's head says about it.

mkdocs-static-i18n fills every language with the Vietnamese page when a translation is missing,
and its alternates cannot tell a translation from such a copy. Search engines, the language
switcher and the "not yet translated" notice all need the difference, so it is computed here once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from quangba.core.languages import language_name, og_locale
from quangba.site.features import Feature

FIRST_IMAGE = re.compile(r'<img[^>]+src="([^"]+)"')
MATERIAL_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


@dataclass(frozen=True)
class PageLanguages:
    reader: str  # the language of this part of the site (/en/ -> en)
    shown: str  # the language of the text on the page
    existing: tuple[str, ...]  # languages the page was written in, in the site's order
    urls: dict[str, str]  # site-relative URL of the page in every language of the site

    @property
    def untranslated(self) -> bool:
        """The reader gets the source-language page because there is no translation."""
        return self.shown != self.reader


def page_languages(page: Page, reader: str, languages: tuple[str, ...], default: str) -> PageLanguages:
    file = page.file
    alternates = getattr(file, "alternates", {}) or {reader: file}
    existing = tuple(lang for lang in languages if lang in alternates and getattr(alternates[lang], "locale", default) == lang)
    urls = {lang: alternates[lang].url for lang in languages if lang in alternates}
    return PageLanguages(reader=reader, shown=getattr(file, "locale", None) or default, existing=existing, urls=urls)


class Languages(Feature):
    """Absolute hreflang and canonical links, Open Graph tags, the untranslated notice and noindex
    (see overrides/main.html), and Material's scripts pointed at the language's own search index."""

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: object) -> None:
        where = page_languages(page, self.state.lang, self.state.languages.all, self.state.languages.default)
        context["quangba_page"] = self.page_meta(page, where, config)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return language_base(output, get_relative_url(self.state.language_root(), page.url))

    def page_meta(self, page: Page, where: PageLanguages, config: MkDocsConfig) -> dict[str, Any]:
        lang, default = self.state.lang, self.state.languages.default
        here = absolute(config, page.url)
        source = absolute(config, where.urls.get(default, page.url))  # a translation may lack one
        image = FIRST_IMAGE.search(page.content or "")
        social = self.state.project.options.social_image
        image_url = urljoin(here, image[1]) if image else absolute(config, "assets/" + social) if social else ""
        stylesheets, scripts = self.state.head_assets.get(page.file.src_uri, ([], []))
        return {
            "canonical": source if where.untranslated else here,
            "alternates": [(code, absolute(config, where.urls[code])) for code in where.existing],
            "x_default": source,
            "noindex": where.untranslated,
            "untranslated": where.untranslated,
            "shown_language": where.shown,
            "reader_language_name": language_name(lang, lang),
            "shown_language_name": language_name(where.shown, lang),
            "existing": list(where.existing),
            "og_locale": og_locale(lang),
            "og_locale_alternates": [og_locale(code) for code in where.existing if code != lang],
            "og_type": "article" if page.meta.get("date") else "website",
            "image": image_url,
            "stylesheets": stylesheets,  # in the <head> of the pages that need them (a video's player)
            "scripts": scripts,
        }


def absolute(config: MkDocsConfig, url: str) -> str:
    return urljoin((config.site_url or "").rstrip("/") + "/", url)


def language_base(output: str, base: str) -> str:
    """Point Material's scripts at this language's root, where its own search index is."""

    def rebase(match: re.Match[str]) -> str:
        settings = json.loads(match[2])
        settings["base"] = base
        return match[1] + json.dumps(settings, ensure_ascii=False, separators=(",", ":")) + match[3]

    return MATERIAL_CONFIG.sub(rebase, output, count=1)
