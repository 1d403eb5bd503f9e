"""The corpus of hostile spreadsheets (tests/data/hostile_sheets.yaml) and of spreadsheets as
people make them (tests/data/real_sheets.yaml, files in tests/data/sheets), each run through
`nextround batch` with its expected outcome asserted on the report, the folders and the messages.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT

from nextround.cli import main
from nextround.request import FIELDS

CASES = yaml.safe_load((ROOT / "tests" / "data" / "hostile_sheets.yaml").read_text(
    encoding="utf-8"))
REAL = yaml.safe_load((ROOT / "tests" / "data" / "real_sheets.yaml").read_text(
    encoding="utf-8"))
SHEETS = ROOT / "tests" / "data" / "sheets"


def test_the_corpus_is_varied():
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids)) >= 30
    assert sum("error" in case for case in CASES) >= 3
    assert sum(any(row[1] == "failed" for row in case.get("rows", [])) for case in CASES) >= 10
    for case in CASES:
        assert ("error" in case) != ("rows" in case), case["id"]


def write_case(case: dict, folder: Path) -> Path:
    sheet = folder / case.get("name", case.get("file", "sheet.csv"))
    if "file" in case:
        sheet.write_bytes((SHEETS / case["file"]).read_bytes())
    elif "bytes" in case:
        sheet.write_bytes(bytes.fromhex(case["bytes"]))
    else:
        text = case["text"]
        for key, (piece, times) in case.get("long", {}).items():
            text = text.replace(key, piece * times)
        with open(sheet, "w", encoding=case.get("encoding", "utf-8"), newline="") as handle:
            handle.write(text)
    for name, content in case.get("files", {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    for name, target in case.get("links", {}).items():
        (folder / name).symlink_to(target)
    return sheet


def test_the_real_sheets_are_files_of_both_kinds():
    files = {case["file"] for case in REAL}
    assert files == {p.name for p in SHEETS.iterdir() if p.suffix in (".csv", ".xlsx")}
    assert any(f.endswith(".xlsx") for f in files) and any(f.endswith(".csv") for f in files)


@pytest.mark.parametrize("case", REAL, ids=[case["id"] for case in REAL])
def test_real_sheet(case, tmp_path):
    test_hostile_sheet(case, tmp_path)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_hostile_sheet(case, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    sheet = write_case(case, folder)
    out = tmp_path / "out"
    before = sorted(p.name for p in folder.rglob("*"))
    result = CliRunner().invoke(main, ["batch", str(sheet), "--out", str(out), "--format",
                                       "json", "--only", "plan", "--jobs", "1",
                                       *case.get("args", [])])
    assert "Traceback" not in result.output
    subs = {"{tmp}": str(folder), "{fields}": ", ".join(FIELDS)}

    def fill(text: str) -> str:
        for key, value in subs.items():
            text = text.replace(key, value)
        return text

    # Nothing is ever written next to the spreadsheet or outside the output folder.
    assert sorted(p.name for p in folder.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) in (["in"], ["in", "out"])
    if "error" in case:
        assert result.exit_code == 1
        assert result.stderr == f"Error: {fill(case['error'])}\n"
        assert not out.exists()
        return

    with open(out / "report.csv", encoding="utf-8-sig", newline="") as handle:
        report = list(csv.DictReader(handle))
    assert [[int(r["row"]), r["status"], r["error"]] for r in report] == [
        [row, status, fill(error)] for row, status, error in case["rows"]]
    failed = any(status == "failed" for _, status, _ in case["rows"])
    assert result.exit_code == (1 if failed else 0)
    written = [Path(r["folder"]) for r in report if r["status"] == "written"]
    for path in written:
        assert path.resolve().parent == out.resolve()
        assert (path / "30-60-90-plan.json").is_file()
    if "folders" in case:
        assert [p.name for p in written] == case["folders"]
    for name, texts in case.get("shows", {}).items():
        plan = json.dumps(json.loads((out / name / "30-60-90-plan.json").read_text(
            encoding="utf-8")), ensure_ascii=False)
        for text in texts:
            assert json.dumps(text, ensure_ascii=False)[1:-1] in plan
    warnings = [line for line in result.stderr.splitlines() if ": Warning: " in line]
    assert warnings == case.get("warnings", [])
    # Lines about the sheet as a whole (header row, merges, columns not read), in order.
    sheet_lines = [line for line in result.stderr.splitlines()
                   if line.startswith(("Warning: ", "Column names ", "Merged cells ",
                                                    "Dates read "))]
    assert sheet_lines == [fill(line) for line in case.get("says", [])]
    assert not list(out.rglob("*.part"))
