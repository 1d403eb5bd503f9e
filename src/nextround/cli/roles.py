"""nextround roles: the role families the content library knows."""

from __future__ import annotations

import click

from .common import handle_errors


@click.command()
@handle_errors
def roles() -> None:
    """List the role families nextround knows, with example titles."""
    from ..library import load_library

    library = load_library()
    for family in library.families.values():
        click.echo(f"{family.id:24} {family.name}")
        click.echo(f"{'':24} e.g. {', '.join(family.examples[:4])}")
    click.echo(f"\n{len(library.families)} families. Any other title gets a general plan built "
               f"from its own words ('nextround explain' says when).")
