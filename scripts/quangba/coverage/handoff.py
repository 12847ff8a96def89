"""`quangba coverage export` and `import`: which pages go to the agency, and how a returned
XLIFF file becomes page.<lang>.md again (checked, and stamped when the checks pass)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from quangba.coverage import checks, xliff
from quangba.coverage.analysis import analyze
from quangba.coverage.checks import Issue
from quangba.coverage.files import write_text
from quangba.coverage.glossary import Glossary
from quangba.coverage.hashing import recorded_hash, source_hash
from quangba.coverage.project import Project
from quangba.coverage.report import MISSING, STALE, TRANSLATED, UNVERIFIED
from quangba.coverage.scan import Inventory, split_front_matter
from quangba.problems import Problem


@dataclass
class Exported:
    page: str
    status: str
    file: Path  # the XLIFF written
    size: int  # source size (words)


def export(
    project: Project, found: Inventory, lang: str, out_dir: Path, pages: list[str] | None, statuses: set[str]
) -> tuple[list[Exported], list[Problem]]:
    """Write one XLIFF file per page: the given pages, or those whose status is in statuses."""
    written: list[Exported] = []
    problems: list[Problem] = []
    chosen = pages if pages is not None else sorted(found.sources)
    for page in chosen:
        source = found.sources.get(page)
        if source is None:
            problems.append(Problem(Path(page), "no such source page"))
            continue
        if not source.read() or source.problems:
            problems.extend(source.problems)
            continue
        status = status_of(source.text, found.translations[lang].get(page))
        if pages is None and status not in statuses:
            continue
        target = out_dir / (page[: -len(".md")] + f".{lang}.xlf")
        note = "The page exists in an older version; translate the whole page again." if status == STALE else ""
        xliff.write_export(target, xliff.export_page(source, project.source_language, lang, note))
        written.append(Exported(page, status, target, source.facts.size))
    return written, problems


def status_of(source_text: str, translation) -> str:
    if translation is None:
        return MISSING
    if translation.read() and translation.is_stub:
        return MISSING
    recorded = recorded_hash(translation.meta)
    if recorded is None:
        return UNVERIFIED
    return TRANSLATED if recorded == source_hash(source_text) else STALE


@dataclass
class Imported:
    file: Path  # the page written, as shown
    stamped: bool
    source_changed: bool  # the source changed after the export: the page shows as stale
    issues: list[Issue] = field(default_factory=list)


def import_file(path: Path, project: Project, found: Inventory, glossary: Glossary, force: bool) -> tuple[list[Imported], list[Problem]]:
    """Merge a returned XLIFF file into the translations it holds."""
    try:
        items = xliff.read_returned(path, path)
    except xliff.XliffError as error:
        return [], error.problems
    done: list[Imported] = []
    problems: list[Problem] = []
    for item in items:
        if item.target_language not in project.languages.translations:
            known = ", ".join(project.languages.translations)
            problems.append(Problem(path, f"target-language '{item.target_language}' is not one of the site's translation languages ({known})"))
            continue
        source = found.sources.get(item.page)
        if source is None:
            problems.append(Problem(path, f"the source page '{item.page}' no longer exists in {project.shown(project.docs_dir)}"))
            continue
        stem = project.docs_dir / item.page
        target_path = stem.with_name(stem.name[: -len(".md")] + f".{item.target_language}.md")
        shown = project.shown(target_path)
        existing = found.translations[item.target_language].get(item.page)
        if existing is not None:
            existing.read()
        exported = xliff.exported_source(item)
        issues = check(exported, project, item.target_language, xliff.rebuild(item, existing, stamp=False), shown, glossary)
        errors = [issue for issue in issues if issue.severity == checks.ERROR]
        stamp = force or not errors
        write_text(target_path, xliff.rebuild(item, existing, stamp=stamp))
        changed = source.read() and source_hash(source.text) != item.source_hash
        done.append(Imported(shown, stamp, bool(changed), issues))
    return done, problems


def check(source_text: str, project: Project, lang: str, translation_text: str, shown: Path, glossary: Glossary) -> list[Issue]:
    """The checks between the exported source and the page the import is about to write."""
    source_meta, source_body, _ = split_front_matter(shown, source_text)
    meta, body, problem = split_front_matter(shown, translation_text)
    if problem is not None:
        return [Issue("unusable", problem.message, str(shown), problem.line)]
    source_facts = analyze(source_text, source_body, source_meta, project.source_language)
    facts = analyze(translation_text, body, meta, lang)
    return checks.compare(source_facts, facts, shown, glossary, project.source_language, lang)
