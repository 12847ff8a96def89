"""Search quality of the demo site: hit@1 and hit@3 per language, on two query sets.

    python bench/search_quality.py [--site DIR] [--misses]

  * tuning:   tests/fixtures/search/queries.yml, the set tests/test_search_quality.py asserts
              (the ranking was tuned on it);
  * held-out: bench/search_heldout.yml, written before the tuning and never used for it: the
              figure that says whether the ranking generalises.

The demo is built into a temporary copy of the project (or DIR, an already built site, is
served as it is), served on 127.0.0.1 and searched in Debian's Chromium through Material's
real search box, with the helpers of tests/test_search_quality.py. hit@k: the share of queries
whose expected page is among the first k results.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from conftest import NOT_PROJECT, Site, run_quangba, site_languages, source_pages  # noqa: E402  (test helpers, found through sys.path)
from test_search_quality import QUERIES, Outcome, launch, load_queries, misses_table, run_queries, serve  # noqa: E402

HELDOUT = HERE / "search_heldout.yml"
SETS = {"tuning": QUERIES, "held-out": HELDOUT}


def build(workdir: Path) -> Path:
    """The demo built from a copy of the project (the checkout stays untouched)."""
    project = workdir / "project"
    shutil.copytree(PROJECT, project, ignore=NOT_PROJECT, symlinks=True)
    out = workdir / "site"
    result = run_quangba("build", "--site-dir", out, cwd=project)
    if result.returncode != 0:
        sys.exit(result.stdout + result.stderr)
    return out


def measure(site: Site) -> dict[str, dict[str, list[Outcome]]]:
    """set name -> language -> outcomes."""
    server, base = serve(site.root, site.languages[1:])
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright.chromium)
            page = browser.new_page()
            results = {
                name: {lang: run_queries(page, base, site, lang, queries) for lang, queries in load_queries(path).items()} for name, path in SETS.items()
            }
            browser.close()
    finally:
        server.shutdown()
    return results


def report(results: dict[str, dict[str, list[Outcome]]], misses: bool) -> str:
    lines = [f"{'set':<9} {'lang':<4} {'queries':>7} {'hit@1':>6} {'hit@3':>6}"]
    for name, by_lang in results.items():
        for lang, outcomes in by_lang.items():
            n = len(outcomes)
            hit1 = sum(o.hit(1) for o in outcomes) / n
            hit3 = sum(o.hit(3) for o in outcomes) / n
            lines.append(f"{name:<9} {lang:<4} {n:>7} {hit1:>6.0%} {hit3:>6.0%}")
    if misses:
        for name, by_lang in results.items():
            lines += ["", f"{name}:", misses_table([o for outcomes in by_lang.values() for o in outcomes])]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="an already built site to serve (default: build the demo)")
    parser.add_argument("--misses", action="store_true", help="list the queries that miss their page in the top 3")
    args = parser.parse_args()
    default, languages = site_languages(PROJECT / "mkdocs.yml")
    with tempfile.TemporaryDirectory(prefix="quangba-search-") as tmp:
        root = args.site or build(Path(tmp))
        site = Site(root, default, languages, source_pages(PROJECT / "docs", default))
        started = time.monotonic()
        results = measure(site)
        print(report(results, args.misses))
        print(f"\n{sum(len(o) for by in results.values() for o in by.values())} queries in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
