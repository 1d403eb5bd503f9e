"""Reference outputs: the composed handouts of a handful of requests, kept under tests/golden/.

A change of wording or of what the handouts choose shows up here as a diff for someone to
review. `make golden` (GOLDEN_UPDATE=1) rewrites the files after a change that is meant.

Kept for each request in tests/golden/requests.yaml: <name>.json, every handout it composes
as `--format json` writes it; <name>.plan.md and <name>.questions.md, the default theme's
Markdown, so the labels and titles the templates type show too.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os

import pytest
import yaml
from conftest import ROOT

from nextround import build_request, compose_documents
from nextround.rendering.text import render_json, render_markdown
from nextround.themes import load_theme

GOLDEN = ROOT / "tests" / "golden"
REQUESTS = yaml.safe_load((GOLDEN / "requests.yaml").read_text(encoding="utf-8"))
UPDATE = os.environ.get("GOLDEN_UPDATE") == "1"
DATE = dt.date(2026, 11, 2)


def outputs(name: str) -> dict[str, str]:
    """The files kept for one request, by file name, as they are made today."""
    request = build_request({**REQUESTS[name], "date": DATE}, base=ROOT)
    documents = compose_documents(request)
    theme = load_theme("default")
    files = {f"{name}.json": render_json(documents)}
    for kind in ("plan", "questions"):
        files[f"{name}.{kind}.md"] = render_markdown(documents[kind], theme)
    return files


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_composed_handouts_match_the_reference(name: str) -> None:
    problems = []
    for file_name, made in outputs(name).items():
        path = GOLDEN / file_name
        if UPDATE:
            path.write_text(made, encoding="utf-8")
            continue
        if not path.is_file():
            problems.append(f"{file_name}: no reference; run `make golden` and review it")
            continue
        kept = path.read_text(encoding="utf-8")
        if made != kept:
            diff = difflib.unified_diff(kept.splitlines(), made.splitlines(),
                                        f"tests/golden/{file_name}", "made now", lineterm="", n=1)
            problems.append("\n".join(list(diff)[:40]))
    assert not problems, "The handouts changed (`make golden` accepts a change that is " \
        "meant):\n" + "\n\n".join(problems)


def test_every_reference_file_belongs_to_a_request() -> None:
    """A request taken out of requests.yaml takes its files with it."""
    expected = {f"{name}{suffix}" for name in REQUESTS
                for suffix in (".json", ".plan.md", ".questions.md")}
    kept = {p.name for p in GOLDEN.iterdir() if p.is_file() and p.name != "requests.yaml"}
    assert kept - expected == set()
