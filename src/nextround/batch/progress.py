"""Progress of a run: a live bar on a terminal (click's), a plain line every few seconds in a
log, nothing with --quiet; and each failed row and warning as it comes."""

from __future__ import annotations

import sys
import time

import click

from .report import Tally
from .rows import Outcome


class Progress:
    INTERVAL = 5.0

    def __init__(self, total: int, *, quiet: bool):
        self.total = total
        self.quiet = quiet
        self.start = time.monotonic()
        self.last_line = self.start
        self.tally: Tally | None = None
        self.bar = None
        if not quiet and total and sys.stderr.isatty():
            self.bar = click.progressbar(length=total, label="Rendering", file=sys.stderr,
                                         show_eta=True, show_percent=True,
                                         item_show_func=lambda _: self._status())
            self.bar.__enter__()

    def _status(self) -> str:
        if self.tally is None:
            return ""
        elapsed = max(time.monotonic() - self.start, 1e-6)
        return f"{self.tally.done}/{self.total} rows, {self.tally.failed} failed, " \
               f"{self.tally.done / elapsed:.1f} rows/s"

    def say(self, message: str) -> None:
        # On a terminal, clear the bar's line first; the bar redraws below the message.
        click.echo(f"\r\033[K{message}" if self.bar is not None else message, err=True)

    def update(self, outcome: Outcome, tally: Tally) -> None:
        self.tally = tally
        for warning in outcome.warnings:
            self.say(f"Row {outcome.row}: Warning: {warning}")
        if outcome.status == "failed" and not self.quiet:
            self.say(f"Row {outcome.row} failed: {outcome.error}")
        if self.bar is not None:
            self.bar.update(1)
        elif not self.quiet:
            now = time.monotonic()
            if now - self.last_line >= self.INTERVAL or tally.done == self.total:
                self.last_line = now
                left = (self.total - tally.done) / max(tally.done / (now - self.start), 1e-6)
                eta = f", about {_duration(left)} left" if tally.done < self.total else ""
                click.echo(f"{self._status()}{eta}", err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min"
