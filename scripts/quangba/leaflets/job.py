"""One leaflet in one language: sources → print PDF, screen PDF and previews.

A job runs in a worker process. Every output is first written beside its final name and moved
into place only when the whole leaflet passed its checks, so a failed run leaves the previous
good files where they were.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import ImageCms

from quangba.core.errors import Problem, QuangbaError
from quangba.core.files import move_into_place
from quangba.facts import FactContext, expand, load_facts
from quangba.images import load_library
from quangba.interface import compile_catalogs, translations
from quangba.leaflets import photos as photo_files
from quangba.leaflets import preflight, previews
from quangba.leaflets.fonts import slug_font
from quangba.leaflets.marks import add_marks
from quangba.leaflets.pdf import (
    glyph_problems,
    overflow_problems,
    render,
    write_print_pdf,
    write_screen_pdf,
)
from quangba.leaflets.render import RenderInput, leaflet_html, markdown_to_html
from quangba.leaflets.results import Result
from quangba.leaflets.settings import LeafletSettings
from quangba.leaflets.source import LeafletSource, read_leaflet


@dataclass(frozen=True)
class LeafletJob:
    name: str
    lang: str
    source: Path
    settings: LeafletSettings

    @property
    def print_pdf(self) -> Path:
        return self.settings.out_dir / f"{self.name}.{self.lang}.pdf"

    @property
    def screen_pdf(self) -> Path:
        return self.settings.out_dir / "screen" / f"{self.name}.{self.lang}.pdf"

    def run(self) -> Result:
        result = Result(self.name, self.lang)
        try:
            self.make(result)
        except QuangbaError as error:
            result.status = "failed"
            result.problems += [str(p) for p in error.problems]
        return result

    def make(self, result: Result) -> None:
        settings = self.settings
        shown = settings.shown(self.source)
        source = read_leaflet(self.source, shown, self.name, self.lang)
        check_link(source, settings)
        gettext = interface_strings(settings, self.lang)
        panel_html = expand_panels(source, settings, gettext)
        placed = place_photos(source, settings)
        url = settings.page_url(source.link, self.lang)
        common = {
            "source": source,
            "panel_html": panel_html,
            "url": url,
            "footer": settings.footers.get(self.lang, ""),
            "scan_label": gettext("Scan to read more on the portal"),
            "fonts_css": settings.fonts_css,
            "font_cache": settings.cache_dir / "fonts",
            "logo": settings.logo,
            "profile": settings.profile,
        }
        print_input = RenderInput(mode="print", photos={p: (place, files[0]) for p, (place, files) in placed.items()}, **common)
        screen_input = RenderInput(mode="screen", photos={p: (place, files[1]) for p, (place, files) in placed.items()}, **common)

        document = self.laid_out(leaflet_html(print_input), source, shown)
        with staging(self.print_pdf) as print_tmp, staging(self.screen_pdf) as screen_tmp:
            write_print_pdf(document, print_tmp)
            if settings.crop_marks:
                add_marks(print_tmp, source.format, self.slug(source), slug_font(settings.fonts_css, settings.cache_dir / "fonts"))
            report = preflight.check(print_tmp, source.format, settings.min_ppi, settings.ink_limit)
            if report.errors:
                raise QuangbaError([Problem(shown, f"preflight: {message}") for message in report.errors])
            screen_document = self.laid_out(leaflet_html(screen_input), source, shown)
            write_screen_pdf(screen_document, screen_tmp)
            preview_dir = settings.out_dir / "previews"
            pictures = previews.write_previews(screen_tmp, preview_dir, f"{self.name}.{self.lang}", source.format)
            move_into_place(print_tmp, self.print_pdf)
            move_into_place(screen_tmp, self.screen_pdf)
        result.info = {
            "title": source.title,
            "subtitle": source.subtitle,
            "format": source.format.name,
            "link": source.link,
            "url": url,
            "pages": report.pages,
            "min_ppi": report.min_ppi,
            "max_ink": report.max_ink,
            "print_pdf": str(self.print_pdf.relative_to(settings.out_dir)),
            "print_bytes": self.print_pdf.stat().st_size,
            "screen_pdf": str(self.screen_pdf.relative_to(settings.out_dir)),
            "screen_bytes": self.screen_pdf.stat().st_size,
            "previews": [str(p.relative_to(settings.out_dir)) for p in pictures],
            "fonts": report.fonts,
        }

    def slug(self, source: LeafletSource) -> str:
        """The line under the sheet that tells the print shop what the plates are."""
        fmt = source.format
        profile = ImageCms.getProfileDescription(str(self.settings.profile)).strip() or self.settings.profile.name
        made = dt.date.today().isoformat()
        return f"{self.print_pdf.name} · {self.lang} · {fmt.name} {fmt.width:g} × {fmt.height:g} mm · PDF/X-4 · {profile} · {made}"

    def laid_out(self, html: str, source: LeafletSource, shown: Path) -> Any:
        document, errors = render(html, self.settings.root)
        problems = [Problem(shown, f"WeasyPrint: {message}") for message in errors]
        if len(document.pages) != source.format.sides:
            problems.append(Problem(shown, f"{len(document.pages)} pages laid out, {source.format.name} has {source.format.sides}"))
        for problem in overflow_problems(document) + glyph_problems(document, self.settings.fonts_css, self.lang):
            line = source.panels[problem.panel].line if problem.panel in source.panels else None
            problems.append(Problem(shown, problem.message, line))
        if problems:
            raise QuangbaError(problems)
        return document


@contextmanager
def staging(target: Path) -> Iterator[Path]:
    """A temporary file beside target (same folder, so renaming it over target is atomic); gone
    afterwards unless the caller renamed it. images.atomic writes in one go; a leaflet's print
    file is written, marked and read back before it may replace the old one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    try:
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def check_link(source: LeafletSource, settings: LeafletSettings) -> None:
    stem = source.link[: -len(".md")]
    candidates = [
        settings.docs_dir / f"{stem}.{source.lang}.md",
        settings.docs_dir / f"{stem}.{settings.languages.default}.md",
        settings.docs_dir / source.link,
    ]
    if not any(path.is_file() for path in candidates):
        raise QuangbaError(
            [Problem(source.shown, f"link: '{source.link}' is not a page of {settings.shown(settings.docs_dir)}/ (the QR code must open a real page)")]
        )


def interface_strings(settings: LeafletSettings, lang: str) -> Any:
    if settings.catalogs is None:
        return lambda text: text
    compiled = compile_catalogs(settings.catalogs, settings.cache_dir / "mo")
    return translations(lang, settings.languages.default, compiled, report=lambda message: None).gettext


def expand_panels(source: LeafletSource, settings: LeafletSettings, gettext: Any) -> dict[str, str]:
    facts = {}
    if settings.facts_file is not None:
        facts = load_facts(settings.facts_file, settings.languages.all, settings.shown(settings.facts_file))
    context = FactContext(facts, source.lang, settings.languages.default, gettext)
    html: dict[str, str] = {}
    problems: list[Problem] = []
    for name, panel in source.panels.items():
        text, found = expand(panel.markdown, context, source.shown, panel.line + 1)
        problems += found
        html[name] = markdown_to_html(text)
    if problems:
        raise QuangbaError(problems)
    return html


def place_photos(source: LeafletSource, settings: LeafletSettings) -> dict[str, tuple[photo_files.Placement, tuple[Path, Path]]]:
    if not source.photos:
        return {}
    library = load_library(settings.library, settings.shown(settings.library), project=settings.root)
    placed = {}
    problems = list(library.refused)
    for place in photo_files.placements(source):
        photo = library.find(place.photo)
        if photo is None:
            problems.append(Problem(source.shown, f"photos: '{place.photo}' is not in {settings.shown(settings.library)}/"))
            continue
        if photo.sidecar_error is not None:  # its focal point (where to crop) would be lost
            problems.append(photo.sidecar_error)
            continue
        placed[place.panel] = (place, (photo_files.print_photo(photo, place, settings), photo_files.screen_photo(photo, place, settings)))
    if problems:
        raise QuangbaError(problems)
    return placed
