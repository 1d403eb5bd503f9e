"""Rows on a Dask cluster (`--scheduler tcp://HOST:8786`, or `--scheduler local` for a
cluster of worker processes on this machine) instead of the local pool.

The same guarantees as the local pool: rows stream in bounded chunks (a few per worker), so
memory does not grow with the sheet; each row's files are written by the worker under
temporary names and renamed, so a worker that dies leaves nothing half-written (Dask runs its
rows again on another worker); Ctrl-C lets the rows in progress finish, a second one stops at
once. The workers write under --out themselves: it must be a folder every worker can reach.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import RequestError
from ..processes import ctrl_c_held
from .pool import record_whole
from .report import Tally
from .rows import Job, Outcome, Sheet
from .work import WorkerLost

INSTALL = 'pip install "nextround[dask]"'
LOCAL = "local"
CONNECT_SECONDS = 10


def require_dask() -> None:
    """--scheduler without Dask installed: one line saying how to install it."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise RequestError(f"--scheduler needs Dask, which is not installed: {INSTALL}") \
            from None


class Cluster:
    """A connection to the cluster for one run; `run` has the local pool's signature."""

    def __init__(self, scheduler: str, workers: int):
        require_dask()
        self.scheduler = scheduler
        self.workers = workers

    def _connect(self):
        from distributed import Client, LocalCluster

        # Dask's own log lines (a worker restarted, a connection retried) are not the
        # user's business: what matters reaches them as nextround's plain messages.
        logging.getLogger("distributed").setLevel(logging.CRITICAL)
        if self.scheduler == LOCAL:
            # Started with Ctrl-C held back, so the worker processes (and the thread that
            # starts replacements for them) are born deaf to it, as the local pool's are.
            with ctrl_c_held():
                cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                       processes=True, dashboard_address=None,
                                       silence_logs=logging.CRITICAL)
                return Client(cluster), cluster
        try:
            with ctrl_c_held():
                return Client(self.scheduler, timeout=CONNECT_SECONDS), None
        except (OSError, TimeoutError, ValueError) as exc:
            raise RequestError(f"Cannot reach the Dask scheduler at {self.scheduler!r}: "
                               f"{exc}. Start one with `dask scheduler` and workers with "
                               f"`dask worker ADDRESS`, or use --scheduler local.") from None

    def run(self, jobs: Iterator[Job], sheet: Sheet, *, workers: int, fail_fast: bool,
            record: Callable[[Outcome], None], tally: Tally) -> None:
        from distributed import as_completed

        from .dask_worker import LoadOnce, run_row

        client, cluster = self._connect()
        pending: dict[Any, Job] = {}
        # Workers may run on other machines, where this folder is not the current one.
        remote_sheet = replace(sheet, folder=sheet.folder.absolute(),
                               allowed=tuple(str(Path(p).absolute()) for p in sheet.allowed))
        try:
            client.register_plugin(LoadOnce())
            threads = sum(client.nthreads().values()) or 1
            in_flight_limit = threads if fail_fast else threads * 3
            finishing = as_completed()

            def submit(job: Job) -> None:
                future = client.submit(run_row, replace(job, folder=job.folder.absolute()),
                                       remote_sheet, pure=False)
                pending[future] = job
                finishing.add(future)

            for job in jobs:
                submit(job)
                if len(pending) >= in_flight_limit:
                    break
            for future in finishing:
                record(self._outcome(future, pending.pop(future)))
                if fail_fast and tally.failed:
                    return
                job = next(jobs, None)
                if job is not None:
                    submit(job)
        except KeyboardInterrupt:
            # Rows already being rendered finish (their files land whole); the rest are
            # cancelled. A second Ctrl-C stops at once: rows whose folders are whole are
            # reported as written, the others are left to --resume.
            try:
                running = {key for keys in client.processing().values() for key in keys}
                for future in [f for f in pending if f.key not in running]:
                    future.cancel()
                    pending.pop(future)
                for future in list(pending):
                    with contextlib.suppress(WorkerLost):
                        record(self._outcome(future, pending[future]))
                    pending.pop(future)
            except KeyboardInterrupt:
                record_whole(list(pending.values()), sheet, record)
                pending.clear()
            raise
        finally:
            for future in pending:
                future.cancel()
            with contextlib.suppress(Exception):
                client.close(timeout=CONNECT_SECONDS)
            if cluster is not None:
                with contextlib.suppress(Exception):
                    cluster.close(timeout=CONNECT_SECONDS)

    @staticmethod
    def _outcome(future, job: Job) -> Outcome:
        from distributed.scheduler import KilledWorker

        try:
            outcome = future.result()
        except KilledWorker:
            # Dask gave the row to another worker each time one died with it; after a few
            # deaths it gives up. Like a broken local pool, this stops the run.
            raise WorkerLost from None
        except Exception as exc:  # the worker could not run it (nextround missing there?)
            return Outcome(job.row, "failed", "", error=f"the Dask worker could not run this "
                           f"row ({type(exc).__name__}: {exc})")
        # The report names the folder as --out does here, not as the workers saw it.
        if outcome.folder:
            outcome.folder = str(job.folder)
        return outcome
