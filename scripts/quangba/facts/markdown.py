"""The facts syntax editors type in Markdown, expanded in the page's language.

{{ fact.population }}          -> 1.799.489 người / 1,799,489 people / 1,799,489人 / 1,799,489명
{{ fact.population.label }}    -> Dân số / Population / 人口 / 인구
{{ fact.population.source }}   -> the source text;   {{ fact.population.year }} -> 2025
{{ facts area, population }}   -> a table of those facts with "source, year" notes (own line)
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from quangba.core.errors import Problem
from quangba.core.text import markdown_text
from quangba.facts.formatting import source_note
from quangba.facts.model import Fact

FACT = re.compile(r"\{\{\s*fact\.(?P<key>[\w-]+)(?:\.(?P<part>label|source|year))?\s*\}\}")
TABLE = re.compile(r"^[ \t]*\{\{\s*facts\s+(?P<keys>[^}]*?)\s*\}\}[ \t]*$", re.MULTILINE)
LEFTOVER = re.compile(r"\{\{\s*facts?\b[^}]*\}\}")


@dataclass(frozen=True)
class FactContext:
    facts: dict[str, Fact]
    lang: str  # the language the page is written in
    default: str  # the source language, for labels missing in lang
    gettext: Callable[[str], str]


def expand(markdown: str, context: FactContext, path: Path, first_line: int) -> tuple[str, list[Problem]]:
    """Replace the facts syntax in a page's Markdown; unknown keys become problems with lines."""
    problems: list[Problem] = []
    tables = 0

    def line_of(index: int) -> int:
        return first_line + markdown.count("\n", 0, index)

    def lookup(key: str, index: int) -> Fact | None:
        if key in context.facts:
            return context.facts[key]
        near = difflib.get_close_matches(key, context.facts, n=1)
        hint = f" (did you mean '{near[0]}'?)" if near else ""
        problems.append(Problem(path, f"unknown fact '{key}'{hint}", line_of(index)))
        return None

    def table(match: re.Match[str]) -> str:
        nonlocal tables
        keys = [k.strip() for k in match["keys"].split(",") if k.strip()]
        found = [f for k in keys if (f := lookup(k, match.start()))]
        if len(found) != len(keys):
            return match[0]
        tables += 1
        return facts_table(found, context, f"facts-{tables}")

    def single(match: re.Match[str]) -> str:
        fact = lookup(match["key"], match.start())
        if fact is None:
            return match[0]
        part = match["part"]
        if part == "label":
            return markdown_text(fact.label_in(context.lang, context.default))
        if part == "source":
            return markdown_text(fact.source_in(context.lang, context.default))
        if part == "year":
            return str(fact.year)
        return markdown_text(fact.formatted(context.lang))

    expanded = FACT.sub(single, TABLE.sub(table, markdown))
    if not problems:
        for leftover in LEFTOVER.finditer(expanded):
            problems.append(Problem(path, f"cannot read '{leftover[0]}': write {{{{ fact.KEY }}}} or {{{{ facts KEY, KEY }}}}", line_of(leftover.start())))
    return expanded, problems


def facts_table(facts: list[Fact], context: FactContext, table_id: str) -> str:
    """A labelled table; each value carries a note number pointing at its source and year."""
    _ = context.gettext
    heading_figure, heading_value, heading_sources = _("Figure"), _("Value"), _("Sources")
    sources: list[str] = []
    rows = []
    for fact in facts:
        note = source_note(fact.source_in(context.lang, context.default), int(fact.year), context.lang)
        if note not in sources:
            sources.append(note)
        number = sources.index(note) + 1
        rows.append(
            f'<tr><th scope="row">{html.escape(fact.label_in(context.lang, context.default))}</th>'
            f'<td>{html.escape(fact.formatted(context.lang))}<sup class="quangba-facts__ref"><a href="#{table_id}-source-{number}">[{number}]</a></sup></td></tr>'
        )
    notes = "".join(f'<li id="{table_id}-source-{n}">{html.escape(text)}</li>' for n, text in enumerate(sources, start=1))
    return (
        '\n<div class="quangba-facts">\n'
        f'<table>\n<thead><tr><th scope="col">{html.escape(heading_figure)}</th><th scope="col">{html.escape(heading_value)}</th></tr></thead>\n'
        f"<tbody>{''.join(rows)}</tbody>\n</table>\n"
        f'<p class="quangba-facts__title">{html.escape(heading_sources)}</p>\n<ol class="quangba-facts__sources">{notes}</ol>\n'
        "</div>\n"
    )
