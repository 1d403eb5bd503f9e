"""Stage 2: analysis. What the title and the description tell us, with the evidence for each.

The title gives the role family and the seniority; the description gives the company's signals
(situation, regulation, work mode, ownership), its stated initiatives and its key facts.
Benefits, perks and legal boilerplate are set aside first so that they never count as facts.
Every finding keeps the words that triggered it, so `nextround explain` can show its reasons.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .library import Family, Library
from .request import Request

# What makes a sentence a fact worth restating: numbers, who the company serves, what it makes.
_NUMBER = re.compile(r"\d")
_FACT_WORDS = re.compile(
    r"\b(customers?|clients?|patients?|students?|members?|users?|guests?|stores?|locations?|"
    r"restaurants?|sites?|plants?|hospitals?|clinics?|schools?|countries|markets?|products?|"
    r"platform|serves?|serving|employees|people|founded|headquartered|based in|revenue|"
    r"annual|largest|leading|operates?|makes?|builds?|sells?)\b",
    re.IGNORECASE,
)
# Sentences about the job or the applicant describe the role, not the company.
_ABOUT_THE_JOB = re.compile(
    r"\b(you will|you'll|you are|you're|your|we are looking|we're looking|looking for|"
    r"the ideal candidate|candidates?|responsibilities|requirements|qualifications|"
    r"apply|this role|the role|in this position|reporting to|you)\b",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^\s*(#+\s*)?([^.!?]{2,60}):?\s*$")
_BULLET = re.compile(r"^\s*([-*•·▪◦‣]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9À-ÖØ-Þ])")

MAX_FACT_WORDS = 28
MAX_FACTS = 4


@dataclass(frozen=True)
class Finding:
    """Something the analysis found, with the words that triggered it."""

    id: str
    kind: str
    label: str
    cue: str
    sentence: str


@dataclass(frozen=True)
class Initiative:
    id: str
    label: str
    name: str  # the words that state it: "migrating the data warehouse to Snowflake this year"
    short: str  # how the plan refers back to it: "migrating the data warehouse"
    cue: str
    sentence: str


@dataclass
class Analysis:
    family: Family
    family_cue: str
    fell_back: bool
    level: str
    level_cue: str
    signals: list[Finding] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    # What the company sells, to whom and where: phrases as the description words them.
    products: list[str] = field(default_factory=list)
    customers: list[str] = field(default_factory=list)
    markets: list[str] = field(default_factory=list)
    sentences: int = 0
    ignored_sentences: int = 0

    def has(self, signal_id: str) -> bool:
        return any(s.id == signal_id for s in self.signals)

    def of_kind(self, kind: str) -> list[Finding]:
        return [s for s in self.signals if s.kind == kind]


# --- the title ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)  # the library's ~1,000 phrases are folded for every title
def fold(text: str) -> str:
    """Lower case, accents removed: the form titles and cues are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_title(title: str, library: Library) -> str:
    text = fold(title)
    text = re.sub(r"[^\w&+#/-]+", " ", text)  # keep c++, c#, r&d, a/b
    text = re.sub(r"(?<!\w)[/-]|[/-](?!\w)", " ", text)
    words = [library.seniority["abbreviations"].get(w, w) for w in text.split()]
    return " " + " ".join(words) + " "


def _find_phrase(phrase: str, text: str) -> int:
    """Position of phrase as whole words in the padded title, or -1.

    A plain string search, not a regular expression: the library has ~900 title phrases and
    compiling a pattern for each was most of the start-up time of `explain`. Words are
    separated by spaces, and '/' separates too ("ui/ux designer" holds "ux").
    """
    return _slashes_apart(text).find(f" {_slashes_apart(phrase)} ")


def _slashes_apart(text: str) -> str:
    return text.replace("/", " / ") if "/" in text else text


def detect_family(norm_title: str, library: Library) -> tuple[Family, str]:
    """The family whose longest match phrase occurs in the title; ties go to the later word,
    since in English the head noun comes last ("Marketing Data Analyst" is an analyst)."""
    best: tuple[int, int, str] | None = None
    best_family = None
    for family in library.families.values():
        for phrase in family.match:
            pos = _find_phrase(fold(phrase), norm_title)
            if pos >= 0:
                key = (len(phrase.split()), pos, phrase)
                if best is None or key[:2] > best[:2]:
                    best, best_family = key, family
    if best_family is None:
        return library.fallback, ""
    return best_family, best[2]


def detect_level(norm_title: str, library: Library) -> tuple[str, str]:
    """The highest level any cue in the title names; 'ic' when none does."""
    seniority = library.seniority
    order = seniority["order"]
    text = norm_title
    found: list[tuple[int, str, str]] = []
    cues = [(fold(c), level) for level in order for c in seniority["cues"].get(level, [])]
    # Phrases that name a rank outright ("group product manager") count before the neutral
    # job names are removed; then single words. Each cue found is consumed, longest first,
    # so "sous chef" is not also read as "chef".
    phrases = [c for c in cues if " " in c[0]]
    words = [c for c in cues if " " not in c[0]]
    for stage, stage_cues in (("phrases", phrases), ("words", words)):
        if stage == "words":
            for phrase in sorted(seniority["neutral"], key=len, reverse=True):
                text = text.replace(f" {fold(phrase)} ", "  ")
        for cue, level in sorted(stage_cues, key=lambda c: len(c[0]), reverse=True):
            if _find_phrase(cue, text) >= 0:
                text = text.replace(f" {cue} ", "  ")
                found.append((order.index(level), cue, level))
    if not found:
        return "ic", ""
    _, cue, level = max(found)
    return level, cue


# --- the description -----------------------------------------------------------------------------


WRAPPED_LINE_CHARS = 60  # a line this long that stops mid-sentence was wrapped, not ended


def _unwrap(description: str) -> list[str]:
    """The description's lines with hard-wrapped paragraphs and bullets joined back together,
    so that a sentence broken across lines is read whole. Short lines stay apart: headings."""
    lines: list[str] = []
    previous = ""
    for raw_line in description.split("\n"):
        line = raw_line.strip()
        continues = (
            line and previous and not _BULLET.match(line)
            and len(previous) >= WRAPPED_LINE_CHARS and not re.search(r"[.!?:]$", previous)
        )
        if continues:
            lines[-1] = f"{lines[-1]} {line}"
        elif line:
            lines.append(line)
        previous = raw_line.strip()
    return lines


def split_sentences(description: str, library: Library) -> list[tuple[str, bool]]:
    """The description as (sentence, is_boilerplate) pairs, in order.

    A heading such as "Benefits:" makes everything under it boilerplate until the next heading;
    elsewhere a sentence is boilerplate when it contains a boilerplate phrase.
    """
    headings = [fold(h) for h in library.boilerplate["headings"]]
    phrases = [fold(p) for p in library.boilerplate["phrases"]]
    out: list[tuple[str, bool]] = []
    under_boilerplate = False
    for line in _unwrap(description):
        is_bullet = bool(_BULLET.match(line))
        heading = _HEADING.match(line)
        if heading and not is_bullet and (line.endswith(":") or len(line.split()) <= 5):
            under_boilerplate = any(h in fold(line) for h in headings)
            continue
        line = _BULLET.sub("", line)
        for sentence in _SENTENCE_END.split(line):
            sentence = sentence.strip()
            if not sentence:
                continue
            if under_boilerplate:
                out.append((sentence, True))
                continue
            # A perk tacked on with a semicolon is dropped; the facts before it stay.
            clauses = sentence.split("; ")
            kept = [c for c in clauses if not any(p in fold(c) for p in phrases)]
            if not kept:
                out.append((sentence, True))
            else:
                out.append(("; ".join(kept) if len(kept) < len(clauses) else sentence, False))
    return out


def _signal_findings(sentences: list[str], library: Library) -> list[Finding]:
    findings = []
    for signal in library.signals:
        hit = _first_cue(signal.cues, sentences)
        if hit:
            cue, sentence = hit
            findings.append(Finding(signal.id, signal.kind, signal.label, cue, sentence))
    return findings


def _first_cue(cues: list[re.Pattern[str]], sentences: list[str]) -> tuple[str, str] | None:
    for sentence in sentences:
        for cue in cues:
            match = cue.search(sentence)
            if match:
                return match.group(0), sentence
    return None


def _trim(words: list[str], limit: int, trailing: list[str]) -> str:
    words = words[:limit]
    while len(words) > 1 and words[-1].lower().strip(",") in trailing:
        words.pop()
    return " ".join(words)


def _name_initiative(sentence: str, start: int, library: Library) -> str:
    """The words that state an initiative, from its verb to the end of its clause."""
    words_cfg = library.initiative_words
    rest = re.split(r"[.,;:!?()\[\]—–]| - ", sentence[start:])[0]
    words = rest.split()
    stops = [s.split() for s in words_cfg["stop_words"]]
    kept: list[str] = []
    for i, word in enumerate(words):
        if i > 0 and any([w.lower() for w in words[i:i + len(s)]] == s for s in stops):
            break
        kept.append(word)
    if kept:
        kept[0] = words_cfg["gerunds"].get(kept[0].lower(), kept[0].lower())
        # A noun ("audit", "accreditation survey") is named as "the ...", a verb as "-ing".
        if not kept[0].endswith("ing") and kept[0] not in ("a", "an", "the"):
            kept.insert(0, "the")
    name = _trim(kept, words_cfg["max_words"], words_cfg["trailing_words"])
    name = re.sub(r"\b[Oo]ur\b", "the", name)
    name = re.sub(r"\b[Ww]e\b", "the team", name)
    return name.rstrip(" -")


def _initiatives(sentences: list[str], library: Library) -> list[Initiative]:
    """Every stated initiative, at most one of each kind per sentence, in reading order."""
    found: list[Initiative] = []
    for sentence in sentences:
        if _ABOUT_THE_JOB.search(sentence) and not re.search(r"\b(we|our)\b", sentence, re.I):
            continue
        in_sentence = []
        for kind in library.initiatives:
            match = next((m for cue in kind.cues if (m := cue.search(sentence))), None)
            if match:
                name = _name_initiative(sentence, match.start(), library)
                if len(name.split()) >= 2:
                    short = _trim(name.split(), library.initiative_words["short_words"],
                                  library.initiative_words["trailing_words"])
                    in_sentence.append((match.start(), Initiative(
                        kind.id, kind.label, name, short, match.group(0), sentence)))
        found += [initiative for _, initiative in sorted(in_sentence, key=lambda x: x[0])]
    return found


def _facts(sentences: list[str]) -> list[str]:
    scored = []
    for index, sentence in enumerate(sentences):
        if _ABOUT_THE_JOB.search(sentence):
            continue
        words = sentence.split()
        if len(words) < 4:
            continue
        score = 2 * bool(_NUMBER.search(sentence)) + len(set(_FACT_WORDS.findall(sentence.lower())))
        if score:
            if len(words) > MAX_FACT_WORDS:
                sentence = " ".join(words[:MAX_FACT_WORDS]).rstrip(",;:") + "…"
            scored.append((-score, index, sentence))
    best = sorted(scored)[:MAX_FACTS]
    return [s for _, _, s in sorted(best, key=lambda item: item[1])]


def _cut_phrase(phrase: str, spec: dict[str, Any], profile: dict[str, Any]) -> str:
    """The phrase up to its first stop word, without dangling words at either end."""
    trailing = [fold(w) for w in profile["trailing_words"]]
    words = phrase.split()
    if words and fold(words[0]) in {fold(w) for w in profile["not_first"]}:
        return ""
    stops = {fold(w) for w in spec.get("stop_words", [])}
    clause = {fold(w) for w in profile["clause_words"]}
    kept: list[str] = []
    for word in words:
        if kept and fold(word).strip(",") in stops:
            break
        if kept and kept[-1].endswith(",") and fold(word) in clause:
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


def _profile(sentences: list[str], company: str, library: Library) -> dict[str, list[str]]:
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
            if _ABOUT_THE_JOB.search(sentence):
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


def analyze(request: Request, library: Library) -> Analysis:
    norm = normalize_title(request.role, library)
    family, family_cue = detect_family(norm, library)
    level, level_cue = detect_level(norm, library)
    pairs = split_sentences(request.description, library)
    content = [s for s, boiler in pairs if not boiler]
    profile = _profile(content, request.company, library)
    return Analysis(
        family=family,
        family_cue=family_cue,
        fell_back=family is library.fallback,
        level=level,
        level_cue=level_cue,
        signals=_signal_findings(content, library),
        initiatives=_initiatives(content, library),
        facts=_facts(content),
        products=profile["products"],
        customers=profile["customers"],
        markets=profile["markets"],
        sentences=len(pairs),
        ignored_sentences=len(pairs) - len(content),
    )
