"""The text `nextround explain` prints: what the analysis found, with the words behind each."""

from __future__ import annotations

import textwrap
from dataclasses import asdict
from typing import Any

from .analysis import Analysis
from .composition import sources
from .library import Library, load_library
from .request import Request


def _wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(text, width=96, initial_indent=indent, subsequent_indent=indent)


def explanation_text(request: Request, analysis: Analysis,
                     documents: dict[str, dict[str, Any]], library: Library) -> str:
    """What `explain` prints; `library` is the one the request was read with (its packs)."""
    lines = [f"Role:      {request.role}"]
    if analysis.fell_back:
        lines.append("Family:    none matched: fell back to a general plan built from the title")
    else:
        lines.append(f"Family:    {analysis.family.name} ({analysis.family.id}), "
                     f"from {analysis.family_cue!r}")
    level_label = library.seniority.labels[analysis.level]
    because = f"from {analysis.level_cue!r}" if analysis.level_cue else "no seniority word"
    lines.append(f"Seniority: {level_label} ({analysis.level}), {because}")
    if analysis.title_noise:
        lines.append(f"           set aside from the title: {', '.join(analysis.title_noise)}")
    lines.append(f"Company:   {request.company}")
    sector = analysis.sector
    cues = ", ".join(map(repr, sector.cues[:4])) if sector else ""
    lines.append(f"Sector:    {sector.label} ({sector.id}), from {cues}" if sector
                 else "Sector:    not stated")
    lines.append(f"Read {analysis.sentences} sentences; {analysis.ignored_sentences} of them are "
                 f"pay, requirements, benefits, legal text or the job site's own, never facts.")
    entities = analysis.entities
    for label, value in (("Reports to", entities.manager), ("Team", entities.team),
                         ("Systems", ", ".join(entities.systems)),
                         ("Rules", ", ".join(entities.regulations)),
                         ("Places", ", ".join(entities.places)),
                         ("Baselines", "; ".join(b for b, _ in entities.baselines[:4])),
                         ("Timelines", "; ".join(dict.fromkeys(t for t, _ in
                                                               entities.timelines[:4])))):
        if value:
            lines.append(_wrap(f"{label}: {value}", ""))
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
        lines.append(f"    {initiative.label}: {initiative.name}, from {initiative.cue!r}")
        lines.append(_wrap(f"“{initiative.sentence}”", "        "))
    lines.append("")
    lines.append("What it sells, to whom, where (words from the description):")
    for name, spec in library.profile.fields.items():
        found = getattr(analysis, name)
        lines.append(_wrap(f"{spec.label}: {'; '.join(found) if found else 'not stated'}"))
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


def read_as(analysis: Analysis, library: Library | None = None) -> str:
    """One line on what was understood, for `generate` to print on standard error. The level
    labels are the built-in library's unless a library is given (a pack cannot change them)."""
    library = library or load_library()
    family = "no role family (a general plan)" if analysis.fell_back else analysis.family.name
    parts = [family, library.seniority.labels[analysis.level].lower()]
    if analysis.sector:
        parts.append(analysis.sector.label)
    line = "Read as: " + ", ".join(parts)
    if analysis.initiatives:
        line += "; priorities: " + ", ".join(i.name for i in analysis.initiatives[:3])
    return line


def explanation_data(request: Request, analysis: Analysis,
                     documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Everything `explain` found, with the evidence for each, as plain data (--json)."""
    entities = analysis.entities
    plan = documents.get("plan") or {}
    return {
        "role": request.role,
        "company": request.company,
        "family": {"id": analysis.family.id, "name": analysis.family.name,
                   "evidence": analysis.family_cue, "fell_back": analysis.fell_back},
        "level": {"id": analysis.level, "evidence": analysis.level_cue},
        "title_noise": list(analysis.title_noise),
        "sector": ({"id": analysis.sector.id, "label": analysis.sector.label,
                    "evidence": list(analysis.sector.cues)} if analysis.sector else None),
        "overridden": list(analysis.overridden),
        "parts": [{"part": s.part, "text": s.text} for s in analysis.parts],
        "signals": [asdict(f) for f in analysis.signals],
        "initiatives": [{"type": i.id, "label": i.label, "name": i.name, "cue": i.cue,
                         "sentence": i.sentence} for i in analysis.initiatives],
        "facts": list(analysis.facts),
        "entities": {
            "systems": entities.systems, "regulations": entities.regulations,
            "places": entities.places,
            "manager": ({"name": entities.manager, "sentence": entities.manager_sentence}
                        if entities.manager else None),
            "team": ({"size": entities.team, "sentence": entities.team_sentence}
                     if entities.team else None),
            "numbers": [{"text": t, "sentence": s} for t, s in entities.numbers],
            "baselines": [{"text": t, "sentence": s} for t, s in entities.baselines],
            "timelines": [{"text": t, "sentence": s} for t, s in entities.timelines],
        },
        "responsibilities": [asdict(r) for r in analysis.responsibilities],
        "requirements": list(analysis.requirements),
        "products": analysis.products, "customers": analysis.customers,
        "markets": analysis.markets,
        "priorities": [p["title"] for p in plan.get("priorities", [])],
        # Each handout line that repeats the description, with the sentence it rests on.
        "sources": {name: sources(document, analysis, request)
                    for name, document in documents.items()},
    }
