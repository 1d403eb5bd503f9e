"""The plan's measures: the baselines the description states, their stated or agreed targets,
and the family's measures that fill the table."""

from __future__ import annotations

import functools
import re

from ..analysis.measures import StatedMeasure
from ..analysis.title import fold
from ..library.model import StatedMeasure as StatedMeasureText
from .context import Context
from .limits import FAMILY_MEASURES, MAX_MEASURES
from .phrasing import _unique

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
        items += [{k: v for k, v in m.items() if k not in ("value", "goal", "moving")}
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
        """The measures the description states (analysis/measures.py) as rows of the table:
        the baseline as stated, the target as stated or agreed, never invented."""
        spec = self.library.plan.stated_measure
        out = []
        for measure in self.analysis.measures:
            if measure.standard:  # "the standard: 99.5%", held from the first weeks
                baseline, target = spec.baseline_standard, self.fill(spec.target_standard)
            else:
                baseline = spec.baseline_change if measure.changed else spec.baseline
                target = self._direction(measure, spec)
            out.append({
                "metric": measure.metric,
                "baseline": self.fill(baseline, evidence=measure.value),
                "target": self._goal_target(measure.goal, spec) if measure.goal else target,
                "value": measure.said,
                "goal": measure.goal,
                "moving": "yes" if measure.moving else "",
            })
        return out[:2]

    def _goal_target(self, goal: str, spec: StatedMeasureText) -> str:
        """The target a stated goal gives: "under 10% by year-end, the stated target; my part
        of it agreed with you" (with a date), or "... on a timeline agreed with you"."""
        dated = re.search(r"\b(?:by|within|before)\b", goal)
        return self.fill(spec.stated_target_dated if dated else spec.stated_target,
                         evidence=goal)

    def _direction(self, measure: StatedMeasure, spec: StatedMeasureText) -> str:
        """With no stated goal, the way the measure should move from where it stands ("below
        74 days"), when its name says which way is better; the figure is agreed, not set."""
        words = set(re.findall(r"[\w-]+", fold(measure.metric)))
        lower = words & set(spec.lower_is_better)
        higher = words & set(spec.higher_is_better)
        # A share's words say whom it counts, not which way is better: "placed in jobs within
        # 90 days" is no measure of days to lower.
        if not measure.figure or bool(lower) == bool(higher) or measure.share:
            return self.fill(spec.target)
        return self.fill(spec.target_lower if lower else spec.target_higher,
                         value=measure.figure)
