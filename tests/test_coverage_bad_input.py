"""Bad input: each broken file is named (with its line) and the rest of the report is still
computed; never a traceback; exit status 2 (1 is kept for "below --fail-under")."""

from __future__ import annotations

import json
from pathlib import Path

from test_coverage_support import Project, page_entry


def failed(project: Project, *args: str):
    result = project.invoke("--format", "json", *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result, json.loads(result.stdout)


def errors(report: dict) -> list[tuple[str, int | None]]:
    return [(error["file"], error["line"]) for error in report["errors"]]


def test_front_matter_that_is_not_yaml(project: Project) -> None:
    project.write("tourism/index.en.md", "---\ntitle: Tourism\ndescription: 'Quoted' then more\n---\n\nText.\n")
    _, report = failed(project)
    assert errors(report) == [("docs/tourism/index.en.md", 3)]
    assert "not valid YAML" in report["errors"][0]["message"]
    entry = page_entry(report, "en", "tourism/index.md")
    assert entry["status"] == "unverified" and entry["problems"][0]["check"] == "unusable"
    assert page_entry(report, "en", "index.md")["status"] == "translated"  # the rest is still checked


def test_broken_source_page(project: Project) -> None:
    project.write("tourism/index.vi.md", "---\ntitle: [Du lịch\n---\n\nNội dung.\n")
    _, report = failed(project)
    assert errors(report) == [("docs/tourism/index.vi.md", 2)]
    assert page_entry(report, "en", "tourism/index.md")["status"] == "unverified"  # nothing to verify against
    assert page_entry(report, "zh", "index.md")["status"] == "translated"


def test_file_not_in_utf8(project: Project) -> None:
    (project.docs / "tourism/index.zh.md").write_bytes("---\ntitle: 旅游\n---\n\n谷山湖\n".encode("gb18030"))
    _result, report = failed(project)
    assert errors(report) == [("docs/tourism/index.zh.md", 2)]
    assert "not UTF-8 text" in report["errors"][0]["message"]
    table = project.invoke()
    assert table.exit_code == 2 and "docs/tourism/index.zh.md:2: not UTF-8 text" in table.stdout


def test_language_suffix_not_configured(project: Project) -> None:
    project.write("tourism/index.jp.md", "---\ntitle: 観光\n---\n\nテキスト。\n")
    _, report = failed(project)
    assert errors(report) == [("docs/tourism/index.jp.md", None)]
    assert "'.jp' is not one of the site's languages (vi, en, zh, ko)" in report["errors"][0]["message"]


def test_empty_page_and_page_with_only_front_matter(project: Project) -> None:
    project.write("empty.vi.md", "")
    project.write("tourism/index.ko.md", "---\ntitle: 관광\n---\n")
    _, report = failed(project)
    messages = {error["file"]: error["message"] for error in report["errors"]}
    assert messages == {"docs/empty.vi.md": "the page is empty", "docs/tourism/index.ko.md": "the page has only front matter and no text"}
    assert page_entry(report, "en", "empty.md")["status"] == "missing"
    assert page_entry(report, "ko", "tourism/index.md")["status"] == "unverified"


def test_two_source_files_for_one_page(project: Project) -> None:
    project.write("tourism/index.md", "# Du lịch\n")
    _, report = failed(project)
    assert errors(report) == [("docs/tourism/index.vi.md", None)] or errors(report) == [("docs/tourism/index.md", None)]
    assert "two source files for one page" in report["errors"][0]["message"]


def test_docs_dir_that_does_not_exist(project: Project, tmp_path: Path) -> None:
    result = project.invoke(tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "nowhere: docs folder not found" in result.stderr and "Traceback" not in result.output


def test_missing_or_broken_config(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - i18n:", "  - i18n:\n    oops: [unclosed"), encoding="utf-8")
    broken = project.invoke()
    assert broken.exit_code == 2 and "mkdocs.yml:" in broken.stderr and "not valid YAML" in broken.stderr
    config.write_text(text.replace("docs_structure: suffix", "docs_structure: folder"), encoding="utf-8")
    folder = project.invoke()
    assert folder.exit_code == 2 and "'suffix'" in folder.stderr
    config.write_text(text.replace("  - i18n:", "  - i18n_disabled:"), encoding="utf-8")
    no_i18n = project.invoke()
    assert no_i18n.exit_code == 2 and "'i18n' plugin" in no_i18n.stderr
    config.unlink()
    missing = project.invoke()
    assert missing.exit_code == 2 and "mkdocs.yml: not found" in missing.stderr
    for result in (broken, folder, no_i18n, missing):
        assert "Traceback" not in result.output


def test_broken_glossary(project: Project) -> None:
    (project.root / "assets/glossary.yml").write_text("terms:\n  - vi: Sở\n    kind: official\n    en: Department\n  - [not, a, term]\n", encoding="utf-8")
    _, report = failed(project)
    assert errors(report) == [("assets/glossary.yml", 2), ("assets/glossary.yml", 5)]
    assert "kind is 'official'" in report["errors"][0]["message"]


def test_exit_status_for_unusable_input_wins_over_threshold(project: Project) -> None:
    project.write("tourism/index.jp.md", "Text.\n")
    result = project.invoke("--fail-under", "100")
    assert result.exit_code == 2


def test_bad_input_through_the_real_command(project: Project) -> None:
    project.write("tourism/index.en.md", "---\ntitle: [Tourism\n---\n\nText.\n")
    result = project.run()
    assert result.returncode == 2, result.stdout + result.stderr
    assert "docs/tourism/index.en.md:2" in result.stdout and "Traceback" not in result.stdout + result.stderr
