"""Fixture projects for the `quangba coverage` tests, and the first tests of reading a project.

Every fixture project is a real MkDocs project (Material, the quangba plugin, mkdocs-static-i18n
with Vietnamese as the source and English, Chinese and Korean), small enough to build in seconds.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from textwrap import dedent

import pytest
from click.testing import CliRunner, Result

from conftest import run_quangba
from quangba.coverage.cli import coverage
from quangba.coverage.hashing import source_hash, with_hash

CONFIG = dedent(
    """\
    site_name: Coverage fixture
    site_url: https://example.org/
    strict: true
    theme:
      name: material
      font: false
    markdown_extensions:
      - admonition
      - attr_list
      - tables
      - pymdownx.details
      - pymdownx.superfences
    plugins:
      - quangba:
          publish: []
      - search
      - i18n:
          docs_structure: suffix
          fallback_to_default: true
          languages:
            - locale: vi
              name: Tiếng Việt
              default: true
            - locale: en
              name: English
            - locale: zh
              name: 中文
            - locale: ko
              name: 한국어
    """
)

GLOSSARY = dedent(
    """\
    terms:
      - vi: Sở Thông tin và Truyền thông
        kind: name
        en: Department of Information and Communications
        zh: 信息传媒厅
        ko: 정보통신국
      - vi: tỉnh Thái Nguyên
        kind: name
        en: Thai Nguyen province
        zh: 太原省
        ko: 타이응우옌성
      - vi: khu công nghiệp
        kind: term
        en: industrial park
        zh: 工业区
        ko: 산업단지
      - vi: Mỗi xã một sản phẩm
        kind: name
        en: One Commune One Product
        zh: 一乡一品
        ko: 1읍 1특산품
    """
)

# A page and faithful translations: every check passes on them.
HOME = {
    "vi": """\
        ---
        title: Trang chủ
        description: Cổng thông tin của tỉnh Thái Nguyên.
        ---

        Sở Thông tin và Truyền thông giới thiệu tỉnh Thái Nguyên với bạn bè quốc tế.

        ## Số liệu

        Diện tích tỉnh là 8.375,3 km² và dân số là 1.799.489 người (năm 2025).

        Xem [du lịch](tourism/index.md).
        """,
    "en": """\
        ---
        title: Home
        description: The portal of Thai Nguyen province.
        ---

        The Department of Information and Communications introduces Thai Nguyen province to international friends.

        ## Figures

        The province covers 8,375.3 km² and has 1,799,489 inhabitants (2025).

        See [tourism](tourism/index.md).
        """,
    "zh": """\
        ---
        title: 首页
        description: 太原省门户网站。
        ---

        信息传媒厅向国际友人介绍太原省。

        ## 数据

        全省面积8,375.3平方公里，人口1,799,489人（2025年）。

        参见[旅游](tourism/index.md)。
        """,
    "ko": """\
        ---
        title: 홈
        description: 타이응우옌성 포털입니다.
        ---

        정보통신국은 국제 사회에 타이응우옌성을 소개합니다.

        ## 수치

        성의 면적은 8,375.3km²이며 인구는 1,799,489명입니다(2025년).

        [관광](tourism/index.md) 페이지를 참고하십시오.
        """,
}
TOURISM = {
    "vi": """\
        ---
        title: Du lịch
        description: Các điểm đến của tỉnh.
        ---

        Hồ Núi Cốc cách trung tâm tỉnh khoảng 16 km.

        - Đi thuyền trên hồ
        - Thăm đồi chè
        """,
    "en": """\
        ---
        title: Tourism
        description: Destinations in the province.
        ---

        Nui Coc Lake is about 16 km from the provincial centre.

        - Boat trips on the lake
        - Visits to the tea hills
        """,
    "zh": """\
        ---
        title: 旅游
        description: 本省旅游景点。
        ---

        谷山湖距省中心约16公里。

        - 湖上泛舟
        - 参观茶山
        """,
}


def page_text(text: str) -> str:
    return dedent(text)


class Project:
    """A fixture project on disk, and the coverage command run on it."""

    def __init__(self, root: Path):
        self.root = root
        self.docs = root / "docs"

    def write(self, relative: str, text: str) -> Path:
        path = self.docs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_text(text), encoding="utf-8")
        return path

    def read(self, relative: str) -> str:
        return (self.docs / relative).read_text(encoding="utf-8")

    def write_page(self, page: str, texts: dict[str, str], stamp: bool = True) -> None:
        """page is 'tourism/index': writes tourism/index.vi.md and its translations, stamped."""
        for lang, text in texts.items():
            self.write(f"{page}.{lang}.md", text)
        if stamp:
            for lang in texts:
                if lang != "vi":
                    self.stamp(f"{page}.{lang}.md")

    def stamp(self, translation: str) -> None:
        """Record the current source hash in a translation (what `stamp` does, without its checks)."""
        name, _lang, _ = translation.rsplit(".", 2)
        source = self.docs / f"{name}.vi.md"
        if not source.exists():
            source = self.docs / f"{name}.md"
        path = self.docs / translation
        path.write_text(with_hash(path.read_text(encoding="utf-8"), source_hash(source.read_text(encoding="utf-8"))), encoding="utf-8")

    def invoke(self, *args: str | Path) -> Result:
        """`quangba coverage ...` in-process (click's test runner), from the project folder."""
        runner = CliRunner()
        previous = Path.cwd()
        os.chdir(self.root)
        try:
            return runner.invoke(coverage, [str(arg) for arg in args], catch_exceptions=False)
        finally:
            os.chdir(previous)

    def report(self, *args: str) -> dict:
        result = self.invoke("--format", "json", *args)
        assert result.exit_code in (0, 1, 2), result.output
        return json.loads(result.stdout)

    def run(self, *args: str | Path):
        """The real command line: `python -m quangba coverage ...` (needs the lead's wiring)."""
        return run_quangba("coverage", *args, cwd=self.root)


def page_entry(report: dict, lang: str, path: str) -> dict:
    return next(page for page in report["languages"][lang]["pages"] if page["path"] == path)


def problems_of(report: dict, lang: str, path: str, check: str | None = None) -> list[dict]:
    return [p for p in page_entry(report, lang, path)["problems"] if check is None or p["check"] == check]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    root.mkdir()
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (root / "assets").mkdir()
    (root / "assets/glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    made = Project(root)
    made.write_page("index", HOME)
    made.write_page("tourism/index", TOURISM)
    return made


def test_fixture_project_is_fully_translated_and_clean(project: Project) -> None:
    report = project.report()
    assert report["source_language"] == "vi"
    assert report["errors"] == []
    for lang in ("en", "zh"):
        assert report["languages"][lang]["percent"] == 100.0
        assert [page["problems"] for page in report["languages"][lang]["pages"]] == [[], []]
    assert page_entry(report, "ko", "tourism/index.md")["status"] == "missing"
    assert report["languages"]["ko"]["percent"] == 50.0


def test_languages_come_from_the_config(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("    - locale: ko\n          name: 한국어\n", ""), encoding="utf-8")
    report = project.report()
    assert list(report["languages"]) == ["en", "zh"]


def test_another_source_language(tmp_path: Path) -> None:
    """Any MkDocs project: English source, French translation, source pages without suffix."""
    root = tmp_path / "other"
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(
        "site_name: Other\nplugins:\n  - i18n:\n      languages:\n        - locale: en\n          default: true\n        - locale: fr\n",
        encoding="utf-8",
    )
    (root / "docs/index.md").write_text("# Home\n\nWe have 1,500 members since 12 March 2019.\n", encoding="utf-8")
    (root / "docs/index.fr.md").write_text("# Accueil\n\nNous avons 1 500 membres depuis le 12 mars 2019.\n", encoding="utf-8")
    (root / "docs/about.md").write_text("# About\n\nText.\n", encoding="utf-8")
    other = Project(root)
    report = other.report()
    assert report["source_language"] == "en"
    assert list(report["languages"]) == ["fr"]
    assert page_entry(report, "fr", "index.md")["status"] == "unverified"
    assert page_entry(report, "fr", "index.md")["problems"] == []  # 1 500 and "12 mars 2019" read as French
    assert page_entry(report, "fr", "about.md")["status"] == "missing"
