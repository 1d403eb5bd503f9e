"""The interviewers named in the request: what each one's function cares about, their own
questions, and a copy of the plan headed for each."""

from __future__ import annotations

import functools
import json
from typing import Any

from ..analysis.title import fold, words_in
from .context import Context
from .phrasing import split_interviewer


class Interviewers(Context):
    """The interviewers, as the question sheet and their copies of the plan show them."""

    @functools.cached_property
    def people(self) -> list[dict[str, Any]]:
        """Each interviewer with what their function cares about and questions for them."""
        spec = self.library.questions.interviewers
        manager = fold(self.analysis.entities.manager).removeprefix("the ")
        out = []
        for person in self.request.interviewers:
            name, title = split_interviewer(person)
            lowered = fold(title)
            function = next((f for f in spec.functions
                             if any(words_in(fold(c), lowered) for c in f.cues)),
                            spec.default) if title else None
            is_manager = bool(title and manager and (lowered in manager or manager in lowered))
            out.append({
                "name": name,
                "title": self.fill(spec.manager_title, title=title) if is_manager else title,
                "cares": self.fill(function.cares) if function else "",
                "questions": self._lines(function.questions) if function else [],
                "priority_words": list(function.priority_words) if function else [],
                "label": f"{name}, {title}" if title else name,
            })
        return out

    def _interviewer_sections(self) -> list[dict[str, Any]]:
        spec = self.library.questions.interviewers
        return [{"id": "interviewer",
                 "title": self.fill(spec.section_title, name=person["name"]),
                 "audience": person["title"],
                 "questions": person["questions"]}
                for person in self.people if person["questions"]][:spec.max_sections]


def _copy_for(plan: dict[str, Any], person: dict[str, Any]) -> dict[str, Any]:
    """The plan headed for one interviewer, the priorities their function cares about first
    (a stable sort: an equal count keeps the plan's own order)."""
    copy = json.loads(json.dumps(plan))
    copy["interviewers"] = [person["label"]]
    words = [fold(w) for w in person["priority_words"]]

    def weight(priority: dict[str, str]) -> int:
        text = fold(f"{priority['title']} {priority.get('detail', '')}")
        return -sum(words_in(w, text) for w in words)

    copy["priorities"].sort(key=weight)
    return copy
