"""A real `nextround serve` in its own process, for the tests that talk to it over HTTP."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

NEXTROUND = str(Path(sys.executable).with_name("nextround"))


class running_server:
    """`nextround serve --no-browser` in its own process: (address, stderr reader)."""

    def __init__(self, *args: str, env: dict | None = None):
        self.args, self.env = args, env

    def __enter__(self):
        self.process = subprocess.Popen(
            [NEXTROUND, "serve", "--no-browser", *self.args], stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, env=self.env)
        line = self.process.stdout.readline()
        match = re.search(r"(http://\S+)", line)
        assert match, line + self.process.stderr.read()
        self.stderr_text = ""
        return match.group(1), lambda: self.stderr_text

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGINT)
        try:
            _, self.stderr_text = self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        return False
