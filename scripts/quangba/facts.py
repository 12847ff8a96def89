"""The facts file: every figure the site and the leaflets state, with unit, source and year.

Checked strictly when loaded: a fact without a value or a source, a value of the wrong type for
its unit, or a date that does not parse stops the build, naming the file, the key and the line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from quangba.formatting import UNITS, value_with_unit
from quangba.problems import InputError, Problem

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


class FactsLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that an impossible date (2021-13-45) is a YAML error with a
    line, where PyYAML raises a bare ValueError."""

    def construct_yaml_timestamp(self, node: yaml.Node):  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as error:
            raise yaml.constructor.ConstructorError(None, None, f"'{node.value}' is not a date ({error})", node.start_mark) from None


FactsLoader.add_constructor("tag:yaml.org,2002:timestamp", FactsLoader.construct_yaml_timestamp)


def key_lines(text: str) -> dict[str, int]:
    """Line (1-based) of each top-level key, for messages."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def yaml_problem(name: Path, text: str, error: yaml.YAMLError) -> Problem:
    """A YAML error as a problem naming the fact (the top-level key above the error) and line."""
    mark = getattr(error, "problem_mark", None)
    reason = getattr(error, "problem", None) or str(error)
    if mark is None:
        return Problem(name, f"not valid YAML: {reason}")
    above = [key for key, line in key_lines(text).items() if line <= mark.line + 1]
    prefix = f"{above[-1]}: " if above else ""
    return Problem(name, f"{prefix}{reason}", mark.line + 1)


def load_facts(path: Path, languages: tuple[str, ...], shown_as: Path | None = None) -> dict[str, Fact]:
    """Read and check the facts file; raise InputError listing every problem found."""
    name = shown_as or path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem(name, "facts file not found (set facts_file under quangba: in mkdocs.yml)")]) from None
    try:
        data = yaml.load(text, Loader=FactsLoader) or {}
    except yaml.YAMLError as error:
        raise InputError([yaml_problem(name, text, error)]) from None
    if not isinstance(data, dict):
        raise InputError([Problem(name, "must be a list of 'key:' entries, each with value, unit, source, year")])
    lines = key_lines(text)
    facts: dict[str, Fact] = {}
    problems: list[Problem] = []
    for key, entry in data.items():
        found = [Problem(name, f"{key}: {message}", lines.get(str(key))) for message in check_entry(entry, languages)]
        problems += found
        if not found:
            facts[str(key)] = make_fact(str(key), entry, languages)
    if problems:
        raise InputError(problems)
    return facts


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
        source=source if isinstance(source, dict) else {lang: source for lang in languages},
        year=entry["year"],
        label=dict(entry["label"]),
        approximate=bool(entry.get("approximate", False)),
    )
