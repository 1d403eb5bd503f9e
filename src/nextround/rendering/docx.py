"""DOCX from the theme's Word templates (docxtpl), so a user can restyle them in Word."""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError

from ..errors import ThemeError
from ..handouts import handout
from ..reading import check_archive
from ..themes import Theme
from .branding import branding, recoloring, template_theme
from .budget import time_budget
from .logo import word_picture
from .templating import (
    LOOP_ADVICE,
    UNDEFINED_ADVICE,
    template_failure,
    undefined_name,
    word_environment,
)

# Page sizes in EMU (914400 to the inch): the template's own size is replaced by the request's.
PAPER_SIZES = {"letter": (7772400, 10058400), "a4": (7560310, 10692130)}
# Paragraph styles that carry the accent color when a branding accent is given.
ACCENT_STYLES = ("Title", "Heading 1", "Kicker")
LOGO_HEIGHT_MM = 14
# A Word template is checked from its zip directory before it is opened: a 600 KB file can
# unpack to 70 million empty paragraphs. nextround's own are 18 parts and under 1 MB of XML.
MAX_TEMPLATE_PARTS = 1000
MAX_TEMPLATE_BYTES = 50_000_000  # pictures included
MAX_TEMPLATE_XML = 10_000_000

BROKEN_TAG_ADVICE = (
    "This usually means Word split the tag into pieces (part of it formatted differently, "
    "curly quotes from autocorrect, or the tag spread over two paragraphs): select the whole "
    "tag, delete it and type it again in one go, in one format"
)


def _paragraph_at(exc: Exception) -> str:
    """Where in the Word file a template error is: the paragraph's number and its text.

    docxtpl puts each paragraph of the document on its own line before Jinja reads it, so
    Jinja's line number counts paragraphs (tables included).
    """
    lines = [re.sub(r"<[^>]+>", "", line) for line in getattr(exc, "docx_context", None) or []]
    lineno = getattr(exc, "lineno", None)
    if not lineno:
        return ""
    # docx_context starts three lines before the failing one.
    offset = min(3, lineno - 1)
    text = lines[offset].strip() if len(lines) > offset else ""
    text = text if len(text) <= 80 else text[:77] + "..."
    return f", paragraph {lineno - 1}" + (f" ({text!r})" if text else "")


def _parts(document) -> list[Any]:
    """The XML of the body (tables included), then of every header and footer."""
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.header._element, section.footer._element]
    return parts


def _paragraph_texts(document) -> list[str]:
    """Every paragraph's text: body, tables, headers and footers, in that order."""
    from docx.oxml.ns import qn

    return ["".join(t.text or "" for t in p.iter(qn("w:t")))
            for part in _parts(document) for p in part.iter(qn("w:p"))]


def _undefined_message(exc, document) -> str:
    """'doc.rol', and the paragraph it is in, so a Word user can find it with Ctrl+F."""
    name = undefined_name(exc)
    for text in _paragraph_texts(document) if document is not None else []:
        for tag in re.findall(r"\{[{%].*?[}%]\}", text):
            if re.search(rf"\b{re.escape(name)}\b", tag):
                shown = text.strip() if len(text.strip()) <= 80 else tag
                return (f"undefined variable '{undefined_name(exc, tag)}' in the paragraph "
                        f"{shown!r}: {UNDEFINED_ADVICE}.")
    return f"undefined variable '{name}': {UNDEFINED_ADVICE}."


def docx_error(path, exc: Exception, document=None) -> ThemeError:
    """A docxtpl/Jinja failure as a sentence a Word user can act on."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return ThemeError(f"{path}{_paragraph_at(exc)}: a Word template tag is broken "
                          f"({exc.message}). {BROKEN_TAG_ADVICE}.")
    if isinstance(exc, jinja2.UndefinedError):
        return ThemeError(f"{path}: {_undefined_message(exc, document)}")
    return ThemeError(f"{path}{_paragraph_at(exc)}: {exc}")


def _apply_branding(template, brand: dict[str, Any], theme: Theme) -> None:
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    if not brand.get("accent_color") and not brand.get("font"):
        return  # listing the styles' names alone is a tenth of a Word file's time
    styles = template.docx.styles
    names = {style.name for style in styles}
    if brand.get("accent_color"):
        digits = str(brand["accent_color"]).lstrip("#").upper()
        color = RGBColor.from_string(digits if len(digits) == 6 else "".join(c * 2 for c in digits))
        # The template's own accent is its title's color: rules and text drawn in it change
        # too, and so do the phase boxes and tints drawn in the theme's palette.
        old = styles["Title"].font.color.rgb if "Title" in names else None
        for name in ACCENT_STYLES:
            if name in names:
                styles[name].font.color.rgb = color
        changes = recoloring(theme, f"#{color}")
        if old is not None:
            changes[str(old).upper()] = str(color)
        _recolor(template.docx, changes)
    if brand.get("font"):
        font = str(brand["font"]).split(",")[0].strip()
        for style in styles:
            if getattr(style, "font", None) is None:
                continue
            if style.name == "Normal" or style.font.name:
                style.font.name = font
                style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _recolor(document, changes: dict[str, str]) -> None:
    """Borders (w:color), run colors (w:color w:val) and shading (w:fill) drawn in one of the
    old colors (RRGGBB, upper case) -> the new one, in the body, headers and footers."""
    from docx.oxml.ns import qn

    for part in _parts(document):
        for element in part.iter():
            for attribute in (qn("w:color"), qn("w:fill")):
                new = changes.get(element.get(attribute, "").upper())
                if new:
                    element.set(attribute, new)
            if element.tag == qn("w:color"):
                new = changes.get(element.get(qn("w:val"), "").upper())
                if new:
                    element.set(qn("w:val"), new)


def check_word_template(path: Path) -> None:
    """Refuse a Word template that unpacks to too much, or that links to anything outside
    itself (a picture linked rather than inserted, a linked style template, a hyperlink): Word
    would fetch it when the interviewer opens the handout."""
    stat = path.stat()
    _check_word_template(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _check_word_template(path: Path, mtime: int, size: int) -> None:
    from lxml import etree

    with check_archive(path, str(path), "Word document", max_parts=MAX_TEMPLATE_PARTS,
                       max_bytes=MAX_TEMPLATE_BYTES, max_xml=MAX_TEMPLATE_XML,
                       error=ThemeError) as archive:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        for part in archive.infolist():
            if not part.filename.endswith(".rels"):
                continue
            try:
                root = etree.fromstring(archive.read(part), parser)
            except etree.XMLSyntaxError as exc:
                raise ThemeError(f"{path}: not a Word document nextround can read "
                                 f"({part.filename}: {exc}).") from None
            for relation in root:
                if str(relation.get("TargetMode", "")).lower() == "external":
                    raise ThemeError(
                        f"{path}: the Word template links to {relation.get('Target', '')!r}, "
                        f"outside the document ({part.filename}); Word would fetch it when "
                        f"the handout is opened. Insert pictures into the document (not "
                        f"'Link to File') and remove links to other files or web pages.")


def render_docx(document: dict[str, Any], theme: Theme, paper: str) -> bytes:
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    path = theme.file(f"{document['document']}.docx")
    env = word_environment()
    brand = branding(theme)
    check_word_template(path)
    try:
        template = DocxTemplate(str(path))
        template.init_docx()
    except Exception as exc:  # a file Word itself cannot open is no template at all
        raise ThemeError(f"{path}: not a Word document nextround can read ({exc}).") from None
    try:
        logo = (InlineImage(template, word_picture(brand["logo"], LOGO_HEIGHT_MM),
                            height=Mm(LOGO_HEIGHT_MM)) if brand.get("logo") else "")
        context = {"doc": handout(document), "theme": template_theme(theme, "docx", logo)}
        with time_budget(str(path), LOOP_ADVICE):
            template.render(context, jinja_env=env, autoescape=True)
    except ThemeError:
        raise
    except SecurityError as exc:
        raise template_failure(str(path), exc) from None
    except jinja2.TemplateError as exc:
        raise docx_error(path, exc, template.docx) from None
    except Exception as exc:  # anything a theme's template does wrong is the theme's error
        raise template_failure(str(path), exc) from None
    _apply_branding(template, brand, theme)
    width, height = PAPER_SIZES[paper]
    for section in template.docx.sections:
        section.page_width, section.page_height = width, height
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()
