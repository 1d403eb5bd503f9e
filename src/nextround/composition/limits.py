"""The room on two printed pages: how many lines each part of a handout may take, and
which levels read which wording of an initiative."""

from __future__ import annotations

# Space on two printed pages: how many lines each part may take. Detail fades with distance.
MAX_ACTIONS = {"learn": 6, "contribute": 5, "own": 4}
# The family's further lines only fill a phase up to this: a shorter plan beats one padded with
# lines that would read the same at any company.
MIN_ACTIONS = {"learn": 4, "contribute": 4, "own": 3}
FAMILY_ACTIONS = {"learn": 2, "contribute": 2, "own": 2}
# The order signals' actions are taken in; a kind not listed (a content pack's) comes last.
SIGNAL_ORDER = ("team", "work-mode", "situation", "ownership", "regulation")
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
