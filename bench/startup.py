"""Benchmark: `nextround roles` and `nextround explain` against bare Python start-up.

    .venv/bin/python bench/startup.py                          # the installed nextround
    .venv/bin/python bench/startup.py --against /tmp/old/src   # and another one, side by side

Both commands must stay within 0.3 s of `python -c pass`: they are what a user runs to see
what nextround knows and how it read an ad. Each command runs as `python -m nextround`; the
other version from its source tree through PYTHONPATH (`git archive OLD src templates | tar -x`,
then copy templates/ into src/nextround/, as the wheel does), so two versions share one
interpreter and one set of dependencies and take turns run after run (a busy moment on a
shared machine slows both). The table gives each one's median and fastest run, its median
minus bare Python's, and the ratio of each command's median to this version's.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command")
    parser.add_argument("--against", metavar="SRC", help="another source tree (its src/)")
    args = parser.parse_args()
    trees = {"this": ""}  # the installed package
    if args.against:
        trees["against"] = str(Path(args.against).resolve())
    sample = ROOT / "samples"
    explain = ["explain", "--role", "Senior Data Engineer", "--company", "Acme Grocers",
               "--description-file", str(sample / "acme-grocers.txt")]
    commands: dict[str, tuple[list[str], dict[str, str]]] = {
        "bare python": ([sys.executable, "-c", "pass"], {}),
    }
    for tree, src in trees.items():
        env = {"PYTHONPATH": src}
        commands[f"roles ({tree})"] = ([sys.executable, "-m", "nextround", "roles"], env)
        commands[f"explain ({tree})"] = ([sys.executable, "-m", "nextround", *explain], env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs + 1):  # the first round fills the content cache: not counted
        for name, (command, env) in commands.items():
            start, used = time.perf_counter(), _children_cpu()
            subprocess.run(command, env={**os.environ, **env}, check=True,
                           stdout=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - start)
            cpu[name].append(_children_cpu() - used)
    bare = statistics.median(times["bare python"][1:])
    # CPU seconds too: on a busy machine they vary far less than the wall clock.
    print(f"{'command':22} {'median s':>9} {'fastest s':>10} {'- bare s':>9} {'ratio':>7} "
          f"{'cpu s':>7} {'cpu ratio':>10}")
    for name, values in times.items():
        values, used = values[1:], statistics.median(cpu[name][1:])
        median = statistics.median(values)
        first = name.replace("(against)", "(this)")
        ratio = median / statistics.median(times[first][1:]) if first in times else 1.0
        cpu_ratio = used / statistics.median(cpu[first][1:]) if first in cpu else 1.0
        print(f"{name:22} {median:9.3f} {min(values):10.3f} {median - bare:9.3f} {ratio:7.2f} "
              f"{used:7.3f} {cpu_ratio:10.2f}")


def _children_cpu() -> float:
    """User and system seconds of the processes this one has waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
