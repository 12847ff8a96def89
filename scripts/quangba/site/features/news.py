"""News items (dated pages in the news section): the per-language index and the Atom feed.

An item belongs to a language only where its file exists in that language; a Vietnamese-only
item is listed on the Vietnamese index and feed, not on the Chinese ones.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from feedgen.feed import FeedGenerator
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from quangba import facts
from quangba.core import frontmatter
from quangba.core.files import write_bytes
from quangba.site.features import Feature

NEWS_LIST = "{{ news }}"  # what an editor writes on the news index page
STYLESHEET = "assets/stylesheets/landing.css"  # the cards' style (the landing pages' stylesheet)
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*)?\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*\bsrc=[\"']([^\"']+)[\"']", re.IGNORECASE)


@dataclass(frozen=True)
class NewsItem:
    title: str
    date: dt.date
    description: str
    file: File


def news_items(files: Files, section: str, lang: str) -> list[NewsItem]:
    """Dated pages of the section written in lang, newest first."""
    items = []
    for file in files.documentation_pages():
        if not file.src_uri.startswith(f"{section}/") or getattr(file, "locale", lang) != lang:
            continue
        page = frontmatter.read(Path(file.abs_src_path or ""))
        published = page.meta.get("date")
        if isinstance(published, dt.datetime):
            published = published.date()
        if isinstance(published, dt.date):
            items.append(NewsItem(str(page.meta.get("title", file.name)), published, str(page.meta.get("description", "")), file))
    return sorted(items, key=lambda item: (item.date, item.title), reverse=True)


def first_image(path: Path, src_uri: str) -> str:
    """The first image of a page's Markdown source, as a path inside assets/ ('images/x.jpg'),
    or '' when the page has none there."""
    try:
        body = frontmatter.read(path).body
    except (OSError, ValueError):
        return ""
    for found in sorted([*MARKDOWN_IMAGE.finditer(body), *HTML_IMAGE.finditer(body)], key=lambda m: m.start()):
        target = found[1].split("#")[0].split("?")[0]
        if "://" in target or target.startswith("/"):
            continue
        parts: list[str] = []
        for part in (PurePosixPath(src_uri).parent / target).parts:
            if part == "..":
                parts = parts[:-1]
            elif part not in (".", ""):
                parts.append(part)
        if parts[:1] == ["assets"] and len(parts) > 1:
            return "/".join(parts[1:])
    return ""


def news_cards_html(items: list[NewsItem], page_url: str, lang: str, gettext: Callable[[str], str]) -> str:
    """The cards that replace {{ news }} (a block of HTML in the Markdown): each item's first
    photo (the images feature makes it responsive) or the emblem, its date, title and summary."""
    if not items:
        return gettext("No news items yet.")
    cards = []
    for item in items:
        image = first_image(Path(item.file.abs_src_path or ""), item.file.src_uri)
        # the photo's alt text comes from its sidecar (the images feature fills an empty alt)
        media = f'<img src="{html.escape(get_relative_url("assets/" + image, page_url))}" alt="">' if image else ""
        fallback = "" if image else " quangba-card__media--fallback"  # the emblem on a tint (landing.css)
        summary = f'<p class="quangba-card__text">{html.escape(item.description)}</p>' if item.description else ""
        cards.append(
            f'<li class="quangba-card quangba-card--news"><div class="quangba-card__media{fallback}">{media}</div>'
            f'<div class="quangba-card__body"><p class="quangba-card__date"><strong><time datetime="{item.date.isoformat()}">'
            f"{html.escape(facts.date(item.date, lang))}</time></strong></p>"
            f'<p class="quangba-card__title"><a href="{html.escape(get_relative_url(item.file.url, page_url))}">{html.escape(item.title)}</a></p>'
            f"{summary}</div></li>"
        )
    return '\n<ul class="quangba-cards quangba-cards--news">' + "".join(cards) + "</ul>\n"


def feed_path(lang: str, default: str) -> str:
    """Site-relative path of a language's feed: feed.xml, en/feed.xml ..."""
    return "feed.xml" if lang == default else f"{lang}/feed.xml"


def write_feed(
    items: list[NewsItem],
    path: Path,
    *,
    site_url: str,
    feed_url: str,
    title: str,
    author: str,
    lang: str,
    page_url: Callable[[NewsItem], str],
) -> None:
    """An Atom feed of the items, written to a temporary file and renamed into place."""
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(title)
    feed.language(lang)
    feed.author({"name": author})
    feed.link(href=site_url, rel="alternate")
    feed.link(href=feed_url, rel="self")
    newest = items[0].date if items else dt.date(2000, 1, 1)
    feed.updated(dt.datetime.combine(newest, dt.time(), dt.UTC))
    for item in reversed(items[:50]):  # feedgen prepends: add oldest first to keep newest on top
        entry = feed.add_entry()
        url = page_url(item)
        entry.id(url)
        entry.title(item.title)
        entry.link(href=url)
        entry.summary(item.description or item.title)
        stamp = dt.datetime.combine(item.date, dt.time(), dt.UTC)
        entry.published(stamp)
        entry.updated(stamp)
    write_bytes(path, feed.atom_str(pretty=True))


class News(Feature):
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if NEWS_LIST not in markdown:
            return None
        lang = getattr(page.file, "locale", None) or self.state.languages.default
        items = news_items(files, self.state.project.options.news_section, lang)
        assets = self.state.head_assets.setdefault(page.file.src_uri, ([], []))
        stylesheet = get_relative_url(STYLESHEET, page.url)
        if stylesheet not in assets[0]:
            assets[0].append(stylesheet)
        return markdown.replace(NEWS_LIST, news_cards_html(items, page.url, lang, self.state.gettext))

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: object) -> None:
        context["quangba_feed_url"] = get_relative_url(feed_path(self.state.lang, self.state.languages.default), page.url)

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.state.files is not None
        lang, default = self.state.lang, self.state.languages.default
        site_url = (config.site_url or "").rstrip("/") + "/"
        relative = feed_path(lang, default)
        news_word = self.state.gettext("News")  # outside the f-string: Babel's extractor cannot see inside one
        write_feed(
            news_items(self.state.files, self.state.project.options.news_section, lang),
            Path(config.site_dir) / relative,
            site_url=site_url + self.state.language_root(),
            feed_url=site_url + relative,
            title=f"{config.site_name} – {news_word}",
            author=config.site_author or config.site_name,
            lang=lang,
            page_url=lambda item: site_url + item.file.url,
        )
