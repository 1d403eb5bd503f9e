"""Content packs: a folder of role families and wording laid over the built-in library.

A pack holds families/*.yaml (added, or replacing the built-in family of the same id),
plan.yaml and questions.yaml (only the wording they change, key by key; questions.yaml's
sections by id). A theme's content/ folder is a pack too.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from ..errors import ContentError
from .cache import read_yaml
from .model import Family, PlanText, QuestionSection, QuestionsText, expand_levels
from .typed import at, json_schema, overlay, read

PACK_FILES = ("plan.yaml", "questions.yaml")
SECTION_KEYS = {"id", "title", "audience", "questions", "levels", "unless", "only", "after"}


def read_family(path: Path) -> Family:
    family = Family.from_yaml(read_yaml(path), str(path))
    if family.id != path.stem:
        raise ContentError(f"{path}: id {family.id!r} must match the file name {path.stem!r}")
    return family


def apply_pack(library: Any, pack: Path) -> Any:
    """The library with one content pack laid over it."""
    known = {"families", *PACK_FILES, "README.md"}
    for entry in sorted(pack.iterdir()):
        if entry.name not in known and not entry.name.startswith("."):
            raise ContentError(
                f"{entry}: a content pack holds only families/*.yaml, plan.yaml and "
                f"questions.yaml (see the content README)")
    families = dict(library.families)
    for path in sorted((pack / "families").glob("*.yaml")):
        family = read_family(path)
        families[family.id] = family
    plan, questions = library.plan, library.questions
    if (pack / "plan.yaml").is_file():
        plan = overlay(plan, PlanText, read_yaml(pack / "plan.yaml"), str(pack / "plan.yaml"))
    if (pack / "questions.yaml").is_file():
        questions = overlay_questions(questions, read_yaml(pack / "questions.yaml"),
                                      str(pack / "questions.yaml"))
    return dataclasses.replace(library, families=families, plan=plan, questions=questions)


def overlay_questions(base: QuestionsText, data: Any, file: str) -> QuestionsText:
    """Sections are matched by id: a known id changes that section, a new id adds one (after
    the section named in `after:`, or at the end)."""
    if data is None:
        return base
    if not isinstance(data, dict):
        raise ContentError(f"{file}: expected a mapping")
    merged = overlay(base, QuestionsText, {k: v for k, v in data.items() if k != "sections"},
                     file)
    sections = list(base.sections)
    raw_sections = data.get("sections") or []
    if not isinstance(raw_sections, list):
        raise ContentError(f"{file}: sections: expected a list of sections, each with an 'id'")
    for i, raw in enumerate(raw_sections):
        path = f"sections[{i}]"
        here = at(file, path)
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise ContentError(f"{here}: expected a mapping with an 'id'")
        unknown = sorted(set(raw) - SECTION_KEYS)
        if unknown:
            raise ContentError(f"{here}: unknown field {unknown[0]!r}; the fields are "
                               f"{', '.join(sorted(SECTION_KEYS))}")
        expand_levels(raw.get("levels"), here)
        changes = {k: v for k, v in raw.items() if k != "after"}
        ids = [s.id for s in sections]
        if raw["id"] in ids:
            at_index = ids.index(raw["id"])
            sections[at_index] = overlay(sections[at_index], QuestionSection, changes, file, path)
            continue
        missing = [k for k in ("title", "audience", "questions") if k not in raw]
        if missing:
            raise ContentError(f"{here}: a new section needs {', '.join(missing)}")
        after = raw.get("after")
        if after is not None and after not in ids:
            raise ContentError(f"{here}.after: no section {after!r}; the sections are "
                               f"{', '.join(ids)}")
        section = read(QuestionSection, changes, file, path)
        sections.insert(ids.index(after) + 1 if after else len(sections), section)
    return merged.replace(sections=sections)



# --- JSON Schema of a pack's files ---------------------------------------------------------------

SCHEMA_KINDS = ("family", "plan", "questions")


def pack_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file of a content pack: a family (families/*.yaml, whole), or
    the plan.yaml or questions.yaml of a pack (only what it changes)."""
    if kind == "family":
        schema = json_schema(Family)
    elif kind == "plan":
        schema = json_schema(PlanText, partial=True)
    elif kind == "questions":
        schema = json_schema(QuestionsText, partial=True)
        section = json_schema(QuestionSection, partial=True)
        section["properties"]["after"] = {
            "type": "string", "description": "the id of the section a new one follows"}
        section["required"] = ["id"]
        section["description"] = ("A section: one with a built-in id changes that section; "
                                  "a new id adds one (with title, audience and questions).")
        schema["properties"]["sections"] = {"type": "array", "items": section}
    else:
        raise ValueError(f"unknown kind {kind!r}; one of {', '.join(SCHEMA_KINDS)}")
    where = "families/<id>.yaml" if kind == "family" else f"{kind}.yaml"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"nextround content pack: {where}", **schema}
