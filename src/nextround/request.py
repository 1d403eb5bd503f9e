"""Stage 1: the request. Everything a user can say about one set of handouts, checked.

A request comes from command-line options, a YAML or JSON file, or (in a batch) a spreadsheet
row. All of them end up in `build_request`, so the rules and messages are the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .dates import parse_date
from .errors import RequestError

# Non-fatal problems (characters removed, glyphs missing) go to this logger; the command line
# prints them on standard error as "Warning: ...".
log = logging.getLogger("nextround")

FORMATS = ("pdf", "docx", "html", "md", "json")
DEFAULT_FORMATS = ("pdf", "docx")
DOCUMENTS = ("plan", "questions")
PAPERS = ("letter", "a4")

# Limits keep a mistaken paste (a whole web page) from producing a ten-page "plan".
MAX_DESCRIPTION = 20_000
MAX_SHORT_FIELD = 200
MAX_INTERVIEWERS = 12
MAX_FILE_NAME = 255  # bytes in one folder name, on every common file system

FIELDS = ("role", "company", "description", "description_file", "candidate", "interviewers",
          "start_date", "date", "paper", "theme", "only", "formats",
          "logo", "accent_color", "font", "footer", "content", "family", "level", "sector",
          "per_interviewer")
BRANDING_FIELDS = ("logo", "accent_color", "font", "footer")


@dataclass(frozen=True)
class Request:
    role: str
    company: str
    description: str
    candidate: str = ""
    interviewers: tuple[str, ...] = ()
    start_date: dt.date | None = None
    date: dt.date = field(default_factory=dt.date.today)
    paper: str = "letter"
    theme: str = "default"
    documents: tuple[str, ...] = DOCUMENTS
    formats: tuple[str, ...] = DEFAULT_FORMATS
    # Branding on top of the theme (empty: the theme's own), and a content pack folder.
    logo: str = ""
    accent_color: str = ""
    font: str = ""
    footer: str = ""
    content: str = ""
    # What the reading of the ad decides, when the user knows better: ids from `nextround roles`.
    family: str = ""
    level: str = ""
    sector: str = ""
    # One copy of the plan for each interviewer, headed with that person's name and title.
    per_interviewer: bool = False

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


def clean_text(value: str, field: str | None = None) -> str:
    """Normalise to NFC and drop characters no document format can hold.

    Control characters (except tab and newline), NUL and lone surrogates cannot go into XML,
    so they would make a DOCX that Word refuses to open. When `field` is given, a warning
    names it and the characters removed.
    """
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    kept, removed = [], []
    for ch in value:
        (removed if _unusable(ch) else kept).append(ch)
    if removed and field:
        codes = sorted({f"U+{ord(ch):04X}" for ch in removed})
        log.warning(
            "Removed %d character%s from the %s that no document can hold (control characters "
            "or broken Unicode): %s%s.", len(removed), "" if len(removed) == 1 else "s", field,
            ", ".join(codes[:8]), ", ..." if len(codes) > 8 else "")
    return "".join(kept)


def _unusable(ch: str) -> bool:
    return ch not in "\t\n" and (unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff")


def _short(name: str, value: Any, *, required: bool) -> str:
    text = clean_text(str(value), name).strip() if value is not None else ""
    text = " ".join(text.split())
    if required and not text:
        raise RequestError(
            f"The {name} is missing: give it with --{name} (or '{name}:' in a file)."
        )
    if len(text) > MAX_SHORT_FIELD:
        raise RequestError(
            f"The {name} is {len(text)} characters long; the limit is {MAX_SHORT_FIELD}."
        )
    return text


def _theme(value: Any) -> str:
    """A built-in theme name or a folder path, short enough for any file system to look up."""
    theme = _short("theme", value or "default", required=True)
    if any(len(part.encode("utf-8")) > MAX_FILE_NAME for part in Path(theme).parts):
        raise RequestError(f"The theme {theme[:40]!r}... is neither a theme name nor a folder: "
                           f"a folder name is at most {MAX_FILE_NAME} bytes.")
    try:
        Path(theme).expanduser()
    except RuntimeError:  # '~name' for a user this machine does not know
        raise RequestError(f"The theme {theme!r} starts with '~' but names no user's home "
                           f"folder.") from None
    return theme


def _date(name: str, value: Any, order: str | None) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_date(str(value), order=order, name=name)


def _choices(name: str, value: Any, allowed: tuple[str, ...], default: tuple[str, ...]) -> tuple:
    if value in (None, "", []):
        return default
    items = value if isinstance(value, list | tuple) else str(value).replace(";", ",").split(",")
    chosen = []
    for item in items:
        word = str(item).strip().lower()
        if word in ("md", "markdown"):
            word = "md"
        if word not in allowed:
            raise RequestError(
                f"Unknown {name} {item!r}: choose from {', '.join(allowed)}."
            )
        if word not in chosen:
            chosen.append(word)
    return tuple(chosen)


def read_description_file(path: str | Path, base: Path | None = None) -> str:
    """Read a description file ('-' reads standard input): text, Markdown, a saved web page,
    a PDF or a Word file. At most MAX_FILE_BYTES are read, and only from a regular file, so a
    huge file or a FIFO cannot hang or exhaust memory."""
    import sys

    from .documents import KNOWN_TYPES, MAX_FILE_BYTES, description_text
    from .reading import read_capped

    if str(path) == "-":
        return sys.stdin.read(MAX_DESCRIPTION * 4)
    full = Path(path) if base is None else base / path
    suffix = full.suffix.lower()
    if suffix not in KNOWN_TYPES and suffix not in (".doc", ".rtf", ".pages", ".odt"):
        suffix = ""  # an unusual extension is read as text when it is text
    if suffix in (".doc", ".rtf", ".pages", ".odt"):
        raise RequestError(f"The description file {str(path)!r} is a {suffix} file: save it "
                           f"as .docx, .pdf or .txt.")
    what = f"The description file {str(path)!r}"
    data = read_capped(full, MAX_FILE_BYTES, what, too_big=f"{what} is over "
                       f"{MAX_FILE_BYTES // 1_000_000} MB; keep the job ad only.")
    return description_text(data, suffix, str(path))


def _logo(value: Any, base: Path | None) -> str:
    from .images import check_logo

    if value in (None, ""):
        return ""
    path = Path(str(value)).expanduser()
    path = base / path if base is not None and not path.is_absolute() else path
    return str(check_logo(path, str(value)))


def _accent_color(value: Any) -> str:
    import re

    text = str(value or "").strip()
    if text and not re.fullmatch(r"#(?:[0-9a-fA-F]{3}){1,2}", text):
        raise RequestError(f"The accent color {text!r} is not a hex color: use #RRGGBB, "
                           f"for example #0B5FFF (quote it in a shell: \"#0B5FFF\").")
    return text


def _font(value: Any) -> str:
    import re

    text = " ".join(str(value or "").split())
    if text and not re.fullmatch(r"[\w .-]{1,60}", text):
        raise RequestError(f"The font {text!r} is not a font name: use letters, digits, spaces, "
                           f"'.' and '-' only, for example \"Source Serif 4\".")
    return text


def _content_dir(value: Any, base: Path | None) -> str:
    if value in (None, ""):
        return ""
    path = Path(str(value)).expanduser()
    path = base / path if base is not None and not path.is_absolute() else path
    if not path.is_dir():
        raise RequestError(f"The content folder {str(value)!r} does not exist (or is a file).")
    return str(path.resolve())


def build_request(fields: dict[str, Any], *, base: Path | None = None,
                  date_order: str | None = None) -> Request:
    """Check every field and build a Request; raise RequestError naming the field at fault.

    date_order ('mdy' or 'dmy') says how to read a date like 3/4/2027; without it such a date
    is refused as ambiguous."""
    unknown = sorted(set(fields) - set(FIELDS) - {"documents"})
    if unknown:
        raise RequestError(
            f"Unknown field {unknown[0]!r}. The fields are: {', '.join(FIELDS)}."
        )
    description = fields.get("description")
    if fields.get("description_file") not in (None, ""):
        if description not in (None, ""):
            raise RequestError("Give either a description or a description file, not both.")
        description = read_description_file(fields["description_file"], base)
    description = clean_text(str(description or ""), "description").strip()
    if not description:
        raise RequestError(
            "The company description is missing or empty: give it with --description TEXT, "
            "--description-file PATH, or --description-file - to read standard input."
        )
    if len(description) > MAX_DESCRIPTION:
        raise RequestError(
            f"The description is {len(description):,} characters long; the limit is "
            f"{MAX_DESCRIPTION:,}. Keep the 'about the company' and 'about the role' parts."
        )
    raw_people = fields.get("interviewers") or []
    if isinstance(raw_people, str):
        raw_people = raw_people.split(";")
    interviewers = tuple(
        p for p in (_short("interviewer", x, required=False) for x in raw_people) if p
    )
    if len(interviewers) > MAX_INTERVIEWERS:
        raise RequestError(f"{len(interviewers)} interviewers given; the limit is "
                           f"{MAX_INTERVIEWERS}.")
    only = fields.get("only") or fields.get("documents")
    paper = _choices("paper size", fields.get("paper"), PAPERS, ("letter",))
    if len(paper) != 1:
        raise RequestError("Give one paper size: letter or a4.")
    return Request(
        role=_short("role", fields.get("role"), required=True),
        company=_short("company", fields.get("company"), required=True),
        description=description,
        candidate=_short("candidate", fields.get("candidate"), required=False),
        interviewers=interviewers,
        start_date=_date("start_date", fields.get("start_date"), date_order),
        date=_date("date", fields.get("date"), date_order) or dt.date.today(),
        paper=paper[0],
        theme=_theme(fields.get("theme")),
        documents=_choices("document", only, DOCUMENTS, DOCUMENTS),
        formats=_choices("format", fields.get("formats"), FORMATS, DEFAULT_FORMATS),
        logo=_logo(fields.get("logo"), base),
        accent_color=_accent_color(fields.get("accent_color")),
        font=_font(fields.get("font")),
        footer=_short("footer", fields.get("footer"), required=False),
        content=_content_dir(fields.get("content"), base),
        family=_short("family", fields.get("family"), required=False).lower(),
        level=_short("level", fields.get("level"), required=False).lower(),
        sector=_short("sector", fields.get("sector"), required=False).lower(),
        per_interviewer=_yes_no("per_interviewer", fields.get("per_interviewer")),
    )


YES = ("yes", "y", "true", "1", "on", "x")
NO = ("no", "n", "false", "0", "off", "")


def _yes_no(name: str, value: Any) -> bool:
    """A flag from an option, a YAML boolean or a spreadsheet cell ("yes", "TRUE", "1")."""
    if isinstance(value, bool) or value is None:
        return bool(value)
    text = str(value).strip().lower()
    if text in YES or text in NO:
        return text in YES
    raise RequestError(f"The {name.replace('_', ' ')} setting {str(value)!r} is not yes or no.")


# The fields that name a file or folder. When a file (a request file, a spreadsheet,
# nextround.toml) names one, it must lie in that file's folder tree: see reading.confined.
# (A theme folder is not among them: whatever folder it is, it may use only its own files.)
PATH_FIELDS = {"description_file": "description file", "logo": "logo",
               "content": "content folder"}
MAX_REQUEST_FILE = 1_000_000


def confine_paths(fields: dict[str, Any], base: Path, owner: str,
                  allowed: tuple[str, ...] = (), *, join: bool = True) -> dict[str, Any]:
    """The fields with every path they name checked to lie inside `base` (the folder of the
    file they were read from, named `owner` in messages: "the spreadsheet") or a folder allowed
    with --allow-dir; with `join`, made relative to the current folder (base/path)."""
    from .reading import confined

    fields = dict(fields)
    for key, what in PATH_FIELDS.items():
        value = fields.get(key)
        if value in (None, "") or key == "description_file" and str(value).strip() == "-":
            continue  # standard input, the caller's own
        confined(base, str(value), what, f"{owner}'s folder", allowed)
        if join:
            fields[key] = str(base / Path(str(value)).expanduser())
    return fields


def load_request_file(path: str | Path, allowed: tuple[str, ...] = ()) -> dict[str, Any]:
    """Read the fields of a request from a YAML or JSON file. The paths it names are relative
    to it and must stay in its folder (or one in `allowed`)."""
    import yaml

    from .reading import read_capped

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
    data = {str(k).strip().lower().replace("-", "_").replace(" ", "_"): v for k, v in data.items()}
    if "format" in data and "formats" not in data:
        data["formats"] = data.pop("format")
    if "interviewer" in data and "interviewers" not in data:
        data["interviewers"] = data.pop("interviewer")
    return confine_paths(data, path.parent, "the request file", allowed)
