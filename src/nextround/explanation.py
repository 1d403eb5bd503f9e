"""The text `nextround explain` prints: what the analysis found, with the words behind each."""

from __future__ import annotations

import textwrap
from typing import Any

from .analysis import Analysis
from .library import load_library
from .request import Request


def _wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(text, width=96, initial_indent=indent, subsequent_indent=indent)


def explanation_text(request: Request, analysis: Analysis,
                     documents: dict[str, dict[str, Any]]) -> str:
    library = load_library()
    lines = [f"Role:      {request.role}"]
    if analysis.fell_back:
        lines.append("Family:    none matched: fell back to a general plan built from the title")
    else:
        lines.append(f"Family:    {analysis.family.name} ({analysis.family.id}), "
                     f"from {analysis.family_cue!r}")
    level_label = library.seniority["labels"][analysis.level]
    because = f"from {analysis.level_cue!r}" if analysis.level_cue else "no seniority word"
    lines.append(f"Seniority: {level_label} ({analysis.level}), {because}")
    lines.append(f"Company:   {request.company}")
    lines.append(f"Read {analysis.sentences} sentences; ignored {analysis.ignored_sentences} as "
                 f"benefits or legal boilerplate.")
    lines.append("")
    lines.append("Signals:")
    if not analysis.signals:
        lines.append("    none stated: the plan states its assumptions and asks more questions")
    for kind, kind_label in library.signal_kinds.items():
        for finding in analysis.of_kind(kind):
            lines.append(f"    {kind_label}: {finding.label}, from {finding.cue!r}")
    lines.append("")
    lines.append("Stated initiatives:")
    if not analysis.initiatives:
        lines.append("    none found")
    for initiative in analysis.initiatives:
        lines.append(f"    {initiative.label}: {initiative.name}")
        lines.append(_wrap(f"“{initiative.sentence}”", "        "))
    lines.append("")
    lines.append("What it sells, to whom, where (words from the description):")
    for name, spec in library.profile["fields"].items():
        found = getattr(analysis, name)
        lines.append(_wrap(f"{spec['label']}: {'; '.join(found) if found else 'not stated'}"))
    lines.append("")
    lines.append("Key facts:")
    if not analysis.facts:
        lines.append("    none found")
    for fact in analysis.facts:
        lines.append(textwrap.fill(fact, width=96, initial_indent="    - ",
                                   subsequent_indent="      "))
    plan = documents.get("plan")
    if plan:
        lines.append("")
        lines.append("Priorities in the plan:")
        for i, priority in enumerate(plan["priorities"], 1):
            lines.append(f"    {i}. {priority['title']}")
    return "\n".join(lines)
