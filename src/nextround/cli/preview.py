"""nextround preview: the pages of the handouts as PNG images, for theme authors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .common import (
    handle_errors,
    render_fields,
    render_options,
    request_from_options,
    request_options,
)

EXAMPLE = """\b
Examples:
  nextround preview                                  # the sample request, default theme
  nextround preview --theme my-theme --word --out shots
  nextround preview --from samples/acme-grocers.yaml --accent-color "#0B5FFF"
"""


@click.command(epilog=EXAMPLE)
@request_options
@click.option("--out", "out_dir", default="preview", show_default=True, metavar="DIR",
              help="Folder for the PNG images (plan-1.png, questions-1.png, ...).")
@click.option("--word", is_flag=True,
              help="Also draw the Word files, as LibreOffice lays them out (plan-word-1.png).")
@render_options
@handle_errors
def preview(out_dir: str, word: bool, **params: Any) -> None:
    """Write PNG images of the pages, to see a theme without a PDF viewer.

    Takes generate's options; without --role it uses the built-in sample request.
    Prints the path of each image written.
    """
    from ..authoring import preview as draw
    from ..authoring import sample_request

    fields = render_fields(params)
    fields.pop("formats", None)  # a preview draws the PDF (and with --word the DOCX)
    if params.get("role") or params.get("from_file"):
        request = request_from_options(params, extra=fields)
    else:
        request = sample_request(**fields)
    for path in draw(request, Path(out_dir), word=word):
        click.echo(str(path))
