"""No script in a page: what Markdown and raw HTML in a page may not put into the site, and
front-matter texts shown as text wherever the theme prints them.

Editors paste HTML from other sites and from Word; a `<script>`, an `onerror=` handler or a
`javascript:` link in a page would run on the portal of a government. Such content stops the
build with the file and line; widgets come through an allow-listed shorthand instead (the video
shorthand `{{ video NAME }}` is the model). The check runs on the HTML each page renders to,
so Markdown links (`[x](javascript:…)`) and entity-encoded tricks (`java&#115;cript:`) are seen
the way a browser sees them.

Not hand-written HTML parsing: html.parser (the standard library's tokenizer, which follows the
HTML rules for attributes and character references) reads the tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from quangba.core import frontmatter
from quangba.core.errors import Problem, QuangbaError
from quangba.site.features import Feature, page_source

# Elements that run code, load other documents or change how the page is read.
FORBIDDEN_ELEMENTS = {
    "script": "a <script> element",
    "iframe": "an <iframe> (embedded page)",
    "frame": "a <frame>",
    "frameset": "a <frameset>",
    "object": "an <object> (embedded program)",
    "embed": "an <embed> (embedded program)",
    "applet": "an <applet>",
    "base": "a <base> element",
    "meta": "a <meta> element",
    "link": "a <link> element",
    "form": "a <form>",
    "portal": "a <portal>",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "ping", "srcset", "codebase"}
CODE_SCHEMES = ("javascript:", "vbscript:", "livescript:")
SAFE_DATA = re.compile(r"^data:image/(?:png|jpeg|gif|webp|avif);", re.I)
# Cheap test first: most pages have none of this, and need no parsing at all.
SUSPICIOUS = re.compile(r"<\s*/?\s*(?:" + "|".join(FORBIDDEN_ELEMENTS) + r")\b|\son[a-z]+\s*=|script\s*:|data\s*:|&#|&[a-z]+;|srcdoc", re.I)
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
# Front-matter texts the theme prints into the page and its <head>: escaped once, here, so that
# every template (Material's print them raw) shows them as text, never as markup.
TEXT_META = ("title", "description", "author")


class Sanitize(Feature):
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> None:
        for key in TEXT_META:
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = escape(value)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> None:
        findings = scan(html)
        if findings:
            raise QuangbaError(script_problems(page, findings, self.state.project.shown(page_source(page))))


def script_problems(page: Page, findings: list[Finding], shown) -> list[Problem]:
    source = page_source(page)
    text = frontmatter.decode(source.read_bytes(), source)
    problems = []
    for finding in dict.fromkeys(findings):
        line = source_line(text, finding)
        where = "" if line else " (it comes from text the page inserts: a fact, a video or the news list)"
        message = (
            f"the page contains {finding.what}{where}: scripts and embedded pages cannot be published; "
            "for a video write {{ video NAME }}, for anything else ask the webmaster"
        )
        problems.append(Problem(shown, message, line))
    return problems


@dataclass(frozen=True)
class Finding:
    what: str  # "a <script> element", "an onerror= handler", "a javascript: link"
    needles: tuple[str, ...]  # texts to look for in the source to find the line, best first


class Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        written = self.get_starttag_text() or ""  # as in the page's raw HTML, if it was written so
        if tag in FORBIDDEN_ELEMENTS:
            self.findings.append(Finding(FORBIDDEN_ELEMENTS[tag], (f"<{tag}",)))
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(Finding(f"an {name}= event handler", (name, written)))
            elif name == "srcdoc":
                self.findings.append(Finding("a srcdoc= attribute (an embedded page)", (name, written)))
            elif name in URL_ATTRIBUTES and value and (scheme := code_scheme(value.split(",") if name == "srcset" else [value])):
                self.findings.append(Finding(f"a {scheme} address in {name}=", (scheme.rstrip(":"), written)))

    handle_startendtag = handle_starttag


def code_scheme(urls: list[str]) -> str | None:
    """'javascript:' when one of the URLs runs code (browsers ignore spaces and control characters in it)."""
    for url in urls:
        compact = INVISIBLE.sub("", url).lower()
        for scheme in CODE_SCHEMES:
            if compact.startswith(scheme):
                return scheme
        if compact.startswith("data:") and not SAFE_DATA.match(compact):
            return "data:"
    return None


def scan(html: str) -> list[Finding]:
    """What in html may not be published (empty: fine)."""
    if not SUSPICIOUS.search(html):
        return []
    scanner = Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.findings


def source_line(source: str, finding: Finding) -> int | None:
    """Line of the source (Markdown) where the finding was written, when it can be found."""
    for needle in finding.needles:
        match = re.search(re.escape(needle), source, re.I) if needle else None
        if match:
            return source.count("\n", 0, match.start()) + 1
    return None
