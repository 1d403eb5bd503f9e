"""Stage 5: writing. Files land whole or not at all.

Every file is written to a temporary name in its final folder, flushed to disk, and renamed
into place; a failure part-way leaves the old file (or nothing), never a truncated one.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from slugify import slugify

from .errors import OutputError

MAX_SLUG = 60


def folder_name(company: str, role: str) -> str:
    """'acme-grocers-senior-data-engineer': safe on every file system."""
    parts = [slugify(company, max_length=MAX_SLUG, word_boundary=True),
             slugify(role, max_length=MAX_SLUG, word_boundary=True)]
    return "-".join(p for p in parts if p) or "handouts"


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
        os.chmod(tmp, 0o644)
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
