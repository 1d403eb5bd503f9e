"""What every command shares: error handling, the request options, the render options."""

from __future__ import annotations

import functools
import logging
import sys
from typing import Any

import click

from ..errors import NextroundError


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


class _WarningLines(logging.Handler):
    """Prints what the "nextround" logger warns about as "Warning: ..." on standard error;
    standard output stays for results only."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"Warning: {record.getMessage()}", err=True)


def show_warnings() -> None:
    logger = logging.getLogger("nextround")
    if not any(isinstance(h, _WarningLines) for h in logger.handlers):
        logger.addHandler(_WarningLines(logging.WARNING))


def handle_errors(command):
    """Turn a user's mistake into a plain message and exit 1; a bug into a short apology.

    Warnings (problems that do not stop the work) are printed as they happen."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        debug = click.get_current_context().find_root().params.get("debug", False)
        show_warnings()
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
                     help="Your likely first day: the phases then show calendar dates "
                          "(3/15/2027 and March 15, 2027 work too)."),
        click.option("--date", metavar="YYYY-MM-DD",
                     help="The date printed on the handouts (default: today)."),
        click.option("--family", metavar="ID",
                     help="The role family, if the title is read wrong (ids: nextround roles)."),
        click.option("--level", metavar="ID",
                     help="entry, ic, senior, manager, director or executive, if read wrong."),
        click.option("--sector", metavar="ID",
                     help="The employer's sector, if read wrong (ids: nextround roles)."),
        click.option("--date-order", type=click.Choice(["mdy", "dmy"], case_sensitive=False),
                     help="Read a date like 3/4/2027 month first (mdy) or day first (dmy)."),
        click.option("--from", "from_file", metavar="FILE", type=click.Path(dir_okay=False),
                     help="Read the fields from a YAML or JSON file; options given here win."),
    ]
    for option in reversed(options):
        command = option(command)
    return allow_dir_option(command)


def allow_dir_option(command):
    """--allow-dir: the one way to let a file (request file, spreadsheet, nextround.toml) name
    a path outside its own folder."""
    return click.option(
        "--allow-dir", "allow_dirs", metavar="DIR", multiple=True, envvar="NEXTROUND_ALLOW_DIR",
        type=click.Path(file_okay=False),
        help="Let the paths named in a request file, spreadsheet or nextround.toml (description "
             "file, logo, content, theme) lead into DIR too; by default they must stay in that "
             "file's folder. Repeat for more folders.")(command)


def request_from_options(params: dict[str, Any], *, extra: dict[str, Any] | None = None):
    from ..project import project_defaults
    from ..request import build_request, load_request_file

    allowed = tuple(params.get("allow_dirs") or ())
    # Lowest first: ./nextround.toml, then a --from file, then the options given.
    fields: dict[str, Any] = project_defaults(allowed=allowed)
    if params.get("from_file"):
        fields.update(load_request_file(params["from_file"], allowed))
    given = {
        "role": params.get("role"),
        "company": params.get("company"),
        "description": params.get("description"),
        "description_file": params.get("description_file"),
        "candidate": params.get("candidate"),
        "interviewers": list(params.get("interviewers") or []) or None,
        "start_date": params.get("start_date"),
        "date": params.get("date"),
        "family": params.get("family"),
        "level": params.get("level"),
        "sector": params.get("sector"),
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
    order = params.get("date_order")
    return build_request(fields, date_order=order.lower() if order else None)


def render_options(command):
    """How to render: shared by generate and batch (a spreadsheet column can override them)."""
    options = [
        # No Click default: a format named in --from's file or a spreadsheet column must not
        # be overridden by a default nobody typed (build_request falls back to pdf,docx).
        click.option("--format", "formats", metavar="LIST",
                     help="Comma-separated: pdf, docx, html, md, json [default: pdf,docx]."),
        click.option("--only", type=click.Choice(["plan", "questions"]),
                     help="Write only the plan or only the question sheet."),
        click.option("--paper", type=click.Choice(["letter", "a4"], case_sensitive=False),
                     help="Paper size (default: letter)."),
        click.option("--theme", metavar="NAME_OR_PATH",
                     help="A built-in theme, a theme in your theme folder, or a theme folder."),
        click.option("--logo", metavar="PATH", help="A PNG, JPEG or SVG printed at the top."),
        click.option("--accent-color", metavar="#RRGGBB",
                     help="The color of headings and rules, e.g. \"#0B5FFF\"."),
        click.option("--font", metavar="NAME", help="An installed font for the text."),
        click.option("--footer", metavar="TEXT", help="Your line at the foot of each page."),
        click.option("--per-interviewer", is_flag=True, default=None,
                     help="Also write one copy of the plan for each interviewer, headed with "
                          "their name and title, its priorities in the order their function "
                          "cares about."),
        click.option("--content", metavar="DIR",
                     help="A content pack: role families and wording that add to or replace "
                          "the built-in ones."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


RENDER_FIELDS = ("formats", "only", "paper", "theme", "logo", "accent_color", "font", "footer",
                 "content", "per_interviewer")


def render_fields(params: dict[str, Any]) -> dict[str, Any]:
    """Take the render options out of a command's parameters: those given, as request fields."""
    given = {key: params.pop(key, None) for key in RENDER_FIELDS}
    return {key: value for key, value in given.items() if value}
