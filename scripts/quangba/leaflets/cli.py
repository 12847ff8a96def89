"""`quangba leaflets`: print-ready leaflets in every language, with a summary table."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from quangba.cli.terminal import command, config_option, console
from quangba.config import Settings
from quangba.core.errors import FAILED, UNUSABLE, QuangbaError
from quangba.leaflets.build import build
from quangba.leaflets.results import Summary
from quangba.leaflets.settings import LeafletSettings, leaflet_settings


def split_list(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


@command(short_help="Make the print-ready leaflets (PDF/X-4, CMYK) and their screen PDFs.")
@config_option
@click.option("--lang", "languages", default=None, help="Only these languages, comma-separated (e.g. en,zh).")
@click.option("--only", "only", default=None, help="Only these leaflets, comma-separated file names without language (e.g. invest).")
@click.option("--no-cache", is_flag=True, help="Make every leaflet again even when nothing changed.")
@click.option(
    "--crop-marks/--no-crop-marks",
    default=None,
    help="Add crop marks, fold marks and a slug line (registration colour) outside the bleed; ask the print shop first.",
)
def leaflets(config_file: Path, languages: str | None, only: str | None, no_cache: bool, crop_marks: bool | None) -> None:
    """Make every leaflet of docs/publications/leaflets/ in every language.

    Writes print/leaflets/NAME.LANG.pdf for the print shop (PDF/X-4, CMYK, 3 mm bleed),
    print/leaflets/screen/NAME.LANG.pdf for readers and PNG previews in print/leaflets/previews/.
    Each print file is checked (page boxes, fonts, colours, photo resolution, ink) before it
    replaces the previous one. Unchanged leaflets are not made again.
    """
    from quangba.core.outputs import project_lock
    from quangba.leaflets.build import guarded_out_dir

    chosen = split_list(languages)
    settings = leaflets_of(Settings.load(config_file), chosen, crop_marks)
    if settings is None:
        return
    if not settings.sources.is_dir():
        console.print(f"No leaflets: {settings.shown(settings.sources)}/ does not exist.")
        return
    guarded_out_dir(settings)
    with project_lock(settings.lock_file, on_wait=lambda: console.print(WAITING)):
        summary = make_leaflets(settings, chosen, split_list(only), not no_cache)
        if summary.failed:
            raise failures(summary, "The previous good files (if any) were left in place.")


WAITING = "Another build of this project is running: waiting for it to finish…"


def leaflets_of(project: Settings, languages: list[str], crop_marks: bool | None = None) -> LeafletSettings | None:
    """The leaflets' settings (None when they are turned off); QuangbaError for an unknown language."""
    settings = leaflet_settings(project)
    unknown = [lang for lang in languages if lang not in settings.languages.all]
    if unknown:
        raise QuangbaError([f"unknown language {', '.join(unknown)}; the site's languages are {', '.join(settings.languages.all)}"], UNUSABLE)
    if crop_marks is not None:
        settings = replace(settings, crop_marks=crop_marks)
    if not settings.enabled:
        console.print("Leaflets are turned off (leaflets: enabled: false in mkdocs.yml).")
        return None
    return settings


def make_leaflets(settings: LeafletSettings, languages: list[str], only: list[str], use_cache: bool, shown_out: Path | None = None) -> Summary:
    """Build with a progress bar, then print the summary table; returns the summary."""
    with Progress(
        TextColumn("Leaflets"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=True
    ) as progress:
        bar = progress.add_task("", total=None)
        summary = build(
            settings,
            languages or None,
            only,
            use_cache,
            on_start=lambda total: progress.update(bar, total=total),
            on_result=lambda r: progress.update(bar, advance=1 if r.lang != "-" else 0, description=f"{r.name}.{r.lang} {r.status}"),
        )
    print_summary(summary, shown_out or settings.shown(settings.out_dir))
    return summary


def stage_for_build(project: Settings) -> tuple[LeafletSettings, Path] | None:
    """For `quangba build`: every leaflet made into a staging copy of out_dir, which the build
    commits together with the site. Returns (staged settings, final folder), or None when the
    project has no leaflets; QuangbaError when one failed (nothing was replaced)."""
    from quangba.leaflets.build import discard, staged

    settings = leaflets_of(project, [])
    if settings is None or not settings.sources.is_dir():
        return None
    staging = staged(settings)
    summary = make_leaflets(staging, [], [], True, shown_out=settings.shown(settings.out_dir))
    if summary.failed:
        discard(staging)
        raise failures(summary, "Build stopped: fix the leaflets. The previous site and leaflets (if any) were left unchanged.")
    return staging, settings.out_dir


def print_summary(summary: Summary, out_dir: Path) -> None:
    table = Table(title=f"Leaflets in {out_dir}/")
    for column, justify in (
        ("Leaflet", "left"),
        ("Lang", "left"),
        ("Format", "left"),
        ("Pages", "right"),
        ("Photos", "right"),
        ("Max ink", "right"),
        ("Print PDF", "right"),
        ("Screen PDF", "right"),
        ("Result", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for result in sorted(summary.results, key=lambda r: (r.name, r.lang)):
        info = result.info
        ppi = f"{info['min_ppi']:.0f} ppi" if info.get("min_ppi") else "—"
        status = {"built": "[green]made[/]", "cached": "[green]unchanged[/]", "failed": "[red]error[/]"}[result.status]
        table.add_row(
            result.name,
            result.lang,
            info.get("format", "—"),
            str(info.get("pages", "—")),
            ppi,
            f"{info['max_ink']:.0f} %" if "max_ink" in info else "—",
            size(info.get("print_bytes")),
            size(info.get("screen_bytes")),
            status,
        )
    console.print(table)
    if not summary.failed:
        console.print(f"[green]{summary.count('built')} made, {summary.count('cached')} unchanged.[/]")


def failures(summary: Summary, advice: str) -> QuangbaError:
    problems = [f"{result.name} ({result.lang}): {problem}" for result in summary.failed for problem in result.problems]
    return QuangbaError(problems, FAILED, summary=f"{len(summary.failed)} leaflet(s) failed", advice=advice)


def size(value: int | None) -> str:
    if not value:
        return "—"
    return f"{value / 1_000_000:.1f} MB" if value >= 1_000_000 else f"{value / 1000:.0f} kB"
