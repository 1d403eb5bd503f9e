"""nextround generate: one request, its handouts written to a folder."""

from __future__ import annotations

import sys
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
  nextround generate --role "Senior Data Engineer" --company "Acme Grocers" \\
      --description-file acme.txt --candidate "Jane Doe" --interviewer "Sam Lee"
  nextround generate --from samples/acme-grocers.yaml --format pdf,html --theme classic
  cat ad.txt | nextround generate --role "Store Manager" --company Acme --description-file -
"""


@click.command(epilog=EXAMPLE)
@request_options
@click.option("--out", "out_dir", default="out", show_default=True, metavar="DIR",
              help="Folder to write into; each request gets its own subfolder.")
@click.option("--force", is_flag=True,
              help="Replace handouts already in the subfolder (without it, nothing is "
                   "replaced).")
@click.option("--show-reading/--no-show-reading", default=None,
              help="Print how the ad was read (family, level, sector, priorities) on standard "
                   "error. Default: when standard error is a terminal.")
@render_options
@handle_errors
def generate(out_dir: str, force: bool, show_reading: bool | None,
             **params: Any) -> None:
    """Write the 30/60/90-day plan and the question sheet (PDF and DOCX by default).

    Prints the path of each file written, one per line.
    """
    from ..explanation import read_as
    from ..pipeline import generate as run
    from ..pipeline import prepare, understand

    request = request_from_options(params, extra=render_fields(params))
    prepared = prepare(request)
    if show_reading is None:
        # A person at a terminal sees it; a script reading standard error gets only warnings.
        show_reading = sys.stderr.isatty()
    analysis = understand(request, prepared) if show_reading else None
    if analysis is not None:
        click.echo(read_as(analysis), err=True)
    if analysis is not None and analysis.fell_back:
        click.echo(f"Warning: no role family matched {request.role!r}, so the plan follows the "
                   f"general arc of a new job. Name the family with --family (ids: nextround "
                   f"roles).", err=True)
    # With --debug, everything stays in this process, so a traceback shows where it came from.
    debug = click.get_current_context().find_root().params.get("debug", False)
    for path in run(request, out_dir, side_by_side=not debug, analysis=analysis,
                    force=force, prepared=prepared):
        click.echo(str(path))
