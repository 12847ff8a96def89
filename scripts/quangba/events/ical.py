"""iCalendar files (RFC 5545) written with the icalendar package: one feed per language and one
file per event, the same VEVENT in both, so a subscriber and a one-off download agree."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar

from quangba.core.files import write_bytes
from quangba.events.model import DEFAULT_TIMEZONE, SECTION, Event

PRODID = "-//quangba//events//EN"


def calendar_path(lang: str, default_lang: str) -> str:
    """Site-relative path of a language's feed: events/calendar.ics, en/events/calendar.ics …"""
    root = "" if lang == default_lang else f"{lang}/"
    return f"{root}{SECTION}/calendar.ics"


def ics_path(event: Event, default_lang: str) -> str:
    """Site-relative path of an event's own file, beside its page: events/2027-asean-60.ics …"""
    root = "" if event.lang == default_lang else f"{event.lang}/"
    return f"{root}{SECTION}/{event.slug}.ics"


def vevent(event: Event, *, site_url: str, stamp: dt.date, page_url: str, organiser_url: str, more: str) -> icalendar.Event:
    """The VEVENT: the times in the event's own time zone (TZID) or whole days (VALUE=DATE)."""
    item = icalendar.Event()
    item.add("uid", event.uid(site_url))
    item.add("dtstamp", dt.datetime.combine(stamp, dt.time(), dt.UTC))
    item.add("summary", event.title)
    item.add("dtstart", event.start)
    if event.all_day:  # DTEND of whole days is the day after the last one (RFC 5545 3.6.1)
        item.add("dtend", event.last_day + dt.timedelta(days=1))
    elif event.end is not None:
        item.add("dtend", event.end)
    item.add("location", ", ".join(part for part in (event.place, event.address) if part))
    organiser = icalendar.vCalAddress(organiser_url)
    organiser.params["CN"] = event.organiser
    item.add("organizer", organiser)
    item.add("url", page_url)
    lines = [event.description, "", page_url]
    if event.link:
        lines.append(f"{more}: {event.link}")
    item.add("description", "\n".join(lines).strip())
    item.add("transp", "TRANSPARENT")
    return item


def calendar(name: str, lang: str) -> icalendar.Calendar:
    feed = icalendar.Calendar()
    feed.add("prodid", PRODID)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", DEFAULT_TIMEZONE)  # the province's: for clients that show floating times
    feed.add("name", name)
    feed.add("x-quangba-language", lang)
    return feed


def ics_bytes(items: list[icalendar.Event], name: str, lang: str) -> bytes:
    feed = calendar(name, lang)
    for item in items:
        feed.add_component(item)
    feed.add_missing_timezones()  # a VTIMEZONE for each TZID used, from the zoneinfo database
    # icalendar adds them in the order of a set (it changes with each process's hash seed):
    # sorted by TZID, the same feed is the same file in every build.
    zones = sorted(feed.timezones, key=lambda zone: str(zone["TZID"]))
    feed.subcomponents = [*zones, *(part for part in feed.subcomponents if part.name != "VTIMEZONE")]
    return feed.to_ical()


def write_ics(path: Path, items: list[icalendar.Event], name: str, lang: str) -> None:
    write_bytes(path, ics_bytes(items, name, lang))
