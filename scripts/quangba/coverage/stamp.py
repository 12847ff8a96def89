"""`quangba coverage stamp`: record in a translation which version of the source it was made
from, once the translator has finished, and only if the checks find no problem (unless forced).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from quangba.core.errors import Problem
from quangba.core.files import write_text
from quangba.core.frontmatter import STUB_KEY
from quangba.core.languages import split_suffix
from quangba.coverage import checks
from quangba.coverage.checks import Issue
from quangba.coverage.glossary import Glossary
from quangba.coverage.hashing import recorded_hash, source_hash, with_hash
from quangba.coverage.project import Project
from quangba.coverage.scan import Inventory

STAMPED, UNCHANGED, REFUSED = "stamped", "unchanged", "refused"


@dataclass
class Outcome:
    file: Path  # as shown
    result: str  # STAMPED, UNCHANGED or REFUSED
    digest: str
    issues: list[Issue] = field(default_factory=list)


def page_of(path: Path, project: Project) -> tuple[str, str | None] | None:
    """(source page, language suffix) of a file or folder path given on the command line, or
    None when it is not inside the docs folder."""
    candidates = [path, project.docs_dir / path]
    if path.suffix == ".md" and split_suffix(path.as_posix())[1] is None:  # tourism/index.md: the page's source file
        candidates.append(project.docs_dir / path.with_name(f"{path.stem}.{project.source_language}.md"))
    for candidate in candidates:
        if candidate.exists():
            try:
                relative = candidate.resolve().relative_to(project.docs_dir.resolve()).as_posix()
            except ValueError:
                return None
            if candidate.is_dir():
                return (relative if relative != "." else "", None)
            return split_suffix(relative)
    return None


def targets(paths: list[Path], langs: list[str], project: Project, found: Inventory) -> tuple[list[tuple[str, str]], list[Problem]]:
    """The (page, language) pairs the command line names, and what it names wrongly."""
    pairs: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for path in paths:
        located = page_of(path, project)
        if located is None:
            problems.append(Problem(path, "not found in the docs folder"))
            continue
        page, suffix = located
        is_folder = (path if path.exists() else project.docs_dir / path).is_dir()
        if suffix in project.languages.translations:
            page_langs = [suffix]
        elif langs:
            page_langs = langs
        else:
            problems.append(Problem(path, "is a source page: say which translation to stamp with --lang (for example --lang en)"))
            continue
        if is_folder:
            pages = [p for p in found.sources if not page or p.startswith(page.rstrip("/") + "/")]
            if not pages:
                problems.append(Problem(path, "no source pages in this folder"))
            for lang in page_langs:  # translations that exist and are not `quangba new` stubs
                existing = found.translations[lang]
                pairs.extend((p, lang) for p in pages if p in existing and not (existing[p].read() and existing[p].is_stub))
        else:
            pairs.extend((page, lang) for lang in page_langs)
    return list(dict.fromkeys(pairs)), problems


def stamp(page: str, lang: str, found: Inventory, glossary: Glossary, project: Project, force: bool) -> Outcome | Problem:
    source = found.sources.get(page)
    translation = found.translations.get(lang, {}).get(page)
    if source is None:
        shown = translation.shown if translation else Path(page)
        return Problem(shown, "has no source page, so there is nothing to stamp it against")
    if translation is None:
        stem = project.shown(project.docs_dir) / page
        return Problem(stem.with_name(stem.stem + f".{lang}.md"), "does not exist yet: translate the page first")
    for file in (source, translation):
        if not file.read() or file.problems:
            return file.problems[0]
    if translation.is_stub:
        return Problem(translation.shown, f"is still a stub ({STUB_KEY}: true): translate it and delete that line first")
    assert source.text is not None  # read above
    digest = source_hash(source.text)
    issues = checks.compare(source.facts, translation.facts, translation.shown, glossary, project.source_language, lang)
    errors = [issue for issue in issues if issue.severity == checks.ERROR]
    if errors and not force:
        return Outcome(translation.shown, REFUSED, digest, issues)
    if recorded_hash(translation.meta) == digest:
        return Outcome(translation.shown, UNCHANGED, digest, issues)
    original = translation.path.read_bytes().decode("utf-8").lstrip("\ufeff")  # as written: keep its line endings
    write_text(translation.path, with_hash(original, digest))
    return Outcome(translation.shown, STAMPED, digest, issues)
