"""`python -m quangba.editing new|check …`: the editors' commands on their own (also `quangba new|check`)."""

import click

from quangba.editing.cli import check, new


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def editing() -> None:
    """The editors' commands."""


editing.add_command(new)
editing.add_command(check)
editing(prog_name="quangba")
