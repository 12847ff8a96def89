"""sitemap.xml listing each page once per language it really exists in, with its alternates.

The stock sitemap lists a Vietnamese page copied into /en/ as if it were English. Search
engines should see only real translations, each pointing at the others (and x-default at the
source language), as Google documents for multilingual sites.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from quangba.core.files import write_bytes
from quangba.site.features import Feature
from quangba.site.features.languages import absolute, page_languages
from quangba.site.state import SiteState

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@dataclass(frozen=True)
class SitemapPage:
    url: str  # absolute
    alternates: tuple[tuple[str, str], ...]  # (hreflang, absolute URL), x-default included


def sitemap_xml(pages: list[SitemapPage]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for page in sorted(set(pages), key=lambda p: p.url):
        lines.append(f"  <url>\n    <loc>{escape(page.url)}</loc>")
        for hreflang, href in page.alternates:
            lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} href={quoteattr(href)}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(pages: list[SitemapPage], site_dir: Path) -> None:
    """sitemap.xml and sitemap.xml.gz at the site root (each written whole, then renamed)."""
    data = sitemap_xml(pages).encode("utf-8")
    for name, content in (("sitemap.xml", data), ("sitemap.xml.gz", gzip.compress(data, mtime=0))):
        write_bytes(site_dir / name, content)


def read_sitemap(path: Path) -> list[SitemapPage]:
    """The pages of a sitemap written by write_sitemap (to merge builds made apart)."""
    pages = []
    for url in ET.parse(path).getroot().findall("s:url", NS):
        links = tuple((link.get("hreflang", ""), link.get("href", "")) for link in url.findall("x:link", NS))
        pages.append(SitemapPage(url.findtext("s:loc", "", NS), links))
    return pages


class Sitemap(Feature):
    """Each real translation once, with its alternates; the last language's build writes it."""

    def __init__(self, state: SiteState) -> None:
        super().__init__(state)
        self.pages: list[SitemapPage] = []

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: object) -> None:
        languages = self.state.languages
        where = page_languages(page, self.state.lang, languages.all, languages.default)
        if where.untranslated:
            return
        alternates = [(lang, absolute(config, where.urls[lang])) for lang in where.existing]
        alternates.append(("x-default", absolute(config, where.urls.get(languages.default, page.url))))
        self.pages.append(SitemapPage(absolute(config, page.url), tuple(alternates)))

    def on_site_built(self, config: MkDocsConfig) -> None:
        write_sitemap(self.pages, Path(config.site_dir))
