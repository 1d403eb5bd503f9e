"""Stage 5: writing. Files land whole or not at all.

Every file is written to a temporary name in its final folder, flushed to disk, and renamed
into place; a failure part-way leaves the old file (or nothing), never a truncated one.
"""

from __future__ import annotations

import errno
import os
import re
import string
import tempfile
from pathlib import Path
from typing import Any

from slugify import slugify

from .errors import OutputError

# A request's folder, and a batch row's unless --name says otherwise.
DEFAULT_NAME = "{company}-{role}-{candidate}"
MAX_NAME = 100  # characters in a folder's name: room for the rest of the path on Windows too
# Names Windows refuses for a file or folder, whatever the extension.
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
            *(f"lpt{i}" for i in range(10))}


def spell_out(text: str) -> str:
    """Spell out the signs that tell titles apart ('C++', 'C#', 'F#') before slugify, which
    drops them: 'C++ Developer' and 'C# Developer' must not share a folder."""
    text = re.sub(r"(?<=\w)\+\+", " plus plus ", text)
    text = re.sub(r"(?<=\w)\+", " plus ", text)
    return re.sub(r"(?<=\w)#", " sharp ", text)


def folder_name(template: str, fields: dict[str, Any], row: int | None = None) -> str:
    """The folder for a request's handouts ('acme-grocers-senior-data-engineer-jane-doe'): its
    fields through the pattern (DEFAULT_NAME, or batch's --name with {row}), made safe for
    every file system, and one per candidate, so that two people's handouts for the same role
    never share a folder.

    slugify leaves only ASCII letters, digits and hyphens (accents are transliterated, emoji,
    '/', '..' and the like removed), so the name can never leave the output folder.
    """
    # Placeholders that are empty (no candidate) take their separator with them.
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(literal)
        if name is not None:
            value = row if name == "row" else fields.get(name)
            # Control characters would become hyphens ("Ac\x07me" -> "ac-me"): drop them.
            parts.append("".join(ch for ch in str(value or "") if ch.isprintable()).strip())
    raw = "".join(parts)
    name = slugify(spell_out(raw), max_length=MAX_NAME, word_boundary=True, save_order=True)
    name = re.sub(r"-{2,}", "-", name).strip("-")
    fallback = "handouts" if row is None else f"row-{row}"
    if not name:
        name = fallback
    if name.split(".")[0] in RESERVED:
        name = f"{name}-{row if row is not None else fallback}"
    return name


def refuse_to_replace(folder: Path, names: list[str]) -> None:
    """Handouts already in the folder are someone's work: replace them only when asked."""
    there = [name for name in names if (folder / name).exists()]
    if there:
        raise OutputError(
            f"{str(folder)!r} already holds {', '.join(there)} from an earlier run; nothing "
            f"was written. Add --force to replace them, or choose another folder with --out.")


def _explain(exc: OSError, path: Path) -> str:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.ENOTDIR: "part of the path is a file, not a folder",
        errno.EEXIST: "a file is in the way",
        errno.EDQUOT: "the disk quota is exceeded",
    }
    return f"Cannot write {str(path)!r}: {reasons.get(exc.errno, exc.strerror or str(exc))}."


def make_folder(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"Cannot write to {str(path)!r}: it is a file, not a folder.") from None
    except OSError as exc:
        raise OutputError(_explain(exc, path)) from None
    return path


def current_umask() -> int:
    """The process's umask (a user's 077 keeps handouts private; a shared folder's 002 lets
    the group replace them). Linux shows it in /proc without changing it; elsewhere it can
    only be read by setting it, and setting it back at once."""
    try:
        with open("/proc/self/status", encoding="utf-8", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> Path:
    """Write data to path through a temporary file in the same folder, then rename."""
    fd, tmp = -1, ""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); give it what any new file gets here.
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, path)
    except BaseException as exc:  # Ctrl-C mid-write too: never leave the temporary file
        if fd >= 0:
            os.close(fd)
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(_explain(exc, path)) from None
        raise
    return path


def write_files(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file of one request into folder; return their paths in order."""
    make_folder(folder)
    return [write_atomic(folder / name, data) for name, data in files.items()]
