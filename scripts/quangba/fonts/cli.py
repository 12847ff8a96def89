"""`quangba fonts` (maintainers): regenerate the self-hosted web fonts."""

from __future__ import annotations

from pathlib import Path

import click

from quangba.cli.terminal import command, console


@command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("assets/fonts"), show_default=True)
@click.option("--docs", "docs_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("docs"), show_default=True)
def fonts(out_dir: Path, docs_dir: Path) -> None:
    """(Maintainers) Regenerate the web fonts in assets/fonts/ from Debian's Noto fonts.

    Needs the Debian packages fonts-noto-core and fonts-noto-cjk.
    """
    from quangba.fonts import build_webfonts

    written = build_webfonts(out_dir, docs_dir, log=console.print)
    console.print(f"Wrote {len(written)} files to {out_dir}")
