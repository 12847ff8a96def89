"""Print presets: the physical products photos go to, read from ``assets/print-presets.yml``.

A preset is a trim size in millimetres, a bleed on every side, the resolution to aim for and the
lowest effective resolution the print shop accepts. The file also names the CMYK output profile
(the print shop's own replaces the default), the total-ink limit and the output format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quangba.core import yamlfile
from quangba.core.errors import Problem, QuangbaError
from quangba.core.yamlfile import YamlDocument
from quangba.images.source import DEFAULT_MAX_MEGAPIXELS

MM_PER_INCH = 25.4
FORMATS = ("tiff", "jpeg")
CUSTOM_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*$", re.IGNORECASE)
PRESET_KEYS = {"trim_mm", "bleed_mm", "ppi", "min_ppi", "photos", "description"}
TOP_KEYS = {"profile", "ink_limit", "format", "jpeg_quality", "max_megapixels", "out_dir", "leaflets", "presets"}


@dataclass(frozen=True)
class PrintPreset:
    name: str
    trim_mm: tuple[float, float]  # width, height
    bleed_mm: float
    ppi: float
    min_ppi: float
    photos: tuple[str, ...] = ()  # photos always printed at this preset (names or stems)
    description: str = ""

    @property
    def size_mm(self) -> tuple[float, float]:
        """Trim plus bleed on both sides: the size of the image file."""
        return (self.trim_mm[0] + 2 * self.bleed_mm, self.trim_mm[1] + 2 * self.bleed_mm)

    @property
    def aspect(self) -> float:
        width, height = self.size_mm
        return width / height

    def pixels_at(self, ppi: float) -> tuple[int, int]:
        width, height = self.size_mm
        return (max(1, round(width / MM_PER_INCH * ppi)), max(1, round(height / MM_PER_INCH * ppi)))

    @property
    def target_pixels(self) -> tuple[int, int]:
        return self.pixels_at(self.ppi)

    def fingerprint(self) -> dict[str, Any]:
        """What changes the output (not the photo list or the description)."""
        return {"trim_mm": self.trim_mm, "bleed_mm": self.bleed_mm, "ppi": self.ppi, "min_ppi": self.min_ppi}

    def describe(self) -> str:
        trim = f"{self.trim_mm[0]:g}×{self.trim_mm[1]:g} mm"
        return f"{trim} + {self.bleed_mm:g} mm bleed, {self.ppi:g} ppi (minimum {self.min_ppi:g})"


@dataclass(frozen=True)
class PrintSettings:
    source: Path  # the presets file
    project_dir: Path
    profile: Path  # CMYK output profile (ICC)
    ink_limit: float = 300.0  # % total area coverage
    format: str = "tiff"
    jpeg_quality: int = 95
    max_megapixels: float = DEFAULT_MAX_MEGAPIXELS
    out_dir: Path = Path("print/images")
    leaflets: tuple[str, ...] = ()  # globs of leaflet sources whose front matter lists photos:
    presets: dict[str, PrintPreset] = field(default_factory=dict)

    def preset(self, name: str) -> PrintPreset:
        if name in self.presets:
            return self.presets[name]
        raise KeyError(name)


def custom_preset(size: str, bleed_mm: float = 3.0, ppi: float = 300.0, min_ppi: float | None = None) -> PrintPreset:
    """A preset from '210x297' (mm, width × height) for one-off sizes typed on the command line."""
    match = CUSTOM_SIZE.match(size)
    if not match:
        raise ValueError(f"size '{size}' is not WIDTHxHEIGHT in millimetres, e.g. 210x297")
    width, height = float(match[1]), float(match[2])
    if width <= 0 or height <= 0:
        raise ValueError(f"size '{size}' must be larger than zero")
    return PrintPreset(f"custom-{width:g}x{height:g}", (width, height), bleed_mm, ppi, min_ppi if min_ppi is not None else ppi * 2 / 3)


def load_presets(path: Path, project_dir: Path, shown: Path | None = None) -> PrintSettings:
    """Read and check the presets file; every problem is reported at once, with its line."""
    shown = shown or path
    if not path.is_file():
        raise QuangbaError([Problem(shown, "print presets file not found")])
    try:
        document = yamlfile.read(path, shown)
    except QuangbaError as error:
        raise QuangbaError([error.problems[0]]) from None
    data = document.data
    if not isinstance(data, dict):
        raise QuangbaError([Problem(shown, "must be 'key: value' lines (profile:, presets:, …)", 1)])
    checker = Checker(document, shown)
    for key in data:
        if key not in TOP_KEYS:
            checker.problem(f"unknown setting '{key}' (known: {', '.join(sorted(TOP_KEYS))})", key)
    profile_name = checker.text("profile", default="assets/icc/quangba-fogra39-cmyk.icc")
    profile = project_dir / profile_name
    if not profile.is_file():
        checker.problem(f"colour profile '{profile_name}' not found (paths are relative to the project folder)", "profile")
    fmt = checker.text("format", default="tiff").lower()
    if fmt not in FORMATS:
        checker.problem(f"format must be tiff or jpeg, not '{fmt}'", "format")
    leaflets = data.get("leaflets", [])
    leaflets = [leaflets] if isinstance(leaflets, str) else leaflets
    if not isinstance(leaflets, list) or not all(isinstance(item, str) for item in leaflets):
        checker.problem("leaflets must be a path pattern or a list of them, e.g. docs/publications/leaflets/*.md", "leaflets")
        leaflets = []
    presets: dict[str, PrintPreset] = {}
    raw_presets = data.get("presets")
    if not isinstance(raw_presets, dict) or not raw_presets:
        checker.problem("presets: must list at least one preset (name, then trim_mm:, bleed_mm:, ppi:)", "presets")
        raw_presets = {}
    for name, raw in raw_presets.items():
        preset = checker.preset(str(name), raw)
        if preset is not None:
            presets[str(name)] = preset
    settings = PrintSettings(
        source=path,
        project_dir=project_dir,
        profile=profile,
        ink_limit=checker.number("ink_limit", default=300.0, low=1, high=400),
        format=fmt,
        jpeg_quality=int(checker.number("jpeg_quality", default=95, low=1, high=100)),
        max_megapixels=checker.number("max_megapixels", default=DEFAULT_MAX_MEGAPIXELS, low=1, high=10_000),
        out_dir=Path(checker.text("out_dir", default="print/images")),
        leaflets=tuple(leaflets),
        presets=presets,
    )
    if checker.problems:
        raise QuangbaError(checker.problems)
    return settings


class Checker:
    """Reads typed values out of the YAML, collecting a problem (with its line) for each bad one."""

    def __init__(self, document: YamlDocument, shown: Path):
        self.document = document
        self.shown = shown
        self.problems: list[Problem] = []

    def problem(self, message: str, *keys: Any) -> None:
        self.problems.append(Problem(self.shown, message, self.document.line(*keys)))

    def value(self, *keys: Any) -> Any:
        node = self.document.data
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
        return node

    def text(self, *keys: Any, default: str) -> str:
        value = self.value(*keys)
        if value is None:
            return default
        if not isinstance(value, str):
            self.problem(f"'{keys[-1]}' must be a text", *keys)
            return default
        return value

    def number(self, *keys: Any, default: float, low: float, high: float) -> float:
        value = self.value(*keys)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            self.problem(f"'{keys[-1]}' must be a number from {low:g} to {high:g}, not {value!r}", *keys)
            return default
        return float(value)

    def preset(self, name: str, raw: Any) -> PrintPreset | None:
        if not isinstance(raw, dict):
            self.problem(f"preset '{name}' must list trim_mm:, bleed_mm:, ppi: (and min_ppi:)", "presets", name)
            return None
        before = len(self.problems)
        for key in raw:
            if key not in PRESET_KEYS:
                self.problem(f"preset '{name}': unknown setting '{key}' (known: {', '.join(sorted(PRESET_KEYS))})", "presets", name, key)
        trim = raw.get("trim_mm")
        if not (isinstance(trim, list) and len(trim) == 2 and all(isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in trim)):
            self.problem(f"preset '{name}': trim_mm must be [width, height] in millimetres, e.g. [148, 210]", "presets", name, "trim_mm")
            trim = [1, 1]
        keys = ("presets", name)
        bleed = self.number(*keys, "bleed_mm", default=3.0, low=0, high=100)
        ppi = self.number(*keys, "ppi", default=300.0, low=1, high=2400)
        if "ppi" not in raw:
            self.problem(f"preset '{name}': ppi (the resolution to aim for) is missing", *keys)
        min_ppi = self.number(*keys, "min_ppi", default=ppi * 2 / 3, low=1, high=2400)
        if min_ppi > ppi:
            self.problem(f"preset '{name}': min_ppi ({min_ppi:g}) is above ppi ({ppi:g})", *keys, "min_ppi")
        photos = raw.get("photos", []) or []
        if not isinstance(photos, list) or not all(isinstance(p, str) for p in photos):
            self.problem(f"preset '{name}': photos must be a list of photo names", *keys, "photos")
            photos = []
        description = raw.get("description", "")
        if len(self.problems) > before:
            return None
        return PrintPreset(name, (float(trim[0]), float(trim[1])), bleed, ppi, min_ppi, tuple(photos), str(description))
