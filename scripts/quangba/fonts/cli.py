"""`quangba fonts` (maintainers): regenerate the project's font catalog."""

from __future__ import annotations

from pathlib import Path

import click

from quangba.cli.terminal import command, console


@command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("assets/fonts"), show_default=True)
@click.option("--docs", "docs_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("docs"), show_default=True)
@click.option(
    "--system-fonts",
    "system_fonts",
    type=click.Path(path_type=Path, file_okay=False),
    multiple=True,
    help="Folder(s) holding Debian's font packages' files (default /usr/share/fonts).",
)
def fonts(out_dir: Path, docs_dir: Path, system_fonts: tuple[Path, ...]) -> None:
    """(Maintainers) Regenerate the fonts and fonts.css in assets/fonts/ from Debian's fonts.

    Needs the Debian packages fonts-noto-core, fonts-noto-cjk, fonts-liberation,
    fonts-roboto-unhinted and fonts-dejavu-core (or their files, with --system-fonts).
    """
    from quangba.fonts.generate import SYSTEM_FONTS, build_webfonts

    written = build_webfonts(out_dir, docs_dir, log=console.print, system_fonts=system_fonts or SYSTEM_FONTS)
    console.print(f"Wrote {len(written)} files to {out_dir}")
