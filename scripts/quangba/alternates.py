"""In which languages a page really exists, and where.

mkdocs-static-i18n fills every language with the Vietnamese page when a translation is missing,
and its alternates cannot tell a translation from such a copy. Search engines, the language
switcher and the "not yet translated" notice all need the difference, so it is computed here once.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale
from babel.core import get_global, parse_locale
from mkdocs.structure.pages import Page


@dataclass(frozen=True)
class PageLanguages:
    reader: str  # the language of this part of the site (/en/ -> en)
    shown: str  # the language of the text on the page
    existing: tuple[str, ...]  # languages the page was written in, in the site's order
    urls: dict[str, str]  # site-relative URL of the page in every language of the site

    @property
    def untranslated(self) -> bool:
        """The reader gets the source-language page because there is no translation."""
        return self.shown != self.reader


def page_languages(page: Page, reader: str, languages: tuple[str, ...], default: str) -> PageLanguages:
    file = page.file
    alternates = getattr(file, "alternates", {}) or {reader: file}
    existing = tuple(lang for lang in languages if lang in alternates and getattr(alternates[lang], "locale", default) == lang)
    urls = {lang: alternates[lang].url for lang in languages if lang in alternates}
    return PageLanguages(reader=reader, shown=getattr(file, "locale", None) or default, existing=existing, urls=urls)


def og_locale(lang: str) -> str:
    """'vi' -> 'vi_VN', 'zh' -> 'zh_CN': the language with its most likely territory (CLDR)."""
    language, territory, *_ = parse_locale(lang.replace("-", "_"))
    if territory is None:
        likely = get_global("likely_subtags").get(language, language)  # 'vi' -> 'vi_Latn_VN'
        territory = parse_locale(likely)[1]
    return f"{language}_{territory}" if territory else language


def language_name(lang: str, in_lang: str) -> str:
    """'vi' named in English: 'Vietnamese'; in Korean: '베트남어'."""
    return Locale.parse(lang).get_language_name(in_lang) or lang
