"""Answers → counts: pure sums, the only arithmetic between case records and a report's figures.

For each question, `relevant` is the cases answered Yes or No (N/A cases are not relevant) and
`yes` those answered Yes; a sample's `cases` is its rows, and a standard's own `cases` the cases
in which any of its key questions applies.
"""

from __future__ import annotations

from dataclasses import dataclass

from .records import NO, YES, Case
from .samples import Sample


@dataclass(frozen=True)
class Count:
    relevant: int
    yes: int


@dataclass(frozen=True)
class Sums:
    sample: str
    cases: int
    standards: dict[str, int]  # standard id → cases in which any of its key questions applies
    questions: dict[str, Count]  # key question or prompt id ('2.1.1', '2.1.1.a') → counts


def sums(sample: Sample, cases: list[Case]) -> Sums:
    questions = {
        column.id: Count(sum(c.answers.get(column.id) in (YES, NO) for c in cases), sum(c.answers.get(column.id) == YES for c in cases))
        for column in sample.columns
    }
    key_questions: dict[str, list[str]] = {}
    for column in sample.columns:
        if not column.is_prompt:
            key_questions.setdefault(column.standard, []).append(column.id)
    standards = {standard: sum(any(c.answers.get(k) in (YES, NO) for k in ids) for c in cases)
                 for standard, ids in key_questions.items()}
    return Sums(sample.id, len(cases), standards, questions)
