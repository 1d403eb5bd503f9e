"""DOCX from the theme's Word templates (docxtpl), so a user can restyle them in Word."""

from __future__ import annotations

import io
from typing import Any

from ..errors import ThemeError
from ..themes import Theme

# Page sizes in EMU (914400 to the inch): the template's own size is replaced by the request's.
PAPER_SIZES = {"letter": (7772400, 10058400), "a4": (7560310, 10692130)}


def render_docx(document: dict[str, Any], theme: Theme, paper: str) -> bytes:
    import jinja2
    from docxtpl import DocxTemplate

    from .templating import sandbox, template_failure

    path = theme.file(f"{document['document']}.docx")
    env = sandbox(autoescape=True)
    try:
        template = DocxTemplate(str(path))
        template.render({"doc": document, "theme": theme.config}, jinja_env=env,
                        autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        raise ThemeError(
            f"{path}: a Word template tag is broken ({exc.message}). A tag split by "
            f"formatting in Word is the usual cause: retype it in one go."
        ) from None
    except ThemeError:
        raise
    except Exception as exc:  # anything a theme's template does wrong is the theme's error
        raise template_failure(str(path), exc) from None
    width, height = PAPER_SIZES[paper]
    for section in template.docx.sections:
        section.page_width, section.page_height = width, height
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()
