"""Which of the site's own font files draws each character of a card, as a browser would pick it.

The catalog (quangba.fonts) gives each language a stack of families; a family is one or more
files tied by unicode-range (Noto Sans: Latin, Latin Extended, Vietnamese slices). A character
goes to the first family of the language's stack that has it, and within the family to the face
declared last whose range holds it (the browser's rule where ranges overlap). Pillow's FreeType
is given TrueType/OpenType copies of the WOFF2 files, decompressed once into the shared cache.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont

from quangba.core.files import write_with
from quangba.core.jobs import file_digest, key_of
from quangba.fonts import Catalog, FontFace

DECOMPRESS_VERSION = 1
NOT_DRAWN = {ord(c) for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"}


@dataclass(frozen=True)
class Run:
    """A piece of a line drawn in one font file."""

    text: str
    face: FontFace


def clusters(text: str) -> list[str]:
    """A base character with the combining marks after it (kept in one font, so the mark sits on
    its letter)."""
    found: list[str] = []
    for char in text:
        if found and unicodedata.combining(char):
            found[-1] += char
        else:
            found.append(char)
    return found


class FaceChooser:
    """The faces of one language's stack at one weight."""

    def __init__(self, catalog: Catalog, lang: str, weight: int):
        self.families: list[list[FontFace]] = []
        for family in catalog.web_families(lang):
            faces = [f for f in catalog.faces_of(family) if f.file is not None and f.style == "normal"]
            if not faces:
                continue
            nearest = min({f.weight for f in faces}, key=lambda w: (abs(w - weight), -w))
            self.families.append([f for f in faces if f.weight == nearest])

    def face_for(self, cluster: str) -> FontFace | None:
        points = {ord(c) for c in cluster} - NOT_DRAWN
        if not points:
            points = {0x20}
        for faces in self.families:
            for face in reversed(faces):
                if points <= face.characters():
                    return face
        return None

    def missing(self, text: str) -> list[str]:
        """The characters of text no face of the stack draws (in order, once each)."""
        missing: dict[str, None] = {}
        for cluster in clusters(text):
            if cluster.isspace() or self.face_for(cluster) is not None:
                continue
            for char in cluster:
                if ord(char) not in NOT_DRAWN and self.face_for(char) is None:
                    missing[char] = None
        return list(missing)

    def runs(self, text: str) -> list[Run]:
        """text cut into runs of one face each (a space goes with the text before it)."""
        runs: list[Run] = []
        for cluster in clusters(text):
            keep = cluster.isspace() and runs and {ord(c) for c in cluster} <= runs[-1].face.characters()
            face = runs[-1].face if keep else self.face_for(cluster)  # not a CJK face's missing space
            if face is None:
                continue  # checked before drawing: missing() names it
            if runs and runs[-1].face == face:
                runs[-1] = Run(runs[-1].text + cluster, face)
            else:
                runs.append(Run(cluster, face))
        return runs


@cache
def sfnt_copy(face_file: Path, cache_dir: Path) -> Path:
    """A TrueType/OpenType copy of a WOFF2 file (FreeType may not read WOFF2), made once."""
    if face_file.suffix.lower() not in {".woff", ".woff2"}:
        return face_file
    key = key_of("sfnt", DECOMPRESS_VERSION, file_digest(face_file))
    out = cache_dir / f"{face_file.name.split('.')[0]}-{key[:16]}.otf"
    if not out.is_file():
        font = TTFont(face_file)
        font.flavor = None
        write_with(out, font.save)
    return out


@cache
def pillow_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    layout = ImageFont.Layout.RAQM if raqm_available() else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=layout)


@cache
def raqm_available() -> bool:
    from PIL import features

    return bool(features.check("raqm"))
