"""deploy/nginx.conf with Debian's nginx, serving the published demo: headers, language of the
home page, each language's 404 page, precompressed files, cache lifetimes."""

from __future__ import annotations

import gzip
import http.client
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import Site
from quangba.core.inline import source_hash
from quangba.publish.cli import publish as publish_command
from quangba.publish.sitecheck import allowed_inline
from test_nginx_server import Nginx, start_nginx

COOKIE = "quangba_lang"


@pytest.fixture(scope="module")
def portal(demo_site: Site, demo_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Nginx, Path]]:
    """The demo published to DEST and served by nginx."""
    dest = tmp_path_factory.mktemp("portal") / "dest"
    result = CliRunner().invoke(publish_command, [str(dest), "--config", str(demo_project / "mkdocs.yml"), "--site-dir", str(demo_site.root)])
    assert result.exit_code == 0, result.output
    server = start_nginx(dest, tmp_path_factory.mktemp("nginx"))
    yield server, dest
    server.stop()


@pytest.fixture(scope="module")
def nginx(portal: tuple[Nginx, Path]) -> Nginx:
    return portal[0]


# -- the home page's language ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "target"),
    [
        (None, None),  # search engines, scripts: Vietnamese
        ("vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7", None),
        ("vi", None),
        ("en-US,en;q=0.9", "/en/"),
        ("en-GB,vi;q=0.8", "/en/"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "/zh/"),
        ("zh-TW", "/zh/"),  # Traditional Chinese readers: the Chinese site is nearer than English
        ("ZH-cn", "/zh/"),
        ("ko-KR,ko;q=0.9,en-US;q=0.8", "/ko/"),
        ("fr-FR,fr;q=0.9,ko;q=0.8,en;q=0.7", "/ko/"),  # the first of the site's languages
        ("fr-FR,fr;q=0.9", "/en/"),  # none of ours: English, the portal's foreign language
        ("kok,vi", None),  # Konkani is not Korean
        ("*", None),
    ],
)
def test_home_follows_the_browser_language(nginx: Nginx, accept: str | None, target: str | None) -> None:
    answer = nginx.get("/", {"Accept-Language": accept} if accept else {})
    if target is None:
        assert answer.status == 200
        assert '<html lang="vi"' in answer.body.decode()
    else:
        assert answer.status == 302
        assert answer.header("Location") == target
    vary = {value.strip() for header in answer.all("Vary") for value in header.split(",")}
    assert {"Accept-Language", "Cookie"} <= vary  # caches keep one answer per language and choice
    assert answer.header("Set-Cookie") is None  # a preference is not a choice: nothing stored
    assert answer.header("Cache-Control") == "no-cache"  # a cached redirect would overrule a later choice


@pytest.mark.parametrize(("cookie", "accept", "target"), [("vi", "en-US,en", None), ("ko", "vi", "/ko/"), ("en", "zh-CN", "/en/"), ("xx", "en", "/en/")])
def test_a_language_chosen_on_the_site_wins(nginx: Nginx, cookie: str, accept: str, target: str | None) -> None:
    answer = nginx.get("/", {"Accept-Language": accept, "Cookie": f"{COOKIE}={cookie}"})
    assert (answer.status, answer.header("Location")) == ((200, None) if target is None else (302, target))


def test_the_home_redirect_keeps_the_query_string(nginx: Nginx) -> None:
    """A campaign's link (/?utm_source=fb) still says where the reader came from after /en/."""
    answer = nginx.get("/?utm_source=fb&utm_campaign=tet", {"Accept-Language": "en-US,en"})
    assert (answer.status, answer.header("Location")) == (302, "/en/?utm_source=fb&utm_campaign=tet")
    assert nginx.get("/", {"Accept-Language": "ko"}).header("Location") == "/ko/"  # no stray "?"


def test_clicking_vietnamese_stays_vietnamese_and_remembers_it(nginx: Nginx) -> None:
    """The language switcher on an English page links to the Vietnamese page: no redirect back."""
    answer = nginx.get("/", {"Accept-Language": "en-US,en", "Referer": f"{nginx.base}en/tourism/"})
    assert answer.status == 200 and '<html lang="vi"' in answer.body.decode()
    assert answer.header("Set-Cookie") == f"{COOKIE}=vi; Path=/; Max-Age=31536000; SameSite=Lax"
    # …and the next visit of "/" typed in the address bar (no referrer) follows the cookie.
    later = nginx.get("/", {"Accept-Language": "en-US,en", "Cookie": f"{COOKIE}=vi"})
    assert later.status == 200


@pytest.mark.parametrize(
    ("path", "referer", "cookie"),
    [
        ("/ko/tourism/", "tourism/", "ko"),  # Vietnamese page -> Korean page: Korean chosen
        ("/overview/", "zh/overview/", "vi"),
        ("/en/", "ko/", "en"),
        ("/en/tourism/", "en/", None),  # within one language: nothing to remember
        ("/en/tourism/", None, None),  # arriving from elsewhere (a search engine)
        ("/assets/stylesheets/quangba.css", "en/tourism/", None),  # not a page
        ("/search/search_index.json", "en/", None),
    ],
)
def test_moving_between_languages_sets_the_cookie(nginx: Nginx, path: str, referer: str | None, cookie: str | None) -> None:
    headers = {"Referer": nginx.base + referer} if referer is not None else {}
    answer = nginx.get(path, headers)
    assert answer.status == 200
    expected = f"{COOKIE}={cookie}; Path=/; Max-Age=31536000; SameSite=Lax" if cookie else None
    assert answer.header("Set-Cookie") == expected


def test_a_link_from_another_site_is_not_a_choice(nginx: Nginx) -> None:
    answer = nginx.get("/ko/tourism/", {"Referer": "https://www.google.com/search?q=thai+nguyen"})
    assert answer.header("Set-Cookie") is None
    home = nginx.get("/", {"Accept-Language": "en", "Referer": f"https://evil.example/{nginx.base}"})
    assert home.status == 302  # only a referrer on this very host counts as a click on the site


# -- security headers -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/en/tourism/", "/assets/stylesheets/quangba.css", "/zh/no-such-page/", "/en/tourism"])
def test_security_headers_on_every_answer(nginx: Nginx, portal: tuple[Nginx, Path], demo_site: Site, path: str) -> None:
    answer = nginx.get(path, {"Accept-Language": "vi"})
    policy = answer.header("Content-Security-Policy") or ""
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'self'"]
    assert directives["frame-src"] == ["https://www.youtube-nocookie.com"]
    sources = allowed_inline(demo_site.root)  # what the build saw its templates write
    scripts = {f"'{h}'" for kind, h in sources if kind == "script"}
    assert len(scripts) >= 3 and scripts <= set(directives["script-src"])
    styles = {f"'{h}'" for kind, h in sources if kind == "style"}  # e.g. the editors' status page
    assert directives["style-src"] == ["'self'", *sorted(styles)]
    assert answer.header("X-Content-Type-Options") == "nosniff"
    assert answer.header("Referrer-Policy") == "strict-origin-when-cross-origin"
    permissions = answer.header("Permissions-Policy") or ""
    assert "camera=()" in permissions and "geolocation=()" in permissions and "microphone=()" in permissions
    assert 'fullscreen=(self "https://www.youtube-nocookie.com")' in permissions
    assert answer.header("X-Frame-Options") == "SAMEORIGIN"
    assert answer.header("X-DNS-Prefetch-Control") == "off"  # no lookup of youtube-nocookie.com before a click
    assert answer.header("Strict-Transport-Security") == "max-age=31536000"
    assert answer.header("Server") == "nginx"  # no version number


def test_every_inline_script_of_the_site_is_allowed(nginx: Nginx, demo_site: Site) -> None:
    """The policy served lists the hash of each inline script of every page (what Chromium
    checks in test_nginx_browser.py, here for all pages at once)."""
    policy = nginx.get("/").header("Content-Security-Policy") or ""
    scripts = 0
    for page in demo_site.root.rglob("*.html"):
        for script in re.findall(r"<script>(.*?)</script>", page.read_text(encoding="utf-8"), re.S):
            assert f"'{source_hash(script)}'" in policy, page
            scripts += 1
    assert scripts > 100


# -- not found -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [
        ("/no/such/page/", "vi", "Không tìm thấy trang"),
        ("/en/no/such/page/", "en", "Page not found"),
        ("/zh/tourism/nothing.html", "zh", None),
        ("/ko/missing", "ko", "페이지를 찾을 수 없습니다"),
        ("/assets/", "vi", "Không tìm thấy trang"),  # a folder without a page: not "forbidden"
        ("/en/search/", "en", "Page not found"),
        ("/.quangba/manifest.sha256", "vi", "Không tìm thấy trang"),  # the release's metadata stays private
        ("/.quangba/release.json", "vi", None),
    ],
)
def test_unknown_addresses_get_their_language_404(nginx: Nginx, path: str, lang: str, heading: str | None) -> None:
    answer = nginx.get(path, {"Accept-Encoding": "gzip"})
    assert answer.status == 404
    text = gzip.decompress(answer.body).decode() if answer.header("Content-Encoding") == "gzip" else answer.body.decode()
    assert f'<html lang="{lang}"' in text
    if heading:
        assert f"<h1>{heading}</h1>" in text
    assert answer.header("Content-Security-Policy")


def test_folder_without_slash_is_redirected_relatively(nginx: Nginx) -> None:
    answer = nginx.get("/en/tourism", {"Accept-Language": "vi"})
    assert answer.status == 301 and answer.header("Location") == "/en/tourism/"


# -- compression and caching ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/en/tourism/", "/assets/stylesheets/quangba.css", "/zh/search/search_index.json", "/sitemap.xml", "/feed.xml"])
def test_text_is_sent_precompressed(nginx: Nginx, portal: tuple[Nginx, Path], path: str) -> None:
    plain = nginx.get(path)
    packed = nginx.get(path, {"Accept-Encoding": "gzip, deflate, br"})
    assert plain.status == packed.status == 200
    assert plain.header("Content-Encoding") is None
    assert packed.header("Content-Encoding") == "gzip"
    assert gzip.decompress(packed.body) == plain.body
    assert len(packed.body) < len(plain.body) / 2
    assert "Accept-Encoding" in packed.all("Vary")
    on_disk = portal[1] / "current" / (path.lstrip("/") + ("index.html" if path.endswith("/") else "") + ".gz")
    assert packed.body == on_disk.read_bytes()  # the file publish wrote, not compressed per request


def test_photos_and_fonts_are_sent_as_they_are(nginx: Nginx, demo_site: Site) -> None:
    font = next(demo_site.root.glob("assets/fonts/*.woff2")).relative_to(demo_site.root).as_posix()
    answer = nginx.get(f"/{font}", {"Accept-Encoding": "gzip"})
    assert answer.status == 200 and answer.header("Content-Encoding") is None
    assert answer.header("Content-Type") == "font/woff2"


def test_cache_lifetimes(nginx: Nginx, demo_site: Site) -> None:
    bundle = next(demo_site.root.glob("assets/javascripts/bundle.*.min.js")).relative_to(demo_site.root).as_posix()
    stylesheet = next(demo_site.root.glob("assets/stylesheets/main.*.min.css")).relative_to(demo_site.root).as_posix()
    fonts = next(demo_site.root.glob("zh/assets/fonts/zh.*.min.css")).relative_to(demo_site.root).as_posix()
    cut = next(demo_site.root.glob("zh/assets/fonts/cuts/*.woff2")).relative_to(demo_site.root).as_posix()
    expected = {
        f"/{bundle}": "public, max-age=31536000, immutable",
        f"/{stylesheet}": "public, max-age=31536000, immutable",
        f"/{fonts}": "public, max-age=31536000, immutable",
        f"/{cut}": "public, max-age=31536000, immutable",
        "/assets/fonts/noto-sans-400n-latin.woff2": "public, max-age=604800",
        "/assets/logo.svg": "public, max-age=604800",
        "/en/tourism/": "public, max-age=300",
        "/ko/search/search_index.json": "public, max-age=300",
        "/feed.xml": "public, max-age=300",
    }
    for path, cache in expected.items():
        answer = nginx.get(path)
        assert answer.status == 200, path
        assert answer.header("Cache-Control") == cache, path
    assert nginx.get("/en/tourism/", {"If-Modified-Since": nginx.get("/en/tourism/").header("Last-Modified")}).status == 304


# -- crawlers, HTTPS ------------------------------------------------------------------------------


def test_robots_and_a_sitemap_for_every_language(nginx: Nginx, demo_site: Site) -> None:
    robots = nginx.get("/robots.txt")
    assert robots.status == 200 and (robots.header("Content-Type") or "").startswith("text/plain")
    lines = robots.body.decode().splitlines()
    assert "Disallow: /_editors/" in lines
    assert [line for line in lines if line.startswith("Sitemap: ")] == ["Sitemap: https://doingoai.thainguyen.example/sitemap.xml"]
    for lang in demo_site.languages:
        answer = nginx.get(f"/{demo_site.prefix(lang)}sitemap.xml")
        assert answer.status == 200 and b"<urlset" in answer.body, lang


def test_https_with_http2_and_hsts(portal: tuple[Nginx, Path], tmp_path: Path) -> None:
    """The portal's server block as written: TLS, HTTP/2, HSTS; plain HTTP only redirects."""
    _, dest = portal
    server = start_nginx(dest, tmp_path / "nginx", tls=True)
    try:
        head = subprocess.run(
            ["curl", "--silent", "--show-error", "--insecure", "--http2", "--dump-header", "-", "--output", "/dev/null", server.base + "en/tourism/"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert head.returncode == 0, head.stderr
        lines = head.stdout.splitlines()
        assert lines[0].strip() == "HTTP/2 200"
        assert "strict-transport-security: max-age=31536000" in {line.strip().lower() for line in lines}
        assert server.get("/en/").status == 200  # and over HTTP/1.1 with TLS
        connection = http.client.HTTPConnection("127.0.0.1", server.redirect_port, timeout=30)
        connection.request("GET", "/en/tourism/?utm_source=zalo", headers={"Host": "doingoai.thainguyen.example"})
        answer = connection.getresponse()
        assert (answer.status, answer.getheader("Location")) == (301, "https://doingoai.thainguyen.example/en/tourism/?utm_source=zalo")
        connection.close()
    finally:
        server.stop()
    assert "[emerg]" not in server.errors() and "[warn]" not in server.errors(), server.errors()
