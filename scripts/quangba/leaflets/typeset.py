"""Line-breaking rules of print the layout engine does not know: where a line may not break.

WeasyPrint breaks lines by Unicode's rules (UAX 14) through Pango. Those allow a break between
any two Hangul syllables and between a number and its unit, and they leave a title's last
syllable alone on its line. Korean print breaks between words only (CSS `word-break: keep-all`,
which WeasyPrint does not implement), so each Korean word is set in a no-wrap span. Numbers keep
their unit, phone numbers stay on one line, and a heading's last two words are tied, with
no-break spaces (Chinese, written without spaces, ties its last two characters with a word
joiner). Only text between tags is changed: the HTML here is Markdown's output and the
leaflet template's, where '<' always starts a tag.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from quangba.core.text import TAG, map_text

NBSP = "\u00a0"
WORD_JOINER = "\u2060"
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
KOREAN_WORD = re.compile(r"[^\s<>]*[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af][^\s<>]*")
# "+84 208 000 0000", "0208 3855 000": digits in groups of two to four, spaces between.
PHONE = re.compile(r"(?<![\w.,])\+?\d{1,4}(?: \d{2,4}){2,}(?![\w])")
# A figure and the word after it ("8.375,3 km²", "1.799.489 người", "3,5 tỷ USD", "32 ha").
NUMBER_WORD = re.compile(r"(?<=\d) (?=[^\s\d<&][^\s<]{0,11}(?:[\s<,.;:)]|$))")
HEADING = re.compile(r"(<h[1-6][^>]*>)(.*?)(</h[1-6]>)", re.DOTALL)
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def typeset(html: str, lang: str) -> str:
    """html with the no-break rules applied to its text and its headings' endings."""
    text = map_text(html, lambda part: typeset_text(part, lang))  # never inside code
    return HEADING.sub(lambda m: m[1] + tie_last_words(m[2], lang) + m[3], text)


def typeset_text(text: str, lang: str) -> str:
    if not text.strip():
        return text
    text = PHONE.sub(lambda m: m[0].replace(" ", NBSP), text)
    text = NUMBER_WORD.sub(NBSP, text)
    if lang.split("-")[0] == "ko" and HANGUL.search(text):
        text = KOREAN_WORD.sub(lambda m: f'<span class="keep">{m[0]}</span>', text)
    return text


def title(text: str, lang: str) -> Markup:
    """A title or subtitle (plain text) escaped and typeset, its last two words tied."""
    return Markup(typeset(f"<h1>{Markup.escape(text)}</h1>", lang)[len("<h1>") : -len("</h1>")])


def tie_last_words(inner: str, lang: str) -> str:
    """Tie the last two words of a heading (its last space outside tags), or for Chinese its
    last two characters, so that no line holds a single word."""
    parts = TAG.split(inner)
    chinese = lang.split("-")[0] == "zh"
    seen_text = False
    for index in reversed(range(0, len(parts), 2)):  # text parts, from the end
        text = parts[index]
        for position in range(len(text) - 1, -1, -1):
            char = text[position]
            if chinese and position > 0 and CJK.match(char) and CJK.match(text[position - 1]):
                parts[index] = text[:position] + WORD_JOINER + text[position:]
                return "".join(parts)
            if not chinese and char == " " and seen_text:
                parts[index] = text[:position] + NBSP + text[position + 1 :]
                return "".join(parts)
            seen_text = seen_text or not char.isspace()
    return inner
