"""The command line: a thin layer over the library API in nextround.pipeline.

Standard output carries only results (the paths written, or what `explain` found); messages go
to standard error. Exit codes: 0 success, 1 failure, 2 usage error.
Heavy modules (WeasyPrint, docxtpl) are imported only by the commands that render.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

import click

from . import __version__
from .errors import NextroundError


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def handle_errors(command):
    """Turn a user's mistake into a plain message and exit 1; a bug into a short apology."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            return command(*args, **kwargs)
        except NextroundError as exc:
            if debug:
                raise
            _fail(str(exc))
        except KeyboardInterrupt:
            click.echo("Interrupted: no file was left half-written.", err=True)
            sys.exit(130)
        except (click.ClickException, click.exceptions.Exit, SystemExit):
            raise
        except Exception as exc:  # a bug in nextround, not the user's fault
            if debug:
                raise
            _fail(f"nextround hit an internal problem ({type(exc).__name__}: {exc}). "
                  f"Run again with 'nextround --debug ...' to see where, and report it.")

    return wrapper


def request_options(command):
    """The options that describe one request, shared by generate and explain."""
    options = [
        click.option("--role", metavar="TITLE", help="The job title, as in the posting."),
        click.option("--company", metavar="NAME", help="The company's name."),
        click.option("--description", metavar="TEXT",
                     help="The company/role description (the job ad's 'about us' is ideal)."),
        click.option("--description-file", metavar="PATH",
                     help="Read the description from a file; '-' reads standard input."),
        click.option("--candidate", metavar="NAME", help="Your name, printed as 'Prepared by'."),
        click.option("--interviewer", "interviewers", metavar="NAME", multiple=True,
                     help="Someone you will meet (repeat for each)."),
        click.option("--start-date", metavar="YYYY-MM-DD",
                     help="Your likely first day: the phases then show calendar dates."),
        click.option("--date", metavar="YYYY-MM-DD",
                     help="The date printed on the handouts (default: today)."),
        click.option("--from", "from_file", metavar="FILE", type=click.Path(dir_okay=False),
                     help="Read the fields from a YAML or JSON file; options given here win."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _request(params: dict[str, Any], *, extra: dict[str, Any] | None = None):
    from .request import build_request, load_request_file

    fields: dict[str, Any] = {}
    if params.get("from_file"):
        fields.update(load_request_file(params["from_file"]))
    given = {
        "role": params.get("role"),
        "company": params.get("company"),
        "description": params.get("description"),
        "description_file": params.get("description_file"),
        "candidate": params.get("candidate"),
        "interviewers": list(params.get("interviewers") or []) or None,
        "start_date": params.get("start_date"),
        "date": params.get("date"),
        **(extra or {}),
    }
    for key, value in given.items():
        if value not in (None, ""):
            fields[key] = value
    # A description on the command line replaces a file named in --from, and vice versa.
    if given["description"] and not given["description_file"]:
        fields.pop("description_file", None)
    if given["description_file"] and not given["description"]:
        fields.pop("description", None)
    return build_request(fields)


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


@main.command()
@request_options
@click.option("--out", "out_dir", default="out", show_default=True, metavar="DIR",
              help="Folder to write into; each request gets its own subfolder.")
@click.option("--format", "formats", default="pdf,docx", show_default=True,
              metavar="LIST", help="Comma-separated: pdf, docx, html, md, json.")
@click.option("--only", type=click.Choice(["plan", "questions"]),
              help="Write only the plan or only the question sheet.")
@click.option("--paper", type=click.Choice(["letter", "a4"], case_sensitive=False),
              help="Paper size (default: letter).")
@click.option("--theme", metavar="NAME_OR_PATH", help="A built-in theme or a theme folder.")
@handle_errors
def generate(out_dir: str, formats: str, only: str | None, paper: str | None,
             theme: str | None, **params: Any) -> None:
    """Write the 30/60/90-day plan and the question sheet (PDF and DOCX by default).

    Prints the path of each file written, one per line.
    """
    from .pipeline import generate as run

    extra = {"formats": formats, "only": only, "paper": paper, "theme": theme}
    request = _request(params, extra={k: v for k, v in extra.items() if v})
    for path in run(request, out_dir):
        click.echo(str(path))


@main.command()
@request_options
@handle_errors
def explain(**params: Any) -> None:
    """Show what nextround understood from the title and the description, and why."""
    from .explanation import explanation_text
    from .pipeline import compose_documents, understand

    request = _request(params)
    click.echo(explanation_text(request, understand(request), compose_documents(request)))


@main.command()
@handle_errors
def roles() -> None:
    """List the role families nextround knows, with example titles."""
    from .library import load_library

    library = load_library()
    for family in library.families.values():
        click.echo(f"{family.id:24} {family.name}")
        click.echo(f"{'':24} e.g. {', '.join(family.examples[:4])}")
    click.echo(f"\n{len(library.families)} families. Any other title gets a general plan built "
               f"from its own words ('nextround explain' says when).")
