"""`quangba check`: every check the build runs, and the editors' other checks, without touching site/.

build     the whole site is built into a temporary folder and thrown away: front matter,
          language suffixes, strict links and anchors, facts, news, the quangba plugin's checks
photos    every photo in assets/images has a sidecar with alt text and credit in each language
videos    every assets/video/*.yml names a YouTube video, a local poster and a title
coverage  translations: unusable files, and the threshold coverage_fail_under (mkdocs.yml)
print     every photo a leaflet or print preset uses is large enough for that print size
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from quangba.config import Settings
from quangba.core.errors import QuangbaError

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"


@dataclass
class CheckResult:
    name: str
    summary: str = ""  # one line: what was checked, or why not
    problems: list[str] = field(default_factory=list)  # make the check fail
    warnings: list[str] = field(default_factory=list)  # shown, do not fail
    skipped: bool = False

    @property
    def status(self) -> str:
        return SKIPPED if self.skipped else FAILED if self.problems else PASSED


def check_build(settings: Settings, on_progress: Callable[[str], None]) -> CheckResult:
    from quangba.site import build_site

    result = CheckResult("Site build (pages, links, facts, images)")
    with tempfile.TemporaryDirectory(prefix="quangba-check-") as scratch:
        try:
            built = build_site(settings.config_file, on_progress, site_dir=Path(scratch) / "site")
        except QuangbaError as failure:
            result.problems = failure.lines
            result.summary = "the build stops"
            return result
    result.warnings = list(built.warnings)
    result.summary = ", ".join(f"{lang} {count}" for lang, count in built.pages.items()) + " pages built (then discarded)"
    return result


def check_photos(settings: Settings) -> CheckResult:
    from quangba.images import check_library, load_library

    result = CheckResult("Photos (alt text, captions, credits)")
    folder = settings.library_dir
    if not folder.is_dir():
        result.skipped, result.summary = True, f"no {settings.shown(folder)} folder"
        return result
    library = load_library(folder, settings.shown(folder), project=settings.root)
    result.problems = [str(p) for p in library.problems]
    for problems in check_library(library, settings.languages.all).values():
        result.problems += [str(p) for p in problems]
    result.summary = f"{len(library.photos)} photos"
    return result


def check_videos(settings: Settings) -> CheckResult:
    from quangba import video

    result = CheckResult("Videos (YouTube id, poster, title)")
    videos, problems = video.load_videos(settings.assets_dir, settings.languages.all, settings.shown(settings.assets_dir))
    result.problems = [str(p) for p in problems]
    for item in videos.values():
        missing = [lang for lang in settings.languages.all if not item.title.get(lang)]
        if missing:
            result.warnings.append(f"assets/{video.FOLDER}/{item.name}.yml: no title in {', '.join(missing)} yet (the Vietnamese title is shown)")
    result.summary = f"{len(videos)} videos ready" if videos or problems else "no videos"
    return result


def check_coverage(settings: Settings) -> CheckResult:
    from quangba.coverage import build_report, load_project

    result = CheckResult("Translations (coverage)")
    try:
        report = build_report(load_project(settings.config_file), workers=1)
    except QuangbaError as error:
        result.problems = error.lines
        return result
    result.problems = [str(p) for p in report.errors]
    percents = ", ".join(f"{lang} {language.percent:.0f} %" for lang, language in report.languages.items())
    fail_under = settings.options.coverage_fail_under
    if fail_under is not None:
        below = report.below(fail_under)
        result.problems += [
            f"{lang}: {report.languages[lang].percent:.1f} % of the pages are translated and up to date, below coverage_fail_under ({fail_under:g} %)"
            for lang in below
        ]
        result.summary = f"{percents} up to date (threshold {fail_under:g} %)"
    else:
        result.summary = f"{percents} up to date (no threshold: coverage_fail_under is not set)"
    errors = sum(1 for language in report.languages.values() for page in language.pages for _ in page.errors)
    if errors:
        result.warnings.append(f"{errors} problem(s) inside translations: see 'quangba coverage'")
    return result


def check_print(settings: Settings) -> CheckResult:
    """Resolution preflight of the photos each print preset would use (the ink limit is checked
    when the print files are made, which needs the colour conversion)."""
    from quangba.images import effective_resolution, load_library, load_presets, photos_in_use, read_header

    result = CheckResult("Print preflight (photo resolution)")
    presets_file = settings.presets_file
    if not presets_file.is_file():
        result.skipped, result.summary = True, f"no {settings.shown(presets_file)}"
        return result
    try:
        presets = load_presets(presets_file, settings.root, settings.shown(presets_file))
    except QuangbaError as error:
        result.problems = error.lines
        return result
    library = load_library(settings.library_dir, settings.shown(settings.library_dir), project=settings.root)
    checked = 0
    for preset in presets.presets.values():
        photos, problems = photos_in_use(presets, library, preset)
        result.problems += [str(p) for p in problems]
        for photo in photos:
            try:
                header = read_header(photo.path, presets.max_megapixels)
            except QuangbaError as error:
                result.problems.append(f"{photo.shown}: {error}")
                continue
            resolution = effective_resolution(header.size, photo.focal_point, preset)
            checked += 1
            if resolution.status == "fail":
                result.problems.append(resolution.message(str(photo.shown)))
            elif resolution.status == "low":
                result.warnings.append(f"{photo.shown}: {resolution.ppi:.0f} ppi at {preset.name} (target {preset.ppi:g}, minimum {preset.min_ppi:g})")
    result.summary = (
        f"{checked} photo × size pairs in {len(presets.presets)} presets" if checked else f"no photo is used by the {len(presets.presets)} presets yet"
    )
    return result


def run_checks(config_file: Path, on_step: Callable[[str], None] = lambda step: None) -> list[CheckResult]:
    settings = Settings.load(config_file)
    steps: list[tuple[str, Callable[[], CheckResult]]] = [
        ("Building the site to check it…", lambda: check_build(settings, lambda lang: on_step(f"Building the site to check it: {lang}…"))),
        ("Checking the photos…", lambda: check_photos(settings)),
        ("Checking the videos…", lambda: check_videos(settings)),
        ("Checking the translations…", lambda: check_coverage(settings)),
        ("Print preflight…", lambda: check_print(settings)),
    ]
    results = []
    for label, step in steps:
        on_step(label)
        results.append(step())
    return results
