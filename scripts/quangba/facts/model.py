"""The facts file: every figure the site and the leaflets state, with unit, source and year.

Checked strictly when loaded: a fact without a value or a source, a value of the wrong type for
its unit, or a date that does not parse stops the build, naming the file, the key and the line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quangba.core import yamlfile
from quangba.core.errors import Problem, QuangbaError
from quangba.facts.formatting import UNITS, value_with_unit

NUMERIC_UNITS = UNITS - {"date", "year"}


@dataclass(frozen=True)
class Fact:
    key: str
    value: int | float | dt.date
    unit: str
    source: dict[str, str]  # per language; a plain string in the file stands for every language
    year: int
    label: dict[str, str]
    approximate: bool = False

    def formatted(self, lang: str) -> str:
        return value_with_unit(self.value, self.unit, lang, approximate=self.approximate)

    def label_in(self, lang: str, default: str) -> str:
        return self.label.get(lang) or self.label[default]

    def source_in(self, lang: str, default: str) -> str:
        return self.source.get(lang) or self.source[default]


def load_facts(path: Path, languages: tuple[str, ...], shown_as: Path | None = None) -> dict[str, Fact]:
    """Read and check the facts file; raise QuangbaError listing every problem found."""
    name = shown_as or path
    if not path.is_file():
        raise QuangbaError([Problem(name, "facts file not found (set facts_file under quangba: in mkdocs.yml)")])
    try:
        document = yamlfile.read(path, name)
    except QuangbaError as error:
        raise QuangbaError([with_fact_key(error.problems[0], path)]) from None
    data = document.data or {}
    if not isinstance(data, dict):
        raise QuangbaError([Problem(name, "must be a list of 'key:' entries, each with value, unit, source, year")])
    facts: dict[str, Fact] = {}
    problems: list[Problem] = []
    for key, entry in data.items():
        found = [Problem(name, f"{key}: {message}", document.line(str(key))) for message in check_entry(entry, languages)]
        problems += found
        if not found:
            facts[str(key)] = make_fact(str(key), entry, languages)
    if problems:
        raise QuangbaError(problems)
    return facts


TOP_LEVEL_KEY = re.compile(r"^([^\s#'\"-][^:]*):", re.MULTILINE)


def with_fact_key(problem: Problem, path: Path) -> Problem:
    """A YAML error prefixed with the fact it is in (the top-level key above its line)."""
    if problem.line is None:
        return problem
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    above = [m[1] for m in TOP_LEVEL_KEY.finditer(text) if text.count("\n", 0, m.start()) + 1 <= problem.line]
    return Problem(problem.path, f"{above[-1]}: {problem.message}", problem.line) if above else problem


def check_entry(entry: Any, languages: tuple[str, ...]) -> list[str]:
    if not isinstance(entry, dict):
        return ["must have value, unit, source, year and label"]
    messages = [f"no {field}" for field in ("value", "unit", "source", "year", "label") if entry.get(field) in (None, "", {})]
    if messages:
        return messages
    unit, value = entry["unit"], entry["value"]
    if unit not in UNITS:
        return [f"unknown unit '{unit}' (use one of: {', '.join(sorted(UNITS))})"]
    if unit == "date" and not isinstance(value, dt.date):
        messages.append(f"value '{value}' is not a date (write it as YYYY-MM-DD)")
    elif unit == "year" and not (isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 2999):
        messages.append(f"value '{value}' is not a year")
    elif unit in NUMERIC_UNITS and (isinstance(value, bool) or not isinstance(value, (int, float))):
        messages.append(f"value '{value}' is not a number (write 1286751 or 8375.3, without separators)")
    if not isinstance(entry["year"], int) or isinstance(entry["year"], bool):
        messages.append(f"year '{entry['year']}' is not a year")
    for field in ("label", "source"):
        texts = entry[field]
        if isinstance(texts, dict):
            missing = [lang for lang in languages if not texts.get(lang)]
            if field == "label" and missing:
                messages.append(f"label missing in {', '.join(missing)}")
            if field == "source" and languages[0] in missing:
                messages.append(f"source missing in {languages[0]}")
        elif not isinstance(texts, str) or field == "label":
            messages.append(f"{field} must be {'one text per language' if field == 'label' else 'a text'}")
    return messages


def make_fact(key: str, entry: dict[str, Any], languages: tuple[str, ...]) -> Fact:
    source = entry["source"]
    return Fact(
        key=key,
        value=entry["value"],
        unit=entry["unit"],
        source=source if isinstance(source, dict) else dict.fromkeys(languages, source),
        year=entry["year"],
        label=dict(entry["label"]),
        approximate=bool(entry.get("approximate", False)),
    )
