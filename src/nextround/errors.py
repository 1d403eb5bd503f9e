"""The errors a user can cause. Each carries a plain message that the command line prints as is.

Anything else that escapes is a bug in nextround, and the command line says so.
"""


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
