"""One share card: the photo covering 1200×630, a dark gradient, the logo and the site's name at
the top, the title large at the bottom (1–3 lines, broken by words, or by characters in Chinese).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

from quangba.fonts import FontFace
from quangba.sharecards.fonts import FaceChooser, Run, pillow_font, raqm_available, sfnt_copy

WIDTH, HEIGHT = 1200, 630
MARGIN = 72  # left and right
BOTTOM = 70
TITLE_SIZES = (76, 70, 64, 58, 52, 46)  # px: the largest that fits in MAX_LINES lines wins
MAX_LINES = 3
LABEL_SIZE = 27
LOGO_SIZE = 76
BAND = (9, 26, 16)  # the gradient's colour: the site's darkest tea green, nearly black
ACCENT = (227, 154, 79)  # the site's warm accent (dark scheme), for the bar above the title
BACKGROUND = (31, 77, 44)  # when there is no photo at all
JPEG_QUALITY = 85

# Chinese: no line starts with closing punctuation, none ends with an opening one.
NO_LINE_START = set("，。、；：！？）》」』〉】〕”’·…%,.;:!?)]}")
NO_LINE_END = set("（《「『〈【〔“‘([{")
OPENING_BRACKETS = set("《（「『【〈〔")
CJK_CHARACTER = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


@dataclass(frozen=True)
class Card:
    title: str
    label: str  # the site's name, small, beside the logo
    lang: str  # the language of the text: its font stack and how lines break
    photo: Path | None  # the original photo; None: the site's green


@dataclass(frozen=True)
class Token:
    text: str
    space_before: bool


@dataclass(frozen=True)
class Fonts:
    title: FaceChooser
    label: FaceChooser
    cache_dir: Path  # the TrueType copies of the WOFF2 files


def tokens(text: str, lang: str) -> list[Token]:
    """Where a line may break: between words; in Chinese also between characters (a Latin word
    or a number stays whole); never before closing punctuation or a dash."""
    found: list[Token] = []
    for number, word in enumerate(text.split()):
        pieces = cjk_pieces(word) if lang.startswith("zh") else [word]
        for index, piece in enumerate(pieces):
            space = number > 0 and index == 0
            attaches = found and (piece[0] in NO_LINE_START or piece in {"–", "—", "-", ":"} or (not space and found[-1].text[-1] in NO_LINE_END))
            if attaches:
                found[-1] = Token(found[-1].text + (" " if space else "") + piece, found[-1].space_before)
            else:
                found.append(Token(piece, space))
    return found


def cjk_pieces(word: str) -> list[str]:
    pieces: list[str] = []
    for char in word:
        if pieces and not CJK_CHARACTER.match(char) and not CJK_CHARACTER.match(pieces[-1][-1]):
            pieces[-1] += char  # a Latin word or a number inside Chinese text
        else:
            pieces.append(char)
    return pieces


def join(line: list[Token]) -> str:
    return "".join((" " if token.space_before and index else "") + token.text for index, token in enumerate(line))


def wrap(items: list[Token], width: float, measure: Callable[[str], float]) -> list[list[Token]]:
    """Greedy: as many tokens on each line as fit (a token wider than the line gets one alone)."""
    lines: list[list[Token]] = []
    for token in items:
        if lines and measure(join([*lines[-1], token])) <= width:
            lines[-1].append(token)
        else:
            lines.append([Token(token.text, token.space_before)])
    return lines


def balanced(items: list[Token], width: float, measure: Callable[[str], float]) -> list[list[Token]]:
    """The same number of lines as greedy wrapping at width, as even as they can be (no word alone
    on the last line)."""
    lines = wrap(items, width, measure)
    if len(lines) < 2:
        return lines
    low, high = width / len(lines), width
    while high - low > 4:
        middle = (low + high) / 2
        if len(wrap(items, middle, measure)) <= len(lines):
            high = middle
        else:
            low = middle
    return wrap(items, high, measure)


PHRASE_END = ("–", "—", ":", "，", "、", "：", "；")
PHRASE_START = ("《", "（", "「")


def phrased(items: list[Token], width: float, measure: Callable[[str], float]) -> list[list[Token]]:
    """Lines broken where the title's phrases end (after a dash or a comma, before a quoted
    name) when that takes no more lines than balanced wrapping; else balanced wrapping."""
    plain = balanced(items, width, measure)
    phrases: list[list[Token]] = [[]]
    for token in items:
        if phrases[-1] and token.text.startswith(PHRASE_START):
            phrases.append([])
        phrases[-1].append(token)
        if token.text.endswith(PHRASE_END):
            phrases.append([])
    phrases = [phrase for phrase in phrases if phrase]
    if len(phrases) < 2:
        return plain
    lines = [line for phrase in phrases for line in balanced(phrase, width, measure)]
    for line in lines:
        line[0] = Token(line[0].text, False)
    return lines if len(lines) <= len(plain) else plain


def split_long(items: list[Token], width: float, measure: Callable[[str], float]) -> list[Token]:
    """A word wider than the line (a long Korean compound) broken between its characters."""
    found: list[Token] = []
    for token in items:
        if measure(token.text) <= width:
            found.append(token)
            continue
        piece, first = "", True
        for char in token.text:
            if piece and measure(piece + char) > width:
                found.append(Token(piece, token.space_before and first))
                piece, first = "", False
            piece += char
        found.append(Token(piece, token.space_before and first))
    return found


class Painter:
    """Draws text in the faces a FaceChooser picks, run by run on one baseline."""

    def __init__(self, chooser: FaceChooser, size: int, lang: str, cache_dir: Path):
        self.chooser, self.size, self.lang, self.cache_dir = chooser, size, lang, cache_dir
        self.widths: dict[str, float] = {}  # wrapping measures the same text many times

    def font(self, face: FontFace) -> ImageFont.FreeTypeFont:
        assert face.file is not None
        return pillow_font(sfnt_copy(face.file, self.cache_dir), self.size)

    def language(self) -> str | None:
        return {"zh": "zh-Hans", "ko": "ko", "vi": "vi", "en": "en"}.get(self.lang.split("-")[0]) if raqm_available() else None

    def measure(self, text: str) -> float:
        if text not in self.widths:
            self.widths[text] = self.width(text)
        return self.widths[text]

    def width(self, text: str) -> float:
        return sum(self.font(run.face).getlength(run.text, language=self.language()) for run in self.chooser.runs(text))

    def draw(self, draw: ImageDraw.ImageDraw, x: float, baseline: float, text: str, fill: int | tuple[int, ...]) -> list[Run]:
        runs = self.chooser.runs(text)
        for run in runs:
            font = self.font(run.face)
            draw.text((x, baseline), run.text, font=font, fill=fill, anchor="ls", language=self.language())
            x += font.getlength(run.text, language=self.language())
        return runs


def title_lines(card: Card, fonts: Fonts) -> tuple[Painter, list[str]]:
    """The largest title size whose lines fit in MAX_LINES; at the smallest, the rest cut with …"""
    width = WIDTH - 2 * MARGIN
    painter = Painter(fonts.title, TITLE_SIZES[0], card.lang, fonts.cache_dir)
    for size in TITLE_SIZES:
        painter = Painter(fonts.title, size, card.lang, fonts.cache_dir)
        items = split_long(tokens(card.title, card.lang), width, painter.measure)
        lines = phrased(items, width, painter.measure)
        if len(lines) <= MAX_LINES:
            return painter, [join(line) for line in lines]
    kept = wrap(items, width, painter.measure)[:MAX_LINES]
    last = kept[-1]
    while len(last) > 1 and painter.measure(join(last) + "…") > width:
        last = last[:-1]  # whole words (or characters in Chinese) make way for the ellipsis
    return painter, [*(join(line) for line in kept[:-1]), join(last).rstrip(",.;:–— ，、") + "…"]


def cover(photo: Path | None) -> Image.Image:
    """The photo cropped to fill the card, with the gradients that carry the text."""
    if photo is None:
        base = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    else:
        with Image.open(photo) as opened:
            image = ImageOps.exif_transpose(opened).convert("RGB")
        base = ImageOps.fit(image, (WIDTH, HEIGHT), Image.Resampling.LANCZOS, centering=(0.5, 0.45))
    return Image.alpha_composite(base.convert("RGBA"), shade()).convert("RGB")


@cache
def shade() -> Image.Image:
    """Dark at the bottom (the title) and a lighter veil at the top (the logo and the name)."""
    alpha = Image.new("L", (1, HEIGHT))
    for y in range(HEIGHT):
        t = y / (HEIGHT - 1)
        bottom = max(0.0, (t - 0.18) / 0.82) ** 1.1 * 0.88
        top = max(0.0, 1 - t / 0.32) ** 2 * 0.55
        alpha.putpixel((0, y), round(255 * min(0.92, bottom + top + 0.08)))
    layer = Image.new("RGBA", (WIDTH, HEIGHT), (*BAND, 255))
    layer.putalpha(alpha.resize((WIDTH, HEIGHT)))
    return layer


def draw_card(card: Card, fonts: Fonts, logo: Image.Image | None, base: Image.Image | None = None) -> tuple[bytes, list[dict[str, str]]]:
    """The card as JPEG bytes, and what it drew: each line's runs with the font file of each."""
    image = (base or cover(card.photo)).copy().convert("RGBA")
    text_layer = Image.new("L", (WIDTH, HEIGHT), 0)  # where text is: for its soft shadow
    text = ImageDraw.Draw(text_layer)
    drawn: list[dict[str, str]] = []

    painter, lines = title_lines(card, fonts)
    size = painter.size
    cjk = card.lang.split("-")[0] in {"zh", "ko", "ja"}
    leading = round(size * (1.3 if cjk else 1.2))
    last_baseline = HEIGHT - BOTTOM - round(size * 0.22)
    first_baseline = last_baseline - leading * (len(lines) - 1)
    for number, line in enumerate(lines):
        hang = round(size * 0.45) if cjk and line[:1] in OPENING_BRACKETS else 0  # its blank half sits in the margin
        runs = painter.draw(text, MARGIN - hang, first_baseline + number * leading, line, 255)
        drawn += [{"text": run.text, "font": str(run.face.file), "part": "title"} for run in runs]

    label = Painter(fonts.label, LABEL_SIZE, card.lang, fonts.cache_dir)
    logo_top = 54
    label_x = MARGIN + (LOGO_SIZE + 22 if logo is not None else 0)
    label_text = card.label
    while label_text and label.measure(label_text) > WIDTH - MARGIN - label_x:
        label_text = label_text[:-2].rstrip() + "…"
    runs = label.draw(text, label_x, logo_top + LOGO_SIZE / 2 + LABEL_SIZE * 0.36, label_text, 255)
    drawn += [{"text": run.text, "font": str(run.face.file), "part": "label"} for run in runs]

    for box in text_boxes(text_layer):  # the label's and the title's: the rest of the card has no text
        region = text_layer.crop(box)
        shadow = region.filter(ImageFilter.GaussianBlur(7)).point(lambda v: v * 0.55)
        image.paste((0, 0, 0, 255), box, shadow)
        image.paste((255, 255, 255, 255), box, region)

    bar_y = first_baseline - round(size * (1.0 if cjk else 1.08)) - 16
    ImageDraw.Draw(image).rounded_rectangle((MARGIN, bar_y, MARGIN + 96, bar_y + 7), radius=3, fill=(*ACCENT, 255))
    if logo is not None:
        image.alpha_composite(logo, (MARGIN, logo_top))

    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue(), drawn


def text_boxes(layer: Image.Image, pad: int = 24) -> list[tuple[int, int, int, int]]:
    """Boxes around the text of the top and bottom halves, with room for the shadow."""
    boxes = []
    for top, bottom in ((0, HEIGHT // 3), (HEIGHT // 3, HEIGHT)):
        found = layer.crop((0, top, WIDTH, bottom)).getbbox()
        if found:
            left, upper, right, lower = found
            boxes.append((max(0, left - pad), max(0, top + upper - pad), min(WIDTH, right + pad), min(HEIGHT, top + lower + pad)))
    return boxes


def normalized(text: str) -> str:
    """What a card draws: NFC (Vietnamese letters precomposed, as the fonts draw them best),
    whitespace made single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split())
