"""Coverage of the demo site in docs/, and the translation-status page of the built site."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from click.testing import CliRunner
from mkdocs.config import load_config

from conftest import PROJECT, Site, run_quangba
from quangba.coverage.cli import coverage
from quangba.coverage.site import PATH, status_page
from test_coverage_support import Project

DOCS = PROJECT / "docs"


def demo_report(root: Path = PROJECT, *args: str) -> tuple[int, dict]:
    previous = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(coverage, ["--format", "json", *args], catch_exceptions=False)
    finally:
        os.chdir(previous)
    return result.exit_code, json.loads(result.stdout)


def test_demo_site_passes_coverage() -> None:
    status, report = demo_report()
    assert status == 0
    assert report["errors"] == []
    # Every Vietnamese source, the print leaflets (not site pages) included.
    pages = sorted(p.relative_to(DOCS).as_posix().replace(".vi.md", ".md") for p in DOCS.rglob("*.vi.md"))
    assert any(page.startswith("publications/leaflets/") for page in pages)
    assert report["source"]["pages"] == len(pages) >= 25
    assert set(report["languages"]) == {"en", "zh", "ko"}
    for lang, language in report["languages"].items():
        missing = [page["path"] for page in language["pages"] if page["status"] == "missing"]
        expected = [page for page in pages if not (DOCS / page.replace(".md", f".{lang}.md")).exists()]
        assert missing == expected, lang
        assert language["counts"]["orphan"] == 0
        errors = [problem for page in language["pages"] for problem in page["problems"] if problem["severity"] == "error"]
        assert errors == [], f"{lang}: the demo translations have problems: {errors}"
    assert report["catalogs"], "the template strings' catalogs are part of the report"


def test_demo_fully_stamped_is_up_to_date(tmp_path: Path) -> None:
    copy = tmp_path / "demo"
    shutil.copytree(DOCS, copy / "docs")
    shutil.copy(PROJECT / "mkdocs.yml", copy / "mkdocs.yml")
    (copy / "assets").mkdir()
    shutil.copy(PROJECT / "assets/glossary.yml", copy / "assets/glossary.yml")
    stamped = Project(copy).invoke("stamp", "docs", "--lang", "en,zh,ko")
    assert stamped.exit_code == 0, stamped.output
    status, report = demo_report(copy, "--fail-under", "90")
    assert status == 0
    assert report["languages"]["en"]["percent"] == 100.0
    for lang in ("zh", "ko"):
        language = report["languages"][lang]
        assert language["counts"]["translated"] + language["counts"]["missing"] == language["source_pages"]


def test_status_page_for_a_loaded_config(project: Project) -> None:
    project.write("tourism/index.vi.md", (project.docs / "tourism/index.vi.md").read_text(encoding="utf-8").replace("16 km", "17 km"))
    html = status_page(load_config(str(project.root / "mkdocs.yml")))
    page = BeautifulSoup(html, "html.parser")
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert not page.find_all(["script", "link"]) and "http" not in "".join(tag.get("src", "") for tag in page.find_all(src=True))
    rows = {row.td.get_text(strip=True): [cell.get_text(" ", strip=True) for cell in row.find_all("td")[1:]] for row in page.select("h2 + table tr") if row.td}
    assert rows["tourism/index.md"][:3] == ["stale, 2 problems details", "stale, 2 problems details", "missing"]
    link = page.find("a", string=lambda text: text and text.startswith("stale"))
    assert link["href"] == "../../en/tourism/"
    assert "the figure '17'" in page.get_text()


def test_status_page_in_a_real_build(project: Project) -> None:
    """The page the quangba plugin writes during a real build, the i18n plugin building every language."""
    built = run_quangba("build", cwd=project.root)
    assert built.returncode == 0, built.stdout + built.stderr
    page = project.root / "site" / PATH
    assert page.is_file()
    assert "tourism/index.md" in page.read_text(encoding="utf-8")
    assert "_editors" not in (project.root / "site/index.html").read_text(encoding="utf-8")


def test_demo_build_has_the_status_page(demo_site: Site) -> None:
    """`quangba build` publishes the editors' page."""
    page = demo_site.root / PATH
    assert page.is_file(), f"{PATH} not in the built site"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert "tourism/index.md" in soup.get_text()
    for home in (demo_site.root / "index.html", demo_site.root / "en/index.html"):
        assert "translation-status" not in home.read_text(encoding="utf-8"), "the status page must not be in the navigation"
    sitemap = demo_site.root / "sitemap.xml"
    assert "translation-status" not in sitemap.read_text(encoding="utf-8")


def test_demo_through_the_real_command() -> None:
    result = run_quangba("coverage", "--lang", "en")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Translation coverage" in result.stdout and "English (en)" in result.stdout
