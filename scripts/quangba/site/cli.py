"""`quangba build` and `quangba serve`."""

from __future__ import annotations

import time
from pathlib import Path

import click
from rich.status import Status
from rich.table import Table

from quangba.cli.terminal import command, config_option, console
from quangba.core.languages import labelled


@command()
@config_option
@click.option(
    "--site-dir", type=click.Path(path_type=Path, file_okay=False), default=None, help="Write the site here instead of the site_dir of the configuration."
)
@click.option("--site-url", default=None, help="Address the site will be published at, if not site_url of the configuration (e.g. a test server).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Languages built at the same time (default: one per processor core).")
def build(config_file: Path, site_dir: Path | None, site_url: str | None, jobs: int | None) -> None:
    """Build the whole publication: the print leaflets, then the site (all languages) into site/.

    Every page, photo sidecar, fact and video is checked first; the new leaflets and the new site
    replace the old ones only when both were made.
    """
    from quangba import leaflets as leaflet_build
    from quangba.core.outputs import project_lock
    from quangba.leaflets.cli import WAITING, stage_for_build
    from quangba.site.build import commit, editor_log, make, prepare, result_of

    started = time.perf_counter()
    with console.status("Checking the sources…") as status, editor_log(config_file.resolve().parent, lambda lang: progress(status, lang)) as handler:
        try:
            prepared = prepare(config_file, site_dir, site_url, handler)
        finally:
            status.stop()
        with project_lock(prepared.lock_file(), on_wait=lambda: console.print(WAITING)):
            # The leaflets first: the Publications page lists them and the site publishes their screen PDFs.
            leaflets = stage_for_build(prepared.settings)
            status.start()
            status.update("Building the site…")
            try:
                staging = make(prepared, handler, lambda lang: progress(status, lang), jobs, leaflets[0].out_dir if leaflets else None)
            except BaseException:
                if leaflets:
                    leaflet_build.discard(leaflets[0])
                raise
            finally:
                status.stop()
            if leaflets:
                leaflet_build.commit(*leaflets)
            commit(staging, prepared)
    result = result_of(prepared, started, handler.messages)
    console.print(f"[green]Site built[/] in {result.seconds:.1f} s → {result.site_dir}", highlight=False)
    for warning in result.warnings:
        console.print(f"  [yellow]warning:[/] {warning}", highlight=False)
    table = Table()
    table.add_column("Language")
    table.add_column("Pages", justify="right")
    for lang, count in result.pages.items():
        table.add_row(labelled(lang), str(count))
    console.print(table)


def progress(status: Status, lang: str) -> None:
    status.update(f"Building the site: {labelled(lang)}…")


@command()
@config_option
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve the preview on.")
def serve(config_file: Path, dev_addr: str) -> None:
    """Preview the site while you edit; the page reloads when you save a file."""
    import os

    from mkdocs.commands.serve import serve as mkdocs_serve

    from quangba.site.features.sources import PREVIEW

    os.environ[PREVIEW] = "1"  # drafts and pages not yet due are shown, with a banner
    console.print(f"Preview at http://{dev_addr}/  (press Ctrl+C to stop)")
    mkdocs_serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)
