"""Valid HTML: the Nu Html Checker (vnu.jar of npm's vnu-jar, run by Java; both installed by
scripts/install.sh --test) finds no error in any page of the demo site, nor in a small site whose
front matter and site name hold quotes, < and &; and those texts end up as one intact, escaped
attribute (or text) wherever the templates print them.

One run of the checker (one JVM) reads every file; its few errors that must stay are listed in
ALLOWED, each with the reason, and an entry that no longer matches anything fails too."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import MINI_CONFIG, PROJECT, Site, run_quangba

VNU = PROJECT / "tests" / "js" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Allowed:
    message: str  # regular expression on the checker's message (ASCII quotes: --asciiquotes)
    source: str  # regular expression on the source it points at (the highlighted tag)
    why: str


ALLOWED = (
    Allowed(
        message=r"^Attribute 'autocomplete' is only allowed when the input type is ",
        source=r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" autocomplete="off">',
        why=(
            "Material's base.html writes these two checkboxes (they open the menu and the search) outside any "
            "block, so only a copy of the whole base.html could change them; and autocomplete=off is on purpose "
            "(squidfunk/mkdocs-material#1513): Firefox keeps a checkbox's state across a reload or Back unless it "
            "is there, and would reopen the menu or the search."
        ),
    ),
)


@dataclass(frozen=True)
class Finding:
    file: Path
    line: int
    message: str
    source: str  # the part of the file the checker points at
    extract: str  # that part with a little of what surrounds it

    def allowed_by(self) -> Allowed | None:
        return next((a for a in ALLOWED if re.search(a.message, self.message) and re.search(a.source, self.source)), None)

    def shown(self, root: Path) -> str:
        extract = " ".join(self.extract.split())[:200]
        return f"{self.file.relative_to(root).as_posix()}:{self.line}: {self.message}\n    {extract}"


# -- a site with hostile front matter and site name --------------------------------------------

SITE_NAME = 'Cổng "Mini" <b>&</b> đối ngoại'
TITLE = 'Chè "Tân Cương" <i>&</i> trà'
DESCRIPTION = "Được mệnh danh là \"đệ nhất danh trà\" & <script>x</script> 'ngon'"
NEWS_TITLE = 'Hội nghị "ASEAN" <b>&amp;</b> hợp tác'
NEWS_DESCRIPTION = 'Tóm tắt "tin" & <i>thêm</i>'


def front_matter(**meta: object) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n"


HOSTILE_PAGES = {
    "index.vi.md": front_matter(title="Trang chủ") + "Xem [giới thiệu](about.md).\n",
    "index.en.md": front_matter(title="Home") + "See [about](about.md).\n",
    "about.vi.md": front_matter(title=TITLE, description=DESCRIPTION) + "## Phần một\n\nNội dung.\n",
    "news/index.vi.md": front_matter(title="Tin tức") + "{{ news }}\n",
    "news/item.vi.md": front_matter(title=NEWS_TITLE, date=dt.date(2025, 3, 1), description=NEWS_DESCRIPTION) + "Nội dung tin.\n",
}


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small two-language project of conftest, its texts full of quotes, < and &; built once."""
    root = tmp_path_factory.mktemp("hostile")
    config = MINI_CONFIG.replace("site_name: Mini\n", f"site_name: {json.dumps(SITE_NAME, ensure_ascii=False)}\n")
    assert config != MINI_CONFIG
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name, text in HOSTILE_PAGES.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    built = run_quangba("build", cwd=root)
    assert built.returncode == 0, built.stdout + built.stderr
    return root / "site"


# -- one run of the checker over everything ----------------------------------------------------

CANARY = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>canary</title></head>\n<body><label tabindex="">x</label></body></html>\n'


@dataclass(frozen=True)
class Report:
    files: tuple[Path, ...]
    findings: tuple[Finding, ...]
    canary: Path

    def errors_in(self, root: Path) -> list[Finding]:
        return [f for f in self.findings if f.file.is_relative_to(root)]


def html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def run_vnu(files: list[Path]) -> list[dict]:
    """The checker's errors in the files, from one JVM; a file it could not read fails at once."""
    java = shutil.which("java")
    assert java and VNU.is_file(), "Java or the Nu Html Checker is missing: scripts/install.sh --test installs both"
    command = [java, "-jar", str(VNU), "--format", "json", "--stdout", "--asciiquotes", "--exit-zero-always", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    messages = json.loads(result.stdout)["messages"]
    unread = [m for m in messages if m["type"] == "non-document-error"]
    assert not unread, f"the checker could not read some files: {unread}"
    return [m for m in messages if m["type"] == "error"]  # "info" messages (warnings among them) are advice


def finding(message: dict) -> Finding:
    extract = message.get("extract", "")
    start, length = message.get("hiliteStart"), message.get("hiliteLength")
    source = extract[start : start + length] if start is not None and length else extract
    file = Path(unquote(urlsplit(message.get("url", "")).path))
    return Finding(file, int(message.get("lastLine", 0)), message["message"], source, extract)


@pytest.fixture(scope="session")
def report(demo_site: Site, hostile_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Report:
    canary = tmp_path_factory.mktemp("canary") / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    files = [*html_files(demo_site.root), *html_files(hostile_site), canary]
    return Report(tuple(files), tuple(finding(m) for m in run_vnu(files)), canary)


def failures(found: list[Finding], root: Path) -> str:
    """Each kind of error with its count, then every one of them: file, line, message, source."""
    errors = [f for f in found if f.allowed_by() is None]
    kinds = Counter(f.message for f in errors)
    summary = [f"  {count} x {message}" for message, count in kinds.most_common()]
    return "\n".join([f"{len(errors)} HTML errors (Nu Html Checker) under {root}:", *summary, "", *(f.shown(root) for f in errors)])


def test_the_checker_reads_every_page_and_reports_errors(report: Report, demo_site: Site) -> None:
    """Not a vacuous pass: every page of every language (and each 404) was given to the checker,
    and it does report an error where there is one."""
    checked = set(report.files)
    missing = [demo_site.html(page, lang) for page in demo_site.pages for lang in demo_site.languages if demo_site.html(page, lang) not in checked]
    missing += [p for lang in demo_site.languages if (p := demo_site.root / demo_site.prefix(lang) / "404.html") not in checked]
    assert not missing, missing
    canary = [f.message for f in report.errors_in(report.canary.parent)]
    assert any("tabindex" in message for message in canary), canary


def test_every_page_of_the_demo_site_is_valid_html(report: Report, demo_site: Site) -> None:
    found = report.errors_in(demo_site.root)
    assert not [f for f in found if f.allowed_by() is None], failures(found, demo_site.root)


def test_a_site_with_quotes_and_markup_in_its_texts_is_valid_html(report: Report, hostile_site: Path) -> None:
    found = report.errors_in(hostile_site)
    assert not [f for f in found if f.allowed_by() is None], failures(found, hostile_site)


def test_every_allowed_error_still_occurs(report: Report, demo_site: Site) -> None:
    """An allow-list entry that matches nothing any more is stale: remove it."""
    used = {f.allowed_by() for f in report.errors_in(demo_site.root)}
    assert not [a.message for a in ALLOWED if a not in used]


# -- texts with quotes, < and & stay one intact attribute ---------------------------------------


def page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def content(soup: BeautifulSoup, selector: str) -> str:
    found = soup.select(selector)
    assert len(found) == 1, (selector, found)
    return found[0]["content"]


def head_texts(soup: BeautifulSoup) -> dict[str, str]:
    return {
        "description": content(soup, 'meta[name="description"]'),
        "og:description": content(soup, 'meta[property="og:description"]'),
        "twitter:description": content(soup, 'meta[name="twitter:description"]'),
        "og:title": content(soup, 'meta[property="og:title"]'),
        "twitter:title": content(soup, 'meta[name="twitter:title"]'),
    }


def attribute_names(soup: BeautifulSoup) -> set[str]:
    """Every attribute name in the page: a quote that broke out of a value shows up here."""
    return {name for tag in soup.find_all(True) for name in tag.attrs}


NAME = re.compile(r"[a-z][a-z0-9:_-]*")


@pytest.mark.parametrize(("lang", "quote"), [("vi", '"'), ("en", '"'), ("ko", "'")], ids=["vi", "en", "ko"])
def test_the_tea_pages_quoted_description_is_one_escaped_attribute(demo_site: Site, lang: str, quote: str) -> None:
    source = PROJECT / "docs" / "products" / f"tea.{lang}.md"
    meta = yaml.safe_load(source.read_text(encoding="utf-8").split("---\n")[1])
    assert quote in meta["description"], "the test needs the tea page's description to hold quotes"
    html = demo_site.html("products/tea.md", lang)
    soup = page(html)
    texts = head_texts(soup)
    assert texts == {
        **dict.fromkeys(["description", "og:description", "twitter:description"], meta["description"]),
        **dict.fromkeys(["og:title", "twitter:title"], meta["title"]),
    }
    assert soup.select_one("title").get_text().startswith(f"{meta['title']} - ")
    # Written escaped in the file itself, not only read back right by a forgiving parser.
    tag = next(line for line in html.read_text(encoding="utf-8").splitlines() if '<meta name="description"' in line)
    assert re.fullmatch(r'\s*<meta name="description" content="[^"<>]*">', tag), tag


def test_quotes_lt_and_amp_in_titles_descriptions_and_site_name_stay_text(hostile_site: Path) -> None:
    about, home, news, item = (page(hostile_site / p) for p in ("about/index.html", "index.html", "news/index.html", "news/item/index.html"))
    assert head_texts(about) == {
        "description": DESCRIPTION,
        "og:description": DESCRIPTION,
        "twitter:description": DESCRIPTION,
        "og:title": TITLE,
        "twitter:title": TITLE,
    }
    assert about.select_one("title").get_text() == f"{TITLE} - {SITE_NAME}"
    assert about.select_one("article h1").get_text() == TITLE
    assert about.select_one('.md-header__topic[data-md-component="header-topic"]').get_text(strip=True) == TITLE
    assert TITLE in [a.get_text(strip=True) for a in home.select(".md-nav a")]
    for soup in (about, home, news, item):
        logos = soup.select("a.md-logo")
        assert logos and all(a["aria-label"] == a["title"] == SITE_NAME for a in logos), logos
        assert not soup.select("article b, article i, article script, .md-header b, .md-nav b, .md-ellipsis b")
        assert all(NAME.fullmatch(name) for name in attribute_names(soup)), sorted(attribute_names(soup))
    assert head_texts(item)["description"] == NEWS_DESCRIPTION
    assert item.select_one("title").get_text() == f"{NEWS_TITLE} - {SITE_NAME}"
    listed = news.select_one("article li")
    assert listed is not None and NEWS_TITLE in listed.get_text() and NEWS_DESCRIPTION in listed.get_text()
