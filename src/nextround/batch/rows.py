"""The rows of a spreadsheet as jobs: each one's fields, its folder, and its checked request."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import RequestError
from ..request import Request, build_request, confine_paths
from ..spreadsheet import Row, Spreadsheet
from .naming import UniqueNames, folder_name


@dataclass
class Job:
    """One row, ready to run: its fields and its folder."""

    row: int
    fields: dict[str, Any]
    folder: Path
    problem: str = ""  # the row cannot be run; the report says why
    # The fields the row itself gives (the others come from the options or nextround.toml):
    # the paths among them must stay in the spreadsheet's folder.
    from_row: frozenset[str] = frozenset()


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
