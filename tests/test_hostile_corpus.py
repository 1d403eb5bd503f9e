"""The corpus of hostile inputs (tests/data/hostile.yaml), each run through `nextround generate`
with its expected outcome asserted on the files written and the messages shown."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT
from output_checks import check_literal, check_valid, counting_server, leftovers

from nextround.cli import main
from nextround.request import FIELDS
from nextround.themes import REQUIRED_FILES, builtin_theme_names, builtin_themes_dir

CASES = yaml.safe_load((ROOT / "tests" / "data" / "hostile.yaml").read_text(encoding="utf-8"))
DEFAULTS = {"role": "Data Engineer", "company": "Acme", "date": "2026-11-25",
            "description": "Acme sells groceries online to 300 stores. We are growing fast."}
ALL_FORMATS = "pdf,docx,html,md,json"


@pytest.fixture(scope="module")
def server():
    with counting_server() as running:
        yield running


def fill(value, subs: dict[str, str]):
    """The case's value with its {placeholders} filled in (plain replacement: the texts are
    full of braces that str.format would take for its own)."""
    if isinstance(value, str):
        for key, text in subs.items():
            value = value.replace(key, text)
        return value
    if isinstance(value, list):
        return [fill(v, subs) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, subs) for k, v in value.items()}
    return value


def shared_theme(recipe: dict, folder: Path, subs: dict[str, str]) -> Path:
    """A copy of the default theme changed as the case says."""
    theme = folder / "shared-theme"
    shutil.copytree(builtin_themes_dir() / "default", theme)
    for name, text in recipe.get("prepend", {}).items():
        path = theme / name
        path.write_text(fill(text, subs) + "\n" + path.read_text(encoding="utf-8"),
                        encoding="utf-8")
    for name, target in recipe.get("symlink", {}).items():
        (theme / name).symlink_to(target)
    if "docx" in recipe:
        import docx

        word = docx.Document()
        word.add_paragraph(recipe["docx"])
        word.save(theme / "plan.docx")
    return theme


def test_the_corpus_is_large_and_varied():
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids)) >= 45
    assert sum("error" in case for case in CASES) >= 15
    assert sum("shows" in case for case in CASES) >= 15
    assert sum("theme" in case for case in CASES) >= 5
    for case in CASES:
        assert ("error" in case) != ("shows" in case), case["id"]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_hostile_input(case, tmp_path, server):
    base, hits = server
    hits.clear()
    subs = {"{port}": base.rsplit(":", 1)[1], "{tmp}": str(tmp_path),
            "{themes}": ", ".join(sorted(builtin_theme_names(),
                                         key=lambda n: (n != "default", n))),
            "{fields}": ", ".join(FIELDS),
            "{required}": ", ".join(REQUIRED_FILES)}
    fields = {**DEFAULTS, **fill(case.get("fields", {}), subs)}
    for name, (text, length) in case.get("repeat", {}).items():
        fields[name] = (text * (length // len(text) + 1))[:length]
    formats = case.get("formats", ALL_FORMATS)
    if "theme" in case:
        theme = shared_theme(case["theme"], tmp_path, subs)
        fields["theme"] = str(theme)
        subs["{theme}"] = str(theme.resolve())
    request_file = tmp_path / "request.json"
    # JSON escapes carry lone surrogates and control characters into the file intact.
    request_file.write_text(json.dumps({k: v for k, v in fields.items() if v is not None}))
    out = tmp_path / "out"

    # The formats go on the command line: its --format default would override a file's.
    only = [] if "only" in fields else ["--only", "plan"]
    result = CliRunner().invoke(main, ["generate", "--from", str(request_file), "--out", str(out),
                                       "--format", formats, *only])

    lines = result.stderr.splitlines()
    assert result.exception is None or isinstance(result.exception, SystemExit), result.stderr
    assert "Traceback" not in result.stderr and "internal problem" not in result.stderr
    warnings = [line.removeprefix("Warning: ") for line in lines if line.startswith("Warning: ")]
    assert warnings == fill(case.get("warnings", []), subs)
    assert hits == [], "a network request was made"
    assert leftovers(tmp_path) == []
    assert not (tmp_path / "pwned").exists()
    if "error" in case:
        assert result.exit_code == 1
        assert [line for line in lines if not line.startswith("Warning: ")] == [
            "Error: " + fill(case["error"], subs)]
        assert result.stdout == ""
        assert not out.exists() or not any(out.rglob("*"))
        return
    assert result.exit_code == 0, result.stderr
    assert len(lines) == len(warnings)
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert sorted(p.suffix.lstrip(".") for p in paths) == sorted(formats.split(","))
    assert all(p.is_file() and p.is_relative_to(out) for p in paths)
    files = {p.name: p for p in paths}
    check_valid(files)
    for literal in fill(case["shows"], subs):
        assert check_literal(files, literal) == [], literal
