"""`quangba coverage`: the status of every (page, language), figures per language and section,
the output formats, --fail-under, --lang, --section, and the interface catalogs."""

from __future__ import annotations

import io
import json
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from test_coverage_support import TOURISM, Project, page_entry

CHANGED_SOURCE = TOURISM["vi"].replace("khoảng 16 km.", "khoảng 16 km. Đường đi đã được nâng cấp.")


def test_every_status(project: Project) -> None:
    project.write("tourism/index.vi.md", CHANGED_SOURCE)  # en and zh were made from the old text
    project.write("tourism/index.ko.md", TOURISM["zh"].replace("旅游", "관광"))  # no source_hash
    project.write("old/page.en.md", "---\ntitle: Old\n---\n\nA page whose source was deleted.\n")
    report = project.report()
    assert page_entry(report, "en", "index.md")["status"] == "translated"
    assert page_entry(report, "en", "tourism/index.md")["status"] == "stale"
    assert page_entry(report, "zh", "tourism/index.md")["status"] == "stale"
    assert page_entry(report, "ko", "tourism/index.md")["status"] == "unverified"
    assert page_entry(report, "ko", "index.md")["status"] == "translated"
    orphan = page_entry(report, "en", "old/page.md")
    assert orphan["status"] == "orphan" and orphan["file"] == "docs/old/page.en.md" and orphan["source_file"] is None
    assert report["languages"]["en"]["counts"] == {"translated": 1, "stale": 1, "unverified": 0, "missing": 0, "orphan": 1}
    assert report["languages"]["en"]["percent"] == 50.0  # orphans do not count as source pages


def test_missing_translation_falls_back(project: Project) -> None:
    report = project.report()
    entry = page_entry(report, "ko", "tourism/index.md")
    assert entry["status"] == "missing" and entry["file"] is None and entry["source_file"] == "docs/tourism/index.vi.md"


def test_source_page_without_suffix(project: Project) -> None:
    (project.docs / "tourism/index.vi.md").rename(project.docs / "tourism/index.md")
    report = project.report()
    assert page_entry(report, "en", "tourism/index.md")["status"] == "translated"
    assert page_entry(report, "en", "tourism/index.md")["source_file"] == "docs/tourism/index.md"


def test_invisible_changes_do_not_make_translations_stale(project: Project) -> None:
    source = project.docs / "tourism/index.vi.md"
    text = source.read_text(encoding="utf-8")
    messy = text.replace("\n", "  \r\n").replace("---  \r\n\r\n", "---\r\n\r\n\r\n\r\n")
    source.write_bytes(messy.encode("utf-8"))
    report = project.report()
    assert page_entry(report, "en", "tourism/index.md")["status"] == "translated"
    source.write_text(text.replace("16 km", "18 km"), encoding="utf-8")
    assert page_entry(project.report(), "en", "tourism/index.md")["status"] == "stale"


def test_json_is_the_documented_object(project: Project) -> None:
    report = project.report()
    assert report["format"] == "quangba-coverage/1"
    assert report["source_language"] == "vi"
    assert set(report["languages"]) == {"en", "zh", "ko"}
    en = report["languages"]["en"]
    assert en["percent"] == 100.0
    page = en["pages"][0]
    assert set(page) >= {"path", "status", "problems", "file", "source_file", "section", "source_size", "size", "git"}
    assert page["path"] == "index.md" and page["status"] in {"translated", "stale", "unverified", "missing", "orphan"}
    assert [section["section"] for section in en["sections"]] == [".", "tourism"]


def test_sizes_in_words_and_characters(project: Project) -> None:
    report = project.report()
    zh = page_entry(report, "zh", "tourism/index.md")
    en = page_entry(report, "en", "tourism/index.md")
    assert report["languages"]["zh"]["unit"] == "characters" and report["languages"]["en"]["unit"] == "words"
    # vi: title (2) + description (5) + paragraph (10, "16" included) + items (4, 3) syllables
    assert en["source_size"] == 2 + 5 + 10 + 4 + 3
    # zh: 旅游 2 + 本省旅游景点 6 + 谷山湖距省中心约16公里 12 + 湖上泛舟 4 + 参观茶山 4
    assert zh["size"] == 2 + 6 + 12 + 4 + 4
    assert report["source"] == {"pages": 2, "size": report["source"]["size"], "unit": "words", "sections": report["source"]["sections"]}
    assert report["source"]["size"] == sum(section["size"] for section in report["source"]["sections"])


def test_figures_per_section(project: Project) -> None:
    project.write_page(
        "investment/index", {"vi": "---\ntitle: Đầu tư\n---\n\nNội dung về đầu tư.\n", "en": "---\ntitle: Investment\n---\n\nAbout investment.\n"}
    )
    project.write_page("investment/parks", {"vi": "---\ntitle: Khu\n---\n\nCác khu.\n"})
    report = project.report()
    sections = {section["section"]: section for section in report["languages"]["en"]["sections"]}
    assert sections["investment"]["source_pages"] == 2
    assert sections["investment"]["percent"] == 50.0
    assert sections["investment"]["counts"]["missing"] == 1
    assert sections["tourism"]["percent"] == 100.0
    assert report["languages"]["en"]["percent"] == 75.0


def test_fail_under(project: Project) -> None:
    passing = project.invoke("--fail-under", "50")
    assert passing.exit_code == 0, passing.output
    failing = project.invoke("--fail-under", "90")
    assert failing.exit_code == 1
    assert "ko 50.0 %" in failing.stderr and "en" not in failing.stderr.split("up to date:")[1]


def test_lang_option(project: Project) -> None:
    report = project.report("--lang", "zh,en")
    assert list(report["languages"]) == ["zh", "en"]
    wrong = project.invoke("--lang", "jp")
    assert wrong.exit_code == 2
    assert "'jp' is not a translation language" in wrong.stderr and "Traceback" not in wrong.output


def test_section_option(project: Project) -> None:
    report = project.report("--section", "tourism")
    assert [page["path"] for page in report["languages"]["en"]["pages"]] == ["tourism/index.md"]
    assert report["section"] == "tourism"
    assert project.report("--section", "docs/tourism/")["section"] == "tourism"
    assert [page["path"] for page in project.report("--section", "tourism/index.vi.md")["languages"]["en"]["pages"]] == ["tourism/index.md"]
    nothing = project.invoke("--section", "nowhere")
    assert nothing.exit_code == 2 and "nowhere: no pages in this section" in nothing.output


def test_docs_dir_argument_and_config_option(project: Project, tmp_path: Path) -> None:
    other_docs = tmp_path / "elsewhere"
    (project.docs).rename(other_docs)
    result = project.invoke("--format", "json", other_docs)
    assert result.exit_code == 0, result.output
    assert page_entry(json.loads(result.stdout), "en", "index.md")["status"] == "translated"
    moved = tmp_path / "conf" / "site.yml"
    moved.parent.mkdir()
    (project.root / "mkdocs.yml").rename(moved)
    result = project.invoke("--config", moved, "--format", "json", other_docs)
    assert result.exit_code == 0, result.output


def test_markdown_and_table_formats(project: Project) -> None:
    project.write("tourism/index.vi.md", CHANGED_SOURCE)
    markdown = project.invoke("--format", "markdown")
    assert markdown.exit_code == 0
    assert "| English (en) | 50.0 % | 1 | 1 | 0 | 0 | 0 |" in markdown.stdout
    assert "| `tourism/index.md` | stale | stale | missing |" in markdown.stdout
    table = project.invoke()
    assert table.exit_code == 0
    assert "tourism/index.md" in table.stdout and "stale" in table.stdout and "50.0 %" in table.stdout


def write_catalog(folder: Path, lang: str, messages: list[tuple[str, str, bool]]) -> Path:
    catalog = Catalog(locale=lang)
    for message_id, string, fuzzy in messages:
        catalog.add(message_id, string, flags=["fuzzy"] if fuzzy else [])
    path = folder / lang / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    path.write_bytes(buffer.getvalue())
    return path


def test_interface_catalogs(project: Project, tmp_path: Path) -> None:
    catalogs = tmp_path / "locales"
    write_catalog(catalogs, "en", [("Trang chủ", "Home", False), ("Tìm kiếm", "Search", False), ("Tin tức", "News?", True), ("Liên hệ", "", False)])
    write_catalog(catalogs, "ko", [("Trang chủ", "홈", False), ("Tìm kiếm", "", False), ("Tin tức", "", False), ("Liên hệ", "", False)])
    report = project.report("--catalogs", catalogs)
    assert report["catalogs"]["en"] == {
        "file": str(catalogs / "en/LC_MESSAGES/messages.po"),
        "messages": 4,
        "translated": 2,
        "fuzzy": 1,
        "missing": 1,
        "percent": 50.0,
    }
    assert report["catalogs"]["ko"]["translated"] == 1 and report["catalogs"]["ko"]["missing"] == 3
    assert "zh" not in report["catalogs"]
    table = project.invoke("--catalogs", catalogs)
    assert "Interface texts" in table.stdout and "2/4" in table.stdout


def test_no_catalog_section_without_catalogs(project: Project, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    report = project.report("--catalogs", tmp_path / "empty")
    assert report["catalogs"] == {}
    assert "Interface texts" not in project.invoke("--catalogs", tmp_path / "empty").stdout


def test_broken_catalog_is_named(project: Project, tmp_path: Path) -> None:
    catalogs = tmp_path / "locales"
    path = catalogs / "en/LC_MESSAGES/messages.po"
    path.parent.mkdir(parents=True)
    path.write_bytes('msgid "Trang chủ"\nmsgstr "Home"\n\nmsgid "Tin tức"\nthis line is not gettext\nmsgstr "News"\n'.encode())
    result = project.invoke("--catalogs", catalogs)
    assert result.exit_code == 2
    assert "en/LC_MESSAGES/messages.po:5: not a valid gettext catalog" in result.output and "Traceback" not in result.output
    assert json.loads(project.invoke("--format", "json", "--catalogs", catalogs).stdout)["languages"]["en"]["percent"] == 100.0


def test_real_command_line(project: Project) -> None:
    """Through `python -m quangba coverage` (the group is wired into the quangba command)."""
    project.write("tourism/index.vi.md", CHANGED_SOURCE)
    result = project.run("--format", "json", "--fail-under", "60")
    assert result.returncode == 1, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert page_entry(report, "en", "tourism/index.md")["status"] == "stale"
    assert "Below 60 % up to date" in result.stderr


STUB = "---\ntitle: Tourism\nuntranslated: true\n---\n\nHồ Núi Cốc cách trung tâm tỉnh khoảng 16 km.\n"


def test_a_translation_stub_counts_as_missing(project: Project) -> None:
    """`quangba new` writes stubs marked `untranslated: true`: the build leaves them out."""
    project.write("tourism/index.ko.md", STUB)
    report = project.report()
    entry = page_entry(report, "ko", "tourism/index.md")
    assert entry["status"] == "missing" and entry["problems"] == []
    assert entry["file"] == "docs/tourism/index.ko.md"  # the stub is there, waiting for a translator
    refused = project.invoke("stamp", "docs/tourism/index.ko.md")
    assert refused.exit_code == 2 and "still a stub (untranslated: true)" in refused.stderr
    folder = project.invoke("stamp", "docs", "--lang", "ko")
    assert folder.exit_code == 0, folder.output  # stubs are skipped
    exported = project.invoke("export", "--lang", "ko", "--out", "xl")
    assert "tourism/index.ko.xlf  (missing" in exported.stdout
