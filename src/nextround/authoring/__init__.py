"""Theme authoring: copy a theme to edit, list the variables its templates receive, check it
against sample data, and draw its pages as images.

Everything here renders through the same code as `generate`, so a theme that passes
`templates check` renders the same way for real. One module each: sample.py (the sample
request), variables.py (the variables a template receives), scaffold.py (`templates init`),
check.py (`templates check`), pictures.py (`preview`).
"""

from __future__ import annotations

from .check import check_theme
from .pictures import PREVIEW_LIST, draw_pages, preview
from .sample import CHECKED_FORMATS, sample_request
from .scaffold import init_theme
from .variables import template_variables

__all__ = ["CHECKED_FORMATS", "PREVIEW_LIST", "check_theme", "draw_pages", "init_theme", "preview",
           "sample_request", "template_variables"]
