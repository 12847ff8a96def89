"""What publishing needs to know about the project, read from mkdocs.yml as plain YAML.

Options of the quangba plugin that only publishing reads (defaults in brackets):

    plugins:
      - quangba:
          keep_releases: 5            # releases kept in DEST/releases [5]; the live one is always kept
          reload_command: ""          # run when the CSP hashes change, e.g. "sudo systemctl reload nginx" [none]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quangba.config import Settings, normalized_url
from quangba.core.languages import Languages

__all__ = ["PublishSettings", "load_settings", "normalized_url"]


@dataclass(frozen=True)
class PublishSettings:
    project: Path  # folder of mkdocs.yml
    site_dir: Path
    site_url: str
    languages: Languages
    keep: int = 5
    reload_command: str = ""
    lock_file: Path = Path(".cache/quangba/build.lock")  # publish reads site/ while no build replaces it

    def prefix(self, lang: str) -> str:
        """Where a language's pages are in the site: the default at the root, others in <lang>/."""
        return "" if lang == self.languages.default else f"{lang}/"


def load_settings(config_file: Path) -> PublishSettings:
    """From quangba.config.Settings (the one reader of mkdocs.yml, its errors and defaults)."""
    settings = Settings.load(config_file)
    return PublishSettings(
        project=settings.root,
        site_dir=settings.site_dir,
        site_url=settings.site_url,
        languages=settings.languages,
        keep=settings.options.keep_releases,
        reload_command=settings.options.reload_command,
        lock_file=settings.lock_file,
    )
