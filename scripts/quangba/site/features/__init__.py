"""One module per thing the site does on top of MkDocs + Material + mkdocs-static-i18n.

Each defines a Feature whose methods are named after the MkDocs events it needs (on_config,
on_files, on_page_markdown …, plus on_site_built: after every language was built). The plugin
(quangba.site.plugin) calls them in its FEATURES order; a method that returns a value (the
config, the files, the Markdown, the HTML) passes it to the next feature's method.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from mkdocs.structure.pages import Page

from quangba.core import frontmatter
from quangba.core.errors import Problem
from quangba.site.state import SiteState

# Not under "mkdocs": warnings shown to the editor that do not fail a strict build.
log = logging.getLogger("quangba")


class Feature:
    def __init__(self, state: SiteState) -> None:
        self.state = state


def page_source(page: Page) -> Path:
    return Path(page.file.abs_src_path or "")


def page_problems(problems: list[Problem], page: Page, state: SiteState) -> list[Problem]:
    """Problems found in the Markdown MkDocs hands to plugins, whose lines start after the front
    matter: as lines of the file the editor opens."""
    if not problems:
        return []
    source = page_source(page)
    offset = frontmatter.read(source, state.project.shown(source)).content_line - 1
    return [replace(p, line=p.line + offset) if p.line else p for p in problems]
