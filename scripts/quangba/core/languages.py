"""The site's languages: their order (from the mkdocs-static-i18n settings), their names (from
Babel's CLDR data, so that any language a province adds is named without a table here), page
language suffixes and the address of a page in a language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale

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
    def from_i18n(cls, languages: list[Any]) -> Languages:
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


@cache
def native_name(lang: str) -> str:
    """The language's name in itself: 'vi' -> 'Tiếng Việt', 'zh' -> '中文', 'lo' -> 'ລາວ'."""
    return language_name(lang, lang)


@cache
def language_name(lang: str, in_lang: str) -> str:
    """'vi' named in English: 'Vietnamese'; in Korean: '베트남어'. The code when Babel does not know it."""
    try:
        return Locale.parse(lang.replace("-", "_")).get_language_name(in_lang.replace("-", "_")) or lang
    except (UnknownLocaleError, ValueError):
        return lang


def labelled(lang: str) -> str:
    """'Tiếng Việt (vi)', for tables and progress lines."""
    return f"{native_name(lang)} ({lang})"


def og_locale(lang: str) -> str:
    """'vi' -> 'vi_VN', 'zh' -> 'zh_CN': the language with its most likely territory (CLDR)."""
    language, territory, *_ = parse_locale(lang.replace("-", "_"))
    if territory is None:
        likely = get_global("likely_subtags").get(language, language)  # 'vi' -> 'vi_Latn_VN'
        territory = parse_locale(likely)[1]
    return f"{language}_{territory}" if territory else language


def page_url(page: str, lang: str, default: str, directory_urls: bool = True) -> str:
    """Site-relative address of a docs page in a language: ('tourism/index.md', 'en') -> 'en/tourism/'."""
    path = page[: -len(".md")] if page.endswith(".md") else page
    if directory_urls:
        if path == "index" or path.endswith("/index"):
            path = path[: -len("index")]
        elif path:
            path += "/"
    else:
        path += ".html"
    return ("" if lang == default else f"{lang}/") + path
