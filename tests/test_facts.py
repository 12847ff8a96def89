"""The facts file and the {{ fact.KEY }} / {{ facts A, B }} syntax, in the demo and on bad input."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT, Site, run_quangba
from quangba.core.errors import QuangbaError
from quangba.facts import load_facts

LANGS = ("vi", "en", "zh", "ko")

GOOD_FACTS = dedent(
    """\
    population:
      value: 1286751
      unit: people
      source: Tổng điều tra dân số và nhà ở năm 2019
      year: 2019
      label: {vi: Dân số, en: Population}
    area:
      value: 3521.96
      unit: km2
      source: {vi: Niên giám thống kê, en: Statistical yearbook}
      year: 2021
      label: {vi: Diện tích, en: Area}
    """
)


def with_facts(project: Path, facts: str) -> Path:
    (project / "facts.yml").write_text(facts, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("publish: []", "publish: []\n      facts_file: facts.yml"), encoding="utf-8")
    return project


def failed(result) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    return output


def test_demo_facts_file_loads() -> None:
    facts = load_facts(PROJECT / "assets/data/province.yml", LANGS)
    assert facts["population"].formatted("en") == "1,799,489 people"
    assert facts["area"].formatted("vi") == "8.375,3 km²"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("population:\n  unit: people\n  source: S\n  year: 2019\n  label: {vi: a, en: b}\n", "population: no value"),
        ("population:\n  value: 5\n  unit: people\n  year: 2019\n  label: {vi: a, en: b}\n", "population: no source"),
        ("population:\n  value: '1.286.751'\n  unit: people\n  source: S\n  year: 2019\n  label: {vi: a, en: b}\n", "is not a number"),
        ("signed:\n  value: 2021-13-45\n  unit: date\n  source: S\n  year: 2021\n  label: {vi: a, en: b}\n", "signed: '2021-13-45' is not a date"),
        ("signed:\n  value: 20/1/2021\n  unit: date\n  source: S\n  year: 2021\n  label: {vi: a, en: b}\n", "signed: value '20/1/2021' is not a date"),
        ("population:\n  value: 5\n  unit: persons\n  source: S\n  year: 2019\n  label: {vi: a, en: b}\n", "unknown unit 'persons'"),
        ("population:\n  value: 5\n  unit: people\n  source: S\n  year: 2019\n  label: {vi: a}\n", "label missing in en"),
    ],
)
def test_bad_fact_names_file_key_and_line(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "facts.yml"
    path.write_text("# figures\n\n" + entry, encoding="utf-8")
    with pytest.raises(QuangbaError) as raised:
        load_facts(path, ("vi", "en"))
    text = str(raised.value)
    assert message in text
    line = 4 if "'2021-13-45'" in message else 3  # the bad date's own line, otherwise the key's
    assert f"{path}:{line}:" in text


def test_bad_fact_stops_the_build(mini_project: Path) -> None:
    with_facts(mini_project, GOOD_FACTS.replace("value: 1286751", "value: 1.286.751,5"))
    output = failed(run_quangba("build", cwd=mini_project))
    assert "facts.yml:1: population: value '1.286.751,5' is not a number" in output


def test_unknown_fact_names_page_and_line(mini_project: Path) -> None:
    with_facts(mini_project, GOOD_FACTS)
    (mini_project / "docs/about.en.md").write_text("---\ntitle: About\n---\n\nIntro.\n\nPeople: {{ fact.populaton }}.\n", encoding="utf-8")
    output = failed(run_quangba("build", cwd=mini_project))
    assert "docs/about.en.md:7: unknown fact 'populaton' (did you mean 'population'?)" in output


def test_misspelt_facts_syntax_is_reported(mini_project: Path) -> None:
    with_facts(mini_project, GOOD_FACTS)
    (mini_project / "docs/about.vi.md").write_text("---\ntitle: A\n---\n\n{{ fact population }}\n", encoding="utf-8")
    assert "docs/about.vi.md:5: cannot read" in failed(run_quangba("build", cwd=mini_project))


def test_facts_render_in_the_page_language(mini_project: Path) -> None:
    with_facts(mini_project, GOOD_FACTS)
    (mini_project / "docs/about.vi.md").write_text("---\ntitle: A\n---\n\nDân số {{ fact.population }}.\n\n{{ facts population, area }}\n", encoding="utf-8")
    (mini_project / "docs/about.en.md").write_text(
        "---\ntitle: A\n---\n\nPopulation {{ fact.population }} ({{ fact.population.year }}).\n\n{{ facts population, area }}\n", encoding="utf-8"
    )
    result = run_quangba("build", cwd=mini_project)
    assert result.returncode == 0, result.stderr
    vi = BeautifulSoup((mini_project / "site/about/index.html").read_text(encoding="utf-8"), "html.parser")
    en = BeautifulSoup((mini_project / "site/en/about/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Dân số 1.286.751 người." in vi.article.get_text()
    assert "Population 1,286,751 people (2019)." in en.article.get_text()
    rows = [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in en.select(".quangba-facts tbody tr")]
    # References in brackets ("people1" would read as an exponent); a source naming its year has it once.
    assert rows == [["Population", "1,286,751 people[1]"], ["Area", "3,521.96 km²[2]"]]
    assert [li.get_text() for li in en.select(".quangba-facts__sources li")] == ["Tổng điều tra dân số và nhà ở năm 2019", "Statistical yearbook, 2021"]
    assert [th.get_text() for th in vi.select(".quangba-facts thead th")] == ["Chỉ tiêu", "Số liệu"]


def test_unknown_language_is_a_configuration_error(mini_project: Path) -> None:
    config = mini_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("locale: en", "locale: xx").replace("name: English", "name: Xx"), encoding="utf-8")
    (mini_project / "docs/about.en.md").rename(mini_project / "docs/about.xx.md")
    (mini_project / "docs/index.en.md").rename(mini_project / "docs/index.xx.md")
    assert "mkdocs.yml: language 'xx' is not known to Babel" in failed(run_quangba("build", cwd=mini_project))


EXPECTED_ON_DEMO = {
    "vi": ["8.375,3 km²", "1.799.489 người", "khoảng 80 km"],
    "en": ["8,375.3 km²", "1,799,489 people", "about 80 km"],
    "zh": ["8,375.3平方公里", "1,799,489人", "约80公里"],
    "ko": ["8,375.3km²", "1,799,489명", "약 80km"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_demo_home_overview_and_investment_use_facts(demo_site: Site, lang: str) -> None:
    area, population, distance = EXPECTED_ON_DEMO[lang]
    home = BeautifulSoup(demo_site.html("index.md", lang).read_text(encoding="utf-8"), "html.parser")
    # The home page states its key figures as cards (the landing template), each with its source.
    cards = home.select(".ql-figures .ql-figure")
    values = [card.select_one(".ql-figure__value").get_text(strip=True) for card in cards]
    assert area in values and population in values and distance in values
    assert all(card.select_one(".ql-figure__source").get_text(strip=True) for card in cards)
    overview = demo_site.html("overview/index.md", lang).read_text(encoding="utf-8")
    assert area in overview and population in overview
    investment = demo_site.html("investment/index.md", lang).read_text(encoding="utf-8")
    assert distance in investment
    for page in demo_site.pages:
        assert "{{" not in demo_site.html(page, lang).read_text(encoding="utf-8"), page


def test_demo_sources_state_figures_only_through_the_facts_file() -> None:
    """The demo's headline figures appear in the Markdown only as {{ fact.* }}, never typed in."""
    typed = ["8.375,3", "8,375.3", "8375.3", "1.799.489", "1,799,489"]
    for page in (PROJECT / "docs").rglob("*.md"):
        if page.parent.name == "news":
            continue  # a dated news item records the figures as they were announced
        text = page.read_text(encoding="utf-8")
        assert not [t for t in typed if t in text], page
