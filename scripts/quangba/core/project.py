"""What quangba needs of mkdocs.yml: its languages (mkdocs-static-i18n's settings) and the quangba
plugin's raw options, from the file's data (quangba.config reads the file and validates the
options with the plugin's own schema)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quangba.core.errors import UNUSABLE, Problem, QuangbaError
from quangba.core.languages import Languages


@dataclass(frozen=True)
class ProjectFile:
    config_file: Path  # absolute
    data: dict[str, Any]  # the whole file
    languages: Languages
    language_options: dict[str, dict[str, Any]]  # per language: what the i18n plugin overrides (site_name, copyright …)
    plugin: dict[str, Any] | None  # the quangba plugin's options; None when it is not configured
    i18n: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.config_file.parent


def project_file(config_file: Path, data: dict[str, Any]) -> ProjectFile:
    """What quangba needs of mkdocs.yml's settings (read by quangba.config with MkDocs' YAML
    extensions); QuangbaError (exit code 2) names what makes them unusable."""
    shown = Path(config_file.name)
    i18n = i18n_settings(data, shown)
    languages, options = languages_of(i18n, shown)
    plugin = next((settings for name, settings in plugin_entries(data) if name == "quangba"), None)
    if plugin is not None and not isinstance(plugin, dict):
        plugin = {}
    return ProjectFile(config_file.resolve(), data, languages, options, plugin, i18n)


def plugin_entries(config: dict[str, Any]) -> list[tuple[str, Any]]:
    """plugins: as (name, settings) pairs, whether written as a list or as a mapping."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        return list(plugins.items())
    entries: list[tuple[str, Any]] = []
    for item in plugins:
        if isinstance(item, str):
            entries.append((item, {}))
        elif isinstance(item, dict):
            entries.extend(item.items())
    return entries


def i18n_settings(config: dict[str, Any], shown: Path) -> dict[str, Any]:
    for name, settings in plugin_entries(config):
        if name != "i18n":
            continue
        settings = settings if isinstance(settings, dict) else {}
        structure = settings.get("docs_structure", "suffix")
        if structure != "suffix":
            raise QuangbaError([Problem(shown, f"i18n docs_structure is '{structure}': quangba works with 'suffix' (page.en.md beside page.md)")], UNUSABLE)
        return settings
    raise QuangbaError([Problem(shown, "the 'i18n' plugin (mkdocs-static-i18n) is not configured under plugins:")], UNUSABLE)


def languages_of(i18n: dict[str, Any], shown: Path) -> tuple[Languages, dict[str, dict[str, Any]]]:
    entries = i18n.get("languages")
    if not isinstance(entries, list) or not entries:
        raise QuangbaError([Problem(shown, "i18n: no 'languages' listed")], UNUSABLE)
    cleaned = []
    options: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("locale"), str):
            raise QuangbaError([Problem(shown, "i18n: each language needs 'locale: xx'")], UNUSABLE)
        cleaned.append({"locale": entry["locale"], "default": bool(entry.get("default", False))})
        options[entry["locale"]] = {k: v for k, v in entry.items() if k not in ("locale", "default")}
    return Languages.from_i18n(cleaned), options
