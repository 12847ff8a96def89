"""The project a coverage run looks at: its languages and folders (from quangba.config.Settings,
the one reader of mkdocs.yml, which does not load MkDocs' theme or plugins: the check stays fast).

Coverage also works on a project without the quangba plugin (any mkdocs-static-i18n project with
the suffix structure); the command line may point it at another docs folder, glossary or catalogs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quangba.config import Settings
from quangba.core import files
from quangba.core.errors import UNUSABLE, Problem, QuangbaError
from quangba.core.languages import Languages


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
        return files.shown(path, self.root)


def load_project(config_file: Path, docs_dir: Path | None = None, glossary: Path | None = None, catalogs: Path | None = None) -> Project:
    """The project of mkdocs.yml; docs_dir, glossary and catalogs override what it would use."""
    project = of_settings(Settings.load(config_file), glossary, catalogs)
    if docs_dir is not None:
        project = Project(project.root, docs_dir, project.languages, project.glossary, project.catalogs, project.use_directory_urls)
    if not project.docs_dir.is_dir():
        where = docs_dir if docs_dir is not None else project.shown(project.docs_dir)
        raise QuangbaError([Problem(where, "docs folder not found")], UNUSABLE)
    return project


def project_from_mkdocs(config: Any) -> Project:
    """The project of an already loaded MkDocsConfig (used while `quangba build` runs)."""
    return of_settings(Settings.from_mkdocs(config))


def of_settings(settings: Settings, glossary: Path | None = None, catalogs: Path | None = None) -> Project:
    if catalogs is None and settings.plugin_enabled:
        catalogs = settings.catalogs if settings.catalogs.is_dir() else None
    return Project(
        root=settings.root,
        docs_dir=settings.docs_dir,
        languages=settings.languages,
        glossary=glossary if glossary is not None else settings.glossary,
        catalogs=catalogs,
        use_directory_urls=settings.use_directory_urls,
    )
