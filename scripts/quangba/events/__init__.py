"""The events calendar: event pages (docs/events/<yyyy>-<slug>.<lang>.md) as data, which are still
to come on the build date, their dates as each language writes them, and their iCalendar files.

Set QUANGBA_BUILD_DATE=YYYY-MM-DD to build as on another day (tests, reproducible builds); by
default the build date is today in the province's time zone (Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from quangba.events.dates import BUILD_DATE, build_date, build_time, format_when, split
from quangba.events.ical import calendar_path, ics_bytes, ics_path, vevent, write_ics
from quangba.events.model import DEFAULT_TIMEZONE, SECTION, Event, event_from, events_of, is_event, read_event

if TYPE_CHECKING:
    from mkdocs.structure.files import Files


def upcoming(files: Files, lang: str, today: dt.date | None = None) -> list[Event]:
    """This language's events still to come on today (the build date by default), soonest first."""
    return split(events_of(files, lang), today or build_date())[0]


__all__ = [
    "BUILD_DATE",
    "DEFAULT_TIMEZONE",
    "SECTION",
    "Event",
    "build_date",
    "build_time",
    "calendar_path",
    "event_from",
    "events_of",
    "format_when",
    "ics_bytes",
    "ics_path",
    "is_event",
    "read_event",
    "split",
    "upcoming",
    "vevent",
    "write_ics",
]
