"""nextround batch: spreadsheets with every problem people's real spreadsheets have.

Most runs ask for JSON only (the whole pipeline up to the last stage, fast); one run renders
PDF and DOCX and checks them with qpdf and LibreOffice.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import (
    SAMPLES,
    child_processes,
    libreoffice_text,
    once_per_run,
    pdf_text,
    qpdf_check,
)

from nextround.cli import main

DESCRIPTION = ("Acme Grocers runs 142 stores in Ohio. We are migrating the data warehouse to "
               "Snowflake this year.")
FAST = ["--format", "json", "--only", "plan", "--jobs", "1"]


def run(*args: str):
    return CliRunner().invoke(main, ["batch", *args], catch_exceptions=False)


def write_csv(path: Path, rows: list[list[str]], *, encoding="utf-8", delimiter=",") -> Path:
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def report(out: Path) -> list[dict[str, str]]:
    with open(out / "report.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def folders(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.is_dir())


def plan_json(folder: Path) -> dict:
    return json.loads((folder / "30-60-90-plan.json").read_text(encoding="utf-8"))


# -- the sample that ships -----------------------------------------------------------------


def test_sample_spreadsheet_writes_good_rows_and_reports_the_two_broken_ones(tmp_path):
    out = tmp_path / "out"
    result = run(str(SAMPLES / "candidates.csv"), "--out", str(out), "--format", "json",
                 "--jobs", "2")
    assert result.exit_code == 1
    rows = report(out)
    assert len(rows) == 22
    failed = {r["row"]: r["error"] for r in rows if r["status"] == "failed"}
    assert failed == {
        "10": "The role is empty (column 'Job Title').",
        "16": "The description file 'descriptions/nordlicht-logistics.txt' does not exist.",
    }
    assert result.stdout == f"20 written, 2 failed: see {out / 'report.csv'}\n"
    assert "Row 10 failed: The role is empty (column 'Job Title')." in result.stderr
    written = [r for r in rows if r["status"] == "written"]
    assert len(folders(out)) == 20
    for row in written:
        folder = Path(row["folder"])
        assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
            "30-60-90-plan.json", "follow-up-questions.json"]
    # Names come from the data, accents transliterated: "Zoë Müller" at Quarrylight.
    assert any(name.startswith("quarrylight-") and name.endswith("zoe-muller")
               for name in folders(out))


def test_batch_pdf_and_docx_open_in_real_readers(tmp_path):
    sheet = write_csv(tmp_path / "c.csv", [
        ["Job Title", "Company Name", "About the company", "Candidate"],
        ["Senior Data Engineer", "Acme Grocers", DESCRIPTION, "Zoë Müller"],
        ["Sous Chef", "Le Petit Four", "A bakery in Lyon opening a second site in May.", ""],
    ])
    out = tmp_path / "out"
    result = run(str(sheet), "--out", str(out), "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout == "2 written, 0 failed\n"
    assert folders(out) == ["acme-grocers-senior-data-engineer-zoe-muller",
                            "le-petit-four-sous-chef"]
    folder = out / "acme-grocers-senior-data-engineer-zoe-muller"
    for pdf in folder.glob("*.pdf"):
        assert qpdf_check(pdf).returncode == 0
    assert "Zoë Müller" in pdf_text(folder / "30-60-90-plan.pdf")
    assert "Snowflake" in libreoffice_text(folder / "30-60-90-plan.docx", tmp_path)


# -- columns ---------------------------------------------------------------------------------


def test_missing_required_column_is_reported_at_once_naming_the_columns_found(tmp_path):
    sheet = write_csv(tmp_path / "c.csv", [["Title", "Notes"], ["Engineer", "x"]])
    out = tmp_path / "out"
    result = run(str(sheet), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: The spreadsheet has no column for the company or the description (or "
        "description_file). Columns found: 'Title', 'Notes'. Name a column with --map, for "
        "example --map role=\"Job Title\".\n")
    assert not out.exists()


def test_extra_columns_are_ignored_and_named(tmp_path):
    sheet = write_csv(tmp_path / "c.csv", [
        ["Position", "Employer", "Job Description", "Salary", "Recruiter notes"],
        ["Data Engineer", "Acme Grocers", DESCRIPTION, "95000", "call Tue"],
    ])
    result = run(str(sheet), "--out", str(tmp_path / "out"), *FAST)
    assert result.exit_code == 0, result.output
    assert "Ignoring columns: 'Salary', 'Recruiter notes'." in result.stderr
    assert plan_json(tmp_path / "out" / "acme-grocers-data-engineer")["role"] == "Data Engineer"


def test_map_reads_a_field_from_any_column(tmp_path):
    sheet = write_csv(tmp_path / "c.csv", [
        ["Vacancy", "Client", "Blurb", "Who"],
        ["Store Manager", "Ollerton Outdoor", "We are opening a flagship store.", "Ana"],
    ])
    out = tmp_path / "out"
    result = run(str(sheet), "--out", str(out), *FAST, "--map", "role=Vacancy",
                 "--map", "description=blurb", "--map", "candidate=Who")
    assert result.exit_code == 0, result.output
    assert folders(out) == ["ollerton-outdoor-store-manager-ana"]
    bad = run(str(sheet), "--out", str(out), "--map", "role=Job")
    assert bad.exit_code == 1
    assert bad.stderr == ("Error: --map role='Job': there is no column 'Job'. Columns found: "
                          "'Vacancy', 'Client', 'Blurb', 'Who'.\n")


def test_headers_match_case_and_space_insensitively(tmp_path):
    sheet = write_csv(tmp_path / "c.csv", [
        ["  ROLE ", "company_name", "DESCRIPTION"],
        ["Nurse", "Larkspur Health", "A 200-bed hospital. We follow HIPAA."],
    ])
    result = run(str(sheet), "--out", str(tmp_path / "out"), *FAST)
    assert result.exit_code == 0, result.output
    assert folders(tmp_path / "out") == ["larkspur-health-nurse"]


# -- rows ------------------------------------------------------------------------------------


def test_bad_rows_never_stop_good_ones_and_row_numbers_match_the_spreadsheet(tmp_path):
    (tmp_path / "good.txt").write_text(DESCRIPTION, encoding="utf-8")
    sheet = tmp_path / "c.csv"
    sheet.write_text(
        "role,company,description,description_file\n"                  # row 1
        "Data Engineer,Acme,\"Acme runs 142 stores.\n"                    # row 2, two lines
        "Our \"\"Fresh First\"\" program launches in May.\",\n"
        "\n"                                                             # row 3: blank
        ",Acme,Some text.,\n"                                            # row 4: no role
        "Analyst,Acme,,missing.txt\n"                                    # row 5: no file
        "Analyst,Acme,,../outside.txt\n"                                 # row 6: outside
        "Analyst,Acme,,\n"                                               # row 7: no text
        "Chef,Bistro,,good.txt\n",                                       # row 8
        encoding="utf-8")
    out = tmp_path / "out"
    result = run(str(sheet), "--out", str(out), *FAST)
    assert result.exit_code == 1
    assert [(r["row"], r["status"], r["error"]) for r in report(out)] == [
        ("2", "written", ""),
        ("4", "failed", "The role is empty (column 'role')."),
        ("5", "failed", "The description file 'missing.txt' does not exist."),
        ("6", "failed", f"The description file '../outside.txt' is outside the spreadsheet's "
                        f"folder; put it in '{tmp_path}' or a folder inside it, or allow its "
                        f"folder with --allow-dir."),
        ("7", "failed", "The description is empty (column 'description' or "
                        "'description_file')."),
        ("8", "written", ""),
    ]
    assert result.stdout == (f"2 written, 4 failed (1 blank row skipped): see "
                             f"{out / 'report.csv'}\n")
    assert folders(out) == ["acme-data-engineer", "bistro-chef"]
    # The cell of row 2 spans two lines and holds quotes; both sentences came through.
    plan = json.dumps(plan_json(out / "acme-data-engineer"), ensure_ascii=False)
    assert "Acme runs 142 stores." in plan
    assert 'Our \\"Fresh First\\" program launches in May.' in plan


def test_all_rows_good_exits_zero_with_summary(tmp_path):
    sheet = write_csv(tmp_path / "c.csv", [["role", "company", "description"],
                                           ["Engineer", "Acme", DESCRIPTION]])
    result = run(str(sheet), "--out", str(tmp_path / "out"), *FAST)
    assert (result.exit_code, result.stdout) == (0, "1 written, 0 failed\n")
    assert [r["status"] for r in report(tmp_path / "out")] == ["written"]


def test_fail_fast_stops_at_the_first_failure(tmp_path):
    sheet = write_csv(tmp_path / "c.csv", [["role", "company", "description"],
                                           ["Engineer", "Acme", DESCRIPTION],
                                           ["", "Acme", DESCRIPTION],
                                           ["Engineer", "Beta", DESCRIPTION]])
    out = tmp_path / "out"
    result = run(str(sheet), "--out", str(out), *FAST, "--fail-fast")
    assert result.exit_code == 1
    assert [(r["row"], r["status"]) for r in report(out)] == [("2", "written"), ("3", "failed")]
    assert folders(out) == ["acme-engineer"]


def test_limit_takes_the_first_rows(tmp_path):
    rows = [["role", "company", "description"]] + [
        ["Engineer", f"Company {i}", DESCRIPTION] for i in range(5)]
    out = tmp_path / "out"
    result = run(str(write_csv(tmp_path / "c.csv", rows)), "--out", str(out), *FAST,
                 "--limit", "2")
    assert result.exit_code == 0, result.output
    assert folders(out) == ["company-0-engineer", "company-1-engineer"]


# -- names -----------------------------------------------------------------------------------


def test_folder_names_are_safe_unique_and_inside_out(tmp_path):
    sheet = write_csv(tmp_path / "c.csv", [
        ["role", "company", "description", "candidate"],
        ["Data Engineer", "Acme", DESCRIPTION, ""],
        ["Data Engineer", "Acme", DESCRIPTION, ""],
        ["Data Engineer", "ACME", DESCRIPTION, ""],
        ["../../etc/passwd", "a/b\\c", DESCRIPTION, ".."],
        ["Chef 🍰 pâtissière", "Café Ünïcode", DESCRIPTION, "Zoë"],
        ["CON", "nul", DESCRIPTION, ""],
        ["🍰", "🍰", DESCRIPTION, ""],
        ["Engineer " * 22, "Company " * 22, DESCRIPTION, ""],
    ])
    out = tmp_path / "out"
    result = run(str(sheet), "--out", str(out), *FAST)
    assert result.exit_code == 0, result.output
    names = [Path(r["folder"]).name for r in report(out)]
    assert names[:3] == ["acme-data-engineer", "acme-data-engineer-2", "acme-data-engineer-3"]
    assert names[3] == "a-b-c-etc-passwd"
    assert names[4] == "cafe-unicode-chef-patissiere-zoe"
    assert names[5] == "nul-con"
    assert names[6] == "row-8"
    assert len(names[7]) <= 100
    for row in report(out):
        assert Path(row["folder"]).resolve().parent == out.resolve()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv", "out"]


def test_name_pattern(tmp_path):
    sheet = write_csv(tmp_path / "c.csv", [["role", "company", "description", "candidate"],
                                           ["Engineer", "Acme", DESCRIPTION, "Jo Li"]])
    out = tmp_path / "out"
    result = run(str(sheet), "--out", str(out), *FAST, "--name", "{row} {candidate}/{company}")
    assert result.exit_code == 0, result.output
    assert folders(out) == ["2-jo-li-acme"]
    bad = run(str(sheet), "--out", str(out), "--name", "{salary}-{role}")
    assert bad.exit_code == 1
    assert bad.stderr == ("Error: --name '{salary}-{role}': use the placeholders {company}, "
                          "{role}, {candidate}, {row} (not {salary}).\n")


# -- file formats and encodings --------------------------------------------------------------


@pytest.mark.parametrize("encoding,delimiter", [
    ("utf-8-sig", ","), ("utf-16", ","), ("cp1252", ";"), ("utf-8", "\t"), ("utf-8", "|")])
def test_encodings_and_delimiters_keep_every_character(tmp_path, encoding, delimiter):
    sheet = write_csv(tmp_path / "c.csv", [
        ["Job Title", "Company Name", "About the company", "Candidate"],
        ["Pâtissière", "Café Müller",
         "Café Müller bakes 400 croissants a day; the bakery’s team is growing.", "Zoë Ñúñez"],
    ], encoding=encoding, delimiter=delimiter)
    out = tmp_path / "out"
    result = run(str(sheet), "--out", str(out), *FAST)
    assert result.exit_code == 0, result.output
    plan = plan_json(out / "cafe-muller-patissiere-zoe-nunez")
    assert (plan["role"], plan["company"], plan["candidate"]) == (
        "Pâtissière", "Café Müller", "Zoë Ñúñez")
    assert "Café Müller bakes 400 croissants a day; the bakery’s team is growing." in json.dumps(
        plan, ensure_ascii=False)


def test_encoding_option(tmp_path):
    sheet = write_csv(tmp_path / "c.csv", [["role", "company", "description"],
                                           ["Chef", "Crème", "Crème brûlée daily."]],
                      encoding="latin-1")
    result = run(str(sheet), "--out", str(tmp_path / "out"), *FAST, "--encoding", "latin-1")
    assert result.exit_code == 0, result.output
    assert plan_json(tmp_path / "out" / "creme-chef")["company"] == "Crème"
    bad = run(str(sheet), "--out", str(tmp_path / "out"), "--encoding", "klingon")
    assert bad.exit_code == 2
    assert bad.stderr.endswith("Error: Invalid value for '--encoding': Unknown encoding "
                               "'klingon': try utf-8, utf-16 or cp1252 (Excel on Windows).\n")
    # Codecs Python knows that cannot read text (issue 15, item 18): a usage error too.
    for name, message in [("rot13", "'rot13' is not a text encoding"),
                          ("base64", "'base64' is not a text encoding"),
                          ("zlib", "'zlib' is not a text encoding"),
                          ("idna", "The encoding 'idna' cannot read a spreadsheet")]:
        bad = run(str(sheet), "--out", str(tmp_path / "out"), "--encoding", name)
        assert bad.exit_code == 2, name
        assert bad.stderr.endswith(f"Error: Invalid value for '--encoding': {message}: try "
                                   f"utf-8, utf-16 or cp1252 (Excel on Windows).\n")


def test_excel_workbook_with_sheet_choice(tmp_path):
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["nothing here"])
    sheet = book.create_sheet("Applications")
    sheet.append(["Job Title", "Company Name", "About the company", "Start date"])
    sheet.append(["Data Engineer", "Acme", DESCRIPTION, dt.datetime(2027, 1, 4)])
    sheet.append([None, None, None, None])
    sheet.append(["Sous Chef", "Bistro", "A bistro with 40 covers.", None])
    path = tmp_path / "apps.xlsx"
    book.save(path)
    out = tmp_path / "out"
    result = run(str(path), "--out", str(out), *FAST, "--sheet", "Applications")
    assert result.exit_code == 0, result.output
    assert [(r["row"], r["status"]) for r in report(out)] == [("2", "written"),
                                                              ("4", "written")]
    assert "4 January 2027" in json.dumps(plan_json(out / "acme-data-engineer"))
    first = run(str(path), "--out", str(out))
    assert first.exit_code == 1
    assert first.stderr.startswith("Error: The spreadsheet has no column for the role")
    missing = run(str(path), "--out", str(out), "--sheet", "Nope")
    assert missing.stderr == (f"Error: There is no sheet 'Nope' in '{path}'. Sheets: "
                              f"'Notes', 'Applications'.\n")


def test_json_lines_with_a_broken_line(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(
        json.dumps({"role": "Engineer", "company": "Acme", "description": DESCRIPTION,
                    "interviewers": ["Sam Lee", "Priya Raman"]}) + "\n"
        + '{"role": "Chef", "company": \n'
        + json.dumps(["not", "an", "object"]) + "\n",
        encoding="utf-8")
    out = tmp_path / "out"
    result = run(str(path), "--out", str(out), *FAST)
    assert result.exit_code == 1
    assert [(r["row"], r["status"], r["error"]) for r in report(out)] == [
        ("1", "written", ""),
        ("2", "failed", "Line 2 is not valid JSON (Expecting value)."),
        ("3", "failed", 'Line 3 is not a JSON object ({"role": ..., "company": ...}).'),
    ]


def test_spreadsheet_problems_are_clear_errors(tmp_path):
    assert run(str(tmp_path / "none.csv")).stderr == (
        f"Error: The spreadsheet '{tmp_path / 'none.csv'}' does not exist.\n")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert run(str(empty)).stderr == (
        f"Error: The spreadsheet '{empty}' is empty: its first row should name the columns "
        f"(role, company, description, ...).\n")
    fake = tmp_path / "fake.xlsx"
    fake.write_text("role,company\n", encoding="utf-8")
    assert run(str(fake)).stderr == (
        f"Error: The spreadsheet '{fake}' cannot be opened as an Excel .xlsx file "
        f"(BadZipFile).\n")


# -- dry run, resume, interruption -----------------------------------------------------------


def test_dry_run_validates_every_row_and_writes_nothing(tmp_path):
    sheet = write_csv(tmp_path / "c.csv", [["role", "company", "description"],
                                           ["Engineer", "Acme", DESCRIPTION],
                                           ["", "Acme", DESCRIPTION]])
    out = tmp_path / "out"
    result = run(str(sheet), "--out", str(out), "--dry-run", "--format", "pdf")
    assert result.exit_code == 1
    assert result.stdout == (
        f"row 2: {out / 'acme-engineer'}/  30-60-90-plan.pdf, follow-up-questions.pdf\n"
        f"row 3: would fail: The role is empty (column 'role').\n"
        f"Dry run: 1 row would be written, 1 would fail. Nothing was written.\n")
    assert not out.exists()


def test_resume_skips_complete_rows_and_redoes_partial_ones(tmp_path):
    rows = [["role", "company", "description"]] + [
        ["Engineer", f"Company {i}", DESCRIPTION] for i in range(4)]
    sheet = write_csv(tmp_path / "c.csv", rows)
    out = tmp_path / "out"
    assert run(str(sheet), "--out", str(out), *FAST, "--limit", "3").exit_code == 0
    # Row 3's folder lost a file and holds a temporary file from a killed run.
    (out / "company-1-engineer" / "30-60-90-plan.json").unlink()
    (out / "company-1-engineer" / ".30-60-90-plan.json.x1.part").write_bytes(b"half")
    before = (out / "company-0-engineer" / "30-60-90-plan.json").stat().st_mtime_ns
    result = run(str(sheet), "--out", str(out), *FAST, "--resume")
    assert result.exit_code == 0, result.output
    assert result.stdout == "2 written, 2 already complete, 0 failed\n"
    assert [(r["row"], r["status"]) for r in report(out)] == [
        ("2", "complete"), ("3", "written"), ("4", "complete"), ("5", "written")]
    assert (out / "company-0-engineer" / "30-60-90-plan.json").stat().st_mtime_ns == before
    assert sorted(p.name for p in (out / "company-1-engineer").iterdir()) == [
        ".nextround-row.json", "30-60-90-plan.json"]
    # A changed row is not "complete": its fields no longer match what was written.
    rows[1][2] = DESCRIPTION + " We also run 3 bakeries."
    write_csv(tmp_path / "c.csv", rows)
    again = run(str(sheet), "--out", str(out), *FAST, "--resume")
    assert again.stdout == "1 written, 3 already complete, 0 failed\n"


def test_a_thousand_rows(tmp_path):
    rows = [["role", "company", "description", "candidate"]] + [
        [("Data Engineer", "Sous Chef", "Store Manager", "RN")[i % 4], f"Company {i % 997}",
         f"Company {i} runs {i} stores. We are migrating to Snowflake.", ""]
        for i in range(1000)]
    sheet = write_csv(tmp_path / "big.csv", rows)
    out = tmp_path / "out"
    result = run(str(sheet), "--out", str(out), "--format", "json", "--only", "plan",
                 "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout == "1000 written, 0 failed\n"
    rows_reported = report(out)
    assert [int(r["row"]) for r in rows_reported] == list(range(2, 1002))
    assert len(folders(out)) == 1000
    assert all((Path(r["folder"]) / "30-60-90-plan.json").is_file() for r in rows_reported)


def _start(args: list[str], cwd: Path) -> subprocess.Popen:
    # A session of its own, so a signal reaches the batch and its workers together, as
    # Ctrl-C in a terminal or a power cut would.
    command = [sys.executable, "-c", "from nextround.cli import main; main()", "batch", *args]
    return subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def _wait_for_rows(out: Path, count: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if out.is_dir() and sum(1 for _ in out.glob("*/.nextround-row.json")) >= count:
            return
        time.sleep(0.05)
    pytest.fail("the batch did not get going")


def _tree(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "report.csv"}


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_ctrl_c_reaching_workers_as_they_start_does_not_stop_them(tmp_path):
    # A Ctrl-C at the terminal reaches every process of the run. Each worker, including the
    # replacements started after ROWS_PER_WORKER rows, gets one the moment it appears, while
    # Python is still starting: none may die of it (that broke the pool and printed
    # tracebacks), and the run, whose own process was not signalled, finishes every row.
    rows = [["role", "company", "description", "date"]] + [
        ["Engineer", f"Company {i}", DESCRIPTION, "2026-11-25"] for i in range(90)]
    sheet = write_csv(tmp_path / "c.csv", rows)
    process = _start([str(sheet), "--format", "md", "--jobs", "2", "--out", str(tmp_path / "out")],
                     tmp_path)
    signalled: set[int] = set()
    while process.poll() is None:
        for child in child_processes(process.pid) - signalled:
            signalled.add(child)
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGINT)
        time.sleep(0.002)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert stdout.startswith("90 written, 0 failed")
    assert len(signalled) >= 3  # two workers and at least one replacement


INTERRUPTED_ROWS = [["role", "company", "description", "date"]] + [
    ["Engineer", f"Company {i}", DESCRIPTION, "2026-11-25"] for i in range(40)]
INTERRUPTED_ARGS = ["--format", "md,json", "--jobs", "2"]


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory) -> dict[str, bytes]:
    """What an uninterrupted run of the interrupted runs' sheet writes (its files' bytes),
    made once for the test run: both ways of stopping compare against the same clean run."""
    def make(folder: Path) -> dict[str, bytes]:
        sheet = write_csv(folder / "c.csv", INTERRUPTED_ROWS)
        clean = subprocess.run([sys.executable, "-c", "from nextround.cli import main; main()",
                                "batch", str(sheet), *INTERRUPTED_ARGS, "--out",
                                str(folder / "clean")], capture_output=True, text=True)
        assert clean.returncode == 0, clean.stderr
        return _tree(folder / "clean")

    return once_per_run(tmp_path_factory, "batch-clean-run", make)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill-9"])
def test_interrupted_run_resumes_to_exactly_what_a_clean_run_writes(tmp_path, sig, clean_run):
    sheet = write_csv(tmp_path / "c.csv", INTERRUPTED_ROWS)
    args = [str(sheet), *INTERRUPTED_ARGS]
    out = tmp_path / "out"
    process = _start([*args, "--out", str(out)], tmp_path)
    _wait_for_rows(out, 3, process)
    os.killpg(process.pid, sig)
    _, stderr = process.communicate(timeout=120)
    clean_files = clean_run
    if sig == signal.SIGINT:
        # Ctrl-C: rows in progress finish, nothing temporary stays, the report is written.
        assert process.returncode == 130
        assert "Interrupted after " in stderr and "--resume" in stderr
        assert (out / "report.csv").is_file()
        assert not list(out.rglob("*.part"))
    # Killed or not, every file under its final name is whole: the same bytes a clean run
    # writes. (A kill -9 may leave a temporary .part file; --resume removes it.)
    for name, data in _tree(out).items():
        if not name.endswith(".part"):
            assert data == clean_files[name], name

    resumed = subprocess.run([sys.executable, "-c", "from nextround.cli import main; main()",
                              "batch", *args, "--out", str(out), "--resume"],
                             capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert "already complete" in resumed.stdout
    assert not resumed.stdout.startswith("0 written")  # it was stopped part-way
    assert _tree(out) == clean_files
    assert [r["status"] for r in report(out)].count("failed") == 0


# -- the report never replaces what it should not (issue 15, item 1) ---------------------------


def _sheet(tmp_path: Path, count: int = 2) -> Path:
    rows = [["role", "company", "description"]] + [
        ["Engineer", f"Company {i}", DESCRIPTION] for i in range(count)]
    return write_csv(tmp_path / "c.csv", rows)


def test_the_report_never_replaces_the_spreadsheet(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    sheet = out / "report.csv"
    sheet.write_bytes(_sheet(tmp_path).read_bytes())
    before = sheet.read_bytes()
    result = run(str(sheet), "--out", str(out), *FAST)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: The spreadsheet {str(sheet)!r} is where batch writes its report; nothing was "
        f"written. Choose another folder with --out, or move the spreadsheet.\n")
    assert sheet.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["report.csv"]


def test_a_file_of_the_users_named_report_csv_is_not_replaced(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.csv").write_text("my,own,notes\n", encoding="utf-8")
    result = run(str(_sheet(tmp_path)), "--out", str(out), *FAST)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {str(out / 'report.csv')!r} is not a report that nextround wrote, and batch "
        f"writes its report there; nothing was written. Move that file, or choose another "
        f"folder with --out.\n")
    assert (out / "report.csv").read_text(encoding="utf-8") == "my,own,notes\n"
    assert folders(out) == []


def test_a_fresh_run_sets_the_earlier_report_aside(tmp_path):
    sheet, out = _sheet(tmp_path, 3), tmp_path / "out"
    assert run(str(sheet), "--out", str(out), *FAST).exit_code == 0
    earlier = (out / "report.csv").read_bytes()
    result = run(str(sheet), "--out", str(out), *FAST, "--limit", "1")
    assert result.exit_code == 0
    kept = [p for p in out.iterdir() if p.name.startswith("report-")]
    assert len(kept) == 1 and kept[0].read_bytes() == earlier
    assert f"The earlier run's report was kept as {kept[0]}.\n" in result.stderr
    assert [r["row"] for r in report(out)] == ["2"]
    # A third run keeps both earlier reports, under distinct names.
    assert run(str(sheet), "--out", str(out), *FAST, "--limit", "1").exit_code == 0
    assert len([p for p in out.iterdir() if p.name.startswith("report-")]) == 2


def test_resume_keeps_the_earlier_reports_rows(tmp_path):
    rows = [["role", "company", "description"],
            ["Engineer", "Company 0", DESCRIPTION], ["", "Company 1", DESCRIPTION],
            ["Engineer", "Company 2", DESCRIPTION]]
    sheet, out = write_csv(tmp_path / "c.csv", rows), tmp_path / "out"
    assert run(str(sheet), "--out", str(out), *FAST).exit_code == 1
    result = run(str(sheet), "--out", str(out), *FAST, "--resume", "--limit", "1")
    assert result.exit_code == 0
    assert [(r["row"], r["status"], r["error"]) for r in report(out)] == [
        ("2", "complete", ""), ("3", "failed", "The role is empty (column 'role')."),
        ("4", "written", "")]
    assert not [p for p in out.iterdir() if p.name.startswith("report-")]


def test_resume_redoes_a_row_whose_description_or_logo_file_changed(tmp_path):
    # Issue 15, item 3: the key covered the file's name, not its contents.
    from test_themes import png

    (tmp_path / "acme.txt").write_text(DESCRIPTION, encoding="utf-8")
    png(tmp_path / "logo.png", 20, 10, (200, 0, 0))
    sheet = write_csv(tmp_path / "c.csv", [["role", "company", "description_file", "logo"],
                                           ["Engineer", "Acme", "acme.txt", "logo.png"]])
    out = tmp_path / "out"
    assert run(str(sheet), "--out", str(out), *FAST).exit_code == 0
    assert run(str(sheet), "--out", str(out), *FAST, "--resume").stdout == (
        "0 written, 1 already complete, 0 failed\n")

    (tmp_path / "acme.txt").write_text("Acme Grocers runs 9 bakeries in Vermont.",
                                       encoding="utf-8")
    result = run(str(sheet), "--out", str(out), *FAST, "--resume")
    assert result.stdout == "1 written, 0 failed\n"
    assert "bakeries" in json.dumps(plan_json(out / "acme-engineer"))

    png(tmp_path / "logo.png", 20, 10, (0, 0, 200))
    assert run(str(sheet), "--out", str(out), *FAST, "--resume").stdout == (
        "1 written, 0 failed\n")
    assert run(str(sheet), "--out", str(out), *FAST, "--resume").stdout == (
        "0 written, 1 already complete, 0 failed\n")


# -- stopping: SIGTERM, kill -9 of the parent, a second Ctrl-C (issue 15, items 17 and 19) -----


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _all_gone(pids: set[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(map(_alive, pids)):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def strays():
    """Child processes a test saw; any still running at the end (the test failed) are killed,
    so a failure does not leave workers behind."""
    seen: set[int] = set()
    yield seen
    for pid in seen:
        if _alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _forty_rows(tmp_path: Path) -> Path:
    rows = [["role", "company", "description", "date"]] + [
        ["Engineer", f"Company {i}", DESCRIPTION, "2026-11-25"] for i in range(40)]
    return write_csv(tmp_path / "c.csv", rows)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
@pytest.mark.parametrize("whom", ["parent", "group"])
def test_sigterm_stops_like_ctrl_c_and_writes_the_report(tmp_path, whom, strays):
    # `kill PID` (docker stop) signals the parent only; systemd signals the whole group.
    out = tmp_path / "out"
    process = _start([str(_forty_rows(tmp_path)), "--format", "md", "--jobs", "2", "--out",
                      str(out)], tmp_path)
    _wait_for_rows(out, 3, process)
    children = child_processes(process.pid)
    strays.update({process.pid, *children})
    assert len(children) >= 2  # the workers (and multiprocessing's resource tracker)
    (os.kill if whom == "parent" else os.killpg)(process.pid, signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr
    assert "Stopped by SIGTERM after " in stderr and "--resume" in stderr
    assert "Traceback" not in stderr
    reported = {r["folder"] for r in report(out) if r["status"] == "written"}
    assert reported == {str(p.parent) for p in out.glob("*/.nextround-row.json")}
    assert not list(out.rglob("*.part"))
    assert _all_gone(children, 10)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_killing_the_parent_outright_ends_its_workers(tmp_path, strays):
    out = tmp_path / "out"
    process = _start([str(_forty_rows(tmp_path)), "--format", "md", "--jobs", "2", "--out",
                      str(out)], tmp_path)
    _wait_for_rows(out, 3, process)
    children = child_processes(process.pid)
    strays.update({process.pid, *children})
    assert len(children) >= 2
    process.kill()  # the parent alone, as the out-of-memory killer would
    process.communicate(timeout=60)
    assert _all_gone(children, 10), "the workers outlived their parent"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_a_second_ctrl_c_stops_at_once_and_reports_every_finished_row(tmp_path, strays):
    out = tmp_path / "out"
    rows = [["role", "company", "description", "date"]] + [
        ["Engineer", f"Company {i}", DESCRIPTION, "2026-11-25"] for i in range(30)]
    sheet = write_csv(tmp_path / "c.csv", rows)
    # PDF rows take a second or so: the second Ctrl-C lands while rows are still finishing.
    process = _start([str(sheet), "--format", "pdf", "--only", "plan", "--jobs", "2", "--out",
                      str(out)], tmp_path)
    _wait_for_rows(out, 2, process)
    children = child_processes(process.pid)
    strays.update({process.pid, *children})
    os.killpg(process.pid, signal.SIGINT)
    time.sleep(0.3)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    # Every row whose folder is whole is in the report, and no row that is not.
    time.sleep(1)  # a worker still finishing a row would show here
    reported = {r["folder"] for r in report(out) if r["status"] == "written"}
    assert reported == {str(p.parent) for p in out.glob("*/.nextround-row.json")}
    assert _all_gone(children, 10)
