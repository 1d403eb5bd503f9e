"""One row rendered and written, in whatever process runs it (a pool worker, a Dask worker,
or this one): every problem becomes the row's error, never an exception."""

from __future__ import annotations

from ..errors import NextroundError, collect_warnings
from ..library import load_library
from ..pipeline import render_files
from ..themes import load_theme
from ..writing import write_atomic, write_files
from .resume import MANIFEST, manifest_bytes, row_key, start_folder
from .rows import Job, Outcome, Sheet, job_request


def run_job(job: Job, sheet: Sheet) -> Outcome:
    """Render and write one row."""
    # The report and the progress lines say which row each warning belongs to.
    with collect_warnings("nextround") as warnings:
        outcome = _run_job(job, sheet)
    outcome.warnings = [record.getMessage() for record in warnings]
    return outcome


def _run_job(job: Job, sheet: Sheet) -> Outcome:

    try:
        # Taken before the files are read: one edited meanwhile makes the row stale, not done.
        key = row_key(job, sheet)
        request = job_request(job, sheet)
        files = render_files(request)
        start_folder(job.folder)
        paths = write_files(job.folder, files)
        write_atomic(job.folder / MANIFEST, manifest_bytes(job, key, list(files)))
        return Outcome(job.row, "written", str(job.folder), [p.name for p in paths])
    except NextroundError as exc:
        return Outcome(job.row, "failed", "", error=str(exc))
    except Exception as exc:  # a bug: report it on the row, keep the other rows going
        return Outcome(job.row, "failed", "",
                       error=f"internal problem ({type(exc).__name__}: {exc}); please report it")


def load_once() -> None:
    """What every process that runs rows loads when it starts: the content library and the
    default theme now; WeasyPrint and docxtpl with the first row that needs them. All stay
    loaded for the rows that follow."""

    load_library()
    load_theme("default")


class WorkerLost(Exception):
    """A process rendering rows stopped (out of memory, killed): the run stops."""
