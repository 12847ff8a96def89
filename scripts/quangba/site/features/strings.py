"""Interface strings (gettext) and dates in the reader's language, for the templates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from quangba import facts, interface
from quangba.core.errors import UNUSABLE, Problem, QuangbaError
from quangba.site.features import Feature
from quangba.site.state import SiteState


class Strings(Feature):
    def __init__(self, state: SiteState) -> None:
        super().__init__(state)
        self.compiled: dict[str, Path] = {}

    def on_config(self, config: MkDocsConfig) -> None:
        if self.state.first_pass_done:
            return
        settings = self.state.project
        if not config.site_url:
            raise QuangbaError([Problem(Path(settings.config_file.name), "site_url is not set; it is needed for the canonical and hreflang links")], UNUSABLE)
        for code in settings.languages.all:
            try:
                facts.locale_for(code)
            except QuangbaError as error:
                raise QuangbaError([Problem(Path(settings.config_file.name), str(p)) for p in error.problems], UNUSABLE) from None
        self.compiled = interface.compile_catalogs(settings.catalogs, settings.cache_dir / "locales")

    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        self.state.translations = interface.translations(self.state.lang, self.state.languages.default, self.compiled)

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        self.state.files = files  # this language's files, as the i18n plugin arranged them
        env.auto_reload = False  # templates do not change during a build: skip a stat per include
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(self.state.translations, newstyle=True)  # type: ignore[attr-defined]
        env.filters["quangba_date"] = lambda value: facts.date(as_date(value), self.state.lang)
        return env


def as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
