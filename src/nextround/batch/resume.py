"""--resume: a row counts as done only when its manifest, written last, matches the row.

The manifest (.nextround-row.json in the row's folder) holds a key made from the row's fields
and the contents of the files they name, and the list of files written. A row whose folder
has it, with every file listed, is complete; any other row is done again.
"""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

from .rows import Job, Outcome, Sheet

MANIFEST = ".nextround-row.json"
# The fields that name a file a row reads (relative to the spreadsheet's folder).
FILE_FIELDS = ("description_file", "logo")
# Far more than any description or logo may be: the row fails on the size limit anyway.
FINGERPRINT_LIMIT = 64 * 1024 * 1024


def row_key(job: Job, sheet: Sheet) -> str:
    """Changes when anything that shapes this row's files changes (not the day it ran): its
    fields, and the contents of the files they name (an edited description file makes the
    row's handouts stale, though its name stayed the same)."""
    key = hashlib.sha256()
    data = json.dumps(job.fields, sort_keys=True, default=str, ensure_ascii=False)
    key.update(data.encode("utf-8"))
    for name in FILE_FIELDS:
        if job.fields.get(name):
            key.update(f"\0{name}\0".encode())
            key.update(file_fingerprint(sheet.folder / str(job.fields[name])))
    return key.hexdigest()


def file_fingerprint(path: Path) -> bytes:
    """A digest of a file's contents, for the row's key. Only a regular file is read (a FIFO
    would block for ever, a device never end), and at most FINGERPRINT_LIMIT bytes of it."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return b"not a regular file"
        digest = hashlib.sha256(str(info.st_size).encode())
        with open(path, "rb") as handle:
            left = FINGERPRINT_LIMIT
            while left > 0 and (chunk := handle.read(min(left, 1 << 20))):
                digest.update(chunk)
                left -= len(chunk)
        return digest.digest()
    except (OSError, ValueError):  # missing or unreadable: the row fails and says why
        return b"cannot be read"


def finished(job: Job, sheet: Sheet, status: str = "complete") -> Outcome | None:
    """The row's outcome if its folder holds it whole: the manifest matches this row and
    every file it lists exists. None if not."""
    try:
        manifest = json.loads((job.folder / MANIFEST).read_text(encoding="utf-8"))
        files = [str(f) for f in manifest["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if manifest.get("key") != row_key(job, sheet) or not all((job.folder / f).is_file()
                                                             for f in files):
        return None
    return Outcome(job.row, status, str(job.folder), files)


def start_folder(folder: Path) -> None:
    """Before a row is written: no manifest (the row is not done until it is written again),
    and no temporary files of a run that was killed in the middle of writing this folder."""
    if folder.is_dir():
        for part in folder.glob(".*.part"):
            part.unlink(missing_ok=True)
    (folder / MANIFEST).unlink(missing_ok=True)


def manifest_bytes(job: Job, key: str, files: list[str]) -> bytes:
    return json.dumps({"row": job.row, "key": key, "files": sorted(files)},
                      indent=1).encode("utf-8")
