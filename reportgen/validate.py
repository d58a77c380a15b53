"""Findings → checked models: types by pydantic, then the rules that need the framework edition.

Every problem becomes one `Problem` line naming file, line, column, field, what was found
and what was expected; all of them are collected before anything is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Problem, ReportError
from .corrections import corrected, correction_problems
from .load import Located
from .markup import checker
from .checks import CheckInput, text_problems
from .model import Edition, Findings
from .readiness import readiness, require_final
from .rate import Ratings, rate
from . import recovery
from .messages import one_of  # noqa: F401 - part of this stage's interface
from .rules import cross_check  # noqa: F401 - part of this stage's interface
from .salvage import salvage
from .typed import validated

if TYPE_CHECKING:
    from .house import House


@dataclass(frozen=True)
class Checked:
    """Findings that passed every check, with their edition, their ratings and any warnings."""

    source: Located
    edition: Edition
    findings: Findings
    ratings: Ratings
    warnings: tuple[Problem, ...]


def check_file(path: Path, house: House, *, display: str | None = None, final: bool = False) -> Checked:
    """Load, validate and rate one findings file; raise ReportError with every problem.

    `final`: the report is to be published, so every warning (readiness.py) is an error.
    """
    from .guards.names import check_names

    check_names(path.stem, None, display or str(path))
    return check(recovery.load_yaml(path, display=display), house, final=final)


def check(source: Located, house: House, *, final: bool = False) -> Checked:
    """Every problem of the file in one pass: the values the models refuse and, on what is left of
    the findings (salvage.py), the edition's rules; raise ReportError with all of them, in file order."""
    findings, problems, damaged = validated(Findings, source)
    if damaged:
        findings = salvage(Findings, source.data)
    edition = None
    if findings is not None and isinstance(findings.edition, str):
        try:
            edition = house.edition(findings.edition, source)
        except ReportError as unknown:
            problems += unknown.problems
    if edition is not None:
        problems += cross_check(source, edition, findings, house, damaged)  # type: ignore[arg-type]
        problems += correction_problems(source, edition, findings)  # type: ignore[arg-type]
    problems += source.unreadable  # lines the YAML reader could not take (load.py), each reported once
    problems = [p for p in problems if p in source.unreadable or p.line not in source.unreadable_lines]
    if any(p.severity == "error" for p in problems):
        raise ReportError(problems)
    assert edition is not None and findings is not None
    edition = corrected(edition, findings.corrections)  # this report's own wording, where its printing differs
    ratings = rate(edition, findings)
    texts = text_problems(CheckInput(source, edition, findings, ratings, checker(), house))
    warnings = sorted([*problems, *readiness(source, edition, findings), *texts], key=lambda p: (p.line or 0, p.column or 0))
    if final:  # the brand's empty contact fields too: the page would offer them to readers
        require_final([*warnings, *house.unfinished])
    return Checked(source, edition, findings, ratings, tuple(warnings))
