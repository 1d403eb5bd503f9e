"""The built-in content folder read into a Library (content packs come after: packs.py).

The analysis still reads its word lists and patterns (titles.yaml, ad.yaml, entities.yaml) as
mappings: they are compiled here, as before the content model. A signal's and an initiative
type's effects are typed (SignalEffects, InitiativeEffects); the analysis may still read them
by key, as every Model allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ContentError
from .cache import read_yaml
from .model import (
    SITUATION_KEYS,
    Family,
    GroupEffects,
    InitiativeEffects,
    InitiativeWords,
    PlanText,
    Profile,
    QuestionsText,
    Sectors,
    Seniority,
    SignalEffects,
)
from .packs import read_family
from .typed import at, field_names, read


def _compile(cues: list[str], where: str) -> list[re.Pattern[str]]:
    compiled = []
    for cue in cues:
        try:
            compiled.append(re.compile(cue, re.IGNORECASE))
        except re.error as exc:
            raise ContentError(f"{where}: the cue {cue!r} is not a valid pattern: {exc}") from exc
    return compiled


@dataclass(frozen=True)
class Signal:
    """A company signal (signals.yaml) or an initiative type (initiatives.yaml): its cues, and
    its effects on the handouts, written beside them in the YAML."""

    id: str
    kind: str
    label: str
    cues: list[re.Pattern[str]]
    effects: Any  # SignalEffects for a signal, InitiativeEffects for an initiative type


_SIGNAL_KEYS = ("id", "kind", "label", "cues")


def signals(items: list[dict[str, Any]], file: str, path: str,
            effects_type: type[SignalEffects] | type[InitiativeEffects]) -> list[Signal]:
    out = []
    for i, raw in enumerate(items):
        here = f"{path}[{i}]"
        if not isinstance(raw, dict) or "id" not in raw or "cues" not in raw:
            raise ContentError(f"{at(file, here)}: a signal needs an 'id' and 'cues'")
        names = (*_SIGNAL_KEYS, *field_names(effects_type))
        unknown = [key for key in raw if key not in names]
        if unknown:
            raise ContentError(f"{file}: unknown field {here + '.' + str(unknown[0])!r}; the "
                               f"fields here are {', '.join(names)}")
        effects = read(effects_type, {k: v for k, v in raw.items() if k not in _SIGNAL_KEYS},
                       file, here)
        out.append(Signal(str(raw["id"]), str(raw.get("kind", "initiative")),
                          str(raw.get("label", raw["id"])),
                          _compile(raw["cues"], at(file, here)), effects))
    return out


def profile(data: Any, where: str) -> Profile:
    """profile.yaml; every cue must capture a `phrase`, every use needs known fields."""
    typed = read(Profile, data, where)
    for name, spec in typed.fields.items():
        for cue in spec.cues:
            if "phrase" not in cue.groupindex:
                raise ContentError(f"{where}: fields.{name}: the cue {cue.pattern!r} has no "
                                   f"(?P<phrase>...) group")
    for section, uses in typed.uses.items():
        for i, use in enumerate(uses):
            if not set(use.needs) <= set(typed.fields):
                raise ContentError(f"{where}: uses.{section}[{i}]: needs 'text' and 'needs' "
                                   f"(a list of {', '.join(typed.fields)})")
    return typed


def seniority(data: Any, where: str, known: set[str]) -> Seniority:
    """seniority.yaml; each `when:` of a level's lines names a signal, 'regulated' or
    'initiative'."""
    typed = read(Seniority, data, where)
    for level, adds in typed.adds.items():
        if level not in typed.order:
            raise ContentError(f"{where}: adds.{level}: expected a level with its phases")
        for phase in ("learn", "contribute", "own"):
            for i, line in enumerate(getattr(adds, phase)):
                for key, _ in line.when:
                    if key not in known:
                        raise ContentError(
                            f"{where}: adds.{level}.{phase}[{i}].when: unknown key {key!r}; "
                            f"use a signal id, {' or '.join(map(repr, SITUATION_KEYS))}")
    return typed


def initiative_words(data: dict[str, Any], where: str, types: set[str]) -> InitiativeWords:
    """initiatives.yaml besides its initiatives; `one_at_a_time` names initiative types."""
    typed = read(InitiativeWords, {k: v for k, v in data.items() if k != "initiatives"}, where)
    unknown = sorted(typed.one_at_a_time - types)
    if unknown:
        raise ContentError(f"{where}: one_at_a_time: unknown initiative type {unknown[0]!r}; "
                           f"the types are {', '.join(sorted(types))}")
    return typed


def titles(data: dict[str, Any], where: str) -> dict[str, Any]:
    return {
        "noise_patterns": _compile(data["noise_patterns"], f"{where}: noise_patterns"),
        "noise_words": {str(w) for w in data["noise_words"]},
        "job_nouns": {str(w) for w in data["job_nouns"]},
        "generic_jobs": {str(w) for w in data["generic_jobs"]},
        "rank_titles": [str(w) for w in data["rank_titles"]],
        "heading_noise": _compile(data["heading_noise"], f"{where}: heading_noise"),
    }


def _phrases(phrases: list[Any], flags: int = 0) -> re.Pattern[str]:
    """Any of these phrases, as whole words: "ged" (the diploma) is not in "engaged"."""
    def bounded(phrase: str) -> str:
        return (r"(?<!\w)" if phrase[:1].isalnum() else "") + re.escape(phrase) + \
            (r"(?!\w)" if phrase[-1:].isalnum() else "")
    return re.compile("|".join(bounded(str(p).lower()) for p in phrases), flags)


def _we_words(voice: dict[str, Any]) -> re.Pattern[str]:
    """The company's words for itself, with a contraction: "We", "our", "we’re"; the first
    letter in either case, the rest as written ("in the US" is a country)."""
    words = "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}"
                     for w in map(str, voice["pronouns"]))
    endings = "|".join(re.escape(str(e)) for e in voice["contractions"])
    return re.compile(rf"\b({words})\b((?:'|’)(?:{endings}))?")


def ad(data: dict[str, Any], where: str) -> dict[str, Any]:
    """ad.yaml with its patterns compiled and its heading phrases longest first."""
    phrases = [(str(p).lower(), part) for part, items in data["headings"].items()
               for p in items]
    return {
        "heading_phrases": sorted(phrases, key=lambda pp: len(pp[0]), reverse=True),
        "chrome": _compile(data["chrome"], f"{where}: chrome"),
        "pay": _compile(data["pay"], f"{where}: pay"),
        "header": _compile(data["header"], f"{where}: header"),
        "header_long": _compile(data["header_long"], f"{where}: header_long"),
        "employment": _compile(data["employment"], f"{where}: employment"),
        "schedule": _compile(data["schedule"], f"{where}: schedule"),
        "sentence_cues": {k: _phrases(v) for k, v in data["sentence_cues"].items()},
        "duty_verbs": {str(v) for v in data["duty_verbs"]},
        "customers_tools": _phrases(data.get("customers_tools", []), re.IGNORECASE),
        "body_starts": {str(v).lower() for v in data["body_starts"]},
        "measures": {kind: {str(w).lower() for w in data["measures"][kind]}
                     for kind in ("targets", "sizes", "counted_in_name", "shares")},
        "negation": {side: re.compile(str(data["negation"][side]), re.IGNORECASE)
                     for side in ("before", "after")},
        "voice": {"irregular": {str(k): str(v) for k, v in data["voice"]["irregular"].items()},
                  "between": {str(v) for v in data["voice"]["between"]},
                  "unchanged": {str(v) for v in data["voice"]["unchanged"]},
                  "not_verbs": {str(v) for v in data["voice"]["not_verbs"]},
                  "list_verbs": {str(v) for v in data["voice"].get("list_verbs", ())},
                  "pronoun": _we_words(data["voice"])},
        # Compared in any case: the sentences are not folded for these.
        "facts": {"words": _phrases(data["facts"]["words"], re.IGNORECASE),
                  "about_the_job": _phrases(data["facts"]["about_the_job"], re.IGNORECASE),
                  "leans_on_before": _compile(data["facts"]["leans_on_before"],
                                              f"{where}: facts.leans_on_before")},
        "reader": {"duty_openings": _phrases(data["reader"]["duty_openings"]),
                   "words": _phrases(data["reader"]["words"]),
                   "not_duty_starts": {str(v) for v in data["reader"]["not_duty_starts"]}},
    }


# How a name is cut into words, in entities.yaml and in an ad alike.
NAME_WORD = re.compile(r"[\w&+/'’]+(?:[.-][\w&+/'’]+)*")


def _name_index(names: list[str]) -> dict[tuple[str, ...], str]:
    """Names keyed by their words in lower case, so an ad is searched word by word instead of
    trying hundreds of alternatives at every character."""
    return {tuple(w.lower() for w in NAME_WORD.findall(name)): name for name in names}


# Numbers a team is counted in, said in words.
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
               "thirty": 30, "forty": 40, "fifty": 50, "a dozen": 12}
# A team's count as ads write it: "14", "12–18", "about 85", "up to 120", "five", "a dozen".
TEAM_COUNT = (r"(?:(?:about|around|roughly|nearly|approximately|up to|more than|over) )?"
              rf"(?:\d[\d,]*(?:\s*(?:[-–]|to)\s*\d+)?\+?|{'|'.join(COUNT_WORDS)})")


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(words, key=len, reverse=True))


def team_patterns(spec: dict[str, Any]) -> dict[str, re.Pattern[str]]:
    """entities.yaml's `team` as patterns: a verb of leading, then a group of a count ("a crew
    of 34") or a count of people ("16 welders"); the nouns that count people; where the
    team's words end."""
    verbs, groups = _alternatives(spec["verbs"]), _alternatives(spec["groups"])
    return {
        "lead": re.compile(
            rf"\b(?:{verbs})\s+(?:(?P<group>(?:an?|the|our|your|my|its)\s+(?:[\w-]+\s+){{0,3}}?"
            rf"(?:{groups})\s+of\s+)|(?:the|our|your|my)\s+)?(?={TEAM_COUNT}\b)",
            re.IGNORECASE),
        "count": re.compile(rf"{TEAM_COUNT}\b", re.IGNORECASE),
        "nouns": re.compile(rf"\b(?:{_alternatives(spec['nouns'])})\b", re.IGNORECASE),
        "end": re.compile(rf"\s*[.;:()]|(?<!\bup)\s+(?:{_alternatives(spec['ends'])})\b"
                          rf"|,(?!\s+(?:and\s+)?{TEAM_COUNT}\b)", re.IGNORECASE),
    }


def entities(data: dict[str, Any]) -> dict[str, Any]:
    places = data["countries"] + data["states"] + data["regions"] + data["cities"]
    return {"systems": _name_index(data["systems"]),
            "regulations": _name_index(data["regulations"]),
            "places": _name_index(places),
            "team": team_patterns(data["team"])}


def load_base(root: Path) -> dict[str, Any]:
    """The fields of a Library, read from a content folder."""
    families: dict[str, Family] = {}
    for path in sorted((root / "families").glob("*.yaml")):
        family = read_family(path)
        families[family.id] = family
    if not families:
        raise ContentError(f"{root / 'families'}: no role families found")
    fallback = Family.from_yaml(read_yaml(root / "fallback.yaml"), str(root / "fallback.yaml"),
                                needs_match=False)
    signals_file, initiatives_file = root / "signals.yaml", root / "initiatives.yaml"
    signals_data, initiatives_data = read_yaml(signals_file), read_yaml(initiatives_file)
    found = signals(signals_data["signals"], str(signals_file), "signals", SignalEffects)
    known = {s.id for s in found} | set(SITUATION_KEYS)
    initiatives = signals(initiatives_data["initiatives"], str(initiatives_file), "initiatives",
                          InitiativeEffects)
    return {
        "families": families,
        "fallback": fallback,
        "seniority": seniority(read_yaml(root / "seniority.yaml"), str(root / "seniority.yaml"),
                               known),
        "signals": found,
        "signal_kinds": signals_data["kinds"],
        "groups": read(dict[str, GroupEffects], signals_data.get("groups"),
                       str(signals_file), "groups"),
        "initiatives": initiatives,
        "initiative_words": initiative_words(initiatives_data, str(initiatives_file),
                                             {i.id for i in initiatives}),
        "plan": read(PlanText, read_yaml(root / "plan.yaml"), str(root / "plan.yaml")),
        "questions": read(QuestionsText, read_yaml(root / "questions.yaml"),
                          str(root / "questions.yaml")),
        "profile": profile(read_yaml(root / "profile.yaml"), str(root / "profile.yaml")),
        "titles": titles(read_yaml(root / "titles.yaml"), str(root / "titles.yaml")),
        "ad": ad(read_yaml(root / "ad.yaml"), str(root / "ad.yaml")),
        "sectors": read(Sectors, read_yaml(root / "sectors.yaml"), str(root / "sectors.yaml")),
        "entities": entities(read_yaml(root / "entities.yaml")),
    }
