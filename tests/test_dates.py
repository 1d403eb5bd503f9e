"""Dates as people and spreadsheet programs write them (nextround.dates)."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from nextround.cli import main
from nextround.dates import evident_order, parse_date
from nextround.errors import RequestError

MARCH_15 = dt.date(2027, 3, 15)


@pytest.mark.parametrize("text", [
    "2027-03-15", "2027-03-15T00:00:00", "2027/03/15", "3/15/2027", "03/15/2027", "3/15/27",
    "15/3/2027", "15.03.2027", "15-03-2027", "March 15, 2027", "15 March 2027", "Mar 15 2027",
    "15-Mar-27", "Monday, 15 March 2027", "15th of March 2027", "46461", "46461.0",
])
def test_ways_of_writing_one_date(text):
    assert parse_date(text) == MARCH_15


def test_an_ambiguous_date_names_both_readings_unless_the_order_is_given():
    with pytest.raises(RequestError) as caught:
        parse_date("3/4/2027", name="start_date")
    assert str(caught.value) == (
        "The start date '3/4/2027' could be 4 March 2027 (month first) or 3 April 2027 (day "
        "first): write it as YYYY-MM-DD, or say which the file uses with --date-order mdy or "
        "--date-order dmy.")
    assert parse_date("3/4/2027", order="mdy") == dt.date(2027, 3, 4)
    assert parse_date("3/4/2027", order="dmy") == dt.date(2027, 4, 3)
    assert parse_date("4/4/2027") == dt.date(2027, 4, 4)  # both readings agree


@pytest.mark.parametrize("text", ["2027", "next monday", "13/13/2027", "Marchy 3 2027",
                                  "99999", "3/15", "March 2027", "32.01.2027"])
def test_not_dates(text):
    with pytest.raises(RequestError, match="is not a date"):
        parse_date(text)


def test_the_order_one_date_shows():
    assert [evident_order(t) for t in ("3/15/2027", "15/3/2027", "3/4/2027", "15.03.2027",
                                       "2027-03-15", "")] == ["mdy", "dmy", None, None, None,
                                                              None]


def test_generate_reads_a_us_date_and_the_date_order_option(tmp_path):
    args = ["generate", "--role", "Data Engineer", "--company", "Acme", "--description",
            "Acme sells groceries in 40 stores.", "--format", "json", "--only", "plan",
            "--out", str(tmp_path)]
    result = CliRunner().invoke(main, [*args, "--start-date", "3/4/2027", "--date-order", "dmy"])
    assert result.exit_code == 0, result.output
    plan = next(tmp_path.rglob("30-60-90-plan.json")).read_text(encoding="utf-8")
    assert '"start_date": "3 April 2027"' in plan
    bad = CliRunner().invoke(main, [*args, "--start-date", "3/4/2027"])
    assert bad.exit_code == 1
    assert "could be 4 March 2027 (month first) or 3 April 2027 (day first)" in bad.stderr
