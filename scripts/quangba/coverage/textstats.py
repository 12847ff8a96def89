"""Measuring text: its size in the unit translators are paid in, and Vietnamese left in a page
that should be in another language.

Size: languages written with spaces between words (Vietnamese counts syllables, which it writes
as space-separated words) are counted in words; Chinese, Japanese and Korean in characters.

Vietnamese is recognised by its diacritics: ă â đ ê ô ơ ư and the five tone marks. A name or a
gloss in a translation (谷山湖（Núi Cốc）, "Tỉn Keo") is normal; a run of words most of which
carry Vietnamese marks is a sentence nobody translated.
"""

from __future__ import annotations

import re
import unicodedata

CHARACTER_LANGUAGES = frozenset({"zh", "ja", "ko"})
NOT_CHARACTER = re.compile(r"[\W_]+")
VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")


def _vietnamese_letters() -> str:
    letters = ["đĐ"]
    for code in range(0xC0, 0x1EFF + 1):
        char = chr(code)
        decomposed = unicodedata.normalize("NFD", char)
        if len(decomposed) > 1 and decomposed[0].isascii() and decomposed[0].isalpha() and set(decomposed[1:]) <= VIETNAMESE_MARKS:
            letters.append(char)
    return "".join(letters)


VIETNAMESE_LETTER = re.compile("[" + _vietnamese_letters() + "]")
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
# A sentence, not a name: runs of Latin words are cut at CJK text and at parentheses (glosses).
GLOSS = re.compile(r"\([^()]*\)|（[^（）]*）")
LATIN_RUN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+(?:[\s,.;:!?'’\-–—\"“”]+[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+)*")
WINDOW = 6  # words
MARKED_IN_WINDOW = 4  # of them with Vietnamese marks


def unit(lang: str) -> str:
    return "characters" if base_language(lang) in CHARACTER_LANGUAGES else "words"


def base_language(lang: str) -> str:
    return lang.replace("-", "_").split("_")[0].lower()


def size(text: str, lang: str) -> int:
    """Words (space-separated), or characters (letters and digits) for Chinese, Japanese and Korean."""
    if base_language(lang) in CHARACTER_LANGUAGES:
        return len(NOT_CHARACTER.sub("", text))
    return len(text.split())


def vietnamese_sentence(text: str) -> str | None:
    """The first run of Vietnamese words in text (several words in a row with Vietnamese marks),
    or None. Glosses in parentheses are ignored."""
    if not VIETNAMESE_LETTER.search(text):
        return None
    text = GLOSS.sub(" ", text)
    for run in LATIN_RUN.finditer(text):
        words = LATIN_WORD.findall(run.group(0))
        if len(words) < WINDOW:
            continue
        marked = [bool(VIETNAMESE_LETTER.search(word)) for word in words]
        for start in range(len(words) - WINDOW + 1):
            if sum(marked[start : start + WINDOW]) >= MARKED_IN_WINDOW:
                first = marked.index(True, start)
                return " ".join(words[first : first + 10])
    return None
