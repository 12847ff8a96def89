"""The font slices a print file embeds: TrueType outlines, with a space and a no-break space.

The site's Chinese and Korean slices are CID-keyed CFF (as Noto Sans CJK is). WeasyPrint
embeds such a subset with CIDs that are the subset's glyph ids while the font's charset keeps
the original CIDs; poppler and PDFium draw it anyway, but Ghostscript, MuPDF and pdf.js (and so
many print shops' RIPs, and every reader with Firefox) draw nothing (WeasyPrint issue 1844).
A TrueType font is embedded as CIDFontType2 with an identity CID-to-glyph map, which every
renderer reads the same way; so print uses TrueType copies of the slices. A slice cut without
U+0020 and U+00A0 gets both, with the width of the text face's own space: otherwise the word
spaces of a Korean line are drawn as glyph 0 (.notdef), in double-wide gaps.

Not hand-written outline work: fontTools draws each CFF glyph through its cu2qu pen into a
TrueType glyph. Only the table assembly around it is here, because fontTools ships it as a
snippet (Snippets/otf2ttf.py), not as part of the installed package.
"""

from __future__ import annotations

from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._g_l_y_f import Glyph

from quangba.core.files import write_with
from quangba.core.jobs import file_digest, key_of

VERSION = 1
MAX_ERROR = 1.0  # font units: the largest distance of a quadratic curve from its cubic original
SPACES = {0x20: "space", 0xA0: "uni00A0"}


def print_slice(source: Path, cache_dir: Path, space_width: int) -> Path:
    """The print copy of a web font slice (made once; kept under a name that changes with it)."""
    key = key_of("print-font", VERSION, file_digest(source), space_width)
    out = cache_dir / f"{source.name.split('.')[0]}-{key[:16]}.ttf"
    if out.is_file():
        return out
    font = TTFont(source)
    if "CFF " in font:
        to_truetype(font)
    add_spaces(font, space_width)
    font.flavor = None
    write_with(out, font.save)
    return out


def space_width_of(font_file: Path) -> int:
    """The advance of a face's space, in units of 1000 per em (what the added spaces get)."""
    font = TTFont(font_file, lazy=True)
    name = font.getBestCmap().get(0x20)
    if name is None:
        return 260  # Noto Sans' own
    return round(font["hmtx"][name][0] * 1000 / font["head"].unitsPerEm)


def to_truetype(font: TTFont) -> None:
    """Replace the CFF outlines by quadratic TrueType ones (glyph order and metrics unchanged)."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    quadratic = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        quadratic[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = quadratic
    del font["CFF "]
    if "VORG" in font:  # vertical origins belong to CFF fonts
        del font["VORG"]
    glyf.compile(font)
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    maxp.recalc(font)
    post = newTable("post")
    post.formatType = 3.0  # no glyph names: the PDF names glyphs by id
    post.italicAngle = font["post"].italicAngle if "post" in font else 0
    post.underlinePosition, post.underlineThickness = -100, 50
    post.isFixedPitch = 0
    post.minMemType42 = post.maxMemType42 = post.minMemType1 = post.maxMemType1 = 0
    font["post"] = post
    font.sfntVersion = "\x00\x01\x00\x00"


def add_spaces(font: TTFont, width_per_1000: int) -> None:
    """Give the font U+0020 and U+00A0 when it lacks them: empty glyphs of a space's width."""
    cmap = font.getBestCmap()
    missing = {code: name for code, name in SPACES.items() if code not in cmap}
    if not missing:
        return
    width = round(width_per_1000 * font["head"].unitsPerEm / 1000)
    order = font.getGlyphOrder()
    for name in missing.values():
        if name in order:
            continue
        order.append(name)
        if "glyf" in font:
            font["glyf"].glyphs[name] = Glyph()
        font["hmtx"].metrics[name] = (width, 0)
        if "vmtx" in font:
            font["vmtx"].metrics[name] = (font["vhea"].advanceHeightMax, 0)
    font.setGlyphOrder(order)
    if "glyf" in font:
        font["glyf"].glyphOrder = order
    font["maxp"].numGlyphs = len(order)
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap.update(missing)
