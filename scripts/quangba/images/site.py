"""The photo library in the built site: responsive images for every page, the editors' contact sheet.

Called by the quangba MkDocs plugin (or any MkDocs hook):

- ``files(config)`` makes the web derivatives (cached; only new or changed photos cost time) and
  returns them as MkDocs files under ``assets/images/web/``, plus a stripped copy under each
  original's own name so that Markdown links to ``assets/images/<photo>.jpg`` stay valid while
  the original (and its GPS position) is never published;
- ``page_content(html, page, config)`` turns each plain Markdown image of a library photo into a
  ``<figure>`` with a ``<picture>`` (WebP, JPEG fallback, ``srcset``/``sizes``, ``width``/``height``,
  ``loading="lazy"``) and the caption and credit in the page's language;
- ``editor_files(config)`` returns the contact sheet page and its thumbnails.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from quangba.config import Settings
from quangba.core.errors import Problem, QuangbaError
from quangba.core.files import write_with
from quangba.core.languages import Languages
from quangba.images.cache import Manifest
from quangba.images.contact_sheet import (
    STYLE,
    STYLESHEET,
    contact_sheet_html,
    sheet_rows,
)
from quangba.images.jobs import Summary, run_jobs
from quangba.images.library import Library, Photo, load_library
from quangba.images.presets import load_presets
from quangba.images.web import WebSet, WebSettings, web_jobs

log = get_plugin_logger(__name__)

FALLBACK_WIDTH = 960  # the JPEG in src= for browsers without srcset: the largest not above this
THUMBNAIL_WIDTH = 240
DEFAULT_CMYK_PROFILE = "icc/quangba-fogra39-cmyk.icc"  # inside assets/: taken for CMYK photos without a profile


class SiteImages:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.project_dir = settings.root
        self.options = settings.options.images
        self.assets = settings.assets_dir
        self.library_dir = settings.library_dir
        # Published exactly where the quangba plugin publishes assets: assets/<path inside assets_dir>/
        self.published_dir = PurePosixPath("assets") / PurePosixPath(Path(self.options.library).as_posix())
        self.cache_dir = settings.path(self.options.cache_dir)
        self.languages: Languages | None = settings.languages
        fallback_profile = self.assets / DEFAULT_CMYK_PROFILE
        self.web_settings = WebSettings(
            widths=tuple(self.options.widths),
            formats=tuple(self.options.formats),
            jpeg_quality=self.options.jpeg_quality,
            webp_quality=self.options.webp_quality,
            cmyk_fallback_profile=str(fallback_profile) if fallback_profile.is_file() else None,
        )
        self.web_sets: dict[str, WebSet] = {}  # photo file name -> what was made
        self.library: Library | None = None

    # -- files --------------------------------------------------------------------------------

    def files(self, config: MkDocsConfig) -> list[File]:
        """The web derivatives as MkDocs files (made or taken from the cache). A photo that cannot
        be used stops the build with its name, after every other photo was processed."""
        if not self.options.enabled:
            return []
        self.library = load_library(self.library_dir, self.shown(self.library_dir), project=self.project_dir)
        summary = self.run(self.library, self.cache_dir / "web", self.web_settings)
        problems = [Problem(Path(o.shown), error.removeprefix(f"{o.shown}: ")) for o in summary.outcomes for error in o.errors]
        problems += [photo.sidecar_error for photo in self.library.photos if photo.sidecar_error]
        problems += self.library.clashes
        for outcome in summary.outcomes:
            for warning in outcome.warnings + outcome.input_problems:
                log.info(warning)  # notes (a CMYK photo converted …): a warning would stop a strict build
        if problems:
            raise QuangbaError(problems)
        self.web_sets = {}
        found: dict[str, File] = {}
        for outcome in summary.outcomes:
            web_set = WebSet.from_info(outcome.info)
            photo_name = Path(outcome.shown).name
            self.web_sets[photo_name] = web_set
            for variant in web_set.variants:
                uri = str(self.published_dir / "web" / variant.name)
                found[uri] = File.generated(config, uri, abs_src_path=variant.path)
            if web_set.stand_in:
                uri = str(self.published_dir / photo_name)
                found[uri] = File.generated(config, uri, abs_src_path=web_set.stand_in)
        if summary.worked:
            log.info(f"Photos for the web: {summary.count('done')} made, {summary.count('cached')} from the cache")
        return list(found.values())

    def run(self, library: Library, out_dir: Path, settings: WebSettings) -> Summary:
        manifest = Manifest(self.cache_dir / "manifest.json", enabled=self.options.cache)
        jobs = web_jobs([(photo.path, str(photo.shown)) for photo in library.photos], out_dir, settings)
        return run_jobs(jobs, manifest, self.options.concurrency)

    def shown(self, path: Path) -> Path:
        return self.settings.shown(path)

    # -- pages --------------------------------------------------------------------------------

    def page_content(self, html_text: str, page: Any, config: MkDocsConfig) -> str:
        """Each <img> of a library photo made responsive; a photo alone in its paragraph becomes a
        figure with the caption and credit in the page's language."""
        if not self.web_sets:
            return html_text
        language = page_language(page, config, self.languages)
        fallback = self.languages.default if self.languages else None

        def replace(match: re.Match[str]) -> str:
            attributes = tag_attributes(match["img"])
            src = attributes.get("src") or ""
            web_set, prefix = self.photo_for(src, page.url)
            if web_set is None:
                return match[0]
            photo = self.library.by_stem().get(web_set.stem) if self.library else None
            sidecar = photo.sidecar if photo else None
            alt = attributes.get("alt") or (sidecar.text("alt", language, fallback) if sidecar else None) or ""
            picture = self.picture_html(web_set, prefix, alt, attributes)
            if not match["paragraph"]:
                return picture
            caption = sidecar.text("caption", language, fallback) if sidecar else None
            credit = sidecar.text("credit", language, fallback) if sidecar else None
            text = " — ".join(html.escape(part) for part in (caption, credit) if part)
            figcaption = f"<figcaption>{text}</figcaption>" if text else ""
            return f'<figure class="quangba-photo">{picture}{figcaption}</figure>'

        return IMAGE.sub(replace, html_text)

    def photo_for(self, src: str, page_url: str) -> tuple[WebSet | None, str]:
        """The web set an img src points at (resolved against the page's URL), and the URL prefix
        that leads from the page to the published photo folder."""
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path:
            return None, ""
        resolved = unquote(urlsplit(urljoin("http://site/" + page_url, parts.path)).path).lstrip("/")
        folder, _, name = resolved.rpartition("/")
        if folder != str(self.published_dir) or name not in self.web_sets:
            return None, ""
        prefix = parts.path[: len(parts.path) - len(src_name(parts.path))]
        return self.web_sets[name], prefix

    def picture_html(self, web_set: WebSet, prefix: str, alt: str, attributes: dict[str, str]) -> str:
        esc = html.escape
        sizes = esc(self.options.sizes)

        def url(variant) -> str:
            return esc(f"{prefix}web/{variant.name}")

        sources = []
        formats = [f for f in self.web_settings.formats if web_set.of_format(f)]
        fallback_format = "jpeg" if "jpeg" in formats else formats[-1]
        for fmt in formats:
            if fmt == fallback_format:
                continue
            srcset = ", ".join(f"{url(v)} {v.width}w" for v in web_set.of_format(fmt))
            sources.append(f'<source type="image/{fmt}" srcset="{srcset}" sizes="{sizes}">')
        fallbacks = web_set.of_format(fallback_format)
        default = max((v for v in fallbacks if v.width <= FALLBACK_WIDTH), key=lambda v: v.width, default=fallbacks[0])
        srcset = ", ".join(f"{url(v)} {v.width}w" for v in fallbacks)
        kept = "".join(f' {name}="{esc(value)}"' for name, value in attributes.items() if name in KEPT_ATTRIBUTES)
        img = (
            f'<img src="{url(default)}" srcset="{srcset}" sizes="{sizes}" width="{default.width}" height="{default.height}"'
            f' loading="lazy" decoding="async" alt="{esc(alt)}"{kept}>'
        )
        return f"<picture>{''.join(sources)}{img}</picture>"

    # -- the editors' contact sheet ------------------------------------------------------------

    def editor_files(self, config: MkDocsConfig) -> list[File]:
        """The contact sheet (index.html) and its thumbnails, under options.contact_sheet."""
        where = self.options.contact_sheet.strip("/")
        if not where or not self.options.enabled:
            return []
        library = self.library or load_library(self.library_dir, self.shown(self.library_dir), project=self.project_dir)
        presets_file = self.assets / self.options.presets
        presets = []
        max_megapixels = self.web_settings.max_megapixels
        if presets_file.is_file():
            try:
                settings = load_presets(presets_file, self.project_dir, self.shown(presets_file))
            except QuangbaError as error:
                raise QuangbaError(error.problems) from None
            presets = list(settings.presets.values())
            max_megapixels = settings.max_megapixels
        thumbs = WebSettings(widths=(THUMBNAIL_WIDTH,), formats=("jpeg",), stand_in=False, cmyk_fallback_profile=self.web_settings.cmyk_fallback_profile)
        summary = self.run(library, self.cache_dir / "thumbnails", thumbs)
        thumbnails = {Path(o.shown).name: WebSet.from_info(o.info) for o in summary.outcomes if o.status != "failed"}
        files: list[File] = []
        for web_set in thumbnails.values():
            for variant in web_set.variants:
                files.append(File.generated(config, f"{where}/{variant.name}", abs_src_path=variant.path))
        languages = self.languages.all if self.languages else ()
        language = self.languages.default if self.languages else "en"

        def thumbnail_url(photo: Photo) -> str | None:
            web_set = thumbnails.get(photo.path.name)
            return web_set.variants[0].name if web_set and web_set.variants else None

        rows = sheet_rows(library, languages, presets, max_megapixels)
        page = contact_sheet_html(rows, presets, thumbnail_url, language)
        folder = self.cache_dir / "contact-sheet"
        write_with(folder / "index.html", lambda f: f.write(page.encode("utf-8")))
        write_with(folder / STYLESHEET, lambda f: f.write(STYLE.encode("utf-8")))
        for name in ("index.html", STYLESHEET):
            files.append(File.generated(config, f"{where}/{name}", abs_src_path=str(folder / name)))
        return files


# <img …> alone in its paragraph (→ figure), or anywhere else (→ picture only).
IMAGE = re.compile(r"(?P<paragraph><p>\s*)?(?P<img><img\b[^>]*>)(?(paragraph)\s*</p>)", re.IGNORECASE)
KEPT_ATTRIBUTES = ("title", "class", "id")  # not style=: the portal's CSP forbids inline styles


def src_name(path: str) -> str:
    return path.rpartition("/")[2]


class _TagReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


def tag_attributes(tag: str) -> dict[str, str]:
    """Attributes of one HTML start tag, entities decoded."""
    reader = _TagReader()
    reader.feed(tag)
    reader.close()
    return reader.attributes


def page_language(page: Any, config: MkDocsConfig, languages: Languages | None) -> str:
    """The language the page's text is written in. mkdocs-static-i18n sets page.file.locale to the
    language of the source file (so a Vietnamese page shown on /en/ as a fallback is 'vi', and its
    caption stays Vietnamese like its text); without it, the theme's language."""
    locale = getattr(page.file, "locale", None)
    if locale:
        return str(locale)
    theme_language = config.theme.get("language") if config.theme else None
    return str(theme_language or (languages.default if languages else "en"))
