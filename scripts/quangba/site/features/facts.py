"""{{ fact.KEY }} and {{ facts A, B }} in each page, written the way its language writes figures."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from quangba import facts
from quangba.site.features import Feature, page_problems, page_source
from quangba.site.state import SiteState


class Facts(Feature):
    def __init__(self, state: SiteState) -> None:
        super().__init__(state)
        self.facts: dict[str, facts.Fact] = {}

    def on_config(self, config: MkDocsConfig) -> None:
        settings = self.state.project
        if not self.state.first_pass_done and settings.facts_file is not None:
            self.facts = facts.load_facts(settings.facts_file, settings.languages.all, settings.shown(settings.facts_file))

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        lang = getattr(page.file, "locale", None) or self.state.languages.default
        context = facts.FactContext(self.facts, lang, self.state.languages.default, self.state.gettext)
        expanded, problems = facts.expand(markdown, context, self.state.project.shown(page_source(page)), 1)
        self.state.page_problems += page_problems(problems, page, self.state)
        return expanded
