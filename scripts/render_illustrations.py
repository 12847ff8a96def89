"""Render the demo site's illustrations into assets/images/ (own work, released as CC0).

The demo needs pictures whose origin and licence are beyond doubt, so they are drawn here from
shapes and gradients with Pillow rather than taken from the web. Deterministic: the same code
always gives the same pixels. Run: python scripts/render_illustrations.py
"""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1800, 1200
OUT = Path(__file__).resolve().parent.parent / "assets" / "images"

Color = tuple[int, int, int]


def mix(a: Color, b: Color, t: float) -> Color:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


def gradient(top: Color, bottom: Color, size: tuple[int, int] = (WIDTH, HEIGHT)) -> Image.Image:
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(size[1]):
        draw.line([(0, y), (size[0], y)], fill=mix(top, bottom, y / size[1]))
    return image


def ridge(rng: random.Random, base: float, amplitude: float, waves: int, roughness: float) -> list[tuple[float, float]]:
    """A skyline: a few sine waves plus small random steps, from the left edge to the right."""
    phases = [rng.uniform(0, math.tau) for _ in range(waves)]
    points = []
    for x in range(0, WIDTH + 10, 10):
        y = base
        for i, phase in enumerate(phases):
            y -= amplitude / (i + 1) * math.sin(x / WIDTH * math.pi * (i + 1.3) + phase)
        y += rng.uniform(-roughness, roughness)
        points.append((x, y))
    return points


def fill_below(draw: ImageDraw.ImageDraw, points: list[tuple[float, float]], color: Color) -> None:
    draw.polygon(points + [(WIDTH, HEIGHT), (0, HEIGHT)], fill=color)


def sun(image: Image.Image, centre: tuple[int, int], radius: int, color: Color) -> None:
    glow = Image.new("RGB", image.size, color)
    mask = Image.new("L", image.size, 0)
    ImageDraw.Draw(mask).ellipse([centre[0] - radius * 3, centre[1] - radius * 3, centre[0] + radius * 3, centre[1] + radius * 3], fill=90)
    ImageDraw.Draw(mask).ellipse([centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius], fill=255)
    image.paste(glow, (0, 0), mask.filter(ImageFilter.GaussianBlur(radius)))


def tea_hills() -> Image.Image:
    rng = random.Random(1)
    image = gradient((250, 236, 205), (206, 228, 214))
    sun(image, (1350, 260), 70, (255, 244, 214))
    draw = ImageDraw.Draw(image)
    layers = [(560, 90, (150, 180, 160)), (700, 110, (110, 160, 115)), (850, 120, (74, 134, 80)), (1000, 120, (52, 110, 60))]
    for base, amplitude, color in layers:
        line = ridge(rng, base, amplitude, 3, 2)
        fill_below(draw, line, color)
        if base >= 850:  # tea rows: darker bands that follow the hill's curve
            for offset in range(30, 400, 34):
                row = [(x, y + offset + 8 * math.sin(x / 90)) for x, y in line]
                draw.line(row, fill=mix(color, (20, 60, 30), 0.45), width=12)
    return image.filter(ImageFilter.GaussianBlur(1.2))


def lake_mountains() -> Image.Image:
    rng = random.Random(2)
    image = gradient((196, 216, 232), (236, 240, 236))
    draw = ImageDraw.Draw(image)
    horizon = 700
    for base, amplitude, color in [(420, 160, (150, 170, 186)), (520, 140, (104, 132, 140)), (620, 90, (62, 98, 88))]:
        fill_below(draw, [(x, min(y, horizon)) for x, y in ridge(rng, base, amplitude, 4, 12)], color)
    sky_and_hills = image.crop((0, 0, WIDTH, horizon))
    reflection = sky_and_hills.transpose(Image.Transpose.FLIP_TOP_BOTTOM).resize((WIDTH, HEIGHT - horizon))
    water = gradient((120, 150, 160), (70, 100, 110), (WIDTH, HEIGHT - horizon))
    image.paste(Image.blend(reflection, water, 0.55).filter(ImageFilter.GaussianBlur(3)), (0, horizon))
    draw = ImageDraw.Draw(image)
    for _ in range(60):  # ripples
        y = rng.randint(horizon + 10, HEIGHT)
        x = rng.randint(0, WIDTH)
        draw.line([(x, y), (x + rng.randint(40, 160), y)], fill=(210, 222, 226), width=2)
    return image


def stilt_house() -> Image.Image:
    rng = random.Random(3)
    image = gradient((214, 230, 240), (240, 236, 220))
    draw = ImageDraw.Draw(image)
    fill_below(draw, ridge(rng, 560, 120, 3, 4), (120, 158, 120))
    fill_below(draw, ridge(rng, 860, 30, 2, 1), (96, 140, 80))
    floor, left, right = 720, 560, 1240
    for x in range(left + 20, right, 110):  # stilts
        draw.rectangle([x, floor, x + 22, 930], fill=(92, 64, 40))
    draw.rectangle([left, floor - 220, right, floor], fill=(156, 112, 70))
    for x in range(left, right, 26):  # wooden planks
        draw.line([(x, floor - 220), (x, floor)], fill=(130, 92, 56), width=3)
    draw.rectangle([left - 30, floor, right + 30, floor + 24], fill=(110, 76, 46))
    draw.polygon([(left - 120, floor - 200), (left + 120, floor - 420), (right - 120, floor - 420), (right + 120, floor - 200)], fill=(88, 70, 52))
    for i in range(3):
        x = left + 140 + i * 180
        draw.rectangle([x, floor - 160, x + 90, floor - 70], fill=(60, 42, 28))
    for step in range(7):  # staircase to the ground
        y = floor + 24 + step * 28
        draw.line([(right + 40 + step * 22, y), (right + 120 + step * 22, y)], fill=(92, 64, 40), width=8)
    return image.filter(ImageFilter.GaussianBlur(0.8))


def industrial_park() -> Image.Image:
    rng = random.Random(4)
    image = gradient((186, 212, 236), (232, 238, 242))
    draw = ImageDraw.Draw(image)
    fill_below(draw, ridge(rng, 600, 60, 2, 2), (150, 176, 160))
    draw.rectangle([0, 820, WIDTH, HEIGHT], fill=(170, 176, 172))
    draw.rectangle([0, 960, WIDTH, 1040], fill=(90, 96, 100))
    for x in range(0, WIDTH, 120):
        draw.rectangle([x + 20, 996, x + 80, 1004], fill=(235, 235, 220))
    for left in (60, 700, 1260):
        width = 500
        draw.rectangle([left, 600, left + width, 900], fill=(226, 230, 234))
        for i in range(0, width, 100):  # sawtooth roof with skylights
            draw.polygon([(left + i, 600), (left + i + 100, 540), (left + i + 100, 600)], fill=(90, 130, 170))
        for i in range(30, width - 40, 70):
            draw.rectangle([left + i, 700, left + i + 40, 760], fill=(120, 150, 180))
        draw.rectangle([left + width // 2 - 50, 800, left + width // 2 + 50, 900], fill=(150, 156, 160))
    for x in range(30, WIDTH, 150):  # a row of trees along the road
        draw.ellipse([x, 860, x + 90, 950], fill=(62, 120, 70))
    return image


def sea_island() -> Image.Image:
    rng = random.Random(5)
    image = gradient((170, 206, 236), (226, 238, 246))
    horizon = 640
    image.paste(gradient((40, 110, 160), (20, 70, 120), (WIDTH, HEIGHT - horizon)), (0, horizon))
    draw = ImageDraw.Draw(image)
    draw.ellipse([520, horizon - 140, 1280, horizon + 80], fill=(84, 130, 84))
    draw.ellipse([700, horizon - 190, 1060, horizon + 20], fill=(70, 118, 72))
    draw.rectangle([440, horizon - 10, 1360, horizon + 30], fill=(214, 200, 160))
    tower = [(980, horizon - 420), (1020, horizon - 420), (1040, horizon - 160), (960, horizon - 160)]
    draw.polygon(tower, fill=(245, 245, 245))
    for band in (horizon - 360, horizon - 260):
        draw.polygon([(972, band), (1028, band), (1031, band + 40), (969, band + 40)], fill=(200, 40, 40))
    draw.rectangle([970, horizon - 460, 1030, horizon - 420], fill=(250, 220, 120))
    draw.polygon([(962, horizon - 460), (1000, horizon - 500), (1038, horizon - 460)], fill=(200, 40, 40))
    for _ in range(140):  # waves
        y = rng.randint(horizon + 40, HEIGHT)
        x = rng.randint(-50, WIDTH)
        length = rng.randint(30, 120) * (1 + (y - horizon) / 400)
        draw.arc([x, y, x + length, y + 16], 200, 340, fill=(210, 232, 246), width=3)
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
        draw().save(path, "JPEG", quality=86, optimize=True, progressive=True)
        print(f"{path.relative_to(OUT.parent.parent)}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
