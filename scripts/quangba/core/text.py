"""Plain texts editors write (a fact's label, a news title), made safe to put into Markdown."""

from __future__ import annotations

import re

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")


def markdown_text(text: str) -> str:
    """Shown as written, never read as HTML or as Markdown markup."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
