"""Many requests from one spreadsheet: each row is one `generate` through the library API.

What mail-merge tools get wrong, and what this module guarantees instead:
- every row's folder is named from its data (--name), safe on every file system and unique;
- a bad row never stops the good ones, and report.csv says which row failed and why;
- a run that stops (Ctrl-C, a crash, a pulled plug) resumes with --resume: a row counts as done
  only when its manifest, written last, matches the row's fields and its files are all there.

Rows are streamed: at most a few rows per worker are in flight, and each worker writes its own
files, so memory does not grow with the number of rows.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import itertools
import json
import multiprocessing
import os
import stat
import string
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import NextroundError, OutputError, RequestError, collect_warnings
from .library import load_library
from .pipeline import render_files
from .processes import (
    Terminated,
    ctrl_c_held,
    die_with_parent,
    ignore_ctrl_c,
    sigterm_stops_like_ctrl_c,
)
from .request import Request, build_request, confine_paths
from .spreadsheet import Row, Spreadsheet
from .themes import load_theme
from .writing import folder_name, write_atomic, write_files

MANIFEST = ".nextround-row.json"
REPORT = "report.csv"
MAX_NAME = 100
DEFAULT_NAME = "{company}-{role}-{candidate}"
NAME_FIELDS = ("company", "role", "candidate", "row")


@dataclass
class Job:
    """One row, ready to run: its fields, its folder, and the key that says what it was."""

    row: int
    fields: dict[str, Any]
    folder: Path
    problem: str = ""  # the row cannot be run; the report says why
    # The fields the row itself gives (the others come from the options or nextround.toml):
    # the paths among them must stay in the spreadsheet's folder.
    from_row: frozenset[str] = frozenset()

    def key(self, sheet: Sheet) -> str:
        """Changes when anything that shapes this row's files changes (not the day it ran):
        its fields, and the contents of the files they name (an edited description file
        makes the row's handouts stale, though its name stayed the same)."""
        key = hashlib.sha256()
        data = json.dumps(self.fields, sort_keys=True, default=str, ensure_ascii=False)
        key.update(data.encode("utf-8"))
        for name in FILE_FIELDS:
            if self.fields.get(name):
                key.update(f"\0{name}\0".encode())
                key.update(file_fingerprint(sheet.folder / str(self.fields[name])))
        return key.hexdigest()


# The fields that name a file a row reads (relative to the spreadsheet's folder).
FILE_FIELDS = ("description_file", "logo")
# Far more than any description or logo may be: the row fails on the size limit anyway.
FINGERPRINT_LIMIT = 64 * 1024 * 1024


def file_fingerprint(path: Path) -> bytes:
    """A digest of a file's contents, for the row's key. Only a regular file is read (a FIFO
    would block for ever, a device never end), and at most FINGERPRINT_LIMIT bytes of it."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return b"not a regular file"
        digest = hashlib.sha256(str(info.st_size).encode())
        with open(path, "rb") as handle:
            left = FINGERPRINT_LIMIT
            while left > 0 and (chunk := handle.read(min(left, 1 << 20))):
                digest.update(chunk)
                left -= len(chunk)
        return digest.digest()
    except (OSError, ValueError):  # missing or unreadable: the row fails and says why
        return b"cannot be read"


@dataclass(frozen=True)
class Sheet:
    """What every row of one spreadsheet shares (sent once with each row to a worker)."""

    folder: Path  # description files are found relative to it
    columns: dict[str, str]  # field -> column header, to name the column in messages
    allowed: tuple[str, ...] = ()  # folders outside it that paths may name (--allow-dir)
    date_order: str | None = None  # 'mdy' or 'dmy' for dates like 3/4/2027 (--date-order)


@dataclass
class Outcome:
    row: int
    status: str  # written, complete (resumed: already done), failed
    folder: str = ""
    files: list[str] = field(default_factory=list)
    error: str = ""
    warnings: list[str] = field(default_factory=list)


# -- naming ---------------------------------------------------------------------------------


def check_name_template(template: str) -> None:
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise RequestError(f"--name {template!r} is not a valid pattern: {exc}.") from None
    unknown = [n for n in names if n not in NAME_FIELDS]
    if unknown or not names:
        allowed = ", ".join("{" + n + "}" for n in NAME_FIELDS)
        wrong = f" (not {{{unknown[0]}}})" if unknown else ""
        raise RequestError(f"--name {template!r}: use the placeholders {allowed}{wrong}.")


class UniqueNames:
    """Give each row its own folder: a second 'acme-data-engineer' becomes '...-2'."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, name: str) -> str:
        candidate, n = name, 1
        # Compared case-insensitively: on macOS and Windows 'A' and 'a' are the same folder.
        while candidate.casefold() in self.taken:
            n += 1
            suffix = f"-{n}"
            candidate = name[: MAX_NAME - len(suffix)] + suffix
        self.taken.add(candidate.casefold())
        return candidate


# -- planning -------------------------------------------------------------------------------


def plan_jobs(sheet: Spreadsheet, out_dir: Path, *, name: str, defaults: dict[str, Any],
              limit: int | None = None) -> Iterator[Job | Row]:
    """Every row in order as a Job; blank rows come through as Rows (they are only counted)."""
    names = UniqueNames()
    seen = 0
    for row in sheet.rows():
        if row.blank:
            yield row
            continue
        if limit is not None and seen >= limit:
            return
        seen += 1
        fields = {k: _cell_text(v) for k, v in row.fields.items() if _cell_text(v) != ""}
        merged = {**defaults, **fields}  # a column given in the row wins over the option
        folder = out_dir / names.claim(folder_name(name, merged, row.number))
        yield Job(row=row.number, fields=merged, folder=folder, problem=row.problem,
                  from_row=frozenset(fields))


def _cell_text(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


def job_request(job: Job, sheet: Sheet) -> Request:
    """Build and check the row's request; messages name the column the user must fix."""

    def column(*names: str) -> str:
        found = [repr(sheet.columns[n]) for n in names if n in sheet.columns]
        return f" (column {' or '.join(found)})" if found else ""

    if job.problem:
        raise RequestError(job.problem)
    for required in ("role", "company"):
        if not job.fields.get(required):
            raise RequestError(f"The {required} is empty{column(required)}.")
    if not job.fields.get("description") and not job.fields.get("description_file"):
        raise RequestError(
            f"The description is empty{column('description', 'description_file')}."
        )
    fields = dict(job.fields)
    if "description_file" in job.from_row and str(fields["description_file"]).strip() == "-":
        raise RequestError("The description file '-' (standard input) cannot be used in a "
                           "spreadsheet: name a file.")
    # A spreadsheet may come from someone else: the files it names stay in its folder, so it
    # cannot pull /etc/passwd or ~/.ssh into a handout that gets printed and handed out.
    fields.update(confine_paths({k: v for k, v in fields.items() if k in job.from_row},
                                sheet.folder, "the spreadsheet", sheet.allowed, join=False))
    return build_request(fields, base=sheet.folder, date_order=sheet.date_order)


def finished(job: Job, sheet: Sheet, status: str = "complete") -> Outcome | None:
    """The row's outcome if its folder holds it whole: the manifest matches this row and
    every file it lists exists. None if not."""
    try:
        manifest = json.loads((job.folder / MANIFEST).read_text(encoding="utf-8"))
        files = [str(f) for f in manifest["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if manifest.get("key") != job.key(sheet) or not all((job.folder / f).is_file()
                                                         for f in files):
        return None
    return Outcome(job.row, status, str(job.folder), files)


def clear_leftovers(folder: Path) -> None:
    """Temporary files of a run that was killed in the middle of writing this folder."""
    if folder.is_dir():
        for part in folder.glob(".*.part"):
            part.unlink(missing_ok=True)


# -- running one row (in a worker process, or in this one with --jobs 1) ------------------------


def run_job(job: Job, sheet: Sheet) -> Outcome:
    """Render and write one row; every problem becomes the row's error, never an exception."""
    # The report and the progress lines say which row each warning belongs to.
    with collect_warnings("nextround") as warnings:
        outcome = _run_job(job, sheet, render_files, write_files, write_atomic)
    outcome.warnings = [record.getMessage() for record in warnings]
    return outcome


def _run_job(job: Job, sheet: Sheet, render_files, write_files, write_atomic) -> Outcome:
    try:
        # Taken before the files are read: one edited meanwhile makes the row stale, not done.
        key = job.key(sheet)
        request = job_request(job, sheet)
        files = render_files(request)
        clear_leftovers(job.folder)
        (job.folder / MANIFEST).unlink(missing_ok=True)
        paths = write_files(job.folder, files)
        manifest = {"row": job.row, "key": key, "files": sorted(files)}
        write_atomic(job.folder / MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"))
        return Outcome(job.row, "written", str(job.folder), [p.name for p in paths])
    except NextroundError as exc:
        return Outcome(job.row, "failed", "", error=str(exc))
    except Exception as exc:  # a bug: report it on the row, keep the other rows going
        return Outcome(job.row, "failed", "",
                       error=f"internal problem ({type(exc).__name__}: {exc}); please report it")


def warm_up() -> None:
    """Start a worker process: load the content library and the default theme now, and
    WeasyPrint and docxtpl with the first row that needs them; all stay loaded for the rows
    that follow (until the worker is replaced, see ROWS_PER_WORKER)."""
    # Ctrl-C is the parent's to handle: it lets rows in progress finish and writes the report.
    # The worker was started with Ctrl-C held back (processes.ctrl_c_held); now it ignores it.
    ignore_ctrl_c()
    die_with_parent()

    load_library()
    load_theme("default")


# -- the report -----------------------------------------------------------------------------

REPORT_COLUMNS = ("row", "status", "folder", "files", "error", "warnings")


def report_cell(text: str) -> str:
    """A cell Excel shows as text: one starting with = + - @ would be run as a formula, and
    messages may quote what a spreadsheet's author typed."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def report_bytes(outcomes: list[Outcome]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(REPORT_COLUMNS)
    for o in sorted(outcomes, key=lambda o: o.row):
        writer.writerow([o.row, o.status, report_cell(o.folder), "; ".join(o.files),
                         report_cell(o.error), report_cell(" | ".join(o.warnings))])
    # A BOM so Excel opens the report as UTF-8 (accents in error messages stay readable).
    return buffer.getvalue().encode("utf-8-sig")


def _report_text(cell: str) -> str:
    """A report cell as it was before report_cell made it safe for Excel."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@") else cell


def read_report(path: Path) -> list[Outcome]:
    """The rows of an earlier run's report, to keep them (--resume) or set them aside.

    A file under the report's name that nextround did not write (the user's own report.csv,
    the spreadsheet itself) is refused rather than replaced.
    """
    refuse = OutputError(
        f"{str(path)!r} is not a report that nextround wrote, and batch writes its report "
        f"there; nothing was written. Move that file, or choose another folder with --out.")
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            if tuple(next(reader, ())) != REPORT_COLUMNS:
                raise refuse
            outcomes = []
            for cells in reader:
                row, status, folder, files, error, warnings = cells
                if status not in ("written", "complete", "failed"):
                    raise refuse
                outcomes.append(Outcome(
                    int(row), status, _report_text(folder),
                    [f for f in files.split("; ") if f], _report_text(error),
                    [w for w in _report_text(warnings).split(" | ") if w]))
    except (ValueError, UnicodeDecodeError, csv.Error):
        raise refuse from None
    except OSError as exc:
        raise OutputError(f"Cannot read the earlier report {str(path)!r}: "
                          f"{exc.strerror or exc}.") from None
    return outcomes


def check_report_place(spreadsheet: Path, report: Path) -> None:
    """The report must never land on the spreadsheet it reports on."""
    with contextlib.suppress(OSError):
        if os.path.samefile(spreadsheet, report):
            raise OutputError(
                f"The spreadsheet {str(spreadsheet)!r} is where batch writes its report; "
                f"nothing was written. Choose another folder with --out, or move the "
                f"spreadsheet.")


def set_aside(report: Path) -> Path:
    """Rename an earlier run's report to report-<when it was written>.csv (never replacing
    one) and return the new name: a run without --resume starts a fresh report, and the old
    one's rows stay readable."""
    try:
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(report.stat().st_mtime))
        for n in itertools.count(1):
            kept = report.with_name(f"{report.stem}-{stamp}{'' if n == 1 else f'-{n}'}.csv")
            try:
                # A hard link fails if the name is taken, unlike a rename: nothing is replaced.
                os.link(report, kept)
            except FileExistsError:
                continue
            except OSError:  # a file system without hard links (FAT, some network shares)
                if kept.exists():
                    continue
                os.rename(report, kept)
                return kept
            report.unlink()
            return kept
    except OSError as exc:
        raise OutputError(f"Cannot set the earlier report {str(report)!r} aside: "
                          f"{exc.strerror or exc}; nothing was replaced.") from None
    raise AssertionError("unreachable")


@dataclass
class Tally:
    total: int = 0
    written: int = 0
    complete: int = 0
    failed: int = 0
    blank: int = 0

    def count(self, outcome: Outcome) -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)

    @property
    def done(self) -> int:
        return self.written + self.complete + self.failed


def summary(tally: Tally, report: Path | None) -> str:
    parts = [f"{tally.written} written"]
    if tally.complete:
        parts.append(f"{tally.complete} already complete")
    parts.append(f"{tally.failed} failed")
    text = ", ".join(parts)
    if tally.blank:
        text += f" ({tally.blank} blank row{'s' if tally.blank != 1 else ''} skipped)"
    if report is not None and tally.failed:
        text += f": see {report}"
    return text


def run_batch(jobs: Iterator[Job | Row], sheet: Sheet, *, workers: int, resume: bool,
              fail_fast: bool, on_outcome: Callable[[Outcome, Tally], None],
              ) -> tuple[list[Outcome], Tally, str]:
    """Run every job in worker processes; return the outcomes, the tally, and why the run
    stopped early ("interrupted", another reason, or "" when every row was run)."""
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

    stopped = ""
    try:
        with sigterm_stops_like_ctrl_c():
            _run_in_workers(runnable(), sheet, workers, fail_fast, record, tally)
    except Terminated:
        stopped = "terminated"
    except KeyboardInterrupt:
        stopped = "interrupted"
    except BrokenProcessPool:
        stopped = ("a worker process stopped unexpectedly (out of memory, or killed); "
                   "the rows it was rendering were not written")
    return outcomes, tally, stopped


# WeasyPrint keeps some memory from every document it renders (fonts it has loaded, caches),
# so a worker grows by about half a megabyte a row. Each worker is replaced after this many
# rows: memory stays flat however long the spreadsheet, for about 2% more time.
ROWS_PER_WORKER = 40


def _run_in_workers(jobs: Iterator[Job], sheet: Sheet, workers: int, fail_fast: bool,
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
            for future, job in list(pending.items()):
                outcome = finished(job, sheet, "written")
                if outcome is not None:
                    record(outcome)
                pending.pop(future)
        raise
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _kill_workers(pool: Any) -> None:
    """End the pool's workers at once (Python 3.14 has pool.kill_workers() for this)."""
    kill = getattr(pool, "kill_workers", None)
    if kill is not None:
        kill()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            process.kill()


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)
