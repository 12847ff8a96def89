"""`quangba coverage stamp`, and what git tells about stale pages (commits since, --diff)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from quangba.coverage.hashing import source_hash
from test_coverage_support import TOURISM, Project, page_entry

CHANGED = TOURISM["vi"].replace("khoảng 16 km.", "khoảng 16 km. Đường đi đã được nâng cấp.")


def test_stamp_records_the_source_version(project: Project) -> None:
    project.write("tourism/index.vi.md", CHANGED)
    translation = project.docs / "tourism/index.en.md"
    translation.write_text(
        translation.read_text(encoding="utf-8")
        .replace("title: Tourism", "# checked by the agency\ntitle: Tourism")
        .replace("from the provincial centre.", "from the provincial centre. The road has been upgraded."),
        encoding="utf-8",
    )
    assert page_entry(project.report(), "en", "tourism/index.md")["status"] == "stale"
    result = project.invoke("stamp", "docs/tourism/index.en.md")
    assert result.exit_code == 0, result.output
    digest = source_hash((project.docs / "tourism/index.vi.md").read_text(encoding="utf-8"))
    assert f"Stamped docs/tourism/index.en.md: made from source version {digest}" in result.stdout
    text = translation.read_text(encoding="utf-8")
    assert f'source_hash: "{digest}"' in text and "# checked by the agency" in text  # the rest is untouched
    assert text.count("source_hash") == 1
    assert page_entry(project.report(), "en", "tourism/index.md")["status"] == "translated"


def test_stamp_keeps_windows_line_endings(project: Project) -> None:
    translation = project.docs / "tourism/index.en.md"
    translation.write_bytes(translation.read_bytes().replace(b"\n", b"\r\n"))
    project.write("tourism/index.vi.md", CHANGED.replace("khoảng 16 km. Đường đi đã được nâng cấp.", "khoảng 16 km."))
    assert project.invoke("stamp", "docs/tourism/index.en.md").exit_code == 0
    data = translation.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")


def test_stamp_refuses_a_translation_with_problems(project: Project) -> None:
    project.write("tourism/index.vi.md", CHANGED)
    translation = project.docs / "tourism/index.en.md"
    translation.write_text(translation.read_text(encoding="utf-8").replace("16 km", "61 km"), encoding="utf-8")
    before = translation.read_bytes()
    result = project.invoke("stamp", "docs/tourism/index.en.md")
    assert result.exit_code == 1
    assert "Not stamped: docs/tourism/index.en.md" in result.stderr
    # line 7 of the translation (its front matter has one more line: source_hash), line 6 of the source
    assert "docs/tourism/index.en.md:7: numbers: the figure '16' (source line 6) is not in the translation" in result.stderr
    assert translation.read_bytes() == before
    forced = project.invoke("stamp", "--force", "docs/tourism/index.en.md")
    assert forced.exit_code == 0 and "--force" in forced.stdout
    assert page_entry(project.report(), "en", "tourism/index.md")["status"] == "translated"


def test_stamp_a_source_page_or_folder_with_lang(project: Project) -> None:
    project.write("tourism/index.vi.md", TOURISM["vi"].replace("Thăm đồi chè", "Thăm các đồi chè"))  # wording only
    project.write("index.vi.md", (project.docs / "index.vi.md").read_text(encoding="utf-8") + "\n")  # invisible: still translated
    without_lang = project.invoke("stamp", "docs/tourism/index.vi.md")
    assert without_lang.exit_code == 2 and "--lang" in without_lang.stderr
    assert project.invoke("stamp", "tourism/index.md", "--lang", "en").exit_code == 0
    report = project.report()
    assert page_entry(report, "en", "tourism/index.md")["status"] == "translated"
    assert page_entry(report, "zh", "tourism/index.md")["status"] == "stale"
    folder = project.invoke("stamp", "docs", "--lang", "zh,ko")
    assert folder.exit_code == 0, folder.output
    assert "Already stamped docs/index.zh.md" in folder.stdout
    report = project.report()
    assert page_entry(report, "zh", "tourism/index.md")["status"] == "translated"
    assert page_entry(report, "ko", "tourism/index.md")["status"] == "missing"  # nothing to stamp there


def test_stamp_bad_input(project: Project) -> None:
    missing = project.invoke("stamp", "docs/tourism/index.ko.md")
    assert missing.exit_code == 2 and "not found in the docs folder" in missing.stderr
    no_translation = project.invoke("stamp", "docs/tourism/index.vi.md", "--lang", "ko")
    assert no_translation.exit_code == 2 and "docs/tourism/index.ko.md: does not exist yet" in no_translation.stderr
    wrong_lang = project.invoke("stamp", "docs/index.vi.md", "--lang", "jp")
    assert wrong_lang.exit_code == 2 and "'jp'" in wrong_lang.stderr
    for result in (missing, no_translation, wrong_lang):
        assert "Traceback" not in result.output


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "e@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "e@example.org",
    }
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repository(project: Project) -> Project:
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", ".")
    git(project.root, "commit", "-q", "-m", "Translations stamped")
    return project


def test_git_history_of_a_stale_page(repository: Project) -> None:
    stamped_commit = git(repository.root, "rev-parse", "HEAD").strip()
    source = repository.docs / "tourism/index.vi.md"
    source.write_text(source.read_text(encoding="utf-8").replace("16 km", "17 km"), encoding="utf-8")
    git(repository.root, "commit", "-q", "-am", "Distance corrected")
    source.write_text(source.read_text(encoding="utf-8") + "\nThêm một đoạn mới về hồ.\n", encoding="utf-8")
    git(repository.root, "commit", "-q", "-am", "A new paragraph")
    report = repository.report()
    entry = page_entry(report, "en", "tourism/index.md")
    assert entry["status"] == "stale"
    assert entry["git"] == {"stamped_commit": stamped_commit, "commits_since": 2, "uncommitted_changes": False}
    source.write_text(source.read_text(encoding="utf-8") + "\nChưa lưu vào git.\n", encoding="utf-8")
    entry = page_entry(repository.report(), "en", "tourism/index.md")
    assert entry["git"]["commits_since"] == 2 and entry["git"]["uncommitted_changes"] is True
    table = repository.invoke()
    assert "2 commits since" in table.stdout


def test_diff_shows_what_changed_in_the_source(repository: Project) -> None:
    source = repository.docs / "tourism/index.vi.md"
    source.write_text(source.read_text(encoding="utf-8").replace("16 km", "17 km"), encoding="utf-8")
    git(repository.root, "commit", "-q", "-am", "Distance corrected")
    result = repository.invoke("--diff", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "-Hồ Núi Cốc cách trung tâm tỉnh khoảng 16 km." in result.stdout
    assert "+Hồ Núi Cốc cách trung tâm tỉnh khoảng 17 km." in result.stdout
    report = json.loads(repository.invoke("--diff", "--format", "json").stdout)
    assert "+Hồ Núi Cốc cách trung tâm tỉnh khoảng 17 km." in page_entry(report, "zh", "tourism/index.md")["git"]["diff"]


def test_stamp_from_an_unknown_version(repository: Project) -> None:
    translation = repository.docs / "tourism/index.en.md"
    translation.write_text(re.sub('source_hash: "[0-9a-f]+"', 'source_hash: "0123456789abcdef"', translation.read_text(encoding="utf-8")), encoding="utf-8")
    entry = page_entry(repository.report(), "en", "tourism/index.md")
    assert entry["status"] == "stale"
    assert entry["git"]["stamped_commit"] is None
    assert "stamped version not found in git history" in repository.invoke("--lang", "en").stdout


def test_stamp_through_the_real_command(project: Project) -> None:
    project.write("tourism/index.vi.md", CHANGED)
    result = project.run("stamp", "--force", "docs/tourism/index.en.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert page_entry(project.report(), "en", "tourism/index.md")["status"] == "translated"
