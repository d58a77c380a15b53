"""Filled case records → one answer per case and question, or every bad cell as one line.

A workbook has a sheet per sample (named as `cases template` names it, or by the domain's id), a
header row (`case`, then the question ids) and a row per case. A CSV file is one table with a
`sample` column too, the cells of questions outside a row's sample left empty. Answers are Yes,
No or N/A, in the spellings people type (yes, Y, no, n, n/a, NA, not applicable).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, ReportError
from ..model import Edition
from .grid import Sheet, read
from .samples import CASE, SAMPLE, Sample, sample_named, samples

YES, NO, NA = "Yes", "No", "N/A"
SPELLINGS = {
    YES: {"yes", "y"},
    NO: {"no", "n"},
    NA: {"n/a", "na", "n.a.", "n.a", "n / a", "not applicable", "n-a"},
}
EXPECTED_ANSWER = "Yes, No or N/A"


@dataclass
class Case:
    ref: str  # the team's anonymous reference: never written into findings or a report
    place: str  # where its reference is written
    answers: dict[str, str] = field(default_factory=dict)  # column id → Yes / No / N/A


@dataclass
class Records:
    file: str
    cases: dict[str, list[Case]]  # sample id → its cases, in the file's order
    samples: tuple[Sample, ...]


def answer(text: str) -> str | None:
    """'Yes', 'No', 'N/A', '' for a blank cell, or None for anything else."""
    word = " ".join(text.split()).lower()
    if not word:
        return ""
    return next((canonical for canonical, spellings in SPELLINGS.items() if word in spellings), None)


def read_records(path: Path, edition: Edition, display: str | None = None) -> Records:
    """Every case of the file by sample; a ReportError with one problem per bad cell, sheet or column."""
    name = display or str(path)
    reader = _Reader(name, edition)
    for sheet in read(path, name):
        reader.sheet(sheet)
    if not any(reader.cases.values()) and not reader.problems:
        reader.problems.append(Problem(name, None, None, "", "no case records",
                                       f"a row per case under the header row (samples: {reader.sample_list()})"))
    if reader.problems:
        raise ReportError(reader.problems)
    return Records(name, {k: v for k, v in reader.cases.items() if v}, reader.samples)


class _Reader:
    def __init__(self, file: str, edition: Edition):
        self.file, self.edition = file, edition
        self.samples = samples(edition)
        self.cases: dict[str, list[Case]] = {s.id: [] for s in self.samples}
        self.refs: dict[str, str] = {}  # reference → where it was first written
        self.problems: list[Problem] = []

    def fail(self, place: str, field_: str, found: str, expected: str) -> None:
        file, line, column = _split(place)
        self.problems.append(Problem(file, line, column, field_, found, expected))

    def sample_list(self) -> str:
        return ", ".join(f"{s.id} {s.name}" for s in self.samples) or f"none in {self.edition.id}"

    def sheet(self, sheet: Sheet) -> None:
        if not sheet.rows:
            return  # an empty sheet (a sample not inspected, or a spreadsheet's spare sheet)
        header = [h.strip() for h in sheet.rows[0]]
        if sheet.name is None:  # CSV: a sample column names each row's sample
            self.table(sheet, header, None)
            return
        sample = sample_named(self.samples, sheet.name)
        if sample is None:
            self.fail(sheet.places[0][0].rsplit("!", 1)[0], "", f"a sheet {sheet.name!r}",
                      f"a sheet per case sample of {self.edition.id}, named as the template names them: {self.sample_list()}")
            return
        self.table(sheet, header, sample)

    def table(self, sheet: Sheet, header: list[str], sample: Sample | None) -> None:
        columns = self.header(sheet, header, sample)
        if columns is None:
            return
        for r in range(1, len(sheet.rows)):
            row = sheet.rows[r]
            if not any(row):
                continue
            cells = {name: (row[c] if c < len(row) else "", sheet.place(r, c)) for name, c in columns.items()}
            here = sample
            if sample is None:
                text, place = cells[SAMPLE]
                here = sample_named(self.samples, text) if text else None
                if here is None:
                    found = f"the sample {text!r}" if text else "no sample"
                    self.fail(place, SAMPLE, found, f"the case's sample, one of: {self.sample_list()}")
                    continue
            self.row(here, cells, sheet.row_places[r])

    def header(self, sheet: Sheet, header: list[str], sample: Sample | None) -> dict[str, int] | None:
        """Column name → index; the unknown, repeated and missing columns are problems."""
        known = {c.id for s in ([sample] if sample else self.samples) for c in s.columns}
        needed = [CASE] if sample else [SAMPLE, CASE]
        columns: dict[str, int] = {}
        for c, text in enumerate(header):
            name = text.split(" ", 1)[0] if text.split(" ", 1)[0] in known else text
            if name.lower() in (CASE, SAMPLE):
                name = name.lower()
            if not name:
                continue
            if name in columns:
                self.fail(sheet.place(0, c), "", f"a second column {name!r}", "each column once")
            elif name in known or name in needed:
                columns[name] = c
            else:
                self.fail(sheet.place(0, c), "", f"a column {text!r}", self.column_expected(name, sample))
        missing = [n for n in needed if n not in columns]
        if missing:
            self.fail(sheet.row_places[0], "", f"no {' or '.join(repr(m) for m in missing)} column",
                      "a header row: " + ", ".join(needed) + ", then a column per key question and prompt")
            return None
        in_use = [s for s in ([sample] if sample else self.samples)]
        for s in in_use:
            absent = [c.id for c in s.columns if c.id not in columns]
            if absent and (sample or self.has_rows(sheet, columns, s)):
                listed = ", ".join(absent[:8]) + (", …" if len(absent) > 8 else "")
                self.fail(sheet.row_places[0], "", f"no column for {listed} (sample {s.id})",
                          "a column per key question and prompt of the sample, as `reportgen cases template` writes them")
                return None
        return columns

    def has_rows(self, sheet: Sheet, columns: dict[str, int], sample: Sample) -> bool:
        at = columns[SAMPLE]
        return any(at < len(row) and sample_named(self.samples, row[at]) is sample for row in sheet.rows[1:])

    def column_expected(self, name: str, sample: Sample | None) -> str:
        from ..messages import one_of

        elsewhere = next((s for s in self.samples if s.column(name)), None)
        if sample and elsewhere:
            return f"a question of sample {sample.id} ({sample.name}): {name} belongs to sample {elsewhere.id} ({elsewhere.name})"
        choices = [CASE] + [c.id for s in ([sample] if sample else self.samples) for c in s.columns]
        return one_of(name, choices if sample else [SAMPLE, *choices], f"a column of {self.edition.id}:")

    def row(self, sample: Sample, cells: dict[str, tuple[str, str]], row_place: str) -> None:
        ref, ref_place = cells[CASE]
        if not ref:
            self.fail(ref_place, CASE, "no case reference", "the case's anonymous reference, unique in the file")
            return
        if ref in self.refs:
            self.fail(ref_place, CASE, f"the case reference {ref!r} a second time (first at {self.refs[ref]})",
                      "each case once, under its own reference")
            return
        self.refs[ref] = ref_place
        case = Case(ref, ref_place)
        for name, (text, place) in cells.items():
            column = sample.column(name)
            if column is None:
                if name not in (CASE, SAMPLE) and text:
                    self.fail(place, name, f"an answer {text!r} to {name}, not a question of sample {sample.id}",
                              f"an empty cell: the case is in sample {sample.id} ({sample.name})")
                continue
            given = answer(text)
            if given is None:
                self.fail(place, name, repr(text), f"{EXPECTED_ANSWER} (yes, Y, no, N, n/a and NA are read too)")
            elif given:
                case.answers[name] = given
        self.complete(sample, case, cells)
        self.cases[sample.id].append(case)

    def complete(self, sample: Sample, case: Case, cells: dict[str, tuple[str, str]]) -> None:
        """Every key question answered; a prompt answered (Yes/No) only where its key question applies."""
        for column in sample.columns:
            text, place = cells[column.id]
            if answer(text) is None:
                continue  # already said
            given = case.answers.get(column.id)
            if not column.is_prompt:
                if given is None:
                    self.fail(place, column.id, "a blank answer", f"{EXPECTED_ANSWER} for key question {column.id} in every case")
                continue
            parent = case.answers.get(column.key_question)
            if parent == NA:
                if given in (YES, NO):
                    self.fail(place, column.id, f"the answer {given!r} where key question {column.key_question} is N/A",
                              "N/A or a blank cell: a prompt applies only where its key question does")
                    del case.answers[column.id]
                case.answers.setdefault(column.id, NA)
            elif parent in (YES, NO) and given is None:
                self.fail(place, column.id, "a blank answer", f"{EXPECTED_ANSWER} for prompt {column.id}: key question "
                          f"{column.key_question} is answered {parent!r}")


def _split(place: str) -> tuple[str, int | None, int | None]:
    """'file:7:12' → (file, 7, 12); a spreadsheet cell's place is its own 'file' with no line."""
    head, _, column = place.rpartition(":")
    file, _, line = head.rpartition(":")
    if "!" not in place and line.isdigit() and column.isdigit() and file:
        return file, int(line), int(column)
    if "!" not in place and column.isdigit() and head:
        return head, int(column), None
    return place, None, None


def answered(cases: Iterable[Case], column: str, value: str) -> list[str]:
    """The references of the cases whose answer to `column` is `value`."""
    return [c.ref for c in cases if c.answers.get(column) == value]
