"""Shared fixtures: the demo site built once per test session, and small throw-away projects."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[1]


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


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    out = tmp_path_factory.mktemp("demo") / "site"
    result = run_quangba("build", "--site-dir", out)
    assert result.returncode == 0, result.stdout + result.stderr
    default, languages = site_languages(PROJECT / "mkdocs.yml")
    return Site(out, default, languages, source_pages(PROJECT / "docs", default))


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
