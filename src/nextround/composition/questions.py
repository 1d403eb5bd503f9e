"""The question sheet: its sections of questions for each audience, from the guide, the
company's signals and initiatives, what the ad states, and the role family."""

from __future__ import annotations

import re
from typing import Any

from ..library import applies
from .interviewers import Interviewers
from .limits import MAX_QUESTIONS, MAX_SIGNAL_QUESTIONS
from .measures import Measures
from .phrasing import _lower_first, _unique
from .research import Research


class QuestionSheet(Interviewers, Research, Measures):
    """The question sheet."""

    def questions(self) -> dict[str, Any]:
        text = self.library.questions
        return {
            "document": "questions",
            "title": self.fill(text.title),
            "subtitle": self.fill(text.subtitle),
            "introduction": self.fill(text.introduction),
            "labels": self._labels(text.labels),
            **self._header(),
            "people": [{k: p[k] for k in ("name", "title", "cares")} for p in self.people],
            "sections": self.question_sections(),
            "research": self.research(),
        }

    def question_sections(self) -> list[dict[str, Any]]:
        sections = []
        signal_questions = self._signal_effect(lambda e: e.questions)
        for section in self.library.questions.sections:
            if self.level not in section.levels or \
                    not applies(section.unless, section.only, self.present):
                continue
            audience = section.id
            # The guide's questions, then the company's (signals, initiatives), then the role's.
            questions = self._lines(section.questions)
            from_signals = [self.fill(q) for _, by_audience in signal_questions
                            for q in by_audience.get(audience, [])]
            questions += from_signals[:MAX_SIGNAL_QUESTIONS]
            questions += self._profile_lines(audience)
            if audience == "hiring_manager":
                questions += [
                    self.fill(self.threads.question, initiative=i.name)
                    for i in self.priority_initiatives[:1]
                ]
            questions += self._from_the_ad(audience)
            if audience in self.family.questions:
                questions += self._lines(self.family.questions[audience])
            answered = self.library.questions.answered_by_training
            if answered and self.analysis.training:
                questions = [q for q in questions if not answered.search(q)]
            limit = MAX_QUESTIONS.get(audience, len(questions))
            sections.append({
                "id": audience,
                "title": self.fill(section.title),
                "audience": self.fill(section.audience),
                "questions": _unique(questions)[:limit],
            })
            if audience == "hiring_manager":
                sections += self._interviewer_sections()
        return sections

    def _the_teams_own(self, system: str) -> bool:
        """Whether the ad names the system as the team's tool somewhere, not only as one its
        customers run ("our buyers are mid-migration from Dynamics")."""
        sentences = [s.text for s in self.analysis.parts if system in s.text]
        others = self.library.ad["customers_tools"]
        return not sentences or any(not others.search(s) for s in sentences)

    def _from_the_ad(self, audience: str) -> list[str]:
        """Questions on what this ad says: a stated measure, a system, an initiative."""
        spec = self.library.questions.from_the_ad.get(audience)
        out = []
        for kind, text in spec.as_dict().items() if spec else ():
            if not text:
                continue
            if kind == "measure":
                out += [self.fill(text, metric=re.sub(r"^(?:the )?", "the ",
                                                      _lower_first(m["metric"])),
                                  value=m["value"])
                        for m in self.stated_measures[:1]]
            elif kind == "system":
                # Not a system the ad says is coming: it serves nobody "today" yet.
                coming = " ".join(i.sentence for i in self.analysis.initiatives)
                out += [self.fill(text, system=s) for s in self.analysis.entities.systems
                        if s not in coming and self._the_teams_own(s)][:1]
            elif kind == "initiative":
                # The first initiative has its own question (threads); then the others.
                pick = self.threaded[1:2] if audience == "peers" else self.threaded[:1]
                out += [self.fill(text, initiative=i.name) for i in pick]
        return out
