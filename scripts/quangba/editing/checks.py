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

from quangba.coverage.project import ProjectError, plugin_entries, read_config
from quangba.problems import Problem

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


@dataclass(frozen=True)
class Settings:
    config_file: Path
    root: Path
    assets_dir: Path
    languages: tuple[str, ...]
    fail_under: float | None


def load_settings(config_file: Path) -> Settings:
    """What the checks need from mkdocs.yml (read as plain YAML: quick, and works when the build would not)."""
    config = read_config(config_file)
    i18n = next((s for name, s in plugin_entries(config) if name == "i18n"), {}) or {}
    entries = i18n.get("languages") if isinstance(i18n, dict) else None
    languages = [e["locale"] for e in entries if isinstance(e, dict) and isinstance(e.get("locale"), str)] if isinstance(entries, list) else []
    default = next((e["locale"] for e in entries or [] if isinstance(e, dict) and e.get("default")), languages[0] if languages else "vi")
    ordered = tuple([default] + [code for code in languages if code != default])
    quangba = next((s for name, s in plugin_entries(config) if name == "quangba"), None)
    quangba = quangba if isinstance(quangba, dict) else {}
    root = config_file.resolve().parent
    threshold = quangba.get("coverage_fail_under")
    if threshold is not None and (isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold <= 100):
        raise ProjectError([Problem(config_file, f"quangba coverage_fail_under must be a percentage between 0 and 100, not {threshold!r}")])
    return Settings(config_file, root, root / str(quangba.get("assets_dir") or "assets"), ordered, threshold)


def check_build(settings: Settings, on_progress: Callable[[str], None]) -> CheckResult:
    from quangba.site_build import BuildFailed, build_site

    result = CheckResult("Site build (pages, links, facts, images)")
    with tempfile.TemporaryDirectory(prefix="quangba-check-") as scratch:
        try:
            built = build_site(settings.config_file, on_progress, site_dir=Path(scratch) / "site")
        except BuildFailed as failure:
            result.problems = list(failure.problems)
            result.summary = "the build stops"
            return result
    result.warnings = list(built.warnings)
    result.summary = ", ".join(f"{lang} {count}" for lang, count in built.pages.items()) + " pages built (then discarded)"
    return result


def check_photos(settings: Settings) -> CheckResult:
    from quangba.images.library import check_library, load_library

    result = CheckResult("Photos (alt text, captions, credits)")
    folder = settings.assets_dir / "images"
    if not folder.is_dir():
        result.skipped, result.summary = True, f"no {relative(folder, settings.root)} folder"
        return result
    library = load_library(folder, relative(folder, settings.root))
    result.problems = [str(p) for p in library.problems]
    for problems in check_library(library, settings.languages).values():
        result.problems += [str(p) for p in problems]
    result.summary = f"{len(library.photos)} photos"
    return result


def check_videos(settings: Settings) -> CheckResult:
    from quangba import video

    result = CheckResult("Videos (YouTube id, poster, title)")
    videos, problems = video.load_videos(settings.assets_dir, settings.languages, relative(settings.assets_dir, settings.root))
    result.problems = [str(p) for p in problems]
    for item in videos.values():
        missing = [lang for lang in settings.languages if not item.title.get(lang)]
        if missing:
            result.warnings.append(f"assets/{video.FOLDER}/{item.name}.yml: no title in {', '.join(missing)} yet (the Vietnamese title is shown)")
    result.summary = f"{len(videos)} videos ready" if videos or problems else "no videos"
    return result


def check_coverage(settings: Settings) -> CheckResult:
    from quangba.coverage.project import load_project
    from quangba.coverage.report import build_report

    result = CheckResult("Translations (coverage)")
    try:
        report = build_report(load_project(settings.config_file), workers=1)
    except ProjectError as error:
        result.problems = [str(p) for p in error.problems]
        return result
    result.problems = [str(p) for p in report.errors]
    percents = ", ".join(f"{lang} {language.percent:.0f} %" for lang, language in report.languages.items())
    if settings.fail_under is not None:
        below = report.below(settings.fail_under)
        result.problems += [
            f"{lang}: {report.languages[lang].percent:.1f} % of the pages are translated and up to date, below coverage_fail_under ({settings.fail_under:g} %)"
            for lang in below
        ]
        result.summary = f"{percents} up to date (threshold {settings.fail_under:g} %)"
    else:
        result.summary = f"{percents} up to date (no threshold: coverage_fail_under is not set)"
    errors = sum(1 for language in report.languages.values() for page in language.pages for _ in page.errors)
    if errors:
        result.warnings.append(f"{errors} problem(s) inside translations: see 'quangba coverage'")
    return result


def check_print(settings: Settings) -> CheckResult:
    """Resolution preflight of the photos each print preset would use (the ink limit is checked
    when the print files are made, which needs the colour conversion)."""
    from quangba.images.library import load_library
    from quangba.images.preflight import effective_resolution
    from quangba.images.presets import PresetsError, load_presets
    from quangba.images.print_output import photos_in_use
    from quangba.images.source import PhotoError, read_header

    result = CheckResult("Print preflight (photo resolution)")
    presets_file = settings.assets_dir / "print-presets.yml"
    if not presets_file.is_file():
        result.skipped, result.summary = True, f"no {relative(presets_file, settings.root)}"
        return result
    try:
        presets = load_presets(presets_file, settings.root, relative(presets_file, settings.root))
    except PresetsError as error:
        result.problems = [str(p) for p in error.problems]
        return result
    library = load_library(settings.assets_dir / "images", relative(settings.assets_dir / "images", settings.root))
    checked = 0
    for preset in presets.presets.values():
        photos, problems = photos_in_use(presets, library, preset)
        result.problems += [str(p) for p in problems]
        for photo in photos:
            try:
                header = read_header(photo.path, presets.max_megapixels)
            except PhotoError as error:
                result.problems.append(f"{photo.shown}: {error}")
                continue
            resolution = effective_resolution(header.size, photo.focal_point, preset)
            checked += 1
            if resolution.status == "fail":
                result.problems.append(resolution.message(str(photo.shown)))
            elif resolution.status == "low":
                result.warnings.append(f"{photo.shown}: {resolution.ppi:.0f} ppi at {preset.name} (target {preset.ppi:g}, minimum {preset.min_ppi:g})")
    result.summary = f"{checked} photo × size pairs in {len(presets.presets)} presets" if checked else f"no photo is used by the {len(presets.presets)} presets yet"
    return result


def run_checks(config_file: Path, on_step: Callable[[str], None] = lambda step: None) -> list[CheckResult]:
    settings = load_settings(config_file)
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


def relative(path: Path, root: Path) -> Path:
    try:
        return path.resolve().relative_to(root)
    except ValueError:
        return path
