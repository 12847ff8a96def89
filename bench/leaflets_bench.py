"""Benchmark: `quangba leaflets` on the demo (3 leaflets × 4 languages), from nothing and unchanged.

    python bench/leaflets_bench.py [--runs 3]

Each run copies the project's mkdocs.yml, docs/ and assets/ to a temporary folder, so the cache
and outputs start empty (photos cut and converted to CMYK, every PDF rendered, checked and
previewed), times the whole command as an editor runs it, then times a second run where nothing
changed. Targets: under 60 s and under 2 s on a 2-core machine. Run it by hand; the figures go in
the README and the closing note.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def timed(root: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "quangba", "leaflets"], cwd=root, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(result.stderr)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cold, warm = [], []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            shutil.copy(PROJECT / "mkdocs.yml", root)
            shutil.copytree(PROJECT / "docs", root / "docs")
            shutil.copytree(PROJECT / "assets", root / "assets")
            cold.append(timed(root))
            warm.append(timed(root))
        print(f"run {run + 1}: from nothing {cold[-1]:.1f} s, unchanged {warm[-1]:.2f} s", flush=True)
    print(f"median of {args.runs}: from nothing {statistics.median(cold):.1f} s, unchanged {statistics.median(warm):.2f} s")


if __name__ == "__main__":
    main()
