"""The coverage report: the status of every (source page, language), the problems of each
translation, figures per language and section, the interface catalogs, and input errors.

Statuses (STATUSES):
  translated  the translation records the hash of the current source (up to date)
  stale       it records the hash of an older version of the source
  unverified  it records no source version at all
  missing     there is no translation (readers get the source page): no file, or a stub that
              `quangba new` made (front matter `untranslated: true`)
  orphan      a translation whose source page does not exist

The JSON form (Report.to_json) is stable; see the README section "Translation coverage".
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from quangba.core.errors import Problem
from quangba.core.languages import split_suffix
from quangba.coverage import checks
from quangba.coverage.catalogs import CatalogStats, read_catalogs
from quangba.coverage.checks import Issue
from quangba.coverage.figures import reader
from quangba.coverage.gitinfo import Repository, SourceHistory
from quangba.coverage.glossary import Glossary
from quangba.coverage.glossary import load as load_glossary
from quangba.coverage.hashing import recorded_hash, source_hash
from quangba.coverage.project import Project
from quangba.coverage.scan import Inventory, PageFile, inventory
from quangba.coverage.textstats import unit

FORMAT = "quangba-coverage/1"
TRANSLATED, STALE, UNVERIFIED, MISSING, ORPHAN = STATUSES = ("translated", "stale", "unverified", "missing", "orphan")
TOP_LEVEL = "."  # the section of pages directly in docs/


@dataclass
class PageStatus:
    page: str  # source page relative to docs, without language suffix: tourism/index.md
    lang: str
    status: str
    file: PageFile | None  # the translation (None when missing)
    source: PageFile | None  # None for orphans
    source_hash: str | None = None
    recorded_hash: str | None = None
    issues: list[Issue] = field(default_factory=list)
    history: SourceHistory | None = None
    source_size: int = 0  # words of the source (see textstats)
    size: int | None = None  # of the translation, in its language's unit

    @property
    def section(self) -> str:
        return section_of(self.page)

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == checks.ERROR]

    def to_json(self) -> dict:
        return {
            "path": self.page,
            "section": self.section,
            "status": self.status,
            "file": str(self.file.shown) if self.file else None,
            "source_file": str(self.source.shown) if self.source else None,
            "source_size": self.source_size,
            "size": self.size,
            "source_hash": self.source_hash,
            "recorded_hash": self.recorded_hash,
            "git": self.history.to_json() if self.history else None,
            "problems": [issue.to_json() for issue in self.issues],
        }


@dataclass
class Tally:
    """Figures of a group of source pages in one language."""

    pages: int = 0
    source_size: int = 0
    size: int = 0  # of the translations, in the language's unit
    remaining_size: int = 0  # source size of the pages not up to date
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    problems: dict[str, int] = field(default_factory=lambda: {checks.ERROR: 0, checks.HINT: 0})

    @property
    def percent(self) -> float:
        return round(100.0 * self.counts[TRANSLATED] / self.pages, 1) if self.pages else 100.0

    def add(self, status: PageStatus) -> None:
        self.counts[status.status] += 1
        for issue in status.issues:
            self.problems[issue.severity] += 1
        if status.size:
            self.size += status.size
        if status.status == ORPHAN:
            return
        self.pages += 1
        self.source_size += status.source_size
        if status.status != TRANSLATED:
            self.remaining_size += status.source_size

    def to_json(self) -> dict:
        return {
            "source_pages": self.pages,
            "percent": self.percent,
            "counts": dict(self.counts),
            "problems": dict(self.problems),
            "source_size": self.source_size,
            "size": self.size,
            "remaining_source_size": self.remaining_size,
        }


@dataclass
class LanguageReport:
    lang: str
    pages: list[PageStatus] = field(default_factory=list)  # every source page, then orphans
    total: Tally = field(default_factory=Tally)
    sections: dict[str, Tally] = field(default_factory=dict)

    @property
    def percent(self) -> float:
        return self.total.percent

    def to_json(self, source_unit: str) -> dict:
        return {
            "percent": self.percent,
            "unit": unit(self.lang),
            "source_unit": source_unit,
            **self.total.to_json(),
            "sections": [{"section": name, **tally.to_json()} for name, tally in sorted(self.sections.items())],
            "pages": [status.to_json() for status in self.pages],
        }


@dataclass
class Report:
    project: Project
    source_language: str
    section: str | None
    languages: dict[str, LanguageReport] = field(default_factory=dict)
    sources: dict[str, PageFile] = field(default_factory=dict)  # the source pages looked at
    source_sizes: dict[str, int] = field(default_factory=dict)
    source_issues: list[Issue] = field(default_factory=list)
    catalogs: list[CatalogStats] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)  # unusable input: exit status 2
    glossary_terms: int = 0

    @property
    def source_unit(self) -> str:
        return unit(self.source_language)

    def source_sections(self) -> dict[str, tuple[int, int]]:
        """Section -> (source pages, source size)."""
        sections: dict[str, tuple[int, int]] = {}
        for page in self.sources:
            pages, size = sections.get(section_of(page), (0, 0))
            sections[section_of(page)] = (pages + 1, size + self.source_sizes.get(page, 0))
        return dict(sorted(sections.items()))

    def below(self, threshold: float) -> list[str]:
        return [lang for lang, language in self.languages.items() if language.percent < threshold]

    def to_json(self) -> dict:
        sections = self.source_sections()
        return {
            "format": FORMAT,
            "source_language": self.source_language,
            "docs_dir": str(self.project.shown(self.project.docs_dir)),
            "section": self.section,
            "source": {
                "pages": len(self.sources),
                "size": sum(size for _, size in sections.values()),
                "unit": self.source_unit,
                "sections": [{"section": name, "source_pages": pages, "size": size} for name, (pages, size) in sections.items()],
            },
            "languages": {lang: language.to_json(self.source_unit) for lang, language in self.languages.items()},
            "catalogs": {stats.lang: stats.to_json() for stats in self.catalogs},
            "glossary": {"file": str(self.project.shown(self.project.glossary)) if self.project.glossary else None, "terms": self.glossary_terms},
            "source_problems": [issue.to_json() for issue in self.source_issues],
            "errors": [{"file": str(p.path), "line": p.line, "message": p.message} for p in self.errors],
        }


def section_of(page: str) -> str:
    return page.split("/", 1)[0] if "/" in page else TOP_LEVEL


def normalize_section(section: str, project: Project) -> str:
    """'docs/tourism/', 'tourism', 'tourism/index.vi.md' -> 'tourism' or 'tourism/index.md'."""
    section = section.strip().replace("\\", "/").strip("/")
    docs = project.shown(project.docs_dir).as_posix().strip("/")
    if docs and (section == docs or section.startswith(docs + "/")):
        section = section[len(docs) :].strip("/")
    if section.endswith(".md"):
        section, _ = split_suffix(section)
    return section


def in_section(page: str, section: str | None) -> bool:
    return not section or (section in (TOP_LEVEL, "") and "/" not in page) or page == section or page.startswith(section + "/")


@dataclass
class TranslationResult:
    """What checking one translation found (plain data: it may come from a worker process)."""

    status: str
    recorded: str | None
    size: int | None
    problems: list[Problem]
    issues: list[Issue]


@dataclass
class SourceResult:
    """What checking one source page and its translations found."""

    page: str
    current: str | None  # hash of the source; None when it cannot be read
    size: int
    problems: list[Problem]  # the source cannot be used as it is
    issues: list[Issue]  # problems of the source page itself (image without alt text)
    translations: dict[str, TranslationResult]


PARALLEL_FROM = 200  # source pages; below this, starting worker processes costs more than it saves


def build_report(
    project: Project,
    languages: list[str] | None = None,
    section: str | None = None,
    use_git: bool = True,
    workers: int = 1,
) -> Report:
    """Check every selected source page against its translations, in `workers` processes."""
    chosen = languages or list(project.languages.translations)
    section = normalize_section(section, project) if section else None
    report = Report(project, project.source_language, section)
    found: Inventory = inventory(project)
    report.errors.extend(found.problems)
    glossary = load_glossary(project.glossary, project.shown(project.glossary) if project.glossary else None)
    report.errors.extend(glossary.problems)
    report.glossary_terms = len(glossary.terms)
    report.sources = {page: file for page, file in sorted(found.sources.items()) if in_section(page, section)}

    results = check_all(list(report.sources), found, glossary, project, chosen, workers)
    languages_report = {lang: LanguageReport(lang) for lang in chosen}
    for result in results:
        report.source_sizes[result.page] = result.size
        report.errors.extend(result.problems)
        report.source_issues.extend(result.issues)
        for lang in chosen:
            file = found.translations.get(lang, {}).get(result.page)
            source = report.sources[result.page]
            checked = result.translations.get(lang)
            if checked is None:
                status = PageStatus(page=result.page, lang=lang, status=MISSING, file=None, source=source, source_hash=result.current, source_size=result.size)
            else:
                report.errors.extend(checked.problems)
                status = PageStatus(
                    result.page, lang, checked.status, file, source, result.current, checked.recorded, checked.issues, None, result.size, checked.size
                )
            languages_report[lang].pages.append(status)
    for lang in chosen:
        for page, file in sorted(found.translations.get(lang, {}).items()):
            if page not in found.sources and in_section(page, section):
                size = file.facts.size if file.read() else None
                languages_report[lang].pages.append(PageStatus(page, lang, ORPHAN, file, None, size=size))
    report.languages = languages_report

    if use_git:
        add_histories(report)
    for language in report.languages.values():
        for status in language.pages:
            language.total.add(status)
            language.sections.setdefault(status.section, Tally()).add(status)
    report.catalogs, catalog_problems = read_catalogs(project.catalogs, project.languages.all, project.shown)
    report.errors.extend(catalog_problems)
    return report


def check_source(page: str, found: Inventory, glossary: Glossary, project: Project, langs: list[str]) -> SourceResult:
    """Read one source page and its translations, and compare them."""
    source = found.sources[page]
    usable = source.read()
    current = source_hash(source.text) if usable and source.text is not None else None
    result = SourceResult(page, current, source.facts.size if usable else 0, list(source.problems), [], {})
    if usable:
        result.issues = checks.source_issues(source.facts, source.shown)
    for lang in langs:
        file = found.translations.get(lang, {}).get(page)
        if file is None:
            continue
        readable = file.read()
        if readable and file.is_stub:  # a `quangba new` stub: readers get the source page
            result.translations[lang] = TranslationResult(MISSING, None, None, [], [])
            continue
        recorded = recorded_hash(file.meta)
        # No stamp, or a source that cannot be read: nothing to verify against.
        status = UNVERIFIED if recorded is None or current is None else TRANSLATED if recorded == current else STALE
        issues = [Issue("unusable", p.message, str(p.path), p.line) for p in file.problems]
        if readable and usable:
            issues += checks.compare(source.facts, file.facts, file.shown, glossary, project.source_language, lang)
        result.translations[lang] = TranslationResult(status, recorded, file.facts.size if readable else None, list(file.problems), issues)
    return result


# The state a forked worker process inherits (set just before the pool starts).
_shared: tuple | None = None


def _check_chunk(pages: list[str]) -> list[SourceResult]:
    assert _shared is not None
    found, glossary, project, langs = _shared
    return [check_source(page, found, glossary, project, langs) for page in pages]


def check_all(pages: list[str], found: Inventory, glossary: Glossary, project: Project, langs: list[str], workers: int) -> list[SourceResult]:
    """check_source() for every page, split over worker processes when there are many pages.

    Workers are forked (they inherit the inventory and compiled patterns for free) and only
    where fork is safe: not on platforms without it, and callers inside a threaded program
    (the MkDocs live preview) pass workers=1."""
    global _shared
    if workers <= 1 or len(pages) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return [check_source(page, found, glossary, project, langs) for page in pages]
    chunks = [pages[index :: workers * 4] for index in range(workers * 4)]
    # Build what every worker needs before forking, so that they inherit it instead of each
    # building it again: the figure readers (CLDR data, date patterns) and glossary patterns.
    for lang in [project.source_language, *langs]:
        reader(lang)
        glossary.pairs(project.source_language, lang)
        glossary.numbered(project.source_language, lang)
    _shared = (found, glossary, project, langs)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            by_page = {result.page: result for chunk in pool.map(_check_chunk, chunks) for result in chunk}
    finally:
        _shared = None
    return [by_page[page] for page in pages]


def add_histories(report: Report) -> None:
    """Git history of the sources of stale pages (one git log and one cat-file for all)."""
    stale = [status for language in report.languages.values() for status in language.pages if status.status == STALE]
    if not stale:
        return
    repository = Repository.find(report.project.docs_dir)
    if repository is None:
        return
    stamps: dict[Path, set[str]] = {}
    for status in stale:
        if status.source is not None and status.recorded_hash is not None:
            stamps.setdefault(status.source.path, set()).add(status.recorded_hash)
    histories: dict[tuple[Path, str], SourceHistory] = {}
    # Translations of one page may be stamped from different versions: one lookup per version.
    while any(stamps.values()):
        batch = {path: versions.pop() for path, versions in stamps.items() if versions}
        for path, history in repository.histories(batch).items():
            histories[(path, batch[path])] = history
    for status in stale:
        if status.source is not None and status.recorded_hash is not None:
            status.history = histories.get((status.source.path, status.recorded_hash))
