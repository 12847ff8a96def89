"""Vietnamese names and phrases inside a translation, marked lang="vi".

An English, Chinese or Korean page quotes Vietnamese ("Tân Cương", "đệ nhất danh trà"): a screen
reader would read them with the page's voice, and a browser might pick the page language's font
forms, unless the words carry lang="vi" (WCAG 3.1.2). Editors should not have to tag them by
hand, so the build finds them: runs of Latin words with diacritics. In a Chinese or Korean page
any such run is Vietnamese; in a Latin-script page a run needs a letter only Vietnamese uses (đ,
ă, ơ, ư, the tone-marked vowels of Unicode's Vietnamese block) or two accented words, so
"café" or "São Paulo" stay English. Only text between tags is changed, never code; an
untranslated page shown in another language is already marked as a whole.

Hand-written because no library does this: language detection libraries (langdetect, lingua)
classify whole texts, not two-word names inside another language's sentence.
"""

from __future__ import annotations

import re
import unicodedata

from babel.core import get_global
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from quangba.core.text import map_text
from quangba.site.features import Feature
from quangba.site.features.languages import page_languages

WORD = r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]+"  # Latin letters only: hanzi and Hangul are letters too
# Words joined by a space or a hyphen; a run starts and ends with an accented word.
RUN = re.compile(rf"{WORD}(?:[ \-]{WORD})*")
ONLY_VIETNAMESE = re.compile("[đĐăĂơƠưƯĩĨũŨ\u1ea0-\u1ef9]")


def accented(word: str) -> bool:
    return any(unicodedata.decomposition(c) for c in word if ord(c) > 127)


def vietnamese_runs(text: str, latin_page: bool) -> list[tuple[int, int]]:
    """(start, end) of each Vietnamese fragment of text."""
    found = []
    for run in RUN.finditer(text):
        words = list(re.finditer(WORD, run[0]))
        marked = [i for i, w in enumerate(words) if accented(w[0])]
        if not marked:
            continue
        # In a Chinese or Korean page the Latin run is Vietnamese from its first accented word to
        # its last ("đệ nhất danh trà"); in a Latin-script page a plain word is the page's own.
        groups: list[list[int]] = [marked] if not latin_page else []
        for i in marked if latin_page else []:
            if groups and i == groups[-1][-1] + 1:
                groups[-1].append(i)
            else:
                groups.append([i])
        for group in groups:
            first, last = words[group[0]], words[group[-1]]
            phrase = run[0][first.start() : last.end()]
            if latin_page and not (ONLY_VIETNAMESE.search(phrase) or len(group) >= 2):
                continue
            found.append((run.start() + first.start(), run.start() + last.end()))
    return found


def mark(html: str, latin_page: bool) -> str:
    def spans(text: str) -> str:
        for start, end in reversed(vietnamese_runs(text, latin_page)):
            text = f'{text[:start]}<span lang="vi">{text[start:end]}</span>{text[end:]}'
        return text

    return map_text(html, spans)


class Fragments(Feature):
    """Marks Vietnamese inside the other languages' pages (when Vietnamese is the source)."""

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        languages = self.state.languages
        if languages.default != "vi" or self.state.lang == "vi":
            return None
        if page_languages(page, self.state.lang, languages.all, languages.default).untranslated:
            return None
        return mark(html, latin_page=written_in_latin(self.state.lang))


def written_in_latin(lang: str) -> bool:
    """Whether a language is written in the Latin alphabet, by CLDR's likely subtags (en ->
    en_Latn_US, ko -> ko_Kore_KR), as Babel ships them."""
    likely = get_global("likely_subtags").get(lang.replace("-", "_").split("_")[0], "")
    return "_Latn" in likely
