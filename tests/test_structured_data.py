"""Structured data (schema.org JSON-LD): every page of every language of the demo site carries one
block in its <head> that parses, whose nodes have the properties their type needs (Google's
rich-results requirements and schema.org's types), with ISO dates, absolute addresses that lead
to built files, and texts in the page's language. Small projects show the escaping of hostile
titles, the department's contacts and the editors' messages for a wrong file or front matter.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from textwrap import dedent
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT, Site, run_quangba
from quangba.core.inline import page_inline

SITE_URL = "https://doingoai.thainguyen.example/"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$")
LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
EVENT_SOURCE = re.compile(r"^events/\d{4}-[^/]+\.md$")


# -- reading what the build wrote ---------------------------------------------------------------


def blocks(path: Path) -> list[Any]:
    """The JSON-LD blocks of a built page, each parsed; they must all be in the <head>."""
    text = path.read_text(encoding="utf-8")
    head = text[: text.index("</head>")]
    found = LD_JSON.findall(text)
    assert found == LD_JSON.findall(head), f"{path}: JSON-LD outside the <head>"
    return [json.loads(block) for block in found]


def graph(path: Path) -> list[dict[str, Any]]:
    found = blocks(path)
    assert len(found) == 1, f"{path}: {len(found)} JSON-LD blocks, expected one"
    data = found[0]
    assert data["@context"] == "https://schema.org"
    nodes = data["@graph"]
    assert nodes and all(isinstance(n, dict) and n.get("@type") for n in nodes), path
    return nodes


def of_type(nodes: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [n for n in nodes if n["@type"] == kind]


def built_file(site: Site, url: str) -> Path:
    """The file of the built site an absolute address of the site leads to."""
    assert url.startswith(SITE_URL), f"not an absolute address of the site: {url!r}"
    path = urlsplit(url).path.lstrip("/")
    return site.root / path / "index.html" if path == "" or path.endswith("/") else site.root / path


def assert_resolves(site: Site, url: str, where: Path) -> None:
    assert built_file(site, url).is_file(), f"{where}: {url} is not a built file"


def walk_urls(node: Any) -> list[str]:
    """Every address in a node: url, item, logo, image, sameAs excepted (outside the site)."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("url", "item", "logo", "image") and isinstance(value, str):
                found.append(value)
            elif key == "image" and isinstance(value, list):
                found += value
            elif key == "@id":
                found.append(value.split("#")[0])
            elif key != "sameAs":
                found += walk_urls(value)
    elif isinstance(node, list):
        for item in node:
            found += walk_urls(item)
    return found


def source_meta(site: Site, page: str, lang: str) -> tuple[str, dict[str, Any]]:
    """The language the reader of lang gets the page in, and that file's front matter."""
    docs = DOCS
    stem = page.removesuffix(".md")
    path = docs / f"{stem}.{lang}.md"
    shown = lang if path.is_file() else site.default
    text = (docs / f"{stem}.{shown}.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("\n---", 1)[0].removeprefix("---\n")) if text.startswith("---\n") else {}
    return shown, meta or {}


DOCS = PROJECT / "docs"
ORGANIZATION = yaml.safe_load((PROJECT / "assets" / "data" / "organization.yml").read_text(encoding="utf-8"))
MKDOCS = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))


def nav_name(vietnamese: str, lang: str) -> str:
    i18n = next(p["i18n"] for p in MKDOCS["plugins"] if isinstance(p, dict) and "i18n" in p)
    language = next(item for item in i18n["languages"] if item["locale"] == lang)
    return (language.get("nav_translations") or {}).get(vietnamese, vietnamese)


# -- the demo site ------------------------------------------------------------------------------


def test_every_page_of_every_language_has_json_ld_with_absolute_addresses_of_built_files(demo_site: Site) -> None:
    checked = 0
    for lang in demo_site.languages:
        for page in demo_site.pages:
            path = demo_site.html(page, lang)
            nodes = graph(path)
            shown, _ = source_meta(demo_site, page, lang)
            for node in nodes:
                if "inLanguage" in node:
                    assert node["inLanguage"] == shown, f"{path}: {node['@type']} inLanguage {node['inLanguage']!r}, the text is {shown!r}"
            for url in walk_urls(nodes):
                assert_resolves(demo_site, url, path)
            pages = [n for n in nodes if n["@type"] in ("WebPage", "ContactPage", "WebSite")]
            assert len(pages) == 1 and pages[0]["url"] == SITE_URL + demo_site.url(page, lang), path
            checked += 1
    assert checked == len(demo_site.languages) * len(demo_site.pages) > 100


def test_the_department_is_on_the_home_and_contact_pages_in_the_page_language(demo_site: Site) -> None:
    for lang in demo_site.languages:
        for page in ("index.md", ORGANIZATION["contact_page"]):
            path = demo_site.html(page, lang)
            nodes = graph(path)
            (org,) = of_type(nodes, "GovernmentOrganization")
            assert org["name"] == ORGANIZATION["name"][lang]
            assert org["url"] == ORGANIZATION["url"] and org["logo"].endswith("/logo.svg")
            assert org["areaServed"] == {"@type": "AdministrativeArea", "name": ORGANIZATION["area_served"][lang]}
            assert org["address"]["addressCountry"] == "VN" and org["address"]["addressRegion"] == ORGANIZATION["region"][lang]
            # The demo's contacts are examples (placeholder: true): not handed to search engines.
            assert ORGANIZATION["contact"]["placeholder"] is True
            assert "telephone" not in org and "email" not in org and "streetAddress" not in org["address"]
            if lang != demo_site.default:
                assert org["alternateName"] == ORGANIZATION["name"][demo_site.default]
        (website,) = of_type(graph(demo_site.html("index.md", lang)), "WebSite")
        assert website["publisher"] == {"@id": ORGANIZATION["url"] + "#organization"}
        assert website["url"] == SITE_URL + demo_site.prefix(lang)


def test_breadcrumbs_follow_the_menu_in_the_page_language_and_lead_to_built_pages(demo_site: Site) -> None:
    for lang in demo_site.languages:
        assert not of_type(graph(demo_site.html("index.md", lang)), "BreadcrumbList")
        home = nav_name("Trang chủ", lang)
        for page in demo_site.pages:
            if page == "index.md":
                continue
            path = demo_site.html(page, lang)
            (crumbs,) = of_type(graph(path), "BreadcrumbList")
            items = crumbs["itemListElement"]
            assert [i["position"] for i in items] == list(range(1, len(items) + 1)) and len(items) >= 2, path
            assert all(i["@type"] == "ListItem" and i["name"].strip() for i in items), path
            assert items[0] == {"@type": "ListItem", "position": 1, "name": home, "item": SITE_URL + demo_site.prefix(lang)}
            assert items[-1]["item"] == SITE_URL + demo_site.url(page, lang), path
            for item in items:
                assert_resolves(demo_site, item["item"], path)
            section = page.split("/")[0]
            if "/" in page and not page.endswith("index.md"):  # a page in a section: the section is named
                section_page = demo_site.url(f"{section}/index.md", lang)
                assert any(i["item"] == SITE_URL + section_page for i in items[1:-1]), path
    # The menu's names, translated: the news section in Korean.
    (crumbs,) = of_type(graph(demo_site.html("news/2025-new-province.md", "ko")), "BreadcrumbList")
    assert [i["name"] for i in crumbs["itemListElement"]][:2] == [nav_name("Trang chủ", "ko"), nav_name("Tin tức", "ko")] == ["홈", "뉴스"]


def test_news_items_are_news_articles_with_dates_image_and_publisher(demo_site: Site) -> None:
    news = [p for p in demo_site.pages if p.startswith("news/") and p != "news/index.md"]
    assert len(news) >= 4
    for lang in demo_site.languages:
        for page in news:
            path = demo_site.html(page, lang)
            shown, meta = source_meta(demo_site, page, lang)
            (article,) = of_type(graph(path), "NewsArticle")
            assert article["headline"] == meta["title"]
            assert article["description"] == meta["description"]
            assert ISO_DATE.match(article["datePublished"]) and dt.date.fromisoformat(article["datePublished"]) == meta["date"]
            if "dateModified" in article:
                assert article["dateModified"] >= article["datePublished"]
            assert article["inLanguage"] == shown
            assert article["mainEntityOfPage"] == {"@id": SITE_URL + demo_site.url(page, lang) + "#webpage"}
            for who in (article["author"], article["publisher"]):
                assert who["@type"] == "GovernmentOrganization" and who["name"] == ORGANIZATION["name"][shown]
            assert article["image"] and all(built_file(demo_site, image).is_file() for image in article["image"])
            # The image is the page's share image (og:image), whatever made it.
            og = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("meta", property="og:image")
            assert og is not None and article["image"] == [og["content"]]
    for page in (p for p in demo_site.pages if not p.startswith("news/") or p == "news/index.md"):
        assert not of_type(graph(demo_site.html(page, demo_site.default)), "NewsArticle"), page


def event_pages(site: Site) -> list[str]:
    return [p for p in site.pages if EVENT_SOURCE.match(p)]


def test_event_pages_are_events_with_dates_place_organizer_and_status(demo_site: Site) -> None:
    """Once event pages exist (docs/events/<yyyy>-<slug>.<lang>.md), each must carry an Event."""
    events = event_pages(demo_site)
    if (PROJECT / "scripts" / "quangba" / "events").is_dir():  # the events feature is there: so are its pages
        assert events, "no docs/events/<yyyy>-<slug>.<lang>.md in the demo"
    for lang in demo_site.languages:
        for page in events:
            path = demo_site.html(page, lang)
            shown, meta = source_meta(demo_site, page, lang)
            found = of_type(graph(path), "Event")
            assert len(found) == 1, f"{path}: an event page without its Event"
            (event,) = found
            assert event["name"] == meta["title"] and event["description"] == meta["description"]
            for key in ("startDate", "endDate"):
                assert ISO_DATE.match(event[key]) or ISO_DATETIME.match(event[key]), (path, event[key])
            assert event["endDate"][:10] >= event["startDate"][:10]
            if ISO_DATETIME.match(event["startDate"]):  # a time always with its offset
                assert dt.datetime.fromisoformat(event["startDate"]).utcoffset() is not None
            assert event["eventStatus"] == "https://schema.org/EventScheduled"
            assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
            location = event["location"]
            assert location["@type"] == "Place" and location["name"] == str(meta["place"]).strip()
            assert location["address"]["@type"] == "PostalAddress" and location["address"]["streetAddress"]
            assert event["organizer"]["name"] and event["organizer"]["@type"] in ("Organization", "GovernmentOrganization")
            assert event["image"] and event["url"] == SITE_URL + demo_site.url(page, lang)
            assert event["inLanguage"] == shown
    others = [p for p in demo_site.pages if not EVENT_SOURCE.match(p)]
    assert not any(of_type(graph(demo_site.html(p, demo_site.default)), "Event") for p in others)


def test_places_of_a_page_are_tourist_attractions_in_its_language(demo_site: Site) -> None:
    with_places = [p for p in demo_site.pages if source_meta(demo_site, p, demo_site.default)[1].get("places")]
    assert "tourism/destinations.md" in with_places
    for lang in demo_site.languages:
        for page in with_places:
            path = demo_site.html(page, lang)
            shown, meta = source_meta(demo_site, page, lang)
            attractions = of_type(graph(path), "TouristAttraction")
            assert [a["name"] for a in attractions] == [p["name"] for p in meta["places"]], path
            for place, node in zip(meta["places"], attractions, strict=True):
                address = node["address"]
                assert address["@type"] == "PostalAddress" and address["addressCountry"] == "VN"
                assert address.get("addressLocality") == place.get("locality") or address.get("streetAddress") == place.get("address")
                assert address["addressRegion"] == ORGANIZATION["region"][shown]
                assert node.get("description") == place.get("description")
                if "geo" in place:
                    geo = node["geo"]
                    assert geo["@type"] == "GeoCoordinates" and (geo["latitude"], geo["longitude"]) == (place["geo"]["lat"], place["geo"]["long"])
                    assert 8 < geo["latitude"] < 24 and 102 < geo["longitude"] < 110  # in Vietnam
    # Every language names the same places (the translations keep their order).
    counts = {lang: len(source_meta(demo_site, "tourism/destinations.md", lang)[1]["places"]) for lang in demo_site.languages}
    assert len(set(counts.values())) == 1, counts


def test_the_json_ld_is_data_not_a_script_the_policy_must_allow(demo_site: Site) -> None:
    path = demo_site.html("tourism/destinations.md", "en")
    text = path.read_text(encoding="utf-8")
    assert LD_JSON.search(text)
    assert not any("@context" in script for script in page_inline(text).scripts)


# -- small projects -----------------------------------------------------------------------------

HOSTILE = '</script><script>alert("x")</script> <!-- & Hồ "Núi Cốc"'


def build(root: Path) -> Any:
    return run_quangba("build", cwd=root)


def test_a_hostile_title_stays_inside_its_json(mini_project: Path) -> None:
    page = mini_project / "docs" / "about.vi.md"
    page.write_text(f"---\ntitle: '{HOSTILE.replace(chr(39), chr(39) * 2)}'\ndescription: 'a </SCRIPT > b'\n---\n\nNội dung.\n", encoding="utf-8")
    result = build(mini_project)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (mini_project / "site" / "about" / "index.html").read_text(encoding="utf-8")
    (raw,) = LD_JSON.findall(html)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    nodes = json.loads(raw)["@graph"]
    assert of_type(nodes, "WebPage")[0]["name"] == HOSTILE
    assert of_type(nodes, "WebPage")[0]["description"] == "a </SCRIPT > b"
    assert of_type(nodes, "BreadcrumbList")[0]["itemListElement"][-1]["name"] == HOSTILE
    soup = BeautifulSoup(html, "html.parser")
    assert not [s for s in soup.find_all("script") if "alert" in s.get_text() and s.get("type") != "application/ld+json"]
    clean = html.replace(raw, "")
    assert page_inline(html).scripts == page_inline(clean).scripts  # nothing a browser would run


ORGANIZATION_YML = dedent(
    """\
    name: {vi: Sở Mẫu, en: Sample Department}
    url: https://example.org/
    logo: assets/logo.svg
    contact_page: about.md
    region: {vi: Tỉnh Mẫu, en: Sample Province}
    country: VN
    contact:
      placeholder: false
      street: {vi: 1 Đường Mẫu, en: 1 Sample Street}
      telephone: "+84 208 123 4567"
      email: contact@example.org
    """
)


def test_real_contacts_are_published_on_the_contact_page(mini_project: Path) -> None:
    (mini_project / "assets" / "data").mkdir(parents=True)
    (mini_project / "assets" / "data" / "organization.yml").write_text(ORGANIZATION_YML, encoding="utf-8")
    result = build(mini_project)
    assert result.returncode == 0, result.stdout + result.stderr
    nodes = graph(mini_project / "site" / "en" / "about" / "index.html")
    (org,) = of_type(nodes, "GovernmentOrganization")
    assert org["name"] == "Sample Department" and org["alternateName"] == "Sở Mẫu"
    assert org["telephone"] == "+84 208 123 4567" and org["email"] == "contact@example.org"
    assert org["address"] == {"@type": "PostalAddress", "streetAddress": "1 Sample Street", "addressRegion": "Sample Province", "addressCountry": "VN"}
    assert of_type(nodes, "ContactPage")


def test_without_organization_file_the_publisher_is_the_site(mini_project: Path) -> None:
    (mini_project / "docs" / "news").mkdir()
    (mini_project / "docs" / "news" / "item.vi.md").write_text(
        "---\ntitle: Tin\ndescription: Mô tả\ndate: 2026-01-02\nupdated: 2026-02-03\n---\n\nNội dung.\n", encoding="utf-8"
    )
    result = build(mini_project)
    assert result.returncode == 0, result.stdout + result.stderr
    (article,) = of_type(graph(mini_project / "site" / "news" / "item" / "index.html"), "NewsArticle")
    assert article["publisher"]["name"] == "Mini" and article["publisher"]["url"] == "https://example.org/"
    assert (article["datePublished"], article["dateModified"]) == ("2026-01-02", "2026-02-03")
    assert "image" not in article  # no photo and no share image: none invented


@pytest.mark.parametrize(
    ("places", "line", "message"),
    [
        ("places: Hồ Núi Cốc", 3, "places: cần một danh sách"),
        ("places:\n  - description: Hồ\n    locality: Đại Từ", 4, "thiếu 'name'"),
        ("places:\n  - name: Hồ\n", 4, "ghi 'address'"),
        ("places:\n  - name: Hồ\n    locality: Đại Từ\n    geo: {lat: 122.4, long: 105.6}", 6, "'geo' ghi dạng"),
        ("places:\n  - name: Hồ\n    town: Đại Từ", 5, "khóa 'town' không dùng được"),
        ("date: 2026-01-02\nupdated: 30/11/2026", 4, "updated: ghi ngày sửa gần nhất dạng NĂM-THÁNG-NGÀY"),
    ],
)
def test_wrong_places_stop_the_build_with_file_line_and_what_to_do(mini_project: Path, places: str, line: int, message: str) -> None:
    (mini_project / "docs" / "about.vi.md").write_text(f"---\ntitle: Giới thiệu\n{places}\n---\n\nNội dung.\n", encoding="utf-8")
    result = build(mini_project)
    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert f"docs/about.vi.md:{line}: " in output and message in output, output


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("name: {vi: Sở Mẫu, en: Sample Department}", "name: {vi: Sở Mẫu}"), 1, "name: thiếu bản en"),
        (("contact@example.org", "contact-at-example"), 11, "không phải địa chỉ thư điện tử"),
        (("country: VN", "country: VN\nmotto: x"), 7, "khóa 'motto' không dùng được"),
        (("placeholder: false", "placeholder: maybe"), 8, "contact.placeholder"),
    ],
)
def test_a_wrong_organization_file_stops_the_build_with_file_and_line(mini_project: Path, change: tuple[str, str], line: int, message: str) -> None:
    (mini_project / "assets" / "data").mkdir(parents=True)
    (mini_project / "assets" / "data" / "organization.yml").write_text(ORGANIZATION_YML.replace(*change), encoding="utf-8")
    result = build(mini_project)
    assert result.returncode != 0, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert f"organization.yml:{line}: " in output and message in output, output


def test_the_editors_guide_example_of_places_builds(mini_project: Path) -> None:
    guide = (PROJECT / "docs-editors" / "docs" / "du-lieu-cau-truc.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(---\n.*?\n---\n)```", guide, re.S)
    assert example, "the guide shows a page's front matter with places:"
    front = example[1].replace("…", "")
    (mini_project / "docs" / "about.vi.md").write_text(front + "\nNội dung.\n", encoding="utf-8")
    result = build(mini_project)
    assert result.returncode == 0, result.stdout + result.stderr
    places = yaml.safe_load(front.strip("-\n"))["places"]
    nodes = graph(mini_project / "site" / "about" / "index.html")
    assert [n["name"] for n in of_type(nodes, "TouristAttraction")] == [p["name"] for p in places]
