"""Reading a spreadsheet of requests for `nextround batch`: CSV, Excel .xlsx or JSON Lines.

Rows are streamed one at a time, so a 100,000-row file costs no more memory than a 10-row one.
Each row comes out as the request fields it holds (columns matched to fields by name, alias or
--map) together with its row number as the spreadsheet program shows it, so a message can say
"row 7" and the user finds row 7.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

from .dates import evident_order
from .errors import RequestError
from .reading import CP1252_AFTER_MARK, check_archive, check_regular, text_encoding
from .request import FIELD_TABLE, FIELDS, resolve_alias

log = logging.getLogger("nextround")

# How each kind of file is read, by its extension (anything else is read as CSV).
SHEET_KINDS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx",
               ".jsonl": "jsonl", ".ndjson": "jsonl"}

# What a field's column may be called: its name ("start date"), then what people call it in
# their own spreadsheets (the `columns` of request.Request). Matching ignores case, spaces,
# underscores and hyphens, so "Job Title", "job_title" and "JOB-TITLE" are the same header, and
# then a note in brackets: "Interviewers (semicolon sep.)" is the interviewers. Fields are
# matched in the table's order, so "Client" is the company's only when no column is.
COLUMN_NAMES = {f.name: (f.name.replace("_", " "), *f.columns) for f in FIELD_TABLE}
REQUIRED = tuple(f.name for f in FIELD_TABLE if f.required)
# Python's csv module refuses a cell over 128 KB and would stop the whole file; let such a
# cell through so that its row alone fails, with the description's own size limit.
CELL_LIMIT = 16 * 1024 * 1024
csv.field_size_limit(max(csv.field_size_limit(), CELL_LIMIT))
DESCRIPTION_FIELDS = ("description", "description_file")
DATE_FIELDS = tuple(f.name for f in FIELD_TABLE if f.kind == "date")
# How many non-blank rows at the top may hold a title or notes before the header row.
HEADER_SEARCH = 20
# csv.Sniffer's regular expressions take time that grows with the square of the sample: text
# built for it ('a,"b' repeated) held 64 KB for 25 s. The first 4 KB (the header and a few
# rows) tell the delimiter and quoting as well, in a fraction of a second at worst.
SNIFF_SAMPLE = 4 * 1024


def header_key(name: str) -> str:
    """'  Job_Title ' -> 'job title': the form headers are compared in."""
    return " ".join(re.sub(r"[_\-\s]+", " ", str(name)).casefold().split())


def loose_key(name: str) -> str:
    """'Interviewers (semicolon sep.)' -> 'interviewers': the header without its notes."""
    return header_key(re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", str(name)))


@dataclass
class Row:
    number: int  # as the spreadsheet program shows it (the header is row 1 in CSV and Excel)
    fields: dict[str, Any]
    problem: str = ""  # a row that could not even be read (bad JSON line)

    @property
    def blank(self) -> bool:
        return not self.problem and all(v in (None, "") for v in self.fields.values())


@dataclass
class Columns:
    """Which column of the file feeds which request field."""

    by_field: dict[str, str]  # field -> header as written in the file
    found: list[str]  # every header, as written
    ignored: list[str] = field(default_factory=list)
    row: int = 1  # the row the headers are on, as the spreadsheet program shows it

    @property
    def positions(self) -> dict[str, int]:
        """field -> column number; when two columns share a header, the first one counts."""
        return {f: self.found.index(h) for f, h in self.by_field.items()}

    def doubtful(self) -> list[str]:
        """A sentence for each ignored column whose name suggests a field: a column called
        "Interviewer emails" or a second "Client" may well be what the user meant."""
        lines = []
        for header in self.ignored:
            name = _looks_like(header)
            if name is None:
                continue
            spoken = name.replace("_", " ")
            if name in self.by_field:
                lines.append(f"The column {header!r} looks like the {spoken} but is not read: "
                             f"the {spoken} comes from {self.by_field[name]!r}.")
            else:
                lines.append(f"The column {header!r} looks like the {spoken} but is not read; "
                             f"to read it, add --map {name}={_quoted(header)}.")
        return lines


def _looks_like(header: str) -> str | None:
    """The field whose name or alias starts this header ('candidate full name' -> candidate);
    names shorter than four letters ('job', 'org') say too little to go on."""
    key = loose_key(header)
    for field_name, names in COLUMN_NAMES.items():
        for name in names:
            if len(name) >= 4 and (key == name or key.startswith(name + " ")):
                return field_name
    return None


def _quoted(header: str) -> str:
    return '"' + header.replace('"', '\\"') + '"'


def match_columns(headers: list[str], mapping: dict[str, str]) -> Columns:
    """Match headers to fields: --map first, then exact field names, then aliases; each
    first as written, then without a note in brackets.

    Raises RequestError at once when a required column is missing, naming what was found.
    """
    found = [str(h) for h in headers]
    by_key: dict[str, str] = {}
    loose: dict[str, str] = {}
    for header in found:
        if header_key(header) and header_key(header) not in by_key:
            by_key[header_key(header)] = header
        if loose_key(header) and loose_key(header) not in loose:
            loose[loose_key(header)] = header
    by_field: dict[str, str] = {}
    for field_name, header in mapping.items():
        if header_key(header) not in by_key:
            raise RequestError(
                f"--map {field_name}={header!r}: there is no column {header!r}. "
                f"Columns found: {_list(found)}."
            )
        by_field[field_name] = by_key[header_key(header)]
    for table in (by_key, loose):
        for field_name, names in COLUMN_NAMES.items():
            if field_name in by_field:
                continue
            for name in names:
                header = table.get(header_key(name))
                if header is not None and header not in by_field.values():
                    by_field[field_name] = header
                    break
    missing = [f for f in REQUIRED if f not in by_field]
    if not any(f in by_field for f in DESCRIPTION_FIELDS):
        missing.append("description (or description_file)")
    if missing:
        raise RequestError(
            f"The spreadsheet has no column for the {' or the '.join(missing)}. "
            f"Columns found: {_list(found)}. Name a column with --map, for example "
            f"--map role=\"Job Title\"."
        )
    used = set(by_field.values())
    return Columns(by_field=by_field, found=found,
                   ignored=[h for h in found if h not in used and header_key(h)])


def parse_mapping(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """--map role="Job Title" --map company=Employer -> {'role': 'Job Title', ...}."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        name, sep, header = pair.partition("=")
        key = header_key(name).replace(" ", "_")
        key = resolve_alias(key)
        if not sep or not header.strip():
            raise RequestError(f"--map {pair!r}: write it as FIELD=\"Column name\", "
                               f"for example --map role=\"Job Title\".")
        if key not in FIELDS:
            raise RequestError(f"--map {pair!r}: {name.strip()!r} is not a field. "
                               f"The fields are: {', '.join(FIELDS)}.")
        mapping[key] = header.strip()
    return mapping


def _list(headers: list[str]) -> str:
    shown = [repr(h) for h in headers if str(h).strip()]
    return ", ".join(shown) if shown else "none (the first row is empty)"


class Spreadsheet:
    """A spreadsheet file, read lazily: `columns` once, then `rows()` as often as needed."""

    def __init__(self, path: str | Path, *, mapping: dict[str, str] | None = None,
                 encoding: str | None = None, sheet: str | None = None,
                 header_row: int | None = None):
        self.path = Path(path)
        self.kind = SHEET_KINDS.get(self.path.suffix.lower(), "csv")
        self.encoding = encoding
        self.sheet = sheet
        self.notes: list[str] = []  # what was read differently from a plain table, to show
        self._merges: list[tuple[int, int, int, int]] = []  # Excel ranges spanning rows
        self._dialect: Any = None  # a CSV's, sniffed once
        # A FIFO or a device (/dev/zero) would hang or never end: regular files only.
        check_regular(self.path, f"The spreadsheet {str(path)!r}")
        if self.kind == "xlsx":
            check_workbook(self.path)
        if encoding is not None:
            check_encoding(encoding)
        if self.kind == "jsonl":
            self.columns = match_columns(self._jsonl_keys(), mapping or {})
        else:
            self.columns = self._find_header(mapping or {}, header_row)
        self._positions = self.columns.positions
        self._note_merges()

    def _note_merges(self) -> None:
        """Say which merged cells were read into several rows: a merge made for looks can
        put one company on two applications, and the user should know it did."""
        from openpyxl.utils.cell import get_column_letter

        spans = [f"{get_column_letter(column)}{first}:{get_column_letter(column)}{last}"
                 for first, last, column, _ in self._merges
                 if first > self.columns.row]
        if spans:
            shown = ", ".join(spans[:5]) + (f" and {len(spans) - 5} more" if len(spans) > 5
                                            else "")
            self.notes.append(f"Merged cells {shown}: each row of a merged cell reads the "
                              f"value shown in it.")

    # -- reading ---------------------------------------------------------------------------

    def rows(self) -> Iterator[Row]:
        """Every data row in order, blank ones included (they keep the numbering right)."""
        if self.kind == "jsonl":
            yield from self._jsonl_rows()
            return
        for number, values in self._records():
            if number <= self.columns.row:
                continue
            if isinstance(values, str):  # an Excel row that cannot be read fails alone
                yield Row(number, {}, problem=values)
            else:
                yield Row(number, self._cells(values))

    def date_order(self) -> tuple[str, str, int] | None:
        """The order the sheet's dates are written in, if its own dates show it and agree:
        (order, an example, its row). One 3/15/2027 settles every 3/4/2027 of the file."""
        if not any(name in self.columns.by_field for name in DATE_FIELDS):
            return None  # no need to read the file once more
        seen: dict[str, tuple[str, int]] = {}
        for row in self.rows():
            for name in DATE_FIELDS:
                value = row.fields.get(name)
                order = evident_order(value) if isinstance(value, str) else None
                if order and order not in seen:
                    seen[order] = (value.strip(), row.number)
        if len(seen) != 1:
            return None  # no evidence, or a file that mixes both: ask instead of guessing
        order, (example, number) = next(iter(seen.items()))
        return order, example, number

    def _records(self) -> Iterator[tuple[int, list[Any] | str]]:
        """(row number, cells) for every row of a CSV or Excel sheet, the header's too; an
        Excel row that cannot be read comes as the message saying why."""
        records = self._xlsx_records() if self.kind == "xlsx" else self._csv_records()
        return enumerate(records, start=1)

    def _fields(self, record: dict[str, Any]) -> dict[str, Any]:
        return {f: record.get(h) for f, h in self.columns.by_field.items()}

    def _cells(self, values: list[Any]) -> dict[str, Any]:
        return {f: values[i] if i < len(values) else "" for f, i in self._positions.items()}

    def _find_header(self, mapping: dict[str, str], header_row: int | None) -> Columns:
        """The header row: the one asked for, else the first of the top rows that names the
        required columns, so a title, a date or notes typed above the table are passed over.
        A row that cannot be read (an Excel cell openpyxl cannot convert) is no header; when
        it is the first row looked at and no row names the columns, it is the one reported."""
        candidates: list[tuple[int, list[Any] | str]] = []
        for number, values in self._records():
            if header_row is not None and number < header_row:
                continue
            if isinstance(values, str) or any(str(v).strip() for v in values):
                candidates.append((number, values))
            if header_row is not None or len(candidates) >= HEADER_SEARCH:
                break
        if header_row is not None and (not candidates or candidates[0][0] != header_row):
            raise RequestError(f"--header-row {header_row}: row {header_row} of "
                               f"{str(self.path)!r} is empty or past its end.")
        if not candidates:
            self._empty()
        readable = [(n, v) for n, v in candidates if not isinstance(v, str)]
        for number, values in readable:
            try:
                columns = match_columns(values, mapping)
            except RequestError:
                continue
            columns.row = number
            if number > 1 and header_row is None:
                self.notes.append(f"Column names read from row {number}; the rows above it "
                                  f"are taken as a title or notes (--header-row N to choose "
                                  f"another row).")
            return columns
        number, first = candidates[0]
        if isinstance(first, str):
            raise RequestError(f"Row {number} of {str(self.path)!r} cannot be read: {first}")
        # No row will do: explain with the row that came closest, or the first one.
        number, values = max(readable, key=lambda c: (_score(c[1]), -c[0]))
        try:
            match_columns(values, mapping)
        except RequestError as exc:
            where = "" if number == 1 else f" (row {number})"
            # A lone cell above a table is a title: the names may be further down.
            filled = [sum(bool(str(v).strip()) for v in values) for _, values in readable]
            titled = header_row is None and filled[0] == 1 and max(filled) >= 3
            raise RequestError(str(exc).replace("Columns found", f"Columns found{where}", 1)
                               + (" If the column names are further down, say which row "
                                  "holds them with --header-row N." if titled else "")) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _empty(self) -> list[str]:
        raise RequestError(f"The spreadsheet {str(self.path)!r} is empty: its first row "
                           f"should name the columns (role, company, description, ...).")

    # CSV ------------------------------------------------------------------------------------

    def _text(self) -> io.TextIOBase:
        if self.encoding is None:
            self.encoding = detect_encoding(self.path)
            if self.encoding == CP1252_AFTER_MARK:
                log.warning(f"The spreadsheet {str(self.path)!r} starts with the UTF-8 mark "
                            f"but is not UTF-8 text: it was read as Windows-1252 (as Excel "
                            f"saves it). If accents look wrong, name the encoding with "
                            f"--encoding.")
        if self.encoding == CP1252_AFTER_MARK:
            handle = open(self.path, "rb")  # noqa: SIM115
            handle.seek(len(codecs.BOM_UTF8))
            return io.TextIOWrapper(handle, encoding="cp1252", errors="replace", newline="")
        return open(self.path, encoding=self.encoding, errors="replace", newline="")  # noqa: SIM115

    def _csv_records(self) -> Iterator[list[str]]:
        with self._text() as handle:
            if self._dialect is None:
                start = handle.tell()  # after a mark the text wrapper does not see
                self._dialect = sniff_dialect(handle.read(SNIFF_SAMPLE), self.path)
                handle.seek(start)
            reader = csv.reader(handle, dialect=self._dialect)
            try:
                yield from reader
            except csv.Error as exc:
                raise RequestError(f"The spreadsheet {str(self.path)!r} is not valid CSV "
                                   f"near line {reader.line_num}: {exc}.") from None

    # Excel ----------------------------------------------------------------------------------

    def _xlsx_records(self) -> Iterator[list[Any] | str]:
        """Each row's cells; a row that cannot be read comes as the message saying why."""
        try:
            import openpyxl

            book = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a file that is not Excel
            raise RequestError(f"The spreadsheet {str(self.path)!r} cannot be opened as an "
                               f"Excel .xlsx file ({type(exc).__name__}).") from None
        try:
            if self.sheet is not None and self.sheet not in book.sheetnames:
                raise RequestError(f"There is no sheet {self.sheet!r} in {str(self.path)!r}. "
                                   f"Sheets: {', '.join(map(repr, book.sheetnames))}.")
            sheet = book[self.sheet] if self.sheet else book.worksheets[0]
            merged = MergedCells(merged_ranges(book, sheet))
            self._merges = merged.ranges
            for number, values in enumerate(_sheet_rows(book, sheet), start=1):
                if isinstance(values, str):
                    yield values
                else:
                    yield [_cell(v) for v in merged.fill(number, values)]
        finally:
            book.close()

    # JSON Lines -----------------------------------------------------------------------------

    def _jsonl_keys(self) -> list[str]:
        keys: list[str] = []
        for _, record in self._jsonl_records():
            if isinstance(record, dict):
                keys.extend(k for k in record if k not in keys)
                break
        return keys or self._empty()

    def _jsonl_records(self) -> Iterator[tuple[int, Any]]:
        with self._text() as handle:
            # Each line is read up to CELL_LIMIT characters, never whole: a line of a gigabyte
            # fails alone, as a cell too big for CSV does.
            for number, line in enumerate(iter(lambda: handle.readline(CELL_LIMIT + 1), ""),
                                          start=1):
                if len(line) > CELL_LIMIT and not line.endswith("\n"):
                    while (rest := handle.readline(1 << 20)) and not rest.endswith("\n"):
                        pass
                    yield number, (f"Line {number} is longer than {CELL_LIMIT // 2**20} MB; "
                                   f"a row holds a few fields, not a document.")
                    continue
                if not line.strip():
                    yield number, {}
                    continue
                try:
                    yield number, json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, f"Line {number} is not valid JSON ({exc.msg})."
                except RecursionError:
                    yield number, (f"Line {number} is nested too deeply to read (lists or "
                                   f"objects inside each other, hundreds of levels).")

    def _jsonl_rows(self) -> Iterator[Row]:
        for number, record in self._jsonl_records():
            if isinstance(record, str):
                yield Row(number, {}, problem=record)
            elif not isinstance(record, dict):
                yield Row(number, {}, problem=f"Line {number} is not a JSON object "
                                              f"({{\"role\": ..., \"company\": ...}}).")
            else:
                yield Row(number, self._fields(record))


def _score(values: list[Any]) -> int:
    """How many fields a row's cells would name if it were the header."""
    keys = {loose_key(v) for v in values} | {header_key(v) for v in values}
    return sum(any(header_key(n) in keys for n in names) for names in COLUMN_NAMES.values())


def merged_ranges(book: Any, sheet: Any) -> list[tuple[int, int, int, int]]:
    """(first row, last row, column, last column) of each merged range of an Excel sheet.

    openpyxl's streaming reader (kept for memory: a sheet may have 100,000 rows) does not
    report merges, so they are read from the sheet's XML here: a <mergeCell ref="B2:B3"/>
    list that follows the rows. lxml streams it in C and keeps only those few elements.
    """
    from lxml import etree
    from openpyxl.utils.cell import range_boundaries

    ranges = []
    try:
        with book._archive.open(sheet._worksheet_path) as source:
            for _, element in etree.iterparse(source, tag="{*}mergeCell", huge_tree=True,
                                              resolve_entities=False, no_network=True):
                min_col, min_row, max_col, max_row = range_boundaries(element.get("ref", ""))
                ranges.append((min_row, max_row, min_col, max_col))
                element.clear()
    except (AttributeError, KeyError, ValueError, TypeError, etree.XMLSyntaxError):
        return []  # no merges to read, or a sheet openpyxl itself will refuse
    return ranges


class MergedCells:
    """Gives each row of a merged range the value its top cell holds.

    Excel shows a company cell merged over rows 2 and 3 as one "Acme" beside both rows, but
    stores it only in row 2. A merge across columns is not copied sideways: a title merged
    over A1:D1 is one title, not four.
    """

    def __init__(self, ranges: list[tuple[int, int, int, int]]):
        self.by_row: dict[int, list[tuple[int, int]]] = {}  # row -> (first row, column)
        for first, last, column, _ in ranges:
            for number in range(first, last + 1 if last > first else first):
                self.by_row.setdefault(number, []).append((first, column))
        self.ranges = [r for r in ranges if r[1] > r[0]]  # the ones spanning rows
        self.values: dict[tuple[int, int], Any] = {}

    def fill(self, number: int, values: list[Any]) -> list[Any]:
        for first, column in self.by_row.get(number, ()):
            index = column - 1
            if number == first:
                self.values[first, column] = values[index] if index < len(values) else None
                continue
            value = self.values.get((first, column))
            if value is None:
                continue
            values.extend([None] * (index + 1 - len(values)))
            values[index] = value
        return values


# The most rows a sheet can have in Excel: a row numbered past it is a damaged file, and
# would otherwise make a billion blank rows to count.
MAX_EXCEL_ROWS = 1_048_576
MAX_EXCEL_COLUMNS = 16_384


def _sheet_rows(book: Any, sheet: Any) -> Iterator[list[Any] | str]:
    """Every row of an Excel sheet as the file holds it, blank rows included.

    Read with openpyxl's own streaming parser, in two ways more careful than its read-only
    worksheet: every row in the file is read, whatever the <dimension> tag says (a stale tag
    hid all but its first rows, where Excel shows them all), and a cell that cannot be
    converted (a date cell holding 'not-a-date', a number cell '12abc', text that the file's
    shared strings do not hold) makes its own row fail, not the whole sheet. The parser's
    inputs are attributes of openpyxl's read-only objects; the tests cover the versions
    allowed in pyproject.toml.
    """
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import WorkSheetParser

    class CellByCell(WorkSheetParser):
        def parse_cell(self, element):
            try:
                return super().parse_cell(element)
            except Exception:
                place = element.get("r") or ""
                try:
                    row, column = coordinate_to_tuple(place)
                except Exception:
                    row, column = self.row_counter, self.col_counter
                kind = _CELL_KINDS.get(element.get("t", "n"), "of an unknown kind")
                value = (element.findtext(f"{{{_SHEET_NS}}}v") or "")[:40]
                return {"row": row, "column": column, "data_type": "e", "style_id": 0,
                        "value": _Unreadable(f"Cell {place or '?'} cannot be read: it is "
                                             f"{kind} but holds {value!r}.")}

    expected = 1
    with book._archive.open(sheet._worksheet_path) as source:
        parser = CellByCell(source, sheet._shared_strings, data_only=True, epoch=book.epoch,
                            date_formats=book._date_formats,
                            timedelta_formats=book._timedelta_formats)
        rows = parser.parse()
        while True:
            try:
                found = next(rows, None)
            except Exception as exc:  # the row's XML itself is broken: nothing after it reads
                yield (f"The sheet cannot be read from row {expected} on "
                       f"({type(exc).__name__}); Excel may repair the file if you open and "
                       f"save it.")
                return
            if found is None:
                return
            number, cells = found
            if not 1 <= number <= MAX_EXCEL_ROWS:
                yield f"The sheet numbers a row {number}, which Excel does not have."
                return
            for _ in range(expected, number):  # rows the file leaves out are blank
                yield []
            expected = number + 1
            # Excel's last column is XFD (16,384); a damaged file may name a column far past
            # it, which must not become a list of millions of empty cells.
            cells = [c for c in cells if 1 <= c["column"] <= MAX_EXCEL_COLUMNS]
            values: list[Any] = [None] * max((c["column"] for c in cells), default=0)
            for cell in cells:
                values[cell["column"] - 1] = cell["value"]
            bad = [v for v in values if isinstance(v, _Unreadable)]
            yield str(bad[0]) if bad else values


_SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CELL_KINDS = {"n": "marked as a number", "d": "marked as a date",
               "s": "marked as shared text", "b": "marked as true or false"}


class _Unreadable(str):
    """A cell openpyxl could not convert; its text says why."""


# An .xlsx is checked from its zip directory before openpyxl opens it (a 300 KB file can unpack
# to gigabytes). The sheets are streamed, row by row; everything else (the shared strings that
# cells point to, the styles) is read whole, so it is held to a smaller size. And no cell may
# hold more than CELL_LIMIT characters, as in CSV.
MAX_WORKBOOK_PARTS = 10_000
MAX_WORKBOOK_BYTES = 500_000_000
MAX_WORKBOOK_READ_WHOLE = 100_000_000


def check_workbook(path: Path) -> None:
    if not zipfile.is_zipfile(path):
        return  # not Excel at all: openpyxl says so in the usual words
    name = f"The spreadsheet {str(path)!r}"
    with check_archive(path, name, "Excel workbook", max_parts=MAX_WORKBOOK_PARTS,
                       max_bytes=MAX_WORKBOOK_BYTES, max_xml=MAX_WORKBOOK_BYTES,
                       error=RequestError) as archive:
        parts = archive.infolist()
        whole = sum(p.file_size for p in parts if p.filename.endswith(".xml")
                    and not p.filename.startswith("xl/worksheets/"))
        if whole > MAX_WORKBOOK_READ_WHOLE:
            raise RequestError(f"{name} holds {whole // 1_000_000} MB of shared text and "
                               f"styles (the limit is {MAX_WORKBOOK_READ_WHOLE // 1_000_000} "
                               f"MB): it is not an ordinary Excel workbook. Save it again from "
                               f"Excel or LibreOffice, or as CSV.")
        for part in parts:
            # A part smaller than the limit cannot hold a cell larger than it.
            if part.filename.endswith(".xml") and part.file_size > CELL_LIMIT:
                _check_cells(archive, part.filename, name)


def _check_cells(archive, part: str, name: str) -> None:
    """Stream one XML part and refuse it at the first text longer than CELL_LIMIT, without
    ever holding that text: expat hands it over in pieces."""
    parser = expat.ParserCreate()
    length = 0

    def start(*_):
        nonlocal length
        length = 0

    def text(data: str) -> None:
        nonlocal length
        length += len(data)
        if length > CELL_LIMIT:
            raise RequestError(f"{name} has a cell longer than {CELL_LIMIT // 2**20} MB (in "
                               f"{part}); a row holds a few fields, not a document.")

    def no_dtd(*_):
        raise RequestError(f"{name} is not an ordinary Excel workbook ({part} declares a "
                           f"DTD). Save it again from Excel or LibreOffice.")

    parser.StartElementHandler = parser.EndElementHandler = start
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = no_dtd
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(1 << 20):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        return  # openpyxl reports a broken part in its own words


def _cell(value: Any) -> Any:
    """An Excel cell as text: whole numbers without '.0', dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str) else str(value)


def check_encoding(encoding: str) -> None:
    """A text encoding that can read a file with errors replaced. Python also knows codecs
    that are not text encodings (rot13, base64, hex, zlib) and one that cannot replace errors
    (idna): each of those would stop the run with an internal problem."""
    try:
        b"".decode(encoding)  # refuses, with LookupError, a codec that is not for text
        b"\xff".decode(encoding, "replace")
    except LookupError as exc:
        what = ("Unknown encoding {!r}" if "unknown encoding" in str(exc)
                else "{!r} is not a text encoding")
        raise RequestError(f"{what.format(encoding)}: try utf-8, utf-16 or cp1252 (Excel on "
                           f"Windows).") from None
    except (UnicodeError, ValueError, TypeError):
        raise RequestError(f"The encoding {encoding!r} cannot read a spreadsheet: try utf-8, "
                           f"utf-16 or cp1252 (Excel on Windows).") from None


def detect_encoding(path: Path) -> str:
    """The spreadsheet's encoding (reading.text_encoding), read a megabyte at a time."""
    with open(path, "rb") as handle:
        return text_encoding(iter(lambda: handle.read(1 << 20), b""))


def sniff_dialect(sample: str, path: Path) -> type[csv.Dialect] | csv.Dialect:
    """Comma, semicolon (Excel in much of Europe), tab or pipe; quoting as the file has it."""
    if path.suffix.lower() == ".tsv":
        return csv.excel_tab
    first_line = sample.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        # Too little text to sniff: choose the delimiter the header line uses most.
        counts = {d: first_line.count(d) for d in ",;\t|"}
        dialect = csv.excel()
        dialect.delimiter = max(counts, key=counts.get) if any(counts.values()) else ","
        return dialect
    # The sniffer sometimes picks a character that only appears inside quoted text; the
    # header line is the better witness when it clearly disagrees.
    if first_line.count(dialect.delimiter) == 0:
        counts = {d: first_line.count(d) for d in ",;\t|"}
        if any(counts.values()):
            dialect.delimiter = max(counts, key=counts.get)
    dialect.doublequote = True
    return dialect
