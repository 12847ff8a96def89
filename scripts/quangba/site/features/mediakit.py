"""The media kit for journalists: {{ photo_library }} on a page becomes, in the page's language,
a grid of every photo of the library (assets/images/*.jpg) with its caption, credit and licence
from the photo's sidecar, and a link to download the largest web size the build made for it.

Nothing is resized here: the thumbnails and downloads are the web derivatives quangba.images
already makes for the site (assets/images/web/<stem>-<width>.webp|jpg), found in MkDocs' files.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from babel.numbers import format_decimal
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from PIL import Image

from quangba.core.errors import Problem
from quangba.images import Photo, load_library
from quangba.site.features import Feature, page_problems, page_source

MARKER = re.compile(r"\{\{\s*photo_library\b(?P<args>[^}]*)\}\}")
PHOTO_SUFFIXES = (".jpg", ".jpeg")
THUMBNAIL_SIZES = "(min-width: 76.25em) 11rem, (min-width: 45em) 30vw, 92vw"
# SPDX identifiers of the licences the demo's photos use: the name shown and the licence's deed.
LICENCES = {
    "CC0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "CC-BY-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
}
DEED_LANGUAGES = {"vi": "vi", "en": "en", "zh": "zh-hans", "ko": "ko"}  # creativecommons.org deed.<code>


@dataclass(frozen=True)
class WebFile:
    uri: str  # site-relative, e.g. assets/images/web/tea-hills-2400.jpg
    path: Path  # where the build made it
    width: int
    format: str  # "jpeg" | "webp"


def web_files(files: Files, folder: str, stem: str) -> list[WebFile]:
    """The web derivatives of one photo among the build's files, narrowest first."""
    pattern = re.compile(re.escape(f"{folder}/web/{stem}-") + r"(\d+)\.(jpg|webp)")
    found = []
    for file in files:
        match = pattern.fullmatch(file.dest_uri)
        if match and file.abs_src_path:
            found.append(WebFile(file.dest_uri, Path(file.abs_src_path), int(match[1]), "jpeg" if match[2] == "jpg" else "webp"))
    return sorted(found, key=lambda f: f.width)


def pixel_size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:  # reads the header only
        return image.size


class MediaKit(Feature):
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if "photo_library" not in markdown or not MARKER.search(markdown):
            return None
        problems: list[Problem] = []
        shown = self.state.project.shown(page_source(page))
        lines = markdown.splitlines()
        for number, line in enumerate(lines, start=1):
            for match in MARKER.finditer(line):
                args = match["args"].strip()
                if args:
                    problems.append(Problem(shown, f"dấu {{{{ photo_library }}}} không nhận tham số («{args}»): hãy viết đúng {{{{ photo_library }}}}", number))
        photos = self.photos(problems, shown, markdown)
        if problems:
            self.state.page_problems += page_problems(problems, page, self.state)
            return None
        grid = self.grid(photos, page, files)
        return MARKER.sub(lambda _match: grid, markdown)

    def photos(self, problems: list[Problem], shown: Path, markdown: str) -> list[Photo]:
        """The library's JPEG photos; a photo without a sidecar is a problem at the marker's line."""
        settings = self.state.project
        library = load_library(settings.library_dir, settings.shown(settings.library_dir), project=settings.root)
        line = next(n for n, text in enumerate(markdown.splitlines(), start=1) if MARKER.search(text))
        photos = [p for p in library.photos if p.path.suffix.lower() in PHOTO_SUFFIXES]
        for photo in photos:
            if photo.sidecar is None and photo.sidecar_error is None:
                sidecar = photo.shown.with_suffix(".yml").as_posix()
                problems.append(
                    Problem(shown, f"ảnh {photo.shown.as_posix()} chưa có tệp mô tả {sidecar}: hãy tạo tệp này với alt, caption, credit và licence", line)
                )
            elif photo.sidecar_error is not None:
                problems.append(Problem(shown, f"tệp mô tả của ảnh {photo.shown.as_posix()} có lỗi ({photo.sidecar_error.message}): hãy sửa tệp này", line))
        if not photos:
            problems.append(
                Problem(shown, f"thư viện ảnh {settings.shown(settings.library_dir).as_posix()} chưa có ảnh .jpg nào: hãy thêm ảnh và tệp mô tả", line)
            )
        return photos

    def grid(self, photos: list[Photo], page: Page, files: Files) -> str:
        lang = getattr(page.file, "locale", None) or self.state.languages.default
        folder = str(PurePosixPath("assets") / Path(self.state.project.options.images.library).as_posix())
        items = [self.figure(photo, lang, page.url, web_files(files, folder, photo.path.stem)) for photo in photos]
        return '<div class="quangba-mediakit">' + "".join(items) + "</div>"  # one line: later lines keep their numbers

    def figure(self, photo: Photo, lang: str, page_url: str, web: list[WebFile]) -> str:
        esc = html.escape
        gettext = self.state.gettext
        default = self.state.languages.default
        sidecar = photo.sidecar
        assert sidecar is not None  # checked in photos()
        caption = sidecar.text("caption", lang, default) or ""
        alt = sidecar.text("alt", lang, default) or caption
        credit = sidecar.text("credit", lang, default) or ""
        jpegs = [f for f in web if f.format == "jpeg"]
        if not jpegs:  # images disabled: the original itself, as the site publishes it
            return f'<figure class="quangba-mediakit__item"><figcaption><p class="quangba-mediakit__caption">{esc(caption)}</p></figcaption></figure>'

        def url(file: WebFile) -> str:
            return esc(get_relative_url(file.uri, page_url))

        def srcset(of: list[WebFile]) -> str:
            return ", ".join(f"{url(f)} {f.width}w" for f in of)

        webps = [f for f in web if f.format == "webp"]
        thumb = next((f for f in jpegs if f.width >= 480), jpegs[-1])
        width, height = pixel_size(thumb.path)
        source = f'<source type="image/webp" srcset="{srcset(webps)}" sizes="{THUMBNAIL_SIZES}">' if webps else ""
        picture = (
            f'<picture class="quangba-mediakit__thumb">{source}<img src="{url(thumb)}" srcset="{srcset(jpegs)}" sizes="{THUMBNAIL_SIZES}"'
            f' width="{width}" height="{height}" loading="lazy" decoding="async" alt="{esc(alt)}"></picture>'
        )
        large = jpegs[-1]
        large_width, large_height = pixel_size(large.path)
        kilobytes = format_decimal(round(large.path.stat().st_size / 1000), locale=lang)
        # Labels first: Babel's extractor cannot see gettext calls inside f-strings.
        credit_label, licence_label, download_label = gettext("Credit"), gettext("Licence"), gettext("Download JPEG")
        dimensions = f"{format_decimal(large_width, locale=lang)} × {format_decimal(large_height, locale=lang)} px · {kilobytes} kB"
        licence = self.licence(sidecar.licence, lang)
        details = f"<dt>{esc(credit_label)}</dt><dd>{esc(credit)}</dd><dt>{esc(licence_label)}</dt><dd>{licence}</dd>"
        download = (
            f'<a class="md-button quangba-mediakit__download" href="{url(large)}" download type="image/jpeg"'
            f' data-width="{large_width}" data-height="{large_height}">{esc(download_label)}'
            f' <span class="quangba-mediakit__size">{dimensions}</span></a>'
        )
        return (
            f'<figure class="quangba-mediakit__item">{picture}<figcaption><p class="quangba-mediakit__caption">{esc(caption)}</p>'
            f'<dl class="quangba-mediakit__details">{details}</dl>{download}</figcaption></figure>'
        )

    def licence(self, spdx: str | None, lang: str) -> str:
        if not spdx:
            return html.escape(self.state.gettext("Ask the editorial team"))
        name, deed = LICENCES.get(spdx, (spdx, ""))
        if not deed:
            return html.escape(name)
        return f'<a href="{html.escape(deed)}deed.{DEED_LANGUAGES.get(lang, "en")}" hreflang="{DEED_LANGUAGES.get(lang, "en")}">{html.escape(name)}</a>'
