"""The photo library: originals in ``assets/images/``, each with a YAML sidecar beside it.

A sidecar (``tea-hills.yml`` beside ``tea-hills.jpg``) holds, per language, the caption, the alt
text and the credit ("Ảnh: …"), plus the licence, where the photo came from and an optional focal
point (x, y between 0 and 1, from the top left) kept in view when a print size crops the photo::

    caption: {vi: "Đồi chè …", en: "Tea hills …", zh: …, ko: …}
    alt:     {vi: …, en: …, zh: …, ko: …}
    credit:  {vi: "Ảnh: …", en: "Photo: …", …}   # or one text for every language
    licence: CC-BY-4.0
    source:  where the original came from
    focal_point: [0.5, 0.4]
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quangba.core import inputs, yamlfile
from quangba.core.errors import Problem, QuangbaError
from quangba.core.yamlfile import YamlDocument
from quangba.images.source import read_header

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp")
SIDECAR_SUFFIX = ".yml"
TEXT_FIELDS = ("caption", "alt", "credit")
KNOWN_KEYS = set(TEXT_FIELDS) | {"licence", "license", "source", "focal_point"}
CENTRE = (0.5, 0.5)


@dataclass(frozen=True)
class Sidecar:
    path: Path
    caption: dict[str, str] = field(default_factory=dict)
    alt: dict[str, str] = field(default_factory=dict)
    credit: dict[str, str] = field(default_factory=dict)  # key "*" when one credit serves every language
    licence: str | None = None
    source: str | None = None
    focal_point: tuple[float, float] = CENTRE
    digest: str = ""  # hash of the file's bytes: print outputs depend on it (focal point)
    problems: tuple[Problem, ...] = ()  # wrong values found while reading (the rest is still usable)

    def text(self, name: str, lang: str, fallback: str | None = None) -> str | None:
        """caption/alt/credit in lang, else in the fallback language, else None."""
        values: dict[str, str] = getattr(self, name)
        for key in (lang, "*", fallback):
            if key and values.get(key):
                return values[key]
        return None


@dataclass(frozen=True)
class Photo:
    path: Path
    shown: Path  # how messages name it, e.g. assets/images/tea-hills.jpg
    sidecar: Sidecar | None = None
    sidecar_error: Problem | None = None  # the sidecar exists but cannot be read

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def sidecar_path(self) -> Path:
        return self.path.with_suffix(SIDECAR_SUFFIX)

    @property
    def focal_point(self) -> tuple[float, float]:
        return self.sidecar.focal_point if self.sidecar else CENTRE

    @property
    def sidecar_digest(self) -> str:
        return self.sidecar.digest if self.sidecar else ""


@dataclass
class Library:
    root: Path
    photos: list[Photo] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # about the library as a whole (name clashes, orphans)
    clashes: list[Problem] = field(default_factory=list)  # two photos with one name: the second is left out
    refused: list[Problem] = field(default_factory=list)  # links the input policy does not let us read

    def by_stem(self) -> dict[str, Photo]:
        return {photo.stem: photo for photo in self.photos}

    def find(self, name: str) -> Photo | None:
        """A photo by stem ('tea-hills'), file name ('tea-hills.jpg') or path."""
        wanted = Path(name)
        for photo in self.photos:
            if name in (photo.stem, photo.path.name) or wanted == photo.shown or wanted.resolve() == photo.path:
                return photo
        return None


def load_library(root: Path, shown_root: Path | None = None, project: Path | None = None) -> Library:
    """Every image file in root (not its subfolders) with its sidecar, read and checked. A photo
    or sidecar that is a link to a file outside project (default: the library itself) is refused."""
    shown_root = shown_root if shown_root is not None else root
    project = project if project is not None else root
    library = Library(root)
    if not root.is_dir():
        library.problems.append(Problem(shown_root, "photo folder not found"))
        return library
    seen: dict[str, Path] = {}
    for path in sorted(root.iterdir()):
        if path.suffix.lower() not in (*IMAGE_SUFFIXES, SIDECAR_SUFFIX) or inputs.is_hidden(path.name):
            continue
        shown = shown_root / path.name
        if reason := inputs.refused(path, project):
            problem = Problem(shown, reason)
            library.problems.append(problem)
            library.refused.append(problem)
            continue
        if not path.is_file() or path.suffix.lower() == SIDECAR_SUFFIX:
            continue
        if path.stem in seen:
            clash = Problem(shown, f"has the same name as {shown_root / seen[path.stem].name}; rename one (web files are named after the photo)")
            library.problems.append(clash)
            library.clashes.append(clash)
            continue
        seen[path.stem] = path
        library.photos.append(photo_with_sidecar(path.resolve(), shown))
    for sidecar in sorted(root.glob(f"*{SIDECAR_SUFFIX}")):
        if sidecar.stem not in seen:
            library.problems.append(Problem(shown_root / sidecar.name, "sidecar without a photo of the same name"))
    return library


def photo_with_sidecar(path: Path, shown: Path) -> Photo:
    sidecar_path = path.with_suffix(SIDECAR_SUFFIX)
    if not sidecar_path.is_file():
        return Photo(path, shown)
    try:
        return Photo(path, shown, read_sidecar(sidecar_path, shown.with_suffix(SIDECAR_SUFFIX)))
    except QuangbaError as error:
        return Photo(path, shown, sidecar_error=error.problems[0])


def read_sidecar(path: Path, shown: Path) -> Sidecar:
    """Read a sidecar; invalid YAML raises QuangbaError, wrong values become Sidecar.problems."""
    document = yamlfile.read(path, shown)
    data = document.data if document.data is not None else {}
    if not isinstance(data, dict):
        raise QuangbaError([Problem(shown, "a sidecar must be 'key: value' lines (caption:, alt:, credit:, …)", 1)])
    problems: list[Problem] = []

    def problem(message: str, *keys: Any) -> None:
        problems.append(Problem(shown, message, document.line(*keys)))

    for key in data:
        if key not in KNOWN_KEYS:
            problem(f"unknown key '{key}' (known: {', '.join(sorted(KNOWN_KEYS - {'license'}))})", key)
    texts = {name: language_texts(document, name, problem) for name in TEXT_FIELDS}
    focal = read_focal_point(data.get("focal_point"), document, problem)
    licence = data.get("licence", data.get("license"))
    return Sidecar(
        path=path,
        caption=texts["caption"],
        alt=texts["alt"],
        credit=texts["credit"],
        licence=str(licence) if licence is not None else None,
        source=str(data["source"]) if data.get("source") is not None else None,
        focal_point=focal,
        digest=hashlib.sha256(path.read_bytes()).hexdigest(),
        problems=tuple(problems),
    )


def language_texts(document: YamlDocument, name: str, problem) -> dict[str, str]:
    """{lang: text} of a caption/alt/credit key; one plain text is accepted for credit only."""
    value = document.data.get(name)
    if value is None:
        return {}
    if isinstance(value, str) and name == "credit":
        return {"*": value.strip()}
    if not isinstance(value, dict):
        problem(f"'{name}' must list one text per language, e.g. '  en: …' on the next lines", name)
        return {}
    texts: dict[str, str] = {}
    for lang, text in value.items():
        if not isinstance(text, (str, int, float)):
            problem(f"'{name}' in '{lang}' must be a text", name, lang)
            continue
        texts[str(lang)] = str(text).strip()
    return texts


def read_focal_point(value: Any, document: YamlDocument, problem) -> tuple[float, float]:
    if value is None:
        return CENTRE
    ok = isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1 for v in value)
    if not ok:
        problem("focal_point must be two numbers between 0 and 1, e.g. [0.5, 0.4] (x from the left, y from the top)", "focal_point")
        return CENTRE
    return (float(value[0]), float(value[1]))


def sidecar_status(photo: Photo, languages: tuple[str, ...]) -> list[Problem]:
    """What an editor must fix in this photo's sidecar (empty when it is complete)."""
    sidecar_shown = photo.shown.with_suffix(SIDECAR_SUFFIX)
    if photo.sidecar_error is not None:
        return [photo.sidecar_error]
    if photo.sidecar is None:
        return [Problem(photo.shown, f"no sidecar: create {sidecar_shown.name} with alt text, caption and credit")]
    sidecar = photo.sidecar
    problems = list(sidecar.problems)
    missing_alt = [lang for lang in languages if not sidecar.alt.get(lang)]
    if missing_alt:
        problems.append(Problem(sidecar_shown, f"alt text missing in {', '.join(missing_alt)}"))
    if not sidecar.credit:
        problems.append(Problem(sidecar_shown, "credit missing (for example 'Ảnh: Nguyễn Văn A')"))
    elif "*" not in sidecar.credit:
        missing_credit = [lang for lang in languages if not sidecar.credit.get(lang)]
        if missing_credit:
            problems.append(Problem(sidecar_shown, f"credit missing in {', '.join(missing_credit)}"))
    return problems


def check_library(library: Library, languages: tuple[str, ...]) -> dict[Path, list[Problem]]:
    """Problems per photo (every photo listed, an empty list when it is fine)."""
    return {photo.shown: sidecar_status(photo, languages) for photo in library.photos}


def library_problems(folder: Path, shown: Path, project: Path) -> list[Problem]:
    """What stops a build that uses the library: links out of the project, two photos with one
    name, sidecars that cannot be read, files that are not photos (their headers, read quickly)."""
    if not folder.is_dir():
        return []
    library = load_library(folder, shown, project=project)
    problems = library.refused + library.clashes + [photo.sidecar_error for photo in library.photos if photo.sidecar_error]
    for photo in library.photos:
        try:
            read_header(photo.path)
        except QuangbaError as error:
            problems.append(Problem(photo.shown, str(error).removeprefix(f"{photo.shown}: ")))
    return problems
