"""Benchmark of the web image pipeline against vipsthumbnail and ImageMagick (issue 6).

50 photos of 24 megapixels (6000 × 4000, camera-like JPEGs with EXIF and a GPS position, drawn
here with Pillow) are turned into the web set of the benchmark: a 1600 px JPEG and a 400 px
thumbnail, quality 82, progressive, no metadata. The same files go through, in the same run:

- quangba (Pillow, draft mode, over --jobs processes: the code `quangba images web` runs);
- vipsthumbnail (Debian libvips-tools), one call per size over all files, as it is normally used
  (libvips threads internally), and the same split over --jobs processes;
- ImageMagick `convert` (Debian imagemagick), one call per photo writing both sizes, with
  `-define jpeg:size` (its own shrink-on-load), --jobs calls at a time.

Then `quangba images web` itself (the full default set: 4 widths × WebP + JPEG) runs twice on
the same photos; the second run, with nothing changed, must take under 1 s.

Run by hand (never part of the tests), on an otherwise idle machine:

    /tmp/venv/bin/python bench/images_bench.py            # or .venv/bin/python
    /tmp/venv/bin/python bench/images_bench.py --photos 10 --repeat 1   # a quick look

Needs: apt-get install libvips-tools imagemagick. Photos are made once in --work and reused.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from PIL import ExifTags, Image, ImageChops

from quangba.images.cache import Manifest, cpu_count
from quangba.images.jobs import run_jobs
from quangba.images.web import WebSettings, web_jobs

SIZE = (6000, 4000)  # 24 megapixels
QUALITY = 82
VIPS = shutil.which("vipsthumbnail")
MAGICK = "/usr/bin/convert" if Path("/usr/bin/convert").exists() else None  # Debian's ImageMagick 6, not a stand-in


def make_photo(path_and_seed: tuple[Path, int]) -> Path:
    """A camera-like 24 MP JPEG: smooth light, textured detail, sensor noise, EXIF with GPS."""
    path, seed = path_and_seed
    width, height = SIZE
    light = Image.linear_gradient("L").rotate(seed * 37 % 360).resize(SIZE)
    round_light = Image.radial_gradient("L").resize(SIZE)
    texture = Image.effect_noise((width // 6, height // 6), 50).resize(SIZE, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(SIZE, 9)
    red = ImageChops.add(ImageChops.multiply(light, texture), grain, 1.0, -128)
    green = ImageChops.add(ImageChops.blend(round_light, texture, 0.5), grain, 1.0, -120)
    blue = ImageChops.blend(light.transpose(Image.Transpose.FLIP_TOP_BOTTOM), grain, 0.2)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Bench Camera"
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (21.0, 35.0, float(seed)), 3: "E", 4: (105.0, 50.0, 0.0)}
    Image.merge("RGB", (red, green, blue)).save(path, "JPEG", quality=92, exif=exif)
    return path


def ensure_photos(folder: Path, count: int, jobs: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    wanted = [folder / f"photo-{n:02d}.jpg" for n in range(count)]
    missing = [(path, n) for n, path in enumerate(wanted) if not path.exists()]
    if missing:
        print(f"Making {len(missing)} photos of {SIZE[0]}×{SIZE[1]} in {folder} …", flush=True)
        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(make_photo, missing))
    return wanted


def cpu_seconds() -> float:
    """User + system time of this process and of its finished children (workers, tools)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds). CPU time hardly changes when other work shares the machine."""
    started, cpu = time.perf_counter(), cpu_seconds()
    work()
    return time.perf_counter() - started, cpu_seconds() - cpu


def fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def run_quangba(photos: list[Path], out: Path, jobs: int) -> None:
    settings = WebSettings(widths=(400, 1600), formats=("jpeg",), jpeg_quality=QUALITY, stand_in=False)
    summary = run_jobs(web_jobs([(p, p.name) for p in photos], fresh(out), settings), Manifest(out / "manifest.json", enabled=False), jobs)
    assert summary.count("done") == len(photos) and not summary.errors, summary.outcomes[:1]


def run_vips(photos: list[Path], out: Path, procs: int) -> None:
    fresh(out)
    chunks = [photos[i::procs] for i in range(procs)]

    def one(chunk: list[Path]) -> None:
        for size in (1600, 400):
            subprocess.run([VIPS, "--size", str(size), "-o", f"{out}/%s-{size}.jpg[Q={QUALITY},strip,interlace]", *map(str, chunk)], check=True)

    with ThreadPoolExecutor(procs) as pool:
        list(pool.map(one, chunks))


def run_magick(photos: list[Path], out: Path, procs: int) -> None:
    fresh(out)

    def one(photo: Path) -> None:
        subprocess.run(
            [
                MAGICK,
                "-define",
                "jpeg:size=3200x3200",
                str(photo),
                "-auto-orient",
                "-strip",
                "-interlace",
                "JPEG",
                "-quality",
                str(QUALITY),
                "-resize",
                "1600x1600",
                "-write",
                str(out / f"{photo.stem}-1600.jpg"),
                "-resize",
                "400x400",
                str(out / f"{photo.stem}-400.jpg"),
            ],
            check=True,
        )

    with ThreadPoolExecutor(procs) as pool:
        list(pool.map(one, photos))


def check_outputs(out: Path, photos: list[Path]) -> None:
    for photo in photos[:3]:
        for size, name in ((1600, f"{photo.stem}-1600.jpg"), (400, f"{photo.stem}-400.jpg")):
            with Image.open(out / name) as image:
                assert max(image.size) == size, (name, image.size)
                assert not image.getexif(), name


def quangba_command() -> list[str]:
    """`python -m quangba images` once the lead wired it, else the same click group directly."""
    from quangba.cli import main

    if "images" in main.commands:
        return [sys.executable, "-m", "quangba", "images"]
    return [sys.executable, "-c", "from quangba.images.cli import images; images()"]


def run_cli(project: Path, library: Path, jobs: int) -> float:
    started = time.perf_counter()
    result = subprocess.run([*quangba_command(), "web", "--library", str(library), "--jobs", str(jobs)], cwd=project, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return seconds


def load() -> str:
    """The machine's 1-minute load average: above the core count, other work competed."""
    return f"{os.getloadavg()[0]:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=cpu_count(), help="processes for quangba, and for the tools' parallel runs")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each tool; the best time counts")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "quangba-images-bench")
    args = parser.parse_args()
    if not VIPS or not MAGICK:
        raise SystemExit("Needs vipsthumbnail and ImageMagick: apt-get install libvips-tools imagemagick")
    photos = ensure_photos(args.work / "photos", args.photos, args.jobs)
    megabytes = sum(p.stat().st_size for p in photos) / 1e6
    print(
        f"{len(photos)} photos, {SIZE[0]}×{SIZE[1]} ({SIZE[0] * SIZE[1] / 1e6:.0f} MP), {megabytes / len(photos):.1f} MB each; "
        f"{cpu_count()} cores; best of {args.repeat} rounds; load {load()}",
        flush=True,
    )
    out = args.work / "out"
    runs = [
        (f"quangba (Pillow, draft mode, {args.jobs} processes)", lambda: run_quangba(photos, out / "quangba", args.jobs)),
        ("vipsthumbnail, one call per size", lambda: run_vips(photos, out / "vips1", 1)),
        (f"vipsthumbnail, {args.jobs} processes", lambda: run_vips(photos, out / "vipsN", args.jobs)),
        (f"ImageMagick convert, {args.jobs} at a time", lambda: run_magick(photos, out / "magick", args.jobs)),
    ]
    # Rounds, each tool once per round, best time of each: a burst of other work on the machine
    # then slows one round of every tool rather than all the runs of one.
    times: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in runs}
    for round_number in range(1, args.repeat + 1):
        for label, work in runs:
            times[label].append(timed(work))
        print(f"  round {round_number}: " + ", ".join(f"{times[label][-1][0]:.1f} s" for label, _ in runs) + f" (load {load()})", flush=True)
    for folder in ("quangba", "vips1", "vipsN", "magick"):
        check_outputs(out / folder, photos)

    wall = {label: min(t[0] for t in times[label]) for label, _ in runs}
    cpu = {label: min(t[1] for t in times[label]) for label, _ in runs}
    labels = [label for label, _ in runs]
    ours = labels[0]
    print()
    print("| run | wall s (best) | photos/s | CPU s (best) | CPU s per photo | wall vs quangba | CPU vs quangba |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label in labels:
        print(
            f"| {label} | {wall[label]:.2f} | {len(photos) / wall[label]:.1f} | {cpu[label]:.1f} | {cpu[label] / len(photos):.3f} "
            f"| {wall[label] / wall[ours]:.2f}× | {cpu[label] / cpu[ours]:.2f}× |"
        )
    print()
    vips_wall = min(wall[labels[1]], wall[labels[2]])
    print(f"throughput, quangba / vipsthumbnail one call per size: {wall[labels[1]] / wall[ours]:.2f}× (target ≥ 2×)")
    print(f"throughput, quangba / vipsthumbnail's faster way: {vips_wall / wall[ours]:.2f}×")
    print(f"throughput, quangba / ImageMagick: {wall[labels[3]] / wall[ours]:.2f}×")
    print(
        f"CPU per photo, vipsthumbnail / quangba: {min(cpu[labels[1]], cpu[labels[2]]) / cpu[ours]:.2f}×; ImageMagick / quangba: {cpu[labels[3]] / cpu[ours]:.2f}×"
    )

    project = fresh(args.work / "project")
    first = run_cli(project, args.work / "photos", args.jobs)
    second = run_cli(project, args.work / "photos", args.jobs)
    made = len(list((project / ".cache/quangba/images/web").iterdir()))
    print()
    print(
        f"`quangba images web`, full default set ({made} files: 480/960/1600/2400 × WebP + JPEG): first run {first:.1f} s, "
        f"second run with nothing changed {second:.2f} s (target < 1 s, whole process)"
    )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
