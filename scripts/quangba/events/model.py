"""An event page: docs/events/<yyyy>-<slug>.<lang>.md, its front matter read and checked.

The dates are checked strictly (an event with a wrong date in a calendar is worse than none):
every problem names the file and the line of its key, in Vietnamese, for the editor to fix.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from quangba.core import frontmatter
from quangba.core.errors import Problem, QuangbaError

if TYPE_CHECKING:
    from mkdocs.structure.files import Files

SECTION = "events"
DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"  # the province's time zone
EVENT_NAME = re.compile(r"^(?P<slug>\d{4}-[a-z0-9][a-z0-9-]*)(?:\.(?P<lang>[A-Za-z_-]+))?\.md$")
DATE_FORMS = "YYYY-MM-DD (ví dụ 2027-08-08) hoặc YYYY-MM-DD HH:MM (ví dụ 2027-08-08 08:00)"
REQUIRED = ("title", "description", "start", "place", "organiser")

When = dt.date | dt.datetime


@dataclass(frozen=True)
class Event:
    title: str
    description: str
    start: When  # a datetime is aware, in `timezone`
    end: When | None
    timezone: str
    place: str
    address: str
    organiser: str
    link: str
    image: str  # "" or "assets/images/<file>" (relative to the docs)
    src_uri: str  # events/2027-asean-60.vi.md
    lang: str
    url: str = ""  # site-relative page URL (events_of fills it in)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def slug(self) -> str:
        match = EVENT_NAME.match(PurePosixPath(self.src_uri).name)
        return match["slug"] if match else PurePosixPath(self.src_uri).stem.split(".")[0]

    @property
    def first_day(self) -> dt.date:
        return day_of(self.start)

    @property
    def last_day(self) -> dt.date:
        return day_of(self.end) if self.end is not None else self.first_day

    @property
    def start_iso(self) -> str:
        return self.start.isoformat()

    @property
    def end_iso(self) -> str:
        return self.end.isoformat() if self.end is not None else ""

    def uid(self, site_url: str = "") -> str:
        """Stable per event and language: the same event keeps its UID from build to build."""
        host = urlsplit(site_url).hostname or "quangba"
        return f"{self.slug}-{self.lang}@{host}"


def day_of(value: When) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def is_event(src_uri: str) -> bool:
    """events/<4 digits>-<slug>[.<lang>].md (the index and other pages of the section are not)."""
    path = PurePosixPath(src_uri)
    return path.parent.as_posix() == SECTION and EVENT_NAME.match(path.name) is not None


def read_event(path: Path, src_uri: str, lang: str, shown_as: Path | None = None, images_dir: Path | None = None) -> Event | None:
    """The event of a page (None when src_uri is not an event page); QuangbaError listing every
    problem of its front matter. images_dir, when given, is where `image` must exist."""
    if not is_event(src_uri):
        return None
    shown = shown_as or path
    page = frontmatter.read(path, shown)
    return event_from(page, src_uri, lang, shown, images_dir)


def event_from(page: frontmatter.Page, src_uri: str, lang: str, shown: Path, images_dir: Path | None = None) -> Event:
    meta = page.meta
    problems: list[Problem] = []

    def fail(key: str, message: str) -> None:
        problems.append(Problem(shown, message, page.line_of(key)))

    for key in REQUIRED:
        value = meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            fail(key, f"thiếu '{key}': sự kiện cần {LABELS[key]}")

    zone_name = str(meta.get("timezone") or DEFAULT_TIMEZONE).strip()
    zone: ZoneInfo | None
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        zone = None
        fail("timezone", f"múi giờ '{zone_name}' không có trong cơ sở dữ liệu IANA; ghi tên như Asia/Ho_Chi_Minh, Asia/Seoul")

    start = when(meta.get("start"), "start", zone, fail)
    end = when(meta.get("end"), "end", zone, fail) if meta.get("end") is not None else None
    if start is not None and end is not None:
        if isinstance(start, dt.datetime) != isinstance(end, dt.datetime):
            fail("end", "'start' và 'end' phải cùng dạng: cả hai cùng có giờ, hoặc cả hai chỉ có ngày")
        elif end < start:  # same kind, checked above
            fail("end", f"ngày kết thúc ({end.isoformat()}) trước ngày bắt đầu ({start.isoformat()}); sửa 'end' hoặc 'start'")

    link = text(meta.get("link"))
    if link and urlsplit(link).scheme not in ("http", "https"):
        fail("link", f"'link' phải là địa chỉ web đầy đủ, bắt đầu bằng https:// (đang là '{link}')")
    image = text(meta.get("image"))
    if image:
        name = PurePosixPath(image).name
        image = f"assets/images/{name}"
        if images_dir is not None and not (images_dir / name).is_file():
            fail("image", f"không có ảnh '{name}' trong assets/images; chọn một tệp có sẵn ở đó")

    if problems or start is None:
        raise QuangbaError(problems or [Problem(shown, "thiếu 'start'", 1)])
    return Event(
        title=text(meta.get("title")),
        description=text(meta.get("description")),
        start=start,
        end=end,
        timezone=zone_name,
        place=text(meta.get("place")),
        address=text(meta.get("address")),
        organiser=text(meta.get("organiser")),
        link=link,
        image=image,
        src_uri=src_uri,
        lang=lang,
    )


LABELS = {
    "title": "tên sự kiện",
    "description": "một câu giới thiệu",
    "start": f"ngày bắt đầu, dạng {DATE_FORMS}",
    "place": "địa điểm tổ chức",
    "organiser": "đơn vị tổ chức",
}


def text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def when(value: Any, key: str, zone: ZoneInfo | None, fail: Any) -> When | None:
    """A date, or a local date and time made aware in zone; None (and a problem) otherwise."""
    if value is None:
        return None
    parsed: When | None = None
    if isinstance(value, dt.date):  # a datetime is a date too
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = dt.date.fromisoformat(value.strip()) if len(value.strip()) == 10 else dt.datetime.fromisoformat(value.strip())
        except ValueError:
            parsed = None
    if parsed is None:
        fail(key, f"'{key}' không phải ngày hợp lệ: '{value}'; ghi dạng {DATE_FORMS}")
        return None
    if isinstance(parsed, dt.datetime):
        if parsed.tzinfo is not None:
            fail(key, f"'{key}' ghi giờ địa phương, không kèm độ lệch múi giờ; múi giờ ghi ở khóa 'timezone'")
            return None
        return parsed.replace(tzinfo=zone) if zone is not None else parsed
    return parsed


def events_of(files: Files, lang: str, images_dir: Path | None = None, shown: Any = None) -> list[Event]:
    """This language's events, soonest first: only the pages that exist in lang (a Vietnamese-only
    event is not in the English calendar). shown(path) names files in problems."""
    found: list[Event] = []
    problems: list[Problem] = []
    for file in files.documentation_pages():
        if getattr(file, "locale", lang) != lang or not is_event(file.src_uri):
            continue
        source = Path(file.abs_src_path or "")
        try:
            event = read_event(source, file.src_uri, lang, shown(source) if shown else None, images_dir)
        except QuangbaError as error:
            problems += error.problems
            continue
        if event is not None:
            found.append(with_url(event, file.url))
    if problems:
        raise QuangbaError(problems)
    return sorted(found, key=lambda e: (e.first_day, e.start_iso, e.title))


def with_url(event: Event, url: str) -> Event:
    from dataclasses import replace

    return replace(event, url=url)
