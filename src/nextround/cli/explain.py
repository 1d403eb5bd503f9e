"""nextround explain: what was understood from the title and the description, and why."""

from __future__ import annotations

from typing import Any

import click

from .common import handle_errors, request_from_options, request_options


@click.command()
@request_options
@handle_errors
def explain(**params: Any) -> None:
    """Show what nextround understood from the title and the description, and why."""
    from ..explanation import explanation_text
    from ..pipeline import compose_documents, understand

    request = request_from_options(params)
    click.echo(explanation_text(request, understand(request), compose_documents(request)))
