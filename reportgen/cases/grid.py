"""A spreadsheet as plain text cells, each with the place a person would look for it.

.xlsx through openpyxl (read-only), .ods from its content.xml (the standard library's expat, which
fetches no external entity), .csv with the csv module. Every cell is a string ('' when empty) and
carries its place: `cases.xlsx:'2 Court disposals'!C5` (a spreadsheet's own cell reference), or
`cases.csv:7:12` (line and column, as an editor counts them).
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, ReportError

MAX_BYTES = 20 * 1024 * 1024  # a 125-case workbook is about 60 kB
MAX_ROWS = 5_000  # rows with anything in them, per sheet
MAX_COLUMNS = 1_000
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


@dataclass(frozen=True)
class Sheet:
    name: str | None  # None: a CSV file (one table)
    rows: list[list[str]]
    places: list[list[str]]  # the place of each cell, same shape as rows (and one more for a cell past the end)
    row_places: list[str]  # the place of each whole row

    def place(self, row: int, column: int) -> str:
        cells = self.places[row]
        return cells[column] if column < len(cells) else cells[-1]


def read(path: Path, display: str) -> list[Sheet]:
    """The sheets of a .xlsx, .ods or .csv file; a file that cannot be read is one problem."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".ods", ".csv"):
        raise ReportError([Problem(display, None, None, "", f"a {suffix or 'file without an extension'}",
                                   "case records as .xlsx, .ods or .csv (reportgen cases template writes one)")])
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            raise ReportError([Problem(display, None, None, "", f"a file of {size:,} bytes", f"at most {MAX_BYTES:,} bytes")])
        if suffix == ".csv":
            return [_csv(path.read_bytes(), display)]
        return _xlsx(path, display) if suffix == ".xlsx" else _ods(path, display)
    except ReportError:
        raise
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as error:  # SyntaxError: expat's ParseError
        kind = {".xlsx": "an Excel workbook (.xlsx)", ".ods": "an OpenDocument spreadsheet (.ods)", ".csv": "CSV text"}[suffix]
        reason = getattr(error, "strerror", None) or str(error).split("\n")[0][:120] or type(error).__name__
        raise ReportError([Problem(display, None, None, "", f"a file that cannot be read ({reason})", kind)]) from None


def cell_name(row: int, column: int) -> str:
    """0-based row and column → 'C5'."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def sheet_ref(display: str, sheet: str) -> str:
    """'cases.xlsx:'2 Court disposals'' — a sheet name quoted as a spreadsheet quotes it in a reference."""
    quoted = sheet if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{display}:{quoted}"


def _grid(display: str, name: str, rows: list[list[str]]) -> Sheet:
    ref = sheet_ref(display, name)
    places = [[f"{ref}!{cell_name(r, c)}" for c in range(len(row) + 1)] for r, row in enumerate(rows)]
    return Sheet(name, rows, places, [f"{ref}!{r + 1}:{r + 1}" for r in range(len(rows))])


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a case reference typed as a number: 101, not 101.0
    return str(value).strip()


def _trim(rows: list[list[str]], display: str, name: str) -> list[list[str]]:
    """Rows without their trailing empty cells, and no trailing empty rows; bounded."""
    out = []
    for row in rows:
        while row and not row[-1]:
            row.pop()
        out.append(row)
    while out and not out[-1]:
        out.pop()
    if len(out) > MAX_ROWS or any(len(r) > MAX_COLUMNS for r in out):
        raise ReportError([Problem(sheet_ref(display, name), None, None, "", "more rows or columns than a case sample has",
                                   f"at most {MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns")])
    return out


def _xlsx(path: Path, display: str) -> list[Sheet]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = []
        for ws in book.worksheets:
            rows = []
            for index, row in enumerate(ws.iter_rows(values_only=True)):
                if index >= MAX_ROWS * 4:
                    break
                rows.append([_text(v) for v in row[:MAX_COLUMNS + 1]])
            sheets.append(_grid(display, ws.title, _trim(rows, display, ws.title)))
        return sheets
    finally:
        book.close()


def _ods(path: Path, display: str) -> list[Sheet]:
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(path) as package:
        content = package.read("content.xml")
    sheets = []
    for table in ET.fromstring(content).iter(f"{_TABLE}table"):
        name = table.get(f"{_TABLE}name", "")
        rows: list[list[str]] = []
        pending = 0  # empty rows seen: kept only if a row with text follows
        for row in table.iter(f"{_TABLE}table-row"):
            cells = _ods_cells(row)
            repeat = int(row.get(f"{_TABLE}number-rows-repeated", "1"))
            if not any(cells):
                pending += repeat
                continue
            rows += [[] for _ in range(pending)] + [list(cells) for _ in range(min(repeat, MAX_ROWS + 1))]
            pending = 0
            if len(rows) > MAX_ROWS:
                break
        sheets.append(_grid(display, name, _trim(rows, display, name)))
    return sheets


def _ods_cells(row) -> list[str]:
    cells: list[str] = []
    pending = 0
    for cell in row:
        if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            continue
        repeat = int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
        paragraphs = ["".join(p.itertext()) for p in cell.iter(f"{_TEXT}p")]
        text = "\n".join(paragraphs).strip() or (cell.get(f"{_OFFICE}value") or "").strip()
        if not text:
            pending += repeat
            continue
        cells += [""] * pending + [text] * min(repeat, MAX_COLUMNS + 1)
        pending = 0
        if len(cells) > MAX_COLUMNS:
            break
    return cells


def _csv(raw: bytes, display: str) -> Sheet:
    try:
        text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ReportError([Problem(display, line, None, "", f"the byte 0x{raw[error.start]:02x} that is not UTF-8",
                                   "UTF-8 text (save the CSV as 'CSV UTF-8')")]) from None
    dialect = "excel"
    first = text.split("\n", 1)[0]
    if first.count(";") > first.count(",") and first.count(";") > first.count("\t"):
        dialect = "excel-semicolon"
    elif first.count("\t") > first.count(","):
        dialect = "excel-tab"
    delimiter = {"excel": ",", "excel-semicolon": ";", "excel-tab": "\t"}[dialect]
    rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    starts = _field_starts(text, delimiter)
    rows = _trim(rows, display, "")
    places = []
    for index, row in enumerate(rows):
        fields = starts[index] if index < len(starts) else [(index + 1, 1)]
        after = (fields[-1][0], fields[-1][1] + 1) if fields else (index + 1, 1)
        places.append([f"{display}:{line}:{column}" for line, column in [*fields[: len(row)], after]])
    return Sheet(None, rows, places, [p[0].rsplit(":", 1)[0] for p in places])


def _field_starts(text: str, delimiter: str) -> list[list[tuple[int, int]]]:
    """Line and column where each field of each record starts, scanning the csv module's dialect
    (quotes, doubled quotes, line breaks inside quotes); a blank line is a record of no fields, as csv reads it."""
    records: list[list[tuple[int, int]]] = []
    fields: list[tuple[int, int]] = []
    line, column, i = 1, 1, 0
    at_start, quoted, empty = True, False, True
    while i < len(text):
        char = text[i]
        if not quoted and char in "\r\n":
            if at_start and fields:
                fields.append((line, column))  # 'a,b,' ends with an empty field
            records.append([] if empty else fields)
            fields, at_start, empty = [], True, True
            i += 2 if text[i:i + 2] == "\r\n" else 1
            line, column = line + 1, 1
            continue
        empty = False
        if at_start:
            fields.append((line, column))
            at_start = False
            if char == '"':
                quoted = True
                i, column = i + 1, column + 1
                continue
        if quoted:
            if char == '"' and text[i + 1:i + 2] == '"':
                i, column = i + 2, column + 2
                continue
            if char == '"':
                quoted = False
            elif char == "\n":
                line, column = line + 1, 0
        elif char == delimiter:
            at_start = True
        i, column = i + 1, column + 1
    if not empty:
        records.append(fields + ([(line, column)] if at_start and fields else []))
    return records
