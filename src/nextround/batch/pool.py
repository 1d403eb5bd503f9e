"""The local worker pool: rows go to worker processes on this machine, a few at a time."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..processes import ctrl_c_held, die_with_parent, ignore_ctrl_c
from .report import Tally
from .resume import finished
from .rows import Job, Outcome, Sheet
from .work import WorkerLost, load_once, run_job

# WeasyPrint keeps some memory from every document it renders (fonts it has loaded, caches),
# so a worker grows by about half a megabyte a row. Each worker is replaced after this many
# rows: memory stays flat however long the spreadsheet, for about 2% more time.
ROWS_PER_WORKER = 40


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def warm_up() -> None:
    """Start a worker process (see work.load_once); it stays until replaced after
    ROWS_PER_WORKER rows."""
    # Ctrl-C is the parent's to handle: it lets rows in progress finish and writes the report.
    # The worker was started with Ctrl-C held back (processes.ctrl_c_held); now it ignores it.
    ignore_ctrl_c()
    die_with_parent()
    load_once()


def run_in_pool(jobs: Iterator[Job], sheet: Sheet, *, workers: int, fail_fast: bool,
                record: Callable[[Outcome], None], tally: Tally) -> None:
    """Rows go to worker processes a few at a time, so a huge sheet is never all in memory;
    results come back in the order they finish. With --fail-fast no more rows are queued than
    there are workers, so nothing after the first failure starts."""
    in_flight_limit = workers if fail_fast else workers * 3
    # max_tasks_per_child needs fresh interpreters ('spawn'), not forks of this process.
    pool = ProcessPoolExecutor(max_workers=workers, initializer=warm_up,
                               mp_context=multiprocessing.get_context("spawn"),
                               max_tasks_per_child=ROWS_PER_WORKER)
    pending: dict[Any, Job] = {}

    def collect(done) -> None:
        for future in done:
            pending.pop(future)
            record(future.result())

    try:
        for job in jobs:
            # submit() starts workers, and its first call the pool's thread, which starts the
            # replacements: both inherit the held Ctrl-C.
            with ctrl_c_held():
                pending[pool.submit(run_job, job, sheet)] = job
            if len(pending) >= in_flight_limit:
                collect(wait(pending, return_when=FIRST_COMPLETED)[0])
                if fail_fast and tally.failed:
                    return
        while pending and not (fail_fast and tally.failed):
            collect(wait(pending, return_when=FIRST_COMPLETED)[0])
    except BrokenProcessPool:
        raise WorkerLost from None
    except KeyboardInterrupt:
        # Rows already being written finish (their files land whole); the rest never start.
        # A worker that the signal stopped before it could ignore it leaves its row to
        # --resume: it is not a failure of the row.
        for future in pending:
            future.cancel()
        try:
            for future in list(pending):
                if not future.cancelled():
                    with contextlib.suppress(BrokenProcessPool):
                        record(future.result())
                pending.pop(future)
        except KeyboardInterrupt:
            # A second Ctrl-C (or SIGTERM): stop now, not when the rows in progress end. A
            # row whose folder is already whole is still reported as written; the others,
            # stopped part-way, are left to --resume.
            _kill_workers(pool)
            record_whole(list(pending.values()), sheet, record)
            pending.clear()
        raise
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def record_whole(jobs: list[Job], sheet: Sheet, record: Callable[[Outcome], None]) -> None:
    """After a stop at once: the rows in progress whose folders are whole count as written."""
    for job in jobs:
        outcome = finished(job, sheet, "written")
        if outcome is not None:
            record(outcome)


def _kill_workers(pool: Any) -> None:
    """End the pool's workers at once (Python 3.14 has pool.kill_workers() for this)."""
    # Finding its workers gone, Python 3.11's pool thread sets an error on every waiting
    # future, cancelled ones too, and prints the InvalidStateError that gives ("Exception in
    # thread"): the cancelled ones are dropped first.
    waiting = getattr(pool, "_pending_work_items", None)
    if isinstance(waiting, dict):
        for key, item in list(waiting.items()):
            if item.future.cancelled():
                waiting.pop(key, None)
    kill = getattr(pool, "kill_workers", None)
    if kill is not None:
        kill()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            process.kill()
