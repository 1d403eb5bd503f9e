"""A time budget for each rendering: a theme's template, stylesheet or picture that would run
for minutes (nested loops, a stylesheet importing itself, SVG <use> nested ten deep) stops with
a message naming it, instead of holding a core at 100% until someone kills the run.

The budget is a real-time interval timer (SIGALRM): its handler raises in the middle of the
Python code that renders (Jinja's templates and WeasyPrint's layout are both Python), which no
check between steps could do. Signals reach only the main thread, so from another thread the
budget is not kept; the command line and batch's workers render in their main thread.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator

from ..errors import ThemeError

# Each template and each PDF layout gets this long; a handout takes well under a second.
# NEXTROUND_RENDER_SECONDS changes it (a slow machine; the tests, to wait less).
RENDER_SECONDS = 30.0


class OutOfTime(BaseException):
    """Raised by the timer. A BaseException, so that no `except Exception` in a renderer
    (WeasyPrint skips a picture it cannot load and goes on) can swallow it."""


def render_seconds() -> float:
    try:
        return float(os.environ.get("NEXTROUND_RENDER_SECONDS") or RENDER_SECONDS)
    except ValueError:
        return RENDER_SECONDS


_active = False


@contextlib.contextmanager
def time_budget(what: str, advice: str) -> Iterator[None]:
    """Run the body within render_seconds(); past it, raise ThemeError "{what} took longer
    than N seconds to render; {advice}". Nested budgets are covered by the outermost one."""
    global _active
    if _active or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return
    seconds = render_seconds()
    expired = False

    def out_of_time(signum, frame):
        nonlocal expired
        if _active:  # not once the body is over and the timer is being stopped
            expired = True
            raise OutOfTime

    previous = signal.signal(signal.SIGALRM, out_of_time)
    # Repeats every tenth of a second after the first: should one raise be caught and dropped
    # by a library, the next one still stops the work.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    _active = True
    message = f"{what} took longer than {seconds:g} seconds to render; {advice}"
    try:
        yield
    except OutOfTime:
        _active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        raise ThemeError(message) from None
    finally:
        _active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    # WeasyPrint draws an SVG picture inside `except BaseException` (a picture that fails is
    # skipped): the raise was swallowed there, and the picture left out. Time ran out all the
    # same, so the handout is not written.
    if expired:
        raise ThemeError(message)
