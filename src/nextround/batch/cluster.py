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
import signal
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from multiprocessing import forkserver
from pathlib import Path
from typing import Any

from ..errors import RequestError
from ..processes import STOP_SIGNALS, ctrl_c_held
from .pool import record_whole
from .report import Tally
from .resume import finished
from .rows import Job, Outcome, Sheet
from .work import WorkerLost

INSTALL = 'pip install "nextround[dask]"'
LOCAL = "local"
CONNECT_SECONDS = 10


def require_dask() -> None:
    """--scheduler without Dask installed: one line saying how to install it."""
    try:
        import distributed  # noqa: F401, PLC0415 (Dask is optional: this is the check)
    except ImportError:
        raise RequestError(f"--scheduler needs Dask, which is not installed: {INSTALL}") \
            from None


def _deaf_forkserver() -> None:
    """Start multiprocessing's fork server with Ctrl-C and SIGTERM ignored, so that the
    LocalCluster's worker processes, forked from it (replacements too), ignore them as the
    local pool's workers do: this process decides what finishes and what is said. (A worker
    started any other way sets up its own Ctrl-C handler, whatever this process blocked.)
    Ignored signals stay ignored in a forked child, and Python keeps them so; the workers
    still end with this process (Dask's workers watch their parent)."""

    if threading.current_thread() is not threading.main_thread():
        return
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in STOP_SIGNALS}
    try:
        forkserver.ensure_running()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class Cluster:
    """A connection to the cluster for one run; `run` has the local pool's signature."""

    def __init__(self, scheduler: str, workers: int):
        require_dask()
        self.scheduler = scheduler
        self.workers = workers

    def _connect(self):
        from distributed import Client, LocalCluster  # noqa: PLC0415 (Dask is optional: pip install "nextround[dask]")

        # Dask's own log lines (a worker restarted, a connection retried) are not the
        # user's business: what matters reaches them as nextround's plain messages.
        logging.getLogger("distributed").setLevel(logging.CRITICAL)
        if self.scheduler == LOCAL:
            import dask  # noqa: PLC0415 (Dask is optional: pip install "nextround[dask]")

            _deaf_forkserver()
            # Port 0 for its status page: any free one (8787 may be another cluster's).
            with ctrl_c_held(), dask.config.set(
                    {"distributed.worker.multiprocessing-method": "forkserver"}):
                cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                       processes=True, dashboard_address=":0",
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
        from distributed import Event, as_completed  # noqa: PLC0415 (Dask is optional: pip install "nextround[dask]")

        from .dask_worker import LoadOnce, run_row  # noqa: PLC0415 (Dask is optional: pip install "nextround[dask]")

        client, cluster = self._connect()
        pending: dict[Any, Job] = {}
        stop = None

        def settle(future: Any, stopping: bool = False) -> None:
            # The row leaves `pending` only once recorded: a Ctrl-C while its result comes
            # back from the worker must not lose a row whose files are written. Stopping, a
            # result may not come back at all (its worker going down) though the files were
            # written: then the folder says what happened.
            job = pending[future]
            try:
                outcome = self._outcome(future, job)
            except WorkerLost:
                if not stopping:
                    raise
                outcome = None
            if stopping and (outcome is None or outcome.status == "failed"):
                outcome = finished(job, sheet, "written") or outcome
            if outcome is not None:
                record(outcome)
            pending.pop(future)
        # Workers may run on other machines, where this folder is not the current one.
        remote_sheet = replace(sheet, folder=sheet.folder.absolute(),
                               allowed=tuple(str(Path(p).absolute()) for p in sheet.allowed))
        try:
            client.register_plugin(LoadOnce())
            # Set at Ctrl-C: a row not started yet is then not started at all.
            stop = Event(f"nextround-stop-{uuid.uuid4().hex}", client=client)
            threads = sum(client.nthreads().values()) or 1
            in_flight_limit = threads if fail_fast else threads * 3
            finishing = as_completed()

            def submit(job: Job) -> None:
                future = client.submit(run_row, replace(job, folder=job.folder.absolute()),
                                       remote_sheet, stop.name, pure=False)
                pending[future] = job
                finishing.add(future)

            for job in jobs:
                submit(job)
                if len(pending) >= in_flight_limit:
                    break
            for future in finishing:
                settle(future)
                if fail_fast and tally.failed:
                    return
                job = next(jobs, None)
                if job is not None:
                    submit(job)
        except KeyboardInterrupt:
            # Rows already being rendered finish (their files land whole); the others, told
            # to stop, return without starting. A second Ctrl-C stops at once: rows whose
            # folders are whole are reported as written, the others are left to --resume.
            try:
                if stop is not None:
                    stop.set()
                for future in list(pending):
                    settle(future, stopping=True)
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
    def _outcome(future, job: Job) -> Outcome | None:
        """The row's outcome; None for a row told to stop before it started."""
        from distributed.scheduler import KilledWorker  # noqa: PLC0415 (Dask is optional: pip install "nextround[dask]")

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
        if outcome is not None and outcome.folder:
            outcome.folder = str(job.folder)
        return outcome
