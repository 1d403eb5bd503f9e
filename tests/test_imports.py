"""The modules form no import circle (scripts/import_cycles.py counts deferred imports too), and
the quick commands load nothing they do not use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_no_import_circle():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "import_cycles.py"),
                           str(ROOT / "src" / "nextround")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    assert done.stdout.endswith(" 0 circle(s)\n")


# Runs `roles` in a fresh interpreter and prints which of the deferred libraries it loaded.
ROLES_LOADS = """
import sys
from nextround.cli import main
try:
    main(["roles"])
except SystemExit:
    pass
print(sorted(m for m in ("yaml", "jinja2", "weasyprint", "docxtpl", "openpyxl", "lxml")
             if m in sys.modules))
"""


def test_roles_parses_no_yaml_once_the_content_cache_is_filled(tmp_path):
    """PyYAML is deferred (ruff's TID253): `roles` reads the library back from its parse
    cache, so only the run that fills the cache loads it."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}

    def loaded() -> str:
        done = subprocess.run([sys.executable, "-c", ROLES_LOADS], capture_output=True,
                              text=True, env=env, check=True)
        return done.stdout.splitlines()[-1]

    assert loaded() == "['yaml']"  # an empty cache: the content is parsed
    assert any(tmp_path.rglob("content-*.marshal"))
    assert loaded() == "[]"
