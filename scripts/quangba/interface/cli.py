"""`quangba i18n extract|update|compile` (maintainers): the gettext catalogs of the interface strings."""

from __future__ import annotations

from pathlib import Path

import click

from quangba import interface
from quangba.cli.terminal import console, group


@group()
def i18n() -> None:
    """(Maintainers) Manage the translated interface strings (gettext catalogs)."""


@i18n.command("extract")
def i18n_extract() -> None:
    """Collect the interface strings of the templates and code into messages.pot."""
    console.print(f"Wrote {interface.extract()}")


@i18n.command("update")
@click.option("--lang", "languages", default="vi,en,zh,ko", show_default=True, help="Comma-separated languages.")
def i18n_update(languages: str) -> None:
    """Merge messages.pot into each language's catalog; new strings arrive untranslated."""
    for path in interface.update([code.strip() for code in languages.split(",") if code.strip()]):
        console.print(f"Updated {path}")


@i18n.command("compile")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path(".cache/quangba/locales"), show_default=True)
def i18n_compile(out_dir: Path) -> None:
    """Compile the catalogs to .mo files (the build does this by itself)."""
    for lang, path in interface.compile_catalogs(interface.CATALOGS, out_dir).items():
        console.print(f"{lang}: {path}")


@i18n.command("editors")
@click.option("--lang", "languages", default="vi", show_default=True, help="Comma-separated languages.")
def i18n_editors(languages: str) -> None:
    """Bring the editors' message catalogs (core/locales) in step with the code; list what is untranslated."""
    from quangba.interface import editors

    for lang in [code.strip() for code in languages.split(",") if code.strip()]:
        for path in editors.update(lang):
            console.print(f"Updated {path}")
        missing = editors.untranslated(lang)
        for item in missing:
            console.print(f"  {lang}: untranslated: {item.where}: {item.message!r}", markup=False)
        console.print(f"{lang}: {len(missing)} untranslated")
