"""Many requests from one spreadsheet: each row is one `generate` through the library API.

What mail-merge tools get wrong, and what this package guarantees instead:
- every row's folder is named from its data (--name), safe on every file system and unique;
- a bad row never stops the good ones, and report.csv says which row failed and why;
- a run that stops (Ctrl-C, a crash, a pulled plug) resumes with --resume: a row counts as done
  only when its manifest, written last, matches the row's fields and its files are all there.

Rows are streamed: at most a few rows per worker are in flight, and each worker writes its own
files, so memory does not grow with the number of rows.

One job per module: `rows` (a row as a job, and its checked request), `naming` (folder
names), `work` (one row rendered and written), `resume` (the manifest that says a row is
done), `report` (report.csv and the closing words), `pool` (the local worker processes),
`cluster` and `dask_worker` (a Dask cluster instead), `progress` (what is shown meanwhile) and
`run` (a whole run, start to report).
"""

from .naming import DEFAULT_NAME, check_name_template, folder_name
from .pool import ROWS_PER_WORKER, default_workers, warm_up
from .report import REPORT, report_bytes, stopped_exit_code, stopped_message, summary
from .rows import Job, Outcome, Sheet, job_request, plan_jobs
from .run import check_rows, run_batch, run_sheet

__all__ = ["DEFAULT_NAME", "REPORT", "ROWS_PER_WORKER", "Job", "Outcome", "Sheet",
           "check_name_template", "check_rows", "default_workers", "folder_name",
           "job_request", "plan_jobs", "report_bytes", "run_batch", "run_sheet",
           "stopped_exit_code", "stopped_message", "summary", "warm_up"]
