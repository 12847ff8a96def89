"""The `quangba` command: what editors and the webmaster run."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from rich.table import Table

from quangba import __version__
from quangba.terminal import config_option, console


LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English", "zh": "中文", "ko": "한국어"}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quangba")
@click.option("--debug", is_flag=True, help="Show the full Python error when something unexpected fails.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build and check the province's four-language foreign-information site."""
    ctx.obj = {"debug": debug}


@main.command()
@config_option
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Write the site here instead of the site_dir of the configuration.",
)
@click.option("--site-url", default=None, help="Address the site will be published at, if not site_url of the configuration (e.g. a test server).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Languages built at the same time (default: one per processor core).")
@click.pass_context
def build(ctx: click.Context, config_file: Path, site_dir: Path | None, site_url: str | None, jobs: int | None) -> None:
    """Build the whole publication: the print leaflets, then the site (all languages) into site/.

    Every page, photo sidecar, fact and video is checked first; the new leaflets and the new site
    replace the old ones only when both were made.
    """
    from quangba.core.outputs import project_lock
    from quangba.leaflets.build import commit as commit_leaflets
    from quangba.leaflets.build import discard as discard_leaflets
    from quangba.leaflets.cli import WAITING, stage_for_build
    from quangba.site_build import BuildFailed, commit, editor_log, make, prepare, result_of

    unchanged = "The previous site and leaflets (if any) were left unchanged."
    started = time.perf_counter()
    with console.status("Checking the sources…") as status, editor_log(config_file.resolve().parent, lambda lang: progress(status, lang)) as handler:
        try:
            prepared = run_guarded(ctx, lambda: prepare(config_file, site_dir, site_url, handler))
        except BuildFailed as failure:
            status.stop()
            report_failure(failure.problems, unchanged)
            sys.exit(1)
        with project_lock(prepared.lock_file(), on_wait=lambda: console.print(WAITING)):
            # The leaflets first: the Publications page lists them and the site publishes their screen PDFs.
            status.stop()
            leaflets = run_guarded(ctx, lambda: stage_for_build(prepared.config_file))
            if isinstance(leaflets, int):
                console.print(f"[bold red]Build stopped:[/] fix the leaflets above. {unchanged}")
                sys.exit(1)
            status.start()
            status.update("Building the site…")
            try:
                staging = run_guarded(ctx, lambda: make(prepared, handler, lambda lang: progress(status, lang), jobs, leaflets[0].out_dir if leaflets else None))
            except BaseException as failure:
                if leaflets:
                    discard_leaflets(leaflets[0])
                if not isinstance(failure, BuildFailed):
                    raise
                status.stop()
                report_failure(failure.problems, unchanged)
                sys.exit(1)
            if leaflets:
                commit_leaflets(*leaflets)
            commit(staging, prepared)
    result = result_of(prepared, started, handler.messages)
    console.print(f"[green]Site built[/] in {result.seconds:.1f} s → {result.site_dir}", highlight=False)
    for warning in result.warnings:
        console.print(f"  [yellow]warning:[/] {warning}", highlight=False)
    table = Table()
    table.add_column("Language")
    table.add_column("Pages", justify="right")
    for lang, count in result.pages.items():
        table.add_row(f"{LANGUAGE_NAMES.get(lang, lang)} ({lang})", str(count))
    console.print(table)


def progress(status, lang: str) -> None:  # noqa: ANN001 - rich's Status
    status.update(f"Building the site: {LANGUAGE_NAMES.get(lang, lang)} ({lang})…")


@main.command()
@config_option
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve the preview on.")
@click.pass_context
def serve(ctx: click.Context, config_file: Path, dev_addr: str) -> None:
    """Preview the site while you edit; the page reloads when you save a file."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    console.print(f"Preview at http://{dev_addr}/  (press Ctrl+C to stop)")
    run_guarded(ctx, lambda: mkdocs_serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True))


@main.command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("assets/fonts"), show_default=True)
@click.option("--docs", "docs_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("docs"), show_default=True)
@click.pass_context
def fonts(ctx: click.Context, out_dir: Path, docs_dir: Path) -> None:
    """(Maintainers) Regenerate the web fonts in assets/fonts/ from Debian's Noto fonts.

    Needs the packages fonts-noto-core and fonts-noto-cjk and `pip install -e .[fonts]`.
    """
    from quangba.webfonts import build_webfonts

    written = run_guarded(ctx, lambda: build_webfonts(out_dir, docs_dir, log=console.print))
    console.print(f"Wrote {len(written)} files to {out_dir}")


@main.group()
def i18n() -> None:
    """(Maintainers) Manage the translated interface strings (gettext catalogs)."""


@i18n.command("extract")
def i18n_extract() -> None:
    """Collect the interface strings of the templates and code into messages.pot."""
    from quangba import interface

    console.print(f"Wrote {interface.extract()}")


@i18n.command("update")
@click.option("--lang", "languages", default="vi,en,zh,ko", show_default=True, help="Comma-separated languages.")
def i18n_update(languages: str) -> None:
    """Merge messages.pot into each language's catalog; new strings arrive untranslated."""
    from quangba import interface

    for path in interface.update([code.strip() for code in languages.split(",") if code.strip()]):
        console.print(f"Updated {path}")


@i18n.command("compile")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path(".cache/quangba/locales"), show_default=True)
def i18n_compile(out_dir: Path) -> None:
    """Compile the catalogs to .mo files (the build does this by itself)."""
    from quangba import interface

    for lang, path in interface.compile_catalogs(interface.CATALOGS, out_dir).items():
        console.print(f"{lang}: {path}")


from quangba.editing.cli import check, new  # noqa: E402 - the editors' commands (issue 8)
from quangba.publish.cli import publish  # noqa: E402

main.add_command(new)
main.add_command(check)
main.add_command(publish)


def run_guarded(ctx: click.Context, work):
    """Run work; an unexpected error becomes one readable line unless --debug asks for the trace."""
    try:
        return work()
    except (KeyboardInterrupt, click.exceptions.Exit, SystemExit):
        raise
    except Exception as error:  # noqa: BLE001 - the last line of defence for editors
        if ctx.obj and ctx.obj.get("debug"):
            raise
        if type(error).__name__ == "BuildFailed":
            raise
        report_failure([f"{type(error).__name__}: {error}"], "Run again with 'quangba --debug …' to see the details.")
        sys.exit(2)


def report_failure(problems: list[str], footer: str) -> None:
    console.print(f"[bold red]Build failed[/] with {len(problems)} problem{'s' if len(problems) != 1 else ''}:")
    for problem in problems:
        console.print(f"  • {problem}", highlight=False, markup=False)
    console.print(footer)


# Command groups of their own modules.
from quangba.coverage.cli import coverage  # noqa: E402 - registered after main is defined
from quangba.images.cli import images  # noqa: E402
from quangba.leaflets.cli import leaflets  # noqa: E402

main.add_command(coverage)
main.add_command(images)
main.add_command(leaflets)
