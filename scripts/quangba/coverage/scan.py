"""The pages of a docs folder in the suffix structure: which file is a source page, which is a
translation of which, and reading them with every input problem named by file and line.

A source page is `X.md` or `X.<source language>.md`; its translations are `X.<lang>.md`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from quangba.core import frontmatter
from quangba.core.errors import Problem, QuangbaError
from quangba.core.languages import split_suffix
from quangba.coverage.analysis import PageFacts, analyze
from quangba.coverage.project import Project


@dataclass
class PageFile:
    """One Markdown file of the docs folder, read lazily."""

    path: Path  # on disk
    page: str  # the source page it belongs to, relative to docs without suffix: tourism/index.md
    lang: str
    shown: Path  # as editors see it (relative to the project folder)
    problems: list[Problem] = field(default_factory=list)  # unusable input, found when read
    text: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    body_start: int = 0
    _read: bool = False

    def read(self) -> bool:
        """Read the file once; False when it cannot be used (its problems say why)."""
        if not self._read:
            self._read = True
            self.load()
        return self.text is not None

    def load(self) -> None:
        try:
            data = self.path.read_bytes()
        except OSError as error:
            self.problems.append(Problem(self.shown, f"cannot be read: {error.strerror}"))
            return
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self.problems.append(Problem(self.shown, "not UTF-8 text: save the file as UTF-8", line))
            return
        # Line breaks as MkDocs reads them (text mode: \r\n and \r become \n). `stamp` and
        # `import` re-read the file to keep the writer's line endings.
        text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        meta, body_start, problem = split_front_matter(self.shown, text)
        if problem is not None:
            self.problems.append(problem)
            return
        body = text[body_start:]
        if not text.strip():
            self.problems.append(Problem(self.shown, "the page is empty"))
        elif not body.strip():
            self.problems.append(Problem(self.shown, "the page has only front matter and no text", text.count("\n", 0, body_start) + 1))
        self.text = text
        self.meta = meta
        self.body_start = body_start

    @property
    def is_stub(self) -> bool:
        return frontmatter.is_stub(self.meta)

    @cached_property
    def facts(self) -> PageFacts:
        assert self.text is not None, "read() first"
        return analyze(self.text, self.body_start, self.meta, self.lang)


def split_front_matter(shown: Path, text: str) -> tuple[dict[str, Any], int, Problem | None]:
    """(front matter, offset of the body, problem), by the shared front matter reader."""
    try:
        page = frontmatter.split(shown, text)
    except QuangbaError as error:
        return {}, 0, error.problems[0]
    return page.meta, len(text) - len(page.body), None


@dataclass
class Inventory:
    sources: dict[str, PageFile] = field(default_factory=dict)  # page -> source file
    translations: dict[str, dict[str, PageFile]] = field(default_factory=dict)  # lang -> page -> file
    problems: list[Problem] = field(default_factory=list)  # files that belong to no language


def inventory(project: Project) -> Inventory:
    """Every Markdown page of the docs folder, sorted into sources and translations."""
    languages = project.languages
    found = Inventory(translations={lang: {} for lang in languages.translations})
    docs = project.docs_dir
    shown_docs = project.shown(docs)
    for folder, subfolders, names in os.walk(docs):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        relative_folder = os.path.relpath(folder, docs).replace(os.sep, "/")
        prefix = "" if relative_folder == "." else relative_folder + "/"
        for name in sorted(names):
            if not name.endswith(".md") or name.startswith("."):
                continue
            relative = prefix + name
            page, suffix = split_suffix(relative)
            file = PageFile(Path(folder) / name, page, suffix or languages.default, shown_docs / relative)
            if suffix is None or suffix == languages.default:
                if page in found.sources:
                    other = found.sources[page].shown
                    found.problems.append(Problem(file.shown, f"two source files for one page: keep either this one or {other}"))
                    continue
                found.sources[page] = file
            elif suffix in found.translations:
                found.translations[suffix][page] = file
            else:
                known = ", ".join(languages.all)
                found.problems.append(
                    Problem(
                        file.shown,
                        f"language suffix '.{suffix}' is not one of the site's languages ({known}); rename the file or add the language in mkdocs.yml",
                    )
                )
    return found
