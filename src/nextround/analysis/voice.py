"""The company's own sentences in the third person: "We closed our Series C" becomes "Shiftwise
closed its Series C", so a plan handed to the interviewer does not speak as the company."""

from __future__ import annotations

import re
from typing import Any

_WORD = re.compile(r"\s+([A-Za-z]+(?:-[A-Za-z]+)*)")  # "self-perform" is one verb
_LIST_VERB = re.compile(r"(?:,\s+(?:and\s+)?|\s+and\s+)(?P<verb>[a-z]+)\b")
_AND_VERB = re.compile(r" and ([a-z]+)\b(?= )")


def short_name(company: str, description: str) -> str:
    """The name the company calls itself by in its ad, when shorter: "Riverbend" for
    "Riverbend Regional Medical Center" ("Riverbend earned Magnet redesignation"); else
    the name. A name said again in one sentence reads better short."""
    words = company.split()
    for n in range(1, len(words)):
        short = " ".join(words[:n])
        if len(short) < 4 or not short[:1].isupper():
            continue
        alone = re.compile(rf"\b{re.escape(short)}\b(?!\s+{re.escape(words[n])})"
                           rf"(?=['’]s\b|\s+[a-z]|[,.;:]|\s*$)", re.MULTILINE)
        if len(alone.findall(description)) >= 1:
            return short
    return company


def third_person(sentence: str, company: str, voice: dict[str, Any], short: str = "") -> str:
    """The sentence with the company named once and "it" after (or its short name, where
    "it" would lose who is meant); unchanged if it has no "we" (ad.yaml's `voice.pronouns`)."""
    pronoun = voice["pronoun"]
    if not company or not pronoun.search(sentence):
        return sentence
    named = False
    out: list[str] = []
    last = 0
    for match in pronoun.finditer(sentence):
        word, contraction = match.group(1).lower(), match.group(2)
        out.append(sentence[last:match.start()])
        last = match.end()
        at_start = not sentence[:match.start()].strip()
        # "Acme is ... anchored by our center": the name is there already, so "its".
        named = named or company.lower() in sentence[:match.start()].lower()
        if word == "our" or word == "ours":
            new = f"{_possessive(company)}" if not named else "its"
        elif word == "ourselves":
            new = "itself"
        elif word == "us":  # "open it with us": "with it" would lose who is meant
            new = short or company if named else company
        else:
            new = company if not named else "it"
        named = True
        if at_start and new[0].islower():
            new = new[0].upper() + new[1:]
        out.append(new)
        if word == "we":
            if contraction:  # we're, we've: "is", "has"; we'll, we'd stay as they are
                third = voice["irregular"].get(contraction.lower())
                out.append(" " + third if third else contraction)
            else:
                last = _agree_verb(sentence, last, out, voice)
    out.append(sentence[last:])
    # "we closed our Series C and have grown": the second verb shares the subject. Only the
    # auxiliaries are changed there; a bare verb after "and" may have another subject.
    text = "".join(out)
    # "we cook everything over live fire, make our own tortillas, and do 180 covers": the
    # list's later verbs share the subject too, up to the end of the clause.
    subject = re.search(r"\b[Ww]e\b", sentence)
    at = text.find(company) if subject else -1
    if at >= 0:
        head = re.match(r"[^.;:!?]*", text[at:]).group(0)
        listed = _LIST_VERB.sub(lambda m: m.group(0) if m["verb"] not in voice["list_verbs"]
                                else m.group(0)[:m.start("verb") - m.start()] +
                                _third(m["verb"], voice), head)
        text = text[:at] + listed + text[at + len(head):]
    subject = re.compile(rf"(\b(?:{re.escape(company)}|it) [^;:—]*?\band )(have|are|were)\b")
    return subject.sub(lambda m: m.group(1) + voice["irregular"][m.group(2).lower()], text)


def _agree_verb(sentence: str, position: int, out: list[str], voice: dict[str, Any]) -> int:
    """Copy the words after "we" up to its verb, and put the verb in the third person."""
    between = set(voice["between"])
    while True:
        match = _WORD.match(sentence, position)
        if not match:
            return position
        word = match.group(1)
        lower = word.lower()
        if lower in between or lower.endswith("ly"):
            out.append(match.group(0))
            position = match.end()
            continue
        out.append(match.group(0)[: match.start(1) - match.start()] + _third(word, voice))
        position = match.end()
        # "we sell and rent bikes": a second verb straight after "and" shares the subject.
        second = _AND_VERB.match(sentence, position)
        if second and second.group(1).islower() and second.group(1) not in voice["not_verbs"] \
                and not second.group(1).endswith(("ly", "ed", "s")):
            out.append(" and " + _third(second.group(1), voice))
            position = second.end()
        return position


def _third(verb: str, voice: dict[str, Any]) -> str:
    if "-" in verb:  # "self-perform" -> "self-performs"
        head, tail = verb.rsplit("-", 1)
        return f"{head}-{_third(tail, voice)}"
    lower = verb.lower()
    if lower in voice["irregular"]:
        return voice["irregular"][lower]
    past = lower.endswith("ed") and not lower.endswith("eed")  # "closed", but "need"
    if lower in voice["unchanged"] or past or not lower.isalpha():
        return verb
    if lower.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")
