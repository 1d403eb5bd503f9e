"""Reading a description from the files people have: a saved job page (.html), a PDF, a Word
file (.docx), Markdown or plain text. Only the text is kept; nothing is ever fetched.

Each reader gets the file's bytes, already capped at MAX_FILE_BYTES by the caller, and returns
plain text with one paragraph or list item a line, so the ad reader sees headings and bullets.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile

from .errors import RequestError
from .reading import CP1252_AFTER_MARK, text_encoding

MAX_FILE_BYTES = 10_000_000  # a saved job page with its inline scripts; a long PDF
MAX_DOCX_UNPACKED = 50_000_000  # the Word file's XML, unzipped
TEXT_TYPES = (".txt", ".text", ".md", ".markdown", "")
KNOWN_TYPES = (*TEXT_TYPES, ".html", ".htm", ".pdf", ".docx")

# Parts of a saved page that are never the ad: scripts, styles, the site's navigation, header
# and footer, forms, and cookie or consent banners.
_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside",
              "form", "button", "svg", "iframe", "select", "dialog")
_DROP_MARKERS = re.compile(r"cookie|consent|gdpr|banner|modal|popup|newsletter|share|social|"
                           r"breadcrumb|navbar|menu|sidebar|related|similar|recommend",
                           re.IGNORECASE)
_BLOCKS = ("p", "div", "section", "article", "main", "li", "h1", "h2", "h3", "h4", "h5", "h6",
           "br", "tr", "dt", "dd", "blockquote", "pre", "ul", "ol", "table")


def html_text(data: bytes) -> str:
    """The main text of a saved web page."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                                  encoding=_html_encoding(data))
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*_DROP_TAGS)):
        element.drop_tree()
    for element in list(root.iter()):
        marker = f"{element.get('id', '')} {element.get('class', '')} {element.get('role', '')}"
        if element.getparent() is not None and element.tag not in ("html", "body", "main") \
                and _DROP_MARKERS.search(marker) and len(element.text_content()) < 2000:
            element.drop_tree()
    # The page's main content when it marks it; else the whole body.
    main = next((found for path in (".//main", ".//article", ".//body")
                 if (found := root.find(path)) is not None), root)
    for element in main.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        if element.tag == "li":
            element.text = "- " + (element.text or "")
    text = main.text_content()
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _html_encoding(data: bytes) -> str:
    head = data[:2048].decode("ascii", errors="ignore")
    match = re.search(r"charset=[\"']?([\w-]+)", head, re.IGNORECASE)
    encoding = match.group(1).lower() if match else "utf-8"
    return encoding if encoding in ("utf-8", "utf8", "windows-1252", "iso-8859-1",
                                    "latin-1", "cp1252") else "utf-8"


def pdf_text(data: bytes) -> str:
    """The text of a PDF (a job ad printed to PDF)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise RequestError("The description PDF is password-protected: save it without "
                               "a password, or copy its text into a .txt file.")
        pages = [page.extract_text() or "" for page in reader.pages[:20]]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise RequestError(f"The description PDF cannot be read ({exc}); copy its text into "
                           f"a .txt file.") from None
    return "\n".join(pages)


def docx_text(data: bytes) -> str:
    """The paragraphs of a Word file, list items marked as bullets."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_DOCX_UNPACKED:
                raise RequestError("The description Word file unpacks to more than "
                                   f"{MAX_DOCX_UNPACKED // 1_000_000} MB; save its text as .txt.")
        import docx

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise RequestError(f"The description Word file cannot be read ({exc}): is it a .docx "
                           f"saved by Word or LibreOffice?") from None
    lines = []
    for paragraph in document.paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "").lower()
        bullet = "list" in style or paragraph._p.pPr is not None and \
            paragraph._p.pPr.numPr is not None
        lines.append(("- " if bullet else "") + paragraph.text)
    for table in document.tables:
        for row in table.rows:
            lines.append(" · ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def markdown_text(text: str) -> str:
    """Markdown with its markup taken off: headings, emphasis, links, images."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    return text


def decode_text(data: bytes) -> str:
    """A text file's bytes as text, in the encoding reading.text_encoding finds."""
    encoding = text_encoding([data])
    if encoding == CP1252_AFTER_MARK:
        return data[len(codecs.BOM_UTF8):].decode("cp1252", errors="replace")
    return data.decode(encoding, errors="replace")


def description_text(data: bytes, suffix: str, name: str) -> str:
    """The description's text from a file's bytes, by its type."""
    suffix = suffix.lower()
    if suffix in (".html", ".htm"):
        return html_text(data)
    if suffix == ".pdf":
        return pdf_text(data)
    if suffix == ".docx":
        return docx_text(data)
    if suffix in (".md", ".markdown"):
        return markdown_text(decode_text(data))
    if suffix in TEXT_TYPES or data[:4] not in (b"%PDF", b"PK\x03\x04"):
        return decode_text(data)
    raise RequestError(f"The description file {name!r} is not a type nextround reads: use "
                       f"text (.txt, .md), a saved web page (.html), a PDF or a Word file "
                       f"(.docx).")
