"""Web derivatives: light, upright, sRGB copies of a photo at several widths, with no metadata.

For each photo: WebP and JPEG at every configured width the photo can fill (never upscaled; a
photo narrower than the largest width also gets its own width), named ``<stem>-<width>.webp|jpg``.
No EXIF, XMP, comment or profile is written: a phone's GPS position never reaches the site.
A JPEG that must be decoded much larger than needed is decoded at 1/2, 1/4 or 1/8 of its size
(Pillow's draft mode), which is where most of the speed comes from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from quangba.core.files import write_with
from quangba.core.jobs import key_of
from quangba.images.cache import Manifest
from quangba.images.jobs import Outcome
from quangba.images.source import (
    DEFAULT_MAX_MEGAPIXELS,
    Header,
    decode,
    flatten_on_white,
    has_transparency,
    to_srgb,
)

VERSION = 1  # bump when the same settings should give different files
EXTENSIONS = {"jpeg": ".jpg", "webp": ".webp", "png": ".png"}
# An original linked from a page keeps its name on the site, as a stripped copy in the same format.
STAND_IN_FORMATS = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp"}


@dataclass(frozen=True)
class WebSettings:
    widths: tuple[int, ...] = (480, 960, 1600, 2400)
    formats: tuple[str, ...] = ("webp", "jpeg")  # the last one is the <img> fallback
    jpeg_quality: int = 82
    webp_quality: int = 80
    webp_method: int = 4  # libwebp effort 0-6: 4 is its default balance of size and speed
    progressive: bool = True
    stand_in: bool = True  # also write the original's name (a stripped copy) for links to it
    max_megapixels: float = DEFAULT_MAX_MEGAPIXELS
    cmyk_fallback_profile: str | None = None  # taken for CMYK photos that carry no profile

    def __post_init__(self) -> None:
        unknown = [f for f in self.formats if f not in EXTENSIONS]
        if unknown:
            raise ValueError(f"unknown web format(s): {', '.join(unknown)} (use webp, jpeg)")


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    format: str
    path: str

    @property
    def name(self) -> str:
        return Path(self.path).name


@dataclass
class WebSet:
    """What was made for one photo, as the page rewriting needs it."""

    stem: str
    width: int  # the original's upright size
    height: int
    variants: list[Variant] = field(default_factory=list)
    stand_in: str | None = None  # path of the file published under the original's name

    def of_format(self, fmt: str) -> list[Variant]:
        return sorted((v for v in self.variants if v.format == fmt), key=lambda v: v.width)

    @classmethod
    def from_info(cls, info: dict[str, Any]) -> WebSet:
        return cls(info["stem"], info["width"], info["height"], [Variant(*v) for v in info["variants"]], info.get("stand_in"))


def widths_for(source_width: int, wanted: tuple[int, ...]) -> list[int]:
    """Configured widths the source can fill, plus its own width when it is narrower than the largest."""
    widths = sorted({w for w in wanted if w <= source_width})
    if source_width < max(wanted) and source_width not in widths:
        widths.append(source_width)
    return widths


def height_for(width: int, size: tuple[int, int]) -> int:
    return max(1, round(width * size[1] / size[0]))


def output_name(stem: str, width: int, fmt: str) -> str:
    return f"{stem}-{width}{EXTENSIONS[fmt]}"


@dataclass(frozen=True)
class WebJob:
    photo: Path
    shown: str
    out_dir: Path
    settings: WebSettings

    @property
    def job_id(self) -> str:
        return f"web:{self.out_dir}/{self.photo.stem}"

    def sources(self) -> list[Path]:
        profile = self.settings.cmyk_fallback_profile
        return [self.photo] + ([Path(profile)] if profile else [])

    def cache_key(self, manifest: Manifest) -> str:
        profile = self.settings.cmyk_fallback_profile
        profile_digest = manifest.source_digest(Path(profile)) if profile else None
        return key_of("web", VERSION, manifest.source_digest(self.photo), self.photo.suffix.lower(), asdict(self.settings), profile_digest)

    def run(self) -> Outcome:
        settings = self.settings

        def largest_size(header: Header) -> tuple[int, int]:
            largest = widths_for(header.size[0], settings.widths)[-1]
            return (largest, height_for(largest, header.size))

        decoded = decode(self.photo, largest_size, settings.max_megapixels)
        header = decoded.header
        widths = widths_for(header.size[0], settings.widths)
        largest = widths[-1]
        image = decoded.image
        if image.width > largest:
            image = image.resize((largest, height_for(largest, header.size)), Image.Resampling.LANCZOS)
        fallback = Path(settings.cmyk_fallback_profile) if settings.cmyk_fallback_profile else None
        image = to_srgb(decoded, image, fallback)
        alpha = has_transparency(image)
        if not alpha and image.mode == "RGBA":
            image = image.convert("RGB")
        outcome = Outcome(self.job_id, self.shown)
        variants: list[Variant] = []
        for width in reversed(widths):  # largest first: each size is made from the one above it
            if image.width != width:
                image = image.resize((width, height_for(width, header.size)), Image.Resampling.LANCZOS)
            for fmt in settings.formats:
                path = self.out_dir / output_name(self.photo.stem, width, fmt)
                save_web(image, path, fmt, settings)
                variants.append(Variant(width, image.height, fmt, str(path)))
                outcome.files.append(str(path))
        stand_in = self.write_stand_in(variants)
        if stand_in and stand_in not in outcome.files:
            outcome.files.append(stand_in)
        web_set = WebSet(self.photo.stem, header.size[0], header.size[1], variants, stand_in)
        outcome.info = {
            "stem": web_set.stem,
            "width": web_set.width,
            "height": web_set.height,
            "variants": [[v.width, v.height, v.format, v.path] for v in variants],
            "stand_in": stand_in,
            "alpha": alpha,
            "input_problems": [f"{self.shown}: {note}" for note in decoded.notes],
        }
        return outcome

    def write_stand_in(self, variants: list[Variant]) -> str | None:
        """The copy published under the original's own name: the largest variant of its format."""
        fmt = STAND_IN_FORMATS.get(self.photo.suffix.lower())
        if not self.settings.stand_in or fmt is None:
            return None
        same = sorted((v for v in variants if v.format == fmt), key=lambda v: v.width)
        if same:
            return same[-1].path
        largest = max(variants, key=lambda v: v.width)
        path = self.out_dir / f"{self.photo.stem}{EXTENSIONS[fmt]}"
        with Image.open(largest.path) as image:
            image.load()
            save_web(image, path, fmt, self.settings)
        return str(path)


def save_web(image: Image.Image, path: Path, fmt: str, settings: WebSettings) -> None:
    image.info = {}  # nothing of the original's metadata (comment, XMP, EXIF, profile) is carried over
    if fmt == "jpeg":
        flat = flatten_on_white(image) if image.mode in ("RGBA", "LA") else image
        write_with(path, lambda f: flat.save(f, "JPEG", quality=settings.jpeg_quality, progressive=settings.progressive))
    elif fmt == "webp":
        write_with(path, lambda f: image.save(f, "WEBP", quality=settings.webp_quality, method=settings.webp_method))
    elif fmt == "png":
        write_with(path, lambda f: image.save(f, "PNG", optimize=False))
    else:  # pragma: no cover - WebSettings refuses other formats
        raise ValueError(fmt)


def web_jobs(photos: list[tuple[Path, str]], out_dir: Path, settings: WebSettings) -> list[WebJob]:
    """One job per (photo path, name shown in messages)."""
    return [WebJob(path, shown, out_dir, settings) for path, shown in photos]
