"""The plan's measures: the baselines the description states, their stated or agreed targets,
and the family's measures that fill the table."""

from __future__ import annotations

import functools
import re

from ..analysis.title import fold
from ..library.model import StatedMeasure
from .context import Context
from .limits import FAMILY_MEASURES, MAX_MEASURES
from .phrasing import _unique, _words_in

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


_MEASURE_STOPS = {"rate", "rates", "time", "times", "share", "of", "the", "and", "a", "an", "in",
                  "on", "to", "from", "by", "for", "at", "as", "with", "per", "my", "hours",
                  "days", "count", "number", "total", "average", "current", "monthly", "weekly",
                  "annual", "first", "last", "level", "score", "scores"}


def _measure_words(metric: str) -> set[str]:
    """The words that say what a measure is about ("agency", "churn"), for telling two
    measures of one thing apart from two measures that only share "rate"."""
    return {w.removesuffix("s") for w in re.findall(r"[\w-]+", fold(metric))
            if w not in _MEASURE_STOPS and not w.isdigit()}


class Measures(Context):
    """The measures table, and the measures the description states."""

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
