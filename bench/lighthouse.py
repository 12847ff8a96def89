"""Lighthouse (performance and accessibility) of the demo portal, in each language, as served.

    python bench/lighthouse.py [--site DIR] [--page products/tea.md] [--runs 1] [--json OUT]

Builds the demo (in a copy of the project, or takes an already built --site DIR), publishes it
with `quangba publish` (its .gz copies, its inline-script hashes) and serves it with Debian's
nginx and deploy/nginx.conf on 127.0.0.1, through the tests' own helpers (tests/test_nginx_server.py).
Then Lighthouse 12.8.2 (bench/js, installed by `scripts/install.sh --bench`) runs Debian's
Chromium headless with its default settings: a mid-range phone (412×823, 1.75 device pixels),
simulated slow 4G and a 4× slower CPU. For the home page and the content page of each language
it prints the two scores and LCP, CLS, TBT and the bytes transferred; with --runs N, the median
of N runs. --json OUT keeps each raw report in the folder OUT.

Nothing goes to the internet: Lighthouse sends no error reports (--no-enable-error-reporting)
and downloads no browser (CHROME_PATH is Debian's Chromium). Chromium resolves no host name and
has a closed loopback port as the proxy of every other address (loopback bypasses it): Debian's
build otherwise calls accounts.google.com and update.googleapis.com at start-up, whatever
--disable-background-networking says. Each report is also checked: every request the pages
made went to 127.0.0.1. Run by hand on an otherwise idle machine (the scores depend on the CPU);
the figures go in the README's performance section.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
LIGHTHOUSE = HERE / "js" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME = shutil.which("chromium") or "/usr/bin/chromium"
sys.path.insert(0, str(PROJECT / "tests"))

from conftest import NOT_PROJECT, Site, run_quangba, site_languages  # noqa: E402  (test helpers, found through sys.path)
from test_browser import CHROMIUM_ARGS  # noqa: E402
from test_nginx_server import publish_and_serve  # noqa: E402
from test_page_weight import LOCALES  # noqa: E402

CHROME_ARGS = ["--headless=new", *CHROMIUM_ARGS]
CATEGORIES = "performance,accessibility"
KIB = 1024


@dataclass(frozen=True)
class Result:
    lang: str
    page: str
    performance: float  # 0-100
    accessibility: float
    lcp_ms: float
    cls: float
    tbt_ms: float
    bytes: float


FIGURES = ("performance", "accessibility", "lcp_ms", "cls", "tbt_ms", "bytes")


def chrome_flags() -> str:
    """--chrome-flags as Lighthouse parses them (yargs: a value with spaces goes in quotes)."""

    def quoted(flag: str) -> str:
        name, _, value = flag.partition("=")
        return f'{name}="{value}"' if " " in value else flag

    return " ".join(quoted(flag) for flag in CHROME_ARGS)


def not_copied(folder: str, names: list[str]) -> set[str]:
    """What the tests leave out of their copy (the npm tools among it)."""
    return set(NOT_PROJECT(folder, names))


def build_demo(workdir: Path) -> tuple[Path, Path]:
    """The demo built in a copy of the project, as the tests do (nothing written to the checkout):
    the site and the copy's mkdocs.yml."""
    project = workdir / "project"
    shutil.copytree(PROJECT, project, ignore=not_copied, symlinks=True)
    site = workdir / "site"
    built = run_quangba("build", "--site-dir", site, cwd=project)
    if built.returncode != 0:
        sys.exit(f"the demo did not build:\n{built.stdout}{built.stderr}")
    return site, project / "mkdocs.yml"


def lighthouse(url: str, locale: str, report: Path) -> dict:
    """One Lighthouse run on URL by a reader of LOCALE (nginx sends "/" by the browser's language)."""
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        f"--only-categories={CATEGORIES}",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        "--no-enable-error-reporting",
        f"--extra-headers={json.dumps({'Accept-Language': f'{locale},{locale[:2]};q=0.9'})}",
        f"--chrome-flags={chrome_flags()}",
    ]
    done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROME}, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        sys.exit(f"Lighthouse failed on {url}:\n{done.stderr[-3000:]}")
    data: dict = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        sys.exit(f"Lighthouse could not measure {url}: {data['runtimeError']}")
    if data["finalDisplayedUrl"] != url:
        sys.exit(f"{url} was redirected to {data['finalDisplayedUrl']}: the figures would be another page's")
    return data


def outside_requests(data: dict) -> list[str]:
    """Requests of the page to anything but 127.0.0.1 (there must be none)."""
    items = data["audits"]["network-requests"]["details"]["items"]
    return [i["url"] for i in items if urlsplit(i["url"]).scheme in ("http", "https") and urlsplit(i["url"]).hostname != "127.0.0.1"]


def result(lang: str, page: str, data: dict) -> Result:
    audits, categories = data["audits"], data["categories"]
    return Result(
        lang,
        page,
        categories["performance"]["score"] * 100,
        categories["accessibility"]["score"] * 100,
        audits["largest-contentful-paint"]["numericValue"],
        audits["cumulative-layout-shift"]["numericValue"],
        audits["total-blocking-time"]["numericValue"],
        audits["total-byte-weight"]["numericValue"],
    )


def median(runs: list[Result]) -> Result:
    """Each figure's median over the runs (Lighthouse varies from one run to the next)."""
    figures = {name: statistics.median(getattr(r, name) for r in runs) for name in FIGURES}
    return Result(runs[0].lang, runs[0].page, **figures)


def table(results: list[Result]) -> str:
    lines = [f"{'lang':<5} {'page':<22} {'perf':>5} {'a11y':>5} {'LCP s':>6} {'CLS':>6} {'TBT ms':>7} {'KiB':>6}"]
    lines += [
        f"{r.lang:<5} {r.page:<22} {r.performance:>5.0f} {r.accessibility:>5.0f} {r.lcp_ms / 1000:>6.1f} {r.cls:>6.3f} {r.tbt_ms:>7.0f} {r.bytes / KIB:>6.0f}"
        for r in results
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="an already built site (default: build the demo)")
    parser.add_argument("--page", action="append", help="content page(s) to measure besides the home page, as in docs/ (default: products/tea.md)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is printed")
    parser.add_argument("--json", type=Path, metavar="OUT", help="keep the raw Lighthouse reports in this folder")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        sys.exit("Lighthouse is not installed: run scripts/install.sh --bench")
    if not Path(CHROME).exists():
        sys.exit("Chromium is not installed: run scripts/install.sh --test")
    workdir = Path(tempfile.mkdtemp(prefix="quangba-lighthouse-"))
    try:
        results, version = measure_all(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"\nLighthouse {version}, default (mobile) settings: simulated slow 4G, 4× CPU slowdown; {os.cpu_count()} cores; median of {args.runs} run(s)")
    print(table(results))
    if args.json:
        print(f"raw reports in {args.json}")


def measure_all(args: argparse.Namespace, workdir: Path) -> tuple[list[Result], str]:
    reports: Path = args.json or workdir / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    site_dir, config = (args.site.resolve(), PROJECT / "mkdocs.yml") if args.site else build_demo(workdir)
    default, languages = site_languages(config)
    site = Site(site_dir, default, languages, ())
    server = publish_and_serve(site_dir, config, workdir / "portal")
    results: list[Result] = []
    version = ""
    try:
        for lang in languages:
            for page in ["index.md", *(args.page or ["products/tea.md"])]:
                url = server.base + site.url(page, lang)
                name = f"{lang}-{Path(page).with_suffix('').as_posix().replace('/', '-')}"
                runs = []
                for run in range(1, args.runs + 1):
                    data = lighthouse(url, LOCALES[lang], reports / f"{name}-{run}.json")
                    if outside := outside_requests(data):
                        sys.exit(f"{url} made requests off this machine: {outside}")
                    version = data["lighthouseVersion"]
                    runs.append(result(lang, page, data))
                results.append(median(runs))
                print(f"{lang} {page}: performance {results[-1].performance:.0f}", file=sys.stderr, flush=True)
    finally:
        server.stop()
    return results, version


if __name__ == "__main__":
    main()
