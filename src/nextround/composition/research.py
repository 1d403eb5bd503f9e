"""The question sheet's research checklist: what to look up before the interview."""

from __future__ import annotations

from typing import Any

from .context import Context
from .limits import MAX_RESEARCH
from .phrasing import _unique


class Research(Context):
    """The research checklist, made specific by what the description says of the company."""

    def research(self) -> dict[str, Any]:
        spec = self.library.questions.research
        items = self._lines(spec.items)
        last = self._lines(spec.last)  # always on the list, at its end
        items[3:3] = self._lines(self.family.research)
        for _, lines in self._signal_effect(lambda e: e.research):
            items.insert(2, *[self.fill(t) for t in lines[:1]])
        # The company's own products, customers and markets take the place of the generic
        # look-ups they make specific; a line that replaces nothing comes after the website.
        added = []
        for use in self.library.profile.uses.get("research", []):
            if not all(getattr(self.analysis, need) for need in use.needs) \
                    or set(use.unless) & self.present \
                    or use.only and not set(use.only) & self.present:
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
