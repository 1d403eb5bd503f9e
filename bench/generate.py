"""Benchmark: one `nextround generate`, side by side against one process, or another install.

    .venv/bin/python bench/generate.py              # side by side vs --debug (one process)
    .venv/bin/python bench/generate.py --against /tmp/old/.venv/bin/nextround --runs 10

The commands take turns, run after run, so a busy moment on a shared machine slows both; the
table gives each one's median and fastest run, and the ratio of the medians.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEXTROUND = str(Path(sys.executable).parent / "nextround")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each command")
    parser.add_argument("--against", metavar="PROGRAM",
                        help="another installed nextround to compare with (default: this one "
                             "with --debug, which renders everything in one process)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nextround-bench-"))
    sample = ["generate", "--from", str(ROOT / "samples" / "acme-grocers.yaml")]
    commands = {
        "this nextround": [NEXTROUND, *sample],
        (args.against or "one process (--debug)"):
            [args.against, *sample] if args.against else [NEXTROUND, "--debug", *sample],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for run in range(args.runs):
        for name, command in commands.items():
            out = work / f"out-{run}"
            start = time.perf_counter()
            subprocess.run([*command, "--out", str(out)], check=True, stdout=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - start)
            shutil.rmtree(out)
    shutil.rmtree(work, ignore_errors=True)

    print(f"\n| `nextround generate` (sample, 4 files), {args.runs} runs each "
          f"| median | fastest |\n|---|---:|---:|")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.2f} s | {min(values):.2f} s |")
    this, other = (statistics.median(v) for v in times.values())
    print(f"\nThis nextround is {other / this:.2f}x as fast (ratio of the medians).")


if __name__ == "__main__":
    main()
