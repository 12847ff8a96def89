"""Shared fixtures: the demo site built once per test session, and small throw-away projects."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[1]

# The tests read quangba's messages in the language they are written in (English); the Vietnamese
# an editor sees by default is tested in test_messages.py and by the tests that say so.
os.environ["QUANGBA_LANG"] = "en"


def run_quangba(*args: str | Path, cwd: Path = PROJECT) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as an editor would, and capture what it prints."""
    return subprocess.run(
        [sys.executable, "-m", "quangba", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


@dataclass(frozen=True)
class Site:
    root: Path
    default: str
    languages: tuple[str, ...]
    pages: tuple[str, ...]  # source pages relative to docs/, without language suffix

    def prefix(self, lang: str) -> str:
        return "" if lang == self.default else f"{lang}/"

    def url(self, page: str, lang: str) -> str:
        """'tourism/index.md', 'en' -> 'en/tourism/' (directory URLs)."""
        path = page.removesuffix(".md")
        path = path.removesuffix("index").rstrip("/")
        return self.prefix(lang) + (path + "/" if path else "")

    def html(self, page: str, lang: str) -> Path:
        return self.root / self.url(page, lang) / "index.html"


def site_languages(config_file: Path) -> tuple[str, tuple[str, ...]]:
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    default = next(lang["locale"] for lang in i18n["languages"] if lang.get("default"))
    codes = [lang["locale"] for lang in i18n["languages"]]
    return default, tuple([default] + [c for c in codes if c != default])


def source_pages(docs_dir: Path, default: str) -> tuple[str, ...]:
    """The site's pages; leaflet sources (publications/leaflets/, excluded in mkdocs.yml) are print only."""
    return tuple(
        sorted(
            p.relative_to(docs_dir).as_posix().replace(f".{default}.md", ".md")
            for p in docs_dir.rglob(f"*.{default}.md")
            if "leaflets" not in p.relative_to(docs_dir).parts
        )
    )


# What a checkout holds besides the project's own files: never copied into a test project.
NOT_PROJECT = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "site", "print", ".cache", "__pycache__", "*.egg-info", ".pytest_cache", ".site.*", ".print.*"
)


def checkout_state() -> set[str]:
    """What git sees in the checkout besides its tracked files (untracked and ignored paths)."""
    status = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all"], cwd=PROJECT, capture_output=True, text=True, check=True)
    paths = {line[3:] for line in status.stdout.splitlines()}
    return {p for p in paths if "__pycache__/" not in p and not p.startswith((".venv/", ".pytest_cache/")) and ".egg-info/" not in p}


@pytest.fixture(scope="session", autouse=True)
def checkout_untouched() -> Iterator[None]:
    """Tests work in copies: the run must leave no file in the checkout (no site/, print/, .cache/)."""
    if not (PROJECT / ".git").exists():
        yield
        return
    before = checkout_state()
    yield
    added = sorted(checkout_state() - before)
    assert not added, f"the tests wrote into the checkout: {added[:10]}"


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo project, made once per test run: tests build it there, never in the checkout."""
    copy = tmp_path_factory.mktemp("project") / "demo"
    shutil.copytree(PROJECT, copy, ignore=NOT_PROJECT, symlinks=True)
    return copy


@pytest.fixture(scope="session")
def demo_leaflets(demo_project: Path) -> Path:
    """The demo's leaflets, made by the real command in the test run's copy of the project
    (quick when the demo build already made them there)."""
    result = run_quangba("leaflets", cwd=demo_project)
    assert result.returncode == 0, result.stdout + result.stderr
    return demo_project / "print" / "leaflets"


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory, demo_project: Path) -> Site:
    out = tmp_path_factory.mktemp("demo") / "site"
    result = run_quangba("build", "--site-dir", out, cwd=demo_project)
    assert result.returncode == 0, result.stdout + result.stderr
    default, languages = site_languages(demo_project / "mkdocs.yml")
    return Site(out, default, languages, source_pages(demo_project / "docs", default))


MINI_CONFIG = dedent(
    f"""\
    site_name: Mini
    site_url: https://example.org/
    strict: true
    theme:
      name: material
      custom_dir: {PROJECT / "overrides"}
      font: false
    plugins:
      - quangba:
          publish: []
      - i18n:
          docs_structure: suffix
          languages:
            - locale: vi
              name: Tiếng Việt
              default: true
            - locale: en
              name: English
    """
)


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    """A two-language project small enough to build in a second or two."""
    (tmp_path / "mkdocs.yml").write_text(MINI_CONFIG, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    pages = {
        "index.vi.md": "---\ntitle: Trang chủ\n---\n\nXem [giới thiệu](about.md).\n",
        "index.en.md": "---\ntitle: Home\n---\n\nSee [about](about.md).\n",
        "about.vi.md": "---\ntitle: Giới thiệu\n---\n\nNội dung.\n",
        "about.en.md": "---\ntitle: About\n---\n\nContent.\n",
    }
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    return tmp_path


# Fixtures of the coverage and images tests, available to every test module (imported here, not
# in each module, so that a module's own fixture of the same name still takes precedence).
from test_coverage_support import project  # noqa: E402, F401
from test_images_common import image_project  # noqa: E402, F401
