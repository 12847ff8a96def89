"""`quangba new SECTION/SLUG`: a new Vietnamese page, its translation stubs, its navigation entry.

Everything is checked before anything is written; the page files are created (never overwritten),
then mkdocs.yml is replaced in one rename. If a step fails, the files already made are removed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pathspec.gitignore import GitIgnoreSpec

from quangba.config import Settings
from quangba.core import files
from quangba.core.errors import QuangbaError
from quangba.core.frontmatter import STUB_KEY
from quangba.core.languages import Languages
from quangba.editing import navigation

PAGE_NAME = re.compile(r"^(?P<section>[a-z0-9]+(?:-[a-z0-9]+)*)/(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)$")


@dataclass
class NewPage:
    page: str  # tourism/tea-villages.md
    files: list[Path] = field(default_factory=list)  # as shown to the editor
    nav_line: int | None = None  # where mkdocs.yml lists it; None when the section is kept out of nav
    note: str = ""


@dataclass(frozen=True)
class Project:
    config_file: Path
    root: Path
    docs_dir: Path
    languages: Languages
    not_in_nav: GitIgnoreSpec | None
    news_section: str


def load_project(config_file: Path) -> Project:
    settings = Settings.load(config_file)
    patterns = settings.not_in_nav
    return Project(
        settings.config_file,
        settings.root,
        settings.docs_dir,
        settings.languages,
        GitIgnoreSpec.from_lines(patterns.splitlines()) if patterns else None,
        settings.options.news_section,
    )


def source_text(title: str, description: str | None, date: dt.date | None) -> str:
    meta: dict[str, object] = {"title": title}
    if description:
        meta["description"] = description
    if date:
        meta["date"] = date
    return (
        f"---\n{front_matter(meta)}---\n\n"
        "<!-- Viết nội dung trang ở đây (xem hướng dẫn biên tập: docs-editors/). "
        "Kiểm tra bằng lệnh: quangba check -->\n\n"
        "Nội dung trang đang được biên soạn.\n"
    )


def stub_text(title: str, source: Path, lang: str) -> str:
    return (
        f"---\n{front_matter({'title': title, STUB_KEY: True})}---\n\n"
        f"<!-- Translation to do ({lang}): translate {source.as_posix()} here, replacing the title above, "
        f"then delete the line '{STUB_KEY}: true' and run: quangba coverage stamp {source.with_suffix('').with_suffix('').as_posix()}.{lang}.md\n"
        "     Until then readers see the Vietnamese page, and coverage counts this page as missing. -->\n"
    )


def front_matter(meta: dict[str, object]) -> str:
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)


def create_page(project: Project, name: str, title: str, description: str | None = None, today: dt.date | None = None) -> NewPage:
    match = PAGE_NAME.match(name.strip().removesuffix(".md").strip("/"))
    if not match:
        raise QuangbaError(
            [
                f"'{name}' is not SECTION/SLUG: both in lowercase ASCII letters, digits and hyphens, e.g. tourism/tea-villages",
                "(the slug becomes the page's address: /tourism/tea-villages/)",
            ]
        )
    if not title.strip():
        raise QuangbaError(['--title is empty: give the page\'s Vietnamese title, e.g. --title "Làng chè"'])
    section, slug = match["section"], match["slug"]
    folder = project.docs_dir / section
    if not folder.is_dir():
        existing = sorted(p.name for p in project.docs_dir.iterdir() if p.is_dir()) if project.docs_dir.is_dir() else []
        raise QuangbaError([f"there is no section '{section}' ({files.shown(folder, project.root)} does not exist); sections: {', '.join(existing) or 'none'}"])
    default = project.languages.default
    page = f"{section}/{slug}.md"
    paths = {lang: folder / f"{slug}.{lang}.md" for lang in project.languages.all}
    for candidate in [folder / f"{slug}.md", *paths.values()]:
        if candidate.exists():
            raise QuangbaError([f"{files.shown(candidate, project.root)} already exists; choose another name or edit that page"])
    in_nav = not (project.not_in_nav and project.not_in_nav.match_file(f"{section}/{slug}.{default}.md"))
    config_text = project.config_file.read_text(encoding="utf-8")
    insertion = None
    if in_nav:
        try:
            insertion = navigation.add_page(config_text, section, page)
            navigation.verify(insertion.text, page)
        except QuangbaError as error:
            raise QuangbaError([f"{project.config_file.name} {error}"]) from None
    date = (today or dt.date.today()) if section == project.news_section else None
    created: list[Path] = []
    try:
        source = paths[default]
        write_new(source, source_text(title.strip(), description, date))
        created.append(source)
        for lang in project.languages.translations:
            write_new(paths[lang], stub_text(title.strip(), files.shown(source, project.root), lang))
            created.append(paths[lang])
        if insertion is not None:
            replace_text(project.config_file, insertion.text)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    result = NewPage(page, [files.shown(p, project.root) for p in created], insertion.line if insertion else None)
    if not in_nav:
        result.note = f"{section}/ pages are kept out of the navigation (not_in_nav in {project.config_file.name})" + (
            "; as a news item it is dated today (date: in its front matter)" if date else ""
        )
    return result


def write_new(path: Path, text: str) -> None:
    with open(path, "x", encoding="utf-8", newline="\n") as stream:
        stream.write(text)


def replace_text(path: Path, text: str) -> None:
    """Write text over path in one rename, keeping its permissions."""
    files.write_text(path, text)
