"""A leaflet's Markdown source: front matter (title, format, link, photos) and its panels.

One file per leaflet and language, named like the site's pages: invest.vi.md, invest.en.md …
The body is cut into panels by marker lines that translators copy unchanged:

    <!-- panel: front -->
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quangba.core import frontmatter
from quangba.core.errors import Problem, QuangbaError
from quangba.leaflets.formats import FORMATS, LeafletFormat

MARKER = re.compile(r"^[ \t]*<!--\s*panel\s*:\s*(?P<name>[^\s>]*)\s*-->[ \t]*$", re.MULTILINE)
TEXT_KEYS = ("title", "subtitle")


@dataclass(frozen=True)
class PanelText:
    name: str
    markdown: str
    line: int  # line of the marker in the file


@dataclass
class LeafletSource:
    name: str  # invest (the file name without language and .md)
    lang: str
    path: Path
    shown: Path  # as messages name it, relative to the project
    title: str
    subtitle: str
    format: LeafletFormat
    link: str  # docs-relative page the QR code opens, without language suffix
    photos: dict[str, str] = field(default_factory=dict)  # panel -> photo name
    panels: dict[str, PanelText] = field(default_factory=dict)


def read_leaflet(path: Path, shown: Path, name: str, lang: str) -> LeafletSource:
    try:
        page = frontmatter.read(path, shown)
    except QuangbaError as error:
        raise QuangbaError([error.problems[0]]) from None
    problems: list[Problem] = []
    meta = page.meta
    head = path.read_text(encoding="utf-8").splitlines()[: page.body_line]

    def key_line(key: str) -> int:
        return line_of_key(head, key)

    def need_text(key: str, required: bool) -> str:
        value = meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                problems.append(Problem(shown, f"front matter needs '{key}:'", 1))
            return ""
        if not isinstance(value, str):
            problems.append(Problem(shown, f"'{key}:' must be text", key_line(key)))
            return ""
        return value.strip()

    title = need_text("title", True)
    subtitle = need_text("subtitle", False)
    link = need_text("link", True)
    if link and not link.endswith(".md"):
        problems.append(Problem(shown, f"'link: {link}' must name a page of docs/, like investment/index.md", key_line("link")))
    fmt = read_format(meta.get("format"), key_line("format"), shown, problems)
    photos = read_photos(meta.get("photos"), fmt, key_line("photos"), shown, problems)
    panels = split_panels(page, shown, fmt, problems)
    if problems:
        raise QuangbaError(problems)
    assert fmt is not None
    return LeafletSource(name, lang, path, shown, title, subtitle, fmt, link, photos, panels)


def read_format(value: Any, line: int, shown: Path, problems: list[Problem]) -> LeafletFormat | None:
    if value is None:
        problems.append(Problem(shown, f"front matter needs 'format:' (one of: {', '.join(FORMATS)})", 1))
        return None
    if str(value) not in FORMATS:
        problems.append(Problem(shown, f"unknown format '{value}'; use one of: {', '.join(FORMATS)}", line))
        return None
    return FORMATS[str(value)]


def read_photos(value: Any, fmt: LeafletFormat | None, line: int, shown: Path, problems: list[Problem]) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(Problem(shown, "'photos:' must be 'panel: photo' lines, like  front: tea-hills", line))
        return {}
    photos: dict[str, str] = {}
    for panel, photo in value.items():
        if fmt is not None and str(panel) not in fmt.panel_names:
            problems.append(Problem(shown, f"photos: no panel '{panel}' in {fmt.name} (panels: {', '.join(fmt.panel_names)})", line))
        elif fmt is not None and fmt.panel(str(panel)).role == "back":
            problems.append(Problem(shown, f"photos: the '{panel}' panel holds the QR code and contacts, not a photo", line))
        elif not isinstance(photo, str) or not photo.strip():
            problems.append(Problem(shown, f"photos: '{panel}' needs a photo name from assets/images/", line))
        else:
            photos[str(panel)] = photo.strip()
    return photos


def split_panels(page: frontmatter.Page, shown: Path, fmt: LeafletFormat | None, problems: list[Problem]) -> dict[str, PanelText]:
    body, first = page.body, page.body_line
    markers = list(MARKER.finditer(body))
    if not markers:
        names = ", ".join(fmt.panel_names) if fmt else "front, back"
        problems.append(Problem(shown, f"no panel markers: start each panel with a line like <!-- panel: {names.split(', ')[0]} --> (panels: {names})", first))
        return {}
    before = body[: markers[0].start()]
    if before.strip():
        problems.append(
            Problem(
                shown, "text before the first <!-- panel: … --> line belongs to no panel", first + before.count("\n", 0, len(before) - len(before.lstrip()))
            )
        )
    panels: dict[str, PanelText] = {}
    for index, marker in enumerate(markers):
        name = marker["name"]
        line = first + body.count("\n", 0, marker.start())
        end = markers[index + 1].start() if index + 1 < len(markers) else len(body)
        if fmt is not None and name not in fmt.panel_names:
            problems.append(Problem(shown, f"unknown panel '{name}' for {fmt.name}; panels: {', '.join(fmt.panel_names)}", line))
        elif name in panels:
            problems.append(Problem(shown, f"panel '{name}' appears twice (first at line {panels[name].line})", line))
        else:
            panels[name] = PanelText(name, body[marker.end() : end].strip("\n"), line)
    return panels


def line_of_key(head: list[str], key: str) -> int:
    """Line of 'key:' in the front matter lines (the opening '---' is line 1)."""
    for number, line in enumerate(head, start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def find_leaflets(folder: Path, languages: tuple[str, ...], shown: Path) -> tuple[dict[str, dict[str, Path]], list[Problem]]:
    """{name: {lang: file}} of the leaflet sources in folder; files whose language is not one of
    the site's are problems (invest.jp.md, invest.md)."""
    found: dict[str, dict[str, Path]] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return found, [Problem(shown, "leaflet folder not found")]
    for path in sorted(folder.glob("*.md")):
        stem, dot, lang = path.stem.rpartition(".")
        if not dot or lang not in languages:
            problems.append(Problem(shown / path.name, f"name it NAME.LANG.md with LANG one of {', '.join(languages)}"))
            continue
        found.setdefault(stem, {})[lang] = path
    return found, problems
