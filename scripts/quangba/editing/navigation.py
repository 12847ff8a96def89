"""Adding a page to the site's navigation (nav: in mkdocs.yml) without disturbing the file.

mkdocs.yml is edited as text, one line inserted, so its comments, order and layout stay as the
maintainers wrote them; YAML is only used to find where the section's entries are, and to check
the result before it is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from quangba.core.errors import QuangbaError


@dataclass(frozen=True)
class Insertion:
    text: str  # the whole new mkdocs.yml
    line: int  # 1-based line of the new entry


def compose(text: str) -> yaml.Node | None:
    """The node tree (with lines) of the file; tags such as !ENV need no constructor at this stage."""
    return yaml.compose(text, Loader=yaml.SafeLoader)


def nav_node(root: yaml.Node | None) -> yaml.SequenceNode | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "nav":
            return value if isinstance(value, yaml.SequenceNode) else None
    return None


def paths_in(node: yaml.Node) -> list[str]:
    """Every page path under a nav node."""
    if isinstance(node, yaml.ScalarNode):
        return [node.value]
    if isinstance(node, yaml.SequenceNode):
        return [p for item in node.value for p in paths_in(item)]
    if isinstance(node, yaml.MappingNode):
        return [p for _, value in node.value for p in paths_in(value)]
    return []


def sections(nav: yaml.SequenceNode) -> list[str]:
    found = []
    for item in nav.value:
        for path in paths_in(item):
            if "/" in path and path.split("/")[0] not in found:
                found.append(path.split("/")[0])
    return found


def add_page(text: str, section: str, page: str) -> Insertion:
    """mkdocs.yml's text with page (e.g. 'tourism/tea-villages.md') added at the end of section."""
    nav = nav_node(compose(text))
    if nav is None:
        raise QuangbaError(["has no nav: list"])
    if page in [p for item in nav.value for p in paths_in(item)]:
        raise QuangbaError([f"already lists {page} in nav:"])
    entry = next((item for item in nav.value if any(p.startswith(f"{section}/") for p in paths_in(item))), None)
    if entry is None:
        known = ", ".join(sections(nav)) or "none"
        raise QuangbaError([f"has no section '{section}' in nav: (sections: {known}); add the section there first"])
    lines = text.splitlines(keepends=True)
    if isinstance(entry, yaml.MappingNode) and len(entry.value) == 1:
        key, value = entry.value[0]
        if isinstance(value, yaml.SequenceNode):
            return append_item(lines, value, page)
        if isinstance(value, yaml.ScalarNode):
            return expand_single_page(lines, key, value, page)
    raise QuangbaError([f"the nav: entry of section '{section}' is not 'Title: [pages]'; add {page} by hand"])


def append_item(lines: list[str], sequence: yaml.SequenceNode, page: str) -> Insertion:
    last = sequence.value[-1]
    first_line = lines[last.start_mark.line]
    prefix = first_line[: last.start_mark.column]  # e.g. "      - "
    if prefix.strip() != "-":
        raise QuangbaError(["the section's pages are not written one per line ('- page.md'); add the page by hand"])
    end = last.end_mark.line if last.end_mark.column > 0 else last.end_mark.line - 1
    new_line = f"{prefix}{page}\n"
    if not lines[end].endswith("\n"):
        lines[end] += "\n"
    lines.insert(end + 1, new_line)
    return Insertion("".join(lines), end + 2)


def expand_single_page(lines: list[str], key: yaml.ScalarNode, value: yaml.ScalarNode, page: str) -> Insertion:
    """'  - Ấn phẩm: publications/index.md' becomes a section with two pages."""
    number = key.start_mark.line
    line = lines[number]
    ending = "\n"
    head = line[: key.end_mark.column].rstrip() + ":" if line[key.end_mark.column :].lstrip().startswith(":") else None
    if head is None or value.start_mark.line != number:
        raise QuangbaError([f"cannot turn '{line.strip()}' into a section; add the page by hand"])
    indent = " " * (key.start_mark.column + 2)
    lines[number : number + 1] = [head + ending, f"{indent}- {value.value}{ending}", f"{indent}- {page}{ending}"]
    return Insertion("".join(lines), number + 3)


def verify(text: str, page: str) -> None:
    """The edited file must still be YAML with the page in its nav."""
    try:
        nav = nav_node(compose(text))
    except yaml.YAMLError as error:
        raise QuangbaError([f"would no longer be valid YAML ({error}); nothing was changed"]) from None
    if nav is None or page not in [p for item in nav.value for p in paths_in(item)]:
        raise QuangbaError(["could not be updated safely; nothing was changed"])


def nav_lists(config_file: Path, page: str) -> bool:
    nav = nav_node(compose(config_file.read_text(encoding="utf-8")))
    return nav is not None and page in [p for item in nav.value for p in paths_in(item)]
