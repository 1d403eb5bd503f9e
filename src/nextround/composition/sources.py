"""Where a handout line comes from: the sentence of the description it repeats, and every
line a handout shows."""

from __future__ import annotations

import functools
import re
from typing import Any

from ..analysis import ABOUT_THE_COMPANY, Analysis
from ..library import builtin_content_dir
from ..request import Request

# --- where a line comes from -------------------------------------------------------------------
# A handout line that repeats the description's own words (four in a row, or a number) states
# something about the company; it must come from a sentence the company wrote about itself or
# the role, never from the pay, the requirements, the benefits or the job site's text. Words
# that the content library itself uses, the company's name and the title are no such claim.
SOURCE_RUN = 4
_TOKEN = re.compile(r"[\w$%][\w$%.,'’-]*[\w%]|[\w$%]")


def _tokens(text: str) -> list[str]:
    return [t.lower().rstrip(".,") for t in _TOKEN.findall(text.replace("…", " "))]


@functools.lru_cache(maxsize=1)
def _library_words() -> str:
    texts = [p.read_text(encoding="utf-8") for p in builtin_content_dir().rglob("*.yaml")]
    return " " + " ".join(_tokens(" ".join(texts))) + " "


def _claims(line: list[str], sentence: list[str], own_words: str) -> list[str]:
    """The runs of words the line takes from the sentence that are not the library's own."""
    runs = set()
    for i in range(len(line)):
        for j in range(len(sentence)):
            k = 0
            while i + k < len(line) and j + k < len(sentence) and line[i + k] == sentence[j + k]:
                k += 1
            run = line[i:i + k]
            if k >= SOURCE_RUN or (k and any(c.isdigit() for w in run for c in w)):
                runs.add(" ".join(run))
    return [r for r in runs if f" {r} " not in own_words]


def sources(document: dict[str, Any], analysis: Analysis,
            request: Request) -> list[dict[str, str]]:
    """Each line of a handout that repeats the description, with the sentence it came from
    (the company's and role's own sentences only); `sentence` is empty when there is none."""
    # Each sentence cut into words once, with whether it is the company's or the role's own.
    sentences = [(s.text, _tokens(s.text), s.part in ABOUT_THE_COMPANY + ("responsibilities",))
                 for s in analysis.parts]
    own_words = _library_words() + " ".join(_tokens(f"{request.company} {request.role}")) + " "
    out = []
    for line in dict.fromkeys(document_lines(document)):
        words = _tokens(line)
        claims = [(len(_claims(words, tokens, own_words)), own, text)
                  for text, tokens, own in sentences]
        if not any(count for count, _, _ in claims):
            continue  # the line says nothing that only the description says
        # The own sentence it shares most with; the first of equals.
        best = max(((count, -i, text) for i, (count, own, text) in enumerate(claims) if own),
                   default=(0, 0, ""))
        out.append({"line": line, "sentence": best[2] if best[0] else ""})
    return out


def document_lines(document: dict[str, Any]) -> list[str]:
    """Every line of content a handout shows, in order: what every format must agree on."""
    if document["document"] == "plan":
        understanding = document["understanding"]
        lines = list(understanding["facts"]) + list(understanding["to_learn"])
        for p in document["priorities"]:
            lines += [p["title"]] + [p[k] for k in ("detail", "evidence") if p.get(k)]
        for phase in document["phases"]:
            lines += [phase["theme"], *phase["actions"], *phase["deliverables"]]
        lines += [m[k] for m in document["measures"] for k in ("metric", "baseline", "target")]
        lines += [s[k] for s in document["stakeholders"] for k in sorted(s)]
        lines += document["early_wins"] + document["assumptions"]
        lines += [c["text"] for c in document["checkins"]]
        return lines
    lines = []
    for section in document["sections"]:
        lines += section["questions"]
    return lines + document["research"]["items"]
