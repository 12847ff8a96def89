"""`quangba coverage export` and `import`: which pages go to the agency, and how a returned
XLIFF file becomes page.<lang>.md again (checked, and stamped when the checks pass).

Import trusts the project, not the file: the page, the language and the page's structure come
from the export record the file's export-id names (exports.py), and only the translated text
from the file. Whatever is refused writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from quangba.core.errors import Problem, QuangbaError
from quangba.core.files import write_text
from quangba.coverage import checks, exports, xliff
from quangba.coverage.analysis import analyze
from quangba.coverage.checks import Issue
from quangba.coverage.glossary import Glossary
from quangba.coverage.hashing import recorded_hash, source_hash
from quangba.coverage.project import Project
from quangba.coverage.report import MISSING, STALE, TRANSLATED, UNVERIFIED
from quangba.coverage.scan import Inventory, PageFile, split_front_matter


@dataclass
class Exported:
    page: str
    status: str
    file: Path  # the XLIFF written
    size: int  # source size (words)


def export(project: Project, found: Inventory, lang: str, out_dir: Path, pages: list[str] | None, statuses: set[str]) -> tuple[list[Exported], list[Problem]]:
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
        assert source.text is not None  # read above
        status = status_of(source.text, found.translations[lang].get(page))
        if pages is None and status not in statuses:
            continue
        target = out_dir / (page[: -len(".md")] + f".{lang}.xlf")
        note = "The page exists in an older version; translate the whole page again." if status == STALE else ""
        write_exported(project, source, lang, target, note)
        written.append(Exported(page, status, target, source.facts.size))
    return written, problems


def write_exported(project: Project, source: PageFile, lang: str, target: Path, note: str) -> None:
    """The XLIFF file of a page, after the project's record of it: no file without its record."""
    assert source.text is not None
    found, skeleton = xliff.cut_source(source.text, source.shown)
    digest = source_hash(source.text)
    record = exports.Record(
        exports.new_id(), source.page, lang, digest, source.text, xliff.units_of(found), exports.exported_now(), written_as(project, target)
    )
    exports.write(project.root, record)
    xliff.write_export(target, xliff.export_page(source, found, skeleton, project.source_language, lang, record.id, digest, note))


def written_as(project: Project, path: Path) -> str:
    """A written file for the record: relative to the project root when inside it, else absolute."""
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(path.resolve())


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


@dataclass
class Planned:
    """A page an import is about to write, once every <file> of the document has passed."""

    path: Path
    text: str
    imported: Imported


def import_file(path: Path, project: Project, found: Inventory, glossary: Glossary, force: bool) -> tuple[list[Imported], list[Problem]]:
    """Merge a returned XLIFF file into the translations it holds; nothing is written when
    any of its <file> elements is refused."""
    try:
        items = xliff.read_returned(path, path)
    except QuangbaError as error:
        return [], error.problems
    planned: list[Planned] = []
    problems: list[Problem] = []
    for item in items:
        try:
            planned.append(plan(item, path, project, found, glossary, force))
        except QuangbaError as error:
            problems += error.problems
    pages = [entry.path for entry in planned]
    if doubled := sorted({str(entry.imported.file) for entry in planned if pages.count(entry.path) > 1}):
        problems.append(Problem(path, f"holds the translation of {', '.join(doubled)} more than once"))
    if problems:
        return [], problems
    for entry in planned:
        write_text(entry.path, entry.text)
    return [entry.imported for entry in planned], []


def plan(item: xliff.ReturnedFile, shown: Path, project: Project, found: Inventory, glossary: Glossary, force: bool) -> Planned:
    """The page one <file> becomes, rebuilt from its export record; QuangbaError when refused."""
    record = record_of(item, shown, project)
    source = found.sources.get(record.page)
    if source is None:
        raise QuangbaError([Problem(shown, f"the source page '{record.page}' no longer exists in {project.shown(project.docs_dir)}")])
    if not source.read():
        raise QuangbaError(source.problems)
    skeleton, kinds = xliff.skeleton_of(record, shown)
    targets = xliff.targets_of(item, record, shown)
    stem = project.docs_dir / record.page
    target_path = stem.with_name(stem.name[: -len(".md")] + f".{record.lang}.md")
    page_shown = project.shown(target_path)
    existing = current_page(target_path, record, page_shown)
    assert source.text is not None  # read above
    current = source_hash(source.text)
    if not force:
        refuse_overwrite(existing, {current, record.source_hash}, shown)
    draft = xliff.rebuild(skeleton, kinds, targets, record.source_hash, existing, stamp=False)
    issues = check(record.source_text, project, record.lang, draft, page_shown, glossary)
    stamp = force or not any(issue.severity == checks.ERROR for issue in issues)
    text = xliff.rebuild(skeleton, kinds, targets, record.source_hash, existing, stamp=stamp)
    return Planned(target_path, text, Imported(page_shown, stamp, current != record.source_hash, issues))


def record_of(item: xliff.ReturnedFile, shown: Path, project: Project) -> exports.Record:
    """The project's record of the export a <file> came from, which must agree with the file."""
    where = f'<file original="{item.original}">'
    try:
        record = exports.read(project.root, item.export_id) if item.export_id else None
    except QuangbaError as error:
        raise QuangbaError([Problem(shown, f"{where}: its export record {error}: export the page again")]) from None
    if record is None:
        named = f" ({exports.shown_path(item.export_id)})" if item.export_id and exports.EXPORT_ID.fullmatch(item.export_id) else ""
        reason = "" if item.export_id else " (the file has no export-id)"
        message = f"{where} was not exported from this project, or its export record{named} was deleted{reason}: export the page again"
        raise QuangbaError([Problem(shown, message)])
    differ = []
    if item.original != record.page:
        differ.append(f"original is '{item.original}' but the export was of '{record.page}'")
    if item.target_language != record.lang:
        differ.append(f"target-language is '{item.target_language}' but the export was into '{record.lang}'")
    if differ:
        raise QuangbaError([Problem(shown, f"the file was changed after export {record.id}: {'; '.join(differ)}")])
    if record.lang not in project.languages.translations:
        known = ", ".join(project.languages.translations)
        raise QuangbaError([Problem(shown, f"'{record.lang}' is no longer one of the site's translation languages ({known})")])
    return record


def current_page(path: Path, record: exports.Record, shown: Path) -> PageFile | None:
    """The translation as it is on disk now (read again: an earlier file of the same run may
    have written it)."""
    if not path.is_file():
        return None
    existing = PageFile(path, record.page, record.lang, shown)
    existing.read()
    return existing


def refuse_overwrite(existing: PageFile | None, versions: set[str], shown: Path) -> None:
    """A page stamped as a translation of the current or the exported source is a verified
    translation: replacing it needs --force. Stale, unstamped and missing pages may be written."""
    recorded = recorded_hash(existing.meta) if existing is not None and existing.text is not None else None
    if existing is not None and recorded in versions:
        message = f"{existing.shown} is already a stamped translation of this source version ({recorded}): nothing imported (import with --force to replace it)"
        raise QuangbaError([Problem(shown, message)])


def check(source_text: str, project: Project, lang: str, translation_text: str, shown: Path, glossary: Glossary) -> list[Issue]:
    """The checks between the exported source and the page the import is about to write."""
    source_meta, source_body, _ = split_front_matter(shown, source_text)
    meta, body, problem = split_front_matter(shown, translation_text)
    if problem is not None:
        return [Issue("unusable", problem.message, str(shown), problem.line)]
    source_facts = analyze(source_text, source_body, source_meta, project.source_language)
    facts = analyze(translation_text, body, meta, lang)
    return checks.compare(source_facts, facts, shown, glossary, project.source_language, lang)
