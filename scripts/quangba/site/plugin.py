"""The quangba MkDocs plugin: a dispatcher. Each MkDocs event goes to the features that need it
(quangba.site.features, one module per concern), in FEATURES order; a feature returning a value
(the config, the files, the Markdown, the HTML) hands it to the next. A new site feature is one
module in features/ and one line in FEATURES.

The i18n plugin runs one MkDocs build per language through this same instance (see SiteState);
problems (QuangbaError) reach MkDocs as its PluginError, so `mkdocs build` and `mkdocs serve`
report them like `quangba build` does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from quangba.config import QuangbaConfig, Settings
from quangba.core.errors import QuangbaError
from quangba.site.features import Feature
from quangba.site.features.assets import Assets
from quangba.site.features.events import Events
from quangba.site.features.facts import Facts
from quangba.site.features.fragments import Fragments
from quangba.site.features.images import Images
from quangba.site.features.inline import Inline
from quangba.site.features.landing import Landing
from quangba.site.features.languages import Languages
from quangba.site.features.leaflets import Leaflets
from quangba.site.features.mediakit import MediaKit
from quangba.site.features.news import News
from quangba.site.features.notfound import NotFound
from quangba.site.features.sanitize import Sanitize
from quangba.site.features.search import Search
from quangba.site.features.sharecards import ShareCards
from quangba.site.features.sitemap import Sitemap
from quangba.site.features.sources import Sources, check_inputs
from quangba.site.features.status import Status
from quangba.site.features.strings import Strings
from quangba.site.features.structured import StructuredData
from quangba.site.features.video import Video
from quangba.site.features.webfonts import Webfonts
from quangba.site.state import SiteState

# The order matters within an event: checks first; the video shorthand before the facts (it keeps
# the line count); content checked before the images rewrite it; the record of inline code last.
FEATURES: list[type[Feature]] = [
    Sources,
    Strings,
    Search,
    Assets,
    Sanitize,
    Video,
    Facts,
    Leaflets,
    MediaKit,
    News,
    Events,
    Landing,
    Languages,
    ShareCards,
    Images,
    Fragments,
    StructuredData,
    Sitemap,
    Webfonts,
    NotFound,
    Status,
    Inline,
]


class QuangbaPlugin(BasePlugin[QuangbaConfig]):
    def __init__(self) -> None:
        self.state = SiteState()
        self.features = [feature(self.state) for feature in FEATURES]

    def check_inputs(self, config: MkDocsConfig) -> list[str]:
        """Every source and shared input, before anything is built (quangba build calls this
        before the leaflets): QuangbaError with every problem, or the warnings."""
        self.state.settings = self.state.settings or Settings.from_mkdocs(config)
        warnings = check_inputs(self.state.project)
        self.state.sources_checked = True
        return warnings

    def dispatch(self, event: str, value: Any, *args: Any) -> Any:
        """Call each feature's handler of event; a returned value replaces value for the next."""
        if not self.config.enabled:
            return None
        try:
            for feature in self.features:
                handler: Callable[..., Any] | None = getattr(feature, event, None)
                if handler is not None:
                    result = handler(value, *args)
                    value = value if result is None else result
        except QuangbaError as error:
            raise PluginError(str(error)) from error
        return value

    # -- the events ----------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if self.config.enabled and self.state.settings is None:
            self.state.settings = Settings.from_mkdocs(config)
        return self.dispatch("on_config", config)

    def on_files(self, files: Any, config: MkDocsConfig) -> Any:
        self.state.lang = config.theme["language"]  # set by the i18n plugin for this language's build
        files = self.dispatch("on_files", files, config)
        self.state.first_pass_done = True
        return files

    def on_env(self, env: Any, config: MkDocsConfig, files: Any) -> Any:
        return self.dispatch("on_env", env, config, files)

    def on_page_markdown(self, markdown: str, page: Any, config: MkDocsConfig, files: Any) -> str | None:
        self.state.page_problems = []
        markdown = self.dispatch("on_page_markdown", markdown, page, config, files)
        if self.state.page_problems:  # every problem of the page at once
            raise PluginError(str(QuangbaError(self.state.page_problems))) from QuangbaError(self.state.page_problems)
        return markdown

    def on_page_content(self, html: str, page: Any, config: MkDocsConfig, files: Any) -> str | None:
        return self.dispatch("on_page_content", html, page, config, files)

    def on_page_context(self, context: Any, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        return self.dispatch("on_page_context", context, page, config, nav)

    def on_post_page(self, output: str, page: Any, config: MkDocsConfig) -> str | None:
        return self.dispatch("on_post_page", output, page, config)

    def on_template_context(self, context: Any, template_name: str, config: MkDocsConfig) -> Any:
        return self.dispatch("on_template_context", context, template_name, config)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str | None:
        return self.dispatch("on_post_template", output, template_name, config)

    @event_priority(-50)  # after Material's search plugin has written this language's index
    def language_built(self, config: MkDocsConfig) -> None:
        self.dispatch("on_post_build", config)

    @event_priority(-110)  # after mkdocs-static-i18n (-100) has built the other languages
    def site_built(self, config: MkDocsConfig) -> None:
        self.dispatch("on_site_built", config)

    on_post_build = CombinedEvent(language_built, site_built)
