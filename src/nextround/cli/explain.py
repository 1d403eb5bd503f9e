"""nextround explain: what was understood from the title and the description, and why."""

from __future__ import annotations

from typing import Any

import click

from .common import handle_errors, request_from_options, request_options


@click.command()
@request_options
@click.option("--content", metavar="DIR",
              help="A content pack whose role families are matched too (as in generate).")
@click.option("--theme", metavar="NAME_OR_PATH",
              help="A theme whose content/ folder is used (as in generate).")
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
    import json

    from ..analysis import analyze
    from ..composition import compose
    from ..explanation import explanation_data, explanation_text
    from ..pipeline import library_for

    request = request_from_options(params, extra={"content": content, "theme": theme})
    # One library (with the request's content packs) and one reading, for all of it.
    library = library_for(request)
    analysis = analyze(request, library)
    documents = compose(request, analysis, library)
    if as_json:
        click.echo(json.dumps(explanation_data(request, analysis, documents), indent=2,
                              ensure_ascii=False))
    else:
        click.echo(explanation_text(request, analysis, documents, library))
