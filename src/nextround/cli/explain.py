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
@handle_errors
def explain(content: str | None, theme: str | None, **params: Any) -> None:
    """Show what nextround understood from the title and the description, and why."""
    from ..explanation import explanation_text
    from ..pipeline import compose_documents, understand

    request = request_from_options(params, extra={"content": content, "theme": theme})
    click.echo(explanation_text(request, understand(request), compose_documents(request)))
