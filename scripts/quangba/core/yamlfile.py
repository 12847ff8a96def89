"""YAML as editors write it: safe, strict, and with the line of every key.

The one loader for every YAML file quangba reads (mkdocs.yml, front matter, photo and video
sidecars, facts, glossary, print presets). It is PyYAML's safe loader (on libyaml's parser where
the wheel has it) with two rules PyYAML lacks:

- a key written twice in one mapping is an error naming both lines (PyYAML silently keeps the
  last: a second ``nav:`` in mkdocs.yml wiped the menu, a second ``title:`` replaced the first);
- an impossible date (``2025-02-30``) is an error with its line (PyYAML raises a bare ValueError).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from quangba.core.errors import Problem, QuangbaError

KeyPath = tuple[Any, ...]
_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MERGE_TAG = "tag:yaml.org,2002:merge"


class RuleError(ConstructorError):
    """Valid YAML that breaks one of the rules above (shown without "not valid YAML")."""


class StrictLoader(_Base):  # type: ignore[misc]
    """Safe YAML that refuses duplicate keys and impossible dates."""

    first_line = 1  # line of the file where the text starts, for the lines named in messages

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                if key_node.tag == MERGE_TAG or not isinstance(key_node, yaml.ScalarNode):
                    continue
                key = self.construct_object(key_node)
                line = key_node.start_mark.line + self.first_line
                if key in seen:
                    raise RuleError(None, None, f"'{key}' is written twice (lines {seen[key]} and {line}): keep one", key_node.start_mark)
                seen[key] = line
        mapping: dict[Any, Any] = super().construct_mapping(node, deep)
        return mapping

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as error:
            raise RuleError(None, None, f"'{node.value}' is not a date ({error}); write it as YYYY-MM-DD", node.start_mark) from None


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)
StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_yaml_map)


class TolerantTagsLoader(StrictLoader):
    """For mkdocs.yml read by quangba itself: tags only MkDocs resolves (``!!python/name:…``,
    ``!relative``) become None instead of errors; MkDocs' own loader still reads the real values."""


TolerantTagsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass
class YamlDocument:
    data: Any
    node: yaml.Node | None
    first_line: int = 1  # line of the file where the YAML text starts (front matter: 2)

    @cached_property
    def lines(self) -> dict[KeyPath, int]:
        """('presets', 'a5-flyer', 'ppi') -> line in the file, for messages."""
        found: dict[KeyPath, int] = {}
        if self.node is not None:
            _collect_lines(self.node, (), found, self.first_line)
        return found

    def line(self, *keys: Any) -> int | None:
        """Line of the deepest of keys that the text has (the parent's line when a key is absent)."""
        while keys:
            if keys in self.lines:
                return self.lines[keys]
            keys = keys[:-1]
        return None


def parse(text: str, shown: Path, first_line: int = 1, loader: type = StrictLoader) -> YamlDocument:
    """Parse text (one YAML document); raise QuangbaError naming shown and the line."""
    instance = loader(text)
    instance.first_line = first_line
    try:
        node = instance.get_single_node()
        data = instance.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        line = first_line + error_line(error, text)
        reason = getattr(error, "problem", None) or str(error)
        message = reason if isinstance(error, RuleError) else f"not valid YAML: {reason}"
        raise QuangbaError([Problem(shown, message, line)]) from None
    finally:
        instance.dispose()
    return YamlDocument(data, node, first_line)


def read(path: Path, shown: Path | None = None, loader: type = StrictLoader) -> YamlDocument:
    """Read and parse a YAML file (UTF-8, with or without a byte-order mark)."""
    name = shown or path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise QuangbaError([Problem(name, "file not found")]) from None
    except OSError as error:
        raise QuangbaError([Problem(name, f"cannot be read: {error.strerror}")]) from None
    return parse(decode(raw, name), name, loader=loader)


def decode(raw: bytes, shown: Path) -> str:
    """UTF-8 text (a byte-order mark is dropped); anything else names the line it fails on."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        hint = " (it looks like UTF-16)" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        raise QuangbaError([Problem(shown, f"not UTF-8 text{hint}: open it and save it as UTF-8", line)]) from None


def error_line(error: yaml.YAMLError, text: str) -> int:
    """0-based line of a YAML error: where it was noticed, unless that is the end of the text (an
    unclosed bracket or quote), then where the unclosed thing started."""
    problem = getattr(error, "problem_mark", None)
    context = getattr(error, "context_mark", None)
    if problem is None:
        return 0
    if context is not None and problem.index >= len(text.rstrip()):
        return int(context.line)
    return int(problem.line)


def _collect_lines(node: yaml.Node, prefix: KeyPath, lines: dict[KeyPath, int], first_line: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node.value)
            path = (*prefix, key)
            lines[path] = key_node.start_mark.line + first_line
            _collect_lines(value_node, path, lines, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*prefix, index)] = item.start_mark.line + first_line
            _collect_lines(item, (*prefix, index), lines, first_line)
