"""`quangba new` and `quangba check`: the editors' two everyday commands."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import click
from rich.table import Table

from quangba.cli.terminal import command, config_option, console
from quangba.core.errors import QuangbaError

T = TypeVar("T")


@command()
@click.argument("name", metavar="SECTION/SLUG")
@click.option("--title", required=True, help="The page's Vietnamese title, in quotes.")
@click.option("--description", default=None, help="One sentence saying what the page is about (for search engines and link previews).")
@config_option
@click.pass_context
def new(ctx: click.Context, name: str, title: str, description: str | None, config_file: Path) -> None:
    """Create a page: the Vietnamese file, its three translation stubs, and its place in the menu.

    SECTION/SLUG is the section folder and the page's address, e.g. tourism/tea-villages for
    docs/tourism/tea-villages.vi.md, shown at /tourism/tea-villages/. The translation stubs
    (.en.md, .zh.md, .ko.md) are marked untranslated: readers see the Vietnamese page until a
    translator writes them.
    """
    from quangba.editing.pages import create_page, load_project

    def work() -> None:
        project = load_project(config_file)
        made = create_page(project, name, title, description)
        console.print(f"[green]Created[/] {made.page}:")
        for path in made.files:
            console.print(f"  {path}")
        if made.nav_line:
            console.print(f"Added to the menu: {config_file.name} line {made.nav_line}.")
        if made.note:
            console.print(f"Note: {made.note}.")
        console.print(f"Next: write the page in {made.files[0]}, then run 'quangba serve' to preview it and 'quangba check' before publishing.")

    work()


@command()
@config_option
@click.pass_context
def check(ctx: click.Context, config_file: Path) -> None:
    """Run every check of the build and of the editors' tools, without changing site/.

    The site is built into a temporary folder (front matter, links, facts, images…), then the
    photos, videos, translations (coverage_fail_under in mkdocs.yml) and print sizes are checked.
    Exit status 0 when everything passes, 1 when something must be fixed.
    """
    from quangba.editing.checks import FAILED, PASSED, run_checks

    def work() -> None:
        with console.status("Checking…") as status:
            results = run_checks(config_file, status.update)
        if not console.is_terminal:  # a log or a file: no terminal width to respect
            console.width = max(console.width, 120)
        table = Table(title="quangba check")
        table.add_column("Check")
        table.add_column("Result")
        table.add_column("What was checked")
        colours = {PASSED: "green", FAILED: "red"}
        for result in results:
            colour = colours.get(result.status, "yellow")
            label = result.status + (f" ({len(result.problems)})" if result.problems else "")
            table.add_row(result.name, f"[{colour}]{label}[/]", result.summary)
        console.print(table)
        for result in results:
            if result.problems:
                console.print(f"[bold red]{result.name}: {len(result.problems)} to fix[/]")
                for problem in result.problems:
                    console.print(f"  • {problem}", markup=False)
            for warning in result.warnings:
                console.print(f"  [yellow]warning:[/] {warning}")
        failed = [r for r in results if r.status == FAILED]
        if failed:
            raise QuangbaError([], summary=f"{sum(len(r.problems) for r in failed)} problem(s) to fix before publishing.", advice="site/ was not changed.")
        console.print("[green]Everything checked is fine.[/] site/ was not changed; run 'quangba build' to make it.")

    work()
