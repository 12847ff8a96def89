"""When a page is published: `draft:`, `publish_at:`, `expires_at:` and a news item's `date:`.

A page is held out of the site (its file, the menus, lists, feeds, sitemap, search) while it is a
draft, before its publish_at (or, for a news item, its date), and from its expires_at on. A date
means 00:00 of that day and a time without zone is the province's time (Asia/Ho_Chi_Minh); "now"
is the build time (quangba.events.build_time, which QUANGBA_BUILD_DATE overrides).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from quangba.core.errors import Problem
from quangba.core.frontmatter import Page

PROVINCE_TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
MOMENT_KEYS = ("publish_at", "expires_at")
DRAFT, SCHEDULED, EXPIRED = "draft", "scheduled", "expired"


@dataclass(frozen=True)
class Hold:
    """Why a page is not published now, and until (scheduled) or since (expired) when."""

    reason: str  # DRAFT, SCHEDULED or EXPIRED
    when: dt.datetime | None = None

    def describe(self) -> str:
        """In Vietnamese, for the build's summary and the editors' status page."""
        if self.reason == DRAFT:
            return "bản nháp (draft: true)"
        shown = shown_moment(self.when)
        return f"lên lịch xuất bản từ {shown}" if self.reason == SCHEDULED else f"đã hết hạn từ {shown}"


def shown_moment(when: dt.datetime | None) -> str:
    if when is None:
        return ""
    local = when.astimezone(PROVINCE_TIMEZONE)
    return local.date().isoformat() if local.time() == dt.time(0) else local.strftime("%Y-%m-%d %H:%M")


def moment(value: Any) -> dt.datetime | None:
    """A date, datetime or ISO text ('2027-03-01 08:00') as an aware datetime; None if it is none."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=PROVINCE_TIMEZONE)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(0), PROVINCE_TIMEZONE)
    return None


def problems(page: Page) -> list[Problem]:
    """Wrong values of draft, publish_at and expires_at, each at its line, in Vietnamese."""
    found = []
    if "draft" in page.meta and not isinstance(page.meta["draft"], bool):
        found.append(
            Problem(
                page.path,
                f"draft: '{page.meta['draft']}' không hợp lệ: ghi draft: true (bản nháp) hoặc draft: false, không có ngoặc kép",
                page.line_of("draft"),
            )
        )
    for key in MOMENT_KEYS:
        if key in page.meta and moment(page.meta[key]) is None:
            found.append(
                Problem(
                    page.path,
                    f"{key}: '{page.meta[key]}' không phải ngày giờ hợp lệ: ghi dạng YYYY-MM-DD hoặc YYYY-MM-DD HH:MM (giờ Việt Nam), ví dụ {key}: 2027-03-01 08:00",
                    page.line_of(key),
                )
            )
    return found


def hold(meta: dict[str, Any], now: dt.datetime, news: bool = False) -> Hold | None:
    """Why the page with this front matter is not published at now, or None when it is."""
    if meta.get("draft") is True:
        return Hold(DRAFT)
    starts = moment(meta.get("publish_at"))
    if starts is None and news:
        starts = moment(meta.get("date"))
    if starts is not None and starts > now:
        return Hold(SCHEDULED, starts)
    ends = moment(meta.get("expires_at"))
    if ends is not None and ends <= now:
        return Hold(EXPIRED, ends)
    return None
