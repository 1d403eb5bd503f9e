"""Phrasing shared by every part of a handout: filling {placeholders}, one of each line, a date
in words, a measure or a person named again in a sentence."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any


class _Filler:
    """Fills {placeholders} in library text with this request's values."""

    def __init__(self, values: dict[str, str]):
        self.values = values

    def __call__(self, text: str, **extra: str) -> str:
        filled = text.format_map({**self.values, **extra})
        # "Prairie Ridge Public Schools's" -> "Prairie Ridge Public Schools'"
        company = self.values.get("company", "")
        if company.endswith(("s", "S")) and f"{company}'s" in filled:
            filled = filled.replace(f"{company}'s", f"{company}'")
        return filled


def _unique(items: list[Any]) -> list[Any]:
    seen, out = set(), []
    for item in items:
        key = repr(item).lower()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# "Sam Lee, VP Engineering", "Sam Lee (VP Engineering)", "Sam Lee - VP Engineering",
# "Sam Lee | VP Engineering": a name of one to five words, then a title of plain words.
_NAME_AND_TITLE = re.compile(
    r"^(?P<name>[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,4})"
    r"(?:\s*,\s*|\s+[-–—|]\s+|\s*\|\s*|\s*\((?=[^()]*\)$))"
    r"(?P<title>[\w&/.,'’ -]{2,80}?)\)?$")


def split_interviewer(person: str) -> tuple[str, str]:
    """("Sam Lee", "VP Engineering") from "Sam Lee, VP Engineering" (or "(...)", " - ", "|");
    anything else is a name alone, shown as given."""
    match = _NAME_AND_TITLE.match(person.strip())
    if not match:
        return person.strip(), ""
    return match["name"], match["title"].strip()


def _short_metric(metric: str, the_before: list[str] | tuple[str, ...] = ()) -> str:
    """A measure named again after its row: "pick accuracy", not "pick accuracy on second
    shift" a third time, but "days in A/R" whole; "the CMS overall rating" where its last word
    takes "the"."""
    short = _lower_first(metric)
    if short.startswith("share of "):  # "the share of students who scored ... in math": whole
        return f"the {short}"
    head = re.split(r" (?:on|in|at|across|excluding|for) ", short)[0]
    if len(head.split()) > 1:  # "days in A/R" is not "days"
        short = head
    if short.split()[-1].lower() in the_before and not re.match(r"(?:the|our|its) ", short):
        short = f"the {short}"
    return short


def _lower_first(text: str) -> str:
    """"Net revenue retention" -> "net revenue retention"; "RRH program's rate" and
    "RevPAR index" (a capital inside the first word) stay."""
    first = text.split()[0] if text.split() else text
    return text[0].lower() + text[1:] if first[1:].islower() else text

