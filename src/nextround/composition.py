"""Stage 3: composition. The plan and the question sheet as plain data (dicts and lists).

Composition decides what each handout says; it knows nothing about how it will look. Every
renderer (PDF, DOCX, HTML, Markdown, JSON) shows exactly the data built here.

Where the lines come from, in the order they are chosen when space runs out:
the company's regulation (week-one compliance), the seniority level, the stated initiatives,
the role family, then the company's situation and work mode.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from typing import Any

from .analysis import ABOUT_THE_COMPANY, TRAINING, Analysis, Initiative
from .analysis.title import fold
from .library import (
    PHASES,
    Library,
    Line,
    SituatedLine,
    applies,
    builtin_content_dir,
    expand_levels,
)
from .library.model import HeaderLabels, Record, StatedMeasure, ThreadText
from .request import Request

# Space on two printed pages: how many lines each part may take. Detail fades with distance.
MAX_ACTIONS = {"learn": 6, "contribute": 5, "own": 4}
# The family's further lines only fill a phase up to this: a shorter plan beats one padded with
# lines that would read the same at any company.
MIN_ACTIONS = {"learn": 4, "contribute": 4, "own": 3}
FAMILY_ACTIONS = {"learn": 2, "contribute": 2, "own": 2}
SIGNAL_ORDER = ("work-mode", "situation", "ownership", "regulation")
# Lines per phase about the stated initiatives, one per initiative in turn.
THREADS_PER_PHASE = {"learn": 2, "contribute": 2, "own": 1}  # one initiative each
MAX_DELIVERABLES = 2
FRONTLINE_LEVELS = ("entry", "ic")  # initiatives.yaml's `frontline` wording for these
LEAD_LEVELS = ("manager", "director", "executive")  # and its `lead` wording for these
CHECKIN_INITIATIVE = (2, 0, 1)  # day 30 names the third initiative, day 60 the first, 90 the second
MAX_PRIORITIES = 3
MAX_MEASURES = 4
FAMILY_MEASURES = 3  # the family's measures fill the table up to this many rows
MAX_STAKEHOLDERS = 5
MAX_EARLY_WINS = 2
MAX_ASSUMPTIONS = 3
MAX_EVIDENCE_WORDS = 20
MAX_SIGNAL_QUESTIONS = 2  # per section, so the role's own questions keep their place
MAX_QUESTIONS = {"hiring_manager": 8, "peers": 4, "executives": 3, "reports": 3}
MAX_RESEARCH = 10


PROFILE_FIELDS = ("products", "customers", "markets")


# Where a stated baseline's measure ends and its value begins: "SAIDI ... is 118 minutes".
_BASELINE_SPLIT = re.compile(r",?\s+\(?(is|are|was|were|currently|sits?|sat|runs?|ran|running|"
                             r"takes?|took|stands?|stood|averages?|"
                             r"averaged|hovers?|fell|dropped|declined|rose|grew|increased|climbed|"
                             r"slipped|reached|remains?|has been|have been|(?:has |have )?"
                             r"(?:crept up|risen|fallen|dropped|grown|gone up|gone down|climbed|"
                             r"slipped))\s+")
# "an average of 74 days from referral to move-in": the measure is what the days are between.
_AVERAGE = re.compile(r"average of (?P<value>\S+ \w+) (?P<metric>(?:from|to|for) .+)")
# "against an 80% goal": a target stated beside its baseline.
_BESIDE_TARGET = re.compile(r"against an? (?P<value>\$?\d[\d,.]*(?:\s*%|\s[a-z]+)?) "
                            r"(?:goal|target)\b")
# "Our goal is to get NRR back above 105% by the end of FY2026": a target stated on its own.
# Also "Bring CAC back under $60 blended": a goal said as what to do.
_GOAL = re.compile(r"\b(?:goal|target|aim|bring|get|reduce|cut|lower|grow|raise|lift|increase|"
                   r"improve)\b[^.;]*?(?P<value>\b(?:above|below|under|over|to|at|of) "
                   r"\$?\d[\d,.]*\s*%?(?: by [^.;,]+)?)", re.IGNORECASE)
_METRIC_ADVERBS = {"currently", "now", "today", "still", "already", "recently"}
# A goal right after the baseline: "currently 28% of nursing hours, to under 10% by
# year-end", "(currently ~180ms, target under 50ms)", "(currently 24.8%) below the national
# average".
_GOAL_FIGURE = (r"(?:under |below |above |over |at least |less than |more than )?~?\$?\d[\d,.]*"
                r"\s*(?:%|ms\b|days\b|minutes\b|hours\b|ppm\b)?(?:\s+by [^.;,)]+)?")
_AFTER_GOAL = re.compile(
    rf"^\)?,?\s*(?:(?:down |up |back )?to\s+(?P<value>{_GOAL_FIGURE})"
    rf"|(?:against |with )?(?:a |an |the )?target (?:of |is )?(?P<target>{_GOAL_FIGURE})"
    r"|(?P<benchmark>(?:below|under|above) the (?:national |state |industry |regional )?"
    r"(?:average|benchmark|median)))", re.IGNORECASE)
_AMOUNT_BASELINE = re.compile(r"^.*?an? (?P<value>\$[\d,.]+\s*(?:k|m|million|billion)?) "
                              r"(?P<metric>(?:operating |net |budget |annual )?"
                              r"(?:deficit|loss|shortfall))$", re.IGNORECASE)
_BALANCED = re.compile(r"\b(?:a )?(?:balanced budget|break[- ]even|an operating surplus)"
                       r"(?: by [^.;,]+)?", re.IGNORECASE)
_STATED_GOAL = re.compile(r"^(?:a )?target of (?P<value>.+)$", re.IGNORECASE)
# A duty's verb before the measure it moves: "Cut agency use, currently 28% of nursing hours".
_GOAL_VERBS = {"cut", "bring", "reduce", "improve", "lower", "raise", "grow", "increase",
               "keep", "get", "hold", "lift", "drive", "boost"}
# A figure with its unit, the last of which is where a measure stands today.
_FIGURE = re.compile(r"~?\$?\d[\d,.]*(?:\s*(?:%|ms\b|[kK]\b|[mM]\b|million\b|billion\b|"
                     r"percent\b|minutes\b|days\b|hours\b|weeks\b|points\b|ppm\b))?")


_NOT_A_MEASURE = {"we", "i", "you", "they", "it", "this", "that", "he", "she", "us", "we've",
                  "we're", "we’ve", "we’re", "they've", "it's"}
_UNIT = re.compile(r"%|\$|\bpercent|\b(?:days?|hours?|minutes?|weeks?|months?|points?|times|"
                   r"x|seconds?|dollars|miles|stars?|ms|ppm)\b|\dms\b")
_PREPOSITIONS = {"in", "of", "for", "at", "across", "within", "on", "from", "over", "to"}
_DETERMINERS = {"our", "the", "its", "their", "and", "but", "while", "where", "whose"}
_BEING = {"is", "are", "was", "were", "currently", "running", "sits", "sit", "sat", "stands",
          "stand", "stood", "averages", "average",
          "averaged", "hovers", "hover", "remains", "remain", "has been", "have been", "runs",
          "run", "ran", "takes", "take", "took"}


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


def _unique(items: list[Any]) -> list[Any]:
    seen, out = set(), []
    for item in items:
        key = repr(item).lower()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _date_range(start: dt.date | None, first_day: int, last_day: int) -> str:
    if start is None:
        return ""
    a = start + dt.timedelta(days=first_day - 1)
    b = start + dt.timedelta(days=last_day - 1)
    left = f"{a.day} {a:%b}" + ("" if a.year == b.year else f" {a.year}")
    return f"{left} – {b.day} {b:%b} {b.year}"


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


_MEASURE_STOPS = {"rate", "rates", "time", "times", "share", "of", "the", "and", "a", "an", "in",
                  "on", "to", "from", "by", "for", "at", "as", "with", "per", "my", "hours",
                  "days", "count", "number", "total", "average", "current", "monthly", "weekly",
                  "annual", "first", "last", "level", "score", "scores"}


def _measure_words(metric: str) -> set[str]:
    """The words that say what a measure is about ("agency", "churn"), for telling two
    measures of one thing apart from two measures that only share "rate"."""
    return {w.removesuffix("s") for w in re.findall(r"[\w-]+", fold(metric))
            if w not in _MEASURE_STOPS and not w.isdigit()}


_GENERIC_MANAGER = re.compile(r"\breports? to\b|\bmy manager\b|\bI report to\b", re.IGNORECASE)


def _short_metric(metric: str) -> str:
    """A measure named again after its row: "pick accuracy", not "pick accuracy on second
    shift" a third time."""
    return _lower_first(re.split(r" (?:on|in|at|across|excluding|for) ", metric)[0])


def _role_in_a_sentence(role: str) -> str:
    return re.split(r"\s+[–—-]\s+|\s*\(|\s*\||,\s|\s+/\s+", role)[0].strip() or role


def _lower_first(text: str) -> str:
    """"Net revenue retention" -> "net revenue retention"; "RRH program's rate" stays."""
    return text[0].lower() + text[1:] if text[1:2].islower() else text


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
        head = text.split(", ")[0]
        text = head if 4 <= len(head.split()) <= max_words else ""
    return text


# Words of a person-to-meet that say nothing of whether the ad mentions that team.
_NOT_A_TEAM_WORD = {"leads", "leader", "leaders", "manager", "managers", "other", "their",
                    "where", "whoever", "people", "staff", "teams", "owner", "owners",
                    "partners", "member", "members", "director", "head", "senior"}


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


def _name_once(plan: dict[str, Any], name: str, short: str) -> None:
    """An initiative named in full once, then by its short name: read ten times in full, the
    same long name makes the plan read like a form."""
    if short == name:
        return
    pattern = re.compile(re.escape(name), re.IGNORECASE)
    seen = False

    def rename(match: re.Match[str]) -> str:
        nonlocal seen
        if not seen:
            seen = True
            return match.group(0)
        return short[0].upper() + short[1:] if match.group(0)[0].isupper() else short

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(rename, value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: v if k == "evidence" else walk(v) for k, v in value.items()}
        return value

    for part in _NAMED_PARTS:
        plan[part] = walk(plan[part])


def _words_in(phrase: str, text: str) -> bool:
    return re.search(rf"(?<![\w&]){re.escape(phrase)}(?![\w&])", text) is not None


class Composer:
    """Builds both handouts for one request from its analysis."""

    def __init__(self, request: Request, analysis: Analysis, library: Library):
        self.request = request
        self.analysis = analysis
        self.library = library
        self.level = analysis.level
        self.family = analysis.family
        self.regulations = _regulations(analysis)
        self.fill = _Filler({
            "company": request.company,
            # In a sentence, the title without what a job board adds to it: "Nurse Aide
            # Trainee", not "... – Paid CNA Training (Day & Evening Shifts)".
            "role": _role_in_a_sentence(request.role),
            "family": self.family.name.lower(),
            "regulations": self.regulations,
            "initiative": "",
            "facts": "",
            "evidence": "",
            # Who the employer serves in its own sector's word: patients, students, guests...
            "served": library.sectors.default_served if not analysis.sector
            else next((s.served for s in library.sectors.sectors
                       if s.id == analysis.sector.id), "customers"),
            **{name: (getattr(analysis, name) or [""])[0] for name in PROFILE_FIELDS},
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
                           {f"title:{w}" for w in re.findall(r"[a-z]+", fold(request.role))})
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
            self.fill.values["peer"] = peer
        self.present = stated | known
        # The sector's own first-month action and person to meet, unless the family already
        # speaks its language (home_sectors).
        sectors = {s.id: s for s in library.sectors.sectors}
        self.sector = sectors.get(analysis.sector.id) if analysis.sector and \
            analysis.sector.id not in self.family.home_sectors else None
        self.duty_lines = self._duty_lines()
        self.situation = [
            s for s in analysis.signals if s.kind in ("situation", "work-mode", "ownership")
        ]

    # --- helpers ---------------------------------------------------------------------------

    def _lines(self, lines: list[Line]) -> list[str]:
        """The family's lines for this level that the description does not rule out, filled."""
        return [self.fill(t) for t in _level_lines(lines, self.level, self.present)]

    def _texts(self, items: list[Line]) -> list[str]:
        """Fixed wording (questions.yaml, plan.yaml) for this level that the description does
        not rule out, filled."""
        return [self.fill(t) for t in _level_lines(items, self.level, self.present)]

    def _records(self, records: list[dict[str, Any]]) -> list[dict[str, str]]:
        return [{k: self.fill(v) for k, v in r.items()}
                for r in _applying(records, self.present, self.level)]

    def _pick_initiatives(self) -> list[Initiative]:
        """Up to three initiatives, one of each kind first, in the order the text gives them."""
        chosen: list[Initiative] = []
        for initiative in self.analysis.initiatives:
            if all(i.id != initiative.id for i in chosen):
                chosen.append(initiative)
        for initiative in self.analysis.initiatives:
            if initiative not in chosen:
                chosen.append(initiative)
        if self.level in ("director", "executive"):  # the job before its projects
            chosen.sort(key=lambda i: self.kinds[i.id].effects.get("leader_rank", 2))
        return chosen[:MAX_PRIORITIES]

    def _signal_effect(self, key: str) -> list[tuple[Any, Any]]:
        """(signal finding, effect value) for every signal found that has this effect."""
        by_id = {s.id: s for s in self.library.signals}
        out = []
        for finding in self.analysis.signals:
            value = by_id[finding.id].effects.get(key)
            if value:
                out.append((finding, value))
        regulated = self.library.groups.get("regulated")
        if self.regulations and regulated and regulated.get(key):
            out.insert(0, (None, regulated.get(key)))
        return out

    def _after_day_90(self, initiative: Initiative) -> bool:
        """Whether the ad dates the initiative after this plan's 90 days ("opens in September",
        "go-live in Q3", "next year"): its results cannot be reported by day 90."""
        start = self.request.start_date or self.request.date
        return initiative.starts is not None and \
            initiative.starts > start + dt.timedelta(days=90)

    def _thread(self, key: str, initiative: Initiative) -> Any:
        if self._after_day_90(initiative) and self.threads.ahead.get(key):
            return self.fill(self.threads.ahead[key], initiative=initiative.name)
        variant = self.threads.frontline if self.level in FRONTLINE_LEVELS else \
            self.threads.lead if self.level in LEAD_LEVELS else ThreadText()
        own_kind = self.kinds[initiative.id].effects.get("threads", {})
        # A leader's own wording first (they set owners and dates), then the kind's own
        # lines, then the level's, then the general ones.
        if self.level in LEAD_LEVELS and variant.get(key):
            value = variant[key]
        else:
            value = own_kind.get(key, variant.get(key) or self.threads[key])
        if isinstance(value, dict):
            return {k: self.fill(v, initiative=initiative.name) for k, v in value.items()}
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
        known = [n.lower() for n in (self.analysis.entities.systems +
                                     self.analysis.entities.regulations +
                                     self.analysis.entities.places)]
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
            score = 2 * bool(re.search(r"\d", text)) + 2 * sum(n in lowered for n in known) \
                + sum(w[:1].isupper() for w in text.split()[1:])
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

    def _profile_lines(self, section: str) -> list[str]:
        """Lines of profile.yaml's `uses` whose products/customers/markets the description named."""
        return [self.fill(use.text) for use in self.library.profile.uses.get(section, [])
                if all(getattr(self.analysis, need) for need in use.needs)
                and not set(use.unless) & self.present]

    # --- the plan --------------------------------------------------------------------------

    def phases(self) -> list[dict[str, Any]]:
        plan_text = self.library.plan
        names = plan_text.phase_names_by_level.get(self.level)
        adds = self.library.level_adds.get(self.level)
        out = []
        for index, key in enumerate(PHASES):
            fixed = plan_text.phases[key]
            phase = self.family.phases[key]
            regulated = [
                a for finding, v in self._signal_effect("actions") if finding is None
                for a in v.get(key, [])
            ]
            # Work mode first: a remote team's plan must never lose its scheduled intros.
            signal_actions = [
                a for finding, v in sorted(
                    ((f, v) for f, v in self._signal_effect("actions") if f is not None),
                    key=lambda fv: SIGNAL_ORDER.index(fv[0].kind))
                for a in v.get(key, [])
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
                             for line in (adds[key] if adds else [])]
            sector = [self.fill(self.sector.learn)] if key == "learn" and self.sector and \
                self.sector.learn else []
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
                "theme": self.fill(phase.theme),
                "actions": actions,
                "deliverables": _unique([self.fill(d) for d in deliverables])[:MAX_DELIVERABLES],
            })
        return out

    def priorities(self) -> list[dict[str, str]]:
        kinds = self.kinds
        items = []
        quoted = set(self.analysis.fact_sentences)
        for initiative in self.priority_initiatives:
            kind = kinds[initiative.id].effects
            name = initiative.name
            # The sentence behind a priority is quoted once, unless the facts already show it.
            evidence = "" if initiative.sentence in quoted else _quote(
                initiative.sentence, initiative.cue, MAX_EVIDENCE_WORDS)
            quoted.add(initiative.sentence)
            detail = kind.get("lead") if self.level in LEAD_LEVELS else \
                kind.get("frontline") if self.level in FRONTLINE_LEVELS else None
            if self.level in ("director", "executive") and kind.get("leader_rank", 2) > 1:
                # A director leads the project itself, not "my team's part of it".
                detail = self.library.plan.initiative_senior_detail
            detail = self.fill(detail or kind["contribution"])
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
                  if m["goal"] or not m["value"].startswith("is ")]
        for measure in moving[:1]:
            metric = _short_metric(measure["metric"])  # its row in the table says the rest
            goal = measure["goal"]
            if goal and re.match(r"[~$\d]", goal):
                goal = f"to {goal}"  # "80%" -> "to 80%"; "under 10% by year-end" as it is
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
        for finding, priority in self._signal_effect("priority"):
            if len(items) >= 2:
                break
            if finding is not None:
                items.append({"title": self.fill(priority), "detail": "", "evidence": ""})
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
        for default in self.library.plan.default_priorities:
            if len(items) >= 2:
                break
            if training and default.unless_training:
                continue
            if self.level not in default.levels:
                continue
            items.append({"title": self.fill(default.title),
                          "detail": self.fill(default.detail), "evidence": ""})
        return items[:MAX_PRIORITIES]

    def measures(self) -> list[dict[str, str]]:
        items = []
        group = self.library.groups.get("regulated")
        if self.regulations and group and group.measure:
            items.append({k: self.fill(v) for k, v in group.measure.items()})
        # Each stated measure without the raw value kept for the question sheet.
        items += [{k: v for k, v in m.items() if k not in ("value", "goal")}
                  for m in self.stated_measures]
        # A measure the description states replaces the family's measure of the same name,
        # and the family's own fill the table to three: a fourth general one adds little.
        # The family's measure of the same thing goes too: "Agency hours as a share of
        # nursing hours" beside the stated "Agency use".
        named = {w for m in items for w in _measure_words(m["metric"])}
        family = [m for m in self._records(self.family.measures)
                  if not _measure_words(m["metric"]) & named]
        chosen = _unique(items + family[:max(FAMILY_MEASURES - len(items), 1)])[:MAX_MEASURES]
        targets = set()
        for measure in chosen:
            if measure["target"] in targets:
                measure["target"] = self.fill(self.library.plan.stated_measure.target_again)
            targets.add(measure["target"])
        return chosen

    @functools.cached_property
    def stated_measures(self) -> list[dict[str, str]]:
        """The baselines the description states ("SAIDI ... is 118 minutes"), as measures
        whose starting point is known and whose target is agreed, never invented."""
        spec = self.library.plan.stated_measure
        out = []
        for phrase, sentence in self.analysis.entities.baselines:
            average = _AVERAGE.match(phrase)
            if average:  # "average of 74 days from referral to move-in"
                unit = average.group("value").split()[-1]
                value = "an " + average.group(0).split(" from ")[0].split(" to ")[0]
                metric = f"{unit.capitalize()} {average.group('metric')}"
                out.append({"metric": metric,
                            "baseline": self.fill(spec.baseline, evidence=value),
                            "target": self._direction(metric, value, spec),
                            "value": f"is {value}", "goal": ""})
                continue
            amount = _AMOUNT_BASELINE.match(phrase)
            if amount:  # "ran a $380,000 operating deficit": the amount is where it stands
                balanced = _BALANCED.search(sentence)
                goal = balanced.group(0) if balanced else ""
                metric = amount["metric"][0].upper() + amount["metric"][1:]
                out.append({"metric": metric,
                            "baseline": self.fill(spec.baseline_change,
                                                  evidence=f"{amount['value']} last year"),
                            "target": self._goal_target(goal, spec) if goal
                            else self._direction(metric, amount["value"], spec),
                            "value": f"was {amount['value']} last year", "goal": goal})
                continue
            verbs = list(_BASELINE_SPLIT.finditer(phrase))
            stated_goal = _STATED_GOAL.match(phrase)
            if stated_goal and out and not out[-1]["goal"]:
                # "a target of 3% by FY2027": the goal of the measure stated before it
                goal = stated_goal["value"]
                out[-1]["target"] = self._goal_target(goal, spec)
                out[-1]["goal"] = goal
                continue
            if not verbs:
                continue
            verb = verbs[-1]  # "five-year average SAIDI ... is 118 minutes": the last verb
            metric, value = phrase[:verb.start()], phrase[verb.end():].strip()
            # "sits at 99.2%", "is running at", "currently averages about 71%"
            value = re.sub(r"^(?:running |at |averages? |averaging |sits? at )+", "", value)
            said = f"is {value}"  # as a sentence says it: "is about 71%"
            baseline = spec.baseline
            if verb.group(1) in ("was", "were"):  # "FY2024 operating margin was 1.6%": not today
                baseline, said = spec.baseline_change, f"{verb.group(1)} {value}"
            elif verb.group(1) not in _BEING:
                value = f"{verb.group(1)} {value}"  # "fell from 112% to 94%"
                baseline, said = spec.baseline_change, value
            words = metric.split()
            while words and words[0].lower() in _GOAL_VERBS:  # "Cut agency use, currently 28%"
                words = words[1:]
            # "over the past twelve months our customer acquisition cost": after the last
            # determiner is the measure itself.
            starts = [i for i, w in enumerate(words) if w.lower() in _DETERMINERS
                      and (i == 0 or words[i - 1].lower() not in _PREPOSITIONS)]
            words = words[starts[-1] + 1:] if starts else words
            while words and words[-1].lower() in _METRIC_ADVERBS:  # "on third shift currently"
                words = words[:-1]
            while words and words[0].lower() in ("current", "today's", *_METRIC_ADVERBS):
                words = words[1:]  # "current average wait", "now pick accuracy"
            lowered = {w.lower().strip(",") for w in words}
            # A measure names a quantity: not the company ("Northwind Health runs 12"), not
            # a clause ("last year we"), and a value with a unit or a percentage.
            if not 1 <= len(words) <= 7 or lowered & _NOT_A_MEASURE \
                    or self.request.company.lower() in metric.lower() \
                    or not (_UNIT.search(value) or {"target", "goal"} & lowered):
                continue
            if {"target", "goal"} & {w.lower() for w in words}:
                if out:  # "our board target is under 100": the target of the measure before
                    out[-1]["target"] = self.fill(spec.stated_target, evidence=value)
                    out[-1]["goal"] = value
                continue
            metric = " ".join("the" if w.lower() == "our" else w for w in words)
            value = re.sub(r"\bour\b", "the", value)
            # Only in the words right after this baseline: "71% against an 80% goal, and our
            # scrap rate ..." gives the goal to line efficiency, not to the scrap rate.
            after = sentence[sentence.find(phrase) + len(phrase):] if phrase in sentence else ""
            beside = _BESIDE_TARGET.match(after.split(",")[0].strip() + " ")
            right_after = _AFTER_GOAL.match(after)
            goal = re.sub(r"^([\d.]+) (minute|hour|day|week|point|second)$", r"\1 \2s",
                          beside["value"].strip()) if beside else next(
                (g.strip() for g in right_after.groups() if g), "") if right_after else ""
            out.append({"metric": metric[0].upper() + metric[1:],
                        "baseline": self.fill(baseline, evidence=value),
                        "target": self._goal_target(goal, spec) if goal
                        else self._direction(metric, value, spec),
                        "value": said,
                        "goal": goal})
        self._stated_targets(out, spec)
        return out[:2]

    def _goal_target(self, goal: str, spec: StatedMeasure) -> str:
        """The target a stated goal gives: "under 10% by year-end, the stated target; my part
        of it agreed with you" (with a date), or "... on a timeline agreed with you"."""
        return self.fill(spec.stated_target_dated if " by " in goal else spec.stated_target,
                         evidence=goal)

    def _direction(self, metric: str, value: str, spec: StatedMeasure) -> str:
        """With no stated goal, the way the measure should move from where it stands ("below
        74 days"), when its name says which way is better; the figure is agreed, not set."""
        numbers = _FIGURE.findall(value)
        words = set(re.findall(r"[\w-]+", fold(metric)))
        lower = words & set(spec.lower_is_better)
        higher = words & set(spec.higher_is_better)
        if not numbers or bool(lower) == bool(higher):
            return self.fill(spec.target)
        return self.fill(spec.target_lower if lower else spec.target_higher,
                         value=numbers[-1].strip())

    def _stated_targets(self, measures: list[dict[str, str]], spec: StatedMeasure) -> None:
        """A goal stated in a sentence of its own becomes the target of the measure it names,
        by name or by its initials ("NRR" for net revenue retention)."""
        untargeted = [m for m in measures if not m["goal"]]
        baseline_sentences = {s for _, s in self.analysis.entities.baselines}
        for part in self.analysis.parts:
            if part.part not in ("company", "role", "responsibilities") \
                    or part.text in baseline_sentences:
                continue
            goal = _GOAL.search(part.text)
            if not goal:
                continue
            said = fold(part.text)
            for measure in untargeted:
                words = [w for w in fold(measure["metric"]).split() if w.isalpha()]
                initials = "".join(w[0] for w in words)
                if fold(measure["metric"]) in said or (len(initials) >= 2 and
                                                        _words_in(initials, said)):
                    measure["target"] = self._goal_target(goal["value"].strip(), spec)
                    measure["goal"] = goal["value"].strip()
                    untargeted.remove(measure)
                    break

    def stakeholders(self) -> list[dict[str, str]]:
        family = self._records(self.family.stakeholders)
        manager = self.analysis.entities.manager
        if manager and family:
            # The ad names the manager: that person, not the family's guess at a title.
            family[0] = {**family[0], "role": self.fill(self.library.plan.stated_manager,
                                                        evidence=manager)}
        # The sector's own person, unless that is the role itself ("Executive director or
        # program lead" for an executive director).
        sector = self.sector.stakeholder if self.sector else None
        itself = sector and any(fold(part).strip() in fold(self.request.role) for part in
                                re.split(r"\bor\b|\band\b|,", sector["role"]) if part.strip())
        extra = [{k: self.fill(v) for k, v in sector.items()}] if sector and not itself else []
        for _, people in self._signal_effect("stakeholders"):
            extra += [{k: self.fill(v) for k, v in p.items() if k != "levels"} for p in people
                      if self.level in expand_levels(p.get("levels"), "signals.yaml")]
        # The family's first two are the core of the job; the company's come next. The
        # family's further people ("Loss prevention") are met only where the ad speaks of
        # them: a table of teams the company may not have reads as invented.
        said = fold(self.request.description)
        mentioned = [p for p in family[2:]
                     if any(len(w) > 4 and _words_in(w, said)
                            for w in re.findall(r"[a-z][a-z-]+", fold(p["role"]))
                            if w not in _NOT_A_TEAM_WORD)]
        items = _unique(family[:2] + extra + mentioned)
        if manager:  # named already: not again as "the leader this role reports to"
            items = [items[0], *(p for p in items[1:] if not _GENERIC_MANAGER.search(p["role"]))]
        # One person in two rows ("the staff development coordinator" alone and in a group)
        # is met once, in the row that says more.
        roles = [fold(p["role"]).removeprefix("the ") for p in items]
        items = [p for p, role in zip(items, roles, strict=True)
                 if not any(role != other and role in other for other in roles)]
        return items[:MAX_STAKEHOLDERS]

    def early_wins(self) -> list[str]:
        family = self._lines(self.family.early_wins)
        spec = self.library.plan.early_wins
        # A measure the ad wants moved first: what the job will be judged on.
        wins = [self.fill(spec.measure, metric=_short_metric(m["metric"]))
                for m in self.stated_measures[:1]
                if (m["goal"] or not m["value"].startswith("is ")) and "$" not in m["value"]]
        # An initiative's own early win, concrete for its kind (initiatives.yaml); never the
        # general "an early, visible step on X", which only repeats its name. A director
        # or an executive leads it: a milestone, not one area made ready.
        senior = self.level in ("director", "executive")
        wins += [self.fill(spec.initiative_senior if senior else
                           self.kinds[i.id].effects["early_win"], initiative=i.name)
                 for i in self.threaded[:2] if self.kinds[i.id].effects.get("early_win")]
        return _unique(wins + family)[:MAX_EARLY_WINS]

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
                             if any(_words_in(fold(c), lowered) for c in f.cues)),
                            spec.default) if title else None
            is_manager = bool(title and manager and (lowered in manager or manager in lowered))
            out.append({
                "name": name,
                "title": self.fill(spec.manager_title, title=title) if is_manager else title,
                "cares": self.fill(function.cares) if function else "",
                "questions": self._texts(function.questions) if function else [],
                "priority_words": list(function.priority_words) if function else [],
                "label": f"{name}, {title}" if title else name,
            })
        return out

    def understanding(self) -> dict[str, Any]:
        plan_text = self.library.plan
        facts = list(self.analysis.facts)
        to_learn = []
        if len(facts) < 3:
            # What the description does say about its customers sharpens what to learn first.
            known = self._profile_lines("to_learn")[:1]
            to_learn = (known + self._texts(plan_text.unknown_company))[: 3 - len(facts) + 1]
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
                 for finding, a in self._signal_effect("assumption")][:2]
        if not any(s.kind == "situation" for s in self.analysis.signals) \
                and not self.analysis.initiatives:
            items.append(self.fill(self.library.plan.generic_assumption_unknown))
        if self.analysis.fell_back:
            items.append(self.fill(self.library.plan.fallback_assumption))
        items += [self.fill(a) for a in self.library.plan.assumptions]
        return _unique(items)[:MAX_ASSUMPTIONS]

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
                else self.fill(c.text),
            })
        return out

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
        for initiative in self.threaded:
            _name_once(plan, initiative.name, _short_name(initiative.name, stops))
        return plan

    def _labels(self, labels: HeaderLabels) -> dict[str, str]:
        """The words the templates put beside the request's values ("Prepared by", "Date")."""
        return {k: self.fill(v, candidate=self.request.candidate)
                for k, v in labels.as_dict().items()}

    def _header(self) -> dict[str, Any]:
        r = self.request
        return {
            "role": r.role,
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

    # --- the question sheet ------------------------------------------------------------------

    def question_sections(self) -> list[dict[str, Any]]:
        sections = []
        signal_questions = self._signal_effect("questions")
        for section in self.library.questions.sections:
            if self.level not in section.levels or \
                    not applies(section.unless, section.only, self.present):
                continue
            audience = section.id
            # The guide's questions, then the company's (signals, initiatives), then the role's.
            questions = self._texts(section.questions)
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
                questions += self._texts(self.family.questions[audience])
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
                        if s not in coming][:1]
            elif kind == "initiative":
                # The first initiative has its own question (threads); then the others.
                pick = self.threaded[1:2] if audience == "peers" else self.threaded[:1]
                out += [self.fill(text, initiative=i.name) for i in pick]
        return out

    def _interviewer_sections(self) -> list[dict[str, Any]]:
        spec = self.library.questions.interviewers
        return [{"id": "interviewer",
                 "title": self.fill(spec.section_title, name=person["name"]),
                 "audience": person["title"],
                 "questions": person["questions"]}
                for person in self.people if person["questions"]][:spec.max_sections]

    def research(self) -> dict[str, Any]:
        spec = self.library.questions.research
        items = self._texts(spec.items)
        last = self._texts(spec.last)  # always on the list, at its end
        items[3:3] = self._lines(self.family.research)
        for _, lines in self._signal_effect("research"):
            items.insert(2, *[self.fill(t) for t in lines[:1]])
        # The company's own products, customers and markets take the place of the generic
        # look-ups they make specific; a line that replaces nothing comes after the website.
        added = []
        for use in self.library.profile.uses.get("research", []):
            if not all(getattr(self.analysis, need) for need in use.needs):
                continue
            generic = self.fill(use.instead_of) if use.instead_of else None
            if generic in items:
                items[items.index(generic)] = self.fill(use.text)
            elif generic is None:
                added.append(self.fill(use.text))
            # else: the generic line does not apply to this employer, nor does its specific one
        items[1:1] = added
        return {
            "title": self.fill(spec.title),
            "items": _unique(items)[:MAX_RESEARCH - len(last)] + last,
            "known": list(self.analysis.facts[:3]),
            "known_title": self.fill(spec.known_title),
        }

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


def compose(request: Request, analysis: Analysis, library: Library) -> dict[str, dict[str, Any]]:
    """Both handouts (those the request asks for) as plain data, keyed 'plan' and 'questions'."""
    composer = Composer(request, analysis, library)
    built = {"plan": composer.plan, "questions": composer.questions}
    documents = {name: built[name]() for name in request.documents}
    if request.per_interviewer and "plan" in documents:
        for person in composer.people:
            documents[f"plan:{person['name']}"] = _copy_for(documents["plan"], person)
    return documents


def _copy_for(plan: dict[str, Any], person: dict[str, Any]) -> dict[str, Any]:
    """The plan headed for one interviewer, the priorities their function cares about first
    (a stable sort: an equal count keeps the plan's own order)."""
    copy = json.loads(json.dumps(plan))
    copy["interviewers"] = [person["label"]]
    words = [fold(w) for w in person["priority_words"]]

    def weight(priority: dict[str, str]) -> int:
        text = fold(f"{priority['title']} {priority.get('detail', '')}")
        return -sum(_words_in(w, text) for w in words)

    copy["priorities"].sort(key=weight)
    return copy


# --- where a line comes from -------------------------------------------------------------------
# A handout line that repeats the description's own words (four in a row, or a number) states
# something about the company; it must come from a sentence the company wrote about itself or
# the role, never from the pay, the requirements, the benefits or the job site's text. Words
# that the content library itself uses, the company's name and the title are no such claim.
SOURCE_RUN = 4
_TOKEN = re.compile(r"[\w$%][\w$%.,'’-]*[\w%]|[\w$%]")


def _tokens(text: str) -> list[str]:
    return [t.lower().rstrip(".,") for t in _TOKEN.findall(text.replace("…", " "))]


@functools.lru_cache(maxsize=1)
def _library_words() -> str:
    texts = [p.read_text(encoding="utf-8") for p in builtin_content_dir().rglob("*.yaml")]
    return " " + " ".join(_tokens(" ".join(texts))) + " "


def _claims(line: list[str], sentence: list[str], own_words: str) -> list[str]:
    """The runs of words the line takes from the sentence that are not the library's own."""
    runs = set()
    for i in range(len(line)):
        for j in range(len(sentence)):
            k = 0
            while i + k < len(line) and j + k < len(sentence) and line[i + k] == sentence[j + k]:
                k += 1
            run = line[i:i + k]
            if k >= SOURCE_RUN or (k and any(c.isdigit() for w in run for c in w)):
                runs.add(" ".join(run))
    return [r for r in runs if f" {r} " not in own_words]


def sources(document: dict[str, Any], analysis: Analysis,
            request: Request) -> list[dict[str, str]]:
    """Each line of a handout that repeats the description, with the sentence it came from
    (the company's and role's own sentences only); `sentence` is empty when there is none."""
    # Each sentence cut into words once, with whether it is the company's or the role's own.
    sentences = [(s.text, _tokens(s.text), s.part in ABOUT_THE_COMPANY + ("responsibilities",))
                 for s in analysis.parts]
    own_words = _library_words() + " ".join(_tokens(f"{request.company} {request.role}")) + " "
    out = []
    for line in dict.fromkeys(document_lines(document)):
        words = _tokens(line)
        claims = [(len(_claims(words, tokens, own_words)), own, text)
                  for text, tokens, own in sentences]
        if not any(count for count, _, _ in claims):
            continue  # the line says nothing that only the description says
        # The own sentence it shares most with; the first of equals.
        best = max(((count, -i, text) for i, (count, own, text) in enumerate(claims) if own),
                   default=(0, 0, ""))
        out.append({"line": line, "sentence": best[2] if best[0] else ""})
    return out


def document_lines(document: dict[str, Any]) -> list[str]:
    """Every line of content a handout shows, in order: what every format must agree on."""
    if document["document"] == "plan":
        understanding = document["understanding"]
        lines = list(understanding["facts"]) + list(understanding["to_learn"])
        for p in document["priorities"]:
            lines += [p["title"]] + [p[k] for k in ("detail", "evidence") if p.get(k)]
        for phase in document["phases"]:
            lines += [phase["theme"], *phase["actions"], *phase["deliverables"]]
        lines += [m[k] for m in document["measures"] for k in ("metric", "baseline", "target")]
        lines += [s[k] for s in document["stakeholders"] for k in sorted(s)]
        lines += document["early_wins"] + document["assumptions"]
        lines += [c["text"] for c in document["checkins"]]
        return lines
    lines = []
    for section in document["sections"]:
        lines += section["questions"]
    return lines + document["research"]["items"]


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
