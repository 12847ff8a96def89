"""Interface strings: one gettext catalog per language, complete, compiled at build, with a
Vietnamese fallback that is reported when a language lacks a string."""

from __future__ import annotations

import subprocess
from pathlib import Path

from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from conftest import PROJECT, run_quangba
from quangba import interface

LANGS = ["vi", "en", "zh", "ko"]


def catalog(lang: str, root: Path = interface.CATALOGS):
    with interface.po_path(root, lang).open("rb") as handle:
        return read_po(handle, locale=lang)


def test_catalogs_cover_every_string_of_the_code_and_templates(tmp_path: Path) -> None:
    pot = interface.extract(tmp_path)
    with pot.open("rb") as handle:
        wanted = {m.id for m in read_po(handle) if m.id}
    assert "Published on %(date)s" in wanted and "Figure" in wanted
    for lang in LANGS:
        translated = {m.id for m in catalog(lang) if m.id and m.string and not m.fuzzy}
        assert wanted <= translated, f"{lang} lacks {sorted(wanted - translated)}"


def test_compiled_catalogs_are_not_committed() -> None:
    tracked = subprocess.run(["git", "ls-files"], cwd=PROJECT, capture_output=True, text=True, check=True).stdout.split()
    assert [p for p in tracked if p.endswith(".po") and "/locales/" in p]
    assert not [p for p in tracked if p.endswith(".mo")]


def test_missing_string_falls_back_to_vietnamese_with_a_warning(mini_project: Path, tmp_path: Path) -> None:
    catalogs = tmp_path / "catalogs"
    for lang in ("vi", "en"):
        target = interface.po_path(catalogs, lang)
        target.parent.mkdir(parents=True)
        text = interface.po_path(interface.CATALOGS, lang).read_text(encoding="utf-8")
        if lang == "en":  # drop the English translation of the demo notice
            text = text.replace('msgstr "Demonstration site: sample content, not official information of the province."', 'msgstr ""')
        target.write_text(text, encoding="utf-8")
    config = mini_project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("publish: []", f"publish: []\n      catalogs_dir: {catalogs}") + "extra:\n  demo: true\n",
        encoding="utf-8",
    )
    result = run_quangba("build", cwd=mini_project)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "interface text 'Demonstration site: sample content, not official information of the province.' has no en translation" in output
    english = BeautifulSoup((mini_project / "site/en/index.html").read_text(encoding="utf-8"), "html.parser")
    assert (
        english.select_one(".quangba-demo-notice").get_text()
        == catalog("vi").get("Demonstration site: sample content, not official information of the province.").string
    )
    assert not list(catalogs.rglob("*.mo")), "compiled files go to the cache, not beside the sources"
    assert list((mini_project / ".cache/quangba/locales").rglob("*.mo"))


def test_i18n_commands_run(tmp_path: Path) -> None:
    result = run_quangba("i18n", "compile", "--out", tmp_path / "mo")
    assert result.returncode == 0, result.stderr
    assert sorted(p.parent.parent.name for p in (tmp_path / "mo").rglob("messages.mo")) == sorted(LANGS)
