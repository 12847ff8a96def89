"""Translation stubs: the files `quangba new` makes for each translation language, marked
``untranslated: true`` in their front matter until a translator writes them.

A stub is not a translation: the build leaves it out (readers of that language see the
Vietnamese page with the "not yet translated" notice) and coverage counts the page missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from quangba import frontmatter
from quangba.languages import split_suffix

STUB_KEY = "untranslated"


def is_stub(meta: Mapping[str, Any]) -> bool:
    return meta.get(STUB_KEY) is True


def stub_pages(files: Iterable[Any], default: str) -> list[Any]:
    """The MkDocs files (documentation pages) that are translation stubs; the plugin removes them
    from the build with ``for file in stub_pages(files, default): files.remove(file)``."""
    stubs = []
    for file in files:
        if not getattr(file, "src_uri", "").endswith(".md") or not getattr(file, "abs_src_path", None):
            continue
        _, suffix = split_suffix(file.src_uri)
        if suffix is None or suffix == default:
            continue
        try:
            meta = frontmatter.read(Path(file.abs_src_path)).meta
        except (frontmatter.FrontMatterError, OSError):
            continue  # reported by the build's own checks
        if is_stub(meta):
            stubs.append(file)
    return stubs
