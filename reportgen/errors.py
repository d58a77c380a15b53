"""One kind of problem report: file, line, column, field, what was found and what was expected."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Problem:
    """A single thing wrong (or doubtful) in an input file, worded for the person who wrote it."""

    file: str
    line: int | None
    column: int | None
    field: str
    found: str
    expected: str
    severity: Literal["error", "warning"] = "error"
    check: str = ""  # the text check that found it (checks/: "spelling", …); "" for the rest
    place: str = ""  # the field as an inspector names it ("standard 1.2, rating"); `field` is the path code anchors on

    def __str__(self) -> str:
        where = printable(self.file, 300)
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        named = self.place or self.field
        field = f"{printable(named, 200)}: " if named else ""
        return f"{where}: {self.severity}: {field}found {printable(self.found, 300)}, expected {printable(self.expected, 600)}"


def in_file_order(problems) -> list[Problem]:
    """Problems as an inspector works through them: file by file, line by line (a whole-file problem first)."""
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0))


class ReportError(Exception):
    """Raised when an input cannot be used; carries every problem found, in file order."""

    def __init__(self, problems: list[Problem]):
        self.problems = in_file_order(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def how_many(n: int, noun: str, plural: str | None = None) -> str:
    """'1 problem', '7 problems', '1 relevant case': the number with its noun, singular or plural as it should be."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def tally(problems: list[Problem] | tuple[Problem, ...]) -> str:
    """'7 problems' or '1 problem', with errors and warnings counted apart where there are both."""
    errors = sum(p.severity == "error" for p in problems)
    mixed = f" ({how_many(errors, 'error')}, {how_many(len(problems) - errors, 'warning')})" if 0 < errors < len(problems) else ""
    return how_many(len(problems), "problem") + mixed


def shorten(value: object, limit: int = 60) -> str:
    """A value as it would be quoted back to an inspector: repr, one line, not too long."""
    text = " ".join(repr(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def printable(text: str, limit: int) -> str:
    """Text safe to print on a terminal: control and other invisible characters escaped (no ANSI
    sequence from a findings key reaches it), and no longer than `limit` characters."""
    if not text.isprintable():
        text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
