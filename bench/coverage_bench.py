"""Benchmark: `quangba coverage` on a synthetic site of N source pages with three translations each.

    python bench/coverage_bench.py [--pages 1000] [--runs 5] [--site DIR]

Generates the site with bench/generate_site.py (5 % of translations missing, 10 % stale, 5 %
unverified) in a temporary folder, or uses DIR if given. Then times the whole command, as an
editor runs it (a new Python process: start-up, imports, reading every file, every check, the
JSON printed), RUNS times, and prints the median and the fastest run. Target: under 2 s for
1,000 pages on a 2-core machine. Run it by hand; the figure goes in the README.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def command() -> list[str]:
    """`python -m quangba coverage` once the command is wired into quangba; until then the
    coverage package's own entry point (the same code, without the other commands' imports)."""
    wired = subprocess.run([sys.executable, "-m", "quangba", "coverage", "--help"], capture_output=True, timeout=60).returncode == 0
    return [sys.executable, "-m", "quangba", "coverage"] if wired else [sys.executable, "-m", "quangba.coverage"]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(site: Path, run: list[str]) -> tuple[float, float, dict]:
    """Wall-clock seconds, CPU seconds of all its processes, and the report."""
    cpu = children_cpu()
    started = time.perf_counter()
    done = subprocess.run([*run, "--format", "json"], cwd=site, capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"coverage failed ({done.returncode}):\n{done.stderr}")
    return seconds, children_cpu() - cpu, json.loads(done.stdout)


# Runs the command in-process and reports, on stderr, the CPU seconds of the main process and of
# its worker processes: on a machine whose cores are busy with other jobs, main + workers / 2 is
# what the wall-clock time would be with both cores free.
PROFILED = """
import resource, runpy, sys
sys.argv = ["quangba coverage", "--format", "json"]
try:
    runpy.run_module("quangba.coverage", run_name="__main__")
except SystemExit:
    pass
me = resource.getrusage(resource.RUSAGE_SELF)
workers = resource.getrusage(resource.RUSAGE_CHILDREN)
print(me.ru_utime + me.ru_stime, workers.ru_utime + workers.ru_stime, file=sys.stderr)
"""


def cpu_split(site: Path) -> tuple[float, float]:
    done = subprocess.run([sys.executable, "-c", PROFILED], cwd=site, capture_output=True, text=True, timeout=600)
    main_cpu, workers_cpu = done.stderr.split()[-2:]
    return float(main_cpu), float(workers_cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="source pages (default 1000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5)")
    parser.add_argument("--site", type=Path, help="an existing generated site to use instead of a new one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="quangba-bench-") as temporary:
        site = args.site
        if site is None:
            site = Path(temporary) / "site"
            subprocess.run(
                [sys.executable, str(HERE / "generate_site.py"), str(site), "--pages", str(args.pages), "--missing", "5", "--stale", "10", "--unverified", "5"],
                check=True,
            )
        run = command()
        timed_run(site, run)  # warm the disk cache and the .pyc files: we measure the check, not the disk
        times = []
        cpu_times = []
        report: dict = {}
        for _ in range(args.runs):
            seconds, cpu, report = timed_run(site, run)
            times.append(seconds)
            cpu_times.append(cpu)
        pages = report["source"]["pages"]
        checked = sum(1 for language in report["languages"].values() for page in language["pages"] if page["status"] != "missing")
        print(f"{pages} source pages, {len(report['languages'])} translation languages, {checked} translations checked")
        for lang, language in report["languages"].items():
            print(f"  {lang}: {language['percent']} % up to date, {language['counts']}, problems {language['problems']}")
        shown = " ".join(["python", *run[1:], "--format", "json"])
        print(f"whole `{shown}` process: median {statistics.median(times):.2f} s, fastest {min(times):.2f} s ({args.runs} runs)")
        print(f"CPU time of its processes (all cores together): median {statistics.median(cpu_times):.2f} s")
        print(f"load average while measuring: {os.getloadavg()[0]:.2f} (other jobs on the machine slow the figure down)")
        splits = [cpu_split(site) for _ in range(args.runs)]
        main_cpu = statistics.median(split[0] for split in splits)
        workers_cpu = statistics.median(split[1] for split in splits)
        cores = min(2, len(os.sched_getaffinity(0)))
        print(
            f"CPU: main process {main_cpu:.2f} s + worker processes {workers_cpu:.2f} s; with {cores} free cores "
            f"the run would take about {main_cpu + workers_cpu / cores:.2f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
