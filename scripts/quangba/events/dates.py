"""When: the build date (which events are still to come) and dates written as each language writes them."""

from __future__ import annotations

import datetime as dt
import os
import re
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_interval, format_time, get_timezone_gmt

from quangba.core.errors import UNUSABLE, QuangbaError
from quangba.events.model import DEFAULT_TIMEZONE, Event
from quangba.facts import locale_for

BUILD_DATE = "QUANGBA_BUILD_DATE"  # YYYY-MM-DD: build as on that day (tests, reproducible builds)


def build_date() -> dt.date:
    """QUANGBA_BUILD_DATE when set, else today in the province's time zone."""
    value = os.environ.get(BUILD_DATE, "").strip()
    if not value:
        return dt.datetime.now(ZoneInfo(DEFAULT_TIMEZONE)).date()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise QuangbaError([f"{BUILD_DATE}='{value}' không phải ngày hợp lệ; ghi dạng YYYY-MM-DD, ví dụ 2027-01-15"], UNUSABLE) from None


def build_time() -> dt.datetime:
    """The build's moment, aware: now in the province, or 00:00 there of QUANGBA_BUILD_DATE when set
    (what publish_at and expires_at are compared with)."""
    if os.environ.get(BUILD_DATE, "").strip():
        return dt.datetime.combine(build_date(), dt.time(0), ZoneInfo(DEFAULT_TIMEZONE))
    return dt.datetime.now(ZoneInfo(DEFAULT_TIMEZONE))


def split(events: list[Event], today: dt.date) -> tuple[list[Event], list[Event]]:
    """(upcoming, soonest first; past, most recent first): an event is upcoming until its last day is over."""
    upcoming = [e for e in events if e.last_day >= today]
    past = [e for e in events if e.last_day < today]
    upcoming.sort(key=lambda e: (e.first_day, e.start_iso, e.title))
    past.sort(key=lambda e: (e.last_day, e.start_iso, e.title), reverse=True)
    return upcoming, past


DAY = "yMMMd"  # CLDR's day-month-year skeleton; its month is written in full (wide) below
ABBREVIATED_MONTH = re.compile(r"(?<!M)MMM(?!M)")


def wide(pattern: str) -> str:
    """'d MMM, y' -> 'd MMMM, y': '8 tháng 8, 2027', 'August 8, 2027' (CLDR has no interval
    formats with the wide month, so Babel's yMMMd ones are widened)."""
    return ABBREVIATED_MONTH.sub("MMMM", pattern)


def day(value: dt.date, lang: str) -> str:
    """One day as the language writes it: 8 tháng 8, 2027 / August 8, 2027 / 2027年8月8日."""
    locale = locale_for(lang)
    return format_date(value, wide(locale.datetime_skeletons[DAY].pattern), locale=locale)


def days(first: dt.date, last: dt.date, lang: str) -> str:
    """A range of days with CLDR's interval patterns: 8 – 10 tháng 8, 2027 / August 8 – 10, 2027 /
    2027年8月8日至10日 / 2027년 8월 8일~10일."""
    if first == last:
        return day(first, lang)
    locale = locale_for(lang)
    greatest = "y" if first.year != last.year else "M" if first.month != last.month else "d"
    patterns = locale.interval_formats.get(DAY, {}).get(greatest)
    if not patterns or len(patterns) != 2:  # a locale without it: Babel's own fallback
        return format_interval(first, last, DAY, locale=locale)
    return format_date(first, wide(patterns[0]), locale=locale) + format_date(last, wide(patterns[1]), locale=locale)


def time_skeleton(lang: str) -> str:
    """'hm' where the language writes a 12-hour clock (en, ko), 'Hm' where it writes 24 hours (vi, zh)."""
    pattern = locale_for(lang).time_formats["short"].pattern
    return "hm" if "h" in pattern else "Hm"


DAY_PERIOD = re.compile(r"(?<!a)a(?!a)")
DATE_TIME = {"vi": "{time}, {day}", "zh": "{day} {time}", "ko": "{day} {time}"}  # others: "{day}, {time}"


def clock(pattern: str, lang: str) -> str:
    """The day period written in full where the language has a wide form: 오전 8:00, not AM 8:00."""
    wide_am = locale_for(lang).day_periods.get("format", {}).get("wide", {}).get("am")
    return DAY_PERIOD.sub("aaaa", pattern) if wide_am and lang.startswith("ko") else pattern


def time(value: dt.datetime, lang: str) -> str:
    locale = locale_for(lang)
    return format_time(value, clock(locale.time_formats["short"].pattern, lang), locale=locale)


def times(start: dt.datetime, end: dt.datetime, lang: str) -> str:
    """08:00–11:30 / 8:00 – 11:30 AM / 오전 8:00~11:30, with CLDR's interval patterns."""
    locale = locale_for(lang)
    skeleton = time_skeleton(lang)
    hour = "h" if skeleton == "hm" else "H"
    if (start.hour, start.minute) == (end.hour, end.minute):
        return time(start, lang)
    greatest = "a" if skeleton == "hm" and (start.hour < 12) != (end.hour < 12) else hour if start.hour != end.hour else "m"
    patterns = locale.interval_formats.get(skeleton, {}).get(greatest)
    if not patterns or len(patterns) != 2:
        return format_interval(start, end, skeleton, locale=locale)
    return format_time(start, clock(patterns[0], lang), locale=locale) + format_time(end, clock(patterns[1], lang), locale=locale)


def format_when(event: Event, lang: str) -> str:
    """8 – 10 tháng 8, 2027 / August 8 – 10, 2027 / 2027年8月8日至10日; with the times and the
    GMT offset of the event's time zone when it has a time (datetimes are in that zone)."""
    start, end = event.start, event.end
    if not isinstance(start, dt.datetime):
        return days(event.first_day, event.last_day, lang)
    joined = DATE_TIME.get(lang[:2], "{day}, {time}")
    offset = get_timezone_gmt(start, "long", locale=locale_for(lang))
    first = joined.format(day=day(start.date(), lang), time=time(start, lang))
    if end is None or not isinstance(end, dt.datetime):
        return f"{first} ({offset})"
    if end.date() == start.date():
        return f"{joined.format(day=day(start.date(), lang), time=times(start, end, lang))} ({offset})"
    last = joined.format(day=day(end.date(), lang), time=time(end, lang))
    return f"{first} – {last} ({offset})"
