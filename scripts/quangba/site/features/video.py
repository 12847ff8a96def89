"""{{ video NAME }}: a local poster and the title in the page's language; the player of
youtube-nocookie.com only after a click. The pages that show one load its script and style in
their <head> (never in the content, where quangba.site.features.sanitize allows no script)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from quangba import video
from quangba.site.features import Feature, page_problems, page_source
from quangba.site.state import SiteState


class Video(Feature):
    def __init__(self, state: SiteState) -> None:
        super().__init__(state)
        self.videos: dict[str, video.Video] = {}

    def on_config(self, config: MkDocsConfig) -> None:
        settings = self.state.project
        if not self.state.first_pass_done:
            self.videos, problems = video.load_videos(settings.assets_dir, settings.languages.all, settings.shown(settings.assets_dir))
            self.state.raise_if(problems)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        lang = getattr(page.file, "locale", None) or self.state.languages.default
        context = video.VideoContext(self.videos, lang, self.state.languages.default, self.state.gettext, page.url)
        expanded, problems = video.expand(markdown, context, self.state.project.shown(page_source(page)), 1)  # first: it keeps the line count
        self.state.page_problems += page_problems(problems, page, self.state)
        if video.has_video(expanded):
            assets = self.state.head_assets.setdefault(page.file.src_uri, ([], []))
            assets[0].append(get_relative_url("assets/" + video.STYLESHEET, page.url))
            assets[1].append(get_relative_url("assets/" + video.SCRIPT, page.url))
        return expanded
