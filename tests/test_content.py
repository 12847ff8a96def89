"""The demo content itself: complete in four languages, with titles, alt text, credits and sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, site_languages
from quangba.core import frontmatter

DOCS = PROJECT / "docs"
DEFAULT, LANGUAGES = site_languages(PROJECT / "mkdocs.yml")
SOURCES = sorted(DOCS.rglob(f"*.{DEFAULT}.md"))
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")


def translation(source: Path, lang: str) -> Path:
    return source.with_name(source.name.replace(f".{DEFAULT}.md", f".{lang}.md"))


def test_at_least_25_pages_per_language() -> None:
    for lang in LANGUAGES:
        assert len(list(DOCS.rglob(f"*.{lang}.md"))) >= 25, lang


def test_every_page_is_in_english_and_only_news_items_lack_chinese_or_korean() -> None:
    for source in SOURCES:
        assert translation(source, "en").is_file(), f"{source.relative_to(DOCS)} has no English version"
        for lang in ("zh", "ko"):
            if not translation(source, lang).is_file():
                relative = source.relative_to(DOCS).as_posix()
                assert relative.startswith("news/") and relative != f"news/index.{DEFAULT}.md", f"{relative} lacks {lang}"
    vietnamese_only = [s for s in SOURCES if not translation(s, "zh").is_file()]
    assert vietnamese_only, "the demo keeps some news items in Vietnamese only, as a real portal does"


def test_no_page_without_its_source() -> None:
    for lang in LANGUAGES[1:]:
        for page in DOCS.rglob(f"*.{lang}.md"):
            source = page.with_name(page.name.replace(f".{lang}.md", f".{DEFAULT}.md"))
            assert source.is_file(), f"{page.relative_to(DOCS)} has no Vietnamese source"


SITE_PAGES = sorted(p for p in DOCS.rglob("*.md") if "leaflets" not in p.relative_to(DOCS).parts)  # leaflets are print sources


@pytest.mark.parametrize("page", SITE_PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_page_has_title_and_description(page: Path) -> None:
    meta = frontmatter.read(page).meta
    assert isinstance(meta.get("title"), str) and meta["title"].strip()
    assert isinstance(meta.get("description"), str) and 20 <= len(meta["description"]) <= 200
    if page.parent.name == "news" and not page.name.startswith("index."):
        assert meta.get("date"), "news items carry a date"


def sidecar(image: Path) -> dict:
    return yaml.safe_load(image.with_suffix(".yml").read_text(encoding="utf-8"))


def test_every_image_has_a_complete_sidecar() -> None:
    images = sorted((PROJECT / "assets/images").glob("*.jpg"))
    assert len(images) >= 5
    for image in images:
        data = sidecar(image)
        for field in ("alt", "caption", "credit"):
            assert set(data[field]) >= set(LANGUAGES), f"{image.name}: {field} not in every language"
        assert data["licence"] and data["source"]


def test_pages_use_the_sidecar_alt_text() -> None:
    checked = 0
    for page in DOCS.rglob("*.md"):
        lang = page.name.split(".")[-2]
        for alt, target in IMAGE.findall(page.read_text(encoding="utf-8")):
            image = (page.parent / target).resolve()
            image = PROJECT / "assets" / image.relative_to(DOCS.resolve() / "assets") if "assets" in image.parts else image
            assert image.is_file(), f"{page.relative_to(DOCS)}: {target} not found"
            assert alt == sidecar(image)["alt"][lang], f"{page.relative_to(DOCS)}: alt text differs from {image.name}'s sidecar"
            checked += 1
    assert checked >= 20


def test_glossary_has_every_language() -> None:
    terms = yaml.safe_load((PROJECT / "assets/glossary.yml").read_text(encoding="utf-8"))["terms"]
    assert len(terms) >= 20
    for term in terms:
        assert set(term) >= set(LANGUAGES), term
        assert term["kind"] in {"name", "term"}, term


def normalized(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def test_official_names_are_translated_as_in_the_glossary() -> None:
    """Where a Vietnamese page names an official name, its translations use the approved rendering."""
    terms = yaml.safe_load((PROJECT / "assets/glossary.yml").read_text(encoding="utf-8"))["terms"]
    names = [t for t in terms if t["kind"] == "name"]
    assert len(names) >= 10
    problems = []
    for source in SOURCES:
        text = normalized(source.read_text(encoding="utf-8"))
        for term in names:
            if normalized(term["vi"]) not in text:
                continue
            for lang in LANGUAGES[1:]:
                page = translation(source, lang)
                if page.is_file() and normalized(term[lang]) not in normalized(page.read_text(encoding="utf-8")):
                    problems.append(f"{page.relative_to(DOCS)}: '{term['vi']}' should read '{term[lang]}'")
    assert not problems, "\n".join(problems)


def test_every_fact_has_value_unit_source_year_and_labels() -> None:
    facts = yaml.safe_load((PROJECT / "assets/data/province.yml").read_text(encoding="utf-8"))
    assert {"area", "population", "commune_level_units"} <= set(facts)
    for key, fact in facts.items():
        for field in ("value", "unit", "source", "year"):
            assert fact.get(field) not in (None, ""), f"{key}: no {field}"
        assert set(fact["label"]) >= set(LANGUAGES), key
