"""Benchmark: how fast the quick commands start, side by side against another install.

    .venv/bin/python bench/startup.py --against /tmp/old/.venv/bin/nextround --runs 15

(Give --this and --against alike, both console scripts or both `python -m nextround`
wrappers, so that the two differ only in the package.)

`--help`, `roles` and `explain` should stay within 0.3 s of bare Python. The commands take
turns, run after run, so a busy moment on a shared machine slows both; the table gives each
one's median and fastest run, and the ratio of the medians.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEXTROUND = str(Path(sys.executable).parent / "nextround")
SAMPLE = ["--from", str(ROOT / "samples" / "acme-grocers.yaml")]
COMMANDS = {"python -c pass": None, "nextround --help": ["--help"], "nextround roles": ["roles"],
            "nextround explain (sample)": ["explain", *SAMPLE]}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command")
    parser.add_argument("--against", metavar="PROGRAM", required=True,
                        help="another installed nextround to compare with")
    parser.add_argument("--this", metavar="PROGRAM", default=NEXTROUND,
                        help="this nextround (default: the one beside this Python)")
    args = parser.parse_args()
    programs = {"this": args.this, "against": args.against}
    times: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.runs):
        for label, arguments in COMMANDS.items():
            for who, program in programs.items():
                command = ([sys.executable, "-c", "pass"] if arguments is None
                           else [program, *arguments])
                times.setdefault((label, who), []).append(timed(command))

    print(f"\nthis: {args.this}\nagainst: {args.against}\n\n"
          f"| command ({args.runs} runs each, taking turns) | this: median | fastest "
          f"| against: median | fastest | ratio |\n|---|---:|---:|---:|---:|---:|")
    for label in COMMANDS:
        this, other = times[label, "this"], times[label, "against"]
        print(f"| {label} | {statistics.median(this):.3f} s | {min(this):.3f} s "
              f"| {statistics.median(other):.3f} s | {min(other):.3f} s "
              f"| {statistics.median(this) / statistics.median(other):.2f} |")


if __name__ == "__main__":
    main()
