"""The plan's three phases: their actions (regulation, level, duties, family, initiatives,
sector, signals) and deliverables."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..analysis import Initiative
from ..library import PHASES, SituatedLine
from ..library.model import ThreadText
from .context import Context, _level_lines
from .limits import (
    FAMILY_ACTIONS,
    FRONTLINE_LEVELS,
    LEAD_LEVELS,
    MAX_ACTIONS,
    MAX_DELIVERABLES,
    MIN_ACTIONS,
    SIGNAL_ORDER,
    THREADS_PER_PHASE,
)
from .phrasing import _unique


def _date_range(start: dt.date | None, first_day: int, last_day: int) -> str:
    if start is None:
        return ""
    a = start + dt.timedelta(days=first_day - 1)
    b = start + dt.timedelta(days=last_day - 1)
    left = f"{a.day} {a:%b}" + ("" if a.year == b.year else f" {a.year}")
    return f"{left} – {b.day} {b:%b} {b.year}"


def _bare(name: str) -> str:
    """"the Strata implementation" -> "strata implementation", to find it inside a line."""
    return re.sub(r"^(the|a|an|our) ", "", name.lower())


def _duty_clause(text: str, max_words: int, verbs: set[str]) -> str:
    """The duty up to its first semicolon, then its first clause if still too long; "" when
    even that is too long to read as one plan line."""
    text = re.sub(r"\bour\b", "the", text.split(";")[0].strip().rstrip("."))
    # "Handle deposits, withdrawals and loan payments, balance my drawer ...": the first duty
    # of several ends where the next verb begins.
    for match in re.finditer(r",(?: and)? (\w+)\b", text):
        if match.group(1).lower() in verbs:
            text = text[:match.start()]
            break
    for mark in (": ", " — ", " – "):  # "Serve as the lead for X: define Y" -> the lead
        head, found, _ = text.partition(mark)
        if found and len(head.split()) >= 4:
            text = head
    if len(text.split()) > max_words:
        head, _, rest = text.partition(", ")
        # "Serve as the HR partner for about 190 line, meter and substation employees": a
        # comma inside a list of words is no clause's end.
        inside_a_list = re.match(r"[\w-]+(?:, [\w-]+)* (?:and|or) ", rest)
        text = head if 4 <= len(head.split()) <= max_words and not inside_a_list else ""
    return text


class Phases(Context):
    """The 30/60/90-day phases, and the initiative and duty lines that run through them."""

    def _thread(self, key: str, initiative: Initiative) -> str:
        if self._after_day_90(initiative):
            ahead = self.threads.ahead_frontline if self.level in FRONTLINE_LEVELS and \
                self.threads.ahead_frontline.get(key) else self.threads.ahead
            if ahead.get(key):
                return self.fill(ahead[key], initiative=initiative.name)
        variant = self.threads.frontline if self.level in FRONTLINE_LEVELS else \
            self.threads.lead if self.level in LEAD_LEVELS else ThreadText()
        own_kind = self.kinds[initiative.id].effects.threads
        # A leader's own wording first (they set owners and dates), then the kind's own
        # lines, then the level's, then the general ones.
        if self.level in LEAD_LEVELS and variant.get(key):
            value = variant[key]
        else:
            value = own_kind[key] or variant[key] or self.threads[key]
        return self.fill(value, initiative=initiative.name)

    def _situated(self, line: SituatedLine, initiative: Initiative | None) -> str:
        """The line in the version the company's situation calls for (see seniority.yaml)."""
        for key, text in line.when:
            if key == "initiative":
                if initiative is not None:
                    return self.fill(text, initiative=initiative.name)
            elif key == "regulated":
                if self.regulations:
                    return self.fill(text)
            elif self.analysis.has(key):
                return self.fill(text)
        return self.fill(line.text)

    def _stated_duties(self) -> list[str]:
        """The ad's most specific duties, each short enough to stand in a plan line."""
        spec = self.library.plan.stated_duties
        # An initiative's or a measure's sentence is said already, by its priority.
        covered = {i.sentence for i in self.analysis.initiatives} | \
            {sentence for _, sentence in self.analysis.entities.baselines}
        # A named system or rule makes a duty the ad's own; a place does not ("Keep the
        # Inland Empire moving" is a slogan), nor does a capital alone.
        known = [n.lower() for n in (self.analysis.entities.systems +
                                     self.analysis.entities.regulations)]
        scored = []
        verbs = self.library.ad["duty_verbs"]
        for index, duty in enumerate(self.analysis.responsibilities):
            text = _duty_clause(re.sub(r"^you(?:'ll|’ll| will) (?:also )?", "", duty.text,
                                       flags=re.IGNORECASE), spec.max_words, verbs)
            # In the plan's own voice: "from your tablet" is "from my tablet".
            text = re.sub(r"\byour\b", "my", re.sub(r"\byou\b", "me", text))
            text = text[:1].upper() + text[1:]
            lowered = text.lower()
            # A duty starts with what is done ("Fluency in Meta Ads Manager" is a skill) and
            # is whole ("Data Privacy Framework)" was cut out of a longer line).
            if not text or lowered.split()[0] not in verbs or \
                    text.count("(") != text.count(")"):
                continue
            if len(text.split()) < 4:  # "Greet patients" says nothing the plan does not
                continue
            if duty.text in covered or any(g in lowered for g in spec.generic) \
                    or any(lowered.startswith(s + " ") for s in spec.not_duty_starts):
                continue
            score = 2 * bool(re.search(r"\d", text)) + 2 * sum(n in lowered for n in known)
            if score:  # "Clean and turn rooms" restates the job; a number or a name is the ad's
                scored.append((-score, index, text))
        return [text for _, _, text in sorted(scored)]

    def _duty_lines(self) -> dict[str, list[str]]:
        spec = self.library.plan.stated_duties
        duties = self._stated_duties()
        lead = self.level in LEAD_LEVELS
        return {
            "contribute": [self.fill(spec.contribute_lead if lead else spec.contribute,
                                     duty=d) for d in duties[:2]],
            "own": [self.fill(spec.own, duty=d) for d in duties[2:3]],
        }

    def phases(self) -> list[dict[str, Any]]:
        plan_text = self.library.plan
        names = plan_text.phase_names_by_level.get(self.level)
        adds = self.library.level_adds.get(self.level)
        out = []
        for index, key in enumerate(PHASES):
            fixed = plan_text.phases[key]
            phase = self.family.phases[key]
            regulated = [
                a for finding, v in self._signal_effect(lambda e: e.actions) if finding is None
                for a in _level_lines(v.get(key, []), self.level, self.present)
            ]
            # A team still to be hired first, then the work mode: a remote team's plan must
            # never lose its scheduled intros.
            signal_actions = [
                a for finding, v in sorted(
                    ((f, v) for f, v in self._signal_effect(lambda e: e.actions) if f is not None),
                    key=lambda fv: SIGNAL_ORDER.index(fv[0].kind) if fv[0].kind in SIGNAL_ORDER
                    else len(SIGNAL_ORDER))
                for a in _level_lines(v.get(key, []), self.level, self.present)
            ]
            family_actions = self._lines(phase.actions)
            # A family line that already names these rules ("BSA/AML, CIP/KYC ... training")
            # says it better than the general one.
            rules = set(re.findall(r"[A-Z][A-Z0-9&]{2,}", self.regulations))
            regulated = [self.fill(a) for a in regulated
                         if not any(rules & set(re.findall(r"[A-Z][A-Z0-9&]{2,}", f))
                                    for f in family_actions)]
            signal_actions = [self.fill(a) for a in signal_actions]
            # A stated duty that names an initiative says more than the general thread line.
            initiative_actions = [
                self._thread(key, i) for i in self.threaded[:THREADS_PER_PHASE[key]]
                if not any(_bare(i.name) in d.lower() for d in self.duty_lines.get(key, []))
            ]
            # The level's lines aim at the initiatives in turn, phase by phase.
            focus = (self.threaded[index % len(self.threaded)]
                     if self.threaded else None)
            level_actions = [self._situated(line, focus)
                             for line in (adds[key] if adds else [])
                             if not set(line.unless) & self.present]
            sector = [self.fill(self.sector.learn)] if key == "learn" and self.sector and \
                self.sector.learn else []
            # "Walk the line with the supervisor" beside the family's "Walk the plant with
            # operations": the family's own line says it for this job.
            if sector and any(a.split()[:2] == sector[0].split()[:2] for a in family_actions):
                sector = []
            duties = self.duty_lines.get(key, [])
            # Chosen in order of importance, shown in the order a reader expects.
            quota = FAMILY_ACTIONS[key]
            # Each source gets its first line in before any gets a second: the role, the
            # level, the company's initiatives and its situation all show in every phase.
            sources = [
                ("regulated", regulated),
                ("level", level_actions[:1]),
                ("duty", duties[:1]),
                ("family", family_actions[:quota]),
                ("initiative", initiative_actions[:1]),
                ("sector", sector),
                ("signal", signal_actions[:2]),
                ("duty", duties[1:]),
                ("level", level_actions[1:]),
                ("initiative", initiative_actions[1:]),
                ("family_more", family_actions[quota:]),
                ("signal", signal_actions[2:]),
            ]
            picked: dict[str, list[str]] = {name: [] for name, _ in sources}
            budget = MAX_ACTIONS[key]
            for name, lines in sources:
                for line in lines:
                    filling = name == "family_more" and \
                        MAX_ACTIONS[key] - budget >= MIN_ACTIONS[key]
                    if budget and not filling:
                        picked[name].append(line)
                        budget -= 1
            actions = _unique(
                picked["regulated"] + picked["level"] + picked["family"] + picked["family_more"]
                + picked["duty"] + picked["sector"] + picked["initiative"] + picked["signal"]
            )
            deliverables = _level_lines(phase.deliverables, self.level, self.present)
            if self.threaded:
                # A brief on the first initiative, then my part of each in turn, then a review:
                # never the same deliverable in two phases.
                thread = {"learn": "brief", "contribute": "deliverable", "own": "review"}[key]
                initiative = self.threaded[max(index - 1, 0) % len(self.threaded)]
                deliverables = [self._thread(thread, initiative)] + deliverables
            out.append({
                "key": key,
                "days": fixed.days,
                "name": (names and names[key]) or fixed.name,
                "posture": fixed.posture,
                "dates": _date_range(self.request.start_date, fixed.start, fixed.end),
                "theme": self.fill(phase.theme) if isinstance(phase.theme, str)
                else (self._lines(phase.theme) or [""])[0],
                "actions": actions,
                "deliverables": _unique([self.fill(d) for d in deliverables])[:MAX_DELIVERABLES],
            })
        return out
