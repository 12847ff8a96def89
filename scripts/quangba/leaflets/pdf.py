"""Lay out a leaflet with WeasyPrint, check the layout, and write its PDF.

Checked on the laid-out boxes, before any file is written: each panel's text stays inside its
panel (a panel never flows onto the next one), every character has a glyph in the project's
fonts, the sheet has exactly the format's number of sides, and WeasyPrint reported no error
(an image or font it could not load).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from quangba.leaflets.fonts import coverage, describe, families_for, missing_characters

PX_PER_MM = 96 / 25.4  # WeasyPrint lays out in CSS pixels
TOLERANCE_PX = 0.5


@dataclass(frozen=True)
class LayoutProblem:
    panel: str
    message: str


class CollectErrors(logging.Handler):
    """WeasyPrint logs what it cannot load instead of raising: keep those messages."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().strip())


@contextmanager
def weasyprint_errors() -> Iterator[CollectErrors]:
    handler = CollectErrors()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def render(html: str, base: Path) -> tuple[Any, list[str]]:
    """The laid-out document and WeasyPrint's error messages. Only file: and data: URLs load:
    a leaflet never reaches the internet."""
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    with weasyprint_errors() as errors:
        document = HTML(string=html, base_url=base.resolve().as_uri() + "/", url_fetcher=fetcher).render()
    return document, errors.messages


def walk(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or []:
        yield from walk(child)


def panel_bodies(document: Any) -> Iterator[tuple[str, Any]]:
    """(panel name, box of its text area) of every panel, in page order. An absolutely placed
    box is met twice (its placeholder and itself): each element is yielded once."""
    seen: set[int] = set()
    for page in document.pages:
        for box in walk(page._page_box):
            element = getattr(box, "element", None)
            if element is None or "body" not in element.get("class", "").split() or id(element) in seen:
                continue
            if hasattr(box, "content_box_y") and box.height is not None:
                seen.add(id(element))
                yield element.get("data-panel", "?"), box


def overflow_problems(document: Any) -> list[LayoutProblem]:
    problems: list[LayoutProblem] = []
    for panel, body in panel_bodies(document):
        bottom = body.content_box_y() + body.height
        right = body.content_box_x() + body.width
        lowest, rightmost = bottom, right
        for box in walk(body):
            if box is body or not hasattr(box, "position_y") or box.height is None:
                continue
            lowest = max(lowest, box.position_y + box.margin_height() - margin_bottom(box))
            rightmost = max(rightmost, box.position_x + box.margin_width() - margin_right(box))
        if lowest > bottom + TOLERANCE_PX:
            problems.append(LayoutProblem(panel, f"text runs {mm(lowest - bottom)} mm past the bottom of the '{panel}' panel: shorten it"))
        elif rightmost > right + TOLERANCE_PX:
            problems.append(
                LayoutProblem(panel, f"text runs {mm(rightmost - right)} mm past the side of the '{panel}' panel (a long word or table): shorten or break it")
            )
    return problems


def margin_bottom(box: Any) -> float:
    return float(getattr(box, "margin_bottom", 0) or 0)


def margin_right(box: Any) -> float:
    return float(getattr(box, "margin_right", 0) or 0)


def mm(px: float) -> str:
    return f"{px / PX_PER_MM:.1f}"


def glyph_problems(document: Any, fonts_css: Path, lang: str) -> list[LayoutProblem]:
    """Characters that none of the language's fonts can draw, with the panel they are in."""
    covered = coverage(fonts_css, families_for(fonts_css, lang))
    problems: list[LayoutProblem] = []
    reported: set[str] = set()
    for page in document.pages:
        for panel, text in texts_by_panel(page._page_box):
            for char in missing_characters(text, covered):
                if char not in reported:
                    reported.add(char)
                    problems.append(
                        LayoutProblem(
                            panel,
                            f"{describe(char)} in the '{panel}' panel is in none of the fonts of assets/fonts/: replace it, or add it with `quangba fonts`",
                        )
                    )
    return problems


def texts_by_panel(page_box: Any) -> Iterator[tuple[str, str]]:
    def visit(box: Any, panel: str) -> Iterator[tuple[str, str]]:
        element = getattr(box, "element", None)
        if element is not None and element.get("data-panel"):
            panel = element.get("data-panel")
        text = getattr(box, "text", None)
        if isinstance(text, str) and text:
            yield panel, text
        for child in getattr(box, "children", None) or []:
            yield from visit(child, panel)

    yield from visit(page_box, "sheet")


def write_print_pdf(document: Any, target: Path) -> None:
    """PDF/X-4: output intent from the @color-profile device-cmyk rule, trim and bleed boxes
    from @page bleed, XMP identification written by WeasyPrint."""
    document.write_pdf(target, pdf_variant="pdf/x-4")


def write_screen_pdf(document: Any, target: Path) -> None:
    document.write_pdf(target, pdf_version="1.7")
