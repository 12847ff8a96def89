"""The editors' contact sheet: every photo of the library on one page, with what it lacks.

For each photo: a thumbnail, its size, whether its sidecar is complete (alt text and credit in
every language), and for each print preset the effective resolution it would print at and
whether that passes. A standalone HTML page (no script; its CSS in a file beside it, since the
portal's Content-Security-Policy forbids inline styles), published in the editors' area of the
built site (not in the navigation, not indexed).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from quangba.core.errors import Problem, QuangbaError
from quangba.images.library import Library, Photo, sidecar_status
from quangba.images.preflight import Resolution, effective_resolution
from quangba.images.presets import PrintPreset
from quangba.images.source import DEFAULT_MAX_MEGAPIXELS, read_header

STYLESHEET = "contact-sheet.css"
STYLE = """
body{font:15px/1.45 "Noto Sans",system-ui,sans-serif;margin:1.5rem;color:#1d2327;background:#fff}
h1{font-size:1.4rem;margin:0 0 .3rem}
p.lead{margin:0 0 1rem;color:#50575e}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #dcdcde;padding:.45rem .5rem;vertical-align:top;text-align:left}
th{background:#f6f7f7;position:sticky;top:0;font-weight:600}
img{display:block;max-width:160px;height:auto;border-radius:3px}
.name{font-weight:600;word-break:break-all}
.small{color:#50575e;font-size:.85em}
.ok{color:#006b2d}.low{color:#8a5a00}.fail{color:#b32d2e;font-weight:600}
ul{margin:.2rem 0;padding-left:1.1rem}
.summary span{display:inline-block;margin-right:1.2rem}
""".strip()

STATUS_TEXT = {"ok": "✓ passes", "low": "~ above minimum", "fail": "✗ too low"}


@dataclass
class SheetRow:
    photo: Photo
    size: tuple[int, int] | None = None
    error: str | None = None  # the file cannot be opened
    problems: list[Problem] = field(default_factory=list)  # sidecar problems
    resolutions: list[Resolution] = field(default_factory=list)


def sheet_rows(library: Library, languages: tuple[str, ...], presets: list[PrintPreset], max_megapixels: float = DEFAULT_MAX_MEGAPIXELS) -> list[SheetRow]:
    rows: list[SheetRow] = []
    for photo in library.photos:
        row = SheetRow(photo, problems=sidecar_status(photo, languages))
        try:
            row.size = read_header(photo.path, max_megapixels).size
        except QuangbaError as error:
            row.error = str(error)
        if row.size:
            row.resolutions = [effective_resolution(row.size, photo.focal_point, preset) for preset in presets]
        rows.append(row)
    return rows


def contact_sheet_html(
    rows: list[SheetRow],
    presets: list[PrintPreset],
    thumbnail_url: Callable[[Photo], str | None],
    language: str,
    title: str = "Photo library: contact sheet",
    stylesheet: str | None = STYLESHEET,
) -> str:
    """The whole page. thumbnail_url gives each photo's thumbnail address relative to the page;
    stylesheet is the CSS file's address beside it (write STYLE there), or None for inline CSS."""
    esc = html.escape
    complete = sum(1 for row in rows if not row.problems and not row.error)
    head = [
        "<!doctype html>",
        f'<html lang="{esc(language)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex, nofollow">',
        f"<title>{esc(title)}</title>" + (f'<link rel="stylesheet" href="{esc(stylesheet)}">' if stylesheet else f"<style>{STYLE}</style>") + "</head><body>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="lead">{len(rows)} photos, {complete} with a complete sidecar. '
        "Made by <code>quangba build</code>; for editors, not linked from the site.</p>",
    ]
    columns = ["Photo", "File", "Sidecar"] + [f'{esc(p.name)}<br><span class="small">{esc(p.describe())}</span>' for p in presets]
    table = ["<table><thead><tr>" + "".join(f"<th>{c}</th>" for c in columns) + "</tr></thead><tbody>"]
    for row in rows:
        table.append(row_html(row, thumbnail_url, language, len(presets)))
    table.append("</tbody></table>")
    return "\n".join(head + table + ["</body></html>", ""])


def row_html(row: SheetRow, thumbnail_url: Callable[[Photo], str | None], language: str, preset_count: int) -> str:
    esc = html.escape
    photo = row.photo
    sidecar = photo.sidecar
    url = thumbnail_url(photo) if not row.error else None
    alt = (sidecar.text("alt", language) if sidecar else None) or ""
    thumb = f'<img src="{esc(url)}" alt="{esc(alt)}" loading="lazy">' if url else '<span class="fail">no preview</span>'
    size = f"{row.size[0]}×{row.size[1]} px ({row.size[0] * row.size[1] / 1e6:.1f} MP)" if row.size else esc(row.error or "")
    caption = sidecar.text("caption", language) if sidecar else None
    credit = sidecar.text("credit", language) if sidecar else None
    details = [f'<div class="name">{esc(photo.shown.name)}</div>', f'<div class="small">{size}</div>']
    if caption:
        details.append(f"<div>{esc(caption)}</div>")
    if credit or (sidecar and sidecar.licence):
        details.append(f'<div class="small">{esc(credit or "")}{" · " + esc(sidecar.licence) if sidecar and sidecar.licence else ""}</div>')
    if row.problems:
        items = "".join(f"<li>{esc(problem.message)}</li>" for problem in row.problems)
        status = f'<span class="fail">✗ to fix</span><ul>{items}</ul>'
    else:
        status = '<span class="ok">✓ complete</span>'
    cells = [thumb, "".join(details), status]
    for resolution in row.resolutions:
        css = resolution.status
        cells.append(f'<span class="{css}">{resolution.ppi:.0f} ppi</span><br><span class="small {css}">{STATUS_TEXT[css]}</span>')
    cells.extend([""] * (preset_count - len(row.resolutions)))
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"
