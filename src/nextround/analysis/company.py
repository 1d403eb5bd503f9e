"""What the sentences about the company say: its signals (situation, regulation, work mode,
ownership), its key facts, and its products, customers and markets, each with its evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..library import Library
from .entities import negated
from .title import fold

# A number makes a sentence a fact worth restating, as ad.yaml's `facts.words` do.
_NUMBER = re.compile(r"\d")
MAX_FACT_WORDS = 28
# A short lead-in before a colon: "Here's the honest picture:", "The timing matters:".
# "Here's the honest picture: CAC rose 40%", "Second, starting May 1 ...": the ad's own
# voice or order, which a fact restated alone does without.
_LEAD_IN = re.compile(r"^(?:[^:;,.]{3,40}:|(?:first|second|third|fourth|finally|also|"
                      r"meanwhile|in addition|on top of that),)\s+(?=\S+(?:\s+\S+){5})",
                      re.IGNORECASE)
MAX_WHOLE_WORDS = 40  # up to this long, a sentence is shown whole rather than cut
MAX_FACTS = 4
MIN_CLAUSE_WORDS = 6
_CLAUSE_MARKS = (("; ",), (" — ", " – ", ": "), (", and ", ", but ", ", while ", ", which ",
                                                ", so ", ", with "), (", ",))


@dataclass(frozen=True)
class Finding:
    """Something the analysis found, with the words that triggered it."""

    id: str
    kind: str
    label: str
    cue: str
    sentence: str


def signal_findings(sentences: list[str], library: Library) -> list[Finding]:
    findings = []
    for signal in library.signals:
        hit = _first_cue(signal.cues, sentences, library.ad["negation"])
        if hit:
            cue, sentence = hit
            findings.append(Finding(signal.id, signal.kind, signal.label, cue, sentence))
    return findings


def _first_cue(cues: list[re.Pattern[str]], sentences: list[str],
               negation: dict[str, re.Pattern[str]]) -> tuple[str, str] | None:
    for sentence in sentences:
        for cue in cues:
            match = next((m for m in cue.finditer(sentence)
                          if not negated(sentence, m.start(), m.end(), negation)), None)
            if match:
                return match.group(0), sentence
    return None


def _clipped(sentence: str) -> str:
    """A long sentence cut at its last clause boundary within MAX_FACT_WORDS (a comma, a dash,
    a semicolon), so the quote ends where a thought does; mid-clause only when it has none."""
    head = " ".join(sentence.split()[:MAX_WHOLE_WORDS])
    # The strongest boundary first: a comma inside a list ("clear, trusted models") is the
    # weakest place to stop. A whole short clause beats a long one cut in the middle.
    for marks in _CLAUSE_MARKS:
        cut = max(head.rfind(mark) for mark in marks)
        if cut > 0 and len(head[:cut].split()) >= MIN_CLAUSE_WORDS:
            # "has had a hard two years: three of the four staff turned over, ...": a colon
            # announces what follows, so the quote keeps the first item after it.
            if head[cut:cut + 2] == ": ":
                item = head.find(", ", cut)
                cut = item if item > 0 else cut
            head = head[:cut]
            break
    return head.rstrip(",;: —–") + "…"


def _a_duty(first: str, library: Library) -> bool:
    """"Prepares and reviews plans ...", "Secures buildings at the end of the shift": a duty
    with its subject left out, not a fact about the company ("Serves 14,000 patients" is one:
    its verb is a fact word)."""
    word = first.lower().strip(",.;:")
    if not word.endswith("s") or library.ad["facts"]["words"].fullmatch(word):
        return False
    verbs = library.ad["duty_verbs"]
    return any(stem in verbs for stem in (word[:-1], word[:-2], word[:-3] + "y"))


def key_facts(sentences: list[str], library: Library) -> list[tuple[str, str]]:
    """The sentences most worth restating, each (as shown, cut if too long; the sentence):
    ad.yaml's `facts` say which words make a fact and which make a sentence the job's."""
    spec = library.ad["facts"]
    scored = []
    for index, sentence in enumerate(sentences):
        letters = [c for c in sentence if c.isalpha()]
        shouting = letters and sum(c.isupper() for c in letters) > len(letters) / 2
        if spec["about_the_job"].search(sentence) or shouting or \
                any(p.match(sentence) for p in spec["leans_on_before"]):
            continue  # about the job, leaning on the sentence before, or a header in capitals
        words = sentence.split()
        if len(words) < 4 or _a_duty(words[0], library):
            continue
        fact_words = set(spec["words"].findall(sentence.lower()))
        score = 2 * bool(_NUMBER.search(sentence)) + len(fact_words)
        if score:
            # "Here's the honest picture: CAC rose 40%": the lead-in is the ad's voice.
            # A lead-in that says something itself stays: "Two clients are signed for the
            # building: a national pet-food brand ..." is no fact without its first half.
            lead = _LEAD_IN.match(sentence)
            if lead and (_NUMBER.search(lead.group(0))
                         or spec["words"].search(lead.group(0).lower())):
                lead = None
            whole = sentence[lead.end():] if lead else sentence
            whole = whole[:1].upper() + whole[1:]
            shown, words = whole, whole.split()
            if len(words) > MAX_FACT_WORDS:
                score -= 1  # a long sentence takes the room of two facts
            if len(words) > MAX_WHOLE_WORDS:
                shown = _clipped(whole)
                # A sentence that must be cut reads worse than one that fits, and much worse
                # when the cut takes a number with it ("margin was 1.6%…" without the target).
                score -= 1 + 2 * bool(_NUMBER.search(whole[len(shown) - 1:]))
            scored.append((-score, index, shown, sentence))
    best = sorted(scored)[:MAX_FACTS]
    return [(shown, s) for _, _, shown, s in sorted(best, key=lambda item: item[1])]


def _cut_phrase(phrase: str, spec: dict[str, Any], profile: dict[str, Any]) -> str:
    """The phrase up to its first stop word, without dangling words at either end."""
    trailing = [fold(w) for w in profile["trailing_words"]]
    words = phrase.split()
    if words and fold(words[0]) in {fold(w) for w in profile["not_first"]}:
        return ""
    stops = {fold(w) for w in spec.get("stop_words", [])}
    clause = {fold(w) for w in profile["clause_words"]}
    verbs = {fold(w) for w in profile["clause_verbs"]}
    kept: list[str] = []
    for at, word in enumerate(words):
        if kept and fold(word).strip(",") in stops:
            break
        if kept and fold(word) == "and" and at + 1 < len(words) and \
                fold(words[at + 1]).strip(",") in verbs:
            break
        if kept and kept[-1].endswith(",") and fold(word) in clause:
            break
        # "short-term rehab guests recovering from surgery": a participle after a plural
        # starts a clause about them, not part of their name.
        if kept and fold(word).endswith("ing") and fold(kept[-1]).endswith("s") \
                and len(word) > 5:
            break
        kept.append(word)
    if len(kept) > spec["max_words"]:
        # Too long to be one thing: keep its first item, if that is short enough.
        first = " ".join(kept).split(",")[0].split()
        kept = first if len(first) <= spec["max_words"] else []
    while kept and (fold(kept[-1]).strip(",") in trailing or kept[-1].endswith(",")):
        kept[-1] = kept[-1].rstrip(",")
        if fold(kept[-1]) in trailing or not kept[-1]:
            kept.pop()
        else:
            break
    while kept and fold(kept[0]) in ("our", "its", "their"):
        kept.pop(0)
    if kept and kept[-1].endswith(".") and kept[-1].count(".") == 1:
        kept[-1] = kept[-1][:-1]  # the sentence's full stop, not "U.S."
    return " ".join(kept)


def _said_of_company(before: list[str], company: str, within: int) -> bool:
    """Whether the words before a verb make the company its subject: its name or "we"."""
    if len(before) > within:
        return False
    name = fold(company).split()[:1]
    return bool({"we", "our", "it", "which", "that"} & set(before)) or \
        bool(name and any(w.startswith(name[0]) for w in before))


def company_profile(sentences: list[str], company: str, library: Library) -> dict[str, list[str]]:
    """Products, customers and markets, each a short list of phrases from the description."""
    profile = library.profile
    out: dict[str, list[str]] = {}
    for name, spec in profile["fields"].items():
        heads = {fold(w) for w in spec.get("heads", [])}
        not_heads = {fold(w) for w in spec.get("not_heads", [])}
        not_places = {fold(w) for w in spec.get("not_places", [])}
        not_after = {fold(w) for w in spec.get("not_after", [])}
        subject_within = spec.get("subject_within")
        found: list[str] = []
        for sentence in sentences:
            if library.ad["facts"]["about_the_job"].search(sentence):
                continue
            for cue in spec["cues"]:
                for match in cue.finditer(sentence):
                    before = fold(sentence[:match.start()]).split()
                    if before and before[-1].strip(",") in not_after:
                        continue
                    if subject_within and not _said_of_company(before, company,
                                                               subject_within):
                        continue
                    phrase = _cut_phrase(match.group("phrase"), spec, profile)
                    words = [fold(w).strip(",’'") for w in phrase.split()]
                    if not words or fold(company) in fold(phrase) or words[-1] in not_heads:
                        continue
                    if heads and not heads & set(words):
                        continue
                    if name == "customers" and ("'" in phrase or "’" in phrase or set(words) & {
                            "branches", "stores", "locations", "offices", "sites", "plants",
                            "employees", "doors", "trucks", "beds"}):
                        continue  # "11 branches and 62,000 members", "customers' doors"
                    if not_places and (words[0] in not_places or
                                       fold(phrase).removeprefix("the ") in not_places):
                        continue
                    if name != "markets" and len(words) < 2 and not re.search(r"[a-z]{5}",
                                                                                 phrase):
                        continue
                    found.append(phrase)
        # The first mention of each, and none that only repeats part of a longer one.
        unique: list[str] = []
        for phrase in found:
            if not any(fold(phrase) in fold(kept) for kept in unique):
                unique = [k for k in unique if fold(k) not in fold(phrase)] + [phrase]
        out[name] = unique[: profile["max_items"]]
    return out


