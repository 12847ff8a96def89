"""Build every leaflet in every language: find the sources, skip what has not changed, render
the rest in parallel, and write the manifest the site reads (leaflets.json).

Nothing here imports WeasyPrint: a run where nothing changed only reads files and hashes them.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import replace
from pathlib import Path
from typing import Any

from quangba.core import frontmatter, outputs
from quangba.core.errors import QuangbaError
from quangba.core.files import write_text
from quangba.core.jobs import file_digest, key_of, pool_context
from quangba.leaflets.results import Result, Summary, Task
from quangba.leaflets.settings import LeafletSettings
from quangba.leaflets.source import find_leaflets

PACKAGE = Path(__file__).resolve().parent
FONT_PRINTING = PACKAGE.parent / "fonts" / "printing.py"  # the print copies of the fonts
MANIFEST = "leaflets.json"
MANIFEST_VERSION = 1
LEAFLETS_KIND = "leaflets"  # the kind of output folder (quangba.core.outputs)


def plan(settings: LeafletSettings, languages: Iterable[str] | None = None, only: Iterable[str] = ()) -> tuple[list[Task], list[Result]]:
    """The leaflets to build, and the ones that cannot be (bad names, missing translations)."""
    langs = tuple(languages) if languages else settings.languages.all
    found, problems = find_leaflets(settings.sources, settings.languages.all, settings.shown(settings.sources))
    failed = [Result((p.path or Path("-")).name.split(".")[0], "-", "failed", [str(p)]) for p in problems]
    wanted = set(only)
    unknown = wanted - set(found)
    for name in sorted(unknown):
        failed.append(
            Result(name, "-", "failed", [f"no leaflet '{name}' in {settings.shown(settings.sources)}/ (leaflets: {', '.join(sorted(found)) or 'none'})"])
        )
    tasks = []
    for name, files in sorted(found.items()):
        if wanted and name not in wanted:
            continue
        for lang in langs:
            if lang in files:
                tasks.append(Task(name, lang, files[lang]))
            else:
                expected = settings.shown(settings.sources / f"{name}.{lang}.md")
                source = settings.shown(next(iter(files.values())))
                failed.append(
                    Result(
                        name, lang, "failed", [f"{expected}: missing translation of {source} (every leaflet is printed in {', '.join(settings.languages.all)})"]
                    )
                )
    return tasks, failed


def code_digest() -> str:
    files = sorted(PACKAGE.glob("*.py")) + sorted((PACKAGE / "templates").glob("*")) + [FONT_PRINTING]
    return key_of([(f.name, file_digest(f)) for f in files])


def task_key(task: Task, settings: LeafletSettings, shared: str) -> str:
    """Everything that changes the leaflet's files: its source, its photos, and what all share."""
    photos = []
    try:
        names = frontmatter.read(task.source).meta.get("photos") or {}
        names = names.values() if isinstance(names, dict) else []
    except QuangbaError:
        names = []
    for name in sorted(str(n) for n in names):
        for path in sorted(settings.library.glob(f"{name}.*")):
            photos.append((path.name, file_digest(path)))
    return key_of(shared, task.name, task.lang, file_digest(task.source), photos, settings.footers.get(task.lang, ""))


def shared_key(settings: LeafletSettings) -> str:
    inputs = [settings.fonts_css, settings.logo, settings.profile]
    inputs += sorted(settings.fonts_css.parent.glob("*.woff2"))
    if settings.facts_file is not None and settings.facts_file.is_file():
        inputs.append(settings.facts_file)
    if settings.catalogs is not None:
        inputs += sorted(settings.catalogs.glob("*/LC_MESSAGES/*.po"))
    digests = [(str(settings.shown(p)), file_digest(p)) for p in inputs if p.is_file()]
    fingerprint = (
        settings.site_url,
        settings.use_directory_urls,
        settings.min_ppi,
        settings.screen_ppi,
        settings.crop_marks,
        settings.ink_limit,
        str(settings.docs_dir),
    )
    return key_of(MANIFEST_VERSION, code_digest(), digests, fingerprint)


def state_file(settings: LeafletSettings, task: Task) -> Path:
    return settings.cache_dir / "state" / f"{task.name}.{task.lang}.json"


def output_files(info: dict[str, Any]) -> list[str]:
    return [str(o) for o in (info.get("print_pdf"), info.get("screen_pdf"), *(info.get("previews") or [])) if o]


def output_digests(settings: LeafletSettings, info: dict[str, Any]) -> dict[str, str]:
    return {name: file_digest(settings.out_dir / name) for name in output_files(info)}


def cached_result(settings: LeafletSettings, task: Task, key: str) -> Result | None:
    """The earlier result, when nothing changed and out_dir still holds exactly its files (a
    build that failed after making a leaflet threw its staged files away: they must be made again)."""
    try:
        state = json.loads(state_file(settings, task).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    info = state.get("info") or {}
    if state.get("key") != key or not output_files(info):
        return None
    try:
        if output_digests(settings, info) != state.get("digests"):
            return None
    except OSError:
        return None
    return Result(task.name, task.lang, "cached", [], info)


def run_task(task: Task, settings: LeafletSettings) -> Result:
    from quangba.leaflets.job import (
        LeafletJob,  # WeasyPrint loads only where a leaflet is rendered
    )

    return LeafletJob(task.name, task.lang, task.source, settings).run()


def build(
    settings: LeafletSettings,
    languages: Iterable[str] | None = None,
    only: Iterable[str] = (),
    use_cache: bool = True,
    on_result: Callable[[Result], None] = lambda result: None,
    on_start: Callable[[int], None] = lambda total: None,
) -> Summary:
    tasks, failed = plan(settings, languages, only)
    summary = Summary(list(failed))
    shared = shared_key(settings)
    keys = {task: task_key(task, settings, shared) for task in tasks}
    pending: dict[tuple[str, str], Task] = {}
    on_start(len(tasks))
    for task in tasks:
        cached = cached_result(settings, task, keys[task]) if use_cache and settings.cache else None
        if cached is not None:
            summary.results.append(cached)
            on_result(cached)
        else:
            pending[(task.name, task.lang)] = task
    for result in run_all(list(pending.values()), settings):
        if result.status != "failed":
            task = pending[(result.name, result.lang)]
            state = {"key": keys[task], "info": result.info, "digests": output_digests(settings, result.info)}
            write_text(state_file(settings, task), json.dumps(state, ensure_ascii=False))
        summary.results.append(result)
        on_result(result)
    write_manifest(settings, summary)
    outputs.write_manifest(settings.out_dir, LEAFLETS_KIND)  # marks the folder as quangba's own
    return summary


# -- where the files go ----------------------------------------------------------------------


def guarded_out_dir(settings: LeafletSettings) -> Path:
    """out_dir, unless it is the project, an input, or a folder quangba did not make (QuangbaError)."""
    inputs = outputs.Inputs.of(settings.root, settings.docs_dir, settings.assets_dir)
    final = outputs.guard(settings.out_dir, "the leaflets", inputs)
    outputs.check_replaceable(final, LEAFLETS_KIND, "the leaflets")
    return final


def staged(settings: LeafletSettings) -> LeafletSettings:
    """Settings that write into a new staging copy of out_dir (so unchanged leaflets stay cached);
    `quangba build` commits it only once the site is built too. A copy, not hard links: a file
    rewritten in place in the copy would change the original too."""
    final = guarded_out_dir(settings)
    staging = outputs.staging_folder(final)
    if final.is_dir():
        shutil.copytree(final, staging, dirs_exist_ok=True)
    return replace(settings, out_dir=staging)


def commit(staged_settings: LeafletSettings, final: Path) -> None:
    outputs.replace_folder(staged_settings.out_dir, final, LEAFLETS_KIND, "the leaflets")


def discard(staged_settings: LeafletSettings) -> None:
    shutil.rmtree(staged_settings.out_dir, ignore_errors=True)


def run_all(tasks: list[Task], settings: LeafletSettings) -> Iterable[Result]:
    workers = min(settings.concurrency, len(tasks))
    if workers <= 1:
        for task in tasks:
            yield run_task(task, settings)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=pool_context()) as pool:
        futures = [pool.submit(run_task, task, settings) for task in tasks]
        for future in as_completed(futures):
            yield future.result()


def write_manifest(settings: LeafletSettings, summary: Summary) -> None:
    """leaflets.json lists every leaflet whose files are good: this run's, and earlier ones not
    rebuilt now (another --lang or --only). A failed leaflet keeps its earlier entry and files."""
    path = settings.out_dir / MANIFEST
    entries: dict[str, dict[str, Any]] = {}
    try:
        for entry in json.loads(path.read_text(encoding="utf-8")).get("leaflets", []):
            entries[f"{entry['name']}.{entry['lang']}"] = entry
    except (OSError, ValueError, KeyError, AttributeError):
        pass
    for result in summary.results:
        if result.status != "failed" and result.info:
            entries[f"{result.name}.{result.lang}"] = {"name": result.name, "lang": result.lang, **result.info}
    existing = {key: entry for key, entry in entries.items() if (settings.out_dir / str(entry.get("screen_pdf", ""))).is_file()}
    document = {"version": MANIFEST_VERSION, "leaflets": [existing[k] for k in sorted(existing)]}
    write_text(path, json.dumps(document, ensure_ascii=False, indent=2))


def read_manifest(out_dir: Path) -> list[dict[str, Any]]:
    try:
        return list(json.loads((out_dir / MANIFEST).read_text(encoding="utf-8")).get("leaflets", []))
    except (OSError, ValueError, AttributeError):
        return []
