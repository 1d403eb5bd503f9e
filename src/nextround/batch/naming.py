"""Each row's folder: named from its data (--name), safe on every file system, and unique."""

from __future__ import annotations

import re
import string
from typing import Any

from slugify import slugify

from ..errors import RequestError
from ..writing import spell_out

MAX_NAME = 100
DEFAULT_NAME = "{company}-{role}-{candidate}"
NAME_FIELDS = ("company", "role", "candidate", "row")
# Names Windows refuses for a file or folder, whatever the extension.
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
            *(f"lpt{i}" for i in range(10))}


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


def folder_name(template: str, fields: dict[str, Any], row: int) -> str:
    """The row's folder name: its data through the pattern, made safe for any file system.

    slugify leaves only ASCII letters, digits and hyphens (accents are transliterated, emoji,
    '/', '..' and the like removed), so the name can never leave the output folder.
    """
    # Control characters would become hyphens ("Ac\x07me" -> "ac-me"): drop them first.
    values = {n: "".join(ch for ch in str(fields.get(n) or "") if ch.isprintable()).strip()
              for n in NAME_FIELDS}
    values["row"] = str(row)
    # Placeholders that are empty (no candidate) take their separator with them.
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(literal)
        if name is not None:
            parts.append(values[name])
    raw = "".join(parts)
    name = slugify(spell_out(raw), max_length=MAX_NAME, word_boundary=True, save_order=True)
    name = re.sub(r"-{2,}", "-", name).strip("-")
    if not name:
        name = f"row-{row}"
    if name.split(".")[0] in RESERVED:
        name = f"{name}-{row}"
    return name


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
