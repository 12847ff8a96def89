"""The fonts of each language's pages: the Chinese and Korean faces cut to what the pages use.

The font catalog (quangba.fonts.catalog) holds the Latin slices, published as they are, and one
source file per Chinese or Korean face (7,000 hanzi, a megabyte). After a language is built, its
pages' characters are known; each source face is then cut three ways:

- the characters at least half the language's pages use (menus, header, footer): one file that
  every page loads and the browser keeps;
- the rest of each group of pages (at most MAX_GROUPS groups, pages in address order, so a
  section's pages fall together): a page loads its group's file;
- every character of the language's pages, last in the stack: fetched only when the search
  shows another page's words.

So a Chinese page loads one or two small files per weight instead of a dozen slices. Each
language gets one small stylesheet (assets/fonts/<lang>.<hash>.min.css) with the faces and the
font stack; a page's group is an attribute of its <body>, which picks the group's stack: no
inline style, so the Content-Security-Policy stays without a hash per page. The cuts are cached
by their characters (quangba.fonts.subsetting), so only a page with new characters costs work.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from quangba.core.files import write_bytes, write_text
from quangba.core.jobs import shared_cache
from quangba.fonts import Catalog, FontFace, css_family_list, cut, format_ranges, read_catalog
from quangba.site.features import Feature
from quangba.site.features.notfound import site_root
from quangba.site.state import SiteState

MARKER = "<!-- quangba:fonts -->"  # where overrides/main.html wants the stylesheet
GROUP_ATTRIBUTE = "data-quangba-fonts"
MAX_GROUPS = 16  # cuts per face and language: bounds the build's work, whatever the page count
FOLDER = "assets/fonts"
CUTS = "cuts"  # under FOLDER
JSON_SCRIPT = re.compile(r'<script[^>]*type="application/json"[^>]*>(.*?)</script>', re.S)
NOT_DRAWN = {ord(c) for c in " \t\r\n\u00a0\u00ad\u200b\u200c\u200d\u2060\ufeff"}
URL = re.compile(r"""url\(\s*["']?[^"')]+["']?\s*\)""")
RANGE_GAP = 256  # the "all" face's unicode-range: spans with gaps this small filled in


@dataclass
class PageText:
    path: Path  # the written HTML file
    url: str  # its address relative to the site root ('en/tourism/tea/')
    characters: set[int]
    group: int | None = None
    not_found: bool = False  # the 404 page, shown at any address


@dataclass
class Cut:
    family: str  # the name the stack uses
    face: FontFace  # the source face it is cut from
    characters: frozenset[int]
    unicode_range: str = ""
    url: str = field(default="", init=False)


class Webfonts(Feature):
    def __init__(self, state: SiteState) -> None:
        super().__init__(state)
        self.catalog: Catalog | None = None
        self.pages: list[PageText] = []

    def on_config(self, config: MkDocsConfig) -> None:
        path = self.state.project.fonts_catalog
        self.catalog = read_catalog(path, self.state.project.shown(path)) if path.is_file() else None
        self.pages = []

    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        """Publish the catalog's ready faces (the Latin slices) and its licence, if the project's
        publish: globs did not already."""
        if self.catalog is None:
            return
        ready = [face for face in self.catalog.faces if face.file is not None and not face.is_source]
        for face in ready:
            assert face.file is not None
            if files.get_file_from_path(src_uri := self.published(face.file)) is None:
                files.append(File.generated(config, src_uri, abs_src_path=str(face.file)))
        licence = self.catalog.path.parent / "OFL.txt"
        if licence.is_file() and files.get_file_from_path(src_uri := self.published(licence)) is None:
            files.append(File.generated(config, src_uri, abs_src_path=str(licence)))

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        if self.catalog is not None and page.file.abs_dest_path:
            self.pages.append(PageText(Path(page.file.abs_dest_path), page.url, shown_characters(output)))
        return None

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str | None:
        if self.catalog is not None and template_name == "404.html":
            self.pages.append(PageText(Path(config.site_dir) / template_name, self.state.language_root(), shown_characters(output), not_found=True))
        return None

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Before the not-found feature keeps the 404 page: every page gets its fonts."""
        if self.catalog is None or not self.pages:
            return
        site_dir = Path(config.site_dir)
        # In the language's own folder (/zh/assets/fonts/): a parallel build moves just that.
        folder = f"{self.state.language_root()}{FOLDER}"
        families = self.catalog.web_families(self.state.lang)
        shells, groups, alls = plan_cuts(self.catalog, families, self.pages)
        for made in [*shells, *alls, *(c for group in groups.values() for c in group)]:
            made.url = publish_cut(made, site_dir / folder, shared_cache("font-cuts"))
        name = self.write_stylesheet(site_dir, folder, shells, groups, alls)
        root = site_root(config)
        for page in self.pages:
            latin = [self.published(face.file) for face in text_faces(self.catalog, families, page) if face.file]
            preloads = latin + [f"{folder}/{made.url}" for made in page_cuts(page, shells, groups)]
            links = head_links(link_to(name, page, root), [link_to(url, page, root) for url in preloads])
            rewrite(page, links, page.group in groups)

    def write_stylesheet(self, site_dir: Path, folder: str, shells: list[Cut], groups: dict[int, list[Cut]], alls: list[Cut]) -> str:
        """The language's font stylesheet, named by its content; its path from the site root."""
        assert self.catalog is not None
        ready = {face: get_relative_url(self.published(face.file), f"{folder}/fonts.css") for face in self.catalog.faces if face.file and not face.is_source}
        css = stylesheet(self.catalog, self.state.lang, ready, shells, groups, alls)
        name = f"{folder}/{self.state.lang}.{hashlib.sha256(css.encode()).hexdigest()[:8]}.min.css"
        write_text(site_dir / name, css)
        return name

    def published(self, path: Path) -> str:
        """Where a file of the assets is published (relative to the site root): as under assets_dir."""
        return "assets/" + path.relative_to(self.state.project.assets_dir.resolve()).as_posix()


def shown_characters(output: str) -> set[int]:
    """Every character a page can show: its text and attributes, and the strings of its JSON
    scripts (Material's interface texts, which JSON writes as \\u escapes)."""
    found = {ord(c) for c in html.unescape(output)}
    for block in JSON_SCRIPT.findall(output):
        try:
            found |= {ord(c) for text in strings_in(json.loads(html.unescape(block))) for c in text}
        except ValueError:
            continue
    return found - NOT_DRAWN


def strings_in(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_in(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    return []


def assign(catalog: Catalog, families: tuple[str, ...], characters: set[int]) -> dict[str, set[int]]:
    """Which source family draws each character: the first family of the stack that can (a
    Latin letter stays with the Latin slices, a hanzi goes to the Chinese source)."""
    coverage = {family: frozenset().union(*(f.characters() for f in catalog.faces_of(family))) for family in families}
    sources = {family for family in families if any(f.is_source for f in catalog.faces_of(family))}
    found: dict[str, set[int]] = {family: set() for family in sources}
    for point in characters:
        family = next((name for name in families if point in coverage[name]), None)
        if family in sources:
            found[family].add(point)
    return found


def plan_cuts(catalog: Catalog, families: tuple[str, ...], pages: list[PageText]) -> tuple[list[Cut], dict[int, list[Cut]], list[Cut]]:
    """(the shared cuts, each group's cuts, the cuts of everything), one per source face."""
    pages.sort(key=lambda page: page.url)
    size = math.ceil(len(pages) / MAX_GROUPS)
    for number, page in enumerate(pages):
        page.group = number // size
    by_page = [assign(catalog, families, page.characters) for page in pages]
    shells: list[Cut] = []
    alls: list[Cut] = []
    groups: dict[int, list[Cut]] = {}
    for family in (name for name in families if by_page and name in by_page[0]):
        counts = Counter(point for used in by_page for point in used[family])
        shared = frozenset(point for point, n in counts.items() if n >= max(2, len(pages) / 2))
        for face in (f for f in catalog.faces_of(family) if f.is_source):
            if shared:
                shells.append(Cut(family, face, shared))
            if counts:
                everything = frozenset(counts)
                shown = set().union(*(page.characters for page in pages))
                alls.append(Cut(f"{family} all", face, everything, coarse_ranges(everything, shown - everything)))
            for group in sorted({page.group for page in pages if page.group is not None}):
                own = frozenset().union(*(used[family] for page, used in zip(pages, by_page, strict=True) if page.group == group)) - shared
                if own:
                    groups.setdefault(group, []).append(Cut(f"{family} {group}", face, own))
    return shells, groups, alls


def coarse_ranges(points: frozenset[int], avoid: set[int]) -> str:
    """A short unicode-range around points: it keeps a character no cut has (an emoji) from
    fetching the face, without listing a thousand code points in the stylesheet. Spans never
    cover a character of avoid (one the pages show that the face cannot draw: 中 on a Korean
    page is the Chinese face's), which would fetch the face for nothing."""
    spans: list[list[int]] = []
    last_avoided = -1
    for point in sorted(points | avoid):
        if point in avoid:
            last_avoided = point
        elif spans and point - spans[-1][1] <= RANGE_GAP and spans[-1][1] > last_avoided:
            spans[-1][1] = point
        else:
            spans.append([point, point])
    return format_ranges(p for first, last in spans for p in range(first, last + 1))


def publish_cut(made: Cut, folder: Path, cache_dir: Path) -> str:
    """Write the cut beside the stylesheet under a name that changes with it; its URL there."""
    assert made.face.file is not None
    cached = cut(made.face.file, made.characters, cache_dir)
    data = cached.read_bytes()
    name = f"{CUTS}/{made.face.file.name.split('.')[0]}.{hashlib.sha256(data).hexdigest()[:8]}.woff2"
    write_bytes(folder / name, data)
    return name


def face_rule(made: Cut) -> str:
    ranges = f"unicode-range:{made.unicode_range};" if made.unicode_range else ""
    return (
        f'@font-face{{font-family:"{made.family}";font-style:{made.face.style};font-weight:{made.face.weight};'
        f'font-display:swap;src:url("{made.url}") format("woff2");{ranges}}}\n'
    )


def stack_rule(selector: str, catalog: Catalog, lang: str, cuts: dict[str, list[str]]) -> str:
    """The language's stack with each source family replaced by the names of its cuts."""
    families: list[str] = []
    for family in catalog.stack(lang):
        families.extend(cuts.get(family, [family]))
    return f"{selector}{{--md-text-font-family:{css_family_list(tuple(families))}}}\n"


def stylesheet(catalog: Catalog, lang: str, ready: dict[FontFace, str], shells: list[Cut], groups: dict[int, list[Cut]], alls: list[Cut]) -> str:
    """ready: the published faces, with their URL from the stylesheet's folder."""
    css = ["/* quangba: the fonts of this language's pages */\n"]
    for face in catalog.faces:
        if face.is_fallback or face in ready:
            css.append("@font-face{" + URL.sub(f'url("{ready.get(face, "")}")', face.descriptors, count=1) + "}\n")
    css += [face_rule(made) for made in [*alls, *shells, *(c for group in groups.values() for c in group)]]
    sources = {made.family.removesuffix(" all") for made in alls}
    base = {family: [*names(family, shells), f"{family} all"] for family in sources}
    css.append(stack_rule("body", catalog, lang, base))
    for group, cuts in groups.items():
        with_group = {family: names(family, shells) + names(family, cuts) + [f"{family} all"] for family in sources}
        css.append(stack_rule(f'body[{GROUP_ATTRIBUTE}="{group}"]', catalog, lang, with_group))
    return "".join(css)


def names(family: str, cuts: list[Cut]) -> list[str]:
    return list(dict.fromkeys(c.family for c in cuts if c.face.family == family))


def link_to(url: str, page: PageText, root: str) -> str:
    """url (from the site root) as the page links it: relative, or absolute from the 404 page,
    which is shown at any address."""
    return root + url if page.not_found else get_relative_url(url, page.url or ".")


def text_faces(catalog: Catalog, families: tuple[str, ...], page: PageText) -> list[FontFace]:
    """The published regular faces of the stack's first family that the page's text uses (the
    Latin and Vietnamese slices of Noto Sans)."""
    first = catalog.faces_of(families[0]) if families else []
    regular = [f for f in first if not f.is_source and f.weight == 400 and f.style == "normal"]
    used: set[FontFace] = set()
    for point in page.characters:
        # Where unicode-ranges overlap, a browser tries the face declared last first.
        face = next((f for f in reversed(regular) if point in f.characters()), None)
        if face is not None:
            used.add(face)
    return [face for face in regular if face in used]


def page_cuts(page: PageText, shells: list[Cut], groups: dict[int, list[Cut]]) -> list[Cut]:
    """The regular cuts a page's text needs at once (shared and its group's). With the regular
    Latin faces they are preloaded, so they arrive with the stylesheets and the text is seldom
    drawn twice (a Korean line in a system font is taller, and everything below it moves when
    Noto Sans KR comes)."""
    own = groups.get(page.group, []) if page.group is not None else []
    return [made for made in [*shells, *own] if made.face.weight == 400 and made.face.style == "normal"]


def head_links(stylesheet: str, preloads: list[str]) -> str:
    links = [f'<link rel="preload" href="{html.escape(url)}" as="font" type="font/woff2" crossorigin>' for url in preloads]
    return "".join([*links, f'<link rel="stylesheet" href="{html.escape(stylesheet)}">'])


def rewrite(page: PageText, link: str, in_group: bool) -> None:
    text = page.path.read_text(encoding="utf-8")
    text = text.replace(MARKER, link, 1)
    if in_group:
        text = re.sub(r"<body\b", f'<body {GROUP_ATTRIBUTE}="{page.group}"', text, count=1)
    write_text(page.path, text)
