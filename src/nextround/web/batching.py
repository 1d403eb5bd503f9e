"""The spreadsheet page: `nextround batch` through its own functions (plan_jobs, job_request,
run_batch, report_bytes), its rows written into the job's folder and handed back as a ZIP."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from ..errors import NextroundError
from .workspace import Job

SHOWN_ROWS = 500  # the dry run lists this many rows on the page; the run does them all


def _open(path: Path):
    from ..batch import Sheet
    from ..spreadsheet import Spreadsheet

    sheet_file = Spreadsheet(path)
    order = sheet_file.date_order()
    sheet = Sheet(folder=path.parent, columns=sheet_file.columns.by_field,
                  date_order=order[0] if order else None)
    return sheet_file, sheet


def _jobs(path: Path, defaults: dict[str, Any]):
    from ..batch import DEFAULT_NAME, plan_jobs
    from ..project import project_defaults

    sheet_file, sheet = _open(path)
    jobs = plan_jobs(sheet_file, path.parent / "out", name=DEFAULT_NAME,
                     defaults={**project_defaults(), **defaults})
    return sheet_file, sheet, jobs


def dry_run(path: Path, defaults: dict[str, Any]) -> dict[str, Any]:
    """What `nextround batch --dry-run` says: the columns matched, and each row's files or
    the reason it would fail, by the row number the spreadsheet shows."""
    from ..batch import Job as BatchJob
    from ..batch import job_request
    from ..pipeline import planned_files

    sheet_file, sheet, jobs = _jobs(path, defaults)
    rows, good, bad = [], 0, 0
    for job in jobs:
        if not isinstance(job, BatchJob):
            continue
        try:
            files = planned_files(job_request(job, sheet))
            good += 1
            row = {"row": job.row, "ok": True, "folder": job.folder.name, "files": files}
        except NextroundError as exc:
            bad += 1
            row = {"row": job.row, "ok": False, "error": str(exc)}
        if len(rows) < SHOWN_ROWS:
            rows.append(row)
    columns = {field: header for field, header in sheet_file.columns.by_field.items()}
    return {"columns": columns, "ignored": list(sheet_file.columns.ignored),
            "notes": list(sheet_file.notes), "rows": rows, "good": good, "bad": bad,
            "total": good + bad, "sheet": path.name, "defaults": defaults}


def run(job: Job) -> None:
    """Run every row (in batch's worker processes), then write report.csv and the ZIP.
    Runs in a thread of its own; the page reads job.state for the progress bar."""
    from ..batch import REPORT, default_workers, report_bytes, run_batch, summary
    from ..writing import make_folder, write_atomic

    state = job.state
    try:
        path = job.folder / state["sheet"]
        _, sheet, jobs = _jobs(path, state["defaults"])
        out = make_folder(path.parent / "out")

        def progress(outcome, tally) -> None:
            state.update(done=tally.done, failed=tally.failed)

        outcomes, tally, stopped = run_batch(
            jobs, sheet, workers=max(1, min(default_workers(), state["total"])), resume=False,
            fail_fast=False, on_outcome=progress)
        write_atomic(out / REPORT, report_bytes(outcomes))
        with zipfile.ZipFile(job.folder / "handouts.zip.part", "w",
                             zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(out.rglob("*")):
                if file.is_file() and not file.name.startswith("."):
                    archive.write(file, file.relative_to(out).as_posix())
        (job.folder / "handouts.zip.part").rename(job.folder / "handouts.zip")
        state.update(summary=summary(tally, None) + (f" (stopped: {stopped})" if stopped else ""),
                     outcomes=[{"row": o.row, "status": o.status, "error": o.error}
                               for o in sorted(outcomes, key=lambda o: o.row)
                               if o.status == "failed"])
    except NextroundError as exc:
        state["error"] = str(exc)
    except Exception as exc:  # a bug: say so on the page rather than spin for ever
        state["error"] = f"nextround hit an internal problem ({type(exc).__name__}: {exc})."
    finally:
        state["finished"] = True
        job.busy = False
