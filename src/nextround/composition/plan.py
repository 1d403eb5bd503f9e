"""The plan as one document: its parts put together, the understanding, early wins,
assumptions and check-ins, and each initiative named in full once."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..analysis.title import fold
from .limits import CHECKIN_INITIATIVE, FRONTLINE_LEVELS, MAX_ASSUMPTIONS, MAX_EARLY_WINS
from .phases import Phases
from .phrasing import _long_date, _short_metric, _unique
from .priorities import Priorities
from .stakeholders import Stakeholders


def _short_name(name: str, stops: set[str]) -> str:
    """"the warehouse management system rollout" -> "the system rollout"; "the expansion into
    Waukesha County" -> "the expansion"; a name of three words or fewer, or one that is no
    noun phrase with "the", stays as it is."""
    words = name.split()
    # "onboarding two apparel clients" names an activity: it has no shorter name.
    if len(words) <= 3 or words[0].lower() not in ("the", "a", "an"):
        return name
    core = words[1:]
    cut = next((i for i, w in enumerate(core) if i and w.lower() in stops), len(core))
    start = max(cut - 2, 0)
    while start and core[start][:1].isupper() and core[start - 1][:1].isupper():
        start -= 1  # not into a name: "the Rock Hill opening", never "the Hill opening"
    core = core[start:cut]
    while len(core) > 1 and re.match(r"v?\d", core[0].lower()):
        core = core[1:]  # "the PCI DSS v4.0 Level 1 assessment" -> "the assessment"
    return " ".join(["the", *core]) if core else name


# The parts of a plan in reading order, after which an initiative goes by its short name; the
# understanding (the company's own sentences) and the quotes keep theirs.
_NAMED_PARTS = ("priorities", "phases", "measures", "stakeholders", "early_wins", "assumptions",
                "checkins")


def _name_once(plan: dict[str, Any], name: str, short: str, again: str = "") -> None:
    """An initiative named in full once, then by its short name, and from its fourth mention
    every other time by what it is ("the new system"): read ten times in full, the same name
    makes the plan read like a form."""
    if short == name and not again:
        return
    pattern = re.compile(re.escape(name), re.IGNORECASE)
    mentions = 0
    line = ""

    def rename(match: re.Match[str]) -> str:
        nonlocal mentions
        mentions += 1
        if mentions == 1:
            return match.group(0)
        # Not where the line says that word already: "the opening checklist for the opening".
        echoed = again and re.search(rf"\b{re.escape(again.split()[-1])}\b",
                                     pattern.sub("", line), re.IGNORECASE)
        called = again if again and not echoed and mentions >= 4 and mentions % 2 == 0 \
            else short
        return called[0].upper() + called[1:] if match.group(0)[0].isupper() else called

    def walk(value: Any) -> Any:
        nonlocal line
        if isinstance(value, str):
            line = value
            return pattern.sub(rename, value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: v if k == "evidence" else walk(v) for k, v in value.items()}
        return value

    for part in _NAMED_PARTS:
        plan[part] = walk(plan[part])


class Plan(Priorities, Phases, Stakeholders):
    """The 30/60/90-day plan."""

    def plan(self) -> dict[str, Any]:
        text = self.library.plan
        sections = {k: self.fill(v) for k, v in text.sections.as_dict().items()}
        plan = {
            "document": "plan",
            "title": self.fill(text.title),
            "subtitle": self.fill(text.subtitle),
            "introduction": self.fill(text.introduction),
            "labels": self._labels(text.labels),
            **self._header(),
            "sections": sections,
            "understanding": self.understanding(),
            "priorities": self.priorities(),
            "phases": self.phases(),
            "measures": self.measures(),
            "stakeholders": self.stakeholders(),
            "early_wins": self.early_wins(),
            "assumptions": self.assumptions(),
            "checkins": self.checkins(),
        }
        stops = set(self.library.initiative_words.short_name_stops)
        # "The launch" says which one only when it is the one launch in the plan.
        agains = [self.kinds[i.id].effects.again for i in self.threaded]
        for initiative, again in zip(self.threaded, agains, strict=True):
            unique = agains.count(again) == 1 and fold(again) != fold(initiative.name)
            _name_once(plan, initiative.name, _short_name(initiative.name, stops),
                       again if unique else "")
        return plan

    def understanding(self) -> dict[str, Any]:
        plan_text = self.library.plan
        facts = list(self.analysis.facts)
        to_learn = []
        if len(facts) < 3:
            # What the description does say about its customers sharpens what to learn first.
            known = self._profile_lines("to_learn")[:1]
            to_learn = (known + self._lines(plan_text.unknown_company))[: 3 - len(facts) + 1]
        return {
            "title": self.fill(plan_text.sections.understanding),
            "note": self.fill(plan_text.sections.understanding_note) if facts else
            self.fill(plan_text.sections.understanding_empty),
            "facts": facts,
            "to_learn": to_learn,
        }

    def assumptions(self) -> list[str]:
        # At most two from the signals, so one general caveat always has room.
        # Each says which words of the description it rests on: a reading, never a claim.
        items = [self.fill(a, evidence=finding.cue if finding else "")
                 for finding, a in self._signal_effect(lambda e: e.assumption)][:2]
        if not any(s.kind == "situation" for s in self.analysis.signals) \
                and not self.analysis.initiatives:
            items.append(self.fill(self.library.plan.generic_assumption_unknown))
        if self.analysis.fell_back:
            items.append(self.fill(self.library.plan.fallback_assumption))
        items += [self.fill(a) for a in self.library.plan.assumptions]
        return _unique(items)[:MAX_ASSUMPTIONS]

    def early_wins(self) -> list[str]:
        family = self._lines(self.family.early_wins)
        spec = self.library.plan.early_wins
        # A measure the ad wants moved first: what the job will be judged on.
        the_before = self.library.plan.measure_priority.the_before
        wins = [self.fill(spec.measure, metric=_short_metric(m["metric"], the_before))
                for m in self.stated_measures[:1]
                if m["moving"] and "$" not in m["value"]]
        # An initiative's own early win, concrete for its kind (initiatives.yaml); never the
        # general "an early, visible step on X", which only repeats its name. A director
        # or an executive leads it: a milestone, not one area made ready.
        senior = self.level in ("director", "executive")
        for i in self.threaded[:2]:
            effects = self.kinds[i.id].effects
            win = spec.initiative_senior if senior else effects.early_win_frontline \
                if self.level in FRONTLINE_LEVELS and effects.early_win_frontline \
                else effects.early_win
            if effects.early_win:
                wins.append(self.fill(win, initiative=i.name))
        return _unique(wins + family)[:MAX_EARLY_WINS]

    def checkins(self) -> list[dict[str, Any]]:
        start = self.request.start_date
        initiatives = self.priority_initiatives
        named = [i.name for i in initiatives]
        order = CHECKIN_INITIATIVE  # which initiative each check-in names, so none repeats
        out = []
        for index, c in enumerate(self.library.plan.checkins):
            which = order[index] if index < len(order) else len(named)
            # No "first results" on what the ad dates after day 90: progress toward it.
            wording = c.with_initiative_ahead if which < len(named) and \
                c.with_initiative_ahead and self._after_day_90(initiatives[which]) \
                else c.with_initiative
            out.append({
                "day": c.day,
                "date": _long_date(start + dt.timedelta(days=c.day - 1)) if start else "",
                "text": self.fill(wording, initiative=named[which])
                if which < len(named) and c.with_initiative else
                self.fill(c.with_regulations) if self.regulations and c.with_regulations
                else self.fill(c.frontline) if c.frontline and self.level in FRONTLINE_LEVELS
                else self.fill(c.text),
            })
        return out
