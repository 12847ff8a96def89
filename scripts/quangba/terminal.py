"""What the quangba commands share on the terminal: one console and the --config option."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

# To stderr, so that reports on stdout (JSON, Markdown) stay clean; long paths stay on one line.
console = Console(stderr=True, soft_wrap=True, highlight=False)

config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The site's configuration file.",
)
