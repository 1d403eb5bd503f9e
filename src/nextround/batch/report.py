"""report.csv: one line per row (its status, folder, files, error and warnings), and what is
said at the end of a run. The report never replaces anything nextround did not write."""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from ..writing import write_atomic
from .rows import Outcome

REPORT = "report.csv"
REPORT_COLUMNS = ("row", "status", "folder", "files", "error", "warnings")


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


class Report:
    """OUT/report.csv for one run: checked before the run starts, written when it ends.

    An earlier run's report is carried on with --resume (its rows stay unless this run redoes
    them); a fresh run sets it aside under its date instead of replacing it.
    """

    def __init__(self, out: Path, spreadsheet: Path):
        self.path = out / REPORT
        check_report_place(spreadsheet, self.path)
        self.earlier = read_report(self.path) if self.path.exists() else None

    def write(self, outcomes: list[Outcome], *, resume: bool) -> Path | None:
        """Write the report; return where the earlier run's report was set aside, if it was."""

        kept = None
        if self.earlier is not None and resume:
            redone = {o.row for o in outcomes}
            outcomes = outcomes + [o for o in self.earlier if o.row not in redone]
        elif self.earlier is not None and self.path.exists():
            kept = set_aside(self.path)
        write_atomic(self.path, report_bytes(outcomes))
        return kept


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


# Why a run stopped early, and the exit code: 128 + the signal's number, as a shell reports
# a program the signal stopped.
INTERRUPTED, TERMINATED = "interrupted", "terminated"
WORKER_LOST = ("a worker process stopped unexpectedly (out of memory, or killed); "
               "the rows it was rendering were not written")


def stopped_message(stopped: str, tally: Tally, total: int, report: Path) -> str:
    reason = {INTERRUPTED: "Interrupted", TERMINATED: "Stopped by SIGTERM"}.get(
        stopped, f"Stopped: {stopped};")
    return (f"{reason} after {tally.done} of {total} rows ({summary(tally, None)}); no file "
            f"was left half-written. Run the same command with --resume to finish; see "
            f"{report}.")


def stopped_exit_code(stopped: str) -> int:
    return {INTERRUPTED: 130, TERMINATED: 143}.get(stopped, 1)
