"""Interviewers with titles: the "Who I meet" table, questions for each person, and one copy of
the plan per interviewer (issue 14, item 7). Checked on the files produced."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import libreoffice_text, once_per_run, pdf_text, squash

from nextround.errors import RequestError
from nextround.pipeline import generate
from nextround.request import build_request

PEOPLE = ["Sam Lee, VP Engineering", "Priya Raman (Chief Financial Officer)",
          "Alex Kim - Senior Recruiter", "Jo Park"]


@pytest.fixture(scope="module")
def loop_files(tmp_path_factory, acme_fields) -> dict:
    def make(out: Path) -> dict:
        request = build_request({**acme_fields, "interviewers": PEOPLE,
                                 "per_interviewer": True, "formats": ["pdf", "docx"]})
        return {p.name: p for p in generate(request, out)}

    return once_per_run(tmp_path_factory, "interviewers", make)


def test_who_i_meet_says_what_each_function_cares_about(loop_files):
    text = squash(pdf_text(loop_files["follow-up-questions.pdf"]))
    assert "Who I meet" in text
    assert "Sam Lee VP Engineering Sound technical judgment, reliable delivery" in text
    assert "Priya Raman Chief Financial Officer Cost, budget, measurable return" in text
    assert "Alex Kim Senior Recruiter Whether I fit the brief" in text
    # A person without a title is listed by name, with nothing made up about them.
    assert "Jo Park" in text and "For Jo Park" not in text


def test_each_titled_interviewer_gets_questions_for_their_function(loop_files):
    text = squash(pdf_text(loop_files["follow-up-questions.pdf"]))
    assert "For Sam Lee VP Engineering" in text
    assert "What technical debt or system limit shapes" in text
    assert "For Priya Raman Chief Financial Officer" in text
    assert "Which numbers will you look at to judge this role's first year?" in text
    assert "What is the timeline from here to an offer" in text


def test_word_file_shows_the_same_table(loop_files, tmp_path):
    text = squash(libreoffice_text(loop_files["follow-up-questions.docx"], tmp_path))
    assert "Sam Lee VP Engineering Sound technical judgment" in text
    assert "For Priya Raman Chief Financial Officer" in text


def test_one_plan_copy_per_interviewer_headed_for_that_person(loop_files):
    copies = sorted(n for n in loop_files if n.startswith("30-60-90-plan-"))
    assert copies == ["30-60-90-plan-alex-kim.docx", "30-60-90-plan-alex-kim.pdf",
                      "30-60-90-plan-jo-park.docx", "30-60-90-plan-jo-park.pdf",
                      "30-60-90-plan-priya-raman.docx", "30-60-90-plan-priya-raman.pdf",
                      "30-60-90-plan-sam-lee.docx", "30-60-90-plan-sam-lee.pdf"]
    sam = squash(pdf_text(loop_files["30-60-90-plan-sam-lee.pdf"]))
    assert "For Sam Lee, VP Engineering" in sam
    assert "Priya" not in sam
    # The shared plan names everyone, by name only.
    shared = squash(pdf_text(loop_files["30-60-90-plan.pdf"]))
    assert "For Sam Lee, Priya Raman, Alex Kim, Jo Park" in shared


def test_a_copy_puts_first_the_priority_that_person_cares_about(tmp_path):
    description = (
        "Northwind Foods makes frozen meals for grocers in the Midwest. We are rolling out a "
        "new warehouse management system across our two plants this spring. This year we "
        "must cut operating costs by 8%.")
    fields = {"role": "Operations Manager", "company": "Northwind Foods",
              "description": description, "formats": ["json"], "per_interviewer": True,
              "interviewers": ["Ann Wu, CFO", "Raj Patel, Head of Software Engineering"]}
    files = {p.name: p for p in generate(build_request(fields), tmp_path)}

    shared = json.loads(files["30-60-90-plan.json"].read_text())["priorities"]
    cfo = json.loads(files["30-60-90-plan-ann-wu.json"].read_text())["priorities"]
    cto = json.loads(files["30-60-90-plan-raj-patel.json"].read_text())["priorities"]
    assert sorted(p["title"] for p in cfo) == sorted(p["title"] for p in shared)
    assert "cost" in cfo[0]["title"].lower()
    assert "system" in cto[0]["title"].lower()


def test_per_interviewer_is_a_yes_or_no(acme_fields):
    with pytest.raises(RequestError) as caught:
        build_request({**acme_fields, "per_interviewer": "sometimes"})
    assert str(caught.value) == "The per interviewer setting 'sometimes' is not yes or no."
    assert build_request({**acme_fields, "per_interviewer": "Yes"}).per_interviewer


def test_dry_run_lists_the_copies(tmp_path):
    row = {"role": "Data Engineer", "company": "Acme Grocers", "description": "Acme sells food.",
           "interviewers": "Sam Lee, VP Engineering; Jo Park", "per interviewer": "yes"}
    (tmp_path / "sheet.jsonl").write_text(json.dumps(row))
    done = subprocess.run([sys.executable, "-m", "nextround", "batch", "sheet.jsonl",
                           "--dry-run", "--out", "out", "--format", "pdf"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert ("30-60-90-plan.pdf, follow-up-questions.pdf, 30-60-90-plan-sam-lee.pdf, "
            "30-60-90-plan-jo-park.pdf") in done.stdout
