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

from quangba import interface
from quangba.core.languages import language_name, og_locale
from quangba.site.features import Feature
from quangba.site.state import SiteState

FIRST_IMAGE = re.compile(r'<img[^>]+src="([^"]+)"')
MATERIAL_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
# The toc extension's heading anchors: <a class="headerlink" href="#id" title="Permanent link">¶</a>
PERMALINK = re.compile(r'(<a class="headerlink" href="[^"]*") title="Permanent link">')
FULL_WIDTH_BRACKETS = ("zh", "ja")  # languages whose brackets are （…）, with no space before them


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


@dataclass(frozen=True)
class SwitcherMark:
    """ "(not translated)" beside a language's name in the switcher, in that language."""

    text: str
    space: bool  # a space between the name and the mark
    title: str  # the link's tooltip, "Not yet translated"


def switcher_mark(lang: str, not_translated: str, title: str) -> SwitcherMark:
    if lang.split("-")[0] in FULL_WIDTH_BRACKETS:
        return SwitcherMark(f"（{not_translated}）", space=False, title=title)
    return SwitcherMark(f"({not_translated})", space=True, title=title)


class Languages(Feature):
    """Absolute hreflang and canonical links, Open Graph tags, the untranslated notice and noindex
    (see overrides/main.html), the language switcher's marks, Material's scripts pointed at the
    language's own search index, and the heading anchors' "Permanent link" in the reader's language."""

    def __init__(self, state: SiteState) -> None:
        super().__init__(state)
        self.marks: dict[str, SwitcherMark] = {}

    def switcher_marks(self) -> dict[str, SwitcherMark]:
        """Each language's own "not translated" (from its catalog), once per build process."""
        if not self.marks:
            settings = self.state.project
            compiled = interface.compile_catalogs(settings.catalogs, settings.cache_dir / "locales")
            default = settings.languages.default
            for code in settings.languages.all:
                own = interface.translations(code, default, compiled, report=lambda message: None)
                self.marks[code] = switcher_mark(code, own.gettext("not translated"), own.gettext("Not yet translated"))
        return self.marks

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: object) -> str | None:
        if 'title="Permanent link"' not in html:
            return None
        title = self.state.gettext("Permanent link")
        where = page_languages(page, self.state.lang, self.state.languages.all, self.state.languages.default)
        # On a page shown in its original language, the anchor says which language its title is in.
        lang = f' lang="{self.state.lang}"' if where.untranslated else ""
        return PERMALINK.sub(lambda match: f'{match[1]} title="{escape_attribute(title)}"{lang}>', html)

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
            # Translations the reader may prefer to the original (English first, in the site's order).
            "other_versions": [
                {"lang": code, "name": language_name(code, lang), "url": get_relative_url(where.urls[code], page.url)}
                for code in where.existing
                if where.untranslated and code != where.shown
            ],
            "switcher_marks": self.switcher_marks(),
            "og_locale": og_locale(lang),
            "og_locale_alternates": [og_locale(code) for code in where.existing if code != lang],
            "og_type": "article" if page.meta.get("date") else "website",
            "image": image_url,
            "stylesheets": stylesheets,  # in the <head> of the pages that need them (a video's player)
            "scripts": scripts,
        }


def escape_attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def absolute(config: MkDocsConfig, url: str) -> str:
    return urljoin((config.site_url or "").rstrip("/") + "/", url)


def language_base(output: str, base: str) -> str:
    """Point Material's scripts at this language's root, where its own search index is."""

    def rebase(match: re.Match[str]) -> str:
        settings = json.loads(match[2])
        settings["base"] = base
        return match[1] + json.dumps(settings, ensure_ascii=False, separators=(",", ":")) + match[3]

    return MATERIAL_CONFIG.sub(rebase, output, count=1)
