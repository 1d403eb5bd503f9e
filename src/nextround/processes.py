"""Other processes doing part of the work: batch's workers, and `generate`'s forked renderer.

Three rules hold for every such process. Ctrl-C, and SIGTERM (what systemd, docker and CI send
to stop a program), belong to the process the user started: it decides what finishes and what
is said, so the others are started with both held back and then ignore them. A batch worker
dies with that process, however it ends (even kill -9), instead of running on alone. And a
warning or an error in another process reaches the user exactly as if it had happened here.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from multiprocessing.connection import wait
from typing import Any

from .errors import NextroundError, collect_warnings

# The loggers whose warnings a user or `templates check` sees.
LOGGERS = ("nextround", "weasyprint")


STOP_SIGNALS = {signal.SIGINT, getattr(signal, "SIGTERM", signal.SIGINT)}


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: stop as Ctrl-C does (rows in progress finish, the report is written)."""


@contextlib.contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back in this thread while other processes may be started.

    A Ctrl-C at the terminal reaches every process of the run. One that arrived while a process
    was still starting, before it could ignore the signal, killed it with a traceback. A blocked
    signal stays blocked in a process started from a blocked thread, so every process started
    meanwhile, including those a process pool's own thread starts, is born deaf to it; here, a
    signal that arrives meanwhile is delivered as soon as the block ends.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no process groups to signal
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def ignore_ctrl_c() -> None:
    """The first thing a process started under ctrl_c_held does."""
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


@contextlib.contextmanager
def sigterm_stops_like_ctrl_c() -> Iterator[None]:
    """While this lasts, SIGTERM raises Terminated (a KeyboardInterrupt) in the main thread,
    so that `kill PID` stops a batch as Ctrl-C does, report included, where it used to end the
    process on the spot. Elsewhere than the main thread, signals cannot be handled: no change.
    """
    if not hasattr(signal, "SIGTERM") or threading.current_thread() is not \
            threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def die_with_parent() -> None:
    """End this process (a batch worker) as soon as the process that started it is gone.

    A worker ignores Ctrl-C and SIGTERM (the parent decides), so a parent killed outright
    (kill -9, the out-of-memory killer) left its workers, and with them multiprocessing's
    resource tracker, running for ever. multiprocessing gives every child a pipe from its
    parent that reads as closed when the parent dies; a thread waits on it.
    """
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)  # at once: the rows in progress are left to --resume

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def can_fork() -> bool:
    """Whether a forked copy of this process can work beside it on another core.

    Only on Linux: macOS's system libraries are not safe to use after fork, and Windows has
    none. And never from a thread other than the main one, where fork can copy a lock held by
    another thread and hang.
    """
    return (sys.platform.startswith("linux") and len(os.sched_getaffinity(0)) > 1
            and threading.active_count() == 1)


class Forked:
    """`work()` run in a forked copy of this process, started at once; `what` names that copy
    in a message ("the process rendering plan.pdf").

    `result()` waits for it and returns what `work` returned (which must pickle), raises what
    it raised, and hands the warnings it logged to this process's loggers, in order.
    """

    def __init__(self, work: Callable[[], Any], what: str):
        self.what = what
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(work, send), daemon=True)
        try:
            with ctrl_c_held():
                self._process.start()
        except BaseException:
            # A Ctrl-C held back during the start arrives here, as the hold ends: the copy
            # would otherwise be left running, blocked on an answer nobody reads, and this
            # process waiting for it at exit.
            self.stop()
            raise
        finally:
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
        if self._process.pid is not None:  # it was started
            if self._process.is_alive():
                self._process.kill()
            self._process.join()
        self._receive.close()


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
