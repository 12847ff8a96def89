"""A leaflet as HTML + CSS for WeasyPrint: panels placed on sheets, in print or screen colours.

In the print file every colour is a CMYK colour (small text is black ink only, never
four-colour black), the logo's colours are converted through the output profile, and photos are
the CMYK print derivatives; links are plain text (a print file has no annotations), and the
cover's title band runs into the bleed. The screen PDF uses the matching sRGB colours, light
photos, links and no bleed. Text of both goes through quangba.leaflets.typeset.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import markdown
import segno
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from PIL import Image, ImageCms

from quangba.leaflets.fonts import print_fonts
from quangba.leaflets.formats import LeafletFormat, Panel, with_photo_band
from quangba.leaflets.photos import Placement
from quangba.leaflets.source import LeafletSource
from quangba.leaflets.typeset import title as typeset_title
from quangba.leaflets.typeset import typeset

TEMPLATES = Path(__file__).resolve().parent / "templates"
MARKDOWN_EXTENSIONS = ["tables", "attr_list", "sane_lists", "md_in_html"]
HEX = re.compile(r"#(?P<hex>[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
QR_MM = 21.0
FOOTER_MM = 31.0
MARGIN_MM = 8.0  # text from the trim and from the folds; the safe margin is 5 mm
QR_DARK = "#010203"  # placeholder colour segno writes, replaced by the mode's black
HREF = re.compile(r"""\s+href\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""")


@dataclass(frozen=True)
class Ink:
    """One colour of the design: CMYK for the press (0..1 each), sRGB for screens."""

    cmyk: tuple[float, float, float, float]
    rgb: str

    def css(self, mode: str) -> str:
        if mode == "print":
            return "device-cmyk({:g} {:g} {:g} {:g})".format(*self.cmyk)
        return self.rgb


# The site's tea green and earth brown. Text is K100 only: sharp, no registration problems.
PALETTE: dict[str, Ink] = {
    "text": Ink((0, 0, 0, 1), "#1d1d1b"),
    "white": Ink((0, 0, 0, 0), "#ffffff"),
    "brand": Ink((0.82, 0.28, 0.95, 0.18), "#2e6b3f"),
    "brand_dark": Ink((0.85, 0.40, 1.0, 0.40), "#1f4d2c"),
    "accent": Ink((0.15, 0.62, 1.0, 0.08), "#b5651d"),
    "tint": Ink((0.08, 0.0, 0.16, 0.0), "#eef3e2"),
    "rule": Ink((0.0, 0.0, 0.0, 0.25), "#c6c6c5"),
}


@dataclass
class PanelView:
    """What the template needs to draw one panel."""

    name: str
    role: str
    x: float
    width: float
    html: Markup
    body_top: float
    body_bottom: float
    body_style: str = ""  # where the text area differs from its margins (the cover band's bleed)
    footer: bool = False
    footer_style: str = ""
    full_photo: bool = False
    photo: dict[str, Any] | None = None


@dataclass
class RenderInput:
    source: LeafletSource
    mode: str  # "print" or "screen"
    panel_html: dict[str, str]  # panel -> HTML of its Markdown (facts already expanded)
    photos: dict[str, tuple[Placement, Path]]  # panel -> (place, prepared file)
    url: str  # the portal page the QR code opens
    footer: str  # publisher line
    scan_label: str  # "Scan for more on the portal", in the leaflet's language
    fonts_css: Path
    font_cache: Path  # where the fonts' print copies are kept
    logo: Path
    profile: Path

    def text(self) -> str:
        """Every character the leaflet can print (markup included: a superset is enough)."""
        return "".join([self.source.title, self.source.subtitle or "", self.footer, self.scan_label, self.url, *self.panel_html.values()])


def markdown_to_html(text: str) -> str:
    return markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")


def footer_panels(fmt: LeafletFormat) -> set[str]:
    """The QR code goes on the back panel; a one-page sheet has it at the bottom of its page."""
    backs = {p.name for p in fmt.panels if p.role == "back"}
    return backs or {fmt.panels[0].name}


def panel_views(data: RenderInput) -> list[list[PanelView]]:
    fmt = data.source.format
    with_footer = footer_panels(fmt)
    sides = []
    for side in range(fmt.sides):
        views = []
        for panel in fmt.on_side(side):
            views.append(panel_view(data, fmt, panel, panel.name in with_footer))
        sides.append(views)
    return sides


def panel_view(data: RenderInput, fmt: LeafletFormat, panel: Panel, footer: bool) -> PanelView:
    has_photo = panel.name in data.photos
    placed = with_photo_band(fmt, panel) if has_photo else panel
    full = has_photo and placed.photo_height >= fmt.height
    top = MARGIN_MM
    if has_photo and not full:
        top = placed.photo_height + 6.0
    elif panel.role == "cover" and not has_photo:
        top = 28.0  # below the logo
    bottom = (FOOTER_MM + 5.0) if footer else MARGIN_MM
    text = typeset(data.panel_html.get(panel.name, ""), data.source.lang)
    if data.mode == "print":
        text = HREF.sub("", text)
    view = PanelView(panel.name, panel.role, panel.x, panel.width, Markup(text), top, bottom, footer=footer, full_photo=full)
    if full:
        view.body_top = fmt.height * 0.58  # the title band over the lower part of the photo
        view.body_bottom = 0.0
        view.body_style = band_style(fmt, panel, data.mode)
    if has_photo:
        place, file = data.photos[panel.name]
        view.photo = {
            "src": file.resolve().as_uri(),
            "left": round(place.x - panel.x, 3),
            "top": round(place.y, 3),
            "width": place.width,
            "height": place.height,
        }
    if footer:
        view.footer_style = footer_style(fmt, panel, data.mode)
    return view


def footer_style(fmt: LeafletFormat, panel: Panel, mode: str) -> str:
    """The footer's tint runs into the bleed wherever the panel meets the sheet's edge."""
    bleed = fmt.bleed if mode == "print" else 0.0
    left, right = panel.touches(fmt.width)
    out_left, out_right = (bleed if left else 0.0), (bleed if right else 0.0)
    return (
        f"left: {-out_left:g}mm; right: {-out_right:g}mm; bottom: {-bleed:g}mm; height: {FOOTER_MM + bleed:g}mm; "
        f"padding: 4mm {MARGIN_MM + out_right:g}mm {4 + bleed:g}mm {MARGIN_MM + out_left:g}mm"
    )


def band_style(fmt: LeafletFormat, panel: Panel, mode: str) -> str:
    """The cover's title band runs into the bleed at the sheet's edges, its text where it was."""
    bleed = fmt.bleed if mode == "print" else 0.0
    left, right = panel.touches(fmt.width)
    out_left, out_right = (bleed if left else 0.0), (bleed if right else 0.0)
    return f"left: {-out_left:g}mm; right: {-out_right:g}mm; bottom: {-bleed:g}mm; padding: 6mm {8 + out_right:g}mm {5 + bleed:g}mm {8 + out_left:g}mm"


def qr_svg(url: str, mode: str) -> Markup:
    """The QR code as inline SVG in the mode's black (K only in print)."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=0, dark=QR_DARK, light=None, omitsize=True)
    black = PALETTE["text"].css(mode) if mode == "screen" else "device-cmyk(0 0 0 1)"
    # fill="none": WeasyPrint would otherwise set its default (RGB) fill colour for the path.
    return Markup(svg.replace(QR_DARK, black).replace("<path ", '<path fill="none" '))


def logo_data(logo: Path, profile: Path, mode: str) -> str:
    """The logo as a data: URL; for print its sRGB colours become CMYK through the profile."""
    svg = logo.read_text(encoding="utf-8")
    if mode == "print":
        svg = HEX.sub(lambda m: cmyk_css(m["hex"], str(profile)), svg)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@lru_cache(maxsize=256)
def cmyk_css(hex_colour: str, profile: str) -> str:
    if len(hex_colour) == 3:
        hex_colour = "".join(c * 2 for c in hex_colour)
    rgb = tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    pixel = Image.new("RGB", (1, 1), rgb)
    converted = ImageCms.applyTransform(pixel, _transform(profile))
    assert converted is not None  # None only with inPlace=True
    c, m, y, k = converted.getpixel((0, 0))  # type: ignore[misc]
    return f"device-cmyk({c / 255:.3f} {m / 255:.3f} {y / 255:.3f} {k / 255:.3f})"


@lru_cache(maxsize=4)
def _transform(profile: str) -> ImageCms.ImageCmsTransform:
    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        ImageCms.getOpenProfile(profile),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), keep_trailing_newline=True)


def leaflet_html(data: RenderInput) -> str:
    source, mode = data.source, data.mode
    font_faces, stack = print_fonts(data.fonts_css, source.lang, data.text(), data.font_cache)
    families = ", ".join(f'"{name}"' for name in stack)
    ink = {name: colour.css(mode) for name, colour in PALETTE.items()}
    css = (
        environment()
        .get_template("leaflet.css")
        .render(mode=mode, format=source.format, ink=ink, families=families, profile=data.profile.resolve().as_uri(), qr_mm=QR_MM)
    )
    return (
        environment()
        .get_template("leaflet.html")
        .render(
            lang=source.lang,
            document_title=source.title,
            title=typeset_title(source.title, source.lang),
            subtitle=typeset_title(source.subtitle, source.lang) if source.subtitle else "",
            format=source.format,
            mode=mode,
            sides=panel_views(data),
            css=Markup(font_faces + "\n" + css),
            logo=logo_data(data.logo, data.profile, mode),
            qr=qr_svg(data.url, mode),
            url=display_url(data.url),
            footer=data.footer,
            scan_label=data.scan_label,
        )
    )


def display_url(url: str) -> str:
    """The address as printed under the QR code: without https:// and the final slash."""
    return html.unescape(re.sub(r"^https?://", "", url).rstrip("/"))
