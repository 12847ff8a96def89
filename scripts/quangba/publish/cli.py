"""`quangba publish`: put the last successful build on the portal, roll it back, list releases."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import click
from rich.console import Console
from rich.table import Table

from quangba.cli.terminal import command, config_option, console
from quangba.publish.destination import Release

T = TypeVar("T")


@command()
@click.argument("dest", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("--rollback", is_flag=True, help="Switch DEST back to the release published before the live one.")
@click.option("--list", "list_only", is_flag=True, help="List the releases in DEST; the live one is marked.")
@click.option(
    "--archive",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the site and its manifest to this .tar.gz instead (for portals that take uploads).",
)
@click.option("--keep", type=click.IntRange(min=1), default=None, help="Releases to keep in DEST.  [default: keep_releases in mkdocs.yml, else 5]")
@click.option(
    "--site-dir", type=click.Path(path_type=Path, file_okay=False), default=None, help="Publish this built site.  [default: site_dir of the configuration]"
)
@click.option("--site-url", default=None, help="The address the site was built for, when not site_url of the configuration (a staging server).")
@click.option(
    "--reload-command",
    default=None,
    help='Command that makes the web server reread its settings, run when the security policy changes (e.g. "sudo systemctl reload nginx").',
)
@config_option
@click.pass_context
def publish(
    ctx: click.Context,
    dest: Path | None,
    rollback: bool,
    list_only: bool,
    archive: Path | None,
    keep: int | None,
    site_dir: Path | None,
    site_url: str | None,
    reload_command: str | None,
    config_file: Path,
) -> None:
    """Publish the last successful build (site/) to DEST, the folder the web server serves.

    The site is copied into DEST/releases/<time>-<commit>, checked file by file, and only then
    made live by switching the link DEST/current. If anything fails, the live site stays as it
    was. Old releases are kept for --rollback.
    """
    if sum(map(bool, (rollback, list_only, archive))) > 1:
        raise click.UsageError("choose one of --rollback, --list and --archive")
    if archive is None and dest is None:
        raise click.UsageError("name the publishing folder DEST (e.g. /srv/quangba), or use --archive FILE.tar.gz")
    if archive is not None and dest is not None:
        raise click.UsageError("--archive writes a file instead of publishing to DEST: give one or the other")
    if list_only:
        guarded(ctx, lambda: show_releases(dest))  # type: ignore[arg-type]
    elif rollback:
        guarded(ctx, lambda: do_rollback(dest, config_file, reload_command))  # type: ignore[arg-type]
    elif archive is not None:
        guarded(ctx, lambda: do_archive(config_file, archive, site_dir, site_url))
    else:
        guarded(ctx, lambda: do_publish(dest, config_file, site_dir, site_url, keep, reload_command))  # type: ignore[arg-type]


def do_publish(dest: Path, config_file: Path, site_dir: Path | None, site_url: str | None, keep: int | None, reload_command: str | None) -> None:
    from quangba.publish.publisher import publish
    from quangba.publish.settings import load_settings

    settings = load_settings(config_file)
    switched: list[Release] = []
    try:
        with console.status("Publishing…") as status:
            result = publish(
                settings,
                site_dir or settings.site_dir,
                dest,
                site_url or settings.site_url,
                keep or settings.keep,
                settings.reload_command if reload_command is None else reload_command,
                report=status.update,
                on_switched=switched.append,
            )
    except KeyboardInterrupt:
        if switched:
            console.print(f"[yellow]Interrupted after {switched[0].name} went live;[/] the next publish finishes removing old releases.")
        else:
            console.print("[yellow]Interrupted.[/] The live site was not changed; the next publish removes the partial copy.")
        sys.exit(130)
    for note in result.notes:
        console.print(f"  [yellow]note:[/] {note}")
    contents = result.contents
    console.print(
        f"[green]Published[/] {result.release.name}: {contents.files} files ({contents.bytes / 1_000_000:.1f} MB), "
        f"checked against its SHA-256 manifest; {dest}/current points to it."
    )
    if result.previous is not None:
        console.print(f"To go back to the previous release ({result.previous.name}): quangba publish {dest} --rollback")
    if result.removed:
        console.print(f"Removed old releases: {', '.join(result.removed)}")


def do_rollback(dest: Path, config_file: Path, reload_command: str | None) -> None:
    from quangba.publish.publisher import rollback

    if reload_command is None:  # rollback works on a server without the project: the configuration is optional
        from quangba.publish.settings import load_settings

        reload_command = load_settings(config_file).reload_command if config_file.is_file() else ""
    try:
        with console.status("Rolling back…") as status:
            was, now = rollback(dest, reload_command, report=status.update)
    except KeyboardInterrupt:
        console.print("[yellow]Interrupted.[/] The live site was not changed.")
        sys.exit(130)
    console.print(f"[green]Rolled back[/]: {dest}/current points to {now.name} again (was {was.name}).")


def do_archive(config_file: Path, archive: Path, site_dir: Path | None, site_url: str | None) -> None:
    from quangba.publish.archive import write_archive
    from quangba.publish.settings import load_settings

    settings = load_settings(config_file)
    try:
        with console.status("Writing the archive…") as status:
            name, contents = write_archive(settings, site_dir or settings.site_dir, archive, site_url or settings.site_url, report=status.update)
    except KeyboardInterrupt:
        console.print("[yellow]Interrupted.[/] No archive was written.")
        sys.exit(130)
    console.print(f"[green]Wrote[/] {archive}: release {name}, {contents.files} files and their SHA-256 manifest ({name}/.quangba/manifest.sha256).")


def show_releases(dest: Path) -> None:
    from quangba.publish.publisher import list_releases

    releases, leftovers = list_releases(dest)
    out = Console(highlight=False, soft_wrap=True)
    if not releases:
        out.print(f"No releases in {dest}/releases yet.")
    else:
        table = Table(title=f"Releases in {dest}")
        for column in ("Release", "Live", "Commit", "Files", "Size"):
            table.add_column(column, justify="right" if column in ("Files", "Size") else "left")
        for release in releases:
            info = release.info
            commit = str(info.get("git_commit") or "—") + (" (+ changes)" if info.get("git_uncommitted_changes") else "")
            size = f"{info['bytes'] / 1_000_000:.1f} MB" if isinstance(info.get("bytes"), int) else "—"
            live = "[green]● live[/]" if release.live else ("[red]incomplete[/]" if not release.complete else "")
            table.add_row(release.name, live, commit, str(info.get("files", "—")), size)
        out.print(table)
    for name in leftovers:
        out.print(f"[yellow]Left over from an interrupted run:[/] releases/{name} (the next publish removes it)")


def guarded(ctx: click.Context, work: Callable[[], T]) -> T:
    """Run work with `kill` (SIGTERM) stopping it like Ctrl+C (the partial copy is removed);
    problems are printed by the shared handler (quangba.cli.terminal)."""
    with sigterm_as_interrupt():
        return work()


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """`kill` (SIGTERM) stops a publish as cleanly as Ctrl+C: the partial copy is removed."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not in the main thread (e.g. a test runner): keep the default
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
