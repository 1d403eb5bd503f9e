"""Write the real-world spreadsheets of tests/data/real_sheets.yaml, as their makers would.

The .xlsx files are made by openpyxl (real cells: dates as dates, numbers as numbers, merged
ranges); the .csv files by the csv module the way Excel saves them: "CSV (Comma delimited)" is
Windows-1252 with CRLF line ends, "CSV UTF-8" adds a byte-order mark, and Excel set to a
European locale writes semicolons and day-first dates. Run it from anywhere to remake them:

    python tests/data/sheets/make_sheets.py
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

HERE = Path(__file__).parent
ABOUT = "Acme Grocers runs 40 stores and is growing its online orders."
BISTRO = "Bistro Nord serves 200 covers a night and opens a second site in 2027."


def excel_csv(name: str, rows: list[list[str]], *, encoding: str = "cp1252",
              delimiter: str = ",") -> None:
    with open(HERE / name, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle, dialect="excel", delimiter=delimiter).writerows(rows)


def main() -> None:
    # A career coach's sheet from Excel (US): Client is the job seeker, dates month first.
    excel_csv("us-dates.csv", [
        ["Client Name", "Company", "Job Title", "About the company", "Start Date",
         "Interviewers (semicolon sep.)"],
        ["Dana Reyes", "Acme Grocers", "Data Engineer", ABOUT, "3/15/2027",
         "Sam Lee; Ana Ruiz"],
        ["Li Wei", "Bistro Nord", "Sous Chef", BISTRO, "12/1/2027", ""],
    ])
    # Excel in Germany: semicolons, dotted day-first dates.
    excel_csv("european-dates.csv", [
        ["Candidate Name", "Company", "Position", "Job Description", "Start"],
        ["Jonas Weber", "Acme Grocers", "Data Engineer", ABOUT, "15.03.2027"],
        ["Mia Koch", "Bistro Nord", "Sous Chef", BISTRO, "1.12.2027"],
    ], delimiter=";")
    # "CSV UTF-8": dates typed in words, an ISO date, and a serial left by a General format.
    excel_csv("written-dates.csv", [
        ["Role", "Company", "Description", "Start date"],
        ["Data Engineer", "Acme Grocers", ABOUT, "March 15, 2027"],
        ["Store Manager", "Acme Grocers", ABOUT, "15 March 2027"],
        ["Sous Chef", "Bistro Nord", BISTRO, "46461"],
        ["Line Cook", "Bistro Nord", BISTRO, "2027-03-15"],
    ], encoding="utf-8-sig")
    excel_csv("ambiguous-dates.csv", [
        ["Role", "Company", "Description", "Start date"],
        ["Data Engineer", "Acme Grocers", ABOUT, "3/4/2027"],
        ["Sous Chef", "Bistro Nord", BISTRO, "2027-03-15"],
    ])
    # A title, a blank row and a note above the table, as a coach shares it.
    excel_csv("title-above-header.csv", [
        ["Coaching clients – spring 2027", "", "", "", ""],
        ["", "", "", "", ""],
        ["Prepared by Sam; updated weekly", "", "", "", ""],
        ["Client", "Company", "Role", "About", "Start date"],
        ["Dana Reyes", "Acme Grocers", "Data Engineer", ABOUT, "3/15/2027"],
        ["Li Wei", "Bistro Nord", "Sous Chef", BISTRO, ""],
    ])
    # An agency's sheet: its Client is the hiring company (there is no Company column).
    excel_csv("agency-clients.csv", [
        ["Client", "Position", "Job Description", "Candidate"],
        ["Acme Grocers", "Data Engineer", ABOUT, "Dana Reyes"],
    ], encoding="utf-8-sig")
    # Columns that look like fields but are not read.
    excel_csv("columns-that-look-like-fields.csv", [
        ["Role", "Company", "Description", "Candidate full name", "Interviewer emails",
         "Client", "Salary"],
        ["Data Engineer", "Acme Grocers", ABOUT, "Dana Reyes", "sam@acme.example",
         "Dana", "90000"],
    ], encoding="utf-8-sig")
    coaching_workbook()


def coaching_workbook() -> None:
    """A merged title over the table, a note, and one company merged over two rows."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Spring 2027"
    sheet.append(["Coaching clients – spring 2027"])
    sheet.merge_cells("A1:F1")
    sheet.append(["Dates are first days; leave blank if unknown."])
    sheet.append(["Client Name", "Company", "Job Title", "About the company", "Start date",
                  "Interviewers (semicolon sep.)"])
    sheet.append(["Dana Reyes", "Acme Grocers", "Data Engineer", ABOUT,
                  dt.datetime(2027, 3, 15), "Sam Lee; Ana Ruiz"])
    sheet.append(["Li Wei", None, "Store Manager", ABOUT, 46482, None])
    sheet.merge_cells("B4:B5")
    sheet.append(["Ola Ade", "Bistro Nord", "Sous Chef", BISTRO, "April 5, 2027", None])
    # Fixed times so that a remade file differs only where its content does.
    book.properties.created = book.properties.modified = dt.datetime(2027, 1, 4)
    book.save(HERE / "coaching.xlsx")


if __name__ == "__main__":
    main()
