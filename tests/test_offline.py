"""Nothing in site/ makes a browser contact another host, and every font the CSS names is there."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from conftest import Site

# (tag, attribute) pairs whose value a browser fetches on its own, without a click.
LOADING_ATTRIBUTES = [
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("track", "src"),
    ("image", "href"),
    ("use", "href"),
    ("form", "action"),
]
# <link rel=...> values that fetch (or open a connection to) their href.
LOADING_LINK_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "prerender",
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")

# Absolute URLs inside Material's JavaScript bundle, and why none of them is ever requested here.
MATERIAL_JS_URLS = {
    "https://unpkg.com/resize-observer-polyfill": "only for browsers without ResizeObserver (none that run this bundle)",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "only when a page has a mermaid diagram (checked below)",
    "https://api.github.com/": "only with repo_url set (checked below)",
    "https://${": "GitLab API, only with repo_url set (checked below)",
    "https://bit.ly/2s3ChXG": "text of a console warning about an invalid search query",
}
JS_URL = re.compile(r"""https?://[^\s"'`)\\]+""")
# Comments (licence banners, credits) name URLs that are never fetched.
JS_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
JS_LINE_COMMENT = re.compile(r"(?<![:\"'\\\w])//[^\n]*")


def is_external(url: str) -> bool:
    url = url.strip()
    return bool(urlsplit(url).netloc) or url.startswith("//")


def srcset_urls(value: str) -> list[str]:
    return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def external_loads_in_html(path: Path) -> list[str]:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    found: list[str] = []
    for tag, attribute in LOADING_ATTRIBUTES:
        for element in page.find_all(tag):
            value = element.get(attribute) or element.get(f"xlink:{attribute}") or ""
            urls = srcset_urls(value) if attribute == "srcset" else [value]
            found += [f"<{tag} {attribute}={u}>" for u in urls if u and is_external(u)]
    for link in page.find_all("link", href=True):
        rels = {r.lower() for r in link.get("rel", [])}
        if rels & LOADING_LINK_RELS and is_external(link["href"]):
            found.append(f"<link rel={' '.join(rels)} href={link['href']}>")
    for meta in page.find_all("meta", attrs={"http-equiv": re.compile("refresh", re.I)}):
        if "http" in meta.get("content", ""):
            found.append(f"<meta refresh {meta['content']}>")
    for element in page.find_all(style=True):
        found += [f"style url({u})" for u in css_urls(element["style"]) if is_external(u)]
    for style in page.find_all("style"):
        found += [f"<style> url({u})" for u in css_urls(style.get_text()) if is_external(u)]
    return found


def css_urls(text: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(text)]


def test_no_html_page_loads_from_another_host(demo_site: Site) -> None:
    pages = list(demo_site.root.rglob("*.html"))
    assert len(pages) > 100
    problems = {str(p.relative_to(demo_site.root)): found for p in pages if (found := external_loads_in_html(p))}
    assert not problems


def test_the_html_check_catches_external_loads(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(
        '<html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="//cdn.example/x.js"></script></head><body style="background:url(https://a.example/b.png)">'
        '<img srcset="a.jpg 1x, https://img.example/b.jpg 2x"><a href="https://ok.example/">outbound link is fine</a></body></html>'
    )
    assert len(external_loads_in_html(page)) == 4


def test_no_stylesheet_loads_from_another_host(demo_site: Site) -> None:
    sheets = list(demo_site.root.rglob("*.css"))
    assert sheets
    problems = [f"{css.relative_to(demo_site.root)}: {u}" for css in sheets for u in css_urls(css.read_text(encoding="utf-8")) if is_external(u)]
    assert not problems


def test_javascript_contacts_no_other_host(demo_site: Site) -> None:
    unexpected = []
    for script in demo_site.root.rglob("*.js"):
        code = JS_LINE_COMMENT.sub("", JS_BLOCK_COMMENT.sub("", script.read_text(encoding="utf-8")))
        for url in JS_URL.findall(code):
            if url.startswith("http://www.w3.org/"):  # XML namespaces, never fetched
                continue
            if not any(url.startswith(known) for known in MATERIAL_JS_URLS):
                unexpected.append(f"{script.relative_to(demo_site.root)}: {url}")
    assert not unexpected
    # The conditions under which the bundle's known URLs would be fetched never hold:
    for page in demo_site.root.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert 'class="mermaid"' not in text, page
        assert "md-source" not in text, f"{page}: repo_url makes Material call a code host's API"


def test_every_font_file_named_in_css_exists(demo_site: Site) -> None:
    referenced = 0
    for css in demo_site.root.rglob("*.css"):
        for url in css_urls(css.read_text(encoding="utf-8")):
            if url.startswith("data:") or is_external(url):
                continue
            target = Path(urljoin(css.as_posix(), urlsplit(url).path))
            if target.suffix in {".woff2", ".woff", ".ttf", ".otf"}:
                referenced += 1
                assert target.is_file(), f"{css.name} names {url}, missing from site/"
    assert referenced >= 10  # the Latin, Vietnamese, Chinese and Korean slices
