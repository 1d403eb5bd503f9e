"""The variables a theme's templates receive, listed from real sample data (the README that
`templates init` writes)."""

from __future__ import annotations

from typing import Any

from ..library.typed import Model, field_names
from ..themes import BASE_THEME, load_theme
from .sample import sample_request


def _describe(value: Any, name: str, out: list[tuple[str, str]]) -> None:
    if isinstance(value, Model):  # a typed handout's part: every field is an attribute
        for key in field_names(type(value)):
            item = getattr(value, key)
            child = f"{name}.{key}"
            if not isinstance(item, dict | list | Model):
                out.append((child, _example(item)))
            _describe(item, child, out)
    elif isinstance(value, dict):
        for key, item in value.items():
            # A key named like a mapping's method (items, keys) is reached as ["items"].
            child = (f"{name}.{key}" if key.isidentifier() and not hasattr(dict, key)
                     else f"{name}[\"{key}\"]")
            if not isinstance(item, dict | list | Model):
                out.append((child, _example(item)))
            _describe(item, child, out)
    elif isinstance(value, list):
        if value and isinstance(value[0], dict | list | Model):
            out.append((f"{name}", f"a list of {len(value)} (loop over it)"))
            _describe(value[0], f"{name}[i]", out)
        else:
            out.append((name, f"a list, e.g. {_example(value[0]) if value else 'empty'}"))


def _example(value: Any) -> str:
    text = str(value) if value not in (None, "") else "(empty when not given)"
    text = " ".join(text.split())
    return repr(text if len(text) <= 70 else text[:67] + "...")


def template_variables() -> str:
    """A Markdown list of every variable the templates receive, made from real sample data."""
    from ..handouts import handout
    from ..pipeline import compose_documents
    from ..rendering.branding import template_theme

    request = sample_request()
    documents = compose_documents(request)
    theme = template_theme(load_theme(BASE_THEME), "html")
    lines = []
    for name, document in documents.items():
        rows: list[tuple[str, str]] = []
        _describe({"doc": handout(document)}, "", rows)
        lines += [f"### {name}.html.j2, {name}.md.j2 and {name}.docx", "",
                  "| variable | example |", "|---|---|"]
        lines += [f"| `{path.lstrip('.')}` | {example} |" for path, example in rows
                  if path.strip(".") != "doc"]
        lines.append("")
    rows = []
    _describe({"theme": theme}, "", rows)
    lines += ["### every template", "", "| variable | example |", "|---|---|"]
    lines += [f"| `{path.lstrip('.')}` | {example} |" for path, example in rows]
    lines += ["| `paper` | 'letter' or 'a4' (HTML templates only) |", ""]
    return "\n".join(lines)
