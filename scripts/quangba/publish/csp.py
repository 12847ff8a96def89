"""The inline scripts and styles of the built site, as Content-Security-Policy hashes.

Material writes a few small scripts into every page (the colour-palette restore, the base URL of
its bundle, …). Rather than allowing every inline script ('unsafe-inline'), the policy lists the
SHA-256 of each one: an injected script, whose hash is not listed, does not run. The scripts
depend only on the Material version and the page's depth, so a site has a handful of hashes.
Inline <style> elements are listed the same way in style-src.

The list comes from the build, never from the pages' HTML: the quangba plugin records the scripts
and styles the templates write around each page's content (content itself may hold none), and
`quangba build` puts them in the site's manifest. A page with any other inline script is refused.

nginx reads them from DEST/nginx/csp-hashes.conf, which `quangba publish` writes; the policy
itself is in deploy/nginx.conf. Inline event handlers (onclick=…) and style attributes
(style="…") cannot be allowed by hashes without 'unsafe-hashes': publish reports the pages
that have them.
"""

from __future__ import annotations

import re
from pathlib import Path

from quangba.core.inline import Source, page_inline, sources_of

INCLUDE_NAME = "csp-hashes.conf"
DIRECTIVES = {"script": "quangba_script_hashes", "style": "quangba_style_hashes"}  # kind -> nginx variable

HASH = re.compile(r"'(sha256-[A-Za-z0-9+/]+=*)'")


def site_inline(root: Path, allowed: set[Source]) -> tuple[list[str], list[str]]:
    """Pages with an inline script or style that is not one of allowed (those the build saw the
    templates write), and notes on the pages whose inline code the policy blocks anyway."""
    unlisted: list[str] = []
    handlers: list[str] = []
    styled: list[str] = []
    for page in sorted(root.rglob("*.html")):
        found = page_inline(page.read_text(encoding="utf-8", errors="replace"))
        sources = sources_of(found)
        name = page.relative_to(root).as_posix()
        if sources - allowed:
            unlisted.append(name)
        if found.handlers:
            handlers.append(f"{name} ({', '.join(sorted(set(found.handlers)))})")
        if found.style_attributes:
            styled.append(name)
    notes = []
    if handlers:
        notes.append("Inline event handlers, which the security policy blocks: " + "; ".join(handlers[:5]) + (" …" if len(handlers) > 5 else ""))
    if styled:
        notes.append(
            'style="…" attributes, which the security policy blocks (use a class and a stylesheet): '
            + "; ".join(styled[:5])
            + (" …" if len(styled) > 5 else "")
        )
    return unlisted, notes


def allowed_sources(scripts: list[str], styles: list[str]) -> set[Source]:
    """The sources a build recorded in its manifest (quangba.site.build.runner)."""
    return {("script", h) for h in scripts if h.startswith("sha256-")} | {("style", h) for h in styles if h.startswith("sha256-")}


def include_text(sources: set[Source]) -> str:
    """The nginx include: sets the variables deploy/nginx.conf puts in script-src and style-src."""
    lines = [
        "# Written by `quangba publish`: the inline scripts and styles of the releases in DEST/releases.",
        "# Do not edit; nginx must reload after it changes (quangba publish says when, or does it).",
    ]
    for kind, variable in DIRECTIVES.items():
        listed = " ".join(f"'{h}'" for k, h in sorted(sources) if k == kind)
        lines.append(f'set ${variable} "{listed}";')
    return "\n".join(lines) + "\n"


def read_include(path: Path) -> set[Source]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return set()
    sources: set[Source] = set()
    for line in text.splitlines():
        for kind, variable in DIRECTIVES.items():
            if line.startswith(f"set ${variable} "):
                sources.update((kind, h) for h in HASH.findall(line))
    return sources


def sources_text(sources: set[Source]) -> str:
    return "".join(f"{kind} {h}\n" for kind, h in sorted(sources))


def parse_sources(text: str) -> set[Source]:
    found: set[Source] = set()
    for line in text.splitlines():
        kind, _, value = line.strip().partition(" ")
        if kind in DIRECTIVES and value.startswith("sha256-"):
            found.add((kind, value))
    return found
