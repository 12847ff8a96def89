"""The events calendar: {{ events }} on the events index becomes the upcoming events and the
archive of past ones (split on the build date, quangba.events.build_date), each event page gets
its details (when, where, organiser, link) and an "Add to calendar" file, and each language gets
its iCalendar feed at <language root>events/calendar.ics.

An event belongs to a language only where its file exists in that language, as news items do.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from quangba import events
from quangba.core.errors import QuangbaError
from quangba.core.text import markdown_text
from quangba.site.features import Feature
from quangba.site.state import SiteState

EVENT_LIST = "{{ events }}"  # what an editor writes on the events index page
SEPARATOR = {"zh": "，", "ko": " · "}  # between an event's title and its place


def list_markdown(items: list[events.Event], index_src_uri: str, lang: str, gettext: Callable[[str], str], label_lang: str) -> str:
    """Markdown list items: the dates, the linked title and the place."""
    here = PurePosixPath(index_src_uri).parent
    lines = []
    for event in items:
        link = PurePosixPath(event.src_uri).with_name(f"{event.slug}.md")  # i18n resolves it to the language
        target = link.relative_to(here) if link.is_relative_to(here) else link
        place = f"{SEPARATOR.get(label_lang[:2], ' · ')}{markdown_text(event.place)}" if event.place else ""
        when = markdown_text(events.format_when(event, lang))
        lines.append(f"- **{when}** – [{markdown_text(event.title)}](<{target.as_posix()}>){place}")
    return "\n".join(lines)


def index_markdown(upcoming: list[events.Event], past: list[events.Event], index_src_uri: str, lang: str, gettext: Callable[[str], str], feed_url: str) -> str:
    """What replaces {{ events }}: the upcoming events, the past ones, and the feed to subscribe to."""
    upcoming_title, past_title = gettext("Upcoming events"), gettext("Past events")
    none_upcoming, none_past = gettext("No upcoming events at the moment."), gettext("No past events yet.")
    subscribe = gettext("Subscribe to the calendar")
    subscribe_hint = gettext("Add this address to your calendar app to receive new events as they are announced.")
    parts = [f"### {markdown_text(upcoming_title)}", ""]
    parts.append(list_markdown(upcoming, index_src_uri, lang, gettext, lang) if upcoming else markdown_text(none_upcoming))
    parts += ["", f"### {markdown_text(past_title)}", ""]
    parts.append(list_markdown(past, index_src_uri, lang, gettext, lang) if past else markdown_text(none_past))
    parts += [
        "",
        f'<p class="quangba-events__subscribe"><a href="{html.escape(feed_url)}" type="text/calendar">{html.escape(subscribe)}</a> (iCalendar, .ics). '
        f"{html.escape(subscribe_hint)}</p>",
        "",
    ]
    return "\n".join(parts)


def image_markdown(event: events.Event, page_src_uri: str, lang: str, images_dir: Path) -> str:
    """The event's picture, with the alt text of its sidecar (the Images feature makes it responsive)."""
    if not event.image:
        return ""
    name = PurePosixPath(event.image).name
    sidecar = images_dir / f"{PurePosixPath(name).stem}.yml"
    alt = ""
    if sidecar.is_file():
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
        texts = data.get("alt") or {}
        alt = str(texts.get(lang) or texts.get(lang[:2]) or next(iter(texts.values()), ""))
    target = posixpath.relpath(event.image, PurePosixPath(page_src_uri).parent.as_posix())
    return f"![{markdown_text(alt)}](<{target}>)\n\n"


def details_html(event: events.Event, lang: str, gettext: Callable[[str], str], ics_url: str) -> str:
    """The event's details at the top of its page, and its own .ics to download."""
    when_label, where_label, organiser_label = gettext("When"), gettext("Where"), gettext("Organiser")
    more_label, add_label = gettext("More information"), gettext("Add to calendar")
    where = html.escape(event.place) + (f"<br>{html.escape(event.address)}" if event.address else "")
    when = events.format_when(event, lang)
    rows = [
        f'<dt><strong>{html.escape(when_label)}</strong></dt><dd><time datetime="{html.escape(event.start_iso)}">{html.escape(when)}</time></dd>',
        f"<dt><strong>{html.escape(where_label)}</strong></dt><dd>{where}</dd>",
        f"<dt><strong>{html.escape(organiser_label)}</strong></dt><dd>{html.escape(event.organiser)}</dd>",
    ]
    if event.link:
        shown = urlsplit(event.link).hostname or event.link
        rows.append(f'<dt><strong>{html.escape(more_label)}</strong></dt><dd><a href="{html.escape(event.link)}">{html.escape(shown)}</a></dd>')
    title = gettext("Event details")
    return (
        f'\n<div class="admonition info quangba-event">\n<p class="admonition-title">{html.escape(title)}</p>\n<dl>\n'
        + "\n".join(rows)
        + "\n</dl>\n"
        + f'<p class="quangba-event__ics"><a href="{html.escape(ics_url)}" download type="text/calendar">{html.escape(add_label)}</a> (.ics)</p>\n</div>\n\n'
    )


class Events(Feature):
    def __init__(self, state: SiteState) -> None:
        super().__init__(state)
        self.by_lang: dict[str, list[events.Event]] = {}

    def of_language(self, files: Files, lang: str) -> list[events.Event]:
        """lang's events, read and checked once per build of the language."""
        if lang not in self.by_lang:
            project = self.state.project
            self.by_lang[lang] = events.events_of(files, lang, project.assets_dir / "images", project.shown)
        return self.by_lang[lang]

    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        """Every event page of every language checked before any page is built (the i18n plugin
        sorts the files by language after this: the lists are made later, per page)."""
        self.by_lang.clear()  # a new build (mkdocs serve): read the pages again
        project, problems = self.state.project, []
        for file in files.documentation_pages():
            if events.is_event(file.src_uri):
                source = Path(file.abs_src_path or "")
                suffixes = PurePosixPath(file.src_uri).suffixes
                lang = suffixes[-2].lstrip(".") if len(suffixes) >= 2 else self.state.languages.default
                try:
                    events.read_event(source, file.src_uri, lang, project.shown(source), project.assets_dir / "images")
                except QuangbaError as error:
                    problems += error.problems
        self.state.raise_if(problems)

    def event_of(self, page: Page, files: Files) -> events.Event | None:
        if not events.is_event(page.file.src_uri):
            return None
        lang = getattr(page.file, "locale", None) or self.state.lang
        if lang == self.state.lang:
            return next((e for e in self.of_language(files, lang) if e.src_uri == page.file.src_uri), None)
        project = self.state.project  # a page shown in its default language (no translation)
        source = Path(page.file.abs_src_path or "")
        return events.read_event(source, page.file.src_uri, lang, project.shown(source), project.assets_dir / "images")

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        default = self.state.languages.default
        event = self.event_of(page, files)
        if event is not None:
            page.meta["quangba_event"] = event
            ics = get_relative_url(events.ics_path(event, default), page.url)
            picture = image_markdown(event, page.file.src_uri, event.lang, self.state.project.assets_dir / "images")
            return details_html(event, self.state.lang, self.state.gettext, ics) + picture + markdown
        if EVENT_LIST not in markdown:
            return None
        upcoming, past = events.split(self.of_language(files, self.state.lang), events.build_date())
        feed = get_relative_url(events.calendar_path(self.state.lang, default), page.url)
        return markdown.replace(EVENT_LIST, index_markdown(upcoming, past, page.file.src_uri, self.state.lang, self.state.gettext, feed))

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: object) -> None:
        default = self.state.languages.default
        context["quangba_calendar_url"] = get_relative_url(events.calendar_path(self.state.lang, default), page.url)
        event = page.meta.get("quangba_event")
        if isinstance(event, events.Event):
            context["quangba_event_ics_url"] = get_relative_url(events.ics_path(event, default), page.url)

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.state.files is not None
        lang, default = self.state.lang, self.state.languages.default
        site_url = (config.site_url or "").rstrip("/") + "/"
        site_dir = Path(config.site_dir)
        events_word, more = self.state.gettext("Events"), self.state.gettext("More information")
        name = f"{config.site_name} – {events_word}"
        contact = site_url + self.state.language_root() + "contact/"
        items = []
        for event in self.of_language(self.state.files, lang):
            item = events.vevent(event, site_url=site_url, stamp=events.build_date(), page_url=site_url + event.url, organiser_url=contact, more=more)
            events.write_ics(site_dir / events.ics_path(event, default), [item], f"{name}: {event.title}", lang)
            items.append(item)
        events.write_ics(site_dir / events.calendar_path(lang, default), items, name, lang)
