"""The quangba MkDocs plugin: what the stock MkDocs + Material + i18n stack does not do for us.

- publishes the project's top-level ``assets/`` (fonts, photos, logo) under ``/assets/``;
- checks every source page before the build: a language suffix the site does not have
  (``page.jp.md``) or front matter that is not valid YAML stops the build with the file and line,
  where MkDocs would silently skip the page or show the broken YAML as text;
- expands the facts syntax ({{ fact.KEY }}, {{ facts A, B }}) in each page's language;
- lists news items per language ({{ news }}) and writes an Atom feed per language;
- gives the templates translated interface strings (gettext) and localized dates;
- tells search engines and readers in which languages a page really exists: absolute hreflang
  and canonical links, a sitemap of real translations only, Open Graph tags, a notice (and
  noindex) on pages shown in Vietnamese for want of a translation, and a switcher that says so;
- keeps one search index and one 404 page per language, where the stock stack keeps one in all.

The i18n plugin runs one MkDocs build per language through this same plugin instance, so the
work that does not depend on the language (checks, facts, catalogs) is done once.
"""

from __future__ import annotations

import datetime as dt
import gettext
import json
import logging
import re
from copy import deepcopy
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from quangba import formatting, frontmatter, interface, news, sanitize, search_index, sitemap, sources, video
from quangba.core import inputs
from quangba.publish import csp
from quangba.leaflets import site as leaflet_site
from quangba.leaflets.build import read_manifest
from quangba.alternates import PageLanguages, language_name, og_locale, page_languages
from quangba.config import QuangbaConfig
from quangba.editing.stubs import stub_pages
from quangba.facts import Fact, load_facts
from quangba.images.library import load_library
from quangba.images.site import SiteImages
from quangba.images.source import PhotoError, read_header
from quangba.languages import Languages, split_suffix
from quangba.markdown_facts import FactContext, expand
from quangba.problems import InputError, Problem

# Not under "mkdocs": these warnings are shown to the editor but do not fail a strict build.
log = logging.getLogger("quangba")
# Under "mkdocs": problems of the site's structure, which a strict build must not let through.
strict_log = get_plugin_logger("quangba")
FIRST_IMAGE = re.compile(r'<img[^>]+src="([^"]+)"')
# Front-matter texts the theme prints into the page and its <head>: escaped once, here, so that
# every template (Material's print them raw) shows them as text, never as markup.
TEXT_META = ("title", "description", "author")
INLINE_FILE = ".quangba-inline.json"  # read and removed by quangba.site_build
MATERIAL_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


@dataclass
class LanguageOutput:
    """What one language's build produced that the next language's build would overwrite."""

    search_index: dict | None = None
    page_404: bytes | None = None
    sitemap_pages: list[sitemap.SitemapPage] = field(default_factory=list)


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
        self.outputs: dict[str, LanguageOutput] = {}
        self.videos: dict[str, video.Video] = {}
        self.site_images: SiteImages | None = None
        self.sources_checked = False  # quangba build checks the sources before the build starts
        self.inline: dict[str, set[csp.Source]] = {}  # per language: the templates' inline scripts and styles
        self.editor_html: list[str] = []  # the editors' pages quangba generates (contact sheet)
        self.video_pages: set[str] = set()  # pages that load the video player's script and style

    # -- once per build --------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.project_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError("mkdocs.yml: the 'i18n' plugin (mkdocs-static-i18n) is not configured")
        self.languages = Languages.from_i18n(i18n.config.languages)
        self.prepare_search(config, i18n.current_language or self.languages.default)
        if self.checked:
            return config
        if not self.sources_checked:  # `mkdocs build` or `serve`: nobody checked them yet
            for warning in self.check_inputs(config):
                log.warning(warning)
        if self.config.images.enabled:
            self.site_images = SiteImages.from_config(config, self.config.images, assets_dir=self.config.assets_dir)
        if not config.site_url:
            raise PluginError("mkdocs.yml: site_url is not set; it is needed for the canonical and hreflang links")
        for code in self.languages.all:
            try:
                formatting.locale_for(code)
            except formatting.UnknownLanguage as error:
                raise PluginError(f"mkdocs.yml: {error}") from None
        self.facts, self.videos = self.shared_inputs()
        catalogs = Path(self.config.catalogs_dir) if self.config.catalogs_dir else interface.CATALOGS
        self.compiled = interface.compile_catalogs(self.project_dir / catalogs, self.project_dir / self.config.cache_dir / "locales")
        return config

    def check_inputs(self, config: MkDocsConfig) -> list[str]:
        """Every source and shared input, before anything is built (quangba build calls this
        before the leaflets): raises InputError with every problem, returns the warnings."""
        self.project_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError("mkdocs.yml: the 'i18n' plugin (mkdocs-static-i18n) is not configured")
        self.languages = Languages.from_i18n(i18n.config.languages)
        limits = sources.Limits(**dict(self.config.limits))
        settings = sources.SourceSettings(self.project_dir, Path(config.docs_dir).resolve(), self.project_dir / self.config.assets_dir, self.languages, limits)
        report = sources.check_sources(settings)
        problems = list(report.problems)
        if not problems:
            try:
                self.shared_inputs()
            except InputError as error:
                problems += error.problems
            problems += self.photo_problems()
        if problems:
            raise InputError(problems)
        self.sources_checked = True
        return report.warnings

    def shared_inputs(self) -> tuple[dict[str, Fact], dict[str, video.Video]]:
        """The facts and the videos every language's pages use; InputError names what is wrong."""
        assert self.languages is not None
        facts: dict[str, Fact] = {}
        if self.config.facts_file:
            facts = load_facts(self.project_dir / self.config.facts_file, self.languages.all, Path(self.config.facts_file))
        videos, problems = video.load_videos(self.project_dir / self.config.assets_dir, self.languages.all, Path(self.config.assets_dir))
        if problems:
            raise InputError(problems)
        return facts, videos

    def photo_problems(self) -> list[Problem]:
        """Sidecars that cannot be read and photos that may not be (the leaflets use them too)."""
        if not self.config.images.enabled:
            return []
        folder = self.project_dir / self.config.assets_dir / self.config.images.library
        if not folder.is_dir():
            return []
        library = load_library(folder, self.relative(folder), project=self.project_dir)
        problems = library.refused + library.clashes + [photo.sidecar_error for photo in library.photos if photo.sidecar_error]
        for photo in library.photos:  # the header only: the whole photo is decoded by the build
            try:
                read_header(photo.path)
            except PhotoError as error:
                problems.append(Problem(photo.shown, str(error).removeprefix(f"{photo.shown}: ")))
        return problems

    def prepare_search(self, config: MkDocsConfig, lang: str) -> None:
        """Each language's index with its own lunr language, separator and pipeline: cleared here
        so Material's search plugin (which runs next) fills them from this language's theme."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is None or not hasattr(search.config, "separator"):
            return
        config.theme["language"] = lang
        search.config.lang = []
        search.config.separator = None
        search.config.pipeline = None

    def use_lunr_language(self, config: MkDocsConfig) -> None:
        """Material falls back to English for languages its partials do not name (Korean);
        lunr has a tokenizer for them, so name the build's language when lunr knows it.
        Not Chinese: lunr.zh needs jieba in the browser; Material segments Chinese with jieba at
        build time instead (zero-width spaces, which its Chinese separator splits on).
        The list is changed in place: Material's index already holds it."""
        if self.lang.startswith("zh"):
            return
        search = config.plugins.get("material/search") or config.plugins.get("search")
        lunr = [Path(d) / "assets" / "javascripts" / "lunr" / "min" / f"lunr.{self.lang}.min.js" for d in config.theme.dirs]
        if search is not None and search.config.lang and (self.lang == "en" or any(p.exists() for p in lunr)):
            search.config.lang[:] = [self.lang]

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        assert self.languages is not None
        self.lang = config.theme["language"]  # set by the i18n plugin for this language's build
        self.outputs[self.lang] = LanguageOutput()
        self.use_lunr_language(config)
        self.translations = interface.translations(self.lang, self.languages.default, self.compiled)
        # The source checks read every page: once per site, by the default language's build
        # (the first one, or its own process in a parallel build); their problems stop it.
        if not self.checked and self.lang == self.languages.default:
            self.check_structure(files, config)
        self.checked = True
        for stub in stub_pages(files, self.languages.default):
            files.remove(stub)  # a translation not written yet (`quangba new`): readers get the source page
        for file in unpublished(files, config):
            files.remove(file)
        for file in self.asset_files(config):
            files.append(file)
        if self.site_images is not None:
            editor_files = self.site_images.editor_files(config)
            self.editor_html = [file.dest_uri for file in editor_files if file.dest_uri.endswith(".html")]
            for file in self.site_images.files(config) + editor_files:
                files.append(file)
        return files

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment | None:
        if not self.config.enabled:
            return None
        self.files = files  # this language's files, as the i18n plugin arranged them
        env.auto_reload = False  # templates do not change during a build: skip a stat per include
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
        for key in TEXT_META:
            if isinstance(page.meta.get(key), str) and not isinstance(page.meta[key], Markup):
                page.meta[key] = escape(page.meta[key])
        context = FactContext(self.facts, page_lang, self.languages.default, self.translations.gettext)
        videos = video.VideoContext(self.videos, page_lang, self.languages.default, self.translations.gettext, page.url)
        markdown, video_problems = video.expand(markdown, videos, shown, 1)  # first: it keeps the line count
        if video.has_video(markdown):
            self.video_pages.add(page.file.src_uri)
        markdown, problems = expand(markdown, context, shown, 1)
        problems = video_problems + problems
        if problems:  # lines count from the Markdown MkDocs gave us: add the front matter's
            offset = frontmatter.read(source, shown).content_line - 1
            problems = [replace(p, line=p.line + offset if p.line else p.line) for p in problems]
        if leaflet_site.LEAFLET_LIST in markdown:
            markdown = markdown.replace(leaflet_site.LEAFLET_LIST, self.leaflet_list(page, page_lang))
        if news.NEWS_LIST in markdown:
            items = news.news_items(files, self.config.news_section, page_lang)
            markdown = markdown.replace(news.NEWS_LIST, news.news_list_markdown(items, page.file.src_uri, page_lang, self.translations.gettext))
        if problems:
            raise InputError(problems)
        return markdown

    def leaflets_out_dir(self) -> Path:
        return self.project_dir / self.config.leaflets.out_dir

    def leaflet_entries(self) -> list[dict]:
        return read_manifest(self.leaflets_out_dir())

    def leaflet_list(self, page: Page, lang: str) -> str:
        entries = self.leaflet_entries()
        if not leaflet_site.entries_for(entries, lang):
            log.warning("%s: no leaflets in %s yet for '%s': run `quangba leaflets` (quangba build does)", page.file.src_uri, self.config.leaflets.out_dir, lang)
        return leaflet_site.leaflets_html(entries, lang, page.url, self.config.leaflets.site_dir, self.translations.gettext)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        findings = sanitize.scan(html)
        if findings:
            raise InputError(self.script_problems(page, findings))
        if self.site_images is None:
            return None
        return self.site_images.page_content(html, page, config)

    def script_problems(self, page: Page, findings: list[sanitize.Finding]) -> list[Problem]:
        source = Path(page.file.abs_src_path)
        text = frontmatter.decode(source.read_bytes(), source)
        problems = []
        for finding in dict.fromkeys(findings):
            line = sanitize.source_line(text, finding)
            where = "" if line else " (it comes from text the page inserts: a fact, a video or the news list)"
            problems.append(Problem(self.relative(source), f"the page contains {finding.what}{where}: scripts and embedded pages cannot be published; "
                                    "for a video write {{ video NAME }}, for anything else ask the webmaster", line))
        return problems

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):  # noqa: ANN001 - MkDocs' types
        if not self.config.enabled:
            return None
        assert self.languages is not None
        context["quangba_feed_url"] = get_relative_url(news.feed_path(self.lang, self.languages.default), page.url)
        where = page_languages(page, self.lang, self.languages.all, self.languages.default)
        context["quangba_page"] = self.page_meta(page, where, config)
        if not where.untranslated:
            self.outputs[self.lang].sitemap_pages.append(self.sitemap_page(page, where, config))
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        output = self.language_base(output, get_relative_url(self.language_root(), page.url))
        self.record_inline(output, page.content or "")
        return output

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or template_name != "404.html":
            return None
        # Served at any address: an absolute base, with the trailing slash URLs resolve against.
        output = self.language_base(output, urlsplit(config.site_url or "/").path.rstrip("/") + "/" + self.language_root())
        self.record_inline(output, "")
        return output

    def record_inline(self, output: str, content: str) -> None:
        """Remember the inline scripts and styles the templates wrote around a page's content;
        `quangba publish` allows these in the security policy, never those of content."""
        found = csp.page_inline(output)
        inside = csp.page_inline(content) if content else csp.InlineCode()
        sources = self.inline.setdefault(self.lang, set())
        sources.update(("script", csp.source_hash(text)) for text in found.scripts if text not in inside.scripts)
        sources.update(("style", csp.source_hash(text)) for text in found.styles if text not in inside.styles)

    def write_inline_record(self, site_dir: Path, editor_pages: list[Path]) -> None:
        """This language's template scripts and styles, for the build's manifest; the editors'
        pages quangba writes itself (no content of the editors' in them) count as templates."""
        sources = self.inline.setdefault(self.lang, set())
        for page in editor_pages:
            found = csp.page_inline(page.read_text(encoding="utf-8"))
            sources.update(("script", csp.source_hash(text)) for text in found.scripts)
            sources.update(("style", csp.source_hash(text)) for text in found.styles)
        record = {"scripts": sorted(h for kind, h in sources if kind == "script"), "styles": sorted(h for kind, h in sources if kind == "style")}
        target = site_dir / self.language_root() / INLINE_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(record), encoding="utf-8")

    def language_root(self) -> str:
        assert self.languages is not None
        return "" if self.lang == self.languages.default else f"{self.lang}/"

    @staticmethod
    def language_base(output: str, base: str) -> str:
        """Point Material's scripts at this language's root, where its own search index is."""

        def rebase(match: re.Match[str]) -> str:
            settings = json.loads(match[2])
            settings["base"] = base
            return match[1] + json.dumps(settings, ensure_ascii=False, separators=(",", ":")) + match[3]

        return MATERIAL_CONFIG.sub(rebase, output, count=1)

    def on_template_context(self, context, template_name: str, config: MkDocsConfig):  # noqa: ANN001
        if not self.config.enabled or template_name != "404.html":
            return None
        assert self.languages is not None
        root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        prefix = "" if self.lang == self.languages.default else f"{self.lang}/"
        context["quangba_home_url"] = root + prefix
        # The i18n plugin points the switcher at the last page rendered; a 404 has no page, so it
        # offers each language's home instead. (It sets the attribute, which templates read
        # before the key: set both.)
        roots = getattr(config.plugins.get("i18n"), "extra_alternate", None)
        if roots:
            config.extra["alternate"] = deepcopy(roots)
            config.extra.alternate = deepcopy(roots)
        return context

    def absolute(self, config: MkDocsConfig, url: str) -> str:
        return urljoin((config.site_url or "").rstrip("/") + "/", url)

    def page_meta(self, page: Page, where: PageLanguages, config: MkDocsConfig) -> dict:
        """Everything the head and the page need to say about languages (see overrides/main.html)."""
        assert self.languages is not None
        default = self.languages.default
        alternates = [(lang, self.absolute(config, where.urls[lang])) for lang in where.existing]
        here = self.absolute(config, page.url)
        source = self.absolute(config, where.urls.get(default, page.url))  # a translation may lack one
        image = FIRST_IMAGE.search(page.content or "")
        if image:
            image_url = urljoin(here, image[1])
        elif self.config.social_image:
            image_url = self.absolute(config, "assets/" + self.config.social_image)
        else:
            image_url = ""
        return {
            "canonical": source if where.untranslated else here,
            "alternates": alternates,
            "x_default": source,
            "noindex": where.untranslated,
            "untranslated": where.untranslated,
            "shown_language": where.shown,
            "reader_language_name": language_name(self.lang, self.lang),
            "shown_language_name": language_name(where.shown, self.lang),
            "existing": list(where.existing),
            "og_locale": og_locale(self.lang),
            "og_locale_alternates": [og_locale(lang) for lang in where.existing if lang != self.lang],
            "og_type": "article" if page.meta.get("date") else "website",
            "image": image_url,
            # In the <head> of the pages that need them (never in the content: see quangba.sanitize).
            "stylesheets": [get_relative_url("assets/" + video.STYLESHEET, page.url)] if page.file.src_uri in self.video_pages else [],
            "scripts": [get_relative_url("assets/" + video.SCRIPT, page.url)] if page.file.src_uri in self.video_pages else [],
        }

    def sitemap_page(self, page: Page, where: PageLanguages, config: MkDocsConfig) -> sitemap.SitemapPage:
        assert self.languages is not None
        alternates = [(lang, self.absolute(config, where.urls[lang])) for lang in where.existing]
        alternates.append(("x-default", self.absolute(config, where.urls.get(self.languages.default, page.url))))
        return sitemap.SitemapPage(self.absolute(config, page.url), tuple(alternates))

    @event_priority(-50)  # after Material's search plugin has written this language's index
    def collect_language_outputs(self, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.files is None:
            return
        assert self.languages is not None
        site_dir = Path(config.site_dir)
        output = self.outputs.setdefault(self.lang, LanguageOutput())
        if (site_dir / "search" / "search_index.json").exists():
            index = search_index.relative_to_language(search_index.read_index(site_dir), self.language_root())
            output.search_index = search_index.add_folded_field(index) if self.lang == "vi" else index
        if (site_dir / "404.html").exists():
            output.page_404 = (site_dir / "404.html").read_bytes()
        self.write_feed(config)
        editor_pages: list[Path] = []
        if self.lang == self.languages.default:
            # Once, by the build whose folder is the site's root: every language links /assets/leaflets/.
            if self.config.leaflets.enabled:
                leaflet_site.copy_files(self.leaflet_entries(), self.leaflets_out_dir(), site_dir, self.config.leaflets.site_dir)
            from quangba.coverage.site import write_status_page

            editor_pages.append(write_status_page(config))
            editor_pages += [site_dir / uri for uri in self.editor_html]
        self.write_inline_record(site_dir, list(dict.fromkeys(editor_pages)))

    @event_priority(-110)  # after mkdocs-static-i18n (-100) has built the other languages
    def write_language_outputs(self, config: MkDocsConfig) -> None:
        """Put each language's search index and 404 page in its own folder, and write the sitemap
        of every language built so far (the last language's build leaves the complete one)."""
        if not self.config.enabled:
            return
        assert self.languages is not None
        site_dir = Path(config.site_dir)
        for lang, output in self.outputs.items():
            prefix = "" if lang == self.languages.default else f"{lang}/"
            if output.search_index is not None:
                search_index.write_index(output.search_index, search_index.index_path(site_dir, prefix))
            if output.page_404 is not None:
                (site_dir / prefix).mkdir(parents=True, exist_ok=True)
                (site_dir / prefix / "404.html").write_bytes(output.page_404)
        sitemap.write_sitemap([p for output in self.outputs.values() for p in output.sitemap_pages], site_dir)

    on_post_build = CombinedEvent(collect_language_outputs, write_language_outputs)

    def write_feed(self, config: MkDocsConfig) -> None:
        assert self.languages is not None and self.files is not None
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

    def check_structure(self, files: Files, config: MkDocsConfig) -> None:
        """Warn (fatal in strict mode) about translations without a source page, languages with
        no page, and switcher entries for languages the site does not build."""
        assert self.languages is not None
        sources: set[str] = set()
        translations: dict[str, list[str]] = {lang: [] for lang in self.languages.all}
        for file in files.documentation_pages():
            base, suffix = split_suffix(file.src_uri)
            lang = suffix or self.languages.default
            if lang not in translations:
                continue  # reported by check_sources
            translations[lang].append(file.src_uri)
            if lang == self.languages.default:
                sources.add(base)
        for lang in self.languages.translations:
            for src_uri in translations[lang]:
                base, _ = split_suffix(src_uri)
                if base not in sources:
                    source = base.removesuffix(".md") + f".{self.languages.default}.md"
                    strict_log.warning(
                        f"{self.relative(Path(config.docs_dir) / src_uri)}: no source page {source} for this translation; "
                        "if it translates another page, give it that page's file name"
                    )
        for lang, pages in translations.items():
            if not pages:
                strict_log.warning(f"mkdocs.yml: language '{lang}' is configured but no page is written in it")
        built = set(self.languages.all)
        for alternate in config.extra.get("alternate") or []:
            if isinstance(alternate, dict) and alternate.get("lang") not in built:
                strict_log.warning(f"mkdocs.yml: extra.alternate lists '{alternate.get('lang')}', a language the site does not build")

    def relative(self, path: Path) -> Path:
        try:
            return path.resolve().relative_to(self.project_dir)
        except ValueError:
            return path

    # -- published assets ----------------------------------------------------------------

    def asset_files(self, config: MkDocsConfig) -> list[File]:
        assets = self.project_dir / self.config.assets_dir
        found: dict[str, File] = {}
        walked = inputs.walk(assets, self.project_dir, self.relative)
        if walked.problems:
            raise InputError(walked.problems)
        readable = [path for path in walked.files if inputs.classify(path.name) != inputs.BACKUP]
        for pattern in self.config.publish:
            globbed = set(assets.glob(pattern))  # safe now: the walk found no link loop
            matches = [path for path in readable if path in globbed]
            if not matches and not any(ch in pattern for ch in "*?["):
                raise PluginError(f"{self.config.assets_dir}/{pattern}: file not found (listed in mkdocs.yml under quangba: publish)")
            for path in matches:
                src_path = "assets/" + path.relative_to(assets).as_posix()
                found[src_path] = File.generated(config, src_path, abs_src_path=str(path))
        return list(found.values())


def unpublished(files: Files, config: MkDocsConfig) -> list[File]:
    """What MkDocs would publish but quangba does not: a file of the docs folder that is not a
    page (quangba.sources names each one), and the theme's source maps (1 MB of them)."""
    docs = str(Path(config.docs_dir))
    left_out = []
    for file in files:
        from_docs = file.src_dir is not None and str(Path(file.src_dir)) == docs
        if (from_docs and not file.is_documentation_page()) or file.src_uri.endswith(".map"):
            left_out.append(file)
    return left_out


def as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
