"""What the site's features share during a build.

mkdocs-static-i18n runs one MkDocs build per language through the same plugin instance (or, in a
parallel build, one language per process): `lang` is the language being built, and the work that
does not depend on it (checks, facts, catalogs) is done once, on the first pass.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.files import Files

from quangba.config import Settings
from quangba.core.errors import Problem, QuangbaError
from quangba.core.languages import Languages


@dataclass
class SiteState:
    settings: Settings | None = None
    lang: str = ""  # the language being built
    translations: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)
    files: Files | None = None  # this language's files, as the i18n plugin arranged them
    first_pass_done: bool = False  # once per build: what does not depend on the language
    sources_checked: bool = False  # quangba build checks the sources before the build starts
    editor_pages: list[Path] = field(default_factory=list)  # HTML quangba wrote itself (no editor's content in it)
    page_problems: list[Problem] = field(default_factory=list)  # of the page being read; all reported at once
    held: dict[str, str] = field(default_factory=dict)  # docs-relative page -> why it is not published (draft, scheduled, expired)
    head_assets: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)  # page -> (stylesheets, scripts) for its <head>

    @property
    def project(self) -> Settings:
        assert self.settings is not None, "on_config sets the settings first"
        return self.settings

    @property
    def languages(self) -> Languages:
        return self.project.languages

    @property
    def default_language_build(self) -> bool:
        """The build whose folder is the site's root (it writes what every language shares)."""
        return self.lang == self.languages.default

    def language_root(self, lang: str | None = None) -> str:
        """'' for the default language, 'en/' for English: where a language's pages are."""
        lang = lang or self.lang
        return "" if lang == self.languages.default else f"{lang}/"

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def raise_if(self, problems: list[Problem]) -> None:
        if problems:
            raise QuangbaError(problems)
