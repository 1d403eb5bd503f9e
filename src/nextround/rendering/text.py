"""Markdown (from the theme's .md.j2 templates) and JSON (the composed data itself)."""

from __future__ import annotations

import json
from typing import Any

from ..handouts import handout
from ..themes import Theme
from .templating import render_template


def render_markdown(document: dict[str, Any], theme: Theme) -> str:
    return render_template(theme, f"{document['document']}.md.j2", "markdown",
                           doc=handout(document))


def render_json(document: dict[str, Any]) -> str:
    # Sorted keys and fixed separators: the same request always gives the same bytes.
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
