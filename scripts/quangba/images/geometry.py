"""Where a print size cuts a photo: the largest rectangle of the right shape around the focal point."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    def scaled(self, factor: float) -> tuple[float, float, float, float]:
        """The same area in an image decoded at factor × the original size (draft mode)."""
        return (self.left * factor, self.top * factor, self.right * factor, self.bottom * factor)

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.left, self.top, self.right, self.bottom)


def crop_box(size: tuple[int, int], aspect: float, focal: tuple[float, float] = (0.5, 0.5)) -> Box:
    """Largest box of width/height = aspect inside size, centred on focal (x, y in 0..1) as far as
    the edges allow: a focal point near an edge moves the box to that edge, never past it."""
    width, height = size
    if width / height > aspect:  # the photo is wider than the print: cut the sides
        crop_w, crop_h = min(width, max(1, round(height * aspect))), height
    else:  # taller: cut top and bottom
        crop_w, crop_h = width, min(height, max(1, round(width / aspect)))
    left = clamp(round(focal[0] * width - crop_w / 2), 0, width - crop_w)
    top = clamp(round(focal[1] * height - crop_h / 2), 0, height - crop_h)
    return Box(left, top, left + crop_w, top + crop_h)


def clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))
