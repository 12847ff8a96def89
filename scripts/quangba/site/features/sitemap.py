"""sitemap.xml listing each page once per language it really exists in, with its alternates.

The stock sitemap lists a Vietnamese page copied into /en/ as if it were English. Search
engines should see only real translations, each pointing at the others (and x-default at the
source language), as Google documents for multilingual sites.

The site's root sitemap lists every language; each other language's folder gets its own with that
language's pages (en/sitemap.xml). Material's scripts fetch sitemap.xml beside the language base
and beside every alternate link, to send the language switcher to the same page: without the
language sitemaps each page view asked for files that are not there (404s in every console).
robots.txt names the root sitemap and keeps crawlers out of the editors' pages.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
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


def write_sitemap(pages: list[SitemapPage], folder: Path, gzipped: bool = True) -> None:
    """sitemap.xml (and the sitemap.xml.gz search engines may ask for) in folder, each written
    whole, then renamed."""
    data = sitemap_xml(pages).encode("utf-8")
    write_bytes(folder / "sitemap.xml", data)
    if gzipped:
        write_bytes(folder / "sitemap.xml.gz", gzip.compress(data, mtime=0))


def robots_txt(editors_path: str, sitemap_url: str) -> str:
    """Every page may be crawled but the editors' (which nginx does not serve anyway). A sitemap
    is named only by a full address (without site_url the build cannot know it)."""
    text = f"User-agent: *\nDisallow: {editors_path}\n"
    if sitemap_url.startswith(("http://", "https://")):
        text += f"\nSitemap: {sitemap_url}\n"
    return text


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
        self.by_language: dict[str, list[SitemapPage]] = {}

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: object) -> None:
        languages = self.state.languages
        where = page_languages(page, self.state.lang, languages.all, languages.default)
        if where.untranslated:
            return
        alternates = [(lang, absolute(config, where.urls[lang])) for lang in where.existing]
        alternates.append(("x-default", absolute(config, where.urls.get(languages.default, page.url))))
        entry = SitemapPage(absolute(config, page.url), tuple(alternates))
        self.pages.append(entry)
        self.by_language.setdefault(self.state.lang, []).append(entry)

    def on_site_built(self, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        write_sitemap(self.pages, site_dir)
        for lang, pages in self.by_language.items():
            if root := self.state.language_root(lang):
                write_sitemap(pages, site_dir / root, gzipped=False)
        # At the root of this build's folder, as sitemap.xml: a language built apart writes one
        # too, and the merge keeps only the default language's root.
        robots = robots_txt(urlsplit(absolute(config, "_editors/")).path, absolute(config, "sitemap.xml"))
        write_bytes(site_dir / "robots.txt", robots.encode("utf-8"))
