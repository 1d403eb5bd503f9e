"""Stage 4: rendering. A composed handout (plain data) and a theme in, the bytes of a file out.

Each format has its own module, imported only when asked for: WeasyPrint and docxtpl are slow
to import, and `nextround explain` or `roles` should not pay for them.
"""

from __future__ import annotations

from typing import Any

from ..themes import Theme

EXTENSIONS = {"pdf": "pdf", "docx": "docx", "html": "html", "md": "md", "json": "json"}


def render(document: dict[str, Any], fmt: str, theme: Theme, paper: str) -> bytes:
    """The file of one handout in one format."""
    if fmt == "pdf":
        from .html import render_pdf

        return render_pdf(document, theme, paper)
    if fmt == "html":
        from .html import render_html
        from .standalone import standalone_html

        return standalone_html(render_html(document, theme, paper), theme).encode("utf-8")
    if fmt == "docx":
        from .docx import render_docx

        return render_docx(document, theme, paper)
    if fmt == "md":
        from .text import render_markdown

        return render_markdown(document, theme).encode("utf-8")
    if fmt == "json":
        from .text import render_json

        return render_json(document).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")
