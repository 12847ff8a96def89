"""The leaflets on the site: {{ leaflets }} on the Publications page becomes, in each language,
the list of that language's leaflets with a preview and the screen PDF to download; the build
copies those files to /assets/leaflets/ of the site.
"""

from __future__ import annotations

import html
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from quangba.leaflets import read_manifest
from quangba.site.features import Feature, log

LEAFLET_LIST = "{{ leaflets }}"


def format_name(name: str, gettext: Callable[[str], str]) -> str:
    names = {
        "a5-flyer": gettext("A5 flyer, two sides"),
        "a4-trifold": gettext("A4 tri-fold brochure"),
        "a4-factsheet": gettext("A4 fact sheet, one page"),
    }
    return names.get(name, name)


def entries_for(entries: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    return [e for e in entries if e.get("lang") == lang]


def published_files(entry: dict[str, Any]) -> list[str]:
    """Files of out_dir the site publishes for a leaflet: the screen PDF and the previews."""
    return [str(entry["screen_pdf"]), *(str(p) for p in entry.get("previews", []))]


def leaflets_html(entries: list[dict[str, Any]], lang: str, page_url: str, subdir: str, gettext: Callable[[str], str]) -> str:
    """HTML (a block of its own in the Markdown) listing lang's leaflets."""
    mine = entries_for(entries, lang)
    if not mine:
        none_yet = gettext("The leaflets have not been made yet.")
        return f'<p class="quangba-leaflets__none">{html.escape(none_yet)}</p>'

    def url(file: str) -> str:
        return get_relative_url(f"{subdir}/{Path(file).name}", page_url)

    # Labels first: Babel's extractor cannot see gettext calls inside f-strings.
    download, folded_label = gettext("Download PDF"), gettext("Folded preview")
    page_label, preview_label = gettext("Page {number}"), gettext("Preview: {title}")
    one_page, many_pages = gettext("page"), gettext("pages")
    items = []
    for entry in mine:
        previews = [p for p in entry.get("previews", []) if not p.endswith("-folded.png")]
        folded = [p for p in entry.get("previews", []) if p.endswith("-folded.png")]
        title = str(entry.get("title", entry["name"]))
        size = format_decimal(round(int(entry.get("screen_bytes", 0)) / 1000), locale=lang)
        pages = int(entry.get("pages", 0))
        pdf = url(entry["screen_pdf"])
        links = [f'<a href="{pdf}" download>{html.escape(download)}</a> ({size} kB)']
        links += [f'<a href="{url(p)}">{html.escape(page_label.format(number=n))}</a>' for n, p in enumerate(previews, start=1)]
        if folded:
            links.append(f'<a href="{url(folded[0])}">{html.escape(folded_label)}</a>')
        picture = ""
        if previews:
            alt = html.escape(preview_label.format(title=title))
            picture = f'<a href="{pdf}"><img src="{url(previews[0])}" alt="{alt}" loading="lazy"></a>'
        kind = html.escape(format_name(str(entry.get("format", "")), gettext))
        count = f"{pages} {html.escape(one_page if pages == 1 else many_pages)}"
        items.append(
            f'<figure class="quangba-leaflet">{picture}<figcaption><strong>{html.escape(title)}</strong><br>'
            f"{kind} · {count}<br>{' · '.join(links)}</figcaption></figure>"
        )
    return '\n<div class="quangba-leaflets">\n' + "\n".join(items) + "\n</div>\n"


def copy_files(entries: list[dict[str, Any]], out_dir: Path, site_dir: Path, subdir: str) -> int:
    """Copy the screen PDFs and previews into the site; returns how many files."""
    target = site_dir / subdir
    copied = 0
    for entry in entries:
        for file in published_files(entry):
            source = out_dir / file
            if source.is_file():
                target.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target / source.name)
                copied += 1
    return copied


class Leaflets(Feature):
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if LEAFLET_LIST not in markdown:
            return None
        options = self.state.project.options.leaflets
        lang = getattr(page.file, "locale", None) or self.state.languages.default
        entries = read_manifest(self.out_dir())
        if not entries_for(entries, lang):
            log.warning("%s: no leaflets in %s yet for '%s': run `quangba leaflets` (quangba build does)", page.file.src_uri, options.out_dir, lang)
        return markdown.replace(LEAFLET_LIST, leaflets_html(entries, lang, page.url, options.site_dir, self.state.gettext))

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Once, by the build whose folder is the site's root: every language links /assets/leaflets/."""
        options = self.state.project.options.leaflets
        if self.state.default_language_build and options.enabled:
            copy_files(read_manifest(self.out_dir()), self.out_dir(), Path(config.site_dir), options.site_dir)

    def out_dir(self) -> Path:
        return self.state.project.path(self.state.project.options.leaflets.out_dir)
