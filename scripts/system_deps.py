"""The system packages nextround needs, from scripts/system-packages.txt.

    python3 scripts/system_deps.py apt        # the apt-get line (README, Debian/Ubuntu)
    python3 scripts/system_deps.py brew       # the Homebrew lines (README, macOS)
    python3 scripts/system_deps.py install    # install what is missing (apt-get; CI)

`make system-deps` runs the last one. Only the standard library: it runs before any venv.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

LIST = Path(__file__).with_name("system-packages.txt")


def packages() -> list[dict[str, str]]:
    rows = []
    for line in LIST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            apt, brew, use, why = line.split(maxsplit=3)
            rows.append({"apt": apt, "brew": brew, "use": use, "why": why})
    return rows


def apt_line() -> str:
    return "sudo apt-get install " + " ".join(p["apt"] for p in packages())


def brew_lines() -> list[str]:
    formulae = dict.fromkeys(p["brew"] for p in packages()
                             if p["brew"] != "-" and not p["brew"].startswith("cask:"))
    casks = dict.fromkeys(p["brew"][5:] for p in packages() if p["brew"].startswith("cask:"))
    return [f"brew install {' '.join(formulae)}", f"brew install --cask {' '.join(casks)}"]


def install() -> int:
    if not shutil.which("apt-get") or not shutil.which("dpkg"):
        print("No apt-get here. On macOS:\n  " + "\n  ".join(brew_lines()), file=sys.stderr)
        return 1
    missing = [p["apt"] for p in packages()
               if subprocess.run(["dpkg", "-s", p["apt"]], capture_output=True).returncode]
    if not missing:
        print("All system packages are installed.")
        return 0
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print(f"Installing: {' '.join(missing)}")
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends",
                    *missing], check=True, env=env, stdout=subprocess.DEVNULL)
    return 0


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "apt"
    if command == "apt":
        print(apt_line())
    elif command == "brew":
        print("\n".join(brew_lines()))
    elif command == "install":
        return install()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
