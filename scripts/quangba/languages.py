"""The site's languages, read from the mkdocs-static-i18n settings, and page language suffixes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

# What looks like a language suffix: 'en', 'vi', 'jp', 'zh-Hans', 'pt_BR' ...
SUFFIX = re.compile(r"^[a-z]{2,3}([-_][A-Za-z]{2,4})?$")


@dataclass(frozen=True)
class Languages:
    default: str
    all: tuple[str, ...]  # default first, then the others in configured order

    @property
    def translations(self) -> tuple[str, ...]:
        return tuple(code for code in self.all if code != self.default)

    @classmethod
    def from_i18n(cls, languages: list[Any]) -> "Languages":
        """From the i18n plugin's validated 'languages' list (items with .locale and .default)."""
        codes = [lang["locale"] for lang in languages if lang["locale"] != "null"]
        default = next((lang["locale"] for lang in languages if lang["default"]), codes[0])
        return cls(default, tuple([default] + [c for c in codes if c != default]))


def split_suffix(src_path: str) -> tuple[str, str | None]:
    """'tourism/index.en.md' -> ('tourism/index.md', 'en'); no suffix -> (path, None)."""
    path = PurePosixPath(src_path)
    stem, _, suffix = path.stem.rpartition(".")
    if stem and SUFFIX.match(suffix):
        return str(path.with_name(stem + path.suffix)), suffix
    return src_path, None
