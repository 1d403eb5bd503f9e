"""What every part of a handout reads: the request's level, family, initiatives, what the
description states (`present`), the filler of placeholders, and the masthead both handouts share."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, TypeVar

from ..analysis import Analysis, Finding, Initiative
from ..analysis.title import fold
from ..library import Library, Line, applies
from ..library.model import Effects, HeaderLabels, Record, Reports
from ..request import Request
from .limits import MAX_PRIORITIES
from .phrasing import _Filler, _long_date, _lower_first, split_interviewer

PROFILE_FIELDS = ("products", "customers", "markets")
T = TypeVar("T")


def _regulations(analysis: Analysis) -> str:
    names = [f.label for f in analysis.of_kind("regulation")]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _level_lines(lines: list[Line], level: str, present: frozenset[str] = frozenset()
                 ) -> list[str]:
    return [line.text for line in lines if line.fits(level, present)]


def _applying(records: list[Record], present: frozenset[str],
              level: str) -> list[dict[str, str]]:
    """The records (measures, stakeholders) that fit the level and what the ad states; those
    written for this level come first, ahead of the ones written for every level."""
    fitting = [r for r in records if level in (r.levels or (level,))
               and applies(r.unless, r.only, present)]
    fitting.sort(key=lambda r: r.levels is None)
    return [r.texts() for r in fitting]


def _role_in_a_sentence(role: str) -> str:
    return re.split(r"\s+[–—-]\s+|\s*\(|\s*\||,\s|\s+/\s+", role)[0].strip() or role


def _title_ids(title: str) -> set[str]:
    """A title's words and pairs of words as ids ("title:dispatcher", "title:home health"):
    "home" alone would take a nursing-home nurse for a home-visiting one."""
    words = re.findall(r"[a-z0-9]+", fold(title))  # "911" too
    return {f"title:{w}" for w in words} | \
        {f"title:{a} {b}" for a, b in zip(words, words[1:], strict=False)}


_APPROXIMATELY = re.compile(r"\b(?:about|around|roughly|nearly|approximately|up to|more than|"
                            r"over|some) (?=[\d\w])")


def _reports(team: str, size: int, counted: re.Pattern[str], spec: Reports) -> str:
    """The people a manager meets one by one, as the ad counts them: "each of the 14 billers
    and coders in the first two weeks"; without a team stated, every direct report."""
    if not team:
        return spec.unknown
    people = _APPROXIMATELY.sub("", re.sub(r"^.*?\bof (?=\S)", "", team, count=1)
                                if re.match(r"(?:an?|the|our|your|my|its) ", team) else team)
    if counted.fullmatch(people.strip()):  # "a team of five"
        people = spec.counted_only.replace("{count}", people.strip())
    elif not people.startswith("the "):
        people = f"the {people}"
    return (spec.many if size >= spec.many_from else spec.few).replace("{people}", people)


def _uncounted(phrase: str) -> str:
    """"more than 68,000 emergency patients a year" -> "emergency patients"."""
    phrase = re.sub(r"^(?:(?:more than|over|about|nearly|almost|roughly|some) )?[\d,.]+\+? ",
                    "", phrase)
    return re.sub(r" (?:a|per|each|every) (?:year|month|week|day)$", "", phrase)


class Context:
    """One request read for composing: the parts (measures.py, phases.py, ...) build on it.

    Made only as a Composer: setting up reads the stated measures (measures.py) and the stated
    duties (phases.py), which the rest of the plan is chosen around."""

    def __init__(self, request: Request, analysis: Analysis, library: Library):
        self.request = request
        self.analysis = analysis
        self.library = library
        self.level = analysis.level
        self.family = analysis.family
        self.regulations = _regulations(analysis)
        self.fill = _Filler({
            # A recruiter's ad for a client it does not name: the lines speak of the employer.
            "company": library.plan.unnamed_employer if analysis.has("recruiter-posting")
            else request.company,
            # In a sentence, the title without what a job board adds to it: "Nurse Aide
            # Trainee", not "... – Paid CNA Training (Day & Evening Shifts)".
            "role": _role_in_a_sentence(analysis.heading or request.role),
            "family": self.family.name.lower(),
            "regulations": self.regulations,
            "initiative": "",
            "reports": _reports(analysis.entities.team, analysis.entities.team_size,
                                library.entities["team"]["count"], library.plan.reports),
            "facts": "",
            "evidence": "",
            # Who the employer serves in its own sector's word: patients, students, guests...
            "served": library.sectors.default_served if not analysis.sector
            else next((s.served for s in library.sectors.sectors
                       if s.id == analysis.sector.id), "customers"),
            # Without a count: "Read what students say", not "what 14,000 students say".
            **{name: _uncounted((getattr(analysis, name) or [""])[0])
               for name in PROFILE_FIELDS},
        })
        self.threads = library.initiative_words.threads
        self.kinds = {k.id: k for k in library.initiatives}
        self.priority_initiatives = self._pick_initiatives()
        # The initiatives the plan's actions, deliverables, measures and wins follow. A
        # first-of-its-kind function is the whole job, not a project the role takes part in.
        self.threaded = [i for i in self.priority_initiatives if i.id != "new-function"]
        # What the description states (signals, initiative types, the sector), for lines that
        # say `unless:` or `only:` one of these.
        # And the words of the title as "title:<word>", so that a family's lines can be for
        # one of its jobs: a dispatcher's, not a driver's ("only: [title:dispatcher]").
        stated = frozenset({f.id for f in analysis.signals} |
                           {i.id for i in analysis.initiatives} |
                           ({analysis.sector.id} if analysis.sector else set()) |
                           _title_ids(request.role))
        # Two more: "interviewers" when they are known, "situation" when the description
        # states the company's situation (a situation signal or an initiative).
        known = {"interviewers"} if request.interviewers else set()
        if analysis.initiatives or any(f.kind == "situation" for f in analysis.signals):
            known.add("situation")
        if self.stated_measures:
            known.add("stated-measure")
        # The family's second person to meet, as this sector and situation have it.
        people = _applying(self.family.stakeholders, stated, analysis.level)
        peer = _lower_first(self.fill(people[1]["role"])) if len(people) > 1 else ""
        # Only a plain name of a group fits the question ("line leads and trainers"), not
        # "each member of the leadership team, one by one".
        if re.fullmatch(r"[\w&/' -]+", peer) and len(peer.split()) <= 6 and \
                peer.endswith("s") and not {"each", "every", "whoever", "my", "the", "a", "an",
                                            "few", "or"} & set(peer.split()):
            known.add("peer")
            # "the driver trainer and senior drivers": a group led by one person needs "the".
            self.fill.values["peer"] = peer if peer.split(" and ")[0].endswith("s") \
                else f"the {peer}"
        self.present = stated | known
        # The sector's own first-month action and person to meet, unless the family already
        # speaks its language (home_sectors).
        sectors = {s.id: s for s in library.sectors.sectors}
        self.sector = sectors.get(analysis.sector.id) if analysis.sector and \
            analysis.sector.id not in self.family.home_sectors else None
        if self.sector and self.level not in (self.sector.levels or ()):
            self.sector = None
        self.duty_lines = self._duty_lines()
        self.situation = [
            s for s in analysis.signals if s.kind in ("situation", "work-mode", "ownership")
        ]

    def _lines(self, lines: list[Line]) -> list[str]:
        """The lines (a family's, or the fixed wording of plan.yaml and questions.yaml) for
        this level that the description does not rule out, filled."""
        return [self.fill(t) for t in _level_lines(lines, self.level, self.present)]

    def _records(self, records: list[dict[str, Any]]) -> list[dict[str, str]]:
        return [{k: self.fill(v) for k, v in r.items()}
                for r in _applying(records, self.present, self.level)]

    def _pick_initiatives(self) -> list[Initiative]:
        """Up to three initiatives, one of each kind first, in the order the text gives them."""
        chosen: list[Initiative] = []
        # One the ad dates more than a month before the plan ("goes live in March 2026",
        # read in December) has happened, or slipped: not a project ahead to plan around.
        ahead = [i for i in self.analysis.initiatives if i.starts is None
                 or i.starts >= self.request.date - dt.timedelta(days=31)]
        for initiative in ahead:
            if all(i.id != initiative.id for i in chosen):
                chosen.append(initiative)
        for initiative in ahead:
            if initiative not in chosen:
                chosen.append(initiative)
        if self.level in ("director", "executive"):  # the job before its projects
            chosen.sort(key=lambda i: self.kinds[i.id].effects.leader_rank)
        return chosen[:MAX_PRIORITIES]

    def _signal_effect(self, effect: Callable[[Effects], T]) -> list[tuple[Finding | None, T]]:
        """(signal finding, effect value) for every signal found that has this effect
        (`lambda e: e.actions`); first, with no finding, the `regulated` group's when the ad
        names a regulation."""
        by_id = {s.id: s for s in self.library.signals}
        out: list[tuple[Finding | None, T]] = []
        for finding in self.analysis.signals:
            value = effect(by_id[finding.id].effects)
            if value:
                out.append((finding, value))
        regulated = self.library.groups.get("regulated")
        if self.regulations and regulated and effect(regulated):
            out.insert(0, (None, effect(regulated)))
        return out

    def _after_day_90(self, initiative: Initiative) -> bool:
        """Whether the ad dates the initiative after this plan's 90 days ("opens in September",
        "go-live in Q3", "next year"): its results cannot be reported by day 90."""
        start = self.request.start_date or self.request.date
        return initiative.starts is not None and \
            initiative.starts > start + dt.timedelta(days=90)

    def _profile_lines(self, section: str) -> list[str]:
        """Lines of profile.yaml's `uses` whose products/customers/markets the description named."""
        return [self.fill(use.text) for use in self.library.profile.uses.get(section, [])
                if all(getattr(self.analysis, need) for need in use.needs)
                and self.level in use.levels and applies(use.unless, use.only, self.present)]

    def _labels(self, labels: HeaderLabels) -> dict[str, str]:
        """The words the templates put beside the request's values ("Prepared by", "Date")."""
        return {k: self.fill(v, candidate=self.request.candidate)
                for k, v in labels.as_dict().items()}

    def _header(self) -> dict[str, Any]:
        r = self.request
        return {
            # The title as a heading shows it: "CDL A Local Driver", without the "$2,500 Sign
            # On Bonus" a job board adds.
            "role": self.analysis.heading or r.role,
            "company": r.company,
            "candidate": r.candidate,
            # One person by name and title; several by name, so the commas stay readable.
            "interviewers": list(r.interviewers) if len(r.interviewers) < 2 else
            [split_interviewer(p)[0] for p in r.interviewers],
            "date": _long_date(r.date),
            "start_date": _long_date(r.start_date) if r.start_date else "",
            "family": self.family.name,
            "level": self.library.seniority.labels[self.level],
        }
