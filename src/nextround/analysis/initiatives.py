"""Stated initiatives, typed, named and counted once.

Each type (content/initiatives.yaml) has cues that capture the initiative's object; the
initiative is then named from a named system if the sentence has one ("the Strata
implementation"), else from its object if that reads correctly on its own ("onboarding two
apparel clients"), else by the type's own name ("the new system"). A sentence about a finished
event is no initiative, and the same initiative stated twice is kept once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ..library import Library
from .title import fold

_PRONOUNS = re.compile(r"\b(?:our|its|their)\b", re.IGNORECASE)
# Words that end an object: a new clause, or when rather than what ("next year", "by Q3").
_CLAUSE_ENDS = {"and", "or", "to", "for", "with", "by", "from", "at", "in", "on", "as",
                "across", "while", "next", "this", "within", "over", "starting", "beginning",
                "later", "early", "late", "during", "before", "after", "so", "because",
                "around", "about", "under", "through", "against", "among", "between", "behind",
                "beyond", "toward", "towards", "without", "via", "per", "amid",
                "along", "despite", "inside", "outside", "onto", "upon", "off", "up", "out"}
# A place named by its kind alone ("stores", "Location"): no name for an initiative.
_BARE_PLACES = {"store", "stores", "restaurant", "restaurants", "location", "locations", "site",
                "sites", "branch", "branches", "office", "offices", "clinic", "clinics", "unit",
                "units", "center", "centre", "building", "facility", "facilities", "hotel",
                "hotels", "school", "schools", "shop", "shops", "plant", "plants"}
# Common words that a bullet's first place capitalised: not part of a name.
_SENTENCE_CAPITALS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                      "new", "several", "first", "second", "third", "our", "multiple"}
# A sentence about what the applicant will do is a duty, not the company's initiative, unless
# the company speaks of itself in it too ("you'll join us as we open ...").
_ABOUT_THE_APPLICANT = re.compile(r"\b(?:you|your|you'll|you're|you'd)\b", re.IGNORECASE)
_ABOUT_US = re.compile(r"\b(?:we|we're|we've|our|us)\b", re.IGNORECASE)
# Two statements joined in one sentence are read one at a time, so that each can state its own
# initiative ("the program hosts its site visit in October, and the College begins its
# self-study this spring"), and a closing "and you'll ..." does not hide the first.
_CLAUSES = re.compile(r"; |, (?:and|but|while|as) (?=(?:we|we're|we'll|the|our|its|it|they|"
                      r"you|you'll)\b)")


@dataclass(frozen=True)
class Initiative:
    id: str  # its type: system-implementation, migration, launch, ...
    label: str  # the type as people say it: "System implementation"
    name: str  # how the plan names it: "the Strata implementation", "the new system"
    named: bool  # whether the name comes from the ad, not the type's own default
    cue: str  # the words that stated it
    sentence: str
    starts: dt.date | None = None  # the first date its sentence gives (entities.stated_date)


def _object_reads_well(words: list[str], spec: dict) -> bool:
    """The shape check: an object cut in the wrong place (a dangling preposition, a cut-off
    number, a verb or a pronoun inside) is not used as a name."""
    if not words or len(words) > spec["max_object_words"]:
        return False
    folded = [fold(w).strip(",;:") for w in words]
    if folded[0] in spec["bad_edges"] or folded[-1] in spec["bad_edges"]:
        return False
    if any(w in spec["bad_words"] for w in folded):
        return False
    return not (re.fullmatch(r"[\d,.$%]+", folded[-1]) or folded[-1].endswith(("ed", "ly")))


def _trim_object(text: str, spec: dict) -> list[str]:
    """The object's words up to the first word that starts a new clause."""
    words = _PRONOUNS.sub("", text).split()
    while words and fold(words[0]) in ("the", "a", "an"):
        words.pop(0)
    if words and fold(words[0]) in _SENTENCE_CAPITALS:  # "Two new substations, ..." in a list
        words[0] = words[0].lower()
    kept: list[str] = []
    for word in words:
        bare = fold(word).strip(",;:.")
        if kept and (bare in spec["bad_words"] or bare in _CLAUSE_ENDS
                     or re.fullmatch(r"q[1-4]|20\d\d", bare)):
            break
        kept.append(word.strip(",;:."))
        if word.endswith((",", ";", ":", ".")):
            break
    while kept and fold(kept[-1]) in spec["bad_edges"]:
        kept.pop()
    return kept


def _name(kind, match: re.Match[str], sentence: str, systems: list[str], spec: dict,
          function: str) -> str:
    """The initiative's name (see initiatives.yaml), or "" when nothing reads well alone."""
    effects = kind.effects
    groups = match.groupdict()
    systems_here = [s for s in systems if s.lower() in sentence.lower()]
    if effects.get("named_by_system") and systems_here:
        # The system the cue is about, before any other the sentence names ("the rollout of
        # Gainsight, replacing ... Salesforce reports").
        cued = [s for s in systems_here if s.lower() in (groups.get("object") or "").lower()]
        obj = max(cued or systems_here, key=len)
    else:
        for group, template in (("grown", "growing the {}"), ("what", "the {} migration")):
            words = _trim_object(groups.get(group) or "", spec)
            if _object_reads_well(words, spec):
                if group == "grown" and all(w[:1].isupper() for w in words):
                    template = "growing {}"  # a program's own name: "growing Practical Nursing"
                return template.format(" ".join(words))
        words = _trim_object(groups.get("object") or "", spec)
        if not words and kind.id == "new-function" and function:
            words = function.split()
        if not _object_reads_well(words, spec):
            return ""
        obj = " ".join(words)
        if fold(words[-1]) in (effects.get("plain_objects") or ()):
            return f"the {obj}"
        rest = [fold(w) for w in words if fold(w) != "new"]
        if len(rest) == 1 and rest[0] in _BARE_PLACES and effects.get("bare_name"):
            # "the new stores opening" reads as a misprint: "the opening of the new stores"
            return effects["bare_name"].replace("{object}", obj)
    cue = fold(match.group(0))
    noun = (effects.get("object_nouns") or {}).get(fold(obj.split()[-1])) or next(
        (n for stem, n in (effects.get("verb_names") or {}).items() if cue.startswith(stem)),
        effects.get("noun", ""))
    return effects["name"].replace("{object}", obj).replace("{noun}", noun)


_GENERIC = re.compile(r"\b(?:the|new|rollout|implementation|migration|launch|opening|"
                      r"integration|expansion|onboarding|building|buildings|function|redesign|site|sites|"
                      r"facility|facilities|location|locations)\b")


def _same(a: Initiative, b: Initiative) -> bool:
    """Two statements of one initiative: the same type, and the same object, or one of them
    names none ("the new system" beside "the Manhattan Active WM rollout"). Types that a
    company has one of at a time (a turnaround, a cost program) are the same by type."""
    if a.id != b.id:
        return False
    if not (a.named and b.named) or a.id in ("turnaround", "cost-program", "new-function",
                                              "acquisition"):
        return True
    wa = {w for w in re.findall(r"[\w&]+", _GENERIC.sub(" ", fold(a.name))) if len(w) > 2}
    wb = {w for w in re.findall(r"[\w&]+", _GENERIC.sub(" ", fold(b.name))) if len(w) > 2}
    return not wa or not wb or len(wa & wb) / min(len(wa), len(wb)) >= 0.5


def find_initiatives(sentences: list[str], systems: list[str], library: Library,
                     function: str = "", duties: list[str] = ()) -> list[Initiative]:
    """Every stated initiative, once, in reading order. `function` names the role's field
    ("sustainability"), for a first-of-its-kind role whose ad does not name it. A duty states
    one only where the company speaks of its own in it ("Lead the rollout of Gainsight as our
    system of record"): "Implement new processes" is work, not a project under way."""
    spec = library.initiative_words
    past, future = spec["past"], spec["future"]
    found: list[Initiative] = []
    stated = [(sentence, clause) for sentence in [*sentences, *(d for d in duties
                                                                  if _ABOUT_US.search(d))]
              for clause in _CLAUSES.split(sentence)]
    for sentence, clause in stated:
        if past.search(clause) and not future.search(clause):
            continue
        if _ABOUT_THE_APPLICANT.search(clause) and not _ABOUT_US.search(clause):
            continue
        # Words one kind has read are not read again by a later kind: "our new patient tower
        # opens in September" is a new site, not also a launch.
        taken: list[tuple[int, int]] = []
        for kind in library.initiatives:
            effects = kind.effects
            if effects.get("require") and not effects["require"].search(sentence):
                continue
            if effects.get("unless") and effects["unless"].search(sentence):
                continue
            match = next((m for cue in kind.cues if (m := cue.search(clause))), None)
            if match is None or any(start < match.end() and match.start() < end
                                    for start, end in taken):
                continue
            taken.append(match.span())
            name = _name(kind, match, clause, systems, spec, function)
            initiative = Initiative(kind.id, kind.label, name or effects["default"],
                                    bool(name), match.group(0).strip(), sentence)
            same = next((i for i, known in enumerate(found) if _same(known, initiative)), None)
            if same is None:
                found.append(initiative)
            elif initiative.named and not found[same].named:
                # The later statement names it: keep its name, and the first sentence.
                found[same] = replace(initiative, cue=found[same].cue,
                                      sentence=found[same].sentence)
    return found
