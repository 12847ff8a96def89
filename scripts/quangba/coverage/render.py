"""The coverage report as editors read it: a terminal table (rich) or Markdown (for an issue or
a wiki page). The JSON form is Report.to_json()."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from quangba.core.languages import labelled
from quangba.coverage.checks import Issue
from quangba.coverage.report import (
    MISSING,
    ORPHAN,
    STALE,
    STATUSES,
    TOP_LEVEL,
    TRANSLATED,
    UNVERIFIED,
    PageStatus,
    Report,
)

STYLES = {TRANSLATED: "green", STALE: "yellow", UNVERIFIED: "cyan", MISSING: "red", ORPHAN: "magenta"}


def section_label(name: str) -> str:
    return "(top level)" if name == TOP_LEVEL else name


def language_label(lang: str) -> str:
    return labelled(lang)


def report_issues(report: Report) -> list[Issue]:
    """Every problem of the translations (not the unusable files: listed apart) and of the sources."""
    issues = [issue for language in report.languages.values() for status in language.pages for issue in status.issues if issue.check != "unusable"]
    return issues + report.source_issues


def needs_attention(report: Report) -> list[tuple[str, dict[str, PageStatus]]]:
    """Pages not up to date or with problems in some language, with their status per language."""
    rows: dict[str, dict[str, PageStatus]] = {}
    for lang, language in report.languages.items():
        for status in language.pages:
            if status.status != TRANSLATED or status.issues:
                rows.setdefault(status.page, {})[lang] = status
    return sorted(rows.items())


def status_words(status: PageStatus | None) -> str:
    if status is None:
        return "ok"
    words = status.status if status.status != TRANSLATED else "ok"
    if status.history is not None:
        words += f" ({status.history.describe()})"
    errors = len(status.errors)
    hints = len(status.issues) - errors
    if errors:
        words += f", {errors} problem{'s' if errors != 1 else ''}"
    if hints:
        words += f", {hints} hint{'s' if hints != 1 else ''}"
    return words


def print_table(report: Report, console: Console) -> None:
    source_pages = len(report.sources)
    sections = report.source_sections()
    size = sum(size for _, size in sections.values())
    scope = f" in {report.section}" if report.section else ""
    console.print(
        f"[bold]Translation coverage[/]{scope}: {source_pages} source pages in {language_label(report.source_language)}, {size:,} {report.source_unit}",
        highlight=False,
        soft_wrap=True,
    )

    summary = Table(title="By language", title_justify="left")
    summary.add_column("Language", no_wrap=True)
    summary.add_column("Up to date", justify="right", no_wrap=True)
    for name in STATUSES:
        summary.add_column(name.capitalize(), justify="right", style=STYLES[name])
    summary.add_column("Problems", justify="right")
    summary.add_column("To translate", justify="right", no_wrap=True)
    for lang, language in report.languages.items():
        total = language.total
        summary.add_row(
            language_label(lang),
            f"{total.percent:.1f} %",
            *[str(total.counts[name]) for name in STATUSES],
            f"{total.problems['error']}" + (f" (+{total.problems['hint']} hint{'s' if total.problems['hint'] != 1 else ''})" if total.problems["hint"] else ""),
            f"{total.remaining_size:,} {report.source_unit}",
        )
    console.print(summary)

    if len(sections) > 1:
        by_section = Table(title="Up to date, by section", title_justify="left")
        by_section.add_column("Section")
        by_section.add_column("Pages", justify="right")
        by_section.add_column(report.source_unit.capitalize(), justify="right")
        for lang in report.languages:
            by_section.add_column(lang, justify="right")
        for name, (pages, words) in sections.items():
            cells = []
            for language in report.languages.values():
                tally = language.sections.get(name)
                cells.append(f"{tally.percent:.0f} %" if tally else "–")
            by_section.add_row(section_label(name), str(pages), f"{words:,}", *cells)
        console.print(by_section)

    rows = needs_attention(report)
    if rows:
        work = Table(title="Pages that need work", title_justify="left")
        work.add_column("Page", overflow="fold")
        for lang in report.languages:
            work.add_column(lang)
        for page, statuses in rows:
            marks: list[Text] = []
            for lang in report.languages:
                status = statuses.get(lang)
                marks.append(Text(status_words(status), style=STYLES.get(status.status, "") if status else "green"))
            work.add_row(page, *marks)
        console.print(work)

    issues = report_issues(report)
    if issues:
        console.print("[bold]Problems[/] (file:line: check: message)")
        for issue in issues:
            label = "hint" if issue.severity == "hint" else issue.check
            console.print(f"  {issue.where()}: {label}: {issue.message}", highlight=False, markup=False, soft_wrap=True)

    if report.catalogs:
        catalogs = Table(title="Interface texts (gettext catalogs)", title_justify="left")
        catalogs.add_column("Language")
        catalogs.add_column("Translated", justify="right")
        catalogs.add_column("Fuzzy", justify="right", style="yellow")
        catalogs.add_column("Missing", justify="right", style="red")
        catalogs.add_column("Up to date", justify="right")
        for stats in report.catalogs:
            catalogs.add_row(language_label(stats.lang), f"{stats.translated}/{stats.messages}", str(stats.fuzzy), str(stats.missing), f"{stats.percent:.1f} %")
        console.print(catalogs)

    if report.errors:
        console.print(f"[bold red]Unusable input[/] ({len(report.errors)}):")
        for problem in report.errors:
            console.print(f"  {problem}", highlight=False, markup=False, soft_wrap=True)


def markdown(report: Report) -> str:
    out = []
    scope = f" in `{report.section}`" if report.section else ""
    sections = report.source_sections()
    size = sum(size for _, size in sections.values())
    out.append(f"# Translation coverage{scope}\n")
    out.append(f"{len(report.sources)} source pages in {language_label(report.source_language)}, {size:,} {report.source_unit}.\n")
    out.append("| Language | Up to date | " + " | ".join(name.capitalize() for name in STATUSES) + " | Problems | To translate |")
    out.append("|---|---:|" + "---:|" * len(STATUSES) + "---:|---:|")
    for lang, language in report.languages.items():
        total = language.total
        counts = " | ".join(str(total.counts[name]) for name in STATUSES)
        problems = f"{total.problems['error']}" + (
            f" (+{total.problems['hint']} hint{'s' if total.problems['hint'] != 1 else ''})" if total.problems["hint"] else ""
        )
        out.append(f"| {language_label(lang)} | {total.percent:.1f} % | {counts} | {problems} | {total.remaining_size:,} {report.source_unit} |")
    out.append("")
    if len(sections) > 1:
        out.append("## By section\n")
        out.append(f"| Section | Pages | {report.source_unit.capitalize()} | " + " | ".join(report.languages) + " |")
        out.append("|---|---:|---:|" + "---:|" * len(report.languages))
        for name, (pages, words) in sections.items():
            cells = []
            for language in report.languages.values():
                tally = language.sections.get(name)
                cells.append(f"{tally.percent:.0f} %" if tally else "–")
            out.append(f"| {escape(section_label(name))} | {pages} | {words:,} | " + " | ".join(cells) + " |")
        out.append("")
    rows = needs_attention(report)
    if rows:
        out.append("## Pages that need work\n")
        out.append("| Page | " + " | ".join(report.languages) + " |")
        out.append("|---|" + "---|" * len(report.languages))
        for page, statuses in rows:
            out.append(f"| `{page}` | " + " | ".join(escape(status_words(statuses.get(lang))) for lang in report.languages) + " |")
        out.append("")
    issues = report_issues(report)
    if issues:
        out.append("## Problems\n")
        for issue in issues:
            label = "hint" if issue.severity == "hint" else issue.check
            out.append(f"- `{issue.where()}` **{label}**: {escape(issue.message)}")
        out.append("")
    if report.catalogs:
        out.append("## Interface texts (gettext catalogs)\n")
        out.append("| Language | Translated | Fuzzy | Missing | Up to date |")
        out.append("|---|---:|---:|---:|---:|")
        for stats in report.catalogs:
            out.append(f"| {language_label(stats.lang)} | {stats.translated}/{stats.messages} | {stats.fuzzy} | {stats.missing} | {stats.percent:.1f} % |")
        out.append("")
    if report.errors:
        out.append("## Unusable input\n")
        for problem in report.errors:
            out.append(f"- {escape(str(problem))}")
        out.append("")
    return "\n".join(out)


def escape(text: str) -> str:
    return text.replace("|", "\\|")
