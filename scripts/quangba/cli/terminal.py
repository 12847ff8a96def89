"""What every quangba command shares on the terminal: one console, the --config option, and the
one error handler (every command reports problems the same way, with the same exit codes).

Commands are made with ``@command()`` and ``@group()`` from here: their run is wrapped by
``handled()``, also when a test invokes a command group on its own.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.text import Text

from quangba.core.errors import INTERNAL, INTERRUPTED, UNUSABLE, QuangbaError
from quangba.core.messages import later, t, tn

# To stderr, so that reports on stdout (JSON, Markdown) stay clean; long paths stay on one line.
console = Console(stderr=True, soft_wrap=True, highlight=False)

config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("mkdocs.yml"),
    show_default=True,
    help=t("The site's configuration file."),
)

OS_REASONS = {
    errno.EACCES: later("permission denied"),
    errno.EPERM: later("operation not permitted"),
    errno.EROFS: later("the disk is read-only"),
    errno.ENOSPC: later("the disk is full (No space left on device)"),
    errno.EDQUOT: later("the disk quota is used up"),
    errno.ENOENT: later("no such file or folder"),
}


def print_error(error: QuangbaError) -> None:
    """The summary, then each problem on its own line (file:line: message), then the advice."""
    summary = error.summary or (t("Stopped") if len(error.problems) != 1 else "")
    if summary:
        count = tn(" with {count} problem", " with {count} problems", len(error.problems)) if len(error.problems) > 1 else ""
        ends = summary[-1] in ".:!?"  # a sentence of its own ("Not published: …."): as it is
        console.print(Text.assemble((summary, "bold red"), "" if ends or not error.problems else f"{count}:"))
        for problem in error.problems:
            console.print(f"  • {problem}", highlight=False, markup=False)
    else:
        console.print(Text.assemble((t("error: "), "bold red"), str(error.problems[0])))
    if error.advice:
        console.print(error.advice, highlight=False, markup=False)


def debugging() -> bool:
    context = click.get_current_context(silent=True)
    return bool(context and (context.find_root().obj or {}).get("debug"))


@contextmanager
def handled() -> Iterator[None]:
    """QuangbaError: its problems and exit code. An OSError: the file and the reason (exit 2).
    Anything else is a bug: one line (exit 3), or the whole trace with `quangba --debug`."""
    try:
        yield
    except QuangbaError as error:
        print_error(error)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        console.print(Text(t("Interrupted."), style="yellow"))
        sys.exit(INTERRUPTED)
    except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
        raise
    except OSError as error:
        if debugging():
            raise
        where = f"{error.filename}: " if error.filename else ""
        reason = OS_REASONS.get(error.errno or 0)
        console.print(Text.assemble((t("error: "), "bold red"), f"{where}{t(reason) if reason else error.strerror or str(error)}"))
        sys.exit(UNUSABLE)
    except Exception as error:
        if debugging():
            raise
        console.print(Text.assemble((t("quangba stopped because of a fault of its own: "), "bold red"), f"{type(error).__name__}: {error}"))
        console.print(t("Please report it, with what you ran; `quangba --debug …` shows the details."))
        sys.exit(INTERNAL)


class Command(click.Command):
    def invoke(self, ctx: click.Context) -> Any:
        with handled():
            return super().invoke(ctx)


class Group(click.Group):
    command_class = Command
    group_class = type

    def invoke(self, ctx: click.Context) -> Any:
        with handled():
            return super().invoke(ctx)


def command(*args: Any, **kwargs: Any) -> Any:
    kwargs.setdefault("cls", Command)
    kwargs.setdefault("context_settings", {"help_option_names": ["-h", "--help"]})
    return click.command(*args, **kwargs)


def group(*args: Any, **kwargs: Any) -> Any:
    kwargs.setdefault("cls", Group)
    kwargs.setdefault("context_settings", {"help_option_names": ["-h", "--help"]})
    return click.group(*args, **kwargs)
