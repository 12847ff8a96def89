"""The leaflet formats: sheet size, bleed, panels on each side and where photos go.

All sizes in millimetres, measured from the top-left corner of the trimmed sheet. A panel is a
strip of the sheet; on a folded leaflet each panel becomes a page of the folded piece. Panels
that touch the sheet's edge let their photo run into the bleed on that side, so the print shop
can trim without a white line.
"""

from __future__ import annotations

from dataclasses import dataclass

BLEED_MM = 3.0
SAFE_MM = 5.0  # text keeps at least this far from the trim (the cut may wander)


@dataclass(frozen=True)
class Panel:
    name: str
    side: int  # 0 = first side printed (front / outside), 1 = second
    x: float  # left edge on the sheet
    width: float
    photo_height: float = 0.0  # height of the photo band at the top (0: no band; full: sheet height)
    role: str = "text"  # text | cover (title over the photo) | back (QR and publisher)

    def touches(self, sheet_width: float) -> tuple[bool, bool]:
        """(left, right): whether the panel reaches the sheet's left or right edge."""
        return self.x <= 0.01, self.x + self.width >= sheet_width - 0.01


@dataclass(frozen=True)
class LeafletFormat:
    name: str
    description: str
    width: float  # trim width of the flat sheet
    height: float
    panels: tuple[Panel, ...]
    bleed: float = BLEED_MM
    body_pt: float = 9.0  # body text size

    @property
    def sides(self) -> int:
        return 1 + max(panel.side for panel in self.panels)

    @property
    def panel_names(self) -> tuple[str, ...]:
        return tuple(panel.name for panel in self.panels)

    def panel(self, name: str) -> Panel:
        return next(panel for panel in self.panels if panel.name == name)

    def on_side(self, side: int) -> list[Panel]:
        return sorted((p for p in self.panels if p.side == side), key=lambda p: p.x)

    def folds(self, side: int) -> list[float]:
        """Where the sheet folds, in mm from its left edge on that side (panel boundaries)."""
        return [panel.x for panel in self.on_side(side) if panel.x > 0.01]

    def photo_box(self, panel: Panel) -> tuple[float, float, float, float]:
        """(x, y, width, height) of the panel's photo on the sheet, bleed included where the
        photo meets the sheet's edges."""
        left, right = panel.touches(self.width)
        x = panel.x - (self.bleed if left else 0.0)
        width = panel.width + (self.bleed if left else 0.0) + (self.bleed if right else 0.0)
        full = panel.photo_height >= self.height
        height = panel.photo_height + self.bleed + (self.bleed if full else 0.0)
        return (x, -self.bleed, width, height)


# A4 roll fold: the panel that folds in is 3 mm narrower than the others so it tucks in.
# Outside (side 0), left to right: flap | back | cover. Inside (side 1): the back of the cover,
# of the back panel and of the flap. Folded, the cover is on top and the back underneath;
# opening the cover shows inside-left beside the flap; unfolding the flap shows the whole inside.
FORMATS: dict[str, LeafletFormat] = {
    "a5-flyer": LeafletFormat(
        name="a5-flyer",
        description="A5 flyer, two sides (148 × 210 mm)",
        width=148.0,
        height=210.0,
        panels=(
            Panel("front", 0, 0.0, 148.0, photo_height=108.0, role="cover"),
            Panel("back", 1, 0.0, 148.0, role="back"),
        ),
    ),
    "a4-trifold": LeafletFormat(
        name="a4-trifold",
        description="A4 tri-fold brochure, roll fold, panels 97/100/100 mm (297 × 210 mm)",
        width=297.0,
        height=210.0,
        panels=(
            Panel("flap", 0, 0.0, 97.0),
            Panel("back", 0, 97.0, 100.0, role="back"),
            Panel("cover", 0, 197.0, 100.0, photo_height=210.0, role="cover"),
            Panel("inside-left", 1, 0.0, 100.0),
            Panel("inside-middle", 1, 100.0, 100.0),
            Panel("inside-right", 1, 200.0, 97.0),
        ),
        body_pt=9.5,
    ),
    "a4-factsheet": LeafletFormat(
        name="a4-factsheet",
        description="A4 fact sheet, one page (210 × 297 mm)",
        width=210.0,
        height=297.0,
        panels=(Panel("front", 0, 0.0, 210.0, photo_height=70.0, role="cover"),),
        body_pt=9.0,
    ),
}

# Height of the photo band a text panel gets when its front matter names a photo for it.
TEXT_PANEL_PHOTO_MM = 70.0


def with_photo_band(fmt: LeafletFormat, panel: Panel) -> Panel:
    """A text panel that has a photo gets a band at its top; cover panels keep their own."""
    if panel.photo_height or panel.role == "back":
        return panel
    return Panel(panel.name, panel.side, panel.x, panel.width, TEXT_PANEL_PHOTO_MM, panel.role)
