"""Each row's folder: named from its data (--name), safe on every file system, and unique."""

from __future__ import annotations

import string

from ..errors import RequestError

# One naming rule for generate and batch: writing.folder_name.
from ..writing import DEFAULT_NAME, MAX_NAME, folder_name

NAME_FIELDS = ("company", "role", "candidate", "row")
__all__ = ["DEFAULT_NAME", "UniqueNames", "check_name_template", "folder_name"]


def check_name_template(template: str) -> None:
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise RequestError(f"--name {template!r} is not a valid pattern: {exc}.") from None
    unknown = [n for n in names if n not in NAME_FIELDS]
    if unknown or not names:
        allowed = ", ".join("{" + n + "}" for n in NAME_FIELDS)
        wrong = f" (not {{{unknown[0]}}})" if unknown else ""
        raise RequestError(f"--name {template!r}: use the placeholders {allowed}{wrong}.")


class UniqueNames:
    """Give each row its own folder: a second 'acme-data-engineer' becomes '...-2'."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, name: str) -> str:
        candidate, n = name, 1
        # Compared case-insensitively: on macOS and Windows 'A' and 'a' are the same folder.
        while candidate.casefold() in self.taken:
            n += 1
            suffix = f"-{n}"
            candidate = name[: MAX_NAME - len(suffix)] + suffix
        self.taken.add(candidate.casefold())
        return candidate
