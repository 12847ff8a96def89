"""Events calendar: the per-language iCalendar feeds and per-event files, the upcoming/past split
on the build date (QUANGBA_BUILD_DATE), dates written as each language writes them (Babel), and
editors' mistakes in an event's front matter stopping the build with file:line."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from babel.dates import format_date, format_interval, get_timezone_gmt
from bs4 import BeautifulSoup

from conftest import PROJECT, Site, run_quangba
from quangba import events
from quangba.core import frontmatter

LANGUAGES = ["vi", "en", "zh", "ko"]
SITE_URL = "https://doingoai.thainguyen.example/"


def sources(docs: Path, lang: str) -> dict[str, dict]:
    """slug -> front matter of the event pages written in lang, read from the source files."""
    found = {}
    for path in sorted((docs / "events").glob(f"2*.{lang}.md")):
        found[path.name.removesuffix(f".{lang}.md")] = frontmatter.read(path).meta
    return found


def read_ics(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())  # raises on a file that does not parse


def feed_file(site: Path, lang: str) -> Path:
    return site / ("" if lang == "vi" else f"{lang}/") / "events" / "calendar.ics"


def page(site: Site, slug: str, lang: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(f"events/{slug}.md", lang).read_text(encoding="utf-8"), "html.parser")


def start_of(meta: dict) -> dt.date | dt.datetime:
    value = meta["start"]
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value).replace(tzinfo=ZoneInfo(meta.get("timezone", "Asia/Ho_Chi_Minh")))
    return value


# -- the demo site -------------------------------------------------------------------------------


def test_demo_has_events_past_and_upcoming() -> None:
    metas = sources(PROJECT / "docs", "vi")
    assert 6 <= len(metas) <= 8
    years = {str(m["start"])[:4] for m in metas.values()}
    assert {"2026", "2027"} <= years


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feed_lists_exactly_this_language_events(demo_site: Site, lang: str) -> None:
    feed = read_ics(feed_file(demo_site.root, lang))
    metas = sources(PROJECT / "docs", lang)
    items = feed.walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in items) == sorted(m["title"] for m in metas.values())
    host = urlsplit(SITE_URL).hostname
    assert sorted(str(e["UID"]) for e in items) == sorted(f"{slug}-{lang}@{host}" for slug in metas)
    for item in items:
        slug = str(item["UID"]).split(f"-{lang}@")[0]
        meta = metas[slug]
        assert str(item["URL"]) == urljoin(SITE_URL, demo_site.url(f"events/{slug}.md", lang))
        assert item.decoded("DTSTART") == start_of(meta)
        assert str(item["LOCATION"]).startswith(meta["place"])
        assert item["ORGANIZER"].params["CN"] == meta["organiser"]
        assert meta["description"] in str(item["DESCRIPTION"])
        if isinstance(meta["start"], dt.date):  # whole days: VALUE=DATE, DTEND the day after the last
            assert item["DTSTART"].params.get("VALUE") == "DATE"
            last = meta.get("end", meta["start"])
            assert item.decoded("DTEND") == last + dt.timedelta(days=1)
        else:
            assert item["DTSTART"].params["TZID"] == meta.get("timezone", "Asia/Ho_Chi_Minh")
    assert {tz["TZID"] for tz in feed.walk("VTIMEZONE")} >= {str(e["DTSTART"].params["TZID"]) for e in items if "TZID" in e["DTSTART"].params}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_event_page_offers_its_own_ics(demo_site: Site, lang: str) -> None:
    feed = {str(e["UID"]): e for e in read_ics(feed_file(demo_site.root, lang)).walk("VEVENT")}
    for slug, meta in sources(PROJECT / "docs", lang).items():
        html = page(demo_site, slug, lang)
        link = html.select_one(".quangba-event__ics a[download]")
        assert link is not None, slug
        url = urljoin("http://x/" + demo_site.url(f"events/{slug}.md", lang), link["href"])
        target = demo_site.root / urlsplit(url).path.lstrip("/")
        assert target.is_file(), target
        (item,) = read_ics(target).walk("VEVENT")
        assert str(item["SUMMARY"]) == meta["title"]
        assert item.to_ical() == feed[str(item["UID"])].to_ical()  # the same VEVENT as in the feed
        details = html.select_one(".quangba-event dl")
        assert meta["place"] in details.get_text() and meta["organiser"] in details.get_text()
        if meta.get("link"):
            assert details.find("a", href=meta["link"])


def expected_when(meta: dict, lang: str) -> list[str]:
    """What Babel writes for the event's dates in lang: texts its shown date must contain."""
    start, end = meta["start"], meta.get("end")
    if isinstance(start, dt.date) and not isinstance(start, str):
        if end is None:
            return [format_date(start, "long", locale=lang)]
        if lang == "zh":  # CLDR's interval in Chinese has no month name to widen
            return [format_interval(start, end, "yMMMd", locale=lang)]
        return [format_date(end, "MMMM", locale=lang), format_date(end, "y", locale=lang), str(start.day), str(end.day)]
    begin = start_of(meta)
    return [format_date(begin.date(), "long", locale=lang), get_timezone_gmt(begin, "long", locale=lang)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dates_are_written_as_the_language_writes_them(demo_site: Site, lang: str) -> None:
    timed = 0
    for slug, meta in sources(PROJECT / "docs", lang).items():
        time = page(demo_site, slug, lang).select_one(".quangba-event dl time")
        text = time.get_text()
        assert time["datetime"] == start_of(meta).isoformat()
        for expected in expected_when(meta, lang):
            assert expected in text, (slug, expected, text)
        timed += isinstance(meta["start"], str)
    assert timed, "the demo has events with a time"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_index_splits_upcoming_and_past_on_the_build_date(demo_site: Site, lang: str) -> None:
    today = events.build_date()  # the demo site was built today, without QUANGBA_BUILD_DATE
    metas = sources(PROJECT / "docs", lang)

    def last_day(meta: dict) -> dt.date:
        value = meta.get("end", meta["start"])
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(value[:10])

    upcoming = sorted((s for s, m in metas.items() if last_day(m) >= today), key=lambda s: str(metas[s]["start"]))
    past = sorted((s for s, m in metas.items() if last_day(m) < today), key=lambda s: last_day(metas[s]), reverse=True)
    html = BeautifulSoup(demo_site.html("events/index.md", lang).read_text(encoding="utf-8"), "html.parser")
    assert listed(html) == (upcoming, past)
    subscribe = html.select_one(".quangba-events__subscribe a")
    index_url = "http://x/" + demo_site.url("events/index.md", lang)
    assert urljoin(index_url, subscribe["href"]) == "http://x/" + ("" if lang == "vi" else f"{lang}/") + "events/calendar.ics"
    head = html.select_one('head link[rel="alternate"][type="text/calendar"]')
    assert urljoin(index_url, head["href"]) == urljoin(index_url, subscribe["href"])


def listed(html: BeautifulSoup) -> tuple[list[str], list[str]]:
    """The slugs under the two headings the calendar writes (upcoming, then past)."""
    headings = [h for h in html.select("article h3") if h.find_next_sibling()]
    assert len(headings) == 2, headings
    lists = []
    for heading in headings:
        after = heading.find_next_sibling()
        links = after.select("li a") if after.name == "ul" else []
        lists.append([a["href"].strip("/").split("/")[-1] for a in links])
    return lists[0], lists[1]


# -- a small project, built on chosen dates -------------------------------------------------------

EVENT = """---
title: {title}
description: {title}, một sự kiện thử.
start: {start}
{extra}place: Hội trường tỉnh
organiser: Sở Thông tin và Truyền thông
---

Nội dung.
"""


def add_event(docs: Path, slug: str, lang: str, start: str, extra: str = "", title: str = "") -> None:
    (docs / "events").mkdir(exist_ok=True)
    text = EVENT.format(title=title or f"{slug} ({lang})", start=start, extra=extra)
    (docs / "events" / f"{slug}.{lang}.md").write_text(text, encoding="utf-8")


def calendar_project(root: Path) -> Path:
    docs = root / "docs"
    for lang, title in (("vi", "Sự kiện"), ("en", "Events")):
        (docs / "events").mkdir(exist_ok=True)
        (docs / "events" / f"index.{lang}.md").write_text(f"---\ntitle: {title}\n---\n\n{{{{ events }}}}\n", encoding="utf-8")
    for lang in ("vi", "en"):
        add_event(docs, "2027-spring", lang, "2027-03-01", "end: 2027-03-03\n")
        add_event(docs, "2027-summer", lang, "2027-06-01 08:00", "end: 2027-06-01 11:30\n")
    add_event(docs, "2027-local", "vi", "2027-05-10")  # Vietnamese only: not in the English calendar
    return root


def build_on(project: Path, day: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(events.BUILD_DATE, day)
    result = run_quangba("build", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def index_lists(site: Path, lang: str) -> tuple[list[str], list[str]]:
    root = "" if lang == "vi" else f"{lang}/"
    return listed(BeautifulSoup((site / root / "events/index.html").read_text(encoding="utf-8"), "html.parser"))


def test_build_date_decides_upcoming_and_past(mini_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = calendar_project(mini_project)
    site = build_on(project, "2027-03-03", monkeypatch)  # the spring event's last day: still upcoming
    assert index_lists(site, "vi") == (["2027-spring", "2027-local", "2027-summer"], [])
    assert index_lists(site, "en") == (["2027-spring", "2027-summer"], [])
    stamps = {str(e["DTSTAMP"].to_ical(), "ascii") for e in read_ics(feed_file(site, "vi")).walk("VEVENT")}
    assert stamps == {"20270303T000000Z"}

    site = build_on(project, "2027-05-20", monkeypatch)
    assert index_lists(site, "vi") == (["2027-summer"], ["2027-local", "2027-spring"])
    assert index_lists(site, "en") == (["2027-summer"], ["2027-spring"])
    uids = {lang: sorted(str(e["UID"]) for e in read_ics(feed_file(site, lang)).walk("VEVENT")) for lang in ("vi", "en")}
    assert uids == {
        "vi": ["2027-local-vi@example.org", "2027-spring-vi@example.org", "2027-summer-vi@example.org"],
        "en": ["2027-spring-en@example.org", "2027-summer-en@example.org"],
    }
    assert (site / "events/2027-local.ics").is_file() and not (site / "en/events/2027-local.ics").exists()


def test_a_wrong_build_date_is_refused(mini_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calendar_project(mini_project)
    monkeypatch.setenv(events.BUILD_DATE, "2027-02-30")
    result = run_quangba("build", cwd=mini_project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert events.BUILD_DATE in output and "YYYY-MM-DD" in output


@pytest.mark.parametrize(
    ("start", "extra", "key_line", "words"),
    [
        ("8/8/2027", "", 4, "không phải ngày hợp lệ"),
        ("2027-13-01", "", 4, "'2027-13-01'"),  # YAML's own reading of a date: the front matter check
        ("2027-06-10", "end: 2027-06-08\n", 5, "trước ngày bắt đầu"),
        ("2027-06-10 09:00", "timezone: Asia/Hanoi\n", 5, "múi giờ 'Asia/Hanoi'"),
        ("2027-06-10", "end: 2027-06-11 17:00\n", 5, "cùng dạng"),
    ],
    ids=["date-as-written-in-vietnamese", "no-such-month", "end-before-start", "unknown-timezone", "date-and-time-mixed"],
)
def test_bad_front_matter_names_file_and_line(mini_project: Path, start: str, extra: str, key_line: int, words: str) -> None:
    calendar_project(mini_project)
    add_event(mini_project / "docs", "2027-broken", "en", start, extra)
    result = run_quangba("build", cwd=mini_project)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert f"docs/events/2027-broken.en.md:{key_line}" in output, output
    assert words in output, output


def test_missing_start_is_reported(mini_project: Path) -> None:
    calendar_project(mini_project)
    (mini_project / "docs/events/2027-nodate.vi.md").write_text("---\ntitle: Không ngày\nplace: X\norganiser: Y\n---\n\nNội dung.\n", encoding="utf-8")
    result = run_quangba("build", cwd=mini_project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert "docs/events/2027-nodate.vi.md" in output and "thiếu 'start'" in output, output


FEED_OF_TWO_ZONES = """
import datetime as dt, sys, icalendar
from zoneinfo import ZoneInfo
from quangba import events
items = []
for uid, zone in (("seoul", "Asia/Seoul"), ("hanoi", "Asia/Ho_Chi_Minh"), ("tokyo", "Asia/Tokyo")):
    item = icalendar.Event()
    item.add("uid", uid)
    item.add("dtstart", dt.datetime(2027, 1, 1, 8, tzinfo=ZoneInfo(zone)))
    items.append(item)
sys.stdout.buffer.write(events.ics_bytes(items, "Lịch", "vi"))
"""


def test_a_feed_is_the_same_file_whatever_the_process() -> None:
    """Time zones in a feed come in one order (icalendar adds them from a set, whose order follows
    each process's hash seed): a parallel build and a sequential one write the same calendar."""
    feeds = {
        subprocess.run([sys.executable, "-c", FEED_OF_TWO_ZONES], env={**os.environ, "PYTHONHASHSEED": str(seed)}, capture_output=True, check=True).stdout
        for seed in range(6)
    }
    assert len(feeds) == 1
    zones = [str(zone["TZID"]) for zone in icalendar.Calendar.from_ical(feeds.pop()).timezones]
    assert zones == ["Asia/Ho_Chi_Minh", "Asia/Seoul", "Asia/Tokyo"]
