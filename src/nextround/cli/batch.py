"""nextround batch: the handouts for every row of a spreadsheet."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .common import allow_dir_option, handle_errors, render_fields, render_options

EXAMPLE = """\b
The first row names the columns: role, company, and description or description_file
(relative to the spreadsheet's folder); optional: candidate, interviewers (separated by ';'),
start_date, paper, theme, only, format. Common names work too ("Job Title", "Position",
"Company Name", "Client", "About the company", "Interviewers (semicolon sep.)"); --map names
any other column. A title or notes above the column names are passed over. Dates may be
written 2027-03-15, 3/15/2027, 15.03.2027 or March 15, 2027.

\b
Examples:
  nextround batch samples/candidates.csv
  nextround batch applications.xlsx --sheet "To send" --map role="Vacancy" --out handouts
  nextround batch big.csv --resume          # carry on after a stop; done rows are kept
  nextround batch big.csv --scheduler tcp://10.0.0.5:8786 --out /shared/handouts
"""


def _check_encoding(ctx, param, value: str | None) -> str | None:
    """A wrong --encoding is a usage error (exit code 2), found before anything is read."""
    from ..errors import RequestError
    from ..spreadsheet import check_encoding

    if value is not None:
        try:
            check_encoding(value)
        except RequestError as exc:
            raise click.BadParameter(str(exc)) from None
    return value


@click.command(epilog=EXAMPLE)
@click.argument("spreadsheet", metavar="FILE", type=click.Path(dir_okay=True))
@click.option("--out", "out_dir", default="out", show_default=True, metavar="DIR",
              help="Folder to write into: one subfolder per row, and report.csv.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Rows rendered at once (default: the number of cores).")
@click.option("--resume", is_flag=True,
              help="Skip rows whose handouts are already complete; redo partial ones.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first row that fails.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N",
              help="Only the first N rows (blank rows not counted).")
@click.option("--dry-run", is_flag=True,
              help="Check every row and show what would be written; write nothing.")
@click.option("--name", "name_pattern", metavar="PATTERN",
              help="Folder name per row from {company}, {role}, {candidate}, {row} "
                   "[default: {company}-{role}-{candidate}].")
@click.option("--map", "mappings", metavar='FIELD="Column"', multiple=True,
              help="Read a field from a column with another name (repeat as needed).")
@click.option("--encoding", metavar="NAME", callback=_check_encoding,
              help="The CSV's text encoding (default: detected: UTF-8, UTF-16 or cp1252).")
@click.option("--sheet", metavar="NAME", help="The Excel sheet to read (default: the first).")
@click.option("--header-row", type=click.IntRange(min=1), metavar="N",
              help="The row that names the columns (default: found among the top rows).")
@click.option("--date-order", type=click.Choice(["mdy", "dmy"], case_sensitive=False),
              help="Read dates like 3/4/2027 month first (mdy, US) or day first (dmy).")
@click.option("--quiet", "-q", is_flag=True, help="No progress; only the summary and errors.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Send rows to a Dask cluster (tcp://HOST:8786), or 'local' for one on this "
                   "machine; --out must be a folder every worker can reach. Needs "
                   "pip install \"nextround[dask]\".")
@allow_dir_option
@render_options
@handle_errors
def batch(spreadsheet: str, out_dir: str, jobs: int | None, resume: bool, fail_fast: bool,
          limit: int | None, dry_run: bool, name_pattern: str | None, mappings: tuple[str, ...],
          encoding: str | None, sheet: str | None, header_row: int | None,
          date_order: str | None, quiet: bool, scheduler: str | None, allow_dirs: tuple[str, ...],
          **render: Any) -> None:
    """Write the handouts for every row of a spreadsheet (CSV, Excel .xlsx or JSON Lines).

    Each row gets its own folder under --out; bad rows never stop good ones. Every row's
    outcome goes to OUT/report.csv (row numbers as your spreadsheet program shows them).
    Exit code 0 when every row was written, 1 when any row failed.
    """
    from ..batch import DEFAULT_NAME, Sheet, check_name_template, default_workers, plan_jobs
    from ..project import project_defaults
    from ..spreadsheet import Spreadsheet, parse_mapping

    pattern = name_pattern or DEFAULT_NAME
    check_name_template(pattern)
    if scheduler is not None and not dry_run:
        from ..batch.cluster import require_dask

        require_dask()
    sheet_file = Spreadsheet(spreadsheet, mapping=parse_mapping(mappings), encoding=encoding,
                             sheet=sheet, header_row=header_row)
    if not quiet:
        for note in sheet_file.notes:
            click.echo(note, err=True)
        if sheet_file.columns.ignored:
            click.echo(f"Ignoring columns: {', '.join(map(repr, sheet_file.columns.ignored))}.",
                       err=True)
    # A column that looks meant to be read but is not is a warning even when quiet: it is
    # how names go missing from every handout without a word.
    for line in sheet_file.columns.doubtful():
        click.echo(f"Warning: {line}", err=True)
    if date_order is None and (evident := sheet_file.date_order()):
        date_order, example, row = evident
        if not quiet:
            first = "month" if date_order == "mdy" else "day"
            other = "dmy" if date_order == "mdy" else "mdy"
            click.echo(f"Dates read {first} first, as {example!r} in row {row} shows "
                       f"(--date-order {other} to read them the other way).", err=True)
    out = Path(out_dir)
    sheet = Sheet(folder=sheet_file.path.parent, columns=sheet_file.columns.by_field,
                  allowed=allow_dirs, date_order=date_order.lower() if date_order else None)
    # Lowest first: the settings files, then the options; a row's own column wins over both.
    defaults = {**project_defaults(allowed=allow_dirs), **render_fields(render)}

    def jobs_iter():
        return plan_jobs(sheet_file, out, name=pattern, defaults=defaults, limit=limit)

    if dry_run:
        _dry_run(jobs_iter(), sheet)
        return
    _run(jobs_iter, sheet, sheet_file.path, out, workers=jobs or default_workers(),
         resume=resume, fail_fast=fail_fast, quiet=quiet, scheduler=scheduler)


def _dry_run(jobs: Any, sheet) -> None:
    from ..batch import check_rows

    good = bad = 0
    for job, files, problem in check_rows(jobs, sheet):
        if files is None:
            bad += 1
            click.echo(f"row {job.row}: would fail: {problem}")
        else:
            good += 1
            click.echo(f"row {job.row}: {job.folder}/  {', '.join(files)}")
    click.echo(f"Dry run: {good} row{'s' if good != 1 else ''} would be written, "
               f"{bad} would fail. Nothing was written.")
    if bad:
        sys.exit(1)


def _run(jobs_iter, sheet, spreadsheet: Path, out: Path, **options: Any) -> None:
    from ..batch import run_sheet, stopped_exit_code, stopped_message, summary

    ending = run_sheet(jobs_iter, sheet, spreadsheet, out, **options)
    if ending.kept is not None:
        click.echo(f"The earlier run's report was kept as {ending.kept}.", err=True)
    if ending.stopped:
        click.echo(stopped_message(ending.stopped, ending.tally, ending.total, ending.report),
                   err=True)
        sys.exit(stopped_exit_code(ending.stopped))
    click.echo(summary(ending.tally, ending.report))
    if ending.tally.failed:
        sys.exit(1)
