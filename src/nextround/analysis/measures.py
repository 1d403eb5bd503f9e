"""Measures the ad states: where a measure stands today ("pick accuracy is 99.2%"), and the
goal set for it beside it or in a sentence of its own ("Our goal is to get NRR back above
105% by the end of FY2026"). Read here; the plan words them (composition/measures.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .ad import Sentence
from .entities import MOVE_VERBS, SCORE_VERBS, SHARE_OF
from .title import fold, words_in

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
# "against an 80% goal", "below our 90% goal", "against a 98% contract standard"
_BESIDE_TARGET = re.compile(
    r"(?:against an?|below (?:our|the|its|a)|short of (?:our|the|its|a)) "
    r"(?P<value>\$?\d[\d,.]*(?:\s*%|\s[a-z]+)?) (?:[a-z-]+ )?(?:goal|target|standard)\b")
# "Our goal is to get NRR back above 105% by the end of FY2026": a target stated on its own.
# Also "Bring CAC back under $60 blended": a goal said as what to do.
# Numbers said in words, where a unit follows: "eight business days", "two stars".
_NUMBER_WORDS = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
                 r"twenty|thirty)")
_SPAN = r"(?:business |working |calendar )?(?:days|weeks|months|hours|minutes)"
_GOAL = re.compile(
    r"\b(?:goal|target|aim|wants?|like|bring|get|reduce|cut|lower|grow|raise|lift|increase|"
    r"improve|calls? for|committed|commits?|targeting|aiming|aims)\b[^.;]*?"
    r"(?P<value>\b(?:(?:above|below|under|over|to|at|of|in) |(?<=wants )|(?<=want )|(?<=\bis ))"
    rf"(?:\$?\d[\d,.]*(?:\s*%)?(?: {_SPAN})?|{_NUMBER_WORDS}[- ](?:stars?|{_SPAN}))"
    r"(?: (?:by|within|before) [^.;,]+)?)", re.IGNORECASE)
# A goal named before where a baseline's figure would stand: "Our goal for ... is under 7%".
_GOAL_BEFORE = re.compile(r"\b(?:goal|target|aim|objective)s?\b", re.IGNORECASE)
# A change the ad wants kept: "dropped 18% ..., and we want to keep that going".
_HOLD = re.compile(r"\b(?:keep (?:that|it|this) going|sustain (?:that|it|this)|hold (?:that|it|"
                   r"this|on to)|maintain (?:that|it|this))\b", re.IGNORECASE)
# Words that join a goal to its baseline in one sentence: "in FY2026, and our goal is ...".
_LINKS = {"in", "fy", "for", "last", "this", "today", "now", "currently", "so", "far", "with",
          "by", "board", "has", "had", "the", "of", "s", "and", "but", "asked", "us", "needs",
          "need", "expects", "expect", "done", "committed", "we've", "ve", "we're", "re", "set",
          "getting", "bringing", "targeting", "aiming", "company"}
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
_SCORE_OF = re.compile(rf"^{SCORE_VERBS}\s+(?:a|an)\s+(?P<metric>.+?)\s+of\s+"
                       r"(?P<value>\$?\d[\d,.]*\s*%?)$", re.IGNORECASE)
# A share said as where things stand now ("today 62% ... pass", "only 9% ... become") is a
# measure; one said without such a word and without a goal is how the company describes
# itself ("80% of our managers started as crew members").
_SHARE_NOW = re.compile(r"\b(?:today|currently|right now|now|only|just|still|too|last year|"
                        r"this year|so far|fell|rose|dropped|down|up)\b", re.IGNORECASE)
# Who a share counts, when it counts people: "students who scored", not "that scored".
_PEOPLE = re.compile(r"\b(?:people|students|patients|residents|members|clients|customers|"
                     r"participants|graduates|families|youth|apprentices|hires|employees|staff|"
                     r"nurses|workers|drivers|associates|adults|children|kids|learners|users|"
                     r"guests|veterans|callers|applicants|teachers|physicians)\b")
_STARS = re.compile(r"^\w+\s+an?\s+(?P<n>\d|one|two|three|four|five)[- ]star\s+"
                    r"(?P<metric>(?:[\w-]+\s+){0,2}?rating)$", re.IGNORECASE)
_STANDARD = re.compile(r"^(?:hold\s+\w+\s+to|standard\s+of|maintain\w*|runs?\s+at|running\s+at)"
                       r"\s+(?P<value>\d[\d.]*%)\s+(?P<metric>[a-z].+)$", re.IGNORECASE)
_MOVE = re.compile(rf"^{MOVE_VERBS}\s+(?P<metric>.+?)\s+from\s+"
                   r"(?P<value>\$?\d[\d,.]*\s*(?:%|k|m|million)?)"
                   r"(?:\s+(?:today|now|currently))?\s+to\s+(?P<goal>.+)$", re.IGNORECASE)
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
_UNIT = re.compile(r"%|\$|\bpercent|\bpercentile\b|"
                   r"\b(?:days?|hours?|minutes?|weeks?|months?|points?|times|"
                   r"x|seconds?|dollars|miles|stars?|ms|ppm)\b|\dms\b|"
                   r"\d\s+(?:a|per|each) (?:day|week|month|year|shift|quarter)\b")  # "40 a month"
_PREPOSITIONS = {"in", "of", "for", "at", "across", "within", "on", "from", "over", "to"}
_DETERMINERS = {"our", "the", "its", "their", "your", "and", "but", "while", "where", "whose"}
_BEING = {"is", "are", "was", "were", "currently", "running", "sits", "sit", "sat", "stands",
          "stand", "stood", "averages", "average",
          "averaged", "hovers", "hover", "remains", "remain", "has been", "have been", "runs",
          "run", "ran", "takes", "take", "took"}


@dataclass(frozen=True)
class StatedMeasure:
    """A measure the ad states, as it states it."""

    metric: str  # "Agency use"
    value: str  # where it stands, as the ad says it: "28% of nursing hours"
    said: str  # the same in a sentence: "is 28% of nursing hours", "fell from 112% to 94%"
    goal: str = ""  # the goal set for it: "under 10% by year-end"; "" if none is stated
    changed: bool = False  # the value is a change or a past figure, not where it stands today
    hold: bool = False  # the ad wants it kept where it went ("and we want to keep that going")
    standard: bool = False  # a standard kept every day ("We hold ourselves to 99.5% accuracy")
    share: bool = False  # a share of a group ("41% of students scored proficient")
    # A share said with no word of "now": a measure only if a goal is found for it, else how
    # the company describes itself ("80% of our managers started as crew members").
    boast: bool = False

    @property
    def figure(self) -> str:
        """The last figure of the value: where the measure stands ("94%" of "fell from 112%
        to 94%"); "" if it has none."""
        figures = _FIGURE.findall(self.value)
        return figures[-1].strip() if figures else ""

    @property
    def moving(self) -> bool:
        """Whether the ad wants it moved: a goal, or a change ("fell from 112% to 94%");
        "production is around 86%, and we want to hold it" is not."""
        return bool(self.goal) or not self.said.startswith(("is ", "are ")) and not self.hold


def stated_measures(baselines: list[tuple[str, str]], parts: list[Sentence], company: str,
                    words_of: dict[str, set[str]]) -> list[StatedMeasure]:
    """The measures the ad states, in its order: each baseline phrase found in its sentence
    (entities.find_entities), with a goal stated right after it or in a sentence of its own."""
    out: list[StatedMeasure] = []
    for phrase, sentence in baselines:
        # The words after the baseline, where its goal is often said.
        after = sentence[sentence.find(phrase) + len(phrase):] if phrase in sentence else ""
        average = _AVERAGE.match(phrase)
        if average:  # "average of 74 days from referral to move-in"
            unit = average.group("value").split()[-1]
            value = "an " + average.group(0).split(" from ")[0].split(" to ")[0]
            out.append(StatedMeasure(f"{unit.capitalize()} {average.group('metric')}", value,
                                     f"is {value}"))
            continue
        score_of = _SCORE_OF.match(phrase)
        if score_of:  # "ran a RevPAR index of 94", "with a customer satisfaction score of 88"
            metric, value = score_of["metric"], score_of["value"]
            measure = StatedMeasure(_capital(metric), value, f"is {value}")
            goal = _goal_later_in(after, value, metric)
            out.append(_with_goal(measure, goal) if goal else measure)
            continue
        share = SHARE_OF.fullmatch(phrase)
        if share:  # "41% of students scored proficient ...": the share of them who did
            group = re.sub(r"\bus\b", "the company", share["group"])
            rest = re.sub(r"\bus\b", "the company", f"{share['verb']}{share['rest']}")
            metric = f"Share of {group} {'who' if _PEOPLE.search(group) else 'that'} {rest}"
            measure = StatedMeasure(metric, share["value"], f"is {share['value']}", share=True,
                                    boast=not _SHARE_NOW.search(sentence))
            goal = _goal_later_in(after, share["value"])
            out.append(_with_goal(measure, goal) if goal else measure)
            continue
        stars = _STARS.match(phrase)
        if stars:  # "we hold a 4-star overall rating": where the rating stands
            value = f"{stars['n']} stars"
            out.append(StatedMeasure(_capital(stars["metric"]), value, f"is {value}"))
            continue
        standard = _STANDARD.match(phrase)
        if standard:  # "We hold ourselves to 99.5% inventory accuracy": a standard to keep
            metric = standard["metric"]
            out.append(StatedMeasure(_capital(metric), standard["value"],
                                     f"is {standard['value']}", hold=True, standard=True))
            continue
        move = _MOVE.match(phrase)
        if move:  # "move PM completion from 81% today to 95% before the survey"
            metric = re.sub(r"^(?:our|the|its)\s+", "", move["metric"])
            out.append(_with_goal(StatedMeasure(_capital(metric), move["value"],
                                                f"is {move['value']}"), move["goal"]))
            continue
        amount = _AMOUNT_BASELINE.match(phrase)
        if amount:  # "ran a $380,000 operating deficit": the amount is where it stands
            balanced = _BALANCED.search(sentence)
            out.append(StatedMeasure(_capital(amount["metric"]),
                                     f"{amount['value']} last year",
                                     f"was {amount['value']} last year",
                                     balanced.group(0) if balanced else "", changed=True))
            continue
        verbs = list(_BASELINE_SPLIT.finditer(phrase))
        stated_goal = _STATED_GOAL.match(phrase)
        if stated_goal and out and not out[-1].goal:
            # "a target of 3% by FY2027": the goal of the measure stated before it
            out[-1] = _with_goal(out[-1], stated_goal["value"])
            continue
        if not verbs:
            continue
        verb = verbs[-1]  # "five-year average SAIDI ... is 118 minutes": the last verb
        metric, value = phrase[:verb.start()], phrase[verb.end():].strip()
        # "sits at 99.2%", "is running at", "currently averages about 71%"
        value = re.sub(r"^(?:running |runs? |at |averages? |averaging |sits? at |us |them )+", "",
                       value)  # "takes us 12 business days"
        said = f"is {value}"  # as a sentence says it: "is about 71%"
        changed = False
        if verb.group(1) in ("was", "were"):  # "FY2024 operating margin was 1.6%": not today
            changed, said = True, f"{verb.group(1)} {value}"
        elif verb.group(1) not in _BEING:
            value = f"{verb.group(1)} {value}"  # "fell from 112% to 94%"
            changed, said = True, value
        words = metric.split()
        while words and words[0].lower() in _GOAL_VERBS:  # "Cut agency use, currently 28%"
            words = words[1:]
        # "over the past twelve months our customer acquisition cost": after the last
        # determiner is the measure itself.
        starts = [i for i, w in enumerate(words) if w.lower() in _DETERMINERS
                  and (i == 0 or words[i - 1].lower() not in _PREPOSITIONS)]
        words = words[starts[-1] + 1:] if starts else words
        while words and words[-1].lower() in (*_METRIC_ADVERBS, "has", "have", "had"):
            words = words[:-1]  # "on third shift currently", "(OEE) has" of "has averaged"
        while words and words[0].lower() in ("current", "today's", *_METRIC_ADVERBS):
            words = words[1:]  # "current average wait", "now pick accuracy"
        lowered = {w.lower().strip(",") for w in words}
        # A measure names a quantity: not the company ("Northwind Health runs 12"), not
        # a clause ("last year we"), and a value with a unit or a percentage.
        if not 1 <= len(words) <= 7 or lowered & _NOT_A_MEASURE \
                or company.lower() in metric.lower() \
                or not (_UNIT.search(value) or {"target", "goal"} & lowered
                        or lowered & words_of["counted_in_name"]):
            continue
        if words_of["targets"] & {w.lower().strip(",") for w in metric.split()}:
            # "our board target is under 100", "the plan with our sponsor is 15% by 2029": the
            # target of the measure before, if it counts the same thing ("our p99 search
            # latency target is 400ms" is no goal for "Bookings grew 48%")
            if out and not out[-1].goal and _unit(value) in ("", _unit(out[-1].value)):
                by = re.match(r"\s+(?:by|within|before) [^.;,]+", after)
                out[-1] = _with_goal(out[-1], value + (by.group(0) if by else ""))
            continue
        if len(words) == 1 and words[0].lower() in words_of["sizes"]:
            continue  # "Our budget is $11 million": how big the organisation is, no measure
        # "Our goal for the combined practice in its first year is under 7%": a goal, said
        # where a baseline would be, for the measure stated before it.
        before = sentence[:sentence.find(phrase)] if phrase in sentence else ""
        before = re.split(r";|, and |, but ", before)[-1]  # its own clause only
        if re.match(r"(?:and|but|while)\b", phrase, re.IGNORECASE):
            before = ""  # "..., and our scrap rate has crept up to 3.8%": a clause of its own
        if _GOAL_BEFORE.search(before):
            if out and not out[-1].goal and _unit(value) == _unit(out[-1].value):
                out[-1] = _with_goal(out[-1], value)
            continue
        metric = " ".join("the" if w.lower() == "our" else w for w in words)
        value = re.sub(r"\bour\b", "the", value)
        # Only in the words right after this baseline: "71% against an 80% goal, and our
        # scrap rate ..." gives the goal to line efficiency, not to the scrap rate.
        if re.match(r"\s+of (?:our |the |its )?(?:revenue|sales|business|orders|volume|income)",
                    after) and not {w.lower() for w in words} & words_of["shares"]:
            continue  # "Subscriptions are about 70% of revenue": how the business is made up
        chunks = after.split(",")
        beside = _BESIDE_TARGET.match(chunks[0].strip() + " ")
        if not beside and len(chunks) > 1 and len(chunks[0].split()) <= 3:
            # "was 84% in 2024, below our 90% goal": after when it was said
            beside = _BESIDE_TARGET.match(chunks[1].strip() + " ")
        right_after = _AFTER_GOAL.match(after)
        goal = re.sub(r"^([\d.]+) (minute|hour|day|week|point|second)$", r"\1 \2s",
                      beside["value"].strip()) if beside else next(
            (g.strip() for g in right_after.groups() if g), "") if right_after else ""
        if not goal:  # "... was 24% in FY2026, and our goal is to bring it under 15% by ..."
            goal = _goal_later_in(after, value)
        measure = StatedMeasure(_capital(metric), value, said, "", changed,
                                hold=bool(_HOLD.search(after)))
        out.append(_with_goal(measure, goal) if goal else measure)
    return [_agreed(m) for m in _goals_said_apart(out, baselines, parts)
            if m.goal or not m.boast]


def _capital(metric: str) -> str:
    return metric[:1].upper() + metric[1:]


def _agreed(measure: StatedMeasure) -> StatedMeasure:
    """"Off-cycle checks are about 40 a month": a plural measure takes "are"."""
    head = measure.metric.split()[-1] if measure.metric.split() else ""
    plural = head.endswith("s") and head[:-1].islower() and not head.endswith(("ss", "us", "is"))
    if plural and measure.said.startswith("is ") and not measure.share:  # "the share ... is"
        return replace(measure, said="are " + measure.said[3:])
    return measure


def _goal_later_in(rest: str, value: str, metric: str = "") -> str:
    """A goal stated further on in the baseline's own sentence, for the same quantity:
    "is 52% today, and we want it at 65%"; "" when the words before it name another measure
    ("and we want agency use under 40%") or it counts something else."""
    goal = _GOAL.search(rest)
    if not goal:
        return ""
    head = fold(metric.split()[-1]) if metric.split() else ""  # "an index of 110"
    # The words of the goal's own clause: "against its STR set; our plan calls for an index"
    lead = re.split(r";|, and |, but ", rest[:goal.start("value")])[-1]
    between = set(re.findall(r"[a-z]+", fold(lead)))
    # The same unit, or a plain count said of "that" or "it" ("run about 40 a month, and the
    # Board has asked us to bring that under 10"), or of the measure's own noun.
    # "is 78 minutes; we want it under 50": a bare figure said of "it" counts the same thing.
    of_it = re.search(r"\b(?:that|it|this)\b", lead)
    if _unit(goal["value"]) != _unit(value) and not (of_it and not _unit(goal["value"])) \
            or not (_unit(value) or of_it or head in between):
        return ""
    if between - _LEAD_WORDS - _LINKS - {head}:
        return ""
    found = goal["value"].strip().rstrip(".,")
    if not _unit(found) and _unit(value):  # "we want it under 50": in the baseline's unit
        unit = re.search(r"\d[\d,.]*\s*(.*)$", value)
        found = re.sub(r"(\d[\d,.]*)", lambda m: m.group(1) + (
            unit.group(1) if unit.group(1) == "%" else f" {unit.group(1)}"), found, count=1)
    return found


def _with_goal(measure: StatedMeasure, goal: str) -> StatedMeasure:
    # The figure itself: "to eight weeks", "at four stars", "in five days" -> "eight weeks"
    goal = re.sub(r"^(?:back )?(?:to|at|in|of) ", "", goal.strip().rstrip(".,;:"))
    # "150 minutes by 2029 through pole replacement": the goal, not the means
    goal = re.sub(r"\s+(?:through|via|with|while|and|so that|as|thanks to)\s.*$", "", goal)
    return replace(measure, goal=goal)


# The words that may stand between a goal's verb and its figure without naming a measure:
# "The goal is to be back at four stars", "We want to bring the cycle down to eight weeks".
_LEAD_WORDS = {"goal", "target", "aim", "want", "wants", "like", "likes", "bring", "get",
               "reduce", "cut", "lower", "grow", "raise", "lift", "increase", "improve", "is",
               "are", "to", "be", "back",
               "down", "up", "it", "them", "this", "that", "a", "an", "the", "we", "our", "d",
               "would", "keep", "cycle", "rate", "number", "figure", "time", "s", "and", "its",
               "their", "see", "have", "has", "set", "plan", "next", "year", "over", "within",
               "calls", "call", "for"}
RECENT_MEASURES = 3  # a goal that names no measure looks this many measures back for its own


def _goals_said_apart(measures: list[StatedMeasure], baselines: list[tuple[str, str]],
                      parts: list[Sentence]) -> list[StatedMeasure]:
    """A goal stated in a sentence of its own becomes the goal of the measure it names,
    by name or by its initials ("NRR" for net revenue retention)."""
    measures = list(measures)
    untargeted = [i for i, m in enumerate(measures) if not m.goal]
    # The measure each sentence states, so that a goal that names none ("The goal is to be
    # back at four stars within 18 months.") goes to the one stated just before it.
    stated_in = {}
    for index, measure in enumerate(measures):
        for phrase, sentence in baselines:
            if measure.figure and measure.figure in phrase or fold(measure.metric) in fold(phrase):
                stated_in.setdefault(sentence, index)
    recent: list[int] = []  # the measures of the last few sentences, newest first
    for part in parts:
        if part.text in stated_in:
            recent = [stated_in[part.text], *recent][:RECENT_MEASURES]
            continue
        if part.part not in ("company", "role", "responsibilities"):
            continue
        goal = _GOAL.search(part.text)
        if not goal:
            continue
        said = fold(part.text)
        named = [i for i in untargeted
                 if fold(measures[i].metric) in said or _initials_in(measures[i].metric, said)]
        unit = _unit(goal["value"])
        # "we want agency use under 40%" names another quantity: not the rate just stated.
        between = set(re.findall(r"[a-z]+", fold(part.text[goal.start():goal.start("value")])))
        other = between - _LEAD_WORDS
        near = [i for i in recent if i in untargeted and unit and unit == _unit(measures[i].value)
                and not other - set(re.findall(r"[a-z]+", fold(measures[i].metric)))]
        for index in (named or near)[:1]:
            measures[index] = _with_goal(measures[index], goal["value"].strip())
            untargeted.remove(index)
    return measures


def _initials_in(metric: str, said: str) -> bool:
    """"NRR" for net revenue retention, in a sentence that names it so."""
    words = [w for w in fold(metric).split() if w.isalpha()]
    initials = "".join(w[0] for w in words)
    return len(initials) >= 2 and words_in(initials, said)


def _unit(value: str) -> str:
    """What a figure counts ("%", "stars", "days"), to tell a goal of the same measure."""
    value = re.sub(r"\b(?:a|per|each) (?:day|week|month|year|shift|quarter)\b", "", value)
    found = re.search(r"percentile|%|percent|\bstars?\b|\bdays?\b|\bweeks?\b|\bmonths?\b|"
                      r"\bhours?\b|\bminutes?\b|\$|\d\s*ms\b|\bppm\b", value)
    return re.sub(r"^\d\s*", "", found.group(0).rstrip("s")).replace("percent", "%") \
        if found else ""
