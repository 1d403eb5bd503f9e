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
from ..library.model import InitiativeWords
from .title import fold


@dataclass(frozen=True)
class Initiative:
    id: str  # its type: system-implementation, migration, launch, ...
    label: str  # the type as people say it: "System implementation"
    name: str  # how the plan names it: "the Strata implementation", "the new system"
    named: bool  # whether the name comes from the ad, not the type's own default
    cue: str  # the words that stated it
    sentence: str
    starts: dt.date | None = None  # the first date its sentence gives (entities.stated_date)


def _object_reads_well(words: list[str], spec: InitiativeWords) -> bool:
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


def _trim_object(text: str, spec: InitiativeWords) -> list[str]:
    """The object's words up to the first word that starts a new clause."""
    words = spec["possessives"].sub("", text).split()
    while words and fold(words[0]) in spec["leading_words"]:
        words.pop(0)
    if words and fold(words[0]) in spec["sentence_capitals"]:  # "Two new substations, ..."
        words[0] = words[0].lower()
    kept: list[str] = []
    for word in words:
        bare = fold(word).strip(",;:.")
        if kept and (bare in spec["bad_words"] or bare in spec["clause_ends"]
                     or re.fullmatch(r"q[1-4]|20\d\d", bare)):
            break
        kept.append(word.strip(",;:."))
        if word.endswith((",", ";", ":", ".")):
            break
    while kept and fold(kept[-1]) in spec["bad_edges"]:
        kept.pop()
    return kept


def _name(kind, match: re.Match[str], sentence: str, systems: list[str], spec: InitiativeWords,
          function: str) -> str:
    """The initiative's name (see initiatives.yaml), or "" when nothing reads well alone."""
    effects = kind.effects
    groups = match.groupdict()
    systems_here = [s for s in systems if s.lower() in sentence.lower()]
    cued = [s for s in systems_here if s.lower() in (groups.get("object") or "").lower()]
    # A new system the lists do not know ("switching from eClinicalWorks to ModMed EMA") is
    # named by the cue's own object, not by the old system the sentence also names.
    unknown_new = not cued and bool(re.match(r"\w*[A-Z]", groups.get("object") or ""))
    if effects.named_by_system and systems_here and not unknown_new:
        # The system the cue is about, before any other the sentence names ("the rollout of
        # Gainsight, replacing ... Salesforce reports").
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
        if fold(words[-1]) in effects.plain_objects:
            return f"the {obj}"
        rest = [fold(w) for w in words if fold(w) != "new"]
        if len(rest) == 1 and rest[0] in spec["bare_places"] and effects.bare_name:
            # "the new stores opening" reads as a misprint: "the opening of the new stores"
            return effects.bare_name.replace("{object}", obj)
    cue = fold(match.group(0))
    noun = effects.object_nouns.get(fold(obj.split()[-1])) or next(
        (n for stem, n in effects.verb_names.items() if cue.startswith(stem)),
        effects.noun)
    # "onboarding the national beverage account", not "onboarding national beverage account";
    # "onboarding two new clients" and "onboarding Rossford Glass" as they are.
    # And "the migration to the cloud data warehouse".
    if re.search(r"(?:\w+ing|\bto) \{object\}", effects.name) and obj[:1].islower() and \
            fold(obj.split()[0]) not in spec["sentence_capitals"]:
        obj = f"the {obj}"
    # A count of things ("40 units"), not a name with a number in it ("4 East Annex").
    if effects.name == "the {object} {noun}" and re.match(r"[\d,]+ [a-z]", obj):
        return f"the {noun} of {obj}"  # "the renovation of 40 units", not "the 40 units ..."
    return effects.name.replace("{object}", obj).replace("{noun}", noun)


def _same(a: Initiative, b: Initiative, spec: InitiativeWords) -> bool:
    """Two statements of one initiative: the same type, and the same object, or one of them
    names none ("the new system" beside "the Manhattan Active WM rollout"). Types that a
    company has one of at a time (a turnaround, a cost program) are the same by type."""
    if a.id != b.id:
        return False
    if not (a.named and b.named) or a.id in spec.one_at_a_time:
        return True
    filler = spec.name_filler
    wa = {w for w in re.findall(r"[\w&]+", filler.sub(" ", fold(a.name))) if len(w) > 2}
    wb = {w for w in re.findall(r"[\w&]+", filler.sub(" ", fold(b.name))) if len(w) > 2}
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
    about_us = spec["about_us"]
    stated = [(sentence, clause) for sentence in [*sentences, *(d for d in duties
                                                                  if about_us.search(d))]
              for clause in spec["clauses"].split(sentence)]
    for sentence, clause in stated:
        if past.search(clause) and not future.search(clause):
            continue
        if spec["others"] and spec["others"].search(clause):
            continue  # "many of them are migrating ERPs": the customers' change
        if spec["about_the_applicant"].search(clause) and not about_us.search(clause):
            continue
        # Words one kind has read are not read again by a later kind: "our new patient tower
        # opens in September" is a new site, not also a launch.
        taken: list[tuple[int, int]] = []
        for kind in library.initiatives:
            effects = kind.effects
            if effects.require and not effects.require.search(sentence):
                continue
            if effects.unless and effects.unless.search(sentence):
                continue
            # The first cue that names the initiative well, else the first that matches:
            # "go-live on May 4" matches too, but "switching ... to ModMed EMA" names it.
            matches = [(m, _name(kind, m, clause, systems, spec, function))
                       for cue in kind.cues if (m := cue.search(clause))]
            if not matches:
                continue
            match, name = next(((m, n) for m, n in matches if n), matches[0])
            # What a cue reads ends with its object's last word: "expanding YouthWorks into
            # Kent County and opening a program site in Dover" is an expansion and a new site.
            span = _taken_span(match, spec)
            if any(start < span[1] and span[0] < end for start, end in taken):
                continue
            taken.append(span)
            initiative = Initiative(kind.id, kind.label, name or effects.default,
                                    bool(name), match.group(0).strip(), sentence)
            same = next((i for i, known in enumerate(found)
                         if _same(known, initiative, spec)), None)
            if same is None:
                found.append(initiative)
            elif initiative.named and not found[same].named:
                # The later statement names it: keep its name, and the first sentence.
                found[same] = replace(initiative, cue=found[same].cue,
                                      sentence=found[same].sentence)
    return _without_systems_as_sites(_without_generic_systems(found, spec), spec)


def _taken_span(match: re.Match[str], spec: InitiativeWords) -> tuple[int, int]:
    """The words a cue has read: from its start to the last word of its object as trimmed,
    when the object ends the match (a new clause after it is left for other kinds); else the
    whole match ("the company will go live on" is read, not only "company")."""
    obj = match.groupdict().get("object")
    kept = _trim_object(obj, spec) if obj and match.end("object") == match.end() else []
    if not kept:
        return match.span()
    return match.start(), match.start("object") + obj.rfind(kept[-1]) + len(kept[-1])


def _without_generic_systems(found: list[Initiative], spec: InitiativeWords) -> list[Initiative]:
    """"The new platform" beside "the migration to AWS" is that migration said again: a
    system change named only by a generic word goes when one with a proper name is found."""
    changes = {"system-implementation", "migration"}

    def generic(initiative: Initiative) -> bool:
        words = re.findall(r"[\w&/]+", spec.name_filler.sub(" ", initiative.name))
        return not any(re.search(r"[A-Z0-9]", w) for w in words)

    if not any(i.id in changes and not generic(i) for i in found):
        return found
    return [i for i in found if i.id not in changes or not generic(i)]


def _without_systems_as_sites(found: list[Initiative],
                              spec: InitiativeWords) -> list[Initiative]:
    """"The new warehouse" beside "the migration to a cloud data warehouse" is that data
    warehouse, not a building: a new site whose words all name a system change goes."""
    def words(initiative: Initiative) -> set[str]:
        return set(re.findall(r"[\w&/-]+", spec.name_filler.sub(" ", fold(initiative.name))))

    changes = [words(i) for i in found if i.id in ("system-implementation", "migration")]

    def said_as_system(initiative: Initiative) -> bool:
        site = words(initiative) - {"new", "opening", "start-up", "the"}
        return bool(site) and any(site <= change for change in changes)

    return [i for i in found if i.id != "new-site" or not said_as_system(i)]
