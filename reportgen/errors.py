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

    def __str__(self) -> str:
        where = printable(self.file, 300)
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        field = f"{printable(self.field, 200)}: " if self.field else ""
        return f"{where}: {self.severity}: {field}found {printable(self.found, 300)}, expected {printable(self.expected, 600)}"


class ReportError(Exception):
    """Raised when an input cannot be used; carries every problem found, errors first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: p.severity != "error")
        super().__init__("\n".join(str(p) for p in self.problems))


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
