"""Where a warm batch row's time goes: CPU time per stage, and the layout passes it costs.

    .venv/bin/python bench/profile_row.py                  # the sample sheet's good rows
    .venv/bin/python bench/profile_row.py --rows 40 --cprofile 30

Runs the rows in this one process, as a batch worker does (library, theme, WeasyPrint and the
font configuration loaded once, two rows to warm up first), and wraps the stages to time them:
composition, HTML templating, and WeasyPrint's own steps (parsing the HTML, the CSS cascade
with the stylesheets' parsing, building boxes, layout, drawing the pages, the rest of writing
the PDF), the Word files, and pickling the files as a worker hands them back. CPU time
(time.process_time), which a shared machine disturbs far less than the wall clock.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import pickle
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import weasyprint
import weasyprint.document as document
import weasyprint.layout.block as block
from mailmerge import make_sheet

from nextround import pipeline
from nextround.batch import Job, Sheet, job_request, plan_jobs
from nextround.batch.work import load_once
from nextround.rendering import docx, html
from nextround.spreadsheet import Spreadsheet

SPENT: dict[str, float] = collections.defaultdict(float)
CALLS: collections.Counter = collections.Counter()


def timed(label: str, function: Callable) -> Callable:
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[label] += time.process_time() - start
            CALLS[label] += 1

    return wrapper


def instrument() -> None:
    """Wrap each stage where it is looked up (WeasyPrint imports its steps by name)."""
    pipeline.compose_documents = timed("composition (reading the ad, composing)",
                                       pipeline.compose_documents)
    html.render_html = timed("HTML templating (Jinja)", html.render_html)
    weasyprint.HTML.__init__ = timed("WeasyPrint: parsing the HTML", weasyprint.HTML.__init__)
    document.get_all_computed_styles = timed("WeasyPrint: stylesheets and cascade",
                                             document.get_all_computed_styles)
    document.build_formatting_structure = timed("WeasyPrint: building boxes",
                                                document.build_formatting_structure)
    layout_document = document.layout_document

    def laid_out(*args, **kwargs):
        start = time.process_time()
        pages = list(layout_document(*args, **kwargs))
        SPENT["WeasyPrint: layout"] += time.process_time() - start
        CALLS["WeasyPrint: layout"] += 1
        return pages

    document.layout_document = laid_out
    block.columns_layout = timed("  of which balancing columns", block.columns_layout)
    document.Page.paint = timed("  of which drawing the pages", document.Page.paint)
    document.Document.write_pdf = timed("WeasyPrint: writing the PDF (drawing included)",
                                        document.Document.write_pdf)
    docx.render_docx = timed("Word files (docxtpl)", docx.render_docx)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=20, help="rows (the sample's, repeated)")
    parser.add_argument("--cprofile", type=int, metavar="N", default=0,
                        help="also print cProfile's N costliest functions (cumulative)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nextround-profile-"))
    make_sheet(work / "rows.csv", args.rows + 2)
    spreadsheet = Spreadsheet(work / "rows.csv")
    sheet = Sheet(folder=spreadsheet.path.parent, columns=spreadsheet.columns.by_field)
    jobs = [job for job in plan_jobs(spreadsheet, work / "out", name="{row}", defaults={})
            if isinstance(job, Job)]
    load_once()
    instrument()

    def row(job: Job) -> None:
        start = time.process_time()
        request = job_request(job, sheet)
        SPENT["the row's request"] += time.process_time() - start
        CALLS["the row's request"] += 1
        files = pipeline.render_files(request)
        start = time.process_time()
        pickle.dumps(files)
        SPENT["pickling the files (hand-off)"] += time.process_time() - start
        CALLS["pickling the files (hand-off)"] += 1

    for job in jobs[:2]:
        row(job)
    SPENT.clear()
    CALLS.clear()
    start = time.process_time()
    for job in jobs[2:]:
        row(job)
    count = len(jobs) - 2
    total = time.process_time() - start
    print(f"{count} warm rows, {total / count * 1000:.0f} ms CPU a row\n")
    print("| stage | ms a row | calls a row |\n|---|---:|---:|")
    order = ["the row's request", "composition (reading the ad, composing)",
             "HTML templating (Jinja)", "WeasyPrint: parsing the HTML",
             "WeasyPrint: stylesheets and cascade", "WeasyPrint: building boxes",
             "WeasyPrint: layout", "  of which balancing columns",
             "WeasyPrint: writing the PDF (drawing included)", "  of which drawing the pages",
             "Word files (docxtpl)", "pickling the files (hand-off)"]
    for label in order:
        print(f"| {label} | {SPENT[label] / count * 1000:.1f} | {CALLS[label] / count:.1f} |")
    print(f"| total | {total / count * 1000:.1f} | |")
    print(f"\nlayout passes a row: {CALLS['WeasyPrint: layout'] / count:.2f} "
          f"(two handouts; more when one is cut to fit its pages)")
    if args.cprofile:
        profile = cProfile.Profile()
        profile.enable()
        for job in jobs[2:]:
            row(job)
        profile.disable()
        pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(
            args.cprofile)


if __name__ == "__main__":
    main()
