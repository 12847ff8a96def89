"""Every source file checked before MkDocs reads any of them, each problem with file and line.

MkDocs meets bad input late and badly: a page in UTF-16 or Windows-1258 stopped a build with a
bare UnicodeDecodeError, a news date of 2025-02-30 with a ValueError, a list nested 1,000 deep
with a RecursionError after two minutes and 1.5 GB, a page with 100,000 headings never finished
(Material's search is quadratic in headings), and a symbolic link loop hung the walk of docs/.
Here the docs and assets folders are walked under the input policy (quangba.core.inputs) and
every page is read once, before anything is built:

- the language suffix is one of the site's, the file is UTF-8, the front matter strict YAML;
- title, description and author are plain texts, a date is a real date (YYYY-MM-DD);
- the page stays within limits that keep the build linear (size, headings, nesting depth);
- draft, publish_at and expires_at are valid, and pages that are not due (a draft, scheduled, an
  expired page, a news item dated in the future: quangba.core.schedule) are left out of the build
  with their translations and menu entries, or shown with a banner in the preview (quangba serve);
- files that would be published by mistake (backups, Office files, raw Markdown with an upper-case
  suffix, anything that is not a page) are named: the plugin leaves them out of the site.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from quangba import events, facts, images, video
from quangba.config import Settings
from quangba.core import files, frontmatter, inputs, schedule
from quangba.core.errors import Problem, QuangbaError
from quangba.core.languages import Languages, split_suffix
from quangba.site.features import Feature, log
from quangba.site.state import SiteState

PREVIEW = "QUANGBA_PREVIEW"  # set by `quangba serve`: pages not due are shown with a banner
LINK = re.compile(r"\]\(\s*<?([^)\s>#]+\.md)(?:#[^)\s>]*)?>?")

# Under "mkdocs": problems of the site's structure, which a strict build must not let through.
strict_log = get_plugin_logger("quangba")

TEXT_KEYS = ("title", "description", "author")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
HEADING = re.compile(r"^#{1,6}(?:[ \t]|$)")
LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]")
QUOTES = re.compile(r"^(?:[ \t]{0,3}>)+")
HTML_BLOCK = re.compile(r"<(/?)(?:div|section|article|aside|details|figure|blockquote|ul|ol|table|nav|main|header|footer)\b[^>]*?(/?)>", re.I)


@dataclass(frozen=True)
class Limits:
    """What one page may hold; set under `limits:` of the quangba plugin."""

    page_kb: int = 1000  # a long legal text is ~300 kB
    headings: int = 1000
    nesting: int = 20  # lists, quotes and HTML blocks inside each other


@dataclass(frozen=True)
class SourceSettings:
    project_dir: Path
    docs_dir: Path
    assets_dir: Path
    languages: Languages
    limits: Limits = Limits()
    news_section: str = "news"
    now: dt.datetime | None = None  # the build time: which pages are due (None: not asked)

    def shown(self, path: Path) -> Path:
        return files.shown(path, self.project_dir)


@dataclass
class SourceReport:
    problems: list[Problem] = field(default_factory=list)  # stop the build
    warnings: list[str] = field(default_factory=list)  # shown; the files are not published
    unpublished: set[str] = field(default_factory=set)  # docs-relative paths left out of the site


def check_sources(settings: SourceSettings) -> SourceReport:
    report = SourceReport()
    docs = inputs.walk(settings.docs_dir, settings.project_dir, settings.shown)
    assets = inputs.walk(settings.assets_dir, settings.project_dir, settings.shown)
    report.problems += docs.problems + assets.problems
    metas: dict[str, dict] = {}
    for path in docs.files:
        relative = path.relative_to(settings.docs_dir).as_posix()
        kind = inputs.classify(path.name)
        if kind == inputs.PAGE:
            report.problems += check_page(path, relative, settings, metas)
            continue
        shown = settings.shown(path)
        if kind == inputs.WRONG_CASE_PAGE:
            report.problems.append(Problem(shown, f"a page's file name must end in lower-case '.md': rename it to '{lower_suffix(path.name)}'"))
            continue
        report.unpublished.add(relative)
        report.warnings.append(f"{shown}: not published ({unpublished_reason(kind)})")
    if settings.now is not None and not report.problems:
        held = held_pages(metas.items(), settings.now, settings.news_section, settings.languages.default)
        report.warnings += held_summary(held, settings)
    return report


def held_summary(held: dict[str, schedule.Hold], settings: SourceSettings) -> list[str]:
    """How many pages are not published and why, one line each (in Vietnamese)."""
    if not held:
        return []
    preview = " (bản xem trước vẫn hiện chúng, có dải 'Bản nháp')" if os.environ.get(PREVIEW) else ""
    lines = [f"{len(held)} trang chưa xuất bản{preview}:"]
    return lines + [f"{settings.shown(settings.docs_dir / uri)}: {hold.describe()}" for uri, hold in sorted(held.items())]


def lower_suffix(name: str) -> str:
    stem, _, _ = name.rpartition(".")
    return f"{stem}.md"


def unpublished_reason(kind: str) -> str:
    if kind == inputs.BACKUP:
        return "a backup or temporary file: delete it"
    if kind == inputs.OFFICE:
        return "an Office document: copy its text into a page, or put the file in assets/ and list it under quangba: publish in mkdocs.yml"
    return (
        "only pages (.md) are published from the docs folder: put photos in assets/images/ with a sidecar, other files in assets/ listed under quangba: publish"
    )


def check_page(path: Path, relative: str, settings: SourceSettings, metas: dict[str, dict] | None = None) -> list[Problem]:
    """Every problem of one page (the first of each kind); its front matter into metas."""
    shown = settings.shown(path)
    _, suffix = split_suffix(relative)
    if suffix is not None and suffix not in settings.languages.all:
        return [Problem(shown, unknown_suffix_message(suffix, settings.languages))]
    raw = path.read_bytes()
    if len(raw) > settings.limits.page_kb * 1000:
        return [
            Problem(
                shown,
                f"the page is {math.ceil(len(raw) / 1000):,} kB, more than the {settings.limits.page_kb:,} kB a page may have: split it into several pages",
            )
        ]
    try:
        page = frontmatter.split(shown, frontmatter.decode(raw, shown))
    except QuangbaError as error:
        return [error.problems[0]]
    if metas is not None:
        metas[relative] = page.meta
    return check_meta(page) + check_shape(page, settings.limits)


def check_meta(page: frontmatter.Page) -> list[Problem]:
    problems = []
    for key in TEXT_KEYS:
        value = page.meta.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(Problem(page.path, f'{key} must be a text: put it in quotes, {key}: "…"', page.line_of(key)))
    if "date" in page.meta and not isinstance(page.meta["date"], dt.date):
        value = page.meta["date"]
        problems.append(Problem(page.path, f"date '{value}' is not a date: write it as YYYY-MM-DD{date_hint(value)}", page.line_of("date")))
    return problems + schedule.problems(page)


def date_hint(value: object) -> str:
    """'31/12/2025' (as Vietnamese write dates) -> ' (2025-12-31)'."""
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", str(value).strip())
    if not match:
        return ""
    day, month, year = (int(part) for part in match.groups())
    try:
        return f" ({dt.date(year, month, day).isoformat()})"
    except ValueError:
        return ""


def check_shape(page: frontmatter.Page, limits: Limits) -> list[Problem]:
    """Headings and nesting, counted outside code blocks, against the limits."""
    headings = 0
    html_depth = 0
    fence: str | None = None
    deepest: tuple[int, int] = (0, 0)  # (depth, line)
    for number, line in enumerate(page.body.split("\n"), start=page.body_line):
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened[1][0] == fence[0] and len(opened[1]) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened[1]
            continue
        if HEADING.match(line):
            headings += 1
        depth = nesting(line)
        for tag in HTML_BLOCK.finditer(line):
            if not tag[2]:
                html_depth = max(0, html_depth - 1) if tag[1] else html_depth + 1
        depth = max(depth, html_depth)
        if depth > deepest[0]:
            deepest = (depth, number)
    problems = []
    if headings > limits.headings:
        problems.append(
            Problem(page.path, f"the page has {headings:,} headings, more than the {limits.headings:,} a page may have: split it into several pages")
        )
    if deepest[0] > limits.nesting:
        problems.append(
            Problem(page.path, f"lists, quotes or HTML blocks are nested {deepest[0]} levels deep here, more than {limits.nesting}: flatten them", deepest[1])
        )
    return problems


def nesting(line: str) -> int:
    """How deep a line sits in quotes and lists (Python-Markdown nests lists by 4 spaces)."""
    quotes = QUOTES.match(line)
    depth = quotes[0].count(">") if quotes else 0
    rest = line[quotes.end() :] if quotes else line
    item = LIST_ITEM.match(rest)
    if item:
        depth += len(item[1].expandtabs(4)) // 4 + 1
    return depth


def unknown_suffix_message(suffix: str, languages: Languages) -> str:
    known = ", ".join(languages.all)
    return (
        f"language suffix '.{suffix}' is not one of the site's languages ({known}); "
        f"rename the file (for example to '.{languages.default}.md') or add the language in mkdocs.yml"
    )


# -- in the build ------------------------------------------------------------------------------


class Sources(Feature):
    """Every input checked before MkDocs reads a page; stubs and non-pages left out of the build."""

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.state.first_pass_done and not self.state.sources_checked:  # `mkdocs build` or `serve`
            for warning in check_inputs(self.state.project):
                log.warning(warning)
            self.state.sources_checked = True

    def __init__(self, state: SiteState) -> None:
        super().__init__(state)
        self.held: dict[str, schedule.Hold] = {}  # src_uri -> why it is not published (this build)
        self.held_paths: dict[str, schedule.Hold] = {}  # the same by source file (the preview's banner)

    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        first = not self.state.first_pass_done and self.state.default_language_build
        if first:
            check_structure(files, config, self.state.project)
        options = self.state.project.options
        self.held = held_pages(files_meta(files), events.build_time(), options.news_section, self.state.languages.default)
        self.state.held = {uri: hold.describe() for uri, hold in self.held.items()}
        self.held_paths = {file.abs_src_path: self.held[uri] for uri in self.held if (file := files.get_file_from_path(uri)) and file.abs_src_path}
        if first and not os.environ.get(PREVIEW):
            check_links_to_held(self.held, files, config, self.state.project)
        left_out = [] if os.environ.get(PREVIEW) else [files.get_file_from_path(uri) for uri in self.held]
        for file in stub_pages(files, self.state.languages.default) + unpublished(files, config) + [f for f in left_out if f]:
            files.remove(file)
        if left_out:
            config.nav = prune_nav(config.nav, held_bases(self.held, self.state.languages.default))

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        hold = self.held_paths.get(page.file.abs_src_path or "")
        if hold is None or not os.environ.get(PREVIEW):
            return None
        label = self.state.gettext("Draft – not published")
        return f'<div class="admonition warning quangba-draft" role="status"><p class="admonition-title">{label}</p><p>{hold.describe()}</p></div>\n{html}'


def held_pages(metas: Iterable[tuple[str, dict]], now: dt.datetime, news_section: str, default: str) -> dict[str, schedule.Hold]:
    """Pages not due at now (docs-relative path -> why), from their front matter; a source
    page's translations are held with it."""
    news = news_section.strip("/") + "/"
    metas = list(metas)
    own = {uri: hold for uri, meta in metas if (hold := schedule.hold(meta, now, news=uri.startswith(news))) is not None}
    sources = {split_suffix(uri)[0]: hold for uri, hold in own.items() if (split_suffix(uri)[1] or default) == default}
    held = dict(own)
    for uri, _ in metas:
        base = split_suffix(uri)[0]
        if base in sources and uri not in held:
            held[uri] = sources[base]
    return held


def files_meta(files: Files) -> Iterator[tuple[str, dict]]:
    """(src_uri, front matter) of the pages of files (those that cannot be read are reported by the checks)."""
    for file in files.documentation_pages():
        if not file.abs_src_path:
            continue
        try:
            yield file.src_uri, frontmatter.read(Path(file.abs_src_path)).meta
        except (QuangbaError, OSError):
            continue


def held_bases(held: dict[str, schedule.Hold], default: str) -> set[str]:
    """The addresses (file names without language) whose source page is held: out of the nav."""
    return {split_suffix(uri)[0] for uri in held if (split_suffix(uri)[1] or default) == default}


def prune_nav(nav: object, bases: set[str]) -> object:
    """mkdocs.yml's nav without the entries of held pages (and sections left empty)."""
    if not isinstance(nav, list):
        return nav
    kept: list[object] = []
    for item in nav:
        if isinstance(item, str):
            if item not in bases:
                kept.append(item)
        elif isinstance(item, dict):
            entry = {}
            for title, value in item.items():
                if isinstance(value, str) and value in bases:
                    continue
                value = prune_nav(value, bases)
                if value != []:
                    entry[title] = value
            if entry:
                kept.append(entry)
        else:
            kept.append(item)
    return kept


def check_links_to_held(held: dict[str, schedule.Hold], files: Files, config: MkDocsConfig, settings: Settings) -> None:
    """Each link from a published page to one that is not (fatal in a strict build, like any
    broken link, but named in Vietnamese with its line and why the page is not there)."""
    docs = Path(config.docs_dir)
    targets = held_bases(held, settings.languages.default) | set(held)
    for file in files.documentation_pages():
        if file.src_uri in held or not file.abs_src_path:
            continue
        try:
            page = frontmatter.read(Path(file.abs_src_path))
        except (QuangbaError, OSError):
            continue
        for number, line in enumerate(page.body.split("\n"), start=page.body_line):
            for link in LINK.finditer(line):
                target = os.path.normpath(os.path.join(os.path.dirname(file.src_uri), link[1])).replace(os.sep, "/")
                if target in targets:
                    strict_log.warning(
                        f"{settings.shown(docs / file.src_uri)}:{number}: liên kết tới {link[1]}, một trang chưa xuất bản "
                        f"({(held.get(target) or held_source(held, target)).describe()}): bỏ liên kết này hoặc đợi trang được xuất bản"
                    )


def held_source(held: dict[str, schedule.Hold], base: str) -> schedule.Hold:
    return next(hold for uri, hold in held.items() if split_suffix(uri)[0] == base)


def check_inputs(settings: Settings) -> list[str]:
    """Every source and shared input (pages, facts, videos, photos), before anything is built:
    QuangbaError with every problem, or the warnings. `quangba build` calls it before the leaflets."""
    options = settings.options
    limits = Limits(**{key: options.limits[key] for key in ("page_kb", "headings", "nesting")})
    source_settings = SourceSettings(
        settings.root, settings.docs_dir.resolve(), settings.assets_dir, settings.languages, limits, options.news_section, events.build_time()
    )
    report = check_sources(source_settings)
    problems = list(report.problems)
    if not problems:
        problems += shared_input_problems(settings)
    if problems:
        raise QuangbaError(problems)
    return report.warnings


def shared_input_problems(settings: Settings) -> list[Problem]:
    """What every language's pages and the leaflets use: facts, videos, photos and sidecars."""
    problems: list[Problem] = []
    if settings.facts_file is not None:
        try:
            facts.load_facts(settings.facts_file, settings.languages.all, settings.shown(settings.facts_file))
        except QuangbaError as error:
            problems += error.problems
    problems += video.load_videos(settings.assets_dir, settings.languages.all, settings.shown(settings.assets_dir))[1]
    if settings.options.images.enabled:
        problems += images.library_problems(settings.library_dir, settings.shown(settings.library_dir), settings.root)
    return problems


def stub_pages(files: Files, default: str) -> list[File]:
    """Translations not written yet (`quangba new` stubs): readers get the source page instead."""
    stubs = []
    for file in files.documentation_pages():
        _, suffix = split_suffix(file.src_uri)
        if suffix is None or suffix == default or not file.abs_src_path:
            continue
        try:
            meta = frontmatter.read(Path(file.abs_src_path)).meta
        except (QuangbaError, OSError):
            continue  # reported by the source checks
        if frontmatter.is_stub(meta):
            stubs.append(file)
    return stubs


def unpublished(files: Files, config: MkDocsConfig) -> list[File]:
    """What MkDocs would publish but quangba does not: a file of the docs folder that is not a
    page (check_sources names each one), and the theme's source maps (1 MB of them)."""
    docs = str(Path(config.docs_dir))
    left_out = []
    for file in files:
        from_docs = file.src_dir is not None and str(Path(file.src_dir)) == docs
        if (from_docs and not file.is_documentation_page()) or file.src_uri.endswith(".map"):
            left_out.append(file)
    return left_out


def check_structure(files: Files, config: MkDocsConfig, settings: Settings) -> None:
    """Warn (fatal in strict mode) about translations without a source page, languages with
    no page, and switcher entries for languages the site does not build."""
    languages = settings.languages
    sources: set[str] = set()
    translations: dict[str, list[str]] = {lang: [] for lang in languages.all}
    for file in files.documentation_pages():
        base, suffix = split_suffix(file.src_uri)
        lang = suffix or languages.default
        if lang not in translations:
            continue  # reported by check_sources
        translations[lang].append(file.src_uri)
        if lang == languages.default:
            sources.add(base)
    for lang in languages.translations:
        for src_uri in translations[lang]:
            base, _ = split_suffix(src_uri)
            if base not in sources:
                source = base.removesuffix(".md") + f".{languages.default}.md"
                strict_log.warning(
                    f"{settings.shown(Path(config.docs_dir) / src_uri)}: no source page {source} for this translation; "
                    "if it translates another page, give it that page's file name"
                )
    for lang, pages in translations.items():
        if not pages:
            strict_log.warning(f"mkdocs.yml: language '{lang}' is configured but no page is written in it")
    built = set(languages.all)
    for alternate in config.extra.get("alternate") or []:
        if isinstance(alternate, dict) and alternate.get("lang") not in built:
            strict_log.warning(f"mkdocs.yml: extra.alternate lists '{alternate.get('lang')}', a language the site does not build")
