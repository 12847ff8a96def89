"""Build the site's languages side by side, one process each, then put them together.

mkdocs-static-i18n builds the languages one after the other in one process. Each language's
build only needs the source files (not the other languages' output), so here every language is
built in its own process into its own folder, with the i18n plugin told to build just that one;
then the language folders are moved into the default language's build and the sitemaps merged.
The result is the same site as a sequential build (a test compares them file by file).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from quangba.core.errors import QuangbaError
from quangba.core.jobs import pool_context
from quangba.site.build.run import BuildOptions, editor_log, failed, load_configuration, run_build
from quangba.site.features import sitemap


@dataclass
class LanguageBuild:
    lang: str
    problems: list[str]  # empty: built
    messages: list[str]  # warnings worth showing


def build_language(config_file: Path, options: BuildOptions, lang: str) -> LanguageBuild:
    """One language of the site into options.site_dir (runs in a worker process)."""
    with editor_log(config_file.parent, lambda _: None) as handler:
        try:
            config = load_configuration(config_file, handler)
            options.apply(config)
            i18n: Any = config.plugins["i18n"]  # mkdocs-static-i18n's plugin
            i18n.current_language = lang  # build this language ...
            i18n.building = True  # ... and not the others after it
            run_build(config, handler)
        except QuangbaError as failure:
            return LanguageBuild(lang, failure.lines, handler.messages)
        return LanguageBuild(lang, [], handler.messages)


def build_in_parallel(
    config_file: Path,
    options: BuildOptions,
    languages: list[str],
    default: str,
    jobs: int,
    on_progress: Callable[[str], None],
) -> list[str]:
    """Build every language into options.site_dir (the default language's folder); QuangbaError."""
    staging = options.site_dir
    folders = {lang: staging if lang == default else staging.with_name(f"{staging.name}.{lang}") for lang in languages}
    for folder in folders.values():
        shutil.rmtree(folder, ignore_errors=True)
    results: list[LanguageBuild] = []
    try:
        # fork: the workers start with MkDocs, the theme and jieba already imported.
        with ProcessPoolExecutor(jobs, mp_context=pool_context()) as pool:
            futures = [pool.submit(build_language, config_file, replace(options, site_dir=folders[lang]), lang) for lang in languages]
            for future in as_completed(futures):
                results.append(future.result())
                on_progress(results[-1].lang)
        problems = unique(p for result in sorted(results, key=lambda r: languages.index(r.lang)) for p in result.problems)
        if problems:
            raise failed(problems)
        merge(folders, default, staging)
    finally:
        for lang, folder in folders.items():
            if lang != default:
                shutil.rmtree(folder, ignore_errors=True)
    return unique(m for result in results for m in result.messages)


def merge(folders: dict[str, Path], default: str, staging: Path) -> None:
    """Move each language's folder into the default language's build; merge the sitemaps."""
    pages = sitemap.read_sitemap(staging / "sitemap.xml")
    for lang, folder in folders.items():
        if lang == default:
            continue
        (folder / lang).rename(staging / lang)
        pages += sitemap.read_sitemap(folder / "sitemap.xml")
    sitemap.write_sitemap(pages, staging)


def unique(items) -> list[str]:
    return list(dict.fromkeys(items))
