"""The inline scripts and styles of an HTML page, and their Content-Security-Policy hashes.

The build records those its templates write (quangba.site.features.inline); `quangba publish`
lists them in nginx's policy and refuses a page with any other (quangba.publish.csp).
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

Source = tuple[str, str]  # ("script" or "style", "sha256-…")

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script[\s/>]", re.S | re.I)
STYLE = re.compile(r"<style\b([^>]*)>(.*?)</style[\s/>]", re.S | re.I)
# Types the browser runs (the rest, e.g. application/json, is data: no hash needed).
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"}
# Attributes in a start tag; text cannot hold an unescaped '<', so these are real attributes.
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*?\s(on[a-z]+)\s*=", re.S)
STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*?\sstyle\s*=", re.S | re.I)


@dataclass
class InlineCode:
    scripts: list[str] = field(default_factory=list)  # the text of each inline script a browser runs
    styles: list[str] = field(default_factory=list)  # the text of each <style> element
    handlers: list[str] = field(default_factory=list)  # onclick=…: blocked by the policy
    style_attributes: int = 0  # style="…": blocked by the policy


class StartTag(HTMLParser):
    """Reads the attributes of one start tag (HTML's rules for quotes and entities)."""

    def __init__(self, tag: str):
        super().__init__()
        self.attrs: dict[str, str | None] = {}
        self.feed(tag)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = dict(attrs)


def source_hash(text: str) -> str:
    """The CSP source expression of a script's or style's exact text (as UTF-8)."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def page_inline(html: str) -> InlineCode:
    """The inline code of a page. A script's text ends at the first '</script' (HTML's rule), a
    style's at the first '</style', so regular expressions find them exactly, many times faster
    than parsing the whole page."""
    found = InlineCode()
    for match in SCRIPT.finditer(html):
        attrs = StartTag(f"<script{match[1]}>").attrs
        if "src" not in attrs and (attrs.get("type") or "").strip().lower() in SCRIPT_TYPES:
            found.scripts.append(match[2])
    found.styles = [match[2] for match in STYLE.finditer(html)]
    markup = STYLE.sub("", SCRIPT.sub("", html))
    found.handlers = [m[1] for m in EVENT_HANDLER.finditer(markup)]
    found.style_attributes = len(STYLE_ATTRIBUTE.findall(markup))
    return found


def sources_of(found: InlineCode) -> set[Source]:
    """The CSP sources of a page's inline scripts and styles."""
    return {("script", source_hash(text)) for text in found.scripts} | {("style", source_hash(text)) for text in found.styles}
