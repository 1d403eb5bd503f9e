"""The command line: a thin layer over the library API in nextround.pipeline.

Standard output carries only results (the paths written, or what `explain` found); messages go
to standard error. Exit codes: 0 success, 1 failure, 2 usage error. One module per command;
heavy modules (WeasyPrint, docxtpl) are imported only inside the commands that render, so
`--help`, `roles` and `explain` start fast.
"""

from __future__ import annotations

import contextlib
import os
import sys

import click

from .. import __version__
from .batch import batch
from .completion import completion
from .config import config
from .explain import explain
from .generate import generate
from .preview import preview
from .roles import roles
from .serve import serve
from .templates import templates


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100,
                               "auto_envvar_prefix": "NEXTROUND"})
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


for command in (generate, batch, explain, roles, templates, preview, config, completion,
                serve):
    # Every option can come from NEXTROUND_<OPTION> (NEXTROUND_THEME, NEXTROUND_ACCENT_COLOR),
    # the same name for every command, rather than Click's NEXTROUND_GENERATE_THEME.
    command.context_settings.setdefault("auto_envvar_prefix", "NEXTROUND")
    main.add_command(command)


def run() -> None:
    """The `nextround` program: the commands above, then an immediate exit.

    Python's own exit tears down everything a run loaded, object by object; after rendering
    with WeasyPrint that takes a quarter of a second, for memory the system frees anyway. So
    once the command has finished and said all it has to say, the process leaves at once.
    Tests call `main` instead, which returns to its caller.
    """
    code = 0
    try:
        main()
    except SystemExit as exit_:  # how Click ends every command
        code = exit_.code
    if code is not None and not isinstance(code, int):
        click.echo(code, err=True)
        code = 1
    rendering = sys.modules.get("nextround.rendering.html")  # not imported just for this
    if rendering is not None:
        rendering.release_fonts()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code or 0)
