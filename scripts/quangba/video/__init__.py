"""The department's YouTube videos in a page, without YouTube until the reader asks for it.

An editor writes, on a line of its own::

    {{ video tea-harvest }}

where ``assets/video/tea-harvest.yml`` describes the video once for every language::

    youtube: https://www.youtube.com/watch?v=M7lc1UVf-VE   # or just the 11-character id
    poster: video/tea-harvest.jpg      # a local picture, relative to assets/ (default: beside this file)
    title:
      vi: Mùa hái chè Tân Cương
      en: Tea picking season in Tan Cuong
      zh: 新疆茶采摘季
      ko: 떤끄엉 차 수확철

The page shows the poster and the title in the page's language (the Vietnamese title where a
translation is missing) and a play button. Nothing is requested from YouTube until the reader
clicks: then assets/video/video.js puts the player of youtube-nocookie.com in its place. Without
JavaScript the button is a plain link to that player.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from mkdocs.utils import get_relative_url
from PIL import Image, UnidentifiedImageError

from quangba.core import yamlfile
from quangba.core.errors import Problem, QuangbaError

VIDEO_LINE = re.compile(r"^[ \t]*\{\{\s*video\s+(?P<name>[^\s}]+)\s*\}\}[ \t]*$")
LEFTOVER = re.compile(r"\{\{\s*video\b[^}]*\}\}")
FENCE = re.compile(r"^[ \t]*(?P<mark>`{3,}|~{3,})")
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
PLAYER = "https://www.youtube-nocookie.com/embed/"
FOLDER = "video"  # inside the assets folder: the sidecars, posters, video.js and video.css
STYLESHEET, SCRIPT = f"{FOLDER}/video.css", f"{FOLDER}/video.js"  # loaded by the pages that show a video
POSTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
KNOWN_KEYS = {"youtube", "poster", "title"}


@dataclass(frozen=True)
class Video:
    name: str
    youtube_id: str
    poster: str  # relative to the assets folder, e.g. "video/tea-harvest.jpg"
    poster_size: tuple[int, int]
    title: dict[str, str]

    def title_in(self, lang: str, default: str) -> tuple[str, str]:
        """The title in lang, else in the default language; and the language it is in."""
        if self.title.get(lang):
            return self.title[lang], lang
        return self.title[default], default


@dataclass(frozen=True)
class VideoContext:
    videos: dict[str, Video]
    lang: str  # the language of the page
    default: str  # the source language, for titles not translated yet
    gettext: Callable[[str], str]
    page_url: str  # the page's URL in the site (MkDocs' page.url), for relative links to assets/


def youtube_id(value: str) -> str | None:
    """The id of a YouTube address (watch?v=…, youtu.be/…, /embed/…, /shorts/…) or of a bare id."""
    value = value.strip()
    if YOUTUBE_ID.match(value):
        return value
    parts = urlsplit(value)
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    candidate = None
    if host in ("youtube.com", "youtube-nocookie.com"):
        if parts.path == "/watch":
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        elif parts.path.startswith(("/embed/", "/shorts/", "/live/")):
            candidate = parts.path.split("/")[2]
    elif host == "youtu.be":
        candidate = parts.path.strip("/")
    return candidate if candidate and YOUTUBE_ID.match(candidate) else None


def load_videos(assets_dir: Path, languages: tuple[str, ...], shown_assets: Path | None = None) -> tuple[dict[str, Video], list[Problem]]:
    """Every assets/video/*.yml; problems name the file and line. Missing folder: no videos."""
    shown_assets = shown_assets or assets_dir
    folder = assets_dir / FOLDER
    videos: dict[str, Video] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return videos, problems
    for path in sorted(folder.glob("*.yml")):
        video, found = read_video(path, assets_dir, shown_assets / FOLDER / path.name, languages)
        problems += found
        if video is not None:
            videos[video.name] = video
    return videos, problems


def read_video(path: Path, assets_dir: Path, shown: Path, languages: tuple[str, ...]) -> tuple[Video | None, list[Problem]]:
    try:
        document = yamlfile.read(path, shown)
    except QuangbaError as error:
        return None, [error.problems[0]]
    data = document.data
    if not isinstance(data, dict):
        return None, [Problem(shown, "must be 'key: value' lines (youtube:, poster:, title:)", 1)]
    problems = [Problem(shown, f"unknown key '{key}' (known: {', '.join(sorted(KNOWN_KEYS))})", document.line(key)) for key in data if key not in KNOWN_KEYS]
    found_id = youtube_id(str(data.get("youtube") or ""))
    if found_id is None:
        problems.append(
            Problem(shown, "youtube: give the video's address (https://www.youtube.com/watch?v=…) or its 11-character id", document.line("youtube") or 1)
        )
    title = data.get("title")
    default = languages[0]
    if isinstance(title, str):
        title = {default: title}
    if not isinstance(title, dict) or not isinstance(title.get(default), str) or not title[default].strip():
        problems.append(Problem(shown, f"title: give at least the title in '{default}' (title: {{{default}: …, en: …}})", document.line("title") or 1))
        title = {}
    else:
        unknown = [str(lang) for lang in title if lang not in languages]
        if unknown:
            problems.append(
                Problem(shown, f"title: '{', '.join(unknown)}' is not a language of the site ({', '.join(languages)})", document.line("title", unknown[0]))
            )
    poster = str(data.get("poster") or f"{FOLDER}/{path.stem}.jpg").lstrip("/")
    poster_path = assets_dir / poster
    size = (0, 0)
    if not poster.lower().endswith(POSTER_SUFFIXES):
        problems.append(Problem(shown, f"poster: '{poster}' must be a .jpg, .png or .webp picture", document.line("poster") or 1))
    elif not poster_path.is_file():
        problems.append(
            Problem(shown, f"poster: '{poster}' not found in the assets folder (a local picture shown before the video plays)", document.line("poster") or 1)
        )
    else:
        try:
            with Image.open(poster_path) as picture:
                size = picture.size
        except (OSError, UnidentifiedImageError):
            problems.append(Problem(shown, f"poster: '{poster}' is not a picture that can be read", document.line("poster") or 1))
    if problems:
        return None, problems
    return Video(path.stem, found_id or "", poster, size, {str(k): str(v).strip() for k, v in title.items() if v}), []


def expand(markdown: str, context: VideoContext, path: Path, first_line: int) -> tuple[str, list[Problem]]:
    """Replace each {{ video NAME }} line (outside code blocks) by the video's HTML, on that same
    line: the Markdown keeps its line count, so expanders run after this one report right lines."""
    problems: list[Problem] = []
    lines = markdown.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        opening = FENCE.match(line)
        if fence is not None:
            if opening and opening["mark"][0] == fence[0] and len(opening["mark"]) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening["mark"]
            continue
        match = VIDEO_LINE.match(line)
        if match:
            video = context.videos.get(match["name"])
            if video is None:
                near = difflib.get_close_matches(match["name"], context.videos, n=1)
                hint = f" (did you mean '{near[0]}'?)" if near else f" (add assets/{FOLDER}/{match['name']}.yml)"
                problems.append(Problem(path, f"unknown video '{match['name']}'{hint}", first_line + index))
                continue
            lines[index] = video_html(video, context)  # one line: later line numbers stay right
        elif leftover := LEFTOVER.search(line):
            problems.append(Problem(path, f"cannot read '{leftover[0]}': write {{{{ video NAME }}}} alone on its line", first_line + index))
    return "\n".join(lines), problems


def has_video(html: str) -> bool:
    """Whether expanded Markdown shows a video: its page then loads ASSETS (in its <head>)."""
    return 'class="quangba-video"' in html


def video_html(video: Video, context: VideoContext) -> str:
    _ = context.gettext
    play, note = _("Play the video"), _("Loads from YouTube (youtube-nocookie.com) only when you click.")
    title, title_lang = video.title_in(context.lang, context.default)
    lang_attribute = f' lang="{title_lang}"' if title_lang != context.lang else ""

    def asset(relative: str) -> str:
        return html.escape(get_relative_url(f"assets/{relative}", context.page_url))

    width, height = video.poster_size
    return (  # a block of raw HTML on the shorthand's own line (Markdown needs no blank lines around it)
        f'<figure class="quangba-video">'
        f'<a class="quangba-video__start" href="{PLAYER}{video.youtube_id}?autoplay=1" data-quangba-video="{video.youtube_id}" '
        f'data-quangba-title="{html.escape(title)}" aria-label="{html.escape(play)}: {html.escape(title)}">'
        f'<img class="quangba-video__poster" src="{asset(video.poster)}" alt="" width="{width}" height="{height}" loading="lazy" decoding="async">'
        f'<span class="quangba-video__play" aria-hidden="true"><span class="quangba-video__label">{html.escape(play)}</span></span></a>'
        f'<figcaption><span class="quangba-video__title"{lang_attribute}>{html.escape(title)}</span> '
        f'<span class="quangba-video__note">{html.escape(note)}</span></figcaption>'
        "</figure>"
    )
