"""`quangba coverage`: the command editors and translators run.

    quangba coverage [DOCS_DIR] [--lang en,zh] [--section tourism] [--format table|json|markdown] [--fail-under 90] [--diff]
    quangba coverage stamp PAGE... [--lang en] [--force]
    quangba coverage export --lang ko [--out DIR] [PAGE...]
    quangba coverage import FILE.xlf...

Exit status (quangba.core.errors): 0 fine; 1 a language is below --fail-under, a stamp was
refused, an import has problems; 2 unusable input (a broken file, a missing folder, an unknown
language).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from quangba.cli.terminal import Group
from quangba.core.errors import FAILED, OK, UNUSABLE, Problem, QuangbaError
from quangba.core.jobs import cpu_count

BELOW = FAILED  # a language below --fail-under, a stamp refused, an import with problems
DOCS_DIR = "coverage_docs_dir"


def echo_error(text: str) -> None:
    click.echo(text, err=True)


def finish(status: int) -> None:
    """Exit with a run's status (problems themselves are QuangbaErrors, printed by the handler)."""
    if status:
        sys.exit(status)


def split_languages(value: str | None, project: Any) -> list[str] | None:
    if not value:
        return None
    langs = [part.strip() for part in value.split(",") if part.strip()]
    allowed = project.languages.translations
    unknown = [lang for lang in langs if lang not in allowed]
    if unknown:
        raise QuangbaError([Problem(Path("--lang"), f"'{', '.join(unknown)}' is not a translation language of the site ({', '.join(allowed)})")], UNUSABLE)
    return list(dict.fromkeys(langs))


class CoverageGroup(Group):
    """A group whose own optional DOCS_DIR argument may come where a subcommand name would."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        args = list(args)
        index = self.first_positional(ctx, args)
        if index is not None and args[index] not in self.commands:
            ctx.meta[DOCS_DIR] = Path(args.pop(index))
            extra = self.first_positional(ctx, args)
            if extra is not None:
                raise click.UsageError(f"unexpected argument '{args[extra]}' (only one DOCS_DIR)", ctx)
        return super().parse_args(ctx, args)

    def first_positional(self, ctx: click.Context, args: list[str]) -> int | None:
        takes_value = {}
        for param in self.get_params(ctx):
            if isinstance(param, click.Option):
                for name in param.opts + param.secondary_opts:
                    takes_value[name] = not (param.is_flag or param.count)
        skip = False
        for index, arg in enumerate(args):
            if skip:
                skip = False
                continue
            if arg == "--":
                return index + 1 if index + 1 < len(args) else None
            if arg.startswith("-") and len(arg) > 1:
                skip = "=" not in arg and takes_value.get(arg, False)
                continue
            return index
        return None

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return ["[OPTIONS] [DOCS_DIR]", "| COMMAND [ARGS]..."]


# Not quangba.cli.terminal's --config: this one defaults to None, so that it may be given to the
# group (`coverage --config X stamp …`) or to the subcommand, and the group's value is inherited.
config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The site's configuration file.  [default: mkdocs.yml]",
)


def config_path(ctx: click.Context, given: Path | None) -> Path:
    return given or ctx.meta.get("coverage_config") or Path("mkdocs.yml")


@click.group(cls=CoverageGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@config_option
@click.option("--lang", "langs", metavar="LANGS", help="Only these languages, comma-separated (e.g. en,zh). Default: all.")
@click.option("--section", metavar="PATH", help="Only pages under this folder of docs/ (e.g. tourism), or one page.")
@click.option("--format", "output", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True, help="How to print the report.")
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="PCT", help="Exit with status 1 if a language has fewer up-to-date pages than PCT %.")
@click.option("--diff", "show_diff", is_flag=True, help="For stale pages, print what changed in the source since the translation (needs git).")
@click.option("--glossary", type=click.Path(path_type=Path, dir_okay=False, exists=True), help="Glossary file.  [default: assets/glossary.yml]")
@click.option("--catalogs", type=click.Path(path_type=Path, file_okay=False), help="Folder of the gettext catalogs (<lang>/LC_MESSAGES/messages.po).")
@click.pass_context
def coverage(
    ctx: click.Context,
    config_file: Path | None,
    langs: str | None,
    section: str | None,
    output: str,
    fail_under: float | None,
    show_diff: bool,
    glossary: Path | None,
    catalogs: Path | None,
) -> None:
    """Which pages are translated, missing, stale or broken, per language and section.

    DOCS_DIR defaults to the docs_dir of mkdocs.yml. Exit status: 0 fine, 1 below --fail-under,
    2 unusable input (each file named in the report).
    """
    if config_file is not None:
        ctx.meta["coverage_config"] = config_file
    if ctx.invoked_subcommand is not None:
        return
    if catalogs is not None and not catalogs.is_dir():
        raise click.BadParameter(f"folder '{catalogs}' not found", param_hint="--catalogs")
    finish(run_report(ctx, config_path(ctx, config_file), langs, section, output, fail_under, show_diff, glossary, catalogs))


# The group's options again, one by one: the group itself is the report when no subcommand is named.
def run_report(
    ctx: click.Context,
    config_file: Path,
    langs: str | None,
    section: str | None,
    output: str,
    fail_under: float | None,
    show_diff: bool,
    glossary: Path | None,
    catalogs: Path | None,
) -> int:
    from quangba.coverage.project import load_project
    from quangba.coverage.report import build_report

    project = load_project(config_file, ctx.meta.get(DOCS_DIR), glossary, catalogs)
    chosen = split_languages(langs, project)
    report = build_report(project, chosen, section, workers=cpu_count())
    if section and not report.sources and not any(language.pages for language in report.languages.values()):
        report.errors.append(Problem(Path(section), f"no pages in this section of {project.shown(project.docs_dir)}"))
    diffs = source_diffs(report) if show_diff else {}
    if output == "json":
        data = report.to_json()
        if show_diff:
            for lang, language in data["languages"].items():
                for page in language["pages"]:
                    if page["git"] is not None:
                        page["git"]["diff"] = diffs.get((lang, page["path"]), "")
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif output == "markdown":
        from quangba.coverage.render import markdown

        click.echo(markdown(report))
        for (lang, page), diff in diffs.items():
            click.echo(f"## Source changes: {page} ({lang})\n\n```diff\n{diff.rstrip()}\n```\n")
    else:
        from rich.console import Console

        from quangba.coverage.render import print_table

        console = Console(highlight=False)
        if not console.is_terminal:  # a log or a file: no terminal width to respect
            console = Console(highlight=False, width=120)
        print_table(report, console)
        for (lang, page), diff in diffs.items():
            console.rule(f"Source changes since the {lang} translation: {page}")
            click.echo(diff.rstrip() or "(no changes in the committed history; see the working copy)")
    if report.errors:
        return UNUSABLE
    if fail_under is not None and (below := report.below(fail_under)):
        shown = ", ".join(f"{lang} {report.languages[lang].percent:.1f} %" for lang in below)
        echo_error(f"Below {fail_under:g} % up to date: {shown}")
        return BELOW
    return OK


def source_diffs(report: Any) -> dict[tuple[str, str], str]:
    from quangba.coverage.gitinfo import Repository

    repository = Repository.find(report.project.docs_dir)
    diffs: dict[tuple[str, str], str] = {}
    if repository is None:
        echo_error("--diff: the docs folder is not in a git repository; no history to compare with")
        return diffs
    for lang, language in report.languages.items():
        for status in language.pages:
            if status.history is not None and status.history.stamped_commit:
                diffs[(lang, status.page)] = repository.diff(status.source.path, status.history.stamped_commit)
    return diffs


@coverage.command()
@click.argument("pages", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--lang", "langs", metavar="LANGS", help="The translations to stamp when PAGE is a source page or folder (e.g. en or en,zh).")
@click.option("--force", is_flag=True, help="Stamp even if the checks find problems.")
@config_option
@click.pass_context
def stamp(ctx: click.Context, pages: tuple[Path, ...], langs: str | None, force: bool, config_file: Path | None) -> None:
    """Record in translations that they match the current source.

    Run it when a translator has finished PAGE (a translation such as docs/tourism/index.en.md,
    or a source page or folder with --lang). Refused while the checks find problems in the
    translation, unless --force.
    """
    finish(run_stamp(config_path(ctx, config_file), list(pages), langs, force))


def run_stamp(config_file: Path, pages: list[Path], langs: str | None, force: bool) -> int:
    from quangba.coverage import glossary as glossaries
    from quangba.coverage import stamp as stamping
    from quangba.coverage.project import load_project
    from quangba.coverage.scan import inventory

    project = load_project(config_file)
    chosen = split_languages(langs, project) or []
    found = inventory(project)
    glossary = glossaries.load(project.glossary, project.shown(project.glossary) if project.glossary else None)
    pairs, problems = stamping.targets(pages, chosen, project, found)
    refused = 0
    for page, lang in pairs:
        outcome = stamping.stamp(page, lang, found, glossary, project, force)
        if isinstance(outcome, Problem):
            problems.append(outcome)
            continue
        if outcome.result == stamping.REFUSED:
            refused += 1
            echo_error(f"Not stamped: {outcome.file} has {len([i for i in outcome.issues if i.severity == 'error'])} problem(s):")
            for issue in outcome.issues:
                echo_error(f"  {issue.where()}: {issue.check}: {issue.message}")
            continue
        verb = "Stamped" if outcome.result == stamping.STAMPED else "Already stamped"
        forced = " (despite problems: --force)" if force and any(i.severity == "error" for i in outcome.issues) else ""
        click.echo(f"{verb} {outcome.file}: made from source version {outcome.digest}{forced}")
    if problems:
        raise QuangbaError(problems, UNUSABLE, summary="Cannot stamp")
    if refused:
        echo_error("Fix the problems (or stamp with --force), then stamp again.")
        return BELOW
    return OK


@coverage.command(short_help="Write XLIFF files of the pages to translate, for an agency.")
@click.argument("pages", nargs=-1, type=click.Path(path_type=Path))
@click.option("--lang", "lang", required=True, metavar="LANG", help="The language to translate into (e.g. ko).")
@click.option(
    "--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("xliff"), show_default=True, help="Folder to write the XLIFF files to."
)
@click.option("--include-unverified", is_flag=True, help="Also export translations that record no source version.")
@config_option
@click.pass_context
def export(ctx: click.Context, pages: tuple[Path, ...], lang: str, out_dir: Path, include_unverified: bool, config_file: Path | None) -> None:
    """Write XLIFF 1.2 files of the pages to translate, for a translation agency.

    By default every missing and stale page of LANG; or just the PAGES given. One file per page,
    e.g. xliff/tourism/index.ko.xlf.
    """
    finish(run_export(config_path(ctx, config_file), lang, list(pages), out_dir, include_unverified))


def run_export(config_file: Path, lang: str, pages: list[Path], out_dir: Path, include_unverified: bool) -> int:
    from quangba.core.errors import QuangbaError
    from quangba.core.outputs import Inputs, guard
    from quangba.coverage import handoff
    from quangba.coverage.project import load_project
    from quangba.coverage.report import MISSING, STALE, UNVERIFIED
    from quangba.coverage.scan import inventory
    from quangba.coverage.stamp import page_of

    project = load_project(config_file)
    split_languages(lang, project)
    found = inventory(project)
    chosen = None
    problems: list[Problem] = []
    if pages:
        chosen = []
        for path in pages:
            located = page_of(path, project)
            if located is None or (project.docs_dir / located[0]).is_dir() or located[0] not in found.sources:
                problems.append(Problem(path, "not a source page of the docs folder"))
            else:
                chosen.append(located[0])
    statuses = {MISSING, STALE} | ({UNVERIFIED} if include_unverified else set())
    try:  # the agency's files never go into the pages (they would be published) or the assets
        guard(out_dir, "the XLIFF files", Inputs.of(project.root, project.docs_dir, project.glossary.parent if project.glossary else None))
    except QuangbaError as error:
        raise QuangbaError(error.problems, UNUSABLE, summary="Not exported") from None
    written, more = handoff.export(project, found, lang, out_dir, chosen, statuses)
    problems += more
    for item in written:
        click.echo(f"{item.file}  ({item.status}, {item.size:,} words)")
    total = sum(item.size for item in written)
    click.echo(f"Wrote {len(written)} XLIFF file{'s' if len(written) != 1 else ''} to {out_dir} ({total:,} source words).")
    if problems:
        raise QuangbaError(problems, UNUSABLE, summary="Not exported")
    return OK


@coverage.command(name="import", short_help="Merge translated XLIFF files back into the pages.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--force",
    is_flag=True,
    help="Stamp the pages even if the checks find problems, and replace translations already stamped as made from the current or the exported source version.",
)
@config_option
@click.pass_context
def import_(ctx: click.Context, files: tuple[Path, ...], force: bool, config_file: Path | None) -> None:
    """Merge translated XLIFF files back into the pages (page.<lang>.md).

    The page and language come from the project's record of the export (.quangba/exports/),
    its structure from the source as exported, and only the translated text from the file.
    The page is written and, when the checks find no problem, stamped with the source version
    it was translated from. With problems it is written unstamped and listed; exit status 1.
    A file that does not match its export record, or whose translations contain markup, is
    refused and nothing of it is written; exit status 2.
    """
    finish(run_import(config_path(ctx, config_file), list(files), force))


def run_import(config_file: Path, files: list[Path], force: bool) -> int:
    from quangba.coverage import glossary as glossaries
    from quangba.coverage import handoff
    from quangba.coverage.project import load_project
    from quangba.coverage.scan import inventory

    project = load_project(config_file)
    found = inventory(project)
    glossary = glossaries.load(project.glossary, project.shown(project.glossary) if project.glossary else None)
    problems: list[Problem] = []
    with_issues = 0
    for path in files:
        if not path.is_file():
            problems.append(Problem(path, "not found"))
            continue
        done, more = handoff.import_file(path, project, found, glossary, force)
        problems += more
        for item in done:
            state = "stamped" if item.stamped else "not stamped (fix the problems below, then run 'quangba coverage stamp')"
            click.echo(f"Imported {path} → {item.file}, {state}")
            if item.source_changed:
                click.echo(f"  The source changed after the export: {item.file} shows as stale.")
            for issue in item.issues:
                click.echo(f"  {issue.where()}: {issue.check}{' (hint)' if issue.severity == 'hint' else ''}: {issue.message}")
            if any(issue.severity == "error" for issue in item.issues):
                with_issues += 1
    if problems:
        raise QuangbaError(problems, UNUSABLE, summary="Not imported")
    return BELOW if with_issues else OK
