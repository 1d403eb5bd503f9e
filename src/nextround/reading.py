"""Reading the files people name: one size limit per kind of file, regular files only, and one
rule for where a path written inside a file may lead.

Every reader goes through here, so that a FIFO, a device (/dev/zero) or a huge or sparse file
costs nothing: the file is opened without blocking, checked to be a regular file, and read up
to its limit and no further.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import NextroundError, RequestError

if TYPE_CHECKING:
    import zipfile

# Bytes that start with the UTF-8 mark and are not UTF-8 after it: what a program that saved
# Windows-1252 text behind a copied mark writes. Read as Windows-1252, the mark left out.
CP1252_AFTER_MARK = "cp1252 after a UTF-8 mark"


def read_capped(path: str | Path, limit: int, what: str,
                error: type[NextroundError] = RequestError, too_big: str = "") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; `what` names it in a message
    ("The request file 'a.yaml'"), and `too_big` says what to do about a file too large."""
    try:
        # Non-blocking, so that opening a FIFO returns at once instead of waiting for a writer.
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise error(f"{what} is not a regular file (a device, a pipe or a socket).")
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise error(f"{what} does not exist.") from None
    except IsADirectoryError:
        raise error(f"{what} is a folder, not a file.") from None
    except OSError as exc:
        raise error(f"{what} cannot be read: {exc.strerror}.") from None
    if len(data) > limit:
        raise error(too_big or f"{what} is over {_size(limit)}, the limit for it.")
    return data


def check_regular(path: Path, what: str, error: type[NextroundError] = RequestError) -> None:
    """Refuse what is not a regular file before a library opens it (a FIFO would hang it)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise error(f"{what} does not exist.") from None
    except OSError as exc:
        raise error(f"{what} cannot be read: {exc.strerror}.") from None
    if stat.S_ISDIR(mode):
        raise error(f"{what} is a folder, not a file.")
    if not stat.S_ISREG(mode):
        raise error(f"{what} is not a regular file (a device, a pipe or a socket).")


def _size(limit: int) -> str:
    return f"{limit // 1_000_000} MB" if limit >= 1_000_000 else f"{limit // 1000} KB"


# -- paths named inside a file ------------------------------------------------------------------


def relative(base: Path | None, value: Any) -> Path:
    """A path as written in a file that lives in `base` (None: typed by the user): '~' is the
    home folder, and a relative path starts from `base`. The one rule for every path field."""
    path = Path(str(value)).expanduser()
    return base / path if base is not None and not path.is_absolute() else path



def confined(base: Path, name: str, what: str, folder_of: str,
             allowed: Iterable[str | Path] = ()) -> Path:
    """The path `name`, written in a file that lives in `base` (a spreadsheet, a request file,
    nextround.toml; `folder_of` names its folder in a message: "the spreadsheet's folder"), checked
    to lead inside `base`'s folder tree or a folder the user allowed
    on the command line (--allow-dir). Symbolic links are followed before the check.

    Such a file may come from someone else: it must not pull ~/.ssh/id_rsa or /etc/passwd into a
    handout that gets printed and handed out.
    """
    path = relative(base, name).resolve()
    roots = [base.resolve(), *(Path(folder).expanduser().resolve() for folder in allowed)]
    if not any(path.is_relative_to(root) for root in roots):
        raise RequestError(f"The {what} {name!r} is outside {folder_of}; put it in "
                           f"{str(roots[0])!r} or a folder inside it, or allow its folder with "
                           f"--allow-dir.")
    return path


# -- zip containers (Word templates, Excel workbooks) --------------------------------------------


def check_archive(path: Path, what: str, kind: str, *, max_parts: int, max_bytes: int,
                  max_xml: int, error: type[NextroundError]) -> zipfile.ZipFile:
    """Open a .docx or .xlsx as a zip and check, from its directory alone, that it unpacks to a
    bounded size before any XML in it is parsed: a 600 KB file can hold 70 million empty
    paragraphs. `kind` is "Word document" or "Excel workbook". The caller closes the archive
    it gets back."""
    # Loaded here: every command loads this module, and only the renderers and the spreadsheet
    # reader open zip containers.
    import zipfile  # noqa: PLC0415

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise error(f"{what}: not a {kind} nextround can read ({exc}).") from None
    parts = archive.infolist()
    total = sum(part.file_size for part in parts)
    xml = sum(part.file_size for part in parts if part.filename.endswith((".xml", ".rels")))
    problem = (f"has {len(parts):,} parts (the limit is {max_parts:,})" if len(parts) > max_parts
               else f"unpacks to {_size(total)} (the limit is {_size(max_bytes)})"
               if total > max_bytes
               else f"holds {_size(xml)} of XML (the limit is {_size(max_xml)})"
               if xml > max_xml else "")
    if problem:
        archive.close()
        raise error(f"{what} {problem}: it is not an ordinary {kind}. Save it again from "
                    f"{kind.split()[0]} or LibreOffice.")
    return archive


def text_encoding(chunks: Iterable[bytes]) -> str:
    """The encoding of a text file given as its bytes in chunks, for a spreadsheet and a
    description alike: UTF-16 with its mark, UTF-8 with or without the mark, else
    Windows-1252 as Excel and Notepad save it (CP1252_AFTER_MARK behind a UTF-8 mark).

    Every chunk is checked as UTF-8, so an accent on row 900 is not missed; a file with the
    UTF-8 mark is checked too (it may hold Windows-1252 bytes behind it).
    """
    chunks = iter(chunks)
    head = b""
    for chunk in chunks:  # the marks are in the first bytes, however the chunks fall
        head += chunk
        if len(head) >= len(codecs.BOM_UTF8):
            break
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    marked = head.startswith(codecs.BOM_UTF8)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head[len(codecs.BOM_UTF8):] if marked else head)
        for chunk in chunks:
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return CP1252_AFTER_MARK if marked else "cp1252"
    return "utf-8-sig" if marked else "utf-8"
