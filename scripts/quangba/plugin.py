"""The quangba MkDocs plugin: what the stock MkDocs + Material + i18n stack does not do for us.

- publishes the project's top-level ``assets/`` (fonts, photos, logo) under ``/assets/``;
- checks every source page before the build: a language suffix the site does not have
  (``page.jp.md``) or front matter that is not valid YAML stops the build with the file and line,
  where MkDocs would silently skip the page or show the broken YAML as text;
- expands the facts syntax ({{ fact.KEY }}, {{ facts A, B }}) in each page's language;
- lists news items per language ({{ news }}) and writes an Atom feed per language;
- gives the templates translated interface strings (gettext) and localized dates.

The i18n plugin runs one MkDocs build per language through this same plugin instance, so the
work that does not depend on the language (checks, facts, catalogs) is done once.
"""

from __future__ import annotations

import datetime as dt
import gettext
import logging
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from quangba import formatting, frontmatter, interface, news
from quangba.config import QuangbaConfig
from quangba.facts import Fact, load_facts
from quangba.languages import Languages, split_suffix
from quangba.markdown_facts import FactContext, expand
from quangba.problems import InputError, Problem

# Not under "mkdocs": these warnings are shown to the editor but do not fail a strict build.
log = logging.getLogger("quangba")


class QuangbaPlugin(BasePlugin[QuangbaConfig]):
    def __init__(self) -> None:
        self.languages: Languages | None = None
        self.project_dir = Path.cwd()
        self.checked = False
        self.facts: dict[str, Fact] = {}
        self.compiled: dict[str, Path] = {}
        self.lang = ""  # the language being built
        self.translations: gettext.NullTranslations = gettext.NullTranslations()
        self.files: Files | None = None

    # -- once per build --------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.project_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError("mkdocs.yml: the 'i18n' plugin (mkdocs-static-i18n) is not configured")
        self.languages = Languages.from_i18n(i18n.config.languages)
        if self.checked:
            return config
        for code in self.languages.all:
            try:
                formatting.locale_for(code)
            except formatting.UnknownLanguage as error:
                raise PluginError(f"mkdocs.yml: {error}") from None
        if self.config.facts_file:
            path = self.project_dir / self.config.facts_file
            self.facts = load_facts(path, self.languages.all, Path(self.config.facts_file))
        catalogs = Path(self.config.catalogs_dir) if self.config.catalogs_dir else interface.CATALOGS
        self.compiled = interface.compile_catalogs(self.project_dir / catalogs, self.project_dir / self.config.cache_dir / "locales")
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        assert self.languages is not None
        self.lang = config.theme["language"]  # set by the i18n plugin for this language's build
        self.translations = interface.translations(self.lang, self.languages.default, self.compiled)
        if not self.checked:
            self.check_sources(files, config)
            self.checked = True
        for file in self.asset_files(config):
            files.append(file)
        return files

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment | None:
        if not self.config.enabled:
            return None
        self.files = files  # this language's files, as the i18n plugin arranged them
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(self.translations, newstyle=True)  # type: ignore[attr-defined]
        env.filters["quangba_date"] = lambda value: formatting.date(as_date(value), self.lang)
        return env

    # -- once per page ---------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        assert self.languages is not None
        page_lang = getattr(page.file, "locale", None) or self.languages.default
        source = Path(page.file.abs_src_path)
        shown = self.relative(source)
        first_line = frontmatter.read(source, shown).content_line
        context = FactContext(self.facts, page_lang, self.languages.default, self.translations.gettext)
        markdown, problems = expand(markdown, context, shown, first_line)
        if news.NEWS_LIST in markdown:
            items = news.news_items(files, self.config.news_section, page_lang)
            markdown = markdown.replace(news.NEWS_LIST, news.news_list_markdown(items, page.file.src_uri, page_lang, self.translations.gettext))
        if problems:
            raise InputError(problems)
        return markdown

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):  # noqa: ANN001 - MkDocs' types
        if not self.config.enabled:
            return None
        assert self.languages is not None
        context["quangba_feed_url"] = get_relative_url(news.feed_path(self.lang, self.languages.default), page.url)
        return context

    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.files is None:
            return
        assert self.languages is not None
        site_url = (config.site_url or "").rstrip("/") + "/"
        relative = news.feed_path(self.lang, self.languages.default)
        news_word = self.translations.gettext("News")
        news.write_feed(
            news.news_items(self.files, self.config.news_section, self.lang),
            Path(config.site_dir) / relative,
            site_url=site_url + ("" if self.lang == self.languages.default else f"{self.lang}/"),
            feed_url=site_url + relative,
            title=f"{config.site_name} – {news_word}",
            author=config.site_author or config.site_name,
            lang=self.lang,
            page_url=lambda item: site_url + item.file.url,
        )

    # -- source checks -------------------------------------------------------------------

    def check_sources(self, files: Files, config: MkDocsConfig) -> None:
        assert self.languages is not None
        problems: list[Problem] = []
        for file in files.documentation_pages():
            shown = self.relative(Path(file.abs_src_path))
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


def as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def unknown_suffix_message(suffix: str, languages: Languages) -> str:
    known = ", ".join(languages.all)
    return (
        f"language suffix '.{suffix}' is not one of the site's languages ({known}); "
        f"rename the file (for example to '.{languages.default}.md') or add the language in mkdocs.yml"
    )
