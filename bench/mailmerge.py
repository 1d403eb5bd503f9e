"""Benchmark: `nextround batch` against a mail merge, side by side in one run on the same rows.

    make bench
    .venv/bin/python bench/mailmerge.py --rows 24 --rounds 3 --per-process-rows 8
    .venv/bin/python bench/mailmerge.py --against /tmp/old/.venv/bin/nextround   # before/after

What an outplacement firm or a careers office would script instead of nextround: Word
templates filled by docxtpl, then LibreOffice turning every file into a PDF in one call. Here
the templates are nextround's own Word files, filled with the content nextround composed for
each row (composed before the clock starts, so the mail merge is not charged for it), in one
Python process; then ONE `soffice --headless --convert-to pdf` for all of them. Against it:

- `nextround batch` on all cores (and `--scheduler local`, a Dask LocalCluster, when Dask is
  installed), 4 files a row (two PDFs, two Word files), as the mail merge makes;
- one `nextround generate` per row, as a shell loop would.

The rows are the sample sheet's good rows (samples/candidates.csv), repeated under new company
names to make --rows. The ways take turns, round after round, so a busy moment on a shared
machine slows each of them alike; the table gives each way's median rows/s and its ratio to
the mail merge measured in the same run. Compare ratios, not absolute numbers, across runs.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NEXTROUND = str(BIN / "nextround")
SAMPLE = ROOT / "samples" / "candidates.csv"
COLUMNS = ["Candidate", "Job Title", "Company Name", "About the company", "Interviewers",
           "Start date"]


def sample_rows() -> list[dict[str, str]]:
    """The sample sheet's good rows, each with its description as text."""
    rows = []
    with open(SAMPLE, encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            if not r["Job Title"].strip():
                continue
            if not r["About the company"].strip():
                path = SAMPLE.parent / r["description_file"]
                if not path.is_file():
                    continue
                r["About the company"] = path.read_text(encoding="utf-8")
            rows.append({c: r[c] for c in COLUMNS})
    return rows


def make_sheet(path: Path, count: int) -> list[dict[str, str]]:
    base = sample_rows()
    rows = []
    for i in range(count):
        row = dict(base[i % len(base)])
        if i >= len(base):  # the same ad, another employer: a folder of its own
            old = row["Company Name"]
            row["Company Name"] = f"{old} {i // len(base) + 1}"
            row["About the company"] = row["About the company"].replace(old,
                                                                        row["Company Name"])
        rows.append(row)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return rows


def compose_all(sheet: Path, work: Path) -> Path:
    """Each row's composed handouts and the Word templates' theme values, as JSON: the mail
    merge's data source. Done in a process of its own, before any clock starts."""
    code = """
import json, sys
from pathlib import Path
from nextround.batch import Job, Sheet, job_request, plan_jobs
from nextround.pipeline import compose_documents
from nextround.rendering.branding import template_theme
from nextround.spreadsheet import Spreadsheet
from nextround.themes import load_theme

spreadsheet = Spreadsheet(sys.argv[1])
sheet = Sheet(folder=spreadsheet.path.parent, columns=spreadsheet.columns.by_field)
theme = load_theme("default")
records = []
for job in plan_jobs(spreadsheet, Path("out"), name="{row}", defaults={}):
    if isinstance(job, Job):
        request = job_request(job, sheet)
        docs = compose_documents(request)
        records.append({"row": job.row, "docs": docs,
                        "theme": template_theme(theme.with_branding(request.branding()),
                                                "docx", "")})
Path(sys.argv[2]).write_text(json.dumps(records, default=str), encoding="utf-8")
"""
    data = work / "merge-data.json"
    subprocess.run([sys.executable, "-c", code, str(sheet), str(data)], check=True)
    return data


MERGE = """
import json, sys
from pathlib import Path
from docxtpl import DocxTemplate
from nextround.handouts import handout  # the templates read doc.research.items, not a dict's

templates, out = Path(sys.argv[1]), Path(sys.argv[3])
data = json.loads(Path(sys.argv[2]).read_text())
for record in data:
    for name, doc in record["docs"].items():
        template = DocxTemplate(str(templates / f"{name}.docx"))
        template.render({"doc": handout(doc), "theme": record["theme"]}, autoescape=True)
        template.save(out / f"row-{record['row']}-{name}.docx")
"""


def mail_merge(data: Path, out: Path, profile: Path) -> None:
    """docxtpl fills every Word file, then one soffice call converts them all."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    subprocess.run([sys.executable, "-c", MERGE, str(ROOT / "templates" / "default"),
                    str(data), str(out)], check=True)
    soffice(sorted(out.glob("*.docx")), out, profile)
    made = len(list(out.glob("*.pdf")))
    if made != len(list(out.glob("*.docx"))):
        raise SystemExit(f"LibreOffice converted {made} of the Word files")


def soffice(files: list[Path], out: Path, profile: Path) -> None:
    # A profile of its own: another LibreOffice running on the machine would otherwise be
    # handed the files (and the clock would stop before they were converted).
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, files)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def batch(sheet: Path, out: Path, extra: list[str], program: str = NEXTROUND) -> None:
    shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run([program, "batch", str(sheet), "--out", str(out), "--quiet",
                             *extra], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"nextround batch failed: {result.stdout}{result.stderr}")


def generate_each(rows: list[dict[str, str]], out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    for r in rows:
        command = [NEXTROUND, "generate", "--role", r["Job Title"], "--company",
                   r["Company Name"], "--description", r["About the company"],
                   "--candidate", r["Candidate"], "--out", str(out)]
        for person in filter(None, (p.strip() for p in r["Interviewers"].split(";"))):
            command += ["--interviewer", person]
        if r["Start date"].strip():
            command += ["--start-date", r["Start date"].strip()]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def has_dask() -> bool:
    code = "import importlib.util, sys; sys.exit(importlib.util.find_spec('distributed') is None)"
    return subprocess.run([sys.executable, "-c", code]).returncode == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=48, help="rows for batch and the merge")
    parser.add_argument("--per-process-rows", type=int, default=12,
                        help="of those, the rows done with one `nextround generate` each")
    parser.add_argument("--rounds", type=int, default=3, help="turns each way takes")
    parser.add_argument("--no-dask", action="store_true", help="leave --scheduler local out")
    parser.add_argument("--against", metavar="PROGRAM",
                        help="also run another installed nextround's batch (an older version, "
                             "say) on the same rows, taking turns with the others")
    args = parser.parse_args()
    if shutil.which("soffice") is None:
        raise SystemExit("LibreOffice (soffice) is needed for the mail merge: "
                         "make system-deps")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    work = Path(tempfile.mkdtemp(prefix="nextround-mailmerge-"))
    sheet = work / "rows.csv"
    rows = make_sheet(sheet, args.rows)
    few = rows[: args.per_process_rows]
    print(f"nextround against a mail merge: {cores} cores, {args.rows} rows "
          f"({args.per_process_rows} for one generate per row), {args.rounds} rounds, "
          f"in {work}", file=sys.stderr, flush=True)
    data = compose_all(sheet, work)
    profile = work / "libreoffice-profile"
    warm = work / "warm"
    warm.mkdir()
    (warm / "warm.txt").write_text("LibreOffice starts once before the clock does.\n")
    soffice([warm / "warm.txt"], warm, profile)

    ways: dict[str, tuple[int, object]] = {
        f"nextround batch (all {cores} cores)":
            (args.rows, lambda: batch(sheet, work / "batch", [])),
        "mail merge: docxtpl, then one soffice call":
            (args.rows, lambda: mail_merge(data, work / "merge", profile)),
        "nextround generate, once per row":
            (len(few), lambda: generate_each(few, work / "each")),
    }
    if args.against:
        ways[f"{args.against} batch (all {cores} cores)"] = (
            args.rows, lambda: batch(sheet, work / "against", [], args.against))
    if not args.no_dask and has_dask():
        ways[f"nextround batch --scheduler local ({cores} workers)"] = (
            args.rows, lambda: batch(sheet, work / "dask", ["--scheduler", "local"]))
    rates: dict[str, list[float]] = {name: [] for name in ways}
    for turn in range(args.rounds):
        for name, (count, run) in ways.items():
            start = time.perf_counter()
            run()
            seconds = time.perf_counter() - start
            rates[name].append(count / seconds)
            print(f"  round {turn + 1}: {name:<48} {count / seconds:6.2f} rows/s "
                  f"({seconds:.1f} s)", file=sys.stderr, flush=True)

    median = {name: statistics.median(r) for name, r in rates.items()}
    merge = median["mail merge: docxtpl, then one soffice call"]
    each = median["nextround generate, once per row"]
    batch_rate = median[f"nextround batch (all {cores} cores)"]
    print(f"\n{time.strftime('%Y-%m-%d')}, {cores} cores, {args.rows} rows, 4 files a row, "
          f"median of {args.rounds} rounds:\n")
    print("| way | rows/s | vs the mail merge |\n|---|---:|---:|")
    for name in ways:
        print(f"| {name} | {median[name]:.2f} | {median[name] / merge:.2f}x |")
    print(f"\nbatch vs the mail merge: {batch_rate / merge:.2f}x (goal: at least 1.3x); "
          f"batch vs one generate per row: {batch_rate / each:.2f}x (goal: at least 3x)")
    dask_name = next((n for n in ways if "--scheduler" in n), None)
    if dask_name:
        print(f"--scheduler local vs the local pool: {median[dask_name] / batch_rate:.2f}x "
              f"(goal: within 20%, at least 0.8x)")
    json.dump({"rows_per_second": median}, sys.stderr)
    print(file=sys.stderr)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
