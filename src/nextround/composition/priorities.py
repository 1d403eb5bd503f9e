"""The plan's priorities: the stated initiatives, a stated measure to move, the signals', the
training path, then the general ones."""

from __future__ import annotations

import re

from ..analysis import TRAINING
from .limits import FRONTLINE_LEVELS, LEAD_LEVELS, MAX_EVIDENCE_WORDS, MAX_PRIORITIES
from .measures import Measures
from .phrasing import _short_metric

_CLAUSE_BREAK = re.compile(r"(?<=[;:—–])\s+|,\s+(?=(?:and|but|while|which|so|with|as|because)\b)")


def _quote(sentence: str, cue: str, words: int) -> str:
    """The words of the sentence that state its cue: the whole sentence if short, else the
    clause holding the cue, marked as cut with "…"; nothing when even that is too long (a
    quote stopped mid-phrase reads worse than none)."""
    if len(sentence.split()) <= words:
        return sentence
    clauses = _CLAUSE_BREAK.split(sentence)
    at = next((i for i, c in enumerate(clauses) if cue and cue.lower() in c.lower()), None)
    if at is None or len(clauses[at].split()) > words:
        return ""
    clause = clauses[at].rstrip(",;:—– ")
    return ("…" if at else "") + clause + ("…" if at < len(clauses) - 1 else "")


class Priorities(Measures):
    """The plan's top priorities, each with the words of the description behind it."""

    def priorities(self) -> list[dict[str, str]]:
        kinds = self.kinds
        items = []
        quoted = set(self.analysis.fact_sentences)
        # A manager with no one to lead (a first-of-its-kind hire) does the work itself.
        alone = any(i.id == "new-function" for i in self.analysis.initiatives) or \
            self.analysis.has("no-team")
        for initiative in self.priority_initiatives:
            kind = kinds[initiative.id].effects
            name = initiative.name
            # The sentence behind a priority is quoted once, unless the facts already show it.
            evidence = "" if initiative.sentence in quoted else _quote(
                initiative.sentence, initiative.cue, MAX_EVIDENCE_WORDS)
            quoted.add(initiative.sentence)
            detail = kind.lead if self.level in LEAD_LEVELS and not alone else \
                kind.frontline if self.level in FRONTLINE_LEVELS else ""
            if self.level in ("director", "executive") and kind.leader_rank > 1:
                # A director leads the project itself, not "my team's part of it".
                detail = self.library.plan.initiative_senior_detail
            detail = self.fill(detail or kind.contribution)
            items.append({
                "title": name[0].upper() + name[1:],
                # A second initiative of the same kind (two system rollouts) is not told the
                # same approach twice: its own evidence speaks for it.
                "detail": "" if any(item["detail"] == detail for item in items) else detail,
                "evidence": evidence,
            })
        # A measure the ad states is a better second priority than a general one.
        spec = self.library.plan.measure_priority
        # Only one the ad wants moved: a stated goal, or a change ("fell from 112% to 94%");
        # "production is around 86%, and we want to hold it" is no priority to move.
        moving = [m for m in self.stated_measures
                  if m["moving"]]
        for measure in moving[:1]:
            # Its row in the table says the rest: "the CMS overall rating", not all of it.
            metric = _short_metric(measure["metric"], spec.the_before)
            goal = measure["goal"]
            if goal and re.match(r"[~$\d]|(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                                 r"eleven|twelve|fifteen|twenty|thirty)\b", goal):
                # "80%" -> "to 80%"; back to where it was ("fell to two stars": "back to
                # four stars"); "under 10% by year-end" as it is
                goal = f"{'back to' if measure['value'].startswith('fell') else 'to'} {goal}"
            if re.match(r"an? ", goal):  # "a balanced budget by fiscal year 2027"
                title = self.fill(spec.title_reach, goal=goal)
            elif goal:
                title = self.fill(spec.title_goal, metric=metric, goal=goal)
            else:
                title = self.fill(spec.title, metric=metric)
            item = {"title": title, "detail": self.fill(spec.detail), "evidence": ""}
            if measure["goal"]:
                # A measure the ad sets a goal for is what the job will be judged on: first.
                items.insert(0, item)
            elif len(items) < 2:
                items.append(item)
        for finding, priority in self._signal_effect(lambda e: e.priority):
            if len(items) >= 2:
                break
            if finding is not None and priority.fits(self.level, self.present):
                items.append({"title": self.fill(priority.text), "detail": "",
                              "evidence": ""})
        training = self.analysis.training[:1] if self.level in (*FRONTLINE_LEVELS, "senior") \
            else []
        for sentence in training:  # the ad's own path in, not "productive by day 60"
            if len(items) >= 2:
                break
            training_spec = self.library.plan.training_priority
            item = {"title": self.fill(training_spec.title),
                    "detail": self.fill(training_spec.detail),
                    "evidence": "" if sentence in quoted else
                    _quote(sentence, TRAINING.search(sentence).group(0),
                           MAX_EVIDENCE_WORDS)}
            # For a newcomer to the work, the training is the first 30 days: it comes first.
            items.insert(0 if self.level == "entry" else len(items), item)
        # The family's own priorities for this job, level and setting, before the general
        # ones: "Safe, kind care for every resident on my hall", not "Deliver one result".
        defaults = [{"title": self.fill(d.title), "detail": self.fill(d.detail), "evidence": "",
                     "first": d.before_family}
                    for d in self.library.plan.default_priorities
                    if self.level in d.levels and not (training and d.unless_training)]
        family = [{"title": p["title"], "detail": p["detail"], "evidence": ""}
                  for p in self._records(self.family.priorities)]
        for item in [d for d in defaults if d.pop("first")] + family + defaults:
            if len(items) >= 2:
                break
            items.append(item)
        return items[:MAX_PRIORITIES]
