"""Small YAML files editors write (sidecars, print presets), read with the line of every key.

A message such as "tea-hills.yml:14: focal_point must be two numbers between 0 and 1" needs the
line, which plain ``yaml.safe_load`` forgets; the composed node tree keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from quangba.problems import Problem

KeyPath = tuple[Any, ...]


@dataclass
class YamlDocument:
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)  # ('presets', 'a5-flyer', 'ppi') -> 1-based line

    def line(self, *keys: Any) -> int | None:
        """Line of the deepest of keys that the file has (the parent's line when a key is absent)."""
        while keys:
            if keys in self.lines:
                return self.lines[keys]
            keys = keys[:-1]
        return None


class YamlFileError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def read_yaml(path: Path, shown: Path | str | None = None) -> YamlDocument:
    """Parse path; a file that is not UTF-8 or not valid YAML raises YamlFileError with its line."""
    name = Path(shown) if shown is not None else path
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlFileError(Problem(name, "not UTF-8 text: save the file as UTF-8", line)) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        raise YamlFileError(Problem(name, f"not valid YAML: {reason}", mark.line + 1 if mark else None)) from None
    lines: dict[KeyPath, int] = {}
    if node is not None:
        collect_lines(node, (), lines)
    return YamlDocument(data, lines)


def collect_lines(node: yaml.Node, prefix: KeyPath, lines: dict[KeyPath, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = yaml.safe_load(yaml.serialize(key_node)) if not isinstance(key_node, yaml.ScalarNode) else key_node.value
            path = prefix + (key,)
            lines[path] = key_node.start_mark.line + 1
            collect_lines(value_node, path, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[prefix + (index,)] = item.start_mark.line + 1
            collect_lines(item, prefix + (index,), lines)
