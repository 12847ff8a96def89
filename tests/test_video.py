"""The video shorthand ({{ video NAME }}): sidecars, expansion, a real site built through the
quangba plugin, and Chromium through nginx proving that nothing is asked of YouTube before the
reader clicks.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from textwrap import dedent

import pytest
from click.testing import CliRunner
from PIL import Image
from playwright.sync_api import Browser, Request, Route

from conftest import PROJECT, run_quangba
from quangba import video
from quangba.publish.cli import publish as publish_command
from test_browser import CHROMIUM_ARGS
from test_nginx_server import Nginx, chromium, free_port, start_nginx

YOUTUBE_ID = "M7lc1UVf-VE"
SIDECAR = dedent(
    f"""\
    # The department's video about the tea harvest.
    youtube: https://www.youtube.com/watch?v={YOUTUBE_ID}
    title:
      vi: Mùa hái chè Tân Cương
      en: Tea picking season in Tan Cuong
    """
)
# The interface strings, as the catalogs (scripts/quangba/interface/locales) give them.
LABELS = {
    "vi": {
        "Play the video": "Xem video",
        "Loads from YouTube (youtube-nocookie.com) only when you click.": "Video chỉ được tải từ YouTube (youtube-nocookie.com) khi bạn bấm xem.",
    },
    "en": {},
}
CONFIG = dedent(
    f"""\
    site_name: Video
    site_url: https://example.org/
    strict: true
    theme:
      name: material
      custom_dir: {PROJECT / "overrides"}
      font: false
    plugins:
      - quangba:
          publish:
            - video/*.js
            - video/*.css
            - video/*.jpg
      - i18n:
          docs_structure: suffix
          languages:
            - locale: vi
              name: Tiếng Việt
              default: true
            - locale: en
              name: English
    """
)


def make_project(root: Path, pages: dict[str, str] | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    assets = root / "assets" / "video"
    assets.mkdir(parents=True)
    for name in ("video.js", "video.css"):
        shutil.copy(PROJECT / "assets" / "video" / name, assets / name)
    (assets / "tea-harvest.yml").write_text(SIDECAR, encoding="utf-8")
    Image.new("RGB", (640, 360), (40, 120, 60)).save(assets / "tea-harvest.jpg", quality=80)
    docs = root / "docs"
    (docs / "tourism").mkdir(parents=True)
    pages = pages or {
        "index.vi.md": "---\ntitle: Trang chủ\n---\n\nXem [chè](tourism/tea.md).\n",
        "index.en.md": "---\ntitle: Home\n---\n\nSee [tea](tourism/tea.md).\n",
        "tourism/tea.vi.md": "---\ntitle: Chè\n---\n\nMùa chè.\n\n{{ video tea-harvest }}\n\nHết.\n",
        "tourism/tea.en.md": "---\ntitle: Tea\n---\n\nTea season.\n\n{{ video tea-harvest }}\n\nThe end.\n",
    }
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    return root


def context_for(lang: str, videos: dict[str, video.Video], page_url: str = "tourism/tea/") -> video.VideoContext:
    return video.VideoContext(videos, lang, "vi", lambda text: LABELS[lang].get(text, text), page_url)


@pytest.fixture
def library(tmp_path: Path) -> dict[str, video.Video]:
    make_project(tmp_path)
    videos, problems = video.load_videos(tmp_path / "assets", ("vi", "en"))
    assert problems == []
    return videos


# -- the sidecars -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (YOUTUBE_ID, YOUTUBE_ID),
        (f"https://www.youtube.com/watch?v={YOUTUBE_ID}&t=42s", YOUTUBE_ID),
        (f"https://youtu.be/{YOUTUBE_ID}?si=abc", YOUTUBE_ID),
        (f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}", YOUTUBE_ID),
        (f"https://m.youtube.com/shorts/{YOUTUBE_ID}", YOUTUBE_ID),
        ("https://vimeo.com/123456", None),
        ("M7lc1UVf", None),
        (f"https://www.youtube.com/watch?v={YOUTUBE_ID}x", None),
    ],
)
def test_youtube_addresses(value: str, expected: str | None) -> None:
    assert video.youtube_id(value) == expected


def test_sidecar_is_read(library: dict[str, video.Video]) -> None:
    tea = library["tea-harvest"]
    assert tea.youtube_id == YOUTUBE_ID and tea.poster == "video/tea-harvest.jpg" and tea.poster_size == (640, 360)
    assert tea.title_in("en", "vi") == ("Tea picking season in Tan Cuong", "en")
    assert tea.title_in("zh", "vi") == ("Mùa hái chè Tân Cương", "vi")


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("youtube: https://vimeo.com/1\ntitle: {vi: A}\n", "youtube: give the video's address", 1),
        (f"youtube: {YOUTUBE_ID}\n", "title: give at least the title in 'vi'", 1),
        (f"youtube: {YOUTUBE_ID}\ntitle:\n  vi: A\n  jp: B\n", "title: 'jp' is not a language of the site (vi, en)", 4),
        (f"youtube: {YOUTUBE_ID}\ntitle: {{vi: A}}\nposter: video/missing.jpg\n", "poster: 'video/missing.jpg' not found in the assets folder", 3),
        (f"youtube: {YOUTUBE_ID}\ntitle: {{vi: A}}\nposter: video/clip.mp4\n", "must be a .jpg, .png or .webp picture", 3),
        (f"youtube: {YOUTUBE_ID}\ntitle: {{vi: A}}\nduration: 3\n", "unknown key 'duration'", 3),
        (f"youtube: {YOUTUBE_ID}\ntitle: [vi: A\n", "not valid YAML", 2),  # the line where the unclosed bracket opens
    ],
)
def test_bad_sidecars_name_file_and_line(tmp_path: Path, text: str, message: str, line: int) -> None:
    make_project(tmp_path)
    (tmp_path / "assets/video/tea-harvest.yml").write_text(text, encoding="utf-8")
    videos, problems = video.load_videos(tmp_path / "assets", ("vi", "en"), Path("assets"))
    assert videos == {}
    assert any(message in p.message for p in problems), problems
    found = next(p for p in problems if message in p.message)
    assert found.path == Path("assets/video/tea-harvest.yml") and found.line == line


# -- the shorthand ------------------------------------------------------------------------------


def test_expands_in_the_page_language(library: dict[str, video.Video]) -> None:
    markdown = "Intro.\n\n{{ video tea-harvest }}\n\nMore.\n\n  {{video   tea-harvest}}  \n"
    expanded, problems = video.expand(markdown, context_for("vi", library, "tourism/tea/"), Path("docs/tourism/tea.vi.md"), 5)
    assert problems == []
    assert expanded.count('<figure class="quangba-video">') == 2
    assert "<script" not in expanded and "<link" not in expanded  # the player's script goes in the <head>
    assert video.has_video(expanded)
    assert 'src="../../assets/video/tea-harvest.jpg"' in expanded and 'width="640" height="360"' in expanded
    assert f'href="https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}?autoplay=1"' in expanded
    assert '<span class="quangba-video__title">Mùa hái chè Tân Cương</span>' in expanded
    assert 'aria-label="Xem video: Mùa hái chè Tân Cương"' in expanded
    assert "Video chỉ được tải từ YouTube" in expanded
    assert "<iframe" not in expanded  # the player comes only after a click
    assert expanded.count("\n") == markdown.count("\n")  # line numbers of what follows stay right
    english, _ = video.expand(markdown, context_for("en", library, "en/tourism/tea/"), Path("docs/tourism/tea.en.md"), 5)
    assert 'src="../../../assets/video/tea-harvest.jpg"' in english
    assert "Tea picking season in Tan Cuong" in english and 'aria-label="Play the video: Tea picking season' in english


def test_untranslated_title_is_marked_as_vietnamese(library: dict[str, video.Video]) -> None:
    context = video.VideoContext(library, "ko", "vi", lambda text: text, "ko/tourism/tea/")
    expanded, _ = video.expand("{{ video tea-harvest }}\n", context, Path("x.ko.md"), 1)
    assert '<span class="quangba-video__title" lang="vi">Mùa hái chè Tân Cương</span>' in expanded


def test_unknown_and_misspelt_videos(library: dict[str, video.Video]) -> None:
    markdown = "Line one.\n\n{{ video tea-harvst }}\n\nSee {{ video tea-harvest }} inline.\n\n{{ video nothing }}\n"
    _, problems = video.expand(markdown, context_for("vi", library), Path("docs/tourism/tea.vi.md"), 4)
    assert [str(p) for p in problems] == [
        "docs/tourism/tea.vi.md:6: unknown video 'tea-harvst' (did you mean 'tea-harvest'?)",
        "docs/tourism/tea.vi.md:8: cannot read '{{ video tea-harvest }}': write {{ video NAME }} alone on its line",
        "docs/tourism/tea.vi.md:10: unknown video 'nothing' (add assets/video/nothing.yml)",
    ]


def test_code_blocks_show_the_shorthand_as_it_is(library: dict[str, video.Video]) -> None:
    markdown = "Write:\n\n```markdown\n{{ video tea-harvest }}\n```\n\n~~~\n{{ video nothing }}\n~~~\n"
    expanded, problems = video.expand(markdown, context_for("vi", library), Path("guide.md"), 1)
    assert problems == [] and expanded == markdown


# -- a real site --------------------------------------------------------------------------------


def test_built_site_shows_poster_and_title_in_each_language(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    result = run_quangba("build", cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for page, title in (("tourism/tea/index.html", "Mùa hái chè Tân Cương"), ("en/tourism/tea/index.html", "Tea picking season in Tan Cuong")):
        html = (site / page).read_text(encoding="utf-8")
        figure = re.search(r'<figure class="quangba-video">.*?</figure>', html, re.S)
        assert figure, page
        assert f'<span class="quangba-video__title">{title}</span>' in figure[0]
        for attribute in re.findall(r'(?:src|href)="([^"]+)"', figure[0]):
            if attribute.startswith("https://"):
                assert attribute == f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}?autoplay=1"
                continue
            assert (site / page).parent.joinpath(attribute).resolve().is_file(), attribute  # poster, script, style are in the site
        assert not re.search(r'<(?:iframe|img|script)[^>]*src="https?://', html)  # nothing from elsewhere
        # The player's style and script, once, in the head, and they are in the site.
        head = html.split("</head>")[0]
        for pattern in (r'<link rel="stylesheet" href="([^"]*assets/video/video\.css)">', r'<script src="([^"]*assets/video/video\.js)" defer></script>'):
            found = re.findall(pattern, html)
            assert len(found) == 1 and re.search(pattern, head), (page, pattern)
            assert (site / page).parent.joinpath(found[0]).resolve().is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"youtube", home) and "video.js" not in home  # pages without a video load nothing of it


def test_shorthand_between_paragraph_lines_still_makes_a_figure(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "docs/tourism/tea.vi.md").write_text("---\ntitle: Chè\n---\n\nMùa chè.\n{{ video tea-harvest }}\nHết.\n", encoding="utf-8")
    result = run_quangba("build", cwd=project)
    assert result.returncode == 0, result.stderr
    html = (project / "site/tourism/tea/index.html").read_text(encoding="utf-8")
    assert re.search(r"<p>Mùa chè.</p>\s*<figure class=\"quangba-video\">.*?</figure>\s*<p>Hết.</p>", html, re.S)


def test_unknown_video_stops_the_build_with_file_and_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    assert run_quangba("build", cwd=project).returncode == 0
    previous = (project / "site" / "index.html").read_bytes()
    (project / "docs/tourism/tea.en.md").write_text("---\ntitle: Tea\n---\n\nText.\n\n{{ video tea-harvets }}\n", encoding="utf-8")
    result = run_quangba("build", cwd=project)
    assert result.returncode == 1
    assert "docs/tourism/tea.en.md:7: unknown video 'tea-harvets' (did you mean 'tea-harvest'?)" in result.stderr
    assert (project / "site" / "index.html").read_bytes() == previous


# -- in Chromium, through nginx ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    project = make_project(tmp_path_factory.mktemp("video-project"))
    built = run_quangba("build", "--site-url", base, cwd=project)
    assert built.returncode == 0, built.stderr
    dest = tmp_path_factory.mktemp("video-portal") / "dest"
    published = CliRunner().invoke(publish_command, [str(dest), "--config", str(project / "mkdocs.yml"), "--site-url", base])
    assert published.exit_code == 0, published.output
    server = start_nginx(dest, tmp_path_factory.mktemp("video-nginx"), port)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium(CHROMIUM_ARGS) as browser:
        yield browser


@pytest.mark.parametrize(("path", "title"), [("tourism/tea/", "Mùa hái chè Tân Cương"), ("en/tourism/tea/", "Tea picking season in Tan Cuong")])
def test_youtube_is_contacted_only_after_the_click(browser: Browser, served: Nginx, path: str, title: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        messages: list[str] = []
        page.on("console", lambda message: messages.append(message.text))
        player_requests: list[Request] = []

        def fake_player(route: Route) -> None:  # offline: stand in for YouTube's player page
            player_requests.append(route.request)
            route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>player</title><p>player</p>")

        page.route("https://www.youtube-nocookie.com/**", fake_player)
        page.goto(served.base + path, wait_until="networkidle")
        start = page.locator("a.quangba-video__start")
        start.scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
        assert page.locator(".quangba-video__title").text_content() == title
        assert page.evaluate("document.querySelector('.quangba-video__poster').naturalWidth") == 640  # the local poster loaded
        before = list(requested)
        assert before and all(url.startswith(served.base) for url in before), [u for u in before if not u.startswith(served.base)]
        assert not any("youtube" in url for url in before)

        start.click()
        player = page.locator("iframe.quangba-video__player")
        assert player.get_attribute("src") == f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}?autoplay=1"
        assert player.get_attribute("title") == title
        page.frame_locator("iframe.quangba-video__player").locator("p").wait_for()
        assert [r.url for r in player_requests] == [f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}?autoplay=1"]
        hosts = {re.sub(r"^https?://([^/]+)/.*$", r"\1", url) for url in requested}
        assert hosts == {served.base.split("/")[2], "www.youtube-nocookie.com"}  # never youtube.com itself
        assert not [m for m in messages if "Content Security Policy" in m]  # frame-src allows the player
    finally:
        context.close()
