"""What every command shares: error handling, the request options, the render options."""

from __future__ import annotations

import functools
import logging
import sys
from typing import Any

import click

from ..errors import NextroundError
from ..fields import RENDER, REQUEST, Field
from ..request import FIELD_TABLE


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


def field_option(field: Field, **changes: Any):
    """The option for a request field, as the field table declares it (request.Request)."""
    spec: dict[str, Any] = {"metavar": field.metavar or None, "help": field.help,
                            "envvar": field.envvar}
    if field.kind == "list":
        spec["multiple"] = True
    elif field.kind == "flag":
        spec.update(is_flag=True, default=None)  # None: not given, so a file's value counts
    elif field.kind == "choice":
        spec["type"] = click.Choice(field.choices, case_sensitive=False)
    return click.option(field.flag, field.name, **{**spec, **changes})


def _add_options(command, options: list):
    for option in reversed(options):
        command = option(command)
    return command


def request_options(command):
    """The options that describe one request, shared by generate, explain and preview."""
    options = [field_option(f) for f in FIELD_TABLE if f.group == REQUEST]
    options += [
        click.option("--date-order", type=click.Choice(["mdy", "dmy"], case_sensitive=False),
                     help="Read a date like 3/4/2027 month first (mdy) or day first (dmy)."),
        click.option("--from", "from_file", metavar="FILE", type=click.Path(dir_okay=False),
                     help="Read the fields from a YAML or JSON file; options given here win."),
    ]
    return allow_dir_option(_add_options(command, options))


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
    # A repeated option given no times is a file's value left alone, like any option not given.
    given = {f.name: (list(params.get(f.name) or ()) or None) if f.kind == "list"
             else params.get(f.name) for f in FIELD_TABLE if f.group == REQUEST}
    given.update(extra or {})
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
    """How to render: shared by generate, batch and preview (a spreadsheet column can override
    them)."""
    # A list of choices may be given once with commas or repeated ("--format md --format
    # pdf"): both mean both, where a single-value option would keep only the last.
    return _add_options(command, [
        field_option(f, **({"multiple": True} if f.choices and f.kind != "choice" else {}))
        for f in FIELD_TABLE if f.group == RENDER])


def render_fields(params: dict[str, Any]) -> dict[str, Any]:
    """Take the render options out of a command's parameters: those given, as request fields."""
    given = {f.name: params.pop(f.name, None) for f in FIELD_TABLE if f.group == RENDER}
    given = {key: ",".join(value) if isinstance(value, tuple) else value
             for key, value in given.items()}
    return {key: value for key, value in given.items() if value}
