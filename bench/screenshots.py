"""Screenshots of the landing pages of a built site, as a foreign reader sees them.

Serves the built site (a folder) on 127.0.0.1 with a small local HTTP server, opens the home page
and each section front page in every language with Debian's Chromium (Playwright, kept offline as
in tests/test_browser.py) and writes, into OUT_DIR, a full-page PNG on a desktop (1366×900) and
on a phone (390×844) of each: home-vi-desktop.png, investment-en-phone.png, …

    .venv/bin/quangba build --site-dir /tmp/site
    .venv/bin/python bench/screenshots.py /tmp/site /tmp/shots [--pages home,investment] [--lang en,zh] [--dark]
"""

from __future__ import annotations

import argparse
import functools
import shutil
import socket
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "tests"))
from test_browser import CHROMIUM_ARGS  # noqa: E402  (the tests' flags: no call home, no DNS, no proxy but loopback)

PAGES = {
    "home": "",
    "investment": "investment/",
    "tourism": "tourism/",
    "products": "products/",
    "culture": "culture/",
    "news": "news/",
    "publications": "publications/",
}
LANGUAGES = ("vi", "en", "zh", "ko")  # the first is the site's root
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a built site (the folder `quangba build --site-dir` wrote)")
    parser.add_argument("out", type=Path, help="folder for the PNGs (created)")
    parser.add_argument("--pages", default=",".join(PAGES), help=f"comma-separated, of: {', '.join(PAGES)}")
    parser.add_argument("--lang", default=",".join(LANGUAGES), help="comma-separated languages (default: all four)")
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated, of: desktop (1366×900), phone (390×844)")
    parser.add_argument("--dark", action="store_true", help="the dark colour scheme (prefers-color-scheme: dark)")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium", help="the Chromium to drive")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} has no index.html: build the site first")
    args.out.mkdir(parents=True, exist_ok=True)
    server, base = serve(args.site)
    written = 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            for size in args.sizes.split(","):
                width, height = SIZES[size]
                context = browser.new_context(viewport={"width": width, "height": height}, color_scheme="dark" if args.dark else "light")
                page = context.new_page()
                for name in args.pages.split(","):
                    for lang in args.lang.split(","):
                        root = "" if lang == LANGUAGES[0] else f"{lang}/"
                        page.goto(base + root + PAGES[name], wait_until="networkidle")
                        page.evaluate("document.fonts.ready")
                        # lazy images below the fold: scroll through the page so they load
                        page.evaluate("""async () => {
                            for (let y = 0; y < document.body.scrollHeight; y += innerHeight) {
                                scrollTo(0, y); await new Promise(r => setTimeout(r, 60));
                            }
                            scrollTo(0, 0);
                        }""")
                        page.wait_for_load_state("networkidle")
                        page.wait_for_timeout(500)  # Material shows the tabs again once back at the top
                        scheme = "-dark" if args.dark else ""
                        target = args.out / f"{name}-{lang}-{size}{scheme}.png"
                        page.screenshot(path=str(target), full_page=True)
                        written += 1
                        print(target)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    print(f"{written} screenshots in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
