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


# -- Excel and JSON Lines files damaged in ways a text corpus cannot hold (issue 15) ----------

DESCRIPTION = "Acme sells groceries in 142 stores."


def _xlsx(path: Path, rows: list[list], edit=None) -> Path:
    """A workbook saved by openpyxl, its sheet's XML then changed by `edit` (a function of
    the XML text), as a damaged or hand-made file would be."""
    import re
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    if edit is None:
        return path
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = edit(parts[sheet].decode("utf-8"), re).encode("utf-8")
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def _batch(sheet: Path, out: Path):
    return CliRunner().invoke(main, ["batch", str(sheet), "--out", str(out), "--format",
                                     "json", "--only", "plan", "--jobs", "1"])


def _report(out: Path) -> list[list]:
    with open(out / "report.csv", encoding="utf-8-sig", newline="") as handle:
        return [[int(r["row"]), r["status"], r["error"]] for r in csv.DictReader(handle)]


def test_xlsx_with_a_stale_dimension_tag_loses_no_row(tmp_path):
    rows = [["role", "company", "description"]] + [
        ["Engineer", f"Company {i}", DESCRIPTION] for i in range(37)]
    sheet = _xlsx(tmp_path / "s.xlsx", rows,
                  lambda xml, re: re.sub(r'<dimension ref="[^"]*"/>',
                                         '<dimension ref="A1:C3"/>', xml))
    result = _batch(sheet, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.stdout == "37 written, 0 failed\n"
    assert [r[0] for r in _report(tmp_path / "out")] == list(range(2, 39))


def test_xlsx_cells_that_cannot_be_read_fail_their_row_alone(tmp_path):
    rows = [["role", "company", "description", "start_date"]] + [
        ["Engineer", f"Company {i}", DESCRIPTION, None] for i in range(5)]

    def damage(xml, re):
        cells = {"D3": '<c r="D3" t="d"><v>not-a-date</v></c>',
                 "D4": '<c r="D4" t="n"><v>12abc</v></c>',
                 "A5": '<c r="A5" t="s"><v>999</v></c>'}
        for place, cell in cells.items():
            row = place[1:]
            if f'r="{place}"' in xml:
                xml = re.sub(rf'<c r="{place}"[^>]*?(/>|>.*?</c>)', cell, xml)
            else:
                xml = re.sub(rf'(<row r="{row}"[^>]*>.*?)</row>', rf"\g<1>{cell}</row>", xml)
        return xml

    result = _batch(_xlsx(tmp_path / "s.xlsx", rows, damage), tmp_path / "out")
    assert "Traceback" not in result.output and "internal problem" not in result.output
    assert result.exit_code == 1
    assert _report(tmp_path / "out") == [
        [2, "written", ""],
        [3, "failed", "Cell D3 cannot be read: it is marked as a date but holds 'not-a-date'."],
        [4, "failed", "Cell D4 cannot be read: it is marked as a number but holds '12abc'."],
        [5, "failed", "Cell A5 cannot be read: it is marked as shared text but holds '999'."],
        [6, "written", ""]]


def test_xlsx_below_a_title_with_merges_a_stale_tag_and_a_bad_cell(tmp_path):
    # Both ways of reading Excel at once: the header found below a title and a merged company
    # (issue 16), every row whatever the <dimension> tag and a bad cell failing its row alone
    # (issue 15).
    rows = [["Applications, spring 2027"], [],
            ["Job title", "Company", "Description", "Start date"],
            ["Engineer", "Acme", DESCRIPTION, None], ["Analyst", None, DESCRIPTION, None],
            ["Designer", "Bistro", DESCRIPTION, None], ["Writer", "Bistro", DESCRIPTION, None]]

    def damage(xml, re):
        xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:D4"/>', xml)
        xml = xml.replace("</sheetData>", "</sheetData><mergeCells count=\"1\">"
                          "<mergeCell ref=\"B4:B5\"/></mergeCells>")
        return re.sub(r'(<row r="6"[^>]*>.*?)</row>', r'\g<1><c r="D6" t="d"><v>soon</v></c></row>',
                      xml)

    result = _batch(_xlsx(tmp_path / "s.xlsx", rows, damage), tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[:2] == [
        "Column names read from row 3; the rows above it are taken as a title or notes "
        "(--header-row N to choose another row).",
        "Merged cells B4:B5: each row of a merged cell reads the value shown in it."]
    assert _report(tmp_path / "out") == [
        [4, "written", ""], [5, "written", ""],
        [6, "failed", "Cell D6 cannot be read: it is marked as a date but holds 'soon'."],
        [7, "written", ""]]
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_dir()) == [
        "acme-analyst", "acme-engineer", "bistro-writer"]


def test_an_xlsx_header_row_that_cannot_be_read_is_named(tmp_path):
    rows = [["role", "company", "description"], ["Engineer", "Acme", DESCRIPTION]]
    sheet = _xlsx(tmp_path / "s.xlsx", rows, lambda xml, re: re.sub(
        r'<c r="A1"[^>]*?(/>|>.*?</c>)', '<c r="A1" t="n"><v>role</v></c>', xml))
    for args in ([], ["--header-row", "1"]):
        result = CliRunner().invoke(main, ["batch", str(sheet), "--out", str(tmp_path / "o"),
                                           *args])
        assert result.exit_code == 1
        assert result.stderr == (f"Error: Row 1 of {str(sheet)!r} cannot be read: Cell A1 "
                                 f"cannot be read: it is marked as a number but holds "
                                 f"'role'.\n")
        assert not (tmp_path / "o").exists()


def test_a_json_line_nested_too_deeply_fails_alone(tmp_path):
    sheet = tmp_path / "s.jsonl"
    good = json.dumps({"role": "Engineer", "company": "Acme", "description": DESCRIPTION})
    sheet.write_text(f"{good}\n{'[' * 200_000}{']' * 200_000}\n{good}\n", encoding="utf-8")
    result = _batch(sheet, tmp_path / "out")
    assert "internal problem" not in result.output
    assert result.exit_code == 1
    assert _report(tmp_path / "out") == [
        [1, "written", ""],
        [2, "failed", "Line 2 is nested too deeply to read (lists or objects inside each "
                      "other, hundreds of levels)."],
        [3, "written", ""]]


def test_a_csv_built_to_slow_the_dialect_sniffer_reads_at_once(tmp_path):
    # csv.Sniffer's regular expressions take time with the square of the text they read:
    # this row held the run for minutes when the first 64 KB were sniffed.
    import time

    sheet = tmp_path / "s.csv"
    sheet.write_text("role,company,description\nEngineer,Acme,\"" + 'a,"b' * 19_000 + "\"\n",
                     encoding="utf-8")
    start = time.monotonic()
    result = _batch(sheet, tmp_path / "out")
    assert time.monotonic() - start < 10
    assert result.exit_code == 0, result.output


def test_windows_1252_behind_a_utf8_mark_keeps_its_accents_and_says_so(tmp_path):
    sheet = tmp_path / "s.csv"
    sheet.write_bytes(b"\xef\xbb\xbf" + "role,company,description\r\nEngineer,Café Müller,Café "
                      "Müller sells groceries.\r\n".encode("cp1252"))
    result = _batch(sheet, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert f"Warning: The spreadsheet {str(sheet)!r} starts with the UTF-8 mark but is not " \
           f"UTF-8 text: it was read as Windows-1252 (as Excel saves it). If accents look " \
           f"wrong, name the encoding with --encoding.\n" in result.stderr
    plan = json.loads((tmp_path / "out" / "cafe-muller-engineer" / "30-60-90-plan.json")
                      .read_text(encoding="utf-8"))
    assert plan["company"] == "Café Müller"


@pytest.mark.parametrize("saved", [
    "Café Müller runs 40 stores — and serves 90,000 guests.".encode(),
    b"\xef\xbb\xbf" + "Café Müller runs 40 stores — and serves 90,000 guests.".encode(),
    "Café Müller runs 40 stores — and serves 90,000 guests.".encode("utf-16"),
    "Café Müller runs 40 stores — and serves 90,000 guests.".encode("cp1252"),
    b"\xef\xbb\xbf" + "Café Müller runs 40 stores — and serves 90,000 guests.".encode("cp1252"),
], ids=["utf-8", "utf-8 with mark", "utf-16", "cp1252", "cp1252 behind a utf-8 mark"])
def test_a_description_file_is_decoded_as_a_spreadsheet_is(tmp_path, saved):
    """One detection for both: the description file from the same program reads the same."""
    described = tmp_path / "ad.txt"
    described.write_bytes(saved)
    result = CliRunner().invoke(main, ["explain", "--role", "Store Manager", "--company",
                                       "Café Müller", "--description-file", str(described)])
    assert result.exit_code == 0, result.output
    assert "Café Müller runs 40 stores — and serves 90,000 guests." in result.stdout, result.stdout
    assert "»¿" not in result.stdout and "\ufeff" not in result.stdout  # the mark read as text
