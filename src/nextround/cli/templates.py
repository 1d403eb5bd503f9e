"""nextround templates: list the themes, copy one to edit, check one for mistakes."""

from __future__ import annotations

import click

from .common import handle_errors


@click.group()
def templates() -> None:
    """Themes: list them, copy one to make it yours, check your changes."""


@templates.command("list")
@handle_errors
def list_themes() -> None:
    """Every theme --theme can name: built-in ones and those in your theme folder."""
    from ..themes import available_themes, user_themes_dir

    for theme in available_themes():
        click.echo(f"{theme.path.name:14} {theme.where:9} {theme.path}")
        if theme.description:
            click.echo(f"{'':14} {theme.description}")
    click.echo(f"\nYour own themes go in {user_themes_dir()} (one folder each), or give "
               f"--theme the path of any theme folder.")
