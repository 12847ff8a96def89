"""Preflight: will this photo print well at this preset, and will the print shop accept the file?

Effective resolution is the number of the photo's own pixels per inch of paper once it is cropped
to the preset's shape and stretched over the trim plus bleed. Below the preset's minimum the print
looks soft or blocky. Total ink is the sum of C, M, Y and K at the darkest pixel: above the press's
limit ink does not dry and pages stick together.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageMath

from quangba.images.geometry import Box, crop_box
from quangba.images.presets import MM_PER_INCH, PrintPreset

STRIP_PIXELS = 4_000_000  # the ink sum works on strips so a panorama never needs gigabytes


@dataclass(frozen=True)
class Resolution:
    preset: PrintPreset
    photo_size: tuple[int, int]  # upright pixels of the whole photo
    crop: Box
    ppi: float  # effective resolution reached over the trim plus bleed

    @property
    def passes(self) -> bool:
        return self.ppi + 1e-6 >= self.preset.min_ppi

    @property
    def reaches_target(self) -> bool:
        return self.ppi + 0.5 >= self.preset.ppi

    @property
    def status(self) -> str:
        """'ok' (target reached), 'low' (between minimum and target), 'fail' (below minimum)."""
        if self.reaches_target:
            return "ok"
        return "low" if self.passes else "fail"

    def message(self, shown: str) -> str:
        width_mm, height_mm = self.preset.size_mm
        photo = f"{self.photo_size[0]}×{self.photo_size[1]} px"
        physical = f"{width_mm:g}×{height_mm:g} mm"
        return (
            f"{shown}: {photo} prints at {self.ppi:.0f} ppi over {physical} ({self.preset.name}); "
            f"the minimum is {self.preset.min_ppi:g} ppi: use a larger original or a smaller size"
        )


def effective_resolution(size: tuple[int, int], focal: tuple[float, float], preset: PrintPreset) -> Resolution:
    box = crop_box(size, preset.aspect, focal)
    width_mm, height_mm = preset.size_mm
    ppi = min(box.width / (width_mm / MM_PER_INCH), box.height / (height_mm / MM_PER_INCH))
    return Resolution(preset, size, box, ppi)


def max_total_ink(image: Image.Image) -> float:
    """Highest C+M+Y+K of any pixel of a CMYK image, in percent (400 % = all four inks full)."""
    if image.mode != "CMYK":
        raise ValueError(f"total ink needs a CMYK image, not {image.mode}")
    rows = max(1, STRIP_PIXELS // max(1, image.width))
    highest = 0
    for top in range(0, image.height, rows):
        strip = image.crop((0, top, image.width, min(image.height, top + rows)))
        c, m, y, k = strip.split()
        total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
        highest = max(highest, total.getextrema()[1])
    return highest / 255 * 100
