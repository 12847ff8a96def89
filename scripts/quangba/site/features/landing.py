"""Landing pages: the home page and the section front pages (front matter `template: landing.html`).

The editor describes the page in its front matter (see docs-editors/docs/trang-gioi-thieu.md):

    template: landing.html
    hero: {image: tea-hills.jpg, slogan: "…", pitch: "…"}
    actions: [{label: "…", link: investment/index.md}, …]   # two or three calls to action
    figures: [area, population]                           # keys of assets/data/province.yml
    cards: [investment/incentives.md, …]                   # default: the section's other pages
    news: 3                                                # latest news items as cards
    events: 3                                              # upcoming events
    publications: [invest]                                 # leaflets (docs/publications/leaflets/<name>.*.md)

Every key is checked (unknown key, missing photo or page, unknown figure: file:line, in
Vietnamese). This feature computes `quangba_landing` for overrides/landing.html, which escapes
every text. Photos go through the images feature: the landing's <img> tags are appended to the
page's HTML before it runs (Landing is before Images in FEATURES) and taken back out, made
responsive, when the page's context is made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from quangba import events, facts
from quangba.core import frontmatter
from quangba.core.errors import Problem
from quangba.images import Library, load_library
from quangba.leaflets import read_manifest
from quangba.site.features import Feature, page_source
from quangba.site.features.news import first_image, news_items
from quangba.site.state import SiteState

TEMPLATE = "landing.html"
STYLESHEET = "stylesheets/landing.css"  # inside assets/, published by the `stylesheets/*.css` glob
LANDING_KEYS = ("hero", "actions", "figures", "cards", "news", "events", "publications")
OTHER_KEYS = ("template", "title", "description", "source_hash", "untranslated", "hide", "search", "status", "tags")
HERO_KEYS = ("image", "slogan", "pitch")
ACTION_KEYS = ("label", "link")
MAX_ITEMS = 12
SUFFIX = re.compile(r"\.([a-z]{2}(?:_[A-Za-z]{2,4})?)\.md$")
STASH = re.compile(r'<div class="quangba-landing-stash">.*?</div>', re.S)
STASH_ID = ' id="quangba-stash-{key}"'
# How a source and its year read in a note: "…, 2025", "…，2025年", "…(2025년)" (as the facts tables).
SOURCE_NOTE = {"zh": "{source}，{year}年", "ko": "{source}({year}년)"}


@dataclass
class Spec:
    """A landing page's front matter, checked."""

    image: str = ""  # library file name
    slogan: str = ""
    pitch: str = ""
    actions: list[tuple[str, str]] = field(default_factory=list)  # (label, page path in docs)
    figures: list[str] = field(default_factory=list)
    cards: list[str] | None = None  # page paths; None: the section's pages
    news: int = 0
    events: int = 0
    publications: list[str] = field(default_factory=list)


@dataclass
class Card:
    title: str
    description: str
    url: str
    image_key: str  # the stash key of its picture
    date: str = ""  # news cards: the date as the language writes it
    iso: str = ""


def norm_path(src_uri: str) -> str:
    """investment/index.en.md -> investment/index.md"""
    return SUFFIX.sub(".md", src_uri)


def source_note(source: str, year: int, lang: str) -> str:
    if re.search(rf"(?<![\d/.\-]){year}(?![\d/.\-])", source):
        return source
    return SOURCE_NOTE.get(lang[:2], "{source}, {year}").format(source=source, year=year)


def check_spec(meta: dict[str, Any], document: Any, path: Path, known: dict[str, set[str]]) -> tuple[Spec, list[Problem]]:
    """The landing keys of a page's front matter; known: 'facts', 'photos', 'pages', 'leaflets'."""
    problems: list[Problem] = []
    spec = Spec()

    def line(*keys: Any) -> int:
        return (document.line(*keys) if document else None) or 1

    def problem(message: str, *keys: Any) -> None:
        problems.append(Problem(path, message, line(*keys)))

    def text(value: Any, *keys: Any) -> str:
        if isinstance(value, str) and value.strip():
            return value.strip()
        problem(f"'{'.'.join(str(k) for k in keys)}' phải là một đoạn chữ, không để trống", *keys)
        return ""

    def names(value: Any, key: str, kind: str, hint: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problem(f"'{key}' phải là một danh sách, mỗi dòng một tên: {hint}", key)
            return []
        found = []
        for index, name in enumerate(value):
            if name not in known[kind]:
                problem(f"'{key}': không có '{name}' ({hint})", key, index)
            else:
                found.append(name)
        return found

    def count(value: Any, key: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_ITEMS:
            problem(f"'{key}' phải là một số từ 0 đến {MAX_ITEMS} (số mục hiển thị)", key)
            return 0
        return value

    for key in meta:
        if key not in LANDING_KEYS + OTHER_KEYS:
            problem(f"khóa '{key}' không dùng được trên trang giới thiệu; các khóa hợp lệ: {', '.join(LANDING_KEYS)}", key)
    hero = meta.get("hero")
    if not isinstance(hero, dict):
        problem("trang giới thiệu cần khóa 'hero' với image, slogan, pitch (xem hướng dẫn Trang giới thiệu)", "hero")
    else:
        for key in hero:
            if key not in HERO_KEYS:
                problem(f"khóa 'hero.{key}' không có; dùng: {', '.join(HERO_KEYS)}", "hero", key)
        image = text(hero.get("image"), "hero", "image")
        name = PurePosixPath(image).name
        if image and name not in known["photos"]:
            problem(f"không có ảnh '{image}' trong thư viện assets/images/ (thêm ảnh và tệp .yml đi kèm, hoặc sửa tên)", "hero", "image")
        spec.image = name if name in known["photos"] else ""
        spec.slogan = text(hero.get("slogan"), "hero", "slogan")
        spec.pitch = text(hero.get("pitch"), "hero", "pitch")
    actions = meta.get("actions", [])
    if not isinstance(actions, list) or not 1 <= len(actions) <= 3:
        problem("'actions' phải là danh sách 1 đến 3 nút, mỗi nút có label và link", "actions")
    else:
        for index, action in enumerate(actions):
            if not isinstance(action, dict):
                problem("mỗi nút trong 'actions' cần 'label' và 'link'", "actions", index)
                continue
            for key in action:
                if key not in ACTION_KEYS:
                    problem(f"khóa '{key}' không có trong một nút; dùng: label, link", "actions", index, key)
            label = text(action.get("label"), "actions", index, "label")
            link = text(action.get("link"), "actions", index, "link")
            if link and link not in known["pages"]:
                problem(f"nút '{label}' dẫn tới trang '{link}' không có trong docs/ (viết đường dẫn như investment/index.md)", "actions", index, "link")
            elif label and link:
                spec.actions.append((label, link))
    if "figures" in meta:
        spec.figures = names(meta["figures"], "figures", "facts", "khóa số liệu trong assets/data/province.yml")
    if "cards" in meta:
        spec.cards = names(meta["cards"], "cards", "pages", "đường dẫn trang trong docs/, như tourism/festivals.md")
    if "news" in meta:
        spec.news = count(meta["news"], "news")
    if "events" in meta:
        spec.events = count(meta["events"], "events")
    if "publications" in meta:
        spec.publications = names(meta["publications"], "publications", "leaflets", "tên ấn phẩm trong docs/publications/leaflets/")
    return spec, problems


class Landing(Feature):
    def __init__(self, state: SiteState) -> None:
        super().__init__(state)
        self.facts: dict[str, facts.Fact] = {}
        self.library: Library | None = None
        self.specs: dict[str, Spec] = {}  # src_uri -> spec, this language's landing pages
        self.stashed: dict[str, dict[str, Any]] = {}  # src_uri -> cards and news computed with the page

    # -- inputs --------------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> None:
        settings = self.state.project
        if not self.state.first_pass_done:
            if settings.facts_file is not None and settings.facts_file.is_file():
                self.facts = facts.load_facts(settings.facts_file, settings.languages.all, settings.shown(settings.facts_file))
            if settings.library_dir.is_dir():
                self.library = load_library(settings.library_dir, settings.shown(settings.library_dir), project=settings.root)
        self.specs = {}
        self.stashed = {}

    def known(self, files: Files) -> dict[str, set[str]]:
        leaflets_dir = self.state.project.leaflet_sources
        return {
            "facts": set(self.facts),
            "photos": {photo.path.name for photo in self.library.photos} if self.library else set(),
            "pages": {norm_path(f.src_uri) for f in files.documentation_pages()},
            "leaflets": {SUFFIX.sub("", p.name).removesuffix(".md") for p in leaflets_dir.glob("*.md")} if leaflets_dir.is_dir() else set(),
        }

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> None:
        if page.meta.get("template") != TEMPLATE:
            return
        source = page_source(page)
        shown = self.state.project.shown(source)
        read = frontmatter.read(source, shown)
        spec, problems = check_spec(read.meta, read.document, shown, self.known(files))
        self.state.page_problems += problems
        self.specs[page.file.src_uri] = spec
        assets = self.state.head_assets.setdefault(page.file.src_uri, ([], []))
        stylesheet = get_relative_url("assets/" + STYLESHEET, page.url)
        if stylesheet not in assets[0]:
            assets[0].append(stylesheet)

    # -- pictures through the images feature ----------------------------------------------------

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return None
        lang = self.page_lang(page)
        by_path = {norm_path(f.src_uri): f for f in files.documentation_pages()}
        images: dict[str, tuple[str, str]] = {}  # stash key -> (asset path, alt)
        if spec.image:
            images["hero"] = ("images/" + spec.image, self.photo_text(spec.image, "alt", lang))
        cards = []
        for index, path in enumerate(self.card_paths(spec, page, config)):
            file = by_path.get(path)
            if file is None:
                continue
            meta, image = self.page_summary(file)
            key = f"card-{index}"
            if image:
                images[key] = (image, "")  # the images feature fills the alt text from the sidecar
            title = str(meta.get("title") or PurePosixPath(path).stem)
            cards.append(Card(title, str(meta.get("description", "")), get_relative_url(file.url, page.url), key))
        news_cards = []
        if spec.news:
            for index, item in enumerate(news_items(files, self.state.project.options.news_section, lang)[: spec.news]):
                key = f"news-{index}"
                image = first_image(Path(item.file.abs_src_path or ""), item.file.src_uri)
                if image:
                    images[key] = (image, "")
                news_cards.append(
                    Card(item.title, item.description, get_relative_url(item.file.url, page.url), key, facts.date(item.date, lang), item.date.isoformat())
                )
        self.stashed[page.file.src_uri] = {"cards": cards, "news": news_cards, "images": images}
        tags = "".join(
            f'<img src="{get_relative_url("assets/" + asset, page.url)}" alt="{Markup.escape(alt)}"{STASH_ID.format(key=key)}>'
            for key, (asset, alt) in images.items()
        )
        return html + f'\n<div class="quangba-landing-stash">{tags}</div>'

    def card_paths(self, spec: Spec, page: Page, config: MkDocsConfig) -> list[str]:
        """The cards' pages: the front matter's list, else the other pages of the page's section."""
        if spec.cards is not None:
            return spec.cards
        here = norm_path(page.file.src_uri)
        section = here.rpartition("/")[0]

        def walk(items: Any) -> list[str]:
            found: list[str] = []
            for item in items or []:
                values = item.values() if isinstance(item, dict) else [item]
                for value in values:
                    found += walk(value) if isinstance(value, list) else [value] if isinstance(value, str) else []
            return found

        return [p for p in walk(config.nav) if p != here and section and p.startswith(section + "/")]

    def page_summary(self, file: File) -> tuple[dict[str, Any], str]:
        """A page's front matter and its first image (a path inside assets/), read from its source."""
        path = Path(file.abs_src_path or "")
        meta = frontmatter.read(path).meta
        image = first_image(path, file.src_uri)
        hero = meta.get("hero")
        if not image and isinstance(hero, dict) and isinstance(hero.get("image"), str) and self.library:
            photo = self.library.find(PurePosixPath(hero["image"]).name)  # a landing page: its hero
            image = f"images/{photo.path.name}" if photo else ""
        return meta, image

    def photo_text(self, name: str, what: str, lang: str) -> str:
        photo = self.library.find(name) if self.library else None
        if photo is None or photo.sidecar is None:
            return ""
        return photo.sidecar.text(what, lang, self.state.languages.default) or ""

    def page_lang(self, page: Page) -> str:
        return getattr(page.file, "locale", None) or self.state.languages.default

    # -- the template's context ----------------------------------------------------------------

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> None:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            if len([p for p in getattr(page.parent, "children", None) or [] if getattr(p, "is_page", False)]) <= 1:
                page.meta["hide"] = sorted({*page.meta.get("hide", []), "navigation"})  # no one-item menu
            return
        page.meta["hide"] = ["navigation", "toc"]  # the phone menu stays (Material shows it on phones)
        stash = self.stashed.get(page.file.src_uri, {"cards": [], "news": [], "images": {}})
        content = page.content or ""
        pictures = {key: self.take_picture(content, key) for key in stash["images"]}
        content = STASH.sub("", content)
        if spec.image:  # the hero shows the photo already: not twice
            stem = re.escape(PurePosixPath(spec.image).stem)
            content = re.sub(
                rf'<figure class="quangba-photo">(?:(?!</figure>).)*?/web/{stem}-\d+\.(?:(?!</figure>).)*</figure>', "", content, count=1, flags=re.S
            )
        page.content = content
        lang = self.page_lang(page)
        default = self.state.languages.default
        hero_picture = pictures.get("hero", "")
        if hero_picture:
            hero_picture = re.sub(r'sizes="[^"]*"', 'sizes="100vw"', hero_picture).replace('loading="lazy"', 'fetchpriority="high"')
        context["quangba_landing"] = {
            "title": frontmatter_title(page),
            "slogan": spec.slogan,
            "pitch": spec.pitch,
            "picture": Markup(hero_picture),
            "caption": self.photo_text(spec.image, "caption", lang),
            "credit": self.photo_text(spec.image, "credit", lang),
            "actions": [{"label": label, "url": self.page_url(link, page)} for label, link in spec.actions],
            "figures": [
                {
                    "label": fact.label_in(lang, default),
                    "value": fact.formatted(lang),
                    "note": source_note(fact.source_in(lang, default), int(fact.year), lang),
                }
                for key in spec.figures
                if (fact := self.facts.get(key))
            ],
            "cards": [self.card_context(card, pictures) for card in stash["cards"]],
            "news": [self.card_context(card, pictures) for card in stash["news"]],
            "news_url": self.page_url(self.state.project.options.news_section + "/index.md", page) if spec.news else "",
            "events": self.events_context(spec, page, lang),
            "events_url": self.page_url(events.SECTION + "/index.md", page) if spec.events else "",
            "publications": self.publications_context(spec, page, lang),
        }

    def take_picture(self, content: str, key: str) -> str:
        marker = STASH_ID.format(key=key)
        found = re.search(rf"<picture>(?:(?!</picture>).)*?{re.escape(marker)}[^>]*></picture>", content, re.S)
        found = found or re.search(rf"<img[^>]*{re.escape(marker)}[^>]*>", content)
        return found[0].replace(marker, "") if found else ""

    def card_context(self, card: Card, pictures: dict[str, str]) -> dict[str, Any]:
        picture = pictures.get(card.image_key, "")
        picture = re.sub(r'sizes="[^"]*"', 'sizes="(min-width: 60em) 20rem, 100vw"', picture)
        fallback = not picture  # no photo: the emblem on a tint (landing.css)
        return {
            "title": card.title,
            "description": card.description,
            "url": card.url,
            "picture": Markup(picture),
            "fallback": fallback,
            "date": card.date,
            "iso": card.iso,
        }

    def page_url(self, path: str, page: Page) -> str:
        files = self.state.files
        file = next((f for f in files.documentation_pages() if norm_path(f.src_uri) == path), None) if files else None
        return get_relative_url(file.url, page.url) if file else ""

    def events_context(self, spec: Spec, page: Page, lang: str) -> list[dict[str, str]] | None:
        if not spec.events:
            return None
        files = self.state.files
        coming = events.upcoming(files, lang) if files is not None else []
        return [
            {
                "title": event.title,
                "when": events.format_when(event, lang),
                "iso": event.start_iso,
                "place": event.place,
                "url": get_relative_url(event.url, page.url),
            }
            for event in coming[: spec.events]
        ]

    def publications_context(self, spec: Spec, page: Page, lang: str) -> list[dict[str, str]]:
        if not spec.publications:
            return []
        options = self.state.project.options.leaflets
        entries = [e for e in read_manifest(self.state.project.path(options.out_dir)) if e.get("lang") == lang]
        found = []
        for name in spec.publications:
            entry = next((e for e in entries if e.get("name") == name), None)
            if entry is None:
                continue
            previews = [p for p in entry.get("previews", []) if not str(p).endswith("-folded.png")]
            title = str(entry.get("title", name))
            found.append(
                {
                    "title": title,
                    "pdf": get_relative_url(f"{options.site_dir}/{Path(entry['screen_pdf']).name}", page.url),
                    "preview": get_relative_url(f"{options.site_dir}/{Path(previews[0]).name}", page.url) if previews else "",
                    "size": f"{max(1, round(int(entry.get('screen_bytes', 0)) / 1000))} kB",
                    "pages": str(entry.get("pages", "")),
                }
            )
        return found


def frontmatter_title(page: Page) -> str:
    """The page's own title (not the menu's word, "Trang chủ")."""
    title = page.meta.get("title") if page.meta else None
    return str(title or page.title or "")
