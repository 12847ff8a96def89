"""Cards made like a build tool: each is named by the hash of everything it shows (the photo's
bytes, the texts, the font files, the logo, the layout's version) and kept in a cache shared by
every build, so a build draws only the cards whose page changed."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image

from quangba.core.files import write_bytes, write_text
from quangba.core.jobs import file_digest, key_of
from quangba.fonts import Catalog
from quangba.sharecards import draw, fonts
from quangba.sharecards.draw import LOGO_SIZE, Card, Fonts, cover, draw_card
from quangba.sharecards.fonts import FaceChooser

LAYOUT_VERSION = 1  # raise it when draw.py draws differently: every card is drawn again
TITLE_WEIGHT, LABEL_WEIGHT = 700, 400
LOGO_PAGE = "<style>@page{{size:{size}px {size}px;margin:0}}html,body{{margin:0}}img{{display:block;width:{size}px;height:{size}px}}</style><img src='{url}'>"


@dataclass(frozen=True)
class Made:
    path: Path  # the JPEG in the cache
    key: str
    drawn: bool  # False: taken from the cache
    record: dict[str, Any]  # what it shows: {"runs": [{"text", "font" (in the catalog's folder), "part"}], …}


@dataclass
class CardMaker:
    catalog: Catalog
    logo_svg: Path | None
    cache_dir: Path
    drawn: int = 0
    cached: int = 0
    _fonts: dict[str, Fonts] = field(default_factory=dict)
    _font_digests: dict[str, str] = field(default_factory=dict)
    _digests: dict[Path, str] = field(default_factory=dict)
    _bases: dict[str, Image.Image] = field(default_factory=dict)
    _logo: Image.Image | None = None

    def fonts(self, lang: str) -> Fonts:
        if lang not in self._fonts:
            self._fonts[lang] = Fonts(FaceChooser(self.catalog, lang, TITLE_WEIGHT), FaceChooser(self.catalog, lang, LABEL_WEIGHT), self.cache_dir / "fonts")
        return self._fonts[lang]

    def missing(self, card: Card) -> list[str]:
        """Characters of the card's texts that no font of its language's stack draws."""
        fonts = self.fonts(card.lang)
        return list(dict.fromkeys(fonts.title.missing(card.title) + fonts.label.missing(card.label)))

    def digest(self, path: Path) -> str:
        if path not in self._digests:
            self._digests[path] = file_digest(path)
        return self._digests[path]

    def key(self, card: Card) -> str:
        if card.lang not in self._font_digests:
            fonts = self.fonts(card.lang)
            files = sorted({str(f.file) for chooser in (fonts.title, fonts.label) for faces in chooser.families for f in faces if f.file})
            self._font_digests[card.lang] = key_of([self.digest(Path(name)) for name in files])
        photo = self.digest(card.photo) if card.photo else ""
        logo = self.digest(self.logo_svg) if self.logo_svg else ""
        return key_of("share-card", LAYOUT_VERSION, code_digest(), card.title, card.label, card.lang, photo, self._font_digests[card.lang], logo)

    def make(self, card: Card) -> Made:
        key = self.key(card)
        jpeg, sidecar = self.cache_dir / "cards" / f"{key[:32]}.jpg", self.cache_dir / "cards" / f"{key[:32]}.json"
        if jpeg.is_file() and sidecar.is_file():
            self.cached += 1
            return Made(jpeg, key, False, json.loads(sidecar.read_text(encoding="utf-8")))
        data, runs = draw_card(card, self.fonts(card.lang), self.logo(), self.base(card.photo))
        # The font files relative to the catalog's folder: the cache serves other copies of the project.
        folder = self.catalog.path.parent.resolve()
        runs = [{**run, "font": Path(run["font"]).resolve().relative_to(folder).as_posix()} for run in runs]
        record = {"title": card.title, "label": card.label, "lang": card.lang, "runs": runs}
        write_bytes(jpeg, data)
        write_text(sidecar, json.dumps(record, ensure_ascii=False, indent=1))
        self.drawn += 1
        return Made(jpeg, key, True, record)

    def base(self, photo: Path | None) -> Image.Image:
        """The photo with its gradients, once per photo and build (pages share a few photos)."""
        name = self.digest(photo) if photo else ""
        if name not in self._bases:
            if len(self._bases) > 8:
                self._bases.pop(next(iter(self._bases)))
            self._bases[name] = cover(photo)
        return self._bases[name]

    def logo(self) -> Image.Image | None:
        """assets/logo.svg as an image, drawn by WeasyPrint to PDF and PDFium to pixels; once."""
        if self._logo is not None or self.logo_svg is None or not self.logo_svg.is_file():
            return self._logo
        png = self.cache_dir / "logo" / f"{key_of('logo', LOGO_SIZE, self.digest(self.logo_svg))[:32]}.png"
        if not png.is_file():
            write_bytes(png, rasterise_svg(self.logo_svg, LOGO_SIZE))
        with Image.open(png) as opened:
            self._logo = opened.convert("RGBA")
        return self._logo


@cache
def code_digest() -> str:
    """The drawing code itself: a change to the layout draws every card again, even when
    LAYOUT_VERSION was not raised."""
    return key_of([file_digest(Path(name or "")) for name in (draw.__file__, fonts.__file__, __file__)])


def rasterise_svg(svg: Path, size: int) -> bytes:
    import pypdfium2
    import weasyprint

    pdf = weasyprint.HTML(string=LOGO_PAGE.format(size=size, url=svg.resolve().as_uri())).write_pdf()
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        width_points = page.get_width()
        bitmap = page.render(scale=size * 4 / width_points, fill_color=(255, 255, 255, 0))
        image = bitmap.to_pil().convert("RGBA").resize((size, size), Image.Resampling.LANCZOS)
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
