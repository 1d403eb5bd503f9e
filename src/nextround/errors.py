"""The errors a user can cause. Each carries a plain message that the command line prints as is.

Anything else that escapes is a bug in nextround, and the command line says so. Problems that
do not stop the work are warnings on the "nextround" logger; `collect_warnings` gathers them
where a caller reports them itself (a batch row, `templates check`).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator


class NextroundError(Exception):
    """A problem the user can fix; the message says what and where."""


class RequestError(NextroundError):
    """A field of the request is missing or unusable."""


class ContentError(NextroundError):
    """A content library or content pack file is malformed."""


class ThemeError(NextroundError):
    """A theme cannot be found or one of its templates fails."""


class OutputError(NextroundError):
    """The output cannot be written."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def collect_warnings(*names: str) -> Iterator[list[logging.LogRecord]]:
    """Gather these loggers' warnings instead of printing them (`record.getMessage()` is the
    text)."""
    handler = _Collect()
    saved = []
    for logger in map(logging.getLogger, names):
        saved.append((logger, logger.handlers[:], logger.level, logger.propagate))
        logger.handlers[:] = [handler]
        logger.setLevel(logging.WARNING)
        logger.propagate = False
    try:
        yield handler.records
    finally:
        for logger, handlers, level, propagate in saved:
            logger.handlers[:] = handlers
            logger.setLevel(level)
            logger.propagate = propagate
