"""Running image jobs like a build tool: skip what the cache has, spread the rest over the cores.

A job is one photo's web set, or one photo at one print preset. Its key is computed here, in the
main process (cheap: remembered hashes); only jobs whose outputs are missing or out of date go to
the worker processes. A job that fails is reported and the others carry on.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from quangba.core.errors import QuangbaError
from quangba.core.jobs import pool_context
from quangba.images.cache import Manifest, digest_or_none

Status = Literal["done", "cached", "failed"]


@dataclass
class Outcome:
    job_id: str
    shown: str  # the photo as messages name it
    status: Status = "done"
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def input_problems(self) -> list[str]:
        """What was wrong with the original but could be worked around (a CMYK or 16-bit file,
        transparency flattened for print): the files are made, the command still fails at the end
        so that someone replaces the original. Kept in info, so the cache reports them again."""
        return list(self.info.get("input_problems", []))


class Job(Protocol):
    @property
    def job_id(self) -> str: ...

    @property
    def shown(self) -> str: ...

    def sources(self) -> list[Path]: ...  # the files cache_key hashes

    def cache_key(self, manifest: Manifest) -> str: ...

    def run(self) -> Outcome: ...


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def warnings(self) -> int:
        return sum(len(outcome.warnings) + len(outcome.input_problems) for outcome in self.outcomes)

    @property
    def errors(self) -> int:
        return sum(len(outcome.errors) for outcome in self.outcomes)

    @property
    def worked(self) -> bool:
        return self.count("done") > 0


def run_job(job: Job) -> Outcome:
    """Worker side: run a job; any failure becomes an error message on its outcome, never a crash."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's "possibly corrupt EXIF" and the like: not for editors
            return job.run()
    except QuangbaError as error:
        return Outcome(job.job_id, job.shown, "failed", errors=[f"{job.shown}: {error}"])
    except MemoryError:
        return Outcome(job.job_id, job.shown, "failed", errors=[f"{job.shown}: not enough memory to process this photo"])
    except Exception as error:
        return Outcome(job.job_id, job.shown, "failed", errors=[f"{job.shown}: unexpected error: {type(error).__name__}: {error}"])


def run_jobs(
    jobs: Iterable[Job],
    manifest: Manifest,
    workers: int = 1,
    on_outcome: Callable[[Outcome], None] = lambda outcome: None,
) -> Summary:
    jobs = list(jobs)
    with manifest.locked():
        return run_locked(jobs, manifest, workers, on_outcome)


def run_locked(jobs: list[Job], manifest: Manifest, workers: int, on_outcome: Callable[[Outcome], None]) -> Summary:
    summary = Summary()
    pool: ProcessPoolExecutor | None = None

    def get_pool() -> ProcessPoolExecutor:
        nonlocal pool
        if pool is None:
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=pool_context())
        return pool

    def finish(job: Job, key: str, outcome: Outcome) -> None:
        if outcome.status == "done" and not outcome.errors:
            manifest.record(job.job_id, key, [Path(f) for f in outcome.files], outcome.warnings, outcome.info)
        else:
            outcome.status = "failed"
            manifest.forget(job.job_id)
        summary.outcomes.append(outcome)
        on_outcome(outcome)

    try:
        # New or changed sources are hashed by the workers too: 50 camera JPEGs are half a gigabyte.
        unknown = sorted({str(path) for job in jobs for path in job.sources() if not manifest.knows(path)})
        if workers > 1 and len(unknown) > 1:
            for name, digest in zip(unknown, get_pool().map(digest_or_none, unknown), strict=True):
                if digest is not None:
                    manifest.remember(Path(name), digest)
        pending: list[tuple[Job, str]] = []
        for job in jobs:
            try:
                key = job.cache_key(manifest)
            except OSError as error:
                outcome = Outcome(job.job_id, job.shown, "failed", errors=[f"{job.shown}: cannot be read ({error.strerror or error})"])
                summary.outcomes.append(outcome)
                on_outcome(outcome)
                continue
            entry = manifest.fresh(job.job_id, key)
            if entry is not None:
                outcome = Outcome(job.job_id, job.shown, "cached", list(entry.files), list(entry.warnings), info=dict(entry.info))
                summary.outcomes.append(outcome)
                on_outcome(outcome)
            else:
                pending.append((job, key))
        if workers <= 1 or len(pending) <= 1:
            for job, key in pending:
                finish(job, key, run_job(job))
        else:
            run_in_pool(get_pool(), pending, finish)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        manifest.save()
    return summary


def run_in_pool(pool: ProcessPoolExecutor, pending: list[tuple[Job, str]], finish: Callable[[Job, str, Outcome], None]) -> None:
    futures: dict[Future[Outcome], tuple[Job, str]] = {pool.submit(run_job, job): (job, key) for job, key in pending}
    for future in as_completed(futures):
        job, key = futures[future]
        try:
            outcome = future.result()
        except BrokenProcessPool:
            outcome = Outcome(
                job.job_id,
                job.shown,
                "failed",
                errors=[f"{job.shown}: the image worker stopped (out of memory?) while this photo was being processed"],
            )
        finish(job, key, outcome)
