"""Benchmark: how fast the quick commands start (`--help`, `explain --help`, `roles`,
`explain`), against bare Python start-up and, side by side, against another version.

    .venv/bin/python bench/startup.py                                   # this version only
    .venv/bin/python bench/startup.py --against /tmp/old/src            # another source tree
    .venv/bin/python bench/startup.py --against /tmp/old/.venv/bin/nextround   # an install

All four must stay within 0.3 s of `python -c pass`: they are what a user runs to see the
options, what nextround knows and how it read an ad. This version runs as `python -m nextround`
(or as --this PROGRAM). The other is either a source tree, run the same way through PYTHONPATH
(`git archive OLD src templates | tar -x`, then copy templates/ into src/nextround/, as the
wheel does), so two versions share one interpreter and one set of dependencies; or an installed
program (then give --this a program of the same kind, so that the two differ only in the
package). The commands take turns run after run (a busy moment on a shared machine slows
both). The table gives each one's median and fastest run, its median minus bare Python's, the
ratio of each command's median to this version's, and the CPU seconds, which vary far less
than the wall clock on a busy machine.
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
SAMPLE = ROOT / "samples"
COMMANDS = {
    "--help": ["--help"],
    "explain --help": ["explain", "--help"],
    "roles": ["roles"],
    "explain": ["explain", "--role", "Senior Data Engineer", "--company", "Acme Grocers",
                "--description-file", str(SAMPLE / "acme-grocers.txt")],
}


def version(given: str | None) -> tuple[list[str], dict[str, str]]:
    """How to run one version: the installed package (nothing given), a source tree (a
    folder: its src/), or a program."""
    if given is None:
        return [sys.executable, "-m", "nextround"], {}
    path = Path(given).resolve()
    if path.is_dir():
        return [sys.executable, "-m", "nextround"], {"PYTHONPATH": str(path)}
    return [str(path)], {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command")
    parser.add_argument("--against", metavar="SRC_OR_PROGRAM",
                        help="another version: a source tree (its src/) or an installed program")
    parser.add_argument("--this", metavar="SRC_OR_PROGRAM",
                        help="this version (default: the package installed beside this Python)")
    args = parser.parse_args()
    versions = {"this": version(args.this)}
    if args.against:
        versions["against"] = version(args.against)
        print(f"this: {args.this or 'python -m nextround'}\nagainst: {args.against}\n")
    commands: dict[str, tuple[list[str], dict[str, str]]] = {
        "bare python": ([sys.executable, "-c", "pass"], {}),
    }
    for label, arguments in COMMANDS.items():
        for who, (program, env) in versions.items():
            commands[f"{label} ({who})"] = ([*program, *arguments], env)
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
    print(f"{'command':26} {'median s':>9} {'fastest s':>10} {'- bare s':>9} {'ratio':>7} "
          f"{'cpu s':>7} {'cpu ratio':>10}")
    for name, values in times.items():
        values, used = values[1:], statistics.median(cpu[name][1:])
        median = statistics.median(values)
        first = name.replace("(against)", "(this)")
        ratio = median / statistics.median(times[first][1:]) if first in times else 1.0
        cpu_ratio = used / statistics.median(cpu[first][1:]) if first in cpu else 1.0
        print(f"{name:26} {median:9.3f} {min(values):10.3f} {median - bare:9.3f} {ratio:7.2f} "
              f"{used:7.3f} {cpu_ratio:10.2f}")


def _children_cpu() -> float:
    """User and system seconds of the processes this one has waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
