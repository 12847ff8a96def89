"""Every link of the built site, in all languages, leads somewhere: each internal href, src,
srcset, poster, <link href> and CSS url() names a file of the site, each #fragment an element of
its target page, and hreflang/canonical (absolute, on site_url) a page that exists.

Pure Python over the files (no server, no network): external http(s) links are not fetched,
only listed and checked for form; mailto: and tel: are checked for form.
The checker itself is tested on a small hand-made site with one broken link of each kind.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from conftest import Site

# Any host name: relative links are resolved against it, then mapped back to files.
LOCAL = "http://site.invalid/"
# Attributes whose value is one URL, on any element (SVG's <use>/<image> included).
URL_ATTRIBUTES = {"href", "src", "poster", "xlink:href", "action", "formaction", "cite"}
# Attributes holding a candidate list "url 480w, url 2x".
SRCSET_ATTRIBUTES = {"srcset", "imagesrcset"}
# <meta> tags whose content is a URL of the site (social previews).
URL_METAS = {"og:url", "og:image", "twitter:image", "twitter:url"}
# Fragments a browser always finds (the top of the page), whatever the ids.
TOP_FRAGMENTS = {"", "top"}
# Folders deploy/nginx.conf answers 404 for: a public page linking there is broken on the server.
NOT_SERVED = ("_editors/", ".quangba/")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""")
EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
# RFC 3966: a global number (+ and digits, with visual separators), at least 6 digits.
PHONE = re.compile(r"^\+[0-9][0-9().\- ]*$")
HOSTNAME = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$|^\[[0-9a-f:]+\]$|^\d+\.\d+\.\d+\.\d+$")


@dataclass(frozen=True)
class Link:
    source: str  # the file it is in, relative to the site's root
    where: str  # e.g. '<img srcset>', 'url()'
    url: str


@dataclass(frozen=True)
class Broken:
    link: Link
    why: str

    def __str__(self) -> str:
        return f"{self.link.source}: {self.link.where} {self.link.url!r}: {self.why}"


@dataclass
class Document:
    """What one HTML page offers (its ids) and what it points at (its links)."""

    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)


class PageParser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.document = Document()
        self.in_style = False

    def add(self, where: str, url: str) -> None:
        self.document.links.append(Link(self.source, where, url))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.document.ids.add(values["id"])
        if tag == "a" and "name" in values:  # old-style anchors are fragment targets too
            self.document.ids.add(values["name"])
        rel = " ".join(sorted(values.get("rel", "").lower().split()))
        label = f"<{tag} rel={rel}" if rel else f"<{tag}"
        if "hreflang" in values:
            label += " hreflang"
        for name, value in values.items():
            if name in URL_ATTRIBUTES or (name == "data" and tag == "object"):
                self.add(f"{label} {name}>", value)
            elif name in SRCSET_ATTRIBUTES:
                for candidate in srcset_urls(value):
                    self.add(f"{label} {name}>", candidate)
            elif name == "style":
                for url in css_urls(value):
                    self.add(f"<{tag} style> url()", url)
        if tag == "meta":
            meta = values.get("property") or values.get("name") or ""
            if meta in URL_METAS and "content" in values:
                self.add(f"<meta {meta}>", values["content"])
            if values.get("http-equiv", "").lower() == "refresh" and "url=" in values.get("content", "").lower():
                self.add("<meta refresh>", re.split(r"(?i)url=", values["content"], maxsplit=1)[1].strip("'\" "))
        self.in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            for url in css_urls(data):
                self.add("<style> url()", url)


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset ('a.jpg 480w, b.jpg 2x'): each candidate's first word."""
    return [part.split()[0] for part in value.split(",") if part.strip()]


def css_urls(text: str) -> list[str]:
    return ["".join(groups) for groups in CSS_URL.findall(CSS_COMMENT.sub("", text))]


def parse_page(root: Path, page: Path) -> Document:
    parser = PageParser(page.relative_to(root).as_posix())
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser.document


def mailto_problem(url: str) -> str | None:
    addresses = unquote(urlsplit(url).path)
    if not addresses:
        return "mailto: without an address"
    bad = [a for a in addresses.split(",") if not EMAIL.match(a.strip())]
    return f"not an e-mail address: {bad[0]!r}" if bad else None


def tel_problem(url: str) -> str | None:
    number = unquote(url.split(":", 1)[1]).split(";")[0]  # ;ext=... parameters may follow
    if not PHONE.match(number):
        return "not a global phone number (+ country code, digits, - . ( ) or spaces)"
    if sum(c.isdigit() for c in number) < 6:
        return "too few digits for a phone number"
    return None


def external_problem(url: str) -> str | None:
    parts = urlsplit(url)
    if any(c.isspace() for c in url):
        return "white space in the address"
    if not parts.hostname or not HOSTNAME.match(parts.hostname):
        return f"not a host name: {parts.netloc!r}"
    return None


@dataclass
class Report:
    checked: int = 0  # internal links resolved to a file
    broken: list[Broken] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # url -> pages
    resolved: list[tuple[Link, str]] = field(default_factory=list)  # (link, target file)


@dataclass
class LinkChecker:
    root: Path
    site_url: str  # absolute links starting with it are the site's own

    @cached_property
    def documents(self) -> dict[str, Document]:
        return {p.relative_to(self.root).as_posix(): parse_page(self.root, p) for p in sorted(self.root.rglob("*.html"))}

    def stylesheet_links(self) -> list[Link]:
        links = []
        for css in sorted(self.root.rglob("*.css")):
            source = css.relative_to(self.root).as_posix()
            links += [Link(source, "url()", url) for url in css_urls(css.read_text(encoding="utf-8"))]
        return links

    def check(self) -> Report:
        report = Report()
        links = [link for document in self.documents.values() for link in document.links] + self.stylesheet_links()
        for link in links:
            why = self.problem(link, report)
            if why:
                report.broken.append(Broken(link, why))
        return report

    def problem(self, link: Link, report: Report) -> str | None:
        """Why LINK is broken, or None; external links are recorded in REPORT, resolved ones counted."""
        url = link.url.strip()
        if not url:
            return "empty address"
        scheme = urlsplit(url).scheme.lower()
        if scheme == "mailto":
            return mailto_problem(url)
        if scheme == "tel":
            return tel_problem(url)
        if scheme == "data":
            return None
        is_own = url.startswith(self.site_url)
        if not is_own and (scheme in ("http", "https") or url.startswith("//")):
            report.external[url].add(link.source)
            return external_problem(url if scheme else "https:" + url)
        if scheme and not is_own:
            return f"a {scheme}: address (only http, https, mailto, tel and data are expected)"
        return self.internal_problem(link, url, is_own, report)

    def internal_problem(self, link: Link, url: str, is_own: bool, report: Report) -> str | None:
        if is_own:
            absolute = urljoin(LOCAL, url.removeprefix(self.site_url))
        elif link.source.endswith("404.html") and not url.startswith(("/", "#")):
            # nginx shows a 404 page at the address that was not found, not at /404.html.
            return "relative link in a 404 page (it is shown at any address, so only /… links hold)"
        else:
            absolute = urljoin(LOCAL + link.source, url)  # also drops ../ above the root, as browsers do
        parts = urlsplit(absolute)
        relative = unquote(parts.path).lstrip("/")
        if relative.startswith(NOT_SERVED) and not link.source.startswith(NOT_SERVED):
            return "deploy/nginx.conf answers 404 for this folder"
        target = self.root / relative
        if relative == "" or relative.endswith("/"):  # directory URL: the folder's index.html
            target = target / "index.html"
        elif target.is_dir():
            return "a folder without its final / (the server answers with a redirect)"
        if not target.is_file():
            return f"no such file in the site ({target.relative_to(self.root).as_posix()})"
        report.checked += 1
        target_name = target.relative_to(self.root).as_posix()
        report.resolved.append((link, target_name))
        return self.fragment_problem(target_name, parts.fragment)

    def fragment_problem(self, target: str, fragment: str) -> str | None:
        document = self.documents.get(target)
        if document is None or fragment in TOP_FRAGMENTS:  # fragments of images, PDFs: not ids
            return None
        if fragment in document.ids or unquote(fragment) in document.ids:
            return None
        return f"no element with id {unquote(fragment)!r} in {target}"


def site_url(config_file: Path) -> str:
    url: str = yaml.safe_load(config_file.read_text(encoding="utf-8"))["site_url"]
    return url if url.endswith("/") else url + "/"


@pytest.fixture(scope="module")
def checker(demo_site: Site, demo_project: Path) -> LinkChecker:
    return LinkChecker(demo_site.root, site_url(demo_project / "mkdocs.yml"))


@pytest.fixture(scope="module")
def report(checker: LinkChecker) -> Report:
    return checker.check()


def describe(broken: list[Broken], limit: int = 60) -> str:
    lines = [str(b) for b in broken[:limit]]
    more = f"\n… and {len(broken) - limit} more" if len(broken) > limit else ""
    return f"{len(broken)} broken link(s):\n" + "\n".join(lines) + more


# -- the demo site -------------------------------------------------------------------------------


def test_every_link_of_every_language_resolves(checker: LinkChecker, report: Report, demo_site: Site) -> None:
    pages = checker.documents
    for lang in demo_site.languages:  # every language's pages were read, not only the default's
        assert sum(name.startswith(demo_site.prefix(lang)) for name in pages) >= len(demo_site.pages), lang
    assert report.checked > 20 * len(pages)  # the parser really found the menus, images, styles
    print(f"\n{report.checked} internal links checked in {len(pages)} pages and the CSS, {len(report.external)} external addresses listed")
    assert not report.broken, describe(report.broken)


def test_stylesheet_urls_are_checked(report: Report) -> None:
    """url() in the site's CSS (fonts, in particular) resolves, relative to the stylesheet."""
    fonts = [target for link, target in report.resolved if link.where == "url()" and target.endswith(".woff2")]
    assert len(fonts) >= 10, fonts


def test_every_page_names_a_canonical_and_its_alternates_and_they_exist(checker: LinkChecker, report: Report) -> None:
    """hreflang and canonical are absolute URLs on site_url: they were mapped to files, not taken
    for external links (which would hide a missing page)."""
    targets: dict[str, dict[str, str]] = defaultdict(dict)
    for link, target in report.resolved:
        if link.where.startswith(("<link rel=canonical", "<link rel=alternate hreflang")):
            targets[link.source][link.where] = target
    pages = [name for name in checker.documents if not name.endswith("404.html") and not name.startswith(NOT_SERVED)]
    missing = [name for name in pages if "<link rel=canonical href>" not in targets[name] or "<link rel=alternate hreflang href>" not in targets[name]]
    assert not missing, f"pages without a checked canonical or hreflang link: {missing[:10]}"
    assert not [u for u in report.external if u.startswith(checker.site_url)]


def test_external_links_are_listed_and_well_formed(report: Report) -> None:
    """Not fetched (the tests work offline): listed, with the pages that have them."""
    print(f"\n{len(report.external)} external address(es):")
    for url, pages in sorted(report.external.items()):
        print(f"  {url}  ({len(pages)} page(s), e.g. {min(pages)})")
    bad = [(url, why) for url in report.external if (why := external_problem(url if not url.startswith("//") else "https:" + url))]
    assert not bad


# -- the checker itself, on a small site with one broken link of each kind ----------------------

SITE_URL = "https://portal.example/"
PAGES = {
    "index.html": """<html><head>
        <link rel="stylesheet" href="assets/site.css">
        <link rel="canonical" href="https://portal.example/">
        <link rel="alternate" hreflang="en" href="https://portal.example/en/">
        <style>.hero { background: url("assets/hero.jpg") }</style>
        </head><body id="page">
        <a href="en/">English</a> <a href="en/#intro">intro</a> <a href="#page">top</a> <a href="#">top</a>
        <a href="about/index.html#team">team</a> <a name="old"></a> <a href="#old">old</a>
        <img src="assets/hero.jpg" srcset="assets/hero.jpg 480w, assets/hero.jpg 2x" alt="">
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
        <video poster="assets/hero.jpg"></video>
        <a href="mailto:info@portal.example?subject=Hello">mail</a> <a href="tel:+84-208-385-5555">call</a>
        <a href="https://www.youtube-nocookie.com/embed/x">video</a>
        <svg><use xlink:href="assets/icons.svg#tea"></use></svg>
        </body></html>""",
    "en/index.html": '<html><body><h2 id="intro">Intro</h2><a href="../">Tiếng Việt</a><a href="/about/">About</a></body></html>',
    "about/index.html": '<html><body><p id="team">Team</p><a href="../assets/h%65ro.jpg">photo</a></body></html>',
    "404.html": '<html><head><link rel="stylesheet" href="/assets/site.css"></head><body><a href="/">Home</a></body></html>',
}
ASSETS = {
    "assets/site.css": '@font-face { src: url(fonts/a.woff2) format("woff2") } /* url(gone.png) */ .x { background: url("data:image/svg+xml,<svg xmlns=\'http://www.w3.org/2000/svg\'/>") }',
    "assets/fonts/a.woff2": "",
    "assets/hero.jpg": "",
    "assets/icons.svg": "<svg/>",
}
BROKEN = [
    ('<a href="missing/">x</a>', "missing/index.html"),
    ('<a href="en/#outro">x</a>', "no element with id 'outro' in en/index.html"),
    ('<a href="#nowhere">x</a>', "no element with id 'nowhere' in index.html"),
    ('<img src="assets/hero.jpg" srcset="assets/hero.jpg 1x, assets/hero@2x.jpg 2x" alt="">', "assets/hero@2x.jpg"),
    ('<video poster="assets/poster.jpg"></video>', "assets/poster.jpg"),
    ('<link rel="icon" href="favicon.ico">', "favicon.ico"),
    ('<link rel="canonical" href="https://portal.example/old-page/">', "old-page/index.html"),
    ('<link rel="alternate" hreflang="zh" href="https://portal.example/zh/">', "zh/index.html"),
    ('<p style="background: url(assets/gone.png)">x</p>', "assets/gone.png"),
    ('<a href="en">x</a>', "without its final /"),
    ('<a href="../../etc/passwd">x</a>', "no such file"),
    ('<a href="_editors/photos/">x</a>', "answers 404"),
    ('<a href="mailto:info-at-portal.example">x</a>', "not an e-mail address"),
    ('<a href="mailto:">x</a>', "without an address"),
    ('<a href="tel:0208 385 5555">x</a>', "not a global phone number"),
    ('<a href="tel:+84">x</a>', "too few digits"),
    ('<a href="javascript:alert(1)">x</a>', "a javascript: address"),
    ('<a href="https://exa mple.org/">x</a>', "white space"),
    ('<a href="https:///path">x</a>', "not a host name"),
    ('<a href="">x</a>', "empty address"),
]


def make_site(root: Path, extra: str = "", css: str = "", page404: str = "") -> LinkChecker:
    for name, text in {**PAGES, **ASSETS}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "_editors/photos").mkdir(parents=True)
    (root / "_editors/photos/index.html").write_text("<html></html>", encoding="utf-8")
    (root / "index.html").write_text(PAGES["index.html"].replace("</body>", extra + "</body>"), encoding="utf-8")
    (root / "assets/site.css").write_text(ASSETS["assets/site.css"] + css, encoding="utf-8")
    (root / "404.html").write_text(PAGES["404.html"].replace("</body>", page404 + "</body>"), encoding="utf-8")
    return LinkChecker(root, SITE_URL)


def test_the_checker_passes_a_sound_site(tmp_path: Path) -> None:
    report = make_site(tmp_path).check()
    assert not report.broken, describe(report.broken)
    assert report.checked == 21  # each link of the pages and the stylesheet above, data: URLs aside
    assert set(report.external) == {"https://www.youtube-nocookie.com/embed/x"}


@pytest.mark.parametrize(("html", "why"), BROKEN, ids=[b[0][:40] for b in BROKEN])
def test_the_checker_finds_a_broken_link(tmp_path: Path, html: str, why: str) -> None:
    broken = make_site(tmp_path, extra=html).check().broken
    assert len(broken) == 1, describe(broken)
    assert broken[0].link.source == "index.html"
    assert why in broken[0].why, str(broken[0])


def test_the_checker_reads_the_stylesheets(tmp_path: Path) -> None:
    broken = make_site(tmp_path, css="@import \"print.css\"; .y { background: url('../images/x.png') }").check().broken
    assert sorted(b.why for b in broken) == ["no such file in the site (assets/print.css)", "no such file in the site (images/x.png)"]
    assert {b.link.source for b in broken} == {"assets/site.css"}


def test_the_checker_refuses_relative_links_in_404_pages(tmp_path: Path) -> None:
    broken = make_site(tmp_path, page404='<a href="about/">About</a>').check().broken
    assert [(b.link.source, b.link.url) for b in broken] == [("404.html", "about/")]
    assert "404 page" in broken[0].why
