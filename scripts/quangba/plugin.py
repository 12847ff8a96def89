"""The quangba MkDocs plugin: what the stock MkDocs + Material + i18n stack does not do for us.

- publishes the project's top-level ``assets/`` (fonts, photos, logo) under ``/assets/``;
- checks every source page before the build: a language suffix the site does not have
  (``page.jp.md``) or front matter that is not valid YAML stops the build with the file and line,
  where MkDocs would silently skip the page or show the broken YAML as text.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from quangba import frontmatter
from quangba.config import QuangbaConfig
from quangba.languages import Languages, split_suffix
from quangba.problems import InputError, Problem

log = get_plugin_logger(__name__)


class QuangbaPlugin(BasePlugin[QuangbaConfig]):
    def __init__(self) -> None:
        self.languages: Languages | None = None
        self.project_dir = Path.cwd()
        self.checked = False  # the i18n plugin runs one build per language; check sources once

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.project_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError("mkdocs.yml: the 'i18n' plugin (mkdocs-static-i18n) is not configured")
        self.languages = Languages.from_i18n(i18n.config.languages)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        if not self.checked:
            self.check_sources(files, config)
            self.checked = True
        for file in self.asset_files(config):
            files.append(file)
        return files

    # -- source checks -------------------------------------------------------------------

    def check_sources(self, files: Files, config: MkDocsConfig) -> None:
        assert self.languages is not None
        docs_dir = Path(config.docs_dir)
        shown_root = self.relative(docs_dir)
        problems: list[Problem] = []
        for file in files.documentation_pages():
            shown = shown_root / file.src_uri
            _, suffix = split_suffix(file.src_uri)
            if suffix is not None and suffix not in self.languages.all:
                problems.append(Problem(shown, unknown_suffix_message(suffix, self.languages)))
                continue
            try:
                frontmatter.read(Path(file.abs_src_path), shown)
            except frontmatter.FrontMatterError as error:
                problems.append(error.problem)
        if problems:
            raise InputError(problems)

    def relative(self, path: Path) -> Path:
        try:
            return path.resolve().relative_to(self.project_dir)
        except ValueError:
            return path

    # -- published assets ----------------------------------------------------------------

    def asset_files(self, config: MkDocsConfig) -> list[File]:
        assets = self.project_dir / self.config.assets_dir
        found: dict[str, File] = {}
        for pattern in self.config.publish:
            matches = sorted(p for p in assets.glob(pattern) if p.is_file())
            if not matches and not any(ch in pattern for ch in "*?["):
                raise PluginError(f"{self.config.assets_dir}/{pattern}: file not found (listed in mkdocs.yml under quangba: publish)")
            for path in matches:
                src_path = "assets/" + path.relative_to(assets).as_posix()
                found[src_path] = File.generated(config, src_path, abs_src_path=str(path))
        return list(found.values())


def unknown_suffix_message(suffix: str, languages: Languages) -> str:
    known = ", ".join(languages.all)
    return (
        f"language suffix '.{suffix}' is not one of the site's languages ({known}); "
        f"rename the file (for example to '.{languages.default}.md') or add the language in mkdocs.yml"
    )
