"""Checks on written handouts shared by the hostile-input tests: every format read back by a real
reader, and a piece of user text looked for as the reader of each format would see it."""

from __future__ import annotations

import contextlib
import http.server
import json
import re
import subprocess
import threading
import zipfile
from html import unescape
from pathlib import Path

from conftest import pdf_text, qpdf_check
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Characters XML 1.0 forbids: a DOCX holding one is refused by Word.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def docx_paragraphs(path: Path) -> list[str]:
    """Every XML part of the DOCX must parse; the text of each paragraph of the body."""
    paragraphs: list[str] = []
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None, f"{path}: a damaged zip member"
        for name in archive.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            data = archive.read(name)
            text = data.decode("utf-8")
            assert not XML_INVALID.search(text), f"{path}:{name} holds an XML-invalid character"
            root = etree.fromstring(data)  # raises on malformed XML
            if name == "word/document.xml" or name.startswith(("word/header", "word/footer")):
                for para in root.iter(f"{W}p"):
                    paragraphs.append("".join(t.text or "" for t in para.iter(f"{W}t")))
    return paragraphs


def docx_text(path: Path) -> str:
    return "\n".join(docx_paragraphs(path))


def pdf_checked_text(path: Path) -> str:
    """qpdf finds nothing wrong, and the text pdftotext reads from it."""
    check = qpdf_check(path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors found" in check.stdout
    return pdf_text(path)


def pdf_layout_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def no_space(text: str) -> str:
    """Text without white space or soft hyphens: line breaks fall anywhere in a PDF."""
    return "".join(text.replace("\u00ad", "").split())


def markdown_html(markdown: str) -> str:
    """The HTML a CommonMark reader (raw HTML allowed, as on most sites) makes of the file."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").render(markdown)


def shows_literally(path: Path, literal: str) -> bool:
    """Whether the file shows the literal text as text, as the reader of its format sees it.
    PDF: pdftotext; DOCX: the paragraphs' text; HTML: escaped in the source; Markdown: escaped,
    and a CommonMark reader shows the text; JSON: inside a string value."""
    from markupsafe import escape

    from nextround.rendering.templating import markdown_escape

    if path.suffix == ".pdf":
        # pdftotext joins a line ending in "-" to the next as a hyphenated word ("\\ ---" over
        # the company's name reads "\\ --Acme"); its layout mode keeps the lines apart.
        return no_space(literal) in no_space(pdf_checked_text(path)) or \
            no_space(literal) in no_space(pdf_layout_text(path))
    if path.suffix == ".docx":
        return literal in docx_text(path)
    source = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return str(escape(literal)) in source
    if path.suffix == ".md":
        shown = unescape(re.sub(r"<[^>]+>", "", markdown_html(source)))
        return markdown_escape(literal) in source and literal in shown
    if path.suffix == ".json":
        return any(literal in text for text in json_strings(json.loads(source)))
    raise ValueError(path)


def check_literal(files: dict[str, Path], literal: str) -> list[str]:
    """The files that do not show the literal text; [] when all of them do."""
    return [name for name, path in files.items() if not shows_literally(path, literal)]


def json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in json_strings(item)]
    return []


def check_valid(files: dict[str, Path]) -> None:
    """Every file reads back: PDF through qpdf, DOCX part by part, JSON, UTF-8 text."""
    for path in files.values():
        if path.suffix == ".pdf":
            pdf_checked_text(path)
        elif path.suffix == ".docx":
            docx_paragraphs(path)
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        else:
            text = path.read_text(encoding="utf-8")
            assert not XML_INVALID.search(text), f"{path} holds a control character"


def leftovers(folder: Path) -> list[str]:
    """Temporary files a failed or interrupted write would leave behind."""
    return sorted(str(p) for p in folder.rglob("*") if p.name.endswith(".part"))


@contextlib.contextmanager
def counting_server():
    """An HTTP server on 127.0.0.1 that counts the requests it gets; yields (base URL, hits)."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()
