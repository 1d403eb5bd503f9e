"""The plan's people to meet: the family's, the sector's and the signals', with the manager
the description names."""

from __future__ import annotations

import re

from ..analysis.title import fold, words_in
from ..library import LEVELS, applies
from .context import Context
from .limits import MAX_STAKEHOLDERS
from .phrasing import _unique

_GENERIC_MANAGER = re.compile(r"\breports? to\b|\bmy manager\b|\bI report to\b", re.IGNORECASE)


# Words of a person-to-meet that say nothing of whether the ad mentions that team.
_NOT_A_TEAM_WORD = {"leads", "leader", "leaders", "manager", "managers", "other", "their",
                    "where", "whoever", "people", "staff", "teams", "owner", "owners",
                    "partners", "member", "members", "director", "head", "senior"}


class Stakeholders(Context):
    """The people to meet in the first 90 days."""

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
        for _, people in self._signal_effect(lambda e: e.stakeholders):
            extra += [{k: self.fill(v) for k, v in p.texts().items()} for p in people
                      if self.level in (p.levels or LEVELS)
                      and applies(p.unless, p.only, self.present)]
        # The family's first two are the core of the job; the company's come next. The
        # family's further people ("Loss prevention") are met only where the ad speaks of
        # them: a table of teams the company may not have reads as invented.
        said = fold(self.request.description)
        mentioned = [p for p in family[2:]
                     if any(len(w) > 4 and words_in(w, said)
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
