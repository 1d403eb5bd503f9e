"""Stage 1: the request. Everything a user can say about one set of handouts, checked.

A request comes from command-line options, a YAML or JSON file, nextround.toml, or (in a batch)
a spreadsheet row. All of them end up in `build_request`, so the rules and messages are the same
everywhere. Each field is declared once, below, as an attribute of `Request` (see fields.py):
adding a field is one attribute here, plus the templates that show it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import fields as check
from .errors import RequestError
from .fields import (  # the limits and clean_text are known from here too
    MAX_DESCRIPTION,  # noqa: F401
    MAX_INTERVIEWERS,  # noqa: F401
    MAX_SHORT_FIELD,  # noqa: F401
    RENDER,
    Checking,
    Field,
    ask,
    clean_text,  # noqa: F401
    field_table,
    file_key,
    read_description_file,  # noqa: F401
)
from .images import LOGO_KINDS_TEXT
from .reading import confined, read_capped, relative

OUTPUT_FORMATS = ("pdf", "docx", "html", "md", "json")  # the files a request can ask for
DEFAULT_FORMATS = ("pdf", "docx")
DOCUMENTS = ("plan", "questions")
PAPERS = ("letter", "a4")
BRANDING_FIELDS = ("logo", "accent_color", "font", "footer")


@dataclass(frozen=True, kw_only=True)
class Request:
    """One set of handouts, checked: each attribute is a field, with how a user gives it."""

    role: str = ask(
        "The job title, as in the posting.", check.text, metavar="TITLE", required=True,
        columns=("job title", "title", "position", "position title", "role title", "job",
                 "job role", "role name"))
    company: str = ask(
        "The company's name.", check.text, metavar="NAME", required=True,
        # "Client" is the hiring company to an agency but the job seeker to a career coach: it
        # is the company's last resort and the candidate's, so a sheet that also has a Company
        # column reads its Client column as the candidate (the company's column is matched
        # first, by its own name).
        columns=("company name", "employer", "organization", "organisation", "org",
                 "company/organization", "firm", "client", "client name"))
    description: str = ask(
        "The company/role description (the job ad's 'about us' is ideal).", check.description,
        metavar="TEXT",
        columns=("about the company", "company description", "job description",
                 "description text", "about", "about us", "job ad", "posting", "job posting",
                 "details", "notes about the company"))
    # Where the description was read from (empty: it was given as text).
    description_file: str = ask(
        "Read the description from a file; '-' reads standard input.", check.file_name,
        metavar="PATH", path="description file",
        columns=("description file", "description path", "job description file",
                 "job ad file", "file"))
    candidate: str = ask(
        "Your name, printed as 'Prepared by'.", check.text, metavar="NAME", setting=3,
        columns=("candidate name", "name", "your name", "prepared by", "applicant",
                 "applicant name", "full name", "client", "client name", "coachee",
                 "job seeker"))
    interviewers: tuple[str, ...] = ask(
        "Someone you will meet (repeat for each).", check.people, default=(), metavar="NAME",
        kind="list", option="interviewer",
        columns=("interviewer", "interviewer names", "interviewers names", "panel",
                 "interview panel", "meeting with"))
    start_date: dt.date | None = ask(
        "Your likely first day: the phases then show calendar dates (3/15/2027 and March 15, "
        "2027 work too).", check.date, default=None, metavar="YYYY-MM-DD", kind="date",
        columns=("start", "start date", "first day", "expected start"))
    date: dt.date = ask(
        "The date printed on the handouts (default: today).", check.date_or_today,
        default_factory=dt.date.today, metavar="YYYY-MM-DD", kind="date",
        columns=("handout date", "date printed"))
    # What the reading of the ad decides, when the user knows better: ids from `nextround roles`.
    family: str = ask(
        "The role family, if the title is read wrong (ids: nextround roles).", check.identifier,
        metavar="ID", columns=("role family", "job family"))
    level: str = ask(
        "entry, ic, senior, manager, director or executive, if read wrong.", check.identifier,
        metavar="ID", columns=("seniority", "seniority level", "job level"))
    sector: str = ask(
        "The employer's sector, if read wrong (ids: nextround roles).", check.identifier,
        metavar="ID", columns=("industry", "employer sector"))

    # -- how to render: options of generate, batch and preview (a column can override them) --
    # (No option default: a format named in --from's file or a spreadsheet column must not be
    # overridden by a default nobody typed; the check falls back to DEFAULT_FORMATS.)
    formats: tuple[str, ...] = ask(
        f"Comma-separated or repeated: {', '.join(OUTPUT_FORMATS)} "
        f"[default: {','.join(DEFAULT_FORMATS)}].",
        check.choices("format", DEFAULT_FORMATS), default=DEFAULT_FORMATS, metavar="LIST",
        group=RENDER, choices=OUTPUT_FORMATS, option="format",
        columns=("format", "file formats", "output format", "output formats"))
    documents: tuple[str, ...] = ask(
        "Write only the plan or only the question sheet.", check.choices("document", DOCUMENTS),
        default=DOCUMENTS, group=RENDER, kind="choice", choices=DOCUMENTS, name="only",
        aliases=("documents",), columns=("document", "documents"))
    paper: str = ask(
        "Paper size (default: letter).",
        check.choices("paper size", ("letter",), one="Give one paper size: letter or a4."),
        default="letter", group=RENDER, kind="choice", choices=PAPERS, setting=2,
        theme_keys=("paper",), columns=("paper size", "page size"))
    theme: str = ask(
        "A built-in theme, a theme in your theme folder, or a theme folder.", check.theme,
        default="default", metavar="NAME_OR_PATH", group=RENDER, setting=1,
        columns=("template", "style"))
    # Branding on top of the theme (empty: the theme's own), and a content pack folder.
    logo: str = ask(
        f"A {LOGO_KINDS_TEXT} printed at the top.", check.logo, metavar="PATH", group=RENDER,
        path="logo", setting=4, theme_keys=("logo",))
    accent_color: str = ask(
        "The color of headings and rules, e.g. \"#0B5FFF\".", check.color, metavar="#RRGGBB",
        group=RENDER, setting=5, theme_keys=("accent_color", "colors.accent"))
    font: str = ask(
        "An installed font for the text.", check.font, metavar="NAME", group=RENDER, setting=6,
        theme_keys=("font", "fonts.body"))
    footer: str = ask(
        "Your line at the foot of each page.", check.text, metavar="TEXT", group=RENDER,
        setting=7, theme_keys=("footer",))
    # One copy of the plan for each interviewer, headed with that person's name and title.
    per_interviewer: bool = ask(
        "Also write one copy of the plan for each interviewer, headed with their name and "
        "title, its priorities in the order their function cares about.", check.yes_no,
        default=False, group=RENDER, kind="flag",
        columns=("per interviewer", "copy per interviewer", "plan per interviewer"))
    content: str = ask(
        "A content pack: role families and wording that add to or replace the built-in ones.",
        check.folder, metavar="DIR", group=RENDER, path="content folder", setting=8)

    def branding(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in BRANDING_FIELDS}

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["start_date"] = self.start_date.isoformat() if self.start_date else None
        data["date"] = self.date.isoformat()
        data["interviewers"] = list(self.interviewers)
        data["documents"] = list(self.documents)
        data["formats"] = list(self.formats)
        return data


# What the table above says, as the readers of requests use it.
FIELD_TABLE: tuple[Field, ...] = field_table(Request)
FIELDS = tuple(f.name for f in FIELD_TABLE)
BY_NAME = {f.name: f for f in FIELD_TABLE}
# The fields that name a file or folder. When a file (a request file, a spreadsheet,
# nextround.toml) names one, it must lie in that file's folder tree: see reading.confined.
# (A theme folder is not among them: whatever folder it is, it may use only its own files.)
PATH_FIELDS = {f.name: f.path for f in FIELD_TABLE if f.path}
# The fields nextround.toml (and a NEXTROUND_* variable) may set, in `nextround config`'s order.
SETTINGS = tuple(f.name for f in sorted(FIELD_TABLE, key=lambda f: f.setting) if f.setting)
_ALIASES = {key: f.name for f in FIELD_TABLE for key in f.keys if key != f.name}


def resolve_alias(key: str) -> str:
    """The field a key names, aliases included ('format' -> 'formats'); else the key itself."""
    return _ALIASES.get(key, key)


def by_field_name(data: dict[str, Any]) -> dict[str, Any]:
    """The fields with each alias ('format', 'interviewer', 'documents') under the field's own
    name; both at once is a mistake worth a message."""
    named: dict[str, Any] = {}
    for key, value in data.items():
        name = resolve_alias(key)
        if name in named and name != key or name != key and name in data:
            raise RequestError(f"Give either {key!r} or {name!r}, not both.")
        named[name] = value
    return named


def build_request(fields: dict[str, Any], *, base: Path | None = None,
                  date_order: str | None = None) -> Request:
    """Check every field and build a Request; raise RequestError naming the field at fault.

    date_order ('mdy' or 'dmy') says how to read a date like 3/4/2027; without it such a date
    is refused as ambiguous."""
    fields = by_field_name(fields)
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise RequestError(
            f"Unknown field {unknown[0]!r}. The fields are: {', '.join(FIELDS)}."
        )
    checking = Checking(fields, base, date_order)
    return Request(**{f.attribute: f.check(fields.get(f.name), f, checking)
                      for f in FIELD_TABLE})


MAX_REQUEST_FILE = 1_000_000


def confine_paths(fields: dict[str, Any], base: Path, owner: str,
                  allowed: tuple[str, ...] = (), *, join: bool = True) -> dict[str, Any]:
    """The fields with every path they name checked to lie inside `base` (the folder of the
    file they were read from, named `owner` in messages: "the spreadsheet") or a folder allowed
    with --allow-dir; with `join`, made relative to the current folder (base/path)."""
    fields = dict(fields)
    for key, what in PATH_FIELDS.items():
        value = fields.get(key)
        if value in (None, "") or key == "description_file" and str(value).strip() == "-":
            continue  # standard input, the caller's own
        confined(base, str(value), what, f"{owner}'s folder", allowed)
        if join:
            fields[key] = str(relative(base, value))
    return fields


def load_request_file(path: str | Path, allowed: tuple[str, ...] = ()) -> dict[str, Any]:
    """Read the fields of a request from a YAML or JSON file. The paths it names are relative
    to it and must stay in its folder (or one in `allowed`)."""
    # Loaded for --from only: every command imports this module, for its options.
    import json  # noqa: PLC0415

    import yaml

    path = Path(path)
    try:
        text = read_capped(path, MAX_REQUEST_FILE, f"The request file {str(path)!r}"
                           ).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RequestError(f"The request file {str(path)!r} cannot be read: it is not UTF-8 "
                           f"text.") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        line = getattr(exc, "lineno", None) or getattr(
            getattr(exc, "problem_mark", None), "line", -1) + 1
        raise RequestError(
            f"The request file {str(path)!r} is not valid "
            f"{'JSON' if path.suffix.lower() == '.json' else 'YAML'}"
            f"{f' (line {line})' if line else ''}."
        ) from None
    except RecursionError:  # both readers take nested lists and mappings by recursion
        raise RequestError(f"The request file {str(path)!r} is nested too deeply to read "
                           f"(lists or mappings inside each other, hundreds of levels).") from None
    if not isinstance(data, dict):
        raise RequestError(f"The request file {str(path)!r} must hold a mapping of fields "
                           f"(role, company, description, ...).")
    data = by_field_name({file_key(k): v for k, v in data.items()})
    return confine_paths(data, path.parent, "the request file", allowed)
