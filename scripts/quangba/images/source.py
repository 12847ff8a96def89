"""Opening an original photo safely, the same way for the web and for print.

Whatever arrives (a camera JPEG turned by its EXIF orientation, a phone photo in Display P3, a
CMYK scan, a 16-bit TIFF, a PNG with transparency) comes out upright, 8 bits per channel, with
its colour profile at hand. What cannot be used (a damaged file, something that is not an image,
a decompression bomb) raises QuangbaError with a sentence an editor can act on.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

from quangba.core.errors import QuangbaError

DEFAULT_MAX_MEGAPIXELS = 150.0  # a 100 MP medium-format camera passes; a 300 MP "bomb" does not

# EXIF orientations 5-8 store the picture turned a quarter: width and height swap when shown.
QUARTER_TURNS = {5, 6, 7, 8}
EXIF_ORIENTATION = 0x0112
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass
class Header:
    """What opening a file tells without decoding its pixels."""

    size: tuple[int, int]  # upright size, after the EXIF orientation
    stored_size: tuple[int, int]
    format: str
    mode: str
    orientation: int

    @property
    def megapixels(self) -> float:
        return self.size[0] * self.size[1] / 1e6


@dataclass
class Decoded:
    """An upright 8-bit image and what happened on the way, to report."""

    image: Image.Image  # mode RGB, RGBA, L, LA or CMYK
    header: Header
    icc_profile: bytes | None
    notes: list[str] = field(default_factory=list)  # warnings for the editor

    @property
    def scale(self) -> float:
        """Decoded pixels per original pixel (below 1 when JPEG draft mode decoded it smaller)."""
        return self.image.width / self.header.size[0]


def open_image(path: Path, max_megapixels: float = DEFAULT_MAX_MEGAPIXELS) -> Image.Image:
    """Open (header only); refuse what is not an image or is too large to decode safely."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # checked below, with our limit
            image = Image.open(path)
    except Image.DecompressionBombError as error:
        raise QuangbaError([bomb_message(str(error), max_megapixels)]) from None
    except UnidentifiedImageError:
        raise QuangbaError(["not an image Pillow can read (is it really a photo? re-export it as JPEG)"]) from None
    except OSError as error:  # a header Pillow recognises, then garbage or the end of the file
        raise QuangbaError([f"not an image, or a damaged one ({error}); export or copy it again"]) from None
    megapixels = image.width * image.height / 1e6
    if megapixels > max_megapixels:
        image.close()
        raise QuangbaError(
            [
                f"{image.width}×{image.height} pixels ({megapixels:.0f} megapixels) is more than the {max_megapixels:.0f} "
                "allowed (max_megapixels); it may be a decompression bomb. Scale it down before adding it"
            ]
        )
    return image


def bomb_message(pillow_text: str, max_megapixels: float) -> str:
    return (
        f"too many pixels to decode safely ({pillow_text.split('(')[0].strip()}); the limit is {max_megapixels:.0f} megapixels. Scale it down before adding it"
    )


def read_header(path: Path, max_megapixels: float = DEFAULT_MAX_MEGAPIXELS) -> Header:
    with open_image(path, max_megapixels) as image:
        return header_of(image)


def header_of(image: Image.Image) -> Header:
    try:
        orientation = int(image.getexif().get(EXIF_ORIENTATION, 1))
    except Exception:
        orientation = 1
    width, height = image.size
    upright = (height, width) if orientation in QUARTER_TURNS else (width, height)
    return Header(upright, image.size, image.format or "?", image.mode, orientation)


def decode(
    path: Path,
    min_size: tuple[int, int] | Callable[[Header], tuple[int, int] | None] | None = None,
    max_megapixels: float = DEFAULT_MAX_MEGAPIXELS,
) -> Decoded:
    """Decode path upright in 8 bits. min_size (upright pixels, or a function of the header giving
    them) lets a JPEG decode at 1/2, 1/4 or 1/8 of its size (Pillow's draft mode) as long as the
    result stays at least that large. The file is opened once."""
    image = open_image(path, max_megapixels)
    deep = sixteen_bits(image)  # first: load() (which a PNG's getexif() calls) forgets how pixels were stored
    header = header_of(image)
    notes: list[str] = []
    wanted_size = min_size(header) if callable(min_size) else min_size
    try:
        if wanted_size and image.format == "JPEG":
            wanted = wanted_size[::-1] if header.orientation in QUARTER_TURNS else wanted_size
            image.draft(image.mode, (max(1, wanted[0]), max(1, wanted[1])))
        with whole_files_only():
            image.load()
    except Image.DecompressionBombError as error:
        raise QuangbaError([bomb_message(str(error), max_megapixels)]) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise QuangbaError([f"damaged or incomplete image file ({error}); export or copy it again"]) from None
    icc = image.info.get("icc_profile") or None
    image = upright(image, header)
    if deep:
        notes.append("16-bit photo: reduced to 8 bits per channel")
    image = eight_bits(image)
    return Decoded(image, header, icc, notes)


@contextmanager
def whole_files_only() -> Iterator[None]:
    """Refuse a truncated file even when WeasyPrint, imported in the same process for the leaflets,
    has set Pillow's process-wide LOAD_TRUNCATED_IMAGES (it does so on import): a cut photo would
    otherwise be published with a grey lower half."""
    allowed = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = allowed


def upright(image: Image.Image, header: Header) -> Image.Image:
    if header.orientation in (1, 0):
        return image
    turned = ImageOps.exif_transpose(image)
    return turned if turned is not None else image


def sixteen_bits(image: Image.Image) -> bool:
    """A 16-bit (or deeper) file: a 16-bit grey mode, or 16-bit RGB that Pillow reads as 8-bit RGB."""
    rawmodes = " ".join(str(getattr(tile, "args", "")) for tile in getattr(image, "tile", []) or [])
    return image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F") or ";16" in rawmodes


def eight_bits(image: Image.Image) -> Image.Image:
    """Every mode Pillow opens, brought to RGB(A), L(A) or CMYK at 8 bits per channel."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        return image.convert("I").point(lambda value: value * (1 / 257)).convert("L")
    if image.mode == "F":
        return image.point(lambda value: value * 255).convert("L")
    if image.mode == "P":
        return image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("1",):
        return image.convert("L")
    if image.mode == "PA":
        return image.convert("RGBA")
    if image.mode in ("RGB", "RGBA", "L", "LA", "CMYK"):
        return image
    if image.mode == "RGBX":
        return image.convert("RGB")
    try:
        return image.convert("RGB")
    except ValueError:
        raise QuangbaError([f"colour mode {image.mode} is not supported; export it as an RGB JPEG"]) from None


def has_transparency(image: Image.Image) -> bool:
    if image.mode not in ("RGBA", "LA"):
        return False
    low, _ = image.getchannel("A").getextrema()  # one channel: two numbers
    return bool(low < 255)  # type: ignore[operator]


def flatten_on_white(image: Image.Image) -> Image.Image:
    """RGBA/LA laid over white; other modes unchanged."""
    if image.mode not in ("RGBA", "LA"):
        return image
    rgba = image.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, rgba).convert("RGB")


def embedded_profile(icc: bytes | None) -> ImageCms.ImageCmsProfile | None:
    if not icc:
        return None
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(icc))
    except (OSError, ImageCms.PyCMSError):
        return None


def is_srgb(profile: ImageCms.ImageCmsProfile) -> bool:
    description = (ImageCms.getProfileDescription(profile) or "").lower()
    return "srgb" in description.replace(" ", "") or "iec61966" in description.replace(" ", "").replace("-", "")


def to_srgb(decoded: Decoded, image: Image.Image, cmyk_fallback: Path | None) -> Image.Image:
    """image (the decoded pixels, maybe resized) in sRGB, keeping alpha; notes what was assumed."""
    profile = embedded_profile(decoded.icc_profile)
    if decoded.icc_profile and profile is None:
        decoded.notes.append("embedded colour profile is damaged: colours taken as sRGB")
    if image.mode == "CMYK":
        if profile is None:
            if cmyk_fallback is None:
                raise QuangbaError(["CMYK photo without a colour profile; export it as an RGB JPEG"])
            profile = ImageCms.getOpenProfile(str(cmyk_fallback))
            decoded.notes.append(f"CMYK photo without a colour profile: taken as {cmyk_fallback.name}; prefer RGB originals")
        else:
            decoded.notes.append("CMYK photo: converted to sRGB through its embedded profile; prefer RGB originals")
        return convert(image, profile, SRGB, "RGB")
    if profile is None or is_srgb(profile):
        if image.mode in ("L", "LA"):
            return image.convert("RGBA" if image.mode == "LA" else "RGB")
        return image
    if image.mode in ("L", "LA"):  # a grey profile (gray gamma 2.2 …): let littleCMS map it
        alpha = image.getchannel("A") if image.mode == "LA" else None
        rgb = convert(image.convert("L"), profile, SRGB, "RGB")
        if alpha is not None:
            rgb.putalpha(alpha)
        return rgb
    alpha = image.getchannel("A") if image.mode == "RGBA" else None
    rgb = convert(image.convert("RGB"), profile, SRGB, "RGB")
    if alpha is not None:
        rgb.putalpha(alpha)
    return rgb


def convert(
    image: Image.Image,
    source: ImageCms.ImageCmsProfile,
    target: ImageCms.ImageCmsProfile,
    out_mode: str,
    black_point_compensation: bool = True,
) -> Image.Image:
    """Relative colorimetric conversion (the print standard for photos), with black-point compensation."""
    flags = ImageCms.Flags.BLACKPOINTCOMPENSATION if black_point_compensation else ImageCms.Flags.NONE
    try:
        transform = ImageCms.buildTransform(source, target, image.mode, out_mode, renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC, flags=flags)
    except ImageCms.PyCMSError as error:
        raise QuangbaError([f"colour conversion failed ({error}); the embedded profile may not match the pixels"]) from None
    converted = ImageCms.applyTransform(image, transform)
    assert converted is not None  # None only with inPlace=True
    return converted


def draft_request(full: tuple[int, int], crop_width: float, target_width: int) -> tuple[int, int]:
    """Upright size to ask draft mode for: the whole image scaled so the crop keeps target_width pixels."""
    scale = min(1.0, target_width / crop_width) if crop_width else 1.0
    return (max(1, math.ceil(full[0] * scale)), max(1, math.ceil(full[1] * scale)))
