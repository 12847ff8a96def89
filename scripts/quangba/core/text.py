"""Text in the build's HTML and Markdown: plain texts editors write (a fact's label, a news title)
made safe to put into Markdown, and changes to the text between an HTML page's tags."""

from __future__ import annotations

import re
from collections.abc import Callable

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")


def markdown_text(text: str) -> str:
    """Shown as written, never read as HTML or as Markdown markup."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MARKDOWN_SPECIAL.sub(r"\\\1", escaped)


TAG = re.compile(r"(<[^>]*>)")
# Elements whose text is code or not text at all: never retouched.
VERBATIM = re.compile(r"<(/?)(code|pre|script|style|kbd|samp)\b", re.I)


def map_text(html: str, change: Callable[[str], str]) -> str:
    """html with change applied to each run of text between tags, except inside code, pre,
    script, style, kbd and samp. For HTML that Markdown or a template wrote, where '<' always
    starts a tag (an editor's '<' arrives as &lt;)."""
    parts = TAG.split(html)
    verbatim = 0
    for index, part in enumerate(parts):
        if index % 2:  # odd parts are tags
            if tag := VERBATIM.match(part):
                verbatim = max(0, verbatim + (-1 if tag[1] else 1))
        elif part and not verbatim:
            parts[index] = change(part)
    return "".join(parts)
