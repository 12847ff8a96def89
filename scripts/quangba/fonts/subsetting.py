"""A font cut down to the characters a page, a site or a leaflet uses (fontTools' subsetter).

A Noto Sans CJK face draws tens of thousands of characters; a Chinese page uses about 300. The
cut keeps the glyphs of those characters and the layout features horizontal text needs, but not
`locl`: it maps each character to its Japanese, Korean and Traditional forms, which the
subsetter would otherwise keep as well (570 glyphs instead of 320, 97 KB instead of 57 KB for a
page). Cuts are kept in a cache under a name made of the source's hash and the characters, so a
second build (or another page with the same characters) reuses them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from quangba.core.files import write_bytes
from quangba.core.jobs import file_digest, key_of

VERSION = 1  # change when the options below change: older cuts are then made again
DROPPED_FEATURES = {"locl"}


def options(flavor: str | None, features: list[str] | None = None) -> subset.Options:
    """fontTools' options for a cut; features None: its default ones but locl."""
    chosen = subset.Options()
    chosen.flavor = flavor
    chosen.layout_features = features if features is not None else [f for f in chosen.layout_features if f not in DROPPED_FEATURES]
    chosen.hinting = False
    chosen.desubroutinize = True
    chosen.name_IDs = ["*"]  # keep the copyright and licence names
    return chosen


def cut_bytes(source: bytes, codepoints: Iterable[int], flavor: str | None = "woff2", features: list[str] | None = None) -> tuple[bytes, set[int]]:
    """The font reduced to codepoints, and the codepoints it really draws."""
    # Bounding boxes are not recomputed: that draws every glyph again (a third of the time) and
    # a box larger than the cut's glyphs changes nothing. The source's timestamp is kept, so
    # the same cut has the same bytes (and name) on every machine.
    font = TTFont(io.BytesIO(source), recalcBBoxes=False, recalcTimestamp=False)
    subsetter = subset.Subsetter(options(flavor, features))
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    covered = set(font.getBestCmap() or {})
    out = io.BytesIO()
    font.flavor = flavor
    font.save(out)
    return out.getvalue(), covered


def cut(source: Path, codepoints: Iterable[int], cache_dir: Path, flavor: str | None = "woff2") -> Path:
    """The cached cut of source to codepoints (made once): a WOFF2 file, or OpenType for print."""
    wanted = sorted(set(codepoints))
    key = key_of("font-cut", VERSION, file_digest(source), flavor, wanted)
    out = cache_dir / f"{source.name.split('.')[0]}-{key[:16]}.{flavor or 'otf'}"
    if not out.is_file():
        data, _ = cut_bytes(source.read_bytes(), wanted, flavor)
        write_bytes(out, data)
    return out
