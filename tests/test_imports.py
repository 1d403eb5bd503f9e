"""The modules form no import circle (scripts/import_cycles.py counts deferred imports too)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_no_import_circle():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "import_cycles.py"),
                           str(ROOT / "src" / "nextround")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    assert done.stdout.endswith(" 0 circle(s)\n")
