"""The composed handouts as typed objects: what a theme's templates see as `doc`.

Composition builds each handout as plain data (what `--format json` writes, and what a handout
shortened to fit its pages travels as). The renderers hand the templates these typed objects
instead, so a template reads `doc.research.items` (a mapping's `items` would be its method)
and a misspelt field fails on the line that names it. The old spelling `doc.research["items"]`
still works: Jinja falls back from a key to an attribute.

A field added to a handout in composition/ is added here too; the golden tests
(tests/test_golden.py) read every reference handout through these classes.
"""

from __future__ import annotations

from typing import Any

from .library.typed import Model, read


class Understanding(Model):
    title: str
    note: str
    facts: list[str]
    to_learn: list[str]


class Priority(Model):
    title: str
    detail: str
    evidence: str


class PlanPhase(Model):
    key: str
    days: str
    name: str
    posture: str
    dates: str
    theme: str
    actions: list[str]
    deliverables: list[str]


class MeasureRow(Model):
    metric: str
    baseline: str
    target: str


class PersonToMeet(Model):
    role: str
    why: str


class CheckinRow(Model):
    day: int
    date: str
    text: str


class Header(Model):
    """What both handouts open with: the request's values, and the words beside them."""

    document: str
    title: str
    subtitle: str
    introduction: str
    labels: dict[str, str]
    role: str
    company: str
    candidate: str
    interviewers: list[str]
    date: str
    start_date: str
    family: str
    level: str


class Plan(Header):
    sections: dict[str, str]
    understanding: Understanding
    priorities: list[Priority]
    phases: list[PlanPhase]
    measures: list[MeasureRow]
    stakeholders: list[PersonToMeet]
    early_wins: list[str]
    assumptions: list[str]
    checkins: list[CheckinRow]


class Interviewer(Model):
    name: str
    title: str
    cares: str


class QuestionSection(Model):
    id: str
    title: str
    audience: str
    questions: list[str]


class Research(Model):
    title: str
    items: list[str]
    known: list[str]
    known_title: str


class Questions(Header):
    people: list[Interviewer]
    sections: list[QuestionSection]
    research: Research


HANDOUTS = {"plan": Plan, "questions": Questions}


def handout(data: dict[str, Any]) -> Plan | Questions:
    """A composed handout (plain data) as the typed object its templates see."""
    kind = data.get("document")
    if kind not in HANDOUTS:
        raise ValueError(f"not a composed handout: document is {kind!r}")
    return read(HANDOUTS[kind], data, f"the composed {kind}")
