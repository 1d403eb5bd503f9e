"""The command line: a thin layer over the library API in nextround.pipeline.

Standard output carries only results (the paths written, or what `explain` found); messages go
to standard error. Exit codes: 0 success, 1 failure, 2 usage error. One module per command;
heavy modules (WeasyPrint, docxtpl) are imported only inside the commands that render, so
`--help`, `roles` and `explain` start fast.
"""

from __future__ import annotations

import click

from .. import __version__
from .batch import batch
from .explain import explain
from .generate import generate
from .preview import preview
from .roles import roles
from .templates import templates


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="nextround")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
def main(debug: bool) -> None:
    """Prepare for follow-up interviews: a 30/60/90-day plan to hand each interviewer and a
    question sheet to take with you, tailored to one role at one company.

    \b
    Start with:
      nextround generate --role "Senior Data Engineer" --company "Acme Grocers" \\
          --description-file acme.txt --candidate "Jane Doe"
      nextround explain  --role "..." --company "..." --description-file acme.txt
    """


for command in (generate, batch, explain, roles, templates, preview):
    main.add_command(command)
