"""Render the demo site's illustrations into assets/images/ (own work, released as CC0).

The demo needs pictures whose origin and licence are beyond doubt, so they are drawn here from
shapes and gradients with Pillow rather than taken from the web. Deterministic: the same code
always gives the same pixels. Run: python scripts/render_illustrations.py

The pictures are designed on a 1800×1200 grid ("design units") and drawn SCALE times larger,
4500×3000 px, enough for print at 300 ppi (an A4 tri-fold cover panel with bleed, 103×216 mm,
needs 1217×2551 px). Every coordinate, line width and blur radius goes through SCALE, so the
pictures look the same at any size; the random draws stay in design units, so they do not change.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

DESIGN_WIDTH, DESIGN_HEIGHT = 1800, 1200  # the grid every shape below is given on
SCALE = 2.5  # pixels per design unit
WIDTH, HEIGHT = round(DESIGN_WIDTH * SCALE), round(DESIGN_HEIGHT * SCALE)  # 4500×3000 px
JPEG_QUALITY = 90  # keeps each file under ~900 KB
OUT = Path(__file__).resolve().parent.parent / "assets" / "images"

Color = tuple[int, int, int]
Point = tuple[float, float]


def px(value: float) -> float:
    """Design units to pixels."""
    return value * SCALE


def stroke(width: float) -> int:
    """A line width in design units as whole pixels (Pillow wants an int)."""
    return max(1, round(width * SCALE))


def blur(radius: float) -> ImageFilter.GaussianBlur:
    """A Gaussian blur whose radius is given in design units."""
    return ImageFilter.GaussianBlur(px(radius))


class Canvas:
    """ImageDraw that takes coordinates and line widths in design units."""

    def __init__(self, image: Image.Image) -> None:
        self.draw = ImageDraw.Draw(image)

    @staticmethod
    def _points(points: Sequence[Point]) -> list[Point]:
        return [(px(x), px(y)) for x, y in points]

    @staticmethod
    def _box(box: Sequence[float]) -> list[float]:
        return [px(v) for v in box]  # [left, top, right, bottom]

    def line(self, points: Sequence[Point], fill: Color, width: float) -> None:
        self.draw.line(self._points(points), fill=fill, width=stroke(width))

    def polygon(self, points: Sequence[Point], fill: Color) -> None:
        self.draw.polygon(self._points(points), fill=fill)

    def rectangle(self, box: Sequence[float], fill: Color) -> None:
        self.draw.rectangle(self._box(box), fill=fill)

    def ellipse(self, box: Sequence[float], fill: Color) -> None:
        self.draw.ellipse(self._box(box), fill=fill)

    def arc(self, box: Sequence[float], start: float, end: float, fill: Color, width: float) -> None:
        self.draw.arc(self._box(box), start, end, fill=fill, width=stroke(width))


def mix(a: Color, b: Color, t: float) -> Color:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def gradient(top: Color, bottom: Color, size: tuple[int, int] = (WIDTH, HEIGHT)) -> Image.Image:
    """A vertical gradient; size in pixels."""
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(size[1]):
        draw.line([(0, y), (size[0], y)], fill=mix(top, bottom, y / size[1]))
    return image


def ridge(rng: random.Random, base: float, amplitude: float, waves: int, roughness: float) -> list[Point]:
    """A skyline in design units: a few sine waves plus small random steps, from the left edge to the right."""
    phases = [rng.uniform(0, math.tau) for _ in range(waves)]
    points = []
    for x in range(0, DESIGN_WIDTH + 10, 10):
        y = base
        for i, phase in enumerate(phases):
            y -= amplitude / (i + 1) * math.sin(x / DESIGN_WIDTH * math.pi * (i + 1.3) + phase)
        y += rng.uniform(-roughness, roughness)
        points.append((x, y))
    return points


def fill_below(canvas: Canvas, points: list[Point], color: Color) -> None:
    canvas.polygon([*points, (DESIGN_WIDTH, DESIGN_HEIGHT), (0, DESIGN_HEIGHT)], fill=color)


def sun(image: Image.Image, centre: Point, radius: float, color: Color) -> None:
    """A disc with a soft glow three times its radius; centre and radius in design units."""
    (x, y), r = (px(centre[0]), px(centre[1])), px(radius)
    glow = Image.new("RGB", image.size, color)
    mask = Image.new("L", image.size, 0)
    ImageDraw.Draw(mask).ellipse([x - r * 3, y - r * 3, x + r * 3, y + r * 3], fill=90)
    ImageDraw.Draw(mask).ellipse([x - r, y - r, x + r, y + r], fill=255)
    image.paste(glow, (0, 0), mask.filter(ImageFilter.GaussianBlur(r)))


def tea_hills() -> Image.Image:
    rng = random.Random(1)
    image = gradient((250, 236, 205), (206, 228, 214))
    sun(image, (1350, 260), 70, (255, 244, 214))
    canvas = Canvas(image)
    layers = [(560, 90, (150, 180, 160)), (700, 110, (110, 160, 115)), (850, 120, (74, 134, 80)), (1000, 120, (52, 110, 60))]
    for base, amplitude, color in layers:
        line = ridge(rng, base, amplitude, 3, 2)
        fill_below(canvas, line, color)
        if base >= 850:  # tea rows: darker bands that follow the hill's curve
            for offset in range(30, 400, 34):
                row = [(x, y + offset + 8 * math.sin(x / 90)) for x, y in line]
                canvas.line(row, fill=mix(color, (20, 60, 30), 0.45), width=12)
    return image.filter(blur(1.2))


def lake_mountains() -> Image.Image:
    rng = random.Random(2)
    image = gradient((196, 216, 232), (236, 240, 236))
    canvas = Canvas(image)
    horizon = 700
    for base, amplitude, color in [(420, 160, (150, 170, 186)), (520, 140, (104, 132, 140)), (620, 90, (62, 98, 88))]:
        fill_below(canvas, [(x, min(y, horizon)) for x, y in ridge(rng, base, amplitude, 4, 12)], color)
    top = round(px(horizon))  # the horizon in pixels
    sky_and_hills = image.crop((0, 0, WIDTH, top))
    reflection = sky_and_hills.transpose(Image.Transpose.FLIP_TOP_BOTTOM).resize((WIDTH, HEIGHT - top))
    water = gradient((120, 150, 160), (70, 100, 110), (WIDTH, HEIGHT - top))
    image.paste(Image.blend(reflection, water, 0.55).filter(blur(3)), (0, top))
    canvas = Canvas(image)
    for _ in range(60):  # ripples
        y = rng.randint(horizon + 10, DESIGN_HEIGHT)
        x = rng.randint(0, DESIGN_WIDTH)
        canvas.line([(x, y), (x + rng.randint(40, 160), y)], fill=(210, 222, 226), width=2)
    return image


def stilt_house() -> Image.Image:
    rng = random.Random(3)
    image = gradient((214, 230, 240), (240, 236, 220))
    canvas = Canvas(image)
    fill_below(canvas, ridge(rng, 560, 120, 3, 4), (120, 158, 120))
    fill_below(canvas, ridge(rng, 860, 30, 2, 1), (96, 140, 80))
    floor, left, right = 720, 560, 1240
    for x in range(left + 20, right, 110):  # stilts
        canvas.rectangle([x, floor, x + 22, 930], fill=(92, 64, 40))
    canvas.rectangle([left, floor - 220, right, floor], fill=(156, 112, 70))
    for x in range(left, right, 26):  # wooden planks
        canvas.line([(x, floor - 220), (x, floor)], fill=(130, 92, 56), width=3)
    canvas.rectangle([left - 30, floor, right + 30, floor + 24], fill=(110, 76, 46))
    canvas.polygon([(left - 120, floor - 200), (left + 120, floor - 420), (right - 120, floor - 420), (right + 120, floor - 200)], fill=(88, 70, 52))
    for i in range(3):
        x = left + 140 + i * 180
        canvas.rectangle([x, floor - 160, x + 90, floor - 70], fill=(60, 42, 28))
    for step in range(7):  # staircase to the ground
        y = floor + 24 + step * 28
        canvas.line([(right + 40 + step * 22, y), (right + 120 + step * 22, y)], fill=(92, 64, 40), width=8)
    return image.filter(blur(0.8))


def industrial_park() -> Image.Image:
    rng = random.Random(4)
    image = gradient((186, 212, 236), (232, 238, 242))
    canvas = Canvas(image)
    fill_below(canvas, ridge(rng, 600, 60, 2, 2), (150, 176, 160))
    canvas.rectangle([0, 820, DESIGN_WIDTH, DESIGN_HEIGHT], fill=(170, 176, 172))
    canvas.rectangle([0, 960, DESIGN_WIDTH, 1040], fill=(90, 96, 100))
    for x in range(0, DESIGN_WIDTH, 120):
        canvas.rectangle([x + 20, 996, x + 80, 1004], fill=(235, 235, 220))
    for left in (60, 700, 1260):
        width = 500
        canvas.rectangle([left, 600, left + width, 900], fill=(226, 230, 234))
        for i in range(0, width, 100):  # sawtooth roof with skylights
            canvas.polygon([(left + i, 600), (left + i + 100, 540), (left + i + 100, 600)], fill=(90, 130, 170))
        for i in range(30, width - 40, 70):
            canvas.rectangle([left + i, 700, left + i + 40, 760], fill=(120, 150, 180))
        canvas.rectangle([left + width // 2 - 50, 800, left + width // 2 + 50, 900], fill=(150, 156, 160))
    for x in range(30, DESIGN_WIDTH, 150):  # a row of trees along the road
        canvas.ellipse([x, 860, x + 90, 950], fill=(62, 120, 70))
    return image


def sea_island() -> Image.Image:
    rng = random.Random(5)
    image = gradient((170, 206, 236), (226, 238, 246))
    horizon = 640
    top = round(px(horizon))  # the horizon in pixels
    image.paste(gradient((40, 110, 160), (20, 70, 120), (WIDTH, HEIGHT - top)), (0, top))
    canvas = Canvas(image)
    canvas.ellipse([520, horizon - 140, 1280, horizon + 80], fill=(84, 130, 84))
    canvas.ellipse([700, horizon - 190, 1060, horizon + 20], fill=(70, 118, 72))
    canvas.rectangle([440, horizon - 10, 1360, horizon + 30], fill=(214, 200, 160))
    tower = [(980, horizon - 420), (1020, horizon - 420), (1040, horizon - 160), (960, horizon - 160)]
    canvas.polygon(tower, fill=(245, 245, 245))
    for band in (horizon - 360, horizon - 260):
        canvas.polygon([(972, band), (1028, band), (1031, band + 40), (969, band + 40)], fill=(200, 40, 40))
    canvas.rectangle([970, horizon - 460, 1030, horizon - 420], fill=(250, 220, 120))
    canvas.polygon([(962, horizon - 460), (1000, horizon - 500), (1038, horizon - 460)], fill=(200, 40, 40))
    for _ in range(140):  # waves
        y = rng.randint(horizon + 40, DESIGN_HEIGHT)
        x = rng.randint(-50, DESIGN_WIDTH)
        length = rng.randint(30, 120) * (1 + (y - horizon) / 400)
        canvas.arc([x, y, x + length, y + 16], 200, 340, fill=(210, 232, 246), width=3)
    return image


ILLUSTRATIONS = {
    "tea-hills": tea_hills,
    "lake-mountains": lake_mountains,
    "stilt-house": stilt_house,
    "industrial-park": industrial_park,
    "sea-island": sea_island,
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in ILLUSTRATIONS.items():
        path = OUT / f"{name}.jpg"
        draw().save(path, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        print(f"{path.relative_to(OUT.parent.parent)}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
