"""Editors' mistakes stop `quangba build` with a message naming the file (and line), no traceback,
and never replace a good site with a half-written one."""

from __future__ import annotations

from pathlib import Path

from conftest import run_quangba


def build(project: Path):
    return run_quangba("build", cwd=project)


def assert_failed_cleanly(result, *expected: str) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    for text in expected:
        assert text in output, f"{text!r} not in:\n{output}"
    return output


def test_mini_project_builds(mini_project: Path) -> None:
    result = build(mini_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (mini_project / "site/index.html").is_file()
    assert (mini_project / "site/en/about/index.html").is_file()


def test_unknown_language_suffix(mini_project: Path) -> None:
    (mini_project / "docs/about.jp.md").write_text("---\ntitle: About\n---\n\nText.\n", encoding="utf-8")
    output = assert_failed_cleanly(build(mini_project), "docs/about.jp.md", "'.jp'", "vi, en")
    assert "rename" in output


def test_broken_front_matter_names_file_and_line(mini_project: Path) -> None:
    (mini_project / "docs/about.en.md").write_text("---\ntitle: About\ndescription: 'Quoted' then more text\n---\n\nContent.\n", encoding="utf-8")
    assert_failed_cleanly(build(mini_project), "docs/about.en.md:3", "not valid YAML")


def test_unclosed_front_matter(mini_project: Path) -> None:
    (mini_project / "docs/about.vi.md").write_text("---\ntitle: Giới thiệu\n\nNội dung.\n", encoding="utf-8")
    assert_failed_cleanly(build(mini_project), "docs/about.vi.md:1", "no closing '---'")


def test_front_matter_that_is_not_a_mapping(mini_project: Path) -> None:
    (mini_project / "docs/about.vi.md").write_text("---\n- just\n- a list\n---\n\nNội dung.\n", encoding="utf-8")
    assert_failed_cleanly(build(mini_project), "docs/about.vi.md", "key: value")


def test_file_not_in_utf8(mini_project: Path) -> None:
    (mini_project / "docs/about.vi.md").write_bytes("---\ntitle: Giới\n---\n\nNội dung\n".encode("utf-16"))
    assert_failed_cleanly(build(mini_project), "docs/about.vi.md", "UTF-8")


def test_link_to_missing_page_names_file_and_line(mini_project: Path) -> None:
    (mini_project / "docs/about.en.md").write_text("---\ntitle: About\n---\n\nFirst line.\n\nSee [the plan](plan.md).\n", encoding="utf-8")
    assert_failed_cleanly(build(mini_project), "docs/about.en.md:7", "'plan.md'", "does not exist")


def test_every_problem_is_reported_at_once(mini_project: Path) -> None:
    (mini_project / "docs/about.jp.md").write_text("Text.\n", encoding="utf-8")
    (mini_project / "docs/about.en.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n", encoding="utf-8")
    assert_failed_cleanly(build(mini_project), "docs/about.jp.md", "docs/about.en.md:2")


def test_broken_config_is_a_clear_error(mini_project: Path) -> None:
    config = mini_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_structure: suffix", "docs_structure: sideways"))
    assert_failed_cleanly(build(mini_project), "mkdocs.yml", "docs_structure")


def test_missing_config_file(tmp_path: Path) -> None:
    assert_failed_cleanly(build(tmp_path), "mkdocs.yml", "not found")


def test_failed_build_keeps_the_previous_site(mini_project: Path) -> None:
    assert build(mini_project).returncode == 0
    site = mini_project / "site"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (mini_project / "docs/about.en.md").write_text("---\ntitle: About\n---\n\n[x](gone.md)\n", encoding="utf-8")
    assert_failed_cleanly(build(mini_project))
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    leftovers = [p.name for p in mini_project.iterdir() if p.name.startswith(".site")]
    assert not leftovers


def test_successful_rebuild_replaces_the_site(mini_project: Path) -> None:
    assert build(mini_project).returncode == 0
    (mini_project / "docs/about.en.md").write_text("---\ntitle: About us\n---\n\nNew text.\n", encoding="utf-8")
    assert build(mini_project).returncode == 0
    assert "New text." in (mini_project / "site/en/about/index.html").read_text(encoding="utf-8")
