"""A request field: how it is declared, named and checked.

Every field is declared once, as an attribute of `request.Request` whose default is `ask(...)`
(its help, its option's placeholder, what spreadsheets call its column, whether it names a
file, whether nextround.toml may set it, and the check its value goes through). Everything that
reads a request reads that one table: the command-line options (cli/common.py), a request file
(--from), a spreadsheet's columns (spreadsheet.py), nextround.toml and the NEXTROUND_*
variables (project.py, `nextround config`), and `request.build_request`, which runs the checks.
The checks themselves are here, so that the same value gets the same message from every source.

Every command loads this module at start, for its options; what only checking a value needs
(reading a description file, a date) is loaded when a value is checked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import RequestError
from .images import check_logo
from .reading import read_capped, relative

# Non-fatal problems (characters removed, glyphs missing) go to this logger; the command line
# prints them on standard error as "Warning: ...".
log = logging.getLogger("nextround")

# Which commands take a field as an option: the request's own (generate, explain, preview; a
# batch row gives them in its columns) or how to render it (generate, batch, preview).
REQUEST, RENDER = "request", "render"
ENV_PREFIX = "NEXTROUND_"

# Limits keep a mistaken paste (a whole web page) from producing a ten-page "plan".
MAX_DESCRIPTION = 20_000
MAX_SHORT_FIELD = 200
MAX_INTERVIEWERS = 12
MAX_FILE_NAME = 255  # bytes in one folder name, on every common file system

# What a color and a font name may be, wherever they come from (an option, theme.yaml): only
# these characters ever reach a stylesheet.
COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
FONT_NAME = re.compile(r"[\w .-]{1,60}")
GENERIC_FONTS = frozenset({"serif", "sans-serif", "monospace", "cursive", "fantasy",
                           "system-ui"})


@dataclasses.dataclass(frozen=True)
class Field:
    """One field of a request, as every source of requests sees it."""

    help: str  # the option's help
    check: Callable[[Any, Field, Checking], Any]  # the value as the Request holds it
    metavar: str = ""  # the option's placeholder: TITLE, PATH, #RRGGBB
    group: str = REQUEST
    kind: str = "text"  # text, list (a repeated option), flag, choice (of `choices`), date
    choices: tuple[str, ...] = ()
    option: str = ""  # the option's name when it is not the field's (--interviewer)
    aliases: tuple[str, ...] = ()  # other keys read as this field, besides `option`
    required: bool = False  # a spreadsheet without its column stops at once
    path: str = ""  # names a file or folder: what to call it in a message ("logo")
    setting: int = 0  # nextround.toml may set it; its place in `nextround config`'s list
    theme_keys: tuple[str, ...] = ()  # where a theme.yaml gives its default (config shows it)
    columns: tuple[str, ...] = ()  # what people call its spreadsheet column, besides its name
    name: str = ""  # the key in a file; filled in from the Request attribute's name
    attribute: str = ""  # the Request attribute it fills

    @property
    def flag(self) -> str:
        return "--" + (self.option or self.name).replace("_", "-")

    @property
    def envvar(self) -> str:
        return ENV_PREFIX + self.name.upper()

    @property
    def keys(self) -> tuple[str, ...]:
        """Every key read as this field: its name, its option's name, its aliases."""
        return (self.name, *((self.option,) if self.option else ()), *self.aliases)


def ask(help: str, check: Callable, *, default: Any = "", default_factory: Any = None,
        **spec: Any) -> Any:
    """A Request attribute that is a field: its default and its Field, for `request.FIELDS`."""
    metadata = {"field": Field(help=help, check=check, **spec)}
    if default_factory is not None:
        return dataclasses.field(default_factory=default_factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def field_table(request_class: type) -> tuple[Field, ...]:
    """The Field of every attribute of `request_class` declared with `ask`, in its order."""
    return tuple(dataclasses.replace(item.metadata["field"], attribute=item.name,
                                     name=item.metadata["field"].name or item.name)
                 for item in dataclasses.fields(request_class) if "field" in item.metadata)


def file_key(key: Any) -> str:
    """A key as written in a request file or nextround.toml ('Start-Date') -> 'start_date'."""
    return str(key).strip().lower().replace("-", "_").replace(" ", "_")


@dataclasses.dataclass(frozen=True)
class Checking:
    """What a check may need besides the value: the other fields (the description and its
    file go together), the folder relative paths start from, and the order of ambiguous dates
    ('mdy' or 'dmy')."""

    fields: dict[str, Any]
    base: Path | None = None
    date_order: str | None = None


# -- checks: (value, field, checking) -> the value the Request holds ---------------------------


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


def short_text(name: str, value: Any, *, required: bool) -> str:
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


def text(value: Any, field: Field, _: Checking) -> str:
    """A short text on one line: a name, a footer."""
    return short_text(field.name, value, required=field.required)


def identifier(value: Any, field: Field, _: Checking) -> str:
    """An id from `nextround roles` (family, level, sector), in lower case."""
    return short_text(field.name, value, required=False).lower()


def description(value: Any, _: Field, checking: Checking) -> str:
    """The description, given as text or read from the file the description_file names."""
    file = checking.fields.get("description_file")
    if file not in (None, ""):
        if value not in (None, ""):
            raise RequestError("Give either a description or a description file, not both.")
        value = read_description_file(file, checking.base)
    value = clean_text(str(value or ""), "description").strip()
    if not value:
        raise RequestError(
            "The company description is missing or empty: give it with --description TEXT, "
            "--description-file PATH, or --description-file - to read standard input."
        )
    if len(value) > MAX_DESCRIPTION:
        raise RequestError(
            f"The description is {len(value):,} characters long; the limit is "
            f"{MAX_DESCRIPTION:,}. Keep the 'about the company' and 'about the role' parts."
        )
    return value


def read_description_file(path: str | Path, base: Path | None = None) -> str:
    """Read a description file ('-' reads standard input): text, Markdown, a saved web page,
    a PDF or a Word file. At most MAX_FILE_BYTES are read, and only from a regular file, so a
    huge file or a FIFO cannot hang or exhaust memory."""
    from .documents import KNOWN_TYPES, MAX_FILE_BYTES, description_text  # noqa: PLC0415

    if str(path) == "-":
        return sys.stdin.read(MAX_DESCRIPTION * 4)
    full = relative(base, path)
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


def file_name(value: Any, _: Field, __: Checking) -> str:
    """The file a value was read from, as given (`description` reads it)."""
    return "" if value in (None, "") else str(value)


def people(value: Any, _: Field, __: Checking) -> tuple[str, ...]:
    """Names, from a list or one text separated by ';'."""
    raw = value or []
    if isinstance(raw, str):
        raw = raw.split(";")
    names = tuple(p for p in (short_text("interviewer", x, required=False) for x in raw) if p)
    if len(names) > MAX_INTERVIEWERS:
        raise RequestError(f"{len(names)} interviewers given; the limit is {MAX_INTERVIEWERS}.")
    return names


def date(value: Any, field: Field, checking: Checking) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    from .dates import parse_date  # noqa: PLC0415

    return parse_date(str(value), order=checking.date_order, name=field.name)


def date_or_today(value: Any, field: Field, checking: Checking) -> dt.date:
    return date(value, field, checking) or dt.date.today()


def choices(what: str, default: tuple[str, ...], *, one: str = "") -> Callable:
    """Some of a field's `choices`, from a list or one text separated by ',' or ';' ('md' is
    also 'markdown'); with `one`, exactly one, and `one` is the message when there are more."""

    def check(value: Any, field: Field, _: Checking) -> Any:
        chosen = pick(what, value, field.choices, default)
        if one and len(chosen) != 1:
            raise RequestError(one)
        return chosen[0] if one else chosen

    return check


def pick(what: str, value: Any, allowed: tuple[str, ...], default: tuple[str, ...]) -> tuple:
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
                f"Unknown {what} {item!r}: choose from {', '.join(allowed)}."
            )
        if word not in chosen:
            chosen.append(word)
    return tuple(chosen)


def theme(value: Any, _: Field, __: Checking) -> str:
    """A built-in theme name or a folder path, short enough for any file system to look up."""
    name = short_text("theme", value or "default", required=True)
    if any(len(part.encode("utf-8")) > MAX_FILE_NAME for part in Path(name).parts):
        raise RequestError(f"The theme {name[:40]!r}... is neither a theme name nor a folder: "
                           f"a folder name is at most {MAX_FILE_NAME} bytes.")
    try:
        Path(name).expanduser()
    except RuntimeError:  # '~name' for a user this machine does not know
        raise RequestError(f"The theme {name!r} starts with '~' but names no user's home "
                           f"folder.") from None
    return name


def logo(value: Any, _: Field, checking: Checking) -> str:
    if value in (None, ""):
        return ""
    return str(check_logo(relative(checking.base, value), str(value)))


def color(value: Any, _: Field, __: Checking) -> str:
    given = str(value or "").strip()
    if given and not COLOR.fullmatch(given):
        raise RequestError(f"The accent color {given!r} is not a hex color: use #RRGGBB, "
                           f"for example #0B5FFF (quote it in a shell: \"#0B5FFF\").")
    return given


def font(value: Any, _: Field, __: Checking) -> str:
    given = " ".join(str(value or "").split())
    if given and not FONT_NAME.fullmatch(given):
        raise RequestError(f"The font {given!r} is not a font name: use letters, digits, "
                           f"spaces, '.' and '-' only, for example \"Source Serif 4\".")
    return given


def folder(value: Any, _: Field, checking: Checking) -> str:
    if value in (None, ""):
        return ""
    path = relative(checking.base, value)
    if not path.is_dir():
        raise RequestError(f"The content folder {str(value)!r} does not exist (or is a file).")
    return str(path.resolve())


YES = ("yes", "y", "true", "1", "on", "x")
NO = ("no", "n", "false", "0", "off", "")


def yes_no(value: Any, field: Field, _: Checking) -> bool:
    """A flag from an option, a YAML boolean or a spreadsheet cell ("yes", "TRUE", "1")."""
    if isinstance(value, bool) or value is None:
        return bool(value)
    given = str(value).strip().lower()
    if given in YES or given in NO:
        return given in YES
    raise RequestError(f"The {field.name.replace('_', ' ')} setting {str(value)!r} is not yes "
                       f"or no.")
