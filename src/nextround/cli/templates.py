"""nextround templates: list the themes, copy one to edit, check one for mistakes, and the
JSON Schema of a content pack's files."""

from __future__ import annotations

import click

from .common import handle_errors


@click.group(epilog="""\b
Examples:
  nextround templates list
  nextround templates init my-theme --from classic
  nextround templates check my-theme
  nextround templates schema family > family.schema.json
""")
def templates() -> None:
    """Themes: list them, copy one to make it yours, check your changes."""


@templates.command("list", epilog="\b\nExample:\n  nextround templates list")
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


@templates.command("init",
                   epilog="\b\nExample:\n  nextround templates init my-theme --from classic")
@click.argument("dest", type=click.Path(file_okay=False))
@click.option("--from", "source", default="default", show_default=True, metavar="NAME_OR_PATH",
              help="The theme to start from.")
@handle_errors
def init(dest: str, source: str) -> None:
    """Copy a theme into DEST to make it yours, with a README listing every variable."""
    from pathlib import Path

    from ..authoring import init_theme

    folder = init_theme(Path(dest), source)
    click.echo(str(folder))
    click.echo(f"Edit it, then: nextround templates check {dest}", err=True)


@templates.command("check", epilog="\b\nExample:\n  nextround templates check my-theme")
@click.argument("path", metavar="PATH")
@handle_errors
def check(path: str) -> None:
    """Render the theme at PATH with sample data in every format and report each problem
    (file and line). Exit 1 when there is one."""
    import sys

    from ..authoring import CHECKED_FORMATS, check_theme

    problems = check_theme(path)
    for problem in problems:
        click.echo(f"Problem: {problem}")
    if problems:
        click.echo(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} in {path}.",
                   err=True)
        sys.exit(1)
    click.echo(f"{path}: no problems (plan and question sheet rendered as "
               f"{', '.join(CHECKED_FORMATS)}).")


@templates.command("schema", epilog="""\b
Examples:
  nextround templates schema family > family.schema.json
  nextround templates schema plan > plan.schema.json

In VS Code (with the YAML extension), a first line such as
  # yaml-language-server: $schema=family.schema.json
completes and checks the file as you type.""")
@click.argument("kind", type=click.Choice(["family", "plan", "questions"]))
@handle_errors
def schema(kind: str) -> None:
    """Print the JSON Schema of a content pack's file: a role family (families/*.yaml), or
    the pack's plan.yaml or questions.yaml (which hold only the wording they change)."""
    import json

    from ..library.packs import pack_schema

    click.echo(json.dumps(pack_schema(kind), indent=2, ensure_ascii=False))
