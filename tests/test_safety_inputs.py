"""The input policy, through `quangba build` on a small real project: nothing outside the project
is read, only publishable files are published, YAML keys written twice are errors, and every
unreadable input is named with its file and line, fast, before MkDocs runs."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import run_quangba


def build(project: Path, *args: str):
    return run_quangba("build", *args, cwd=project)


def failed(result) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output and "Error:" not in output.replace("Build failed", ""), output
    return output


def site_files(project: Path) -> set[str]:
    site = project / "site"
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


# -- symbolic links ---------------------------------------------------------------------------


@pytest.fixture
def secret(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private file outside the project."""
    path = tmp_path_factory.mktemp("outside") / "shadow"
    path.write_text("root:$6$secret:19000:0:99999:7:::\n", encoding="utf-8")
    return path


def test_link_out_of_the_project_is_never_published(mini_project: Path, secret: Path) -> None:
    (mini_project / "docs" / "shadow.txt").symlink_to(secret)
    output = failed(build(mini_project))
    assert "docs/shadow.txt: is a symbolic link to " in output and "outside the project" in output
    assert not (mini_project / "site").exists()
    # Also a link to /etc itself, and a photo that links out.
    (mini_project / "docs" / "shadow.txt").unlink()
    (mini_project / "docs" / "etc").symlink_to("/etc")
    assert "docs/etc: is a symbolic link to /etc, outside the project" in failed(build(mini_project))


def test_link_loop_and_dangling_link_are_named_at_once(mini_project: Path) -> None:
    (mini_project / "docs" / "loop").symlink_to(".")
    (mini_project / "docs" / "self").symlink_to("self")
    (mini_project / "docs" / "gone.md").symlink_to("nowhere.md")
    started = time.monotonic()
    output = failed(build(mini_project))
    assert time.monotonic() - started < 60  # MkDocs alone walked the loop until killed at 600 s
    assert "docs/loop: is a symbolic link to docs, a folder that contains it" in output
    assert "docs/self: is a symbolic link that points to itself" in output
    assert "docs/gone.md: is a symbolic link to nowhere.md, which does not exist" in output


def test_link_inside_the_project_is_fine(mini_project: Path) -> None:
    (mini_project / "shared").mkdir()
    (mini_project / "shared" / "visit.vi.md").write_text("---\ntitle: Tham quan\n---\n\nNội dung.\n", encoding="utf-8")
    (mini_project / "docs" / "visit.vi.md").symlink_to(mini_project / "shared" / "visit.vi.md")
    result = build(mini_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "visit/index.html" in site_files(mini_project)


def test_photo_linked_from_outside_is_refused(mini_project: Path, secret: Path) -> None:
    images = mini_project / "assets" / "images"
    images.mkdir(parents=True)
    (images / "stolen.jpg").symlink_to(secret)
    output = failed(build(mini_project))
    assert "assets/images/stolen.jpg: is a symbolic link to " in output and "outside the project" in output


# -- what is published --------------------------------------------------------------------------


def test_stray_files_are_named_and_not_published(mini_project: Path) -> None:
    docs = mini_project / "docs"
    (docs / "notes.txt").write_text("ghi chú nội bộ\n", encoding="utf-8")
    (docs / "~$draft.docx").write_bytes(b"PK\x03\x04")
    (docs / "report.docx").write_bytes(b"PK\x03\x04")
    (docs / "about.vi.md~").write_text((docs / "about.vi.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = build(mini_project)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    published = site_files(mini_project)
    assert not {"notes.txt", "~$draft.docx", "report.docx", "about.vi.md~"} & published
    assert "docs/notes.txt: not published (only pages (.md) are published" in output
    assert "docs/~$draft.docx: not published (a backup or temporary file" in output
    assert "docs/report.docx: not published (an Office document" in output
    assert "docs/about.vi.md~: not published (a backup" in output
    # Material's source maps (a megabyte of them) are not published either.
    assert not [name for name in published if name.endswith(".map")]
    assert any(name.startswith("assets/javascripts/bundle.") for name in published)


def test_page_with_an_upper_case_suffix_is_an_error(mini_project: Path) -> None:
    (mini_project / "docs" / "Tea2.vi.MD").write_text("---\ntitle: Chè\n---\n\nChè.\n", encoding="utf-8")
    output = failed(build(mini_project))
    assert "docs/Tea2.vi.MD: a page's file name must end in lower-case '.md': rename it to 'Tea2.vi.md'" in output


# -- strict YAML ----------------------------------------------------------------------------------


def test_mkdocs_yml_with_a_key_twice_names_both_lines(mini_project: Path) -> None:
    config = mini_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "nav:\n  - index.md\nnav:\n  - about.md\n", encoding="utf-8")
    lines = len(text.splitlines())
    output = failed(build(mini_project))
    assert f"mkdocs.yml:{lines + 3}: 'nav' is written twice (lines {lines + 1} and {lines + 3}): keep one" in output


def test_front_matter_with_a_key_twice_names_both_lines(mini_project: Path) -> None:
    (mini_project / "docs" / "about.vi.md").write_text("---\ntitle: Giới thiệu\ndescription: Một\ntitle: Khác\n---\n\nNội dung.\n", encoding="utf-8")
    output = failed(build(mini_project))
    assert "docs/about.vi.md:4: front matter: 'title' is written twice (lines 2 and 4): keep one" in output


# -- unreadable input, named with file and line ------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-16", "docs/about.vi.md:1: not UTF-8 text (it looks like UTF-16): open it and save it as UTF-8"), ("cp1258", "docs/about.vi.md:5: not UTF-8 text")],
)
def test_page_not_in_utf8_names_file_and_line(mini_project: Path, encoding: str, expected: str) -> None:
    text = "---\ntitle: Trang\n---\n\nThông tin.\n"  # what Windows-1258 can write of Vietnamese: ô (0xF4)
    (mini_project / "docs" / "about.vi.md").write_bytes(text.encode(encoding))
    output = failed(build(mini_project))
    assert expected in output
    assert "UnicodeDecodeError" not in output


def test_page_with_a_byte_order_mark_builds(mini_project: Path) -> None:
    page = mini_project / "docs" / "about.vi.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes())
    result = build(mini_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "<h1" in (mini_project / "site" / "about" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2025-02-30", "docs/about.vi.md:3: front matter: '2025-02-30' is not a date (day is out of range for month); write it as YYYY-MM-DD"),
        ("31/12/2025", "docs/about.vi.md:3: date '31/12/2025' is not a date: write it as YYYY-MM-DD (2025-12-31)"),
    ],
)
def test_impossible_date_names_file_and_line(mini_project: Path, date: str, expected: str) -> None:
    (mini_project / "docs" / "about.vi.md").write_text(f"---\ntitle: Tin\ndate: {date}\n---\n\nNội dung.\n", encoding="utf-8")
    assert expected in failed(build(mini_project))


def test_title_that_is_not_a_text_is_named(mini_project: Path) -> None:
    (mini_project / "docs" / "about.vi.md").write_text("---\ntitle: [Giới thiệu, tỉnh]\n---\n\nNội dung.\n", encoding="utf-8")
    assert 'docs/about.vi.md:2: title must be a text: put it in quotes, title: "…"' in failed(build(mini_project))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "\n".join("\t" * depth + f"- mục {depth}" for depth in range(1000)),
            "docs/about.vi.md:1004: lists, quotes or HTML blocks are nested 1000 levels deep here, more than 20",
        ),
        (
            "\n".join("    " * depth + f"- mục {depth}" for depth in range(21)),
            "docs/about.vi.md:25: lists, quotes or HTML blocks are nested 21 levels deep here, more than 20",
        ),
        (">" * 5000 + " trích dẫn", "docs/about.vi.md:5: lists, quotes or HTML blocks are nested 5000 levels deep here, more than 20"),
        ("<div markdown>\n" * 400 + "x\n" + "</div>\n" * 400, "docs/about.vi.md:404: lists, quotes or HTML blocks are nested 400 levels deep"),
        ("\n\n".join(f"## Mục {n}" for n in range(2000)), "docs/about.vi.md: the page has 2,000 headings, more than the 1,000 a page may have"),
        ("## Mục\n\n" * 100_000, "docs/about.vi.md: the page is 1,001 kB, more than the 1,000 kB"),
        ("Chữ. " * 250_000, "docs/about.vi.md: the page is 1,751 kB, more than the 1,000 kB a page may have"),
    ],
    ids=["list-1000-deep", "list-21-deep", "quote-5000-deep", "html-400-deep", "headings-2000", "headings-100000", "page-1.75MB"],
)
def test_page_beyond_the_limits_is_refused_quickly(mini_project: Path, body: str, expected: str) -> None:
    (mini_project / "docs" / "about.vi.md").write_text("---\ntitle: Giới thiệu\n---\n\n" + body + "\n", encoding="utf-8")
    started = time.monotonic()
    output = failed(build(mini_project))
    assert time.monotonic() - started < 60  # MkDocs alone: 133 s and 1.5 GB, or never
    assert expected in output


def test_limits_are_settings(mini_project: Path) -> None:
    config = mini_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("publish: []", "publish: []\n      limits:\n        headings: 3"), encoding="utf-8")
    (mini_project / "docs" / "about.vi.md").write_text("---\ntitle: A\n---\n\n## 1\n\n## 2\n\n## 3\n\n## 4\n", encoding="utf-8")
    assert "the page has 4 headings, more than the 3 a page may have" in failed(build(mini_project))


@pytest.mark.parametrize("url", ["javascript:alert(1)//", 'http://x/"><script>', "ftp://example.org/", "example.org"])
def test_site_url_must_be_a_web_address(mini_project: Path, url: str) -> None:
    assert "--site-url: " in failed(build(mini_project, "--site-url", url))
    assert not (mini_project / "site").exists()


def test_mkdocs_build_alone_applies_the_same_checks(mini_project: Path, secret: Path) -> None:
    """The plugin checks the sources itself when MkDocs runs without `quangba build`."""
    import subprocess
    import sys

    (mini_project / "docs" / "shadow.txt").symlink_to(secret)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=mini_project, capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode != 0
    assert "docs/shadow.txt: is a symbolic link to " in result.stdout + result.stderr
    assert not (mini_project / "site" / "shadow.txt").exists()
