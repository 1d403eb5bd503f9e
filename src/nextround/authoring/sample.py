"""The sample request themes are checked, previewed and documented with."""

from __future__ import annotations

from importlib import resources
from typing import Any

from ..request import Request, build_request
from ..themes import BASE_THEME

# The formats `templates check` renders a theme in (a theme's PDF is its HTML, laid out).
CHECKED_FORMATS = ("html", "md", "pdf", "docx")


def sample_request(theme: str = BASE_THEME, **fields: Any) -> Request:
    """The sample request themes are checked and previewed with (sample_request.yaml)."""
    import yaml

    text = (resources.files("nextround") / "sample_request.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return build_request({**data, "theme": theme, "formats": list(CHECKED_FORMATS), **fields})
