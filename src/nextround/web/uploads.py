"""Uploaded files, judged by what they hold, never by the name they came with.

A browser sends a file name and a content type, both chosen by whoever sends them. Neither is
used: the file's first bytes say what it is, it is saved under a fixed name of the server's
choosing in the request's own folder, and a name that claims another type than the bytes show
(a '.pdf' that is a web page) is refused with a message saying so.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..documents import MAX_FILE_BYTES
from ..errors import RequestError
from ..images import LOGO_FORMATS, MAX_LOGO_BYTES

MAX_SHEET_BYTES = 25_000_000
# The largest request body the server reads at all: the largest upload, and room for the form.
MAX_BODY_BYTES = MAX_SHEET_BYTES + 1_000_000

KIND_NAMES = {"pdf": "a PDF", "docx": "a Word file (.docx)", "xlsx": "an Excel workbook (.xlsx)",
              "html": "a web page", "text": "text", "png": "a PNG image", "jpeg": "a JPEG image",
              "svg": "an SVG image", "zip": "a zip archive", "binary": "not text"}
# What each extension a person may give claims to be (a logo's: images.LOGO_FORMATS).
CLAIMS = {".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".html": "html", ".htm": "html",
          ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text", ".csv": "text",
          ".tsv": "text", ".jsonl": "text", ".json": "text",
          **{suffix: kind.lower() for kind, suffixes in LOGO_FORMATS.items()
             for suffix in suffixes}}


def sniff(data: bytes) -> str:
    """What the bytes are: one of KIND_NAMES."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError):
            return "zip"
        return "docx" if "word/document.xml" in names else \
            "xlsx" if "xl/workbook.xml" in names else "zip"
    head = _text_head(data)
    if head is None:
        return "binary"
    lowered = head.lstrip("\ufeff \t\r\n").lower()
    if lowered.startswith(("<!doctype html", "<html", "<head", "<body")) or \
            "<html" in lowered[:1000]:
        return "html"
    if "<svg" in lowered[:2000] and lowered.startswith(("<svg", "<?xml", "<!--", "<!doctype svg")):
        return "svg"
    return "text"


def _text_head(data: bytes) -> str | None:
    """The start of the file as text, or None when it is not text (NUL bytes and the like)."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    if b"\x00" in head:
        return None
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a character cut by the 4096-byte window
            return head[: exc.start].decode("utf-8")
        return head.decode("cp1252", errors="replace")


def _check(data: bytes, filename: str, what: str, allowed: dict[str, str], limit: int) -> str:
    """The kind of an upload, checked against its size limit, the kinds allowed for it (kind
    -> the extension it is saved with) and the kind its name claims."""
    shown = Path(filename.replace("\\", "/")).name[:80] or what
    if len(data) > limit:
        raise RequestError(f"The {what} {shown!r} is over {limit // 1_000_000} MB, the limit "
                           f"for it.")
    if not data:
        raise RequestError(f"The {what} {shown!r} is empty.")
    kind = sniff(data)
    claimed = CLAIMS.get(Path(shown).suffix.lower())
    if claimed and claimed != kind and not (claimed == "text" and kind == "html"):
        raise RequestError(f"The {what} {shown!r} is named as {KIND_NAMES[claimed]} but holds "
                           f"{KIND_NAMES[kind]}; save it again as what it is.")
    if kind not in allowed:
        kinds = ", ".join(KIND_NAMES[k] for k in allowed)
        raise RequestError(f"The {what} {shown!r} is {KIND_NAMES[kind]}; nextround reads "
                           f"{kinds}.")
    return kind


DESCRIPTION_KINDS = {"text": ".txt", "html": ".html", "pdf": ".pdf", "docx": ".docx"}
# A logo's kind as the bytes show it, and the type it is saved as: images.LOGO_FORMATS.
LOGO_KINDS = {kind.lower(): suffixes[0] for kind, suffixes in LOGO_FORMATS.items()}


def save_description(data: bytes, filename: str, folder: Path) -> Path:
    """Save an uploaded description (text, Markdown, a saved job page, PDF, Word) as
    folder/description.<its type>."""
    kind = _check(data, filename, "description file", DESCRIPTION_KINDS, MAX_FILE_BYTES)
    suffix = ".md" if kind == "text" and Path(filename).suffix.lower() in (".md", ".markdown") \
        else DESCRIPTION_KINDS[kind]
    path = folder / f"description{suffix}"
    path.write_bytes(data)
    return path


def save_logo(data: bytes, filename: str, folder: Path) -> Path:
    kind = _check(data, filename, "logo", LOGO_KINDS, MAX_LOGO_BYTES)
    path = folder / f"logo{LOGO_KINDS[kind]}"
    path.write_bytes(data)
    return path


def save_spreadsheet(data: bytes, filename: str, folder: Path) -> Path:
    """A CSV, an Excel workbook or JSON Lines, saved as folder/sheet.<csv|xlsx|jsonl>."""
    kind = _check(data, filename, "spreadsheet", {"text": "", "xlsx": ".xlsx"}, MAX_SHEET_BYTES)
    if kind == "xlsx":
        suffix = ".xlsx"
    else:
        head = (_text_head(data) or "").lstrip("\ufeff \t\r\n")
        suffix = ".jsonl" if head.startswith("{") else ".csv"
    path = folder / f"sheet{suffix}"
    path.write_bytes(data)
    return path
