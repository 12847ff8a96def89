"""The project a coverage run looks at: languages and folders, read from mkdocs.yml.

mkdocs.yml is read as plain YAML instead of through MkDocs' load_config(): loading the theme and
every plugin takes longer than the whole check, and the check only needs the i18n settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from quangba.core import yamlfile
from quangba.languages import Languages
from quangba.problems import Problem

# The catalogs of quangba's own template strings (written by `quangba` maintainers).
PACKAGE_CATALOGS = Path(__file__).resolve().parents[1] / "locales"


class ProjectError(Exception):
    """The project cannot be checked at all (no config, no i18n plugin, no docs folder)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Project:
    root: Path  # the folder of mkdocs.yml; paths in messages are shown relative to it
    docs_dir: Path
    languages: Languages
    glossary: Path | None  # assets/glossary.yml when it exists
    catalogs: Path | None  # <catalogs>/<lang>/LC_MESSAGES/messages.po
    use_directory_urls: bool = True

    @property
    def source_language(self) -> str:
        return self.languages.default

    def shown(self, path: Path) -> Path:
        """A path as an editor sees it: relative to the project folder when inside it."""
        try:
            return path.resolve().relative_to(self.root.resolve())
        except ValueError:
            return path


# Strict YAML (duplicate keys are errors) that ignores the tags only MkDocs resolves, plus MkDocs' !ENV.
_ConfigLoader = get_yaml_loader(loader=yamlfile.TolerantTagsLoader)


def load_project(
    config_file: Path,
    docs_dir: Path | None = None,
    glossary: Path | None = None,
    catalogs: Path | None = None,
) -> Project:
    """Read mkdocs.yml; docs_dir, glossary and catalogs override what the project would use."""
    parts = read_project_config(config_file)
    config, root, languages, quangba = parts.config, parts.root, parts.languages, parts.quangba
    docs = docs_dir if docs_dir is not None else root / str(config.get("docs_dir") or "docs")
    if not docs.is_dir():
        where = docs if docs_dir is not None else Path(str(config.get("docs_dir") or "docs"))
        raise ProjectError([Problem(where, "docs folder not found")])
    if glossary is None:
        glossary = default_glossary(root, str(quangba.get("assets_dir") or "assets"))
    if catalogs is None and "quangba" in plugin_names(config):
        catalogs = default_catalogs(root, str(quangba.get("catalogs_dir") or ""))
    return Project(
        root=root,
        docs_dir=docs,
        languages=languages,
        glossary=glossary,
        catalogs=catalogs,
        use_directory_urls=bool(config.get("use_directory_urls", True)),
    )


@dataclass(frozen=True)
class ProjectConfig:
    """mkdocs.yml read as plain YAML, with the parts every quangba command needs."""

    config: dict[str, Any]
    root: Path  # the folder of mkdocs.yml
    i18n: dict[str, Any]  # the i18n plugin's settings
    languages: Languages
    quangba: dict[str, Any]  # the quangba plugin's settings ({} when it is not configured)


def read_project_config(config_file: Path) -> ProjectConfig:
    if not config_file.is_file():
        raise ProjectError([Problem(config_file, "not found (run quangba in the project folder or pass --config)")])
    config = read_config(config_file)
    i18n = i18n_settings(config, config_file)
    quangba = dict(next((settings for name, settings in plugin_entries(config) if name == "quangba"), None) or {})
    return ProjectConfig(config, config_file.resolve().parent, i18n, languages_of(i18n, config_file), quangba)


def project_from_mkdocs(config: Any) -> Project:
    """The project of an already loaded MkDocsConfig (used while `quangba build` runs)."""
    config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise ProjectError([Problem(Path(config_file.name), "the 'i18n' plugin (mkdocs-static-i18n) is not configured")])
    languages = Languages.from_i18n(i18n.config.languages)
    root = config_file.parent
    quangba = config.plugins.get("quangba")
    settings = quangba.config if quangba is not None else {}
    return Project(
        root=root,
        docs_dir=Path(config.docs_dir),
        languages=languages,
        glossary=default_glossary(root, str(settings.get("assets_dir") or "assets")),
        catalogs=default_catalogs(root, str(settings.get("catalogs_dir") or "")) if quangba is not None else None,
        use_directory_urls=bool(config.use_directory_urls),
    )


def default_glossary(root: Path, assets_dir: str) -> Path | None:
    path = root / assets_dir / "glossary.yml"
    return path if path.is_file() else None


def default_catalogs(root: Path, catalogs_dir: str) -> Path | None:
    """The quangba plugin's catalogs_dir (relative to mkdocs.yml), or the catalogs quangba ships."""
    path = root / catalogs_dir if catalogs_dir else PACKAGE_CATALOGS
    return path if path.is_dir() else None


def read_config(config_file: Path) -> dict[str, Any]:
    try:
        config = yamlfile.read(config_file, loader=_ConfigLoader).data
    except yamlfile.YamlError as error:
        raise ProjectError([error.problem]) from None
    if not isinstance(config, dict):
        raise ProjectError([Problem(config_file, "must be 'key: value' settings")])
    if "INHERIT" in config:  # MkDocs merges the inherited file; let it do that
        try:
            with config_file.open("rb") as stream:
                config = yaml_load(stream, _ConfigLoader)
        except ConfigurationError as error:
            raise ProjectError([Problem(config_file, str(error))]) from None
    return config


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


def plugin_names(config: dict[str, Any]) -> list[str]:
    return [name for name, _ in plugin_entries(config)]


def i18n_settings(config: dict[str, Any], shown: Path) -> dict[str, Any]:
    for name, settings in plugin_entries(config):
        if name != "i18n":
            continue
        settings = settings if isinstance(settings, dict) else {}
        structure = settings.get("docs_structure", "suffix")
        if structure != "suffix":
            raise ProjectError([Problem(shown, f"i18n docs_structure is '{structure}': coverage works with 'suffix' (page.en.md beside page.md)")])
        return settings
    raise ProjectError([Problem(shown, "the 'i18n' plugin (mkdocs-static-i18n) is not configured under plugins:")])


def languages_of(i18n: dict[str, Any], shown: Path) -> Languages:
    entries = i18n.get("languages")
    if not isinstance(entries, list) or not entries:
        raise ProjectError([Problem(shown, "i18n: no 'languages' listed")])
    cleaned = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("locale"), str):
            raise ProjectError([Problem(shown, "i18n: each language needs 'locale: xx'")])
        cleaned.append({"locale": entry["locale"], "default": bool(entry.get("default", False))})
    return Languages.from_i18n(cleaned)
