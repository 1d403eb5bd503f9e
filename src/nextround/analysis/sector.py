"""The employer's sector, from a closed list (content/sectors.yaml), with the words that
decided it. What the ad says of the company's clients ("our clients range from DTC start-ups to
national brands") describes the clients, not the company, and counts for nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..library import Library
from .title import fold

# A sentence where the company describes itself counts double: "Acme is a 3PL", "We are".
_SELF = re.compile(r"^(?:(?:at|founded in|since)\b[^,]*,\s*)?(?:we are|we're|we have been|"
                   r"as (?:a|an|the)\b|(?:{company})\b[^.]{0,40}\b(?:is|operates|runs|has been)\b)")


NAME_WEIGHT = 3.0  # a word of the employer's name weighs as much as a self-description and a cue


@dataclass(frozen=True)
class Sector:
    id: str
    label: str
    cues: tuple[str, ...]  # the words that decided it, in the order found


def before_clients(sentence: str, library: Library) -> str:
    """The part of a sentence before it starts on the company's clients ("we serve ...")."""
    folded = fold(sentence)
    cut = len(sentence)
    for marker in library.sectors["client_markers"]:
        at = folded.find(marker)
        if at >= 0:
            cut = min(cut, at)
    return sentence[:cut]


def detect_sector(sentences: list[str], company: str, library: Library) -> Sector | None:
    """The sector whose cues weigh most in the sentences about the company; None if no cue."""
    spec = library.sectors
    self_pattern = re.compile(_SELF.pattern.replace("{company}", re.escape(fold(company))))
    scores: dict[str, float] = {}
    cues: dict[str, list[str]] = {}
    for index, sentence in enumerate(sentences):
        text = " " + fold(before_clients(sentence, library)) + " "
        weight = 2.0 if self_pattern.search(text.strip()) or index == 0 else 1.0
        padded = re.sub(r"[^\w&/+'’-]+", " ", text)
        for sector in spec["sectors"]:
            for cue in sector["cues"]:
                if f" {cue} " in padded:
                    scores[sector["id"]] = scores.get(sector["id"], 0) + weight
                    cues.setdefault(sector["id"], [])
                    if cue not in cues[sector["id"]]:
                        cues[sector["id"]].append(cue)
    own_name = " " + re.sub(r"[^\w&/+'’-]+", " ", fold(company)) + " "
    for sector in spec["sectors"]:
        for word in sector.get("names", ()):
            if f" {word} " in own_name:
                scores[sector["id"]] = scores.get(sector["id"], 0) + NAME_WEIGHT
                cues.setdefault(sector["id"], [])
                cues[sector["id"]].insert(0, f"the name: {word}")
                break
    if not scores:
        return None
    order = [s["id"] for s in spec["sectors"]]
    best = max(scores, key=lambda sid: (scores[sid], len(cues[sid]), -order.index(sid)))
    for sector in spec["sectors"]:
        if best in sector.get("narrows", ()) and \
                scores.get(sector["id"], 0) >= scores[best] / 2:
            best = sector["id"]
            break
    label = next(s["label"] for s in spec["sectors"] if s["id"] == best)
    return Sector(best, label, tuple(cues[best]))
