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

from quangba.coverage.project import ProjectError, languages_of, plugin_entries, read_config
from quangba.languages import Languages

DEFAULT_KEEP = 5


class SettingsError(Exception):
    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class PublishSettings:
    project: Path  # folder of mkdocs.yml
    site_dir: Path
    site_url: str
    languages: Languages
    keep: int = DEFAULT_KEEP
    reload_command: str = ""
    cache_dir: str = ".cache/quangba"

    @property
    def lock_file(self) -> Path:
        """The project's build lock: publish reads site/ while no build replaces it."""
        return self.project / self.cache_dir / "build.lock"

    def prefix(self, lang: str) -> str:
        """Where a language's pages are in the site: the default at the root, others in <lang>/."""
        return "" if lang == self.languages.default else f"{lang}/"


def load_settings(config_file: Path) -> PublishSettings:
    if not config_file.is_file():
        raise SettingsError([f"{config_file}: not found (run quangba in the project folder or pass --config)"])
    try:
        config = read_config(config_file)
        i18n = next((s for name, s in plugin_entries(config) if name == "i18n"), None)
        if not isinstance(i18n, dict):
            raise SettingsError([f"{config_file}: the 'i18n' plugin (mkdocs-static-i18n) is not configured under plugins:"])
        languages = languages_of(i18n, config_file)
    except ProjectError as error:
        raise SettingsError([str(p) for p in error.problems]) from None
    quangba = next((s for name, s in plugin_entries(config) if name == "quangba"), None)
    quangba = quangba if isinstance(quangba, dict) else {}
    keep = quangba.get("keep_releases", DEFAULT_KEEP)
    if not isinstance(keep, int) or isinstance(keep, bool) or keep < 1:
        raise SettingsError([f"{config_file}: quangba keep_releases must be a whole number of at least 1, not {keep!r}"])
    reload_command = quangba.get("reload_command") or ""
    if not isinstance(reload_command, str):
        raise SettingsError([f"{config_file}: quangba reload_command must be a command line in quotes"])
    project = config_file.resolve().parent
    return PublishSettings(
        project=project,
        site_dir=project / str(config.get("site_dir") or "site"),
        site_url=normalized_url(str(config.get("site_url") or "")),
        languages=languages,
        keep=keep,
        reload_command=reload_command,
        cache_dir=str(quangba.get("cache_dir") or ".cache/quangba"),
    )


def normalized_url(url: str) -> str:
    return url.rstrip("/") + "/" if url else ""
