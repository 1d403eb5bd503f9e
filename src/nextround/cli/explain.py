"""nextround explain: what was understood from the title and the description, and why."""

from __future__ import annotations

from typing import Any

import click

from ..request import BY_NAME
from .common import field_option, handle_errors, request_from_options, request_options


@click.command()
@request_options
@field_option(BY_NAME["content"],
              help="A content pack whose role families are matched too (as in generate).")
@field_option(BY_NAME["theme"], help="A theme whose content/ folder is used (as in generate).")
@click.option("--json", "as_json", is_flag=True,
              help="Everything found, with the sentence behind each item, as JSON.")
@handle_errors
def explain(content: str | None, theme: str | None, as_json: bool, **params: Any) -> None:
    """Show what nextround understood from the title and the description, and why.

    \b
    Example:
      nextround explain --role "Warehouse Shift Supervisor (2nd Shift)" \\
          --company "Brightline" --description-file ad.txt --json
    """
    import json  # for --json only: every command's module is loaded for --help

    from ..explanation import explanation_data, explanation_text
    from ..pipeline import compose_documents, prepare, understand

    request = request_from_options(params, extra={"content": content, "theme": theme})
    # One library (with the request's content packs) and one reading, for all of it.
    prepared = prepare(request)
    analysis = understand(request, prepared)
    documents = compose_documents(request, analysis, prepared)
    if as_json:
        click.echo(json.dumps(explanation_data(request, analysis, documents), indent=2,
                              ensure_ascii=False))
    else:
        click.echo(explanation_text(request, analysis, documents, prepared.library))
