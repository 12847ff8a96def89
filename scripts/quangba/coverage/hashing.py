"""The source version a translation was made from: a hash of the normalized source page.

Dates lie (a checkout, a copy or a reformat changes them); a hash of the text does not. The
source is normalized first so that changes a reader cannot see do not make translations stale:
line endings, trailing spaces, the number of blank lines between blocks, and the Unicode form
(Vietnamese typed as decomposed or precomposed characters).

The hash is recorded in the translation's front matter as ``source_hash: "<16 hex digits>"``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

FIELD = "source_hash"
LENGTH = 16  # hex digits of SHA-256 kept: plenty to tell versions of one page apart
TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
BLANK_RUNS = re.compile(r"\n{3,}")
FRONT_MATTER_OPENING = re.compile(r"\A---[ \t]*\r?\n")
FRONT_MATTER_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
FIELD_LINE = re.compile(rf"^{FIELD}[ \t]*:[^\r\n]*", re.MULTILINE)


def normalize(text: str) -> str:
    """The text as far as readers are concerned (see the module docstring)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = TRAILING_SPACE.sub("", text)
    text = BLANK_RUNS.sub("\n\n", text)
    return text.strip("\n") + "\n"


def source_hash(text: str) -> str:
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()[:LENGTH]


def recorded_hash(meta: dict) -> str | None:
    """The hash a translation's front matter records, if any (numbers YAML read from an
    unquoted all-digit hash are accepted as the digits they were)."""
    value = meta.get(FIELD)
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip().lower()
    return text or None


def with_hash(text: str, digest: str) -> str:
    """The page text with ``source_hash`` set in its front matter, everything else untouched.

    Edits the text rather than re-dumping the YAML, so that comments, quoting and key order the
    translator wrote stay as they were."""
    newline = "\r\n" if "\r\n" in text else "\n"
    line = f'{FIELD}: "{digest}"'
    opening = FRONT_MATTER_OPENING.match(text)
    if not opening:
        return f"---{newline}{line}{newline}---{newline}{newline}{text}"
    closing = FRONT_MATTER_CLOSING.search(text, opening.end())
    if closing is None:
        raise ValueError("front matter has no closing '---' line")
    block = text[opening.end() : closing.start()]
    if FIELD_LINE.search(block):
        block = FIELD_LINE.sub(line.replace("\\", "\\\\"), block, count=1)
    else:
        if block and not block.endswith("\n"):
            block += newline
        block += line + newline
    return text[: opening.end()] + block + text[closing.start() :]
