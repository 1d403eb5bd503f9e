"""The parts of a job ad: which sentence is about the company, which is pay or site chrome.

A pasted ad mixes what the company says about itself with things that are never facts about
it: the pay line, requirements, benefits, equal-opportunity text, and the job site's own
buttons ("Apply Now", "Save Job"). Headings say which part follows, in any common wording
(content/ad.yaml); without headings each sentence is classified by its own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..library import Library
from .title import fold

# The parts a sentence can belong to. Only `company`, `role` and `responsibilities` can carry
# facts about the company; requirements feed only the question sheet.
PARTS = ("header", "company", "role", "responsibilities", "requirements", "benefits", "legal",
         "chrome")
ABOUT_THE_COMPANY = ("company", "role")

_BULLET = re.compile(r"^\s*([-*•·▪◦‣●○■□➢➤►✓✔–—]|\d{1,2}[.)]|[a-z][.)])\s+")
# Not after a title or an abbreviation that a name goes on after: "St. Brendan Regional
# Medical Center", "Dr. Patel", "Mt. Sinai".
_SENTENCE_END = re.compile(r"(?<!\bSt\.)(?<!\bMt\.)(?<!\bDr\.)(?<!\bFt\.)(?<!\bMr\.)(?<!\bMs\.)"
                           r"(?<!\bMrs\.)(?<!\bNo\.)(?<=[.!?])[\"”’)]*\s+"
                           r"(?=[\"“‘(]?[A-Z0-9À-ÖØ-Þ$])")
WRAPPED_LINE_CHARS = 60  # a line this long that stops mid-sentence was wrapped, not ended
# A "sentence" longer than this is a paste without full stops: it is read in pieces of about
# this size, cut between words, which also keeps every pattern's work per piece bounded.
MAX_SENTENCE_CHARS = 400
MAX_HEADING_WORDS = 8


@dataclass(frozen=True)
class Sentence:
    text: str
    part: str
    bullet: bool = False


# A line that opens with its own label ("Job ID: FST-0921", "Schedule: Mon-Fri") starts
# afresh: it does not finish the line above.
_LABELLED = re.compile(r"^[A-Z][\w /#&.-]{0,24}:\s")


_SEPARATED = re.compile(r" [|·•] ")
_WRAPS_AFTER = re.compile(r"(?:,|\b(?:a|an|the|and|or|but|of|in|on|at|to|for|from|with|by|as|"
                          r"into|onto|than|that|which|who|whose|its|our|their|your|is|are|was|"
                          r"were|be|been|has|have|had|will|can|more|most|such|including|about|"
                          r"over|under|across|between|through|per|via|&|-|–|—))$")


def _unwrap(description: str, company: str = "") -> list[tuple[str, bool]]:
    """The ad's lines, each with whether it was a bullet, with hard-wrapped paragraphs and
    bullets joined back together, so that a sentence broken across lines is read whole."""
    lines: list[tuple[str, bool]] = []
    previous = ""
    raw_lines = [line.strip() for line in description.split("\n")]
    for index, line in enumerate(raw_lines):
        bullet = bool(_BULLET.match(line))
        continues = (
            line and previous and not bullet and line[:1].islower()
            or line and previous and not bullet and len(previous) >= WRAPPED_LINE_CHARS
            and not re.search(r"[.!?:]$", previous) and not _LABELLED.match(line)
            and line.casefold() != company.casefold()  # the company's name under the title
            # Not the title, a "Company | City | Full-time" line, or an item of a list
            # written without bullets ("6 months preferred"): a wrapped sentence breaks
            # after a small word ("based in") or a comma, or its paragraph ends as prose does.
            and not _SEPARATED.search(previous + " " + line)
            and (bool(_WRAPS_AFTER.search(previous)) or _ends_as_prose(raw_lines, index))
        )
        if continues and lines:
            lines[-1] = (f"{lines[-1][0]} {line}", lines[-1][1])
        elif line:
            lines.append((_BULLET.sub("", line).strip() if bullet else line, bullet))
        previous = line
    return lines


def _ends_as_prose(lines: list[str], index: int) -> bool:
    """Whether the block of lines (up to a blank line) that holds this one ends a sentence."""
    end = index
    while end + 1 < len(lines) and lines[end + 1]:
        end += 1
    return bool(re.search(r"[.!?][\"'”’)]?$", lines[end]))


def _pieces(sentence: str) -> list[str]:
    """A sentence cut between words into pieces of at most MAX_SENTENCE_CHARS."""
    pieces = []
    while len(sentence) > MAX_SENTENCE_CHARS:
        cut = sentence.rfind(" ", 0, MAX_SENTENCE_CHARS)
        cut = cut if cut > 0 else MAX_SENTENCE_CHARS
        pieces.append(sentence[:cut])
        sentence = sentence[cut:]
    return [*pieces, sentence]


class AdReader:
    """Reads one ad with the library's lists (content/ad.yaml)."""

    def __init__(self, library: Library, company: str):
        self.spec = library.ad
        self.company = fold(company)

    def heading_part(self, line: str, bullet: bool) -> str | None:
        """The part a heading line names, "" for a heading of unknown kind, None when the
        line is no heading."""
        text = fold(line).strip().rstrip(":").strip()
        words = text.split()
        if bullet or not words or len(words) > MAX_HEADING_WORDS:
            return None
        if re.search(r"[.!?]$", line.strip()) and not line.strip().endswith("?"):
            return None
        ends_colon = line.strip().endswith(":")
        # A known heading phrase, longest first so "about the role" beats "about".
        for phrase, part in self.spec["heading_phrases"]:
            if text == phrase or text.startswith(phrase + " ") or \
                    (len(phrase.split()) > 1 and phrase in text):
                return part
        if self.company and (text in (self.company, f"about {self.company}",
                                      f"who is {self.company}", f"why {self.company}")):
            return "company"
        if ends_colon or (len(words) <= 5 and line.strip()[:1].isupper()
                          and not re.search(r"[,;]", line) and line.istitle()):
            return ""
        return None

    def line_part(self, line: str) -> str | None:
        """The part a whole line belongs to whatever heading it is under: chrome and the
        header's pay, location and schedule lines."""
        text = fold(line).strip()
        if any(p.search(text) for p in self.spec["chrome"]):
            return "chrome"
        # A short pay line is the header's; a paragraph that mentions pay is read sentence by
        # sentence ("Get paid while you train. Millbrook transports 2,600 students a day.").
        if len(text.split()) <= 14 and any(p.search(text) for p in self.spec["pay"]):
            return "header"
        words = len(re.findall(r"\w+", text))  # "Phlebotomist I - Patient Service Center"
        if words <= 8 and any(p.search(text) for p in (*self.spec["header"],
                                                         *self.spec["employment"])):
            return "header"
        if words <= 20 and not re.search(r"[.!?]$", text) and \
                any(p.search(text) for p in self.spec["header_long"]):
            return "header"
        if len(text.split()) <= 16 and any(p.search(text) for p in self.spec["schedule"]):
            return "header"
        return None

    def sentence_part(self, sentence: str, part: str) -> str:
        """A sentence's own part: legal, benefit and requirement wording wins over the
        heading it stands under (a perk inside "About us" is still a perk)."""
        text = fold(sentence)
        cues = self.spec["sentence_cues"]
        if cues["legal"].search(text):
            return "legal"
        if any(p.search(text) for p in self.spec["pay"]):
            return "benefits"
        if len(text.split()) <= 16 and any(p.search(text) for p in self.spec["schedule"]):
            return "header"  # the hours, said in a sentence of the ad's prose
        if len(text.split()) <= 16 and any(p.search(text) for p in self.spec["employment"]):
            return "header"  # "This is a 1099 independent contractor opportunity."
        if part in ("requirements", "benefits", "legal", "chrome"):
            return part
        if cues["benefits"].search(text):
            return "benefits"
        if part == "responsibilities":
            return part
        if cues["requirements"].search(text):
            return "requirements"
        if part in ("company", "role"):
            return part
        # No heading said: the sentence's own words decide.
        reader = self.spec["reader"]
        if cues["responsibilities"].search(text) or reader["duty_openings"].match(text):
            return "responsibilities"
        if reader["words"].search(text) or cues["role"].search(text):
            return "role"
        return "company"


def _continues_duties(out: list[Sentence], sentence: str, spec: dict) -> bool:
    """A bullet in a list of duties is a duty too ("Make home visits twice a month" after
    "Help families search for units"), unless it speaks of the company or of the reader."""
    first = sentence.split()[0].strip(",.:;")
    return bool(out) and out[-1].bullet and out[-1].part == "responsibilities" \
        and first[:1].isupper() and fold(first) not in spec["reader"]["not_duty_starts"]


def read_ad(description: str, company: str, library: Library,
            title: str = "") -> list[Sentence]:
    """The ad as sentences, in order, each with the part it belongs to. `title` is the job
    title as the user gave it: the ad's own title line is the header's, however long."""
    reader = AdReader(library, company)
    out: list[Sentence] = []
    part = "company"
    seen_text = False
    title = fold(title).strip()
    for line, bullet in _unwrap(description, company):
        folded = fold(line).strip()
        whole = "header" if not seen_text and len(title) >= 6 and (
            folded.startswith(title) or title.startswith(folded) and len(folded) >= 6) \
            else reader.line_part(line)
        if whole:
            out.append(Sentence(line, whole, bullet))
            if fold(line).strip().rstrip(":") in reader.spec["body_starts"]:
                part, seen_text = "company", False
            continue
        heading = reader.heading_part(line, bullet)
        if heading is not None:
            # A heading of unknown kind ("Why this matters now") opens the company's part at
            # the top of the ad, the role's further down.
            part = heading or ("company" if not seen_text else "role")
            continue
        if not seen_text and not bullet and len(re.findall(r"\w+", line)) <= 8 \
                and not re.search(r"[.!?]$", line):
            out.append(Sentence(line, "header"))  # the title line, the place, the team
            continue
        seen_text = True
        # A paragraph that opens with its own heading ("Requirements: Valid PPS credential.
        # ... Submit a letter of introduction ...") is that part throughout.
        run_in = _LABELLED.match(line)
        line_heading = reader.heading_part(run_in.group(0), False) if run_in else None
        line_part = line_heading or part
        for sentence in (piece for full in _SENTENCE_END.split(line)
                         for piece in _pieces(full)):
            sentence = sentence.strip()
            if sentence:
                own = reader.sentence_part(sentence, line_part)
                first = fold(sentence.split()[0]).strip(",.:;") if sentence.split() else ""
                # A duty, bulleted or said as an instruction ("Draw blood and collect
                # specimens at our Tacoma South center") is the role's, not a company fact.
                imperative = first in reader.spec["duty_verbs"] and sentence[:1].isupper()
                if own in ABOUT_THE_COMPANY and (
                        imperative or bullet and _continues_duties(out, sentence, reader.spec)):
                    own = "responsibilities"
                out.append(Sentence(sentence, own, bullet))
    return out
