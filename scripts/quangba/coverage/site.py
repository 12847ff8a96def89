"""The translation-status page that `quangba build` puts in the built site for editors, at
/_editors/translation-status/ (not in the navigation, not indexed by search engines).

A standalone HTML page: inline CSS, no script, nothing loaded from elsewhere, so it works
offline and on any web server. It shows the same report as `quangba coverage`.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from quangba.core import languages
from quangba.core.errors import QuangbaError
from quangba.core.files import write_text
from quangba.coverage.project import project_from_mkdocs
from quangba.coverage.render import language_label, section_label, status_words
from quangba.coverage.report import STATUSES, PageStatus, Report, build_report

PATH = "_editors/translation-status/index.html"  # relative to site_dir
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2328;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92rem}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
.bar{width:8rem;height:.6rem;vertical-align:middle;margin-right:.4rem}
.bar::-webkit-meter-bar{background:#eaeef2;border:0;border-radius:.3rem}.bar::-webkit-meter-optimum-value{background:#1b7f3b;border-radius:.3rem}.bar::-moz-meter-bar{background:#1b7f3b}
.s-translated{color:#1b7f3b}.s-stale{color:#946200}.s-unverified{color:#0b6e8a}.s-missing{color:#b42318}.s-orphan{color:#8e2f8e}
.muted{color:#59636e}ul.problems{font-size:.9rem;padding-left:1.2rem}code{font-size:.88em}.hint{color:#59636e}
"""


def status_page(config: Any, workers: int = 1, held: dict[str, str] | None = None) -> str:
    """The page's HTML for a loaded MkDocsConfig (what the plugin hands over); held: the pages
    the build left out (docs-relative file -> why: a draft, scheduled, expired).

    workers > 1 checks large sites in several processes (forked: only from a program without
    threads, so not from `mkdocs serve`)."""
    site_name = getattr(config, "site_name", "") or ""
    try:
        project = project_from_mkdocs(config)
        report = build_report(project, workers=workers)
    except QuangbaError as error:
        body = "<p>The translation status cannot be computed:</p><ul>" + "".join(f"<li>{escape(str(p))}</li>" for p in error.problems) + "</ul>"
        return document(site_name, body)
    excluded = getattr(config, "exclude_docs", None)
    held = held or {}
    held_sources = {languages.split_suffix(page)[0] for page in held if languages.split_suffix(page)[1] in (None, project.languages.default)}

    def published(page: str) -> bool:
        return page not in held_sources and (excluded is None or not excluded.match_file(page))

    body = report_html(report, project.languages.default, project.use_directory_urls, published)
    return document(site_name, held_html(held) + body)


def held_html(held: dict[str, str]) -> str:
    """The pages not published by this build: drafts, scheduled and expired pages."""
    if not held:
        return ""
    rows = "".join(f"<tr><td>{escape(page)}</td><td>{escape(why)}</td></tr>" for page, why in sorted(held.items()))
    return f'<h2 id="held">Chưa xuất bản ({len(held)})</h2><table><tr><th>Trang</th><th>Lý do</th></tr>{rows}</table>'


def write_status_page(config: Any, workers: int = 1, held: dict[str, str] | None = None) -> Path:
    """Write the page into the site being built (config.site_dir); returns its path."""
    target = Path(config.site_dir) / PATH
    write_text(target, status_page(config, workers, held))
    return target


def document(site_name: str, body: str) -> str:
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f"<title>Translation status – {escape(site_name)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<h1>Translation status</h1>\n<p class="muted">{escape(site_name)} · for editors; not linked from the site. '
        "The same report as <code>quangba coverage</code>.</p>\n"
        f"{body}\n</body>\n</html>\n"
    )


def page_url(page: str, lang: str, default: str, directory_urls: bool) -> str:
    """Link from /_editors/translation-status/ to a page in a language."""
    return "../../" + languages.page_url(page, lang, default, directory_urls)


def report_html(report: Report, default: str, directory_urls: bool, published: Callable[[str], bool] = lambda page: True) -> str:
    """published: whether a page is on the site (a leaflet's source is not: it is only listed)."""
    out = []
    sections = report.source_sections()
    size = sum(size for _, size in sections.values())
    out.append(f"<p>{len(report.sources)} source pages in {escape(language_label(report.source_language))}, {size:,} {report.source_unit}.</p>")

    out.append("<h2>By language</h2><table><tr><th>Language</th><th>Up to date</th>")
    out.extend(f"<th>{name}</th>" for name in STATUSES)
    out.append("<th>Problems</th><th>Still to translate</th></tr>")
    for lang, language in report.languages.items():
        total = language.total
        out.append(
            f'<tr><td>{escape(language_label(lang))}</td><td><meter class="bar" min="0" max="100" value="{total.percent:.1f}"></meter>{total.percent:.1f} %</td>'
        )
        out.extend(f'<td class="n s-{name}">{total.counts[name]}</td>' for name in STATUSES)
        hints = f' <span class="hint">(+{total.problems["hint"]} hint{"s" if total.problems["hint"] != 1 else ""})</span>' if total.problems["hint"] else ""
        out.append(f'<td class="n">{total.problems["error"]}{hints}</td><td class="n">{total.remaining_size:,} {report.source_unit}</td></tr>')
    out.append("</table>")

    if len(sections) > 1:
        out.append(f"<h2>By section</h2><table><tr><th>Section</th><th>Pages</th><th>{report.source_unit.capitalize()}</th>")
        out.extend(f"<th>{escape(lang)}</th>" for lang in report.languages)
        out.append("</tr>")
        for name, (pages, words) in sections.items():
            cells = []
            for language in report.languages.values():
                tally = language.sections.get(name)
                cells.append(f'<td class="n">{tally.percent:.0f} %</td>' if tally else "<td>–</td>")
            out.append(f'<tr><td>{escape(section_label(name))}</td><td class="n">{pages}</td><td class="n">{words:,}</td>{"".join(cells)}</tr>')
        out.append("</table>")

    out.append("<h2>Pages</h2><table><tr><th>Page</th>")
    out.extend(f"<th>{escape(lang)}</th>" for lang in report.languages)
    out.append("</tr>")
    rows: dict[str, dict[str, PageStatus]] = {}
    for lang, language in report.languages.items():
        for status in language.pages:
            rows.setdefault(status.page, {})[lang] = status
    for page, statuses in sorted(rows.items()):
        linked = published(page)
        source_link = (
            f'<a href="{escape(page_url(page, default, default, directory_urls))}">{escape(page)}</a>' if linked and page in report.sources else escape(page)
        )
        out.append(f"<tr><td>{source_link}</td>")
        for lang in report.languages:
            found = statuses.get(lang)
            if found is None:
                out.append("<td></td>")
                continue
            status = found
            label = escape(status_words(status))
            anchor = f' <a href="#{escape(anchor_of(status))}">details</a>' if status.issues else ""
            if linked:
                link = page_url(page, lang, default, directory_urls)
                label = f'<a class="s-{status.status}" href="{escape(link)}">{label}</a>'
            out.append(f'<td class="s-{status.status}">{label}{anchor}</td>')
        out.append("</tr>")
    out.append("</table>")

    with_issues = [status for language in report.languages.values() for status in language.pages if status.issues]
    if with_issues or report.source_issues:
        out.append("<h2>Problems</h2>")
        for status in with_issues:
            shown = status.file.shown if status.file else status.page
            out.append(
                f'<h3 id="{escape(anchor_of(status))}"><code>{escape(str(shown))}</code> <span class="s-{status.status}">{escape(status.status)}</span></h3><ul class="problems">'
            )
            for issue in status.issues:
                where = f"line {issue.line}: " if issue.line else ""
                css = ' class="hint"' if issue.severity == "hint" else ""
                out.append(f"<li{css}>{escape(where)}<strong>{escape(issue.check)}</strong>: {escape(issue.message)}</li>")
            out.append("</ul>")
        if report.source_issues:
            out.append('<h3>Source pages</h3><ul class="problems">')
            out.extend(f"<li><code>{escape(issue.where())}</code>: {escape(issue.message)}</li>" for issue in report.source_issues)
            out.append("</ul>")

    if report.catalogs:
        out.append(
            "<h2>Interface texts (gettext catalogs)</h2><table><tr><th>Language</th><th>Translated</th><th>Fuzzy</th><th>Missing</th><th>Up to date</th></tr>"
        )
        for stats in report.catalogs:
            out.append(
                f'<tr><td>{escape(language_label(stats.lang))}</td><td class="n">{stats.translated}/{stats.messages}</td>'
                f'<td class="n">{stats.fuzzy}</td><td class="n">{stats.missing}</td><td class="n">{stats.percent:.1f} %</td></tr>'
            )
        out.append("</table>")

    if report.errors:
        out.append('<h2>Unusable input</h2><ul class="problems">')
        out.extend(f"<li><code>{escape(str(problem))}</code></li>" for problem in report.errors)
        out.append("</ul>")
    out.append(
        '<p class="muted">translated: up to date · stale: the source changed since the translation was made · '
        "unverified: the translation records no source version (run <code>quangba coverage stamp</code>) · "
        "missing: readers see the source page · orphan: no source page.</p>"
    )
    return "\n".join(out)


def anchor_of(status: PageStatus) -> str:
    return f"p-{status.lang}-{status.page.replace('/', '-').removesuffix('.md')}"
