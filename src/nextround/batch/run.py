"""A whole run: rows that need doing go to the local pool or a Dask cluster, each outcome is
counted and shown, and the report is written however the run ends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import NextroundError
from ..pipeline import planned_files
from ..processes import Terminated, sigterm_stops_like_ctrl_c
from ..spreadsheet import Row
from ..writing import make_folder
from .cluster import Cluster
from .pool import run_in_pool
from .progress import Progress
from .report import INTERRUPTED, TERMINATED, WORKER_LOST, Report, Tally
from .resume import finished
from .rows import Job, Outcome, Sheet, job_request
from .work import WorkerLost


def run_batch(jobs: Iterator[Job | Row], sheet: Sheet, *, workers: int, resume: bool,
              fail_fast: bool, on_outcome: Callable[[Outcome, Tally], None],
              scheduler: str | None = None) -> tuple[list[Outcome], Tally, str]:
    """Run every job in worker processes (this machine's, or a Dask cluster's when scheduler
    is given); return the outcomes, the tally, and why the run stopped early ("interrupted",
    "terminated", another reason, or "" when every row was run)."""
    outcomes: list[Outcome] = []
    tally = Tally()

    def record(outcome: Outcome) -> None:
        outcomes.append(outcome)
        tally.count(outcome)
        on_outcome(outcome, tally)

    def runnable() -> Iterator[Job]:
        for job in jobs:
            if isinstance(job, Row):
                tally.blank += 1
                continue
            done = finished(job, sheet) if resume and not job.problem else None
            if done is not None:
                record(done)
                continue
            yield job

    if scheduler is None:
        runner = run_in_pool
    else:
        cluster = Cluster(scheduler, workers)
        runner = cluster.run
    stopped = ""
    try:
        with sigterm_stops_like_ctrl_c():
            runner(runnable(), sheet, workers=workers, fail_fast=fail_fast, record=record,
                   tally=tally)
    except Terminated:
        stopped = TERMINATED
    except KeyboardInterrupt:
        stopped = INTERRUPTED
    except WorkerLost:
        stopped = WORKER_LOST
    return outcomes, tally, stopped


@dataclass
class Ending:
    """How a run ended, for the command line to say."""

    tally: Tally
    total: int
    stopped: str
    report: Path
    kept: Path | None  # where the earlier run's report was set aside


def run_sheet(plan: Callable[[], Iterator[Job | Row]], sheet: Sheet, spreadsheet: Path,
              out: Path, *, workers: int, resume: bool, fail_fast: bool, quiet: bool,
              scheduler: str | None = None) -> Ending:
    """Run every row `plan()` yields and write OUT/report.csv, whatever stops the run."""

    # SIGTERM (systemd, docker, CI) stops the run as Ctrl-C does, up to the report's last byte.
    with sigterm_stops_like_ctrl_c():
        report = Report(out, spreadsheet)
        total = sum(isinstance(j, Job) for j in plan())
        make_folder(out)
        progress = Progress(total, quiet=quiet)
        try:
            outcomes, tally, stopped = run_batch(
                plan(), sheet, workers=min(workers, max(total, 1)), resume=resume,
                fail_fast=fail_fast, on_outcome=progress.update, scheduler=scheduler)
        finally:
            progress.close()
        kept = report.write(outcomes, resume=resume)
    return Ending(tally, total, stopped, report.path, kept)


def check_rows(jobs: Iterator[Job | Row], sheet: Sheet
               ) -> Iterator[tuple[Job, list[str] | None, str]]:
    """--dry-run: each row with the files it would write, or the reason it would fail."""

    for job in jobs:
        if not isinstance(job, Job):
            continue
        try:
            request = job_request(job, sheet)
        except NextroundError as exc:
            yield job, None, str(exc)
            continue
        yield job, planned_files(request), ""
