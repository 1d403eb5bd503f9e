"""What a Dask worker runs for `nextround batch --scheduler`: imported on the workers (so
nextround, with the [dask] extra, must be installed there too), and only when Dask is used."""

from __future__ import annotations

import gc
import threading

from distributed import Event, WorkerPlugin

from ..rendering.html import load_weasyprint, release_fonts
from .rows import Job, Outcome, Sheet
from .work import load_once, run_job

# As in the local pool (pool.ROWS_PER_WORKER): WeasyPrint keeps a little of every document it
# renders. A Dask worker is not replaced, so after this many rows it lets go of its fonts
# (loaded again with the next row) and collects what they held.
ROWS_BEFORE_CLEANUP = 40
_rows = 0
_lock = threading.Lock()


class LoadOnce(WorkerPlugin):
    """Each worker loads WeasyPrint, the default theme and the content library when it
    starts (and again if it is restarted), not with its first row."""

    name = "nextround-load-once"

    def setup(self, worker) -> None:

        load_once()
        load_weasyprint()


def run_row(job: Job, sheet: Sheet, stop: str) -> Outcome | None:
    """The row's outcome, or None when the run was stopped (Ctrl-C) before it started."""
    global _rows
    if Event(stop).is_set():
        return None
    outcome = run_job(job, sheet)
    with _lock:
        _rows += 1
        cleanup = _rows % ROWS_BEFORE_CLEANUP == 0
    if cleanup:

        release_fonts()
        gc.collect()
    return outcome
