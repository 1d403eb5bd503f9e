"""Other processes doing part of the work: batch's workers, and `generate`'s forked renderer.

Two rules hold for every such process. Ctrl-C belongs to the process the user started: it
decides what finishes and what is said, so the others are started with Ctrl-C held back and then
ignore it. And a warning or an error in another process reaches the user exactly as if it had
happened here.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import Any

from .errors import NextroundError, collect_warnings

# The loggers whose warnings a user or `templates check` sees.
LOGGERS = ("nextround", "weasyprint")


@contextlib.contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Hold Ctrl-C back in this thread while other processes may be started.

    A Ctrl-C at the terminal reaches every process of the run. One that arrived while a process
    was still starting, before it could ignore the signal, killed it with a traceback. A blocked
    signal stays blocked in a process started from a blocked thread, so every process started
    meanwhile, including those a process pool's own thread starts, is born deaf to it; here, a
    Ctrl-C that arrives meanwhile is delivered as soon as the block ends.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no process groups to signal
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def ignore_ctrl_c() -> None:
    """The first thing a process started under ctrl_c_held does."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def can_fork() -> bool:
    """Whether a forked copy of this process can work beside it on another core.

    Only on Linux: macOS's system libraries are not safe to use after fork, and Windows has
    none. And never from a thread other than the main one, where fork can copy a lock held by
    another thread and hang.
    """
    import threading

    return (sys.platform.startswith("linux") and len(os.sched_getaffinity(0)) > 1
            and threading.active_count() == 1)


class Forked:
    """`work()` run in a forked copy of this process, started at once; `what` names that copy
    in a message ("the process rendering plan.pdf").

    `result()` waits for it and returns what `work` returned (which must pickle), raises what
    it raised, and hands the warnings it logged to this process's loggers, in order.
    """

    def __init__(self, work: Callable[[], Any], what: str):
        import multiprocessing

        self.what = what
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(work, send), daemon=True)
        with ctrl_c_held():
            self._process.start()
        send.close()

    def result(self) -> Any:
        try:
            ok, value, warnings = self._receive.recv()
        except EOFError:  # it died before answering: killed, or a crash in a C library
            self._process.join()
            code = self._process.exitcode or 0
            how = (f"it was stopped by {signal.Signals(-code).name}" if code < 0
                   else f"exit code {code}")
            raise NextroundError(f"{self.what[:1].upper()}{self.what[1:]} ended before it "
                                 f"finished ({how}). Nothing was written; run the command "
                                 f"again.") from None
        finally:
            self._receive.close()
        self._process.join()
        for record in warnings:
            logging.getLogger(record.name).handle(record)
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        """End it if it is still running (this process was interrupted or failed)."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()


def _run(work: Callable[[], Any], send) -> None:
    ignore_ctrl_c()
    with collect_warnings(*LOGGERS) as warnings:
        try:
            answer = (True, work())
        except Exception as error:
            answer = (False, error)
    for record in warnings:  # what pickles: the message, formatted here
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
    try:
        send.send((*answer, warnings))
    except Exception as error:  # an answer that does not pickle
        send.send((False, RuntimeError(f"{type(error).__name__}: {error}"), warnings))
    send.close()
