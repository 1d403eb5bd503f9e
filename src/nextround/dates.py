"""Dates as people and spreadsheet programs write them.

ISO (2027-03-15), numbers with slashes, dots or hyphens (3/15/2027, 15.03.2027), month names
(March 15, 2027; 15 Mar 2027; 15-Mar-27) and Excel's serial day numbers (46461). A date whose
day and month could be swapped (3/4/2027) is refused, naming both readings, unless the caller
says which order the file uses: a silent guess would put a wrong date on a printed handout.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .errors import RequestError

ORDERS = ("mdy", "dmy")
# Day 0 of Excel's 1900 date system (its phantom 29 Feb 1900 makes it the 30th, not the 31st).
EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serials read as dates only in this window (1950 to 2150): a bare 2027 is a year, not a day.
EXCEL_SERIALS = range(18264, 91311)
MONTHS = {name.casefold(): number for number in range(1, 13)
          for name in (calendar.month_name[number], calendar.month_abbr[number])}
MONTHS["sept"] = 9

NUMERIC = re.compile(r"(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})")
ISO_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?")
WORDS = re.compile(r"[a-z]+\.?|\d+", re.IGNORECASE)


def parse_date(text: str, *, order: str | None = None, name: str = "date") -> dt.date:
    """The date in text; RequestError with a plain message when there is none or it is
    ambiguous. order ('mdy' or 'dmy') settles 3/4/2027; dotted dates are day first."""
    text = " ".join(str(text).split())
    date = _iso(text) or _serial(text) or _numeric(text, order, name) or _named(text)
    if date is None:
        raise RequestError(f"The {name.replace('_', ' ')} {text!r} is not a date: use "
                           f"YYYY-MM-DD, for example 2027-01-04.")
    return date


def evident_order(text: str) -> str | None:
    """'mdy' for 3/15/2027, 'dmy' for 15/3/2027, None when the date does not tell (3/4/2027,
    dotted dates, anything else): how one date shows the order a whole column is in."""
    match = NUMERIC.fullmatch(" ".join(str(text).split()))
    if not match or match.group(2) == "." or len(match.group(1)) == 4:
        return None
    first, second = int(match.group(1)), int(match.group(3))
    if first > 12 >= second >= 1:
        return "dmy"
    if second > 12 >= first >= 1:
        return "mdy"
    return None


def _iso(text: str) -> dt.date | None:
    match = ISO_TIME.fullmatch(text)  # what a spreadsheet gives for a date with a time
    try:
        return dt.date.fromisoformat(match.group(1) if match else text)
    except ValueError:
        return None


def _serial(text: str) -> dt.date | None:
    if re.fullmatch(r"\d{5}(\.0+)?", text) and int(float(text)) in EXCEL_SERIALS:
        return EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
    return None


def _numeric(text: str, order: str | None, name: str) -> dt.date | None:
    match = NUMERIC.fullmatch(text)
    if not match:
        return None
    first, sep, second, year = match.groups()
    if len(first) == 4:  # 2027/03/15
        return _make(int(first), int(second), int(year)) if len(year) <= 2 else None
    year_number = _year(year)
    as_mdy = _make(year_number, int(first), int(second))
    as_dmy = _make(year_number, int(second), int(first))
    # Dots are written day first wherever they are used (15.03.2027), unless told otherwise.
    order = order or ("dmy" if sep == "." else None)
    if order == "mdy":
        return as_mdy or _impossible(text, name, "month/day/year")
    if order == "dmy":
        return as_dmy or _impossible(text, name, "day/month/year")
    if as_mdy and as_dmy and as_mdy != as_dmy:
        raise RequestError(
            f"The {name.replace('_', ' ')} {text!r} could be {_spoken(as_mdy)} "
            f"(month first) or {_spoken(as_dmy)} (day first): write it as YYYY-MM-DD, or "
            f"say which the file uses with --date-order mdy or --date-order dmy.")
    return as_mdy or as_dmy


def _named(text: str) -> dt.date | None:
    """'March 15, 2027', 'Monday, 15 March 2027', '15-Mar-27': one month name, a day, a year."""
    words = [w.rstrip(".").casefold() for w in WORDS.findall(text)]
    months = [MONTHS[w] for w in words if w in MONTHS]
    numbers = [w for w in words if w.isdigit()]
    weekdays = {d.casefold() for d in (*calendar.day_name, *calendar.day_abbr)}
    others = [w for w in words if not w.isdigit() and w not in MONTHS and w not in weekdays
              and w not in ("st", "nd", "rd", "th", "of")]
    if len(months) != 1 or len(numbers) != 2 or others:
        return None
    day, year = (numbers if len(numbers[1]) in (2, 4) and len(numbers[0]) <= 2
                 else numbers[::-1])
    if len(day) > 2:
        return None
    return _make(_year(year), months[0], int(day))


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) <= 2 else int(text)


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _impossible(text: str, name: str, reading: str) -> None:
    raise RequestError(f"The {name.replace('_', ' ')} {text!r} is not a date when read as "
                       f"{reading}: write it as YYYY-MM-DD, for example 2027-01-04.")


def _spoken(date: dt.date) -> str:
    return f"{date.day} {calendar.month_name[date.month]} {date.year}"
