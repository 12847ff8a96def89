"""Build time of a synthetic four-language site: quangba against stock MkDocs + i18n.

    python bench/build_bench.py --pages 100 400 [--repeat 3] [--workdir DIR]

For each size, bench/generate_site.py writes N source pages per language (vi, en, zh, ko) in 10
sections; the same content is then built

  * stock:   `mkdocs build` with Material, its search plugin and mkdocs-static-i18n as they come
             (the sequential build, the whole menu rendered on every page);
  * quangba: `quangba build` with the quangba plugin and templates as this project uses them
             (navigation.prune, one process per language up to the number of cores, and all of
             quangba's own work: hreflang, sitemap, feeds, per-language search and 404 pages).

Each build starts from an empty output folder. Printed: median wall time, peak memory of the
largest process (resident set, from getrusage), and the ratio stock / quangba.
Run by hand on an otherwise idle machine; results go in the README's performance section.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
BIN = Path(sys.executable).parent


def generate(root: Path, pages: int) -> Path:
    site = root / f"site-{pages}"
    if not (site / "mkdocs.yml").exists():
        subprocess.run([sys.executable, str(HERE / "generate_site.py"), str(site), "--pages", str(pages)], check=True, stdout=subprocess.DEVNULL)
    config = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))
    stock = {**config, "plugins": [p for p in config["plugins"] if not (isinstance(p, dict) and "quangba" in p) and p != "quangba"]}
    (site / "mkdocs-stock.yml").write_text(yaml.safe_dump(stock, allow_unicode=True, sort_keys=False), encoding="utf-8")
    quangba = dict(config)
    quangba["theme"] = {**config["theme"], "custom_dir": str(PROJECT / "overrides"), "features": ["navigation.indexes", "navigation.prune"]}
    for plugin in quangba["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            plugin["i18n"]["reconfigure_search"] = False
    (site / "mkdocs-quangba.yml").write_text(yaml.safe_dump(quangba, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return site


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and the peak resident memory (MiB) of the largest process it started.

    Measured in a fresh interpreter, whose getrusage(RUSAGE_CHILDREN) sees only this command."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe, *command], cwd=cwd, check=True, capture_output=True, text=True)
    seconds, peak_kib = result.stdout.split()
    return float(seconds), int(peak_kib) // 1024


def measure(site: Path, kind: str, repeat: int) -> tuple[float, int]:
    out = site / f"out-{kind}"
    if kind == "stock":
        command = [str(BIN / "mkdocs"), "build", "-q", "-f", "mkdocs-stock.yml", "-d", str(out)]
    else:
        command = [str(BIN / "quangba"), "build", "--config", "mkdocs-quangba.yml", "--site-dir", str(out)]
    times, peaks = [], []
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        seconds, peak = timed(command, site)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=[100, 400], help="source pages per language")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=None, help="keep the generated sites here")
    args = parser.parse_args()
    root = args.workdir or Path(tempfile.mkdtemp(prefix="quangba-build-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} cores; median of {args.repeat} builds each; sites in {root}")
    print(f"{'pages/lang':>10} {'stock s':>9} {'quangba s':>10} {'ratio':>6} {'stock MiB':>10} {'quangba MiB':>12}")
    for pages in args.pages:
        site = generate(root, pages)
        stock_s, stock_mb = measure(site, "stock", args.repeat)
        quangba_s, quangba_mb = measure(site, "quangba", args.repeat)
        print(f"{pages:>10} {stock_s:>9.1f} {quangba_s:>10.1f} {stock_s / quangba_s:>5.1f}× {stock_mb:>10} {quangba_mb:>12}", flush=True)


if __name__ == "__main__":
    main()
