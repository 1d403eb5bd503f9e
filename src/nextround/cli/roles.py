"""nextround roles: the role families the content library knows."""

from __future__ import annotations

import click

from .common import handle_errors

EXAMPLE = """\b
Examples:
  nextround roles
  nextround roles --content our-content       # with a content pack's families
"""


@click.command(epilog=EXAMPLE)
@click.option("--content", metavar="DIR", help="Include the families of this content pack.")
@click.option("--theme", metavar="NAME_OR_PATH", help="Include the families of this theme's "
              "content/ folder.")
@handle_errors
def roles(content: str | None, theme: str | None) -> None:
    """List the role families, levels and sectors nextround knows (the ids that --family,
    --level and --sector take)."""
    from ..library import library_for

    library = library_for(theme, content)
    for family in library.families.values():
        click.echo(f"{family.id:24} {family.name}")
        click.echo(f"{'':24} e.g. {', '.join(family.examples[:4])}")
    click.echo(f"\n{len(library.families)} families. Any other title gets a general plan built "
               f"from its own words ('nextround explain' says when).")
    click.echo("\nLevels (--level): " + ", ".join(library.seniority.order))
    click.echo("\nSectors (--sector):")
    for sector in library.sectors.sectors:
        click.echo(f"{sector.id:28} {sector.label}")
