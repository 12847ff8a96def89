"""The `quangba` command: what editors and the webmaster run.

Each capability has its own cli module (it parses arguments and prints; the work is in the
capability); this root group only knows their names and loads a command's module when the
command runs, so that `quangba --help` and every command start quickly. Problems are printed by
one handler, with the exit codes of quangba.core.errors.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from quangba import __version__
from quangba.cli.terminal import Group

# name -> "module:attribute", in the order of `quangba --help`.
COMMANDS = {
    "build": "quangba.site.cli:build",
    "serve": "quangba.site.cli:serve",
    "new": "quangba.editing.cli:new",
    "check": "quangba.editing.cli:check",
    "coverage": "quangba.coverage.cli:coverage",
    "images": "quangba.images.cli:images",
    "leaflets": "quangba.leaflets.cli:leaflets",
    "publish": "quangba.publish.cli:publish",
    "i18n": "quangba.interface.cli:i18n",
    "fonts": "quangba.fonts.cli:fonts",
}


class Quangba(Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute = COMMANDS[name].split(":")
        command: Any = getattr(importlib.import_module(module), attribute)
        return command


@click.group(cls=Quangba, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quangba")
@click.option("--debug", is_flag=True, help="Show the full Python error when something unexpected fails.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build and check the province's foreign-information site and its print products."""
    ctx.obj = {"debug": debug}
