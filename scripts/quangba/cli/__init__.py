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
from quangba.core import messages
from quangba.core.messages import later, t

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


ROOT_HELP = later("Build and check the province's foreign-information site and its print products.")


class Quangba(Group):
    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The root's texts exist before --lang is read: translated when shown.
        self.help = t(ROOT_HELP)
        for param in self.params:
            if isinstance(param, click.Option) and param.help:
                param.help = t(param.help)
        super().format_help(ctx, formatter)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute = COMMANDS[name].split(":")
        command: Any = getattr(importlib.import_module(module), attribute)
        return command


def choose_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """Eager: the language is set before a command's module (and its help) is loaded."""
    if value:
        messages.use(value)


@click.group(cls=Quangba, help=ROOT_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quangba")
@click.option(
    "--lang",
    type=click.Choice(messages.spoken()),
    is_eager=True,
    expose_value=False,
    callback=choose_language,
    help=later("Language of the messages: vi (the default) or en; also QUANGBA_LANG or the locale (LANG)."),
)
@click.option("--debug", is_flag=True, help=later("Show the full Python error when something unexpected fails."))
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    ctx.obj = {"debug": debug}
