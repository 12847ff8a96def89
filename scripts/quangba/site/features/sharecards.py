"""Each page's own link preview: a 1200×630 share card (quangba.sharecards) drawn from the page's
first photo (else its section's, else the social_image option), with its title in the language
the page is shown in, in the site's own fonts, and the logo.

The cards of a language are written to <language root>assets/social/<page>.<hash8>.jpg, where
the hash covers everything the card shows, and listed with their texts and fonts in
assets/social/cards.json beside them. Drawn cards are kept in the shared cache (share-cards), so
a build draws only the cards of pages whose title or photo changed. An untranslated copy shows
the Vietnamese page: its card is the Vietnamese one.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from quangba.config import read_project
from quangba.core.errors import Problem, QuangbaError
from quangba.core.files import write_bytes, write_text
from quangba.core.jobs import shared_cache
from quangba.fonts import read_catalog
from quangba.sharecards import HEIGHT, WIDTH, Card, CardMaker, normalized
from quangba.site.features import Feature, log, page_source
from quangba.site.state import SiteState

FOLDER = "assets/social"
MANIFEST = "cards.json"
FIRST_IMAGE = re.compile(r"<img\b[^>]*?\bsrc=\"([^\"]+)\"", re.IGNORECASE)
TAGS = re.compile(r"<[^>]+>")


class ShareCards(Feature):
    def __init__(self, state: SiteState) -> None:
        super().__init__(state)
        self.maker: CardMaker | None = None
        self.images: dict[str, Path] = {}  # a page's folder URL -> its first photo (the original)
        self.records: list[dict[str, Any]] = []
        self.default_site_name = ""

    def on_config(self, config: MkDocsConfig) -> None:
        self.images, self.records = {}, []
        if self.maker is not None:
            return
        catalog_file = self.state.project.fonts_catalog
        if not catalog_file.is_file():
            return  # a project without the site's fonts keeps the one social image
        catalog = read_catalog(catalog_file, self.state.project.shown(catalog_file))
        logo = self.state.project.assets_dir / "logo.svg"
        self.maker = CardMaker(catalog, logo if logo.is_file() else None, shared_cache("share-cards"))
        data = read_project(self.state.project.config_file).data
        self.default_site_name = str(data.get("site_name") or "")

    def on_page_content(self, html_text: str, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Before the images feature rewrites them: the page's first photo, as the original file."""
        if self.maker is None:
            return
        for src in FIRST_IMAGE.findall(html_text):
            original = self.original(html.unescape(src), page.url)
            if original is not None:
                self.images[folder_of(page.url)] = original
                return

    def original(self, src: str, page_url: str) -> Path | None:
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        resolved = unquote(urlsplit(urljoin("http://site/" + page_url, parts.path)).path).lstrip("/")
        root = self.state.language_root()
        resolved = resolved.removeprefix(root) if root and resolved.startswith(root + "assets/") else resolved
        if not resolved.startswith("assets/"):
            return None
        path = self.state.project.assets_dir / resolved.removeprefix("assets/")
        return path if path.is_file() and path.suffix.lower() in {".jpg", ".jpeg", ".png", ".webp"} else None

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: object) -> None:
        meta = context.get("quangba_page")
        if self.maker is None or not isinstance(meta, dict):
            return
        shown = str(meta.get("shown_language") or self.state.lang)
        card = self.card(page, config, shown)
        self.check(card, page)
        made = self.maker.make(card)
        root = self.state.language_root()
        name = f"{root}{FOLDER}/{slug(page.url, root)}.{made.key[:8]}.jpg"
        target = Path(config.site_dir) / name
        if not target.is_file():
            write_bytes(target, made.path.read_bytes())
        alt = f"{card.label}{'：' if card.lang.startswith('zh') else ': '}{card.title}" if card.label else card.title
        meta.update(image=urljoin((config.site_url or "").rstrip("/") + "/", name), image_width=WIDTH, image_height=HEIGHT, image_alt=alt)
        assets, fonts = self.state.project.assets_dir.resolve(), self.state.project.fonts_catalog.parent.resolve()
        runs = [{**run, "font": "assets/" + (fonts / run["font"]).relative_to(assets).as_posix()} for run in made.record["runs"]]
        photo = "assets/" + card.photo.resolve().relative_to(assets).as_posix() if card.photo else None
        self.records.append({"page": page.file.src_uri, "url": page.url, "image": name, "alt": alt, "photo": photo, **made.record, "runs": runs})

    def card(self, page: Page, config: MkDocsConfig, shown: str) -> Card:
        home = page.url in {self.state.language_root(), self.state.language_root() + "index.html"}
        site_name = self.site_name(config, shown)
        title = normalized(html.unescape(TAGS.sub("", str(page.title or ""))))
        if home or not title:
            title, site_name = site_name or title, ""
        return Card(title=title, label=normalized(site_name), lang=shown, photo=self.photo(page))

    def site_name(self, config: MkDocsConfig, shown: str) -> str:
        if shown == self.state.lang:
            return str(config.site_name or "")
        return str(self.state.project.language_options.get(shown, {}).get("site_name") or self.default_site_name)

    def photo(self, page: Page) -> Path | None:
        folder = folder_of(page.url)
        if folder in self.images:
            return self.images[folder]
        root = self.state.language_root()
        while len(folder := parent(folder)) > len(root):
            if folder in self.images:
                return self.images[folder]
        social = self.state.project.options.social_image
        path = self.state.project.assets_dir / social if social else None
        return path if path is not None and path.is_file() else None

    def check(self, card: Card, page: Page) -> None:
        """Every character drawn has a glyph in the site's fonts, or the build stops."""
        assert self.maker is not None
        fonts = self.maker.fonts(card.lang)
        problems = []
        if missing := fonts.title.missing(card.title):
            source = page_source(page)
            problems.append(Problem(self.state.project.shown(source), missing_message(missing), line_of(source, missing[0])))
        if missing := fonts.label.missing(card.label):
            config_file = self.state.project.config_file
            problems.append(Problem(self.state.project.shown(config_file), missing_message(missing), line_of(config_file, missing[0])))
        if problems:
            raise QuangbaError(problems)

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.maker is None or not self.records:
            return
        manifest = Path(config.site_dir) / self.state.language_root() / FOLDER / MANIFEST
        write_text(manifest, json.dumps(sorted(self.records, key=lambda r: r["url"]), ensure_ascii=False, indent=1) + "\n")
        log.info(f"Share cards ({self.state.lang}): {self.maker.drawn} drawn, {self.maker.cached} from the cache")
        self.maker.drawn = self.maker.cached = 0


def folder_of(url: str) -> str:
    """'tourism/tea/' and 'tourism/tea.html' -> 'tourism/tea/'; 'tourism/index.html' -> 'tourism/'."""
    if url.endswith("index.html"):
        return url.removesuffix("index.html")
    if url.endswith(".html"):
        return url.removesuffix(".html") + "/"
    return url


def parent(folder: str) -> str:
    head = folder.rstrip("/").rpartition("/")[0]
    return head + "/" if head else ""


def slug(url: str, root: str) -> str:
    path = folder_of(url).removeprefix(root).strip("/")
    return path.replace("/", "-") or "index"


def missing_message(characters: list[str]) -> str:
    listed = ", ".join(f"“{c}” (U+{ord(c):04X} {unicodedata.name(c, '?')})" for c in characters)
    return (
        f"ảnh chia sẻ (share card) không vẽ được tiêu đề: font của trang web không có ký tự {listed}. "
        "Hãy thay ký tự đó, hoặc bổ sung font (quangba fonts, xem assets/fonts/README.md)."
    )


def line_of(path: Path, character: str) -> int | None:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
            if character in unicodedata.normalize("NFC", line):
                return number
    except (OSError, UnicodeDecodeError):
        return None
    return None
