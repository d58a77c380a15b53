"""`reportgen cases show CASES --question 2.1.3`: the cases answered No, and N/A, by reference.

What a ratings panel looks at when discretion is open: which cases a different judgement would
move. References are printed here, on the team's own terminal, and nowhere in a report.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem, ReportError
from ..rate import percent
from .records import NA, NO, YES, Records, answered, read_records
from .samples import samples

if TYPE_CHECKING:
    from ..house import House


def show_question(path: Path, question: str, edition_id: str | None, house: House) -> list[str]:
    records = _records(path, edition_id, house)
    sample = next((s for s in records.samples if s.column(question)), None)
    if sample is None:
        from ..messages import one_of

        known = [c.id for s in records.samples for c in s.columns]
        raise ReportError([Problem("--question", None, None, "", repr(question), one_of(question, known, "a key question or prompt:"))])
    column = sample.column(question)
    cases = records.cases.get(sample.id, [])
    yes, no, na = (answered(cases, question, v) for v in (YES, NO, NA))
    relevant = len(yes) + len(no)
    share = f" ({percent(len(yes), relevant)}%)" if relevant else ""
    return [
        f"{question} {column.text}",
        f"sample {sample.id} {sample.name}: {len(cases)} cases; Yes in {len(yes)} of {relevant} relevant{share}",
        f"No ({len(no)}): {', '.join(no) or 'none'}",
        f"N/A ({len(na)}): {', '.join(na) or 'none'}",
    ]


def _records(path: Path, edition_id: str | None, house: House) -> Records:
    """The records read with EDITION, or with the first edition that reads them without a problem."""
    if edition_id is not None:
        return read_records(path, house.edition(edition_id), str(path))
    failures: list[ReportError] = []
    for name in sorted(house.editions, reverse=True):  # by name, the later year first
        try:
            edition = house.edition(name)
        except ReportError:
            continue
        if not samples(edition):
            continue
        try:
            return read_records(path, edition, str(path))
        except ReportError as error:
            failures.append(error)
    if failures:
        raise min(failures, key=lambda e: len(e.problems))
    raise ReportError([Problem(str(path), None, None, "", "no edition with a case sample", "an edition (--edition)")])
