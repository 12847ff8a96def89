"""`quangba images …`: check the photo library, make the web set, make print files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from quangba.cli.terminal import config_option, console, group
from quangba.config import Settings
from quangba.core.errors import FAILED, UNUSABLE, Problem, QuangbaError
from quangba.core.jobs import cpu_count
from quangba.core.outputs import Inputs, guard
from quangba.images.cache import Manifest
from quangba.images.jobs import Job, Outcome, Summary, run_jobs
from quangba.images.library import Library, Photo, check_library, load_library

T = TypeVar("T")

DEFAULT_LANGUAGES = ("vi", "en", "zh", "ko")
CACHE_DIR = Path(".cache/quangba/images")

library_option = click.option(
    "--library",
    "library_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of the original photos and their .yml sidecars.  [default: images: library of mkdocs.yml, else assets/images]",
)
jobs_option = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Photos processed at once (default: one per processor core).")
cache_option = click.option("--no-cache", is_flag=True, help="Make every file again, even when nothing changed.")
files_argument = click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))


def Failed(lines: list[str], code: int = FAILED) -> QuangbaError:  # noqa: N802 - reads like the exception it makes
    """Stop with these lines (the first a heading when there are several) and a non-zero exit."""
    return QuangbaError(lines[1:], code, summary=lines[0]) if len(lines) > 1 else QuangbaError(lines, code)


def project_of(config_file: Path) -> Settings | None:
    """The project's settings; None outside a project (the commands then work on any folder)."""
    return Settings.load(config_file) if config_file.is_file() else None


def library_of(library_dir: Path | None, project: Settings | None) -> Path:
    if library_dir is not None:
        return library_dir
    return project.shown(project.library_dir) if project is not None else Path("assets/images")


def languages_of(project: Settings | None) -> tuple[str, ...]:
    return project.languages.all if project is not None else DEFAULT_LANGUAGES


@group()
def images() -> None:
    """Photos: check their sidecars, make the web set and print-ready CMYK files."""


# -- check ------------------------------------------------------------------------------------


@images.command(short_help="List photos missing a sidecar, alt text or credit.")
@library_option
@config_option
@click.pass_context
def check(ctx: click.Context, library_dir: Path | None, config_file: Path) -> None:
    """List photos missing a sidecar, an alt text in any language, or a credit."""

    def work() -> None:
        from quangba.core.errors import QuangbaError
        from quangba.images.source import read_header

        project = project_of(config_file)
        languages = languages_of(project)
        folder = library_of(library_dir, project)
        library = open_library(folder)
        problems = check_library(library, languages)
        table = Table(title=f"{len(library.photos)} photos in {folder} (languages: {', '.join(languages)})")
        table.add_column("Photo")
        table.add_column("Size", justify="right")
        table.add_column("Sidecar")
        failures: list[str] = [str(p) for p in library.problems]
        for photo in library.photos:
            try:
                header = read_header(photo.path)
                size = f"{header.size[0]}×{header.size[1]}"
            except QuangbaError as error:
                size = "—"
                problems[photo.shown].append(Problem(photo.shown, str(error)))
            found = problems[photo.shown]
            table.add_row(photo.path.name, size, "[green]complete[/]" if not found else f"[red]{len(found)} to fix[/]")
            failures.extend(str(p) for p in found)
        console.print(table)
        if failures:
            raise Failed([f"{len(failures)} problem{'s' if len(failures) != 1 else ''} in the photo library:", *failures])
        console.print(f"[green]All {len(library.photos)} photos have alt text and credit in {', '.join(languages)}.[/]")

    work()


# -- web --------------------------------------------------------------------------------------


@images.command(short_help="Make the web set (WebP + JPEG widths) of the photos.")
@library_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=CACHE_DIR / "web",
    show_default=True,
    help="Folder for the web files (the site build takes them from the default one).",
)
@click.option("--width", "widths", type=click.IntRange(min=16), multiple=True, help="A width to make (repeat it); default 480, 960, 1600, 2400.")
@click.option("--format", "formats", type=click.Choice(["webp", "jpeg"]), multiple=True, help="Formats to make; default webp and jpeg.")
@jobs_option
@cache_option
@config_option
@files_argument
@click.pass_context
def web(
    ctx: click.Context,
    library_dir: Path | None,
    out_dir: Path,
    widths: tuple[int, ...],
    formats: tuple[str, ...],
    jobs: int | None,
    no_cache: bool,
    config_file: Path,
    files: tuple[Path, ...],
) -> None:
    """Make the web set of every photo (or of FILES): upright, sRGB, no metadata, WebP and JPEG at several widths.

    `quangba build` does the same for the site; files already made are reused.
    """

    def work() -> None:
        from quangba.images.site import DEFAULT_CMYK_PROFILE
        from quangba.images.web import WebSettings, web_jobs

        folder = library_of(library_dir, project_of(config_file))
        library = open_library(folder)
        photos = chosen_photos(library, files)
        fallback = folder.parent / DEFAULT_CMYK_PROFILE
        defaults = WebSettings()
        settings = WebSettings(
            widths=tuple(sorted(set(widths))) or defaults.widths,
            formats=tuple(formats) or defaults.formats,
            cmyk_fallback_profile=str(fallback.resolve()) if fallback.is_file() else None,
        )
        guard_out(out_dir, folder)
        manifest = Manifest(CACHE_DIR / "manifest.json", enabled=not no_cache)
        photos, rejected = readable_sidecars(photos, for_print=False)
        summary = run_with_progress("Web images", web_jobs([(p.path, str(p.shown)) for p in photos], out_dir.resolve(), settings), manifest, jobs, rejected)
        finish(summary, f"Web images in {out_dir}")

    work()


# -- print ------------------------------------------------------------------------------------


@images.command(name="print", short_help="Make print-ready CMYK files for a preset.")
@library_option
@click.option("--preset", "preset_name", default=None, help="A preset of the presets file, e.g. a5-flyer, rollup-80x200.")
@click.option("--size", default=None, help="A custom trim size in mm instead of a preset, e.g. 210x297.")
@click.option("--bleed", type=click.FloatRange(min=0), default=3.0, show_default=True, help="Bleed of a custom size, in mm.")
@click.option("--ppi", type=click.FloatRange(min=1), default=300.0, show_default=True, help="Target resolution of a custom size.")
@click.option("--min-ppi", type=click.FloatRange(min=1), default=None, help="Lowest resolution accepted for a custom size (default: two thirds of --ppi).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=None, help="Output folder (default: print/images/<preset>/).")
@click.option("--format", "fmt", type=click.Choice(["tiff", "jpeg"]), default=None, help="tiff (LZW, the default) or jpeg (quality 95).")
@click.option(
    "--presets",
    "presets_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("assets/print-presets.yml"),
    show_default=True,
    help="The presets file (sizes, colour profile, ink limit).",
)
@click.option("--allow-low-res", is_flag=True, help="Make the file even when a photo is below the preset's minimum resolution (a warning).")
@jobs_option
@cache_option
@config_option
@files_argument
@click.pass_context
def print_command(
    ctx: click.Context,
    library_dir: Path | None,
    preset_name: str | None,
    size: str | None,
    bleed: float,
    ppi: float,
    min_ppi: float | None,
    out_dir: Path | None,
    fmt: str | None,
    presets_file: Path,
    allow_low_res: bool,
    jobs: int | None,
    no_cache: bool,
    config_file: Path,
    files: tuple[Path, ...],
) -> None:
    """Make print-ready CMYK files of FILES (or, with none, of every photo a leaflet or the preset lists).

    Each photo is cropped around its focal point to the preset's trim + bleed, sized for its
    resolution (never enlarged), converted to CMYK with the output profile, and written as
    <out>/<photo>.tif. Low resolution and too much ink are reported per photo.
    """

    def work() -> None:
        from quangba.core.errors import QuangbaError
        from quangba.images.presets import custom_preset, load_presets
        from quangba.images.print_output import photos_in_use, print_jobs

        try:
            settings = load_presets(presets_file, Path.cwd(), presets_file)
        except QuangbaError as error:
            raise Failed([f"The presets file has {len(error.problems)} problem(s):"] + [str(p) for p in error.problems]) from None
        if (preset_name is None) == (size is None):
            raise Failed([f"Name a preset with --preset (one of: {', '.join(settings.presets)}) or a size with --size 210x297."], 2)
        if size is not None:
            try:
                preset = custom_preset(size, bleed, ppi, min_ppi)
            except ValueError as error:
                raise Failed([f"--size: {error}"], 2) from None
        else:
            if preset_name not in settings.presets:
                raise Failed([f"Unknown preset '{preset_name}'. Presets in {presets_file}: {', '.join(settings.presets)}"], 2)
            preset = settings.presets[preset_name]
        folder = library_of(library_dir, project_of(config_file))
        library = open_library(folder)
        if files:
            photos = chosen_photos(library, files)
        else:
            photos, problems = photos_in_use(settings, library, preset)
            if problems:
                raise Failed(["Some listed photos are missing:"] + [str(p) for p in problems])
            if not photos:
                console.print(f"No photos to print at {preset.name}: name FILES, or list them under photos: in a leaflet or the preset.")
                return
        target = out_dir or settings.out_dir / preset.name
        guard_out(target, folder)
        out_format = fmt or settings.format
        console.print(
            f"[bold]{preset.name}[/]: {preset.describe()} → {target}/ ({out_format}, profile {settings.profile.name}, ink limit {settings.ink_limit:g} %)"
        )
        manifest = Manifest(CACHE_DIR / "manifest.json", enabled=not no_cache)
        photos, rejected = readable_sidecars(photos, for_print=True)
        job_list = print_jobs(photos, preset, settings, target, out_format, allow_low_res)
        summary = run_with_progress(f"Print {preset.name}", job_list, manifest, jobs, rejected)
        print_preflight_table(summary, preset, settings.ink_limit)
        finish(summary, f"Print files in {target}")

    work()


def print_preflight_table(summary: Summary, preset: Any, ink_limit: float) -> None:
    table = Table(title=f"Preflight: {preset.name} (minimum {preset.min_ppi:g} ppi, ink limit {ink_limit:g} %)")
    for column, justify in (
        ("Photo", "left"),
        ("Photo size", "right"),
        ("Effective ppi", "right"),
        ("File", "right"),
        ("Max ink", "right"),
        ("Result", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for outcome in sorted(summary.outcomes, key=lambda o: o.shown):
        info = outcome.info
        size = "×".join(map(str, info.get("photo_size", []))) or "—"
        pixels = "×".join(map(str, info.get("pixels", []))) or "—"
        file = f"{pixels} @ {info['out_ppi']:g} ppi" if "out_ppi" in info else "—"
        ppi = f"{info['ppi']:.0f}" if "ppi" in info else "—"
        ink = f"{info['ink']:.0f} %" if "ink" in info else "—"
        if outcome.errors:
            result = "[red]error[/]"
        elif outcome.warnings or outcome.input_problems:
            result = "[yellow]warning[/]"
        else:
            result = "[green]ok[/]" + (" (cached)" if outcome.status == "cached" else "")
        table.add_row(Path(outcome.shown).name, size, ppi, file, ink, result)
    console.print(table)


# -- contact sheet ----------------------------------------------------------------------------


@images.command(name="contact-sheet", short_help="Write the editors' contact sheet page.")
@library_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("print/contact-sheet"), show_default=True)
@click.option("--presets", "presets_file", type=click.Path(path_type=Path, dir_okay=False), default=Path("assets/print-presets.yml"), show_default=True)
@config_option
@click.pass_context
def contact_sheet(ctx: click.Context, library_dir: Path | None, out_dir: Path, presets_file: Path, config_file: Path) -> None:
    """Write the editors' contact sheet (also published by `quangba build` at /_editors/photos/)."""

    def work() -> None:
        import shutil

        from quangba.core.errors import QuangbaError
        from quangba.core.files import write_with
        from quangba.images.contact_sheet import (
            STYLE,
            STYLESHEET,
            contact_sheet_html,
            sheet_rows,
        )
        from quangba.images.presets import load_presets
        from quangba.images.web import WebSettings, web_jobs

        project = project_of(config_file)
        languages = languages_of(project)
        library_dir_ = library_of(library_dir, project)
        library = open_library(library_dir_)
        try:
            settings = load_presets(presets_file, Path.cwd(), presets_file)
        except QuangbaError as error:
            raise Failed([str(p) for p in error.problems]) from None
        guard_out(out_dir, library_dir_)
        thumbs = WebSettings(widths=(240,), formats=("jpeg",), stand_in=False)
        manifest = Manifest(CACHE_DIR / "manifest.json")
        summary = run_with_progress(
            "Thumbnails", web_jobs([(p.path, str(p.shown)) for p in library.photos], (CACHE_DIR / "thumbnails").resolve(), thumbs), manifest, None
        )
        out_dir.mkdir(parents=True, exist_ok=True)
        names: dict[str, str] = {}
        for outcome in summary.outcomes:
            for file in outcome.files:
                shutil.copyfile(file, out_dir / Path(file).name)
                names[Path(outcome.shown).name] = Path(file).name
        rows = sheet_rows(library, languages, list(settings.presets.values()), settings.max_megapixels)
        page = contact_sheet_html(rows, list(settings.presets.values()), lambda photo: names.get(photo.path.name), languages[0])
        write_with(out_dir / "index.html", lambda f: f.write(page.encode("utf-8")))
        write_with(out_dir / STYLESHEET, lambda f: f.write(STYLE.encode("utf-8")))
        console.print(f"Contact sheet: {out_dir / 'index.html'}")

    work()


# -- shared -----------------------------------------------------------------------------------


def open_library(library_dir: Path) -> Library:
    library = load_library(library_dir.resolve(), library_dir)
    if not library_dir.is_dir():
        raise Failed([f"{library_dir}: photo folder not found (run quangba in the project folder or pass --library)"])
    return library


def chosen_photos(library: Library, files: tuple[Path, ...]) -> list[Photo]:
    """The library photos named on the command line; a file outside the library is taken as it is."""
    if not files:
        return list(library.photos)
    from quangba.images.library import photo_with_sidecar

    photos: list[Photo] = []
    missing: list[str] = []
    for file in files:
        photo = library.find(str(file))
        if photo is None and file.is_file():
            photo = photo_with_sidecar(file.resolve(), file)
        if photo is None:
            missing.append(f"{file}: file not found")
        else:
            photos.append(photo)
    if missing:
        raise Failed(missing)
    return photos


def readable_sidecars(photos: list[Photo], for_print: bool) -> tuple[list[Photo], list[Outcome]]:
    """Photos to process, and a failed outcome for each whose sidecar cannot be read (for print,
    also one with a wrong value such as a focal point outside the photo: the crop depends on it)."""
    usable: list[Photo] = []
    rejected: list[Outcome] = []
    for photo in photos:
        problems = [photo.sidecar_error] if photo.sidecar_error else []
        if for_print and photo.sidecar is not None:
            problems.extend(photo.sidecar.problems)
        if problems:
            rejected.append(Outcome(f"sidecar:{photo.path}", str(photo.shown), "failed", errors=[str(p) for p in problems]))
        else:
            usable.append(photo)
    return usable, rejected


def run_with_progress(label: str, jobs: Sequence[Job], manifest: Manifest, workers: int | None, rejected: list[Outcome] | None = None) -> Summary:
    workers = workers or cpu_count()
    rejected = rejected or []
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[note]}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task(label, total=len(jobs) + len(rejected), note="")
        counts = {"done": 0, "cached": 0, "failed": 0}

        def advance(outcome: Outcome) -> None:
            counts[outcome.status] += 1
            progress.update(task, advance=1, note=f"{counts['done']} made, {counts['cached']} cached, {counts['failed']} failed")

        for outcome in rejected:
            advance(outcome)
        summary = run_jobs(jobs, manifest, workers, advance)
        summary.outcomes[:0] = rejected
        return summary


def finish(summary: Summary, where: str) -> None:
    table = Table(title="Summary")
    for column in ("done", "cached", "warnings", "errors"):
        table.add_column(column.capitalize(), justify="right")
    table.add_row(str(summary.count("done")), str(summary.count("cached")), str(summary.warnings), str(summary.errors))
    console.print(table)
    for outcome in summary.outcomes:
        for warning in outcome.warnings + outcome.input_problems:
            console.print(Text.assemble(("warning ", "yellow"), warning))
    if not summary.worked and not summary.errors and summary.outcomes:
        console.print("Nothing changed: no image work was needed (all outputs from the cache).")
    errors = [error for outcome in summary.outcomes for error in outcome.errors]
    if errors:
        raise Failed([f"{len(errors)} photo{'s' if len(errors) != 1 else ''} could not be processed; the others were:", *errors])
    originals = [problem for outcome in summary.outcomes for problem in outcome.input_problems]
    if originals:
        raise Failed(
            [
                f"Files were made, but {len(originals)} original{'s need' if len(originals) != 1 else ' needs'} attention "
                "(replace it with an 8-bit RGB photo without transparency to clear this):",
                *originals,
            ]
        )
    console.print(f"{where}.")


def guard_out(out_dir: Path, library_dir: Path) -> None:
    """Files are written into out_dir: never into the project's own folder, its pages or its
    photos (a derivative there would be published, or taken for an original)."""
    try:
        guard(out_dir, "the output", Inputs.of(Path.cwd(), Path("docs"), library_dir.parent))
    except QuangbaError as error:
        raise Failed([str(p) for p in error.problems], UNUSABLE) from None
