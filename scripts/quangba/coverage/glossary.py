"""The glossary (assets/glossary.yml): approved translations of official names and terms, and
finding them in a page in any script.

    terms:
      - vi: Sở Thông tin và Truyền thông
        kind: name            # name: an official name, must be used exactly -> a problem
        en: Department of Information and Communications
        zh: 信息传媒厅           # term: the preferred rendering; wording may adapt -> a hint
        ko: 정보통신국

Matching ignores case, the Unicode form, and whether words are joined by spaces or hyphens.
Word boundaries are required only where the term begins or ends with a Latin letter or digit:
Chinese has no spaces, and Korean attaches particles to the word (정보통신국은), so the usual
regex \\b finds no boundary there. Between Chinese or Korean characters a space is optional
(성 인민위원회 = 성인민위원회); half-width and full-width parentheses are the same.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from quangba.core import yamlfile
from quangba.core.errors import Problem, QuangbaError

KINDS = ("name", "term")
LATIN_OR_DIGIT = "0-9a-z\u00c0-\u024f\u1e00-\u1eff"
SEPARATORS = " \\t\\n\\-\u2010\u2011\u2013"  # a regex character class body
PARENTHESES = {"(": "[(（]", ")": "[)）]", "（": "[(（]", "）": "[)）]"}
APOSTROPHES = {"'": "['’]", "’": "['’]"}


@dataclass(frozen=True)
class Term:
    kind: str  # "name" or "term"
    texts: dict[str, str]  # language -> approved text
    line: int  # where the entry starts in the glossary file


@dataclass
class Glossary:
    path: Path | None
    terms: list[Term] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    _pairs: dict = field(default_factory=dict, repr=False)

    def pairs(self, source: str, target: str) -> list[tuple[Term, re.Pattern, re.Pattern]]:
        """Terms with both languages, with their compiled patterns."""
        if (source, target) not in self._pairs:
            self._pairs[(source, target)] = [
                (term, pattern(term.texts[source]), pattern(term.texts[target])) for term in self.terms if source in term.texts and target in term.texts
            ]
        return self._pairs[(source, target)]

    def numbered(self, source: str, target: str) -> list[tuple[Term, re.Pattern, re.Pattern]]:
        """The pairs of names that contain digits ("Mỗi xã một sản phẩm" = "1읍 1특산품")."""
        if ("numbered", source, target) not in self._pairs:
            self._pairs[("numbered", source, target)] = [
                pair for pair in self.pairs(source, target) if any(c.isdigit() for c in pair[0].texts[source] + pair[0].texts[target])
            ]
        return self._pairs[("numbered", source, target)]


def load(path: Path | None, shown: Path | None = None) -> Glossary:
    """Read the glossary; its problems are collected (and the good entries still used)."""
    glossary = Glossary(path)
    if path is None:
        return glossary
    shown = shown or path
    try:
        document = yamlfile.read(path, shown)
    except QuangbaError as error:
        glossary.problems.append(error.problems[0])
        return glossary
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        glossary.problems.append(Problem(shown, "expected a list under 'terms:'", 1))
        return glossary
    for index, entry in enumerate(data["terms"]):
        line = document.line("terms", index) or 1
        if not isinstance(entry, dict):
            glossary.problems.append(Problem(shown, "each term is 'vi: ..., kind: name|term, en: ..., ...'", line))
            continue
        kind = entry.get("kind", "term")
        if kind not in KINDS:
            glossary.problems.append(Problem(shown, f"kind is '{kind}': use 'name' (official name) or 'term'", line))
            continue
        texts = {str(lang): str(value).strip() for lang, value in entry.items() if lang != "kind" and value is not None and str(value).strip()}
        glossary.terms.append(Term(kind, texts, line))
    return glossary


def fold(text: str) -> str:
    """Text as the patterns search it: precomposed Unicode, lower case."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.lower()


def is_latin_or_digit(char: str) -> bool:
    return bool(re.match(f"[{LATIN_OR_DIGIT}]", char))


@functools.cache
def pattern(term: str) -> re.Pattern:
    """A regex finding the term in folded text (see the module docstring)."""
    text = " ".join(fold(term).replace("-", " ").split())
    parts: list[str] = []
    for index, char in enumerate(text):
        if char == " ":
            before, after = text[index - 1], text[index + 1]
            optional = not (is_latin_or_digit(before) or before in "()（）") or not (is_latin_or_digit(after) or after in "()（）")
            parts.append(f"[{SEPARATORS}]{'*' if optional else '+'}")
        elif char in PARENTHESES:
            parts.append(f"[{SEPARATORS}]*{PARENTHESES[char]}[{SEPARATORS}]*")
        elif char in APOSTROPHES:
            parts.append(APOSTROPHES[char])
        else:
            parts.append(re.escape(char))
    regex = "".join(parts)
    if is_latin_or_digit(text[0]):
        regex = f"(?<![{LATIN_OR_DIGIT}])" + regex
    if is_latin_or_digit(text[-1]):
        regex += f"(?:s|es)?(?![{LATIN_OR_DIGIT}])"  # English plurals: industrial park(s)
    return re.compile(regex)
