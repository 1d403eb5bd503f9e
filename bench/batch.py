"""Benchmark: how fast `nextround batch` is, side by side in one run, and how cold commands start.

    make bench                                   # 500 rows, memory at 100 and 2,000 rows
    .venv/bin/python bench/batch.py --rows 100 --memory-rows 50,200 --per-process-rows 10

Prints one table. Every number comes from running the installed `nextround` command in a
fresh process, the way a user runs it; the machine may be shared, so compare the ratios
measured in the same run rather than absolute numbers across runs.
"""

from __future__ import annotations

import argparse
import csv
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

ROLES = ["Senior Data Engineer", "Sous Chef", "RN – ICU, nights", "AE, Mid-Market",
         "Head of People", "Store Manager", "Director of Finance", "IT Support Specialist",
         "Product Designer", "VP Marketing"]
DESCRIPTIONS = [
    "{c} runs 142 stores across Ohio and Indiana. We are migrating the data warehouse to "
    "Snowflake in 2027 and must stay PCI DSS compliant. The team works hybrid.",
    "{c} is a 60-cover bistro in Lyon opening a second site in May. We bake everything "
    "in-house and hold a 5-star food hygiene rating.",
    "{c} is a 300-bed teaching hospital. We follow HIPAA and are opening a new 24-bed ICU "
    "next spring. Nurses work 12-hour shifts.",
    "{c} is a Series B start-up selling payroll software to 2,000 mid-market companies. We "
    "are launching in Canada this year and are SOC 2 Type II certified. Remote-first.",
]


def make_sheet(path: Path, rows: int) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Candidate", "Job Title", "Company Name", "About the company"])
        for i in range(rows):
            company = f"Company {i:04d}"
            writer.writerow([f"Candidate {i}", ROLES[i % len(ROLES)], company,
                             DESCRIPTIONS[i % len(DESCRIPTIONS)].format(c=company)])
    return path


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time of a command, and the peak resident memory (MB) of its biggest process.

    The peak comes from getrusage of this process's waited-for descendants, so each command
    runs in a fresh helper process to read its own peak, not an earlier command's.
    """
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
        "t = time.perf_counter() - t\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(t, peak, r.returncode)\n"
        "sys.stderr.write(r.stderr.decode()[-2000:] if r.returncode not in (0, 1) else '')\n"
    )
    result = subprocess.run([sys.executable, "-c", probe, *command], cwd=cwd,
                            capture_output=True, text=True, check=True)
    seconds, peak_kb, code = result.stdout.split()
    if int(code) != 0:
        raise SystemExit(f"{' '.join(command)} failed ({code}): {result.stderr}")
    return float(seconds), int(peak_kb) // 1024


def batch(sheet: Path, out: Path, jobs: int) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    return timed([NEXTROUND, "batch", str(sheet), "--out", str(out), "--jobs", str(jobs),
                  "--quiet"], out.parent)


def one_process_per_row(sheet: Path, out: Path, rows: int) -> float:
    with open(sheet, encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))[:rows]
    start = time.perf_counter()
    for r in records:
        subprocess.run([NEXTROUND, "generate", "--role", r["Job Title"], "--company",
                        r["Company Name"], "--description", r["About the company"],
                        "--candidate", r["Candidate"], "--out", str(out)],
                       check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def cold(command: list[str], cwd: Path, repeat: int) -> float:
    """Median wall time of a command started afresh."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=500, help="rows for the speed runs")
    parser.add_argument("--per-process-rows", type=int, default=30,
                        help="rows done with one `nextround generate` each")
    parser.add_argument("--memory-rows", default="100,2000",
                        help="row counts at which to measure peak memory (all cores)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per cold-start timing")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    work = Path(tempfile.mkdtemp(prefix="nextround-bench-"))
    sample = ["--from", str(ROOT / "samples" / "acme-grocers.yaml")]
    rows_out: list[tuple[str, str, str]] = []

    def line(label: str, value: str, goal: str = "") -> None:
        rows_out.append((label, value, goal))
        print(f"  {label:<44} {value:>16}  {goal}", file=sys.stderr, flush=True)

    print(f"nextround benchmark: {cores} cores, {args.rows} rows, in {work}", file=sys.stderr)
    sheet = make_sheet(work / f"rows-{args.rows}.csv", args.rows)

    # Cold starts first, while nothing else of ours is running.
    bare = cold([sys.executable, "-c", "pass"], work, args.repeat)
    line("python -c pass", f"{bare:.2f} s")
    for name, command in [("nextround --help", [NEXTROUND, "--help"]),
                          ("nextround roles", [NEXTROUND, "roles"]),
                          ("nextround explain (sample)", [NEXTROUND, "explain", *sample])]:
        t = cold(command, ROOT, args.repeat)
        line(name, f"{t:.2f} s (+{t - bare:.2f})", "goal: within +0.30 s of python")
    gen = cold([NEXTROUND, "generate", *sample, "--out", str(work / "gen")], ROOT, args.repeat)
    line("nextround generate (sample, 4 files)", f"{gen:.2f} s", "goal: under 2 s")

    t1, m1 = batch(sheet, work / "jobs1", 1)
    line("batch --jobs 1", f"{args.rows / t1:.2f} rows/s", f"{t1:.0f} s, peak {m1} MB")
    tn, mn = batch(sheet, work / "jobsN", cores)
    line(f"batch --jobs {cores} (all cores)", f"{args.rows / tn:.2f} rows/s",
         f"{tn:.0f} s, peak {mn} MB")
    tp = one_process_per_row(sheet, work / "per-process", args.per_process_rows)
    per_process_rate = args.per_process_rows / tp
    line(f"generate once per row ({args.per_process_rows} rows)",
         f"{per_process_rate:.2f} rows/s", f"{tp:.0f} s")
    line("all cores vs --jobs 1", f"{t1 / tn:.2f}x", "goal: at least 1.7x (2 cores)")
    line("all cores vs one process per row", f"{(args.rows / tn) / per_process_rate:.2f}x",
         "goal: at least 3x")

    for count in [int(n) for n in args.memory_rows.split(",") if n.strip()]:
        big = make_sheet(work / f"rows-{count}.csv", count)
        t, peak = batch(big, work / f"mem-{count}", cores)
        line(f"peak memory per process, {count} rows", f"{peak} MB",
             f"{count / t:.2f} rows/s; goal: under 300 MB and flat")

    print("\n| measure | result | note |\n|---|---:|---|")
    for label, value, goal in rows_out:
        print(f"| {label} | {value} | {goal} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
