"""Fitting the pages: a handout made shorter one item at a time, the least important first."""

from __future__ import annotations

import functools
from typing import Any

# --- fitting the pages -------------------------------------------------------------------------
# When a handout lays out longer than its pages, the renderer asks for one item less at a time,
# the least important first: detail fades with distance, so day 90 gives way before day 1, and
# the company's own facts and priorities go last.


def _keep(items: list, count: int) -> bool:
    if len(items) > count:
        items.pop()
        return True
    return False


def _drop_evidence(priorities: list[dict[str, str]]) -> bool:
    for priority in reversed(priorities):
        if priority.get("evidence"):
            priority["evidence"] = ""
            return True
    return False


def _plan_steps(d: dict[str, Any]) -> list:
    learn, contribute, own = d["phases"]
    facts, to_learn = d["understanding"]["facts"], d["understanding"]["to_learn"]
    # (a list, how many of it to keep), in the order items go.
    keeps = [(facts, 3), (own["actions"], 3), (contribute["actions"], 4),
             (d["stakeholders"], 4), (d["measures"], 3), (learn["actions"], 5),
             (d["assumptions"], 2), (to_learn, 2), (contribute["actions"], 3),
             (learn["actions"], 4), (d["early_wins"], 1), (facts, 2), (own["deliverables"], 1),
             (contribute["deliverables"], 1), (d["stakeholders"], 3), (d["measures"], 2),
             (learn["deliverables"], 1)]
    return [functools.partial(_keep, items, count) for items, count in keeps] + [
        lambda: _drop_evidence(d["priorities"]),
        lambda: _keep(d["priorities"], 2),
    ]


def _keep_but_last(items: list, count: int) -> bool:
    """_keep for a list whose last item must stay (the research list's "print the plan")."""
    if len(items) > count:
        items.pop(-2)
        return True
    return False


def _question_steps(d: dict[str, Any]) -> list:
    sections = sorted(d["sections"], key=lambda s: -len(s["questions"]))
    return [
        lambda: _keep_but_last(d["research"]["items"], 8),
        *[lambda s=s: _keep(s["questions"], 5) for s in sections],
        lambda: _keep(d["research"]["known"], 2),
        lambda: _keep_but_last(d["research"]["items"], 6),
        *[lambda s=s: _keep(s["questions"], 4) for s in sections],
        *[lambda s=s: _keep(s["questions"], 3) for s in sections],
    ]


def shorten(document: dict[str, Any]) -> bool:
    """Take the least important item out of a handout; False when nothing more can go."""
    steps = _plan_steps(document) if document["document"] == "plan" else \
        _question_steps(document)
    return any(step() for step in steps)
