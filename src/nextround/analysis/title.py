"""The title: the words that name the job, its level, and its noise.

Real titles carry more than the job: "CDL-A Truck Driver - Regional - $2,000 Sign On Bonus",
"RN - ICU - Nights", "Warehouse Shift Supervisor (2nd Shift)". The noise (pay, bonuses, shifts,
hours, codes, work mode) is set aside first, with the lists in content/titles.yaml; then the
family is the one whose phrase found in the rest ranks highest (see `_rank`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ..library import Family, Library
from ..library.base import NAME_WORD


@functools.lru_cache(maxsize=8192)  # the library's ~1,000 phrases are folded for every title
def fold(text: str) -> str:
    """Lower case, accents removed: the form titles and cues are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words_in(phrase: str, text: str) -> bool:
    """Whether the phrase stands in the text as whole words ("nrr" in "get nrr back")."""
    return re.search(rf"(?<![\w&]){re.escape(phrase)}(?![\w&])", text) is not None


@dataclass(frozen=True)
class Title:
    """A title taken apart: the words that decide the family and the level, and the noise."""

    core: str  # " warehouse supervisor ": padded with spaces for whole-word search
    noise: tuple[str, ...]  # what was set aside: "2nd shift", "3 000 sign on bonus"


def read_title(title: str, library: Library) -> Title:
    """The title folded, without its noise, with abbreviations spelled out."""
    spec = library.titles
    text = re.sub(r"[^\w&+#/-]+", " ", fold(title))  # keep c++, c#, r&d, a/b
    text = re.sub(r"(?<!\w)[/-]|[/-](?!\w)", " ", text)
    text = re.sub(r"(?<=[a-z]{2})-(?=[a-z]{2})", " ", text)  # "rn-med surg" is two words
    noise: list[str] = []
    for pattern in spec["noise_patterns"]:
        noise += [m.group(0).strip() for m in pattern.finditer(text) if m.group(0).strip()]
        text = pattern.sub(" ", text)
    words = []
    for word in text.split():
        if word in spec["noise_words"]:
            noise.append(word)
        else:
            words.append(library.seniority["abbreviations"].get(word, word))
    return Title(" " + " ".join(words) + " ", tuple(noise))


# Where a title's parts meet: " - ", " – ", " | ", ", ", ": " and brackets.
_PART_BREAK = re.compile(r":\s+|\s*[)](?:\s+[-–—|]\s+|,\s+|\s*)|\s+[-–—|]\s+|,\s+|\s*[(]\s*")
_STATE_CODE = re.compile(r"^[A-Z]{2}$")
# Characters no job board's title uses, but markup, templates and formulas do.
_MARKUP = re.compile(r"[{}<>\[\]\\;=*_`]")


_SMALL_WORDS = {"of", "the", "and", "for", "to", "in", "at", "on", "a", "an", "or", "with"}


def _unshouted(title: str) -> str:
    """A title typed in capitals, as a heading writes it: "ASSISTANT STORE MANAGER" ->
    "Assistant Store Manager", keeping short codes ("IT", "II", "HR", "HVAC")."""
    if not title.isupper():
        return title
    def word(match: re.Match[str]) -> str:
        w = match.group(0)
        if w.lower() in _SMALL_WORDS and title[match.start() - 1:match.start()] == " ":
            return w.lower()
        if len(w) <= 3 or w in {"HVAC", "PACU", "NICU", "PICU", "CDL", "EMT", "LVN"}:
            return w
        return w.capitalize()
    return re.sub(r"[A-Za-z]+", word, title)


def heading(title: str, library: Library) -> str:
    """The title as a handout's heading shows it: the job and its domain, without the pay,
    perks, schedule and place a job board adds ("CDL A Local Driver - Home Every Night -
    $2,500 Sign On Bonus" -> "CDL A Local Driver"; "RN - ICU - Nights" -> "RN - ICU").
    Only whole parts are left out; what stays is the title as written."""
    title = title.strip()
    if _MARKUP.search(title):
        return title  # markup, a template or a formula: shown as typed, never taken apart
    parts: list[tuple[int, int, int]] = []  # (start of the separator before, start, end)
    before, position = 0, 0
    for match in [*_PART_BREAK.finditer(title), None]:
        end = match.start() if match else len(title)
        if title[position:end].strip():
            parts.append((before, position, end))
        if match:
            before, position = match.start(), match.end()
    texts = [title[start:end].strip() for _, start, end in parts]
    noise = [not read_title(text, library).core.strip() for text in texts]
    for i, text in enumerate(texts):
        following = texts[i + 1] if i + 1 < len(texts) else ""
        if i and not noise[i] and any(not n for n in noise[:i]):
            noise[i] = any(p.search(text) for p in library.titles["heading_noise"]) \
                or _is_place(text, library) or bool(_STATE_CODE.match(following))
    if not any(noise) or all(noise):
        return _unshouted(title)
    out = ""
    for i, (sep, start, end) in enumerate(parts):
        joint = title[sep:start] if out else ""
        open_bracket = out.count("(") > out.count(")")
        if noise[i]:
            if ")" in joint and open_bracket:
                out += ")"  # "(HHA) - Weekend Diff": the bracket closes before the noise
            continue
        if ")" in joint and not open_bracket:
            joint = joint.replace(")", "")  # "(1st-2nd Year) - Commercial": its bracket went
        out += joint + title[start:end]
    out = out.strip()
    if out.count("(") > out.count(")"):
        out += ")"
    return _unshouted(out)


def _is_place(part: str, library: Library) -> bool:
    """Whether a title's part begins with a place the lists know ("Charlotte", "Chicago
    Territory", "Des Moines")."""
    words = tuple(w.lower() for w in NAME_WORD.findall(part))
    places = library.entities["places"]
    return any(words[:n] in places for n in range(1, min(len(words), 4) + 1))


def normalize_title(title: str, library: Library) -> str:
    """The form a title is matched in (see read_title)."""
    return read_title(title, library).core


def _find_phrase(phrase: str, text: str) -> int:
    """Position of phrase as whole words in the padded title, or -1.

    A plain string search, not a regular expression: the library has ~1,500 title phrases and
    compiling a pattern for each was most of the start-up time of `explain`. Words are
    separated by spaces, and '/' separates too ("ui/ux designer" holds "ux").
    """
    return _slashes_apart(text).find(f" {_slashes_apart(phrase)} ")


def _slashes_apart(text: str) -> str:
    return text.replace("/", " / ") if "/" in text else text


def _rank(phrase: str, position: int, title: str,
          library: Library) -> tuple[bool, bool, int, int]:
    """How strongly a phrase found in a title decides its family, highest first: a phrase
    that is not generic ("shift supervisor" is: the warehouse in "Warehouse Shift Supervisor"
    decides), one that names a job ("deli clerk", "vice president of operations") or stands
    right before the job noun ("Marketing Manager, Commercial HVAC Controls" is a marketer's
    job, not an HVAC one) over one that only names a field ("customer service"), the longest,
    then the latest (English puts the head noun last)."""
    spec = library.titles
    following = title[position + len(_slashes_apart(phrase)) + 1:].split(" ", 2)[1:2]
    return (phrase not in spec["generic_jobs"],
            any(word in spec["job_nouns"] for word in phrase.split() + following),
            len(phrase.split()), position)


def detect_family(norm_title: str, library: Library) -> tuple[Family, str]:
    """The family of a normalized title, and the phrase that decided it; the library's
    fallback and "" when no family's phrase is in the title.

    A rank that is not a job is read past: in "Vice President of Sales" the function beside
    it decides, not the "president" inside it; a title that is nothing but the rank stays with
    the family that lists it ("Vice President" is general leadership)."""
    family, phrase = _best_phrase(norm_title, library)
    for rank in library.titles["rank_titles"]:
        if phrase and f" {fold(phrase)} " in f" {rank} " and _find_phrase(rank, norm_title) >= 0:
            past_rank, beside = _best_phrase(
                norm_title.replace(f" {rank} ", " " * (len(rank) + 2)), library)
            if beside:
                return past_rank, beside
    return family, phrase


def _best_phrase(norm_title: str, library: Library) -> tuple[Family, str]:
    best: tuple[bool, bool, int, int] | None = None
    best_family, best_phrase = library.fallback, ""
    for family in library.families.values():
        for phrase in family.match:
            folded = fold(phrase)
            pos = _find_phrase(folded, norm_title)
            if pos >= 0:
                key = _rank(folded, pos, _slashes_apart(norm_title), library)
                if best is None or key > best:
                    best, best_family, best_phrase = key, family, phrase
    return best_family, best_phrase


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
    beginner = [f for f in found if f[1] in {fold(b) for b in seniority["beginners"]}]
    _, cue, level = max(beginner or found)
    return level, cue
