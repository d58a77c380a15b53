"""An edition's case samples: the domains rated from cases, and the questions each case is answered on.

A sample is a domain with at least one standard computed from cases (youth editions: court
disposals, out-of-court disposals; resettlement where an edition rates it from cases). Its columns
are the key questions (`2.1.1`) and prompts (`2.1.1.a`) of those standards, in the edition's order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Edition

CASE = "case"  # the column of anonymous case references
SAMPLE = "sample"  # in a CSV file, the column naming each row's sample (the domain id)


@dataclass(frozen=True)
class Column:
    id: str  # '2.1.1' or '2.1.1.a'
    key_question: str  # the key question it belongs to (itself, for a key question)
    standard: str
    text: str  # the published wording, for the header note

    @property
    def is_prompt(self) -> bool:
        return self.id != self.key_question


@dataclass(frozen=True)
class Sample:
    id: str  # the domain's id
    name: str
    columns: tuple[Column, ...]

    @property
    def sheet(self) -> str:
        """The sheet's name in a workbook: '2 Court disposals' (a spreadsheet allows 31 characters, no []:*?/\\)."""
        return re.sub(r"[\[\]:*?/\\]", " ", f"{self.id} {self.name}")[:31].strip()

    def column(self, column_id: str) -> Column | None:
        return next((c for c in self.columns if c.id == column_id), None)

    def prompts_of(self, key_question: str) -> list[Column]:
        return [c for c in self.columns if c.is_prompt and c.key_question == key_question]


def samples(edition: Edition) -> tuple[Sample, ...]:
    found = []
    for domain in edition.domains:
        columns = []
        for standard in domain.standards:
            if standard.method != "cases":
                continue
            for kq in standard.key_questions:
                columns.append(Column(kq.id, kq.id, standard.id, " ".join(kq.text.split())))
                columns += [Column(f"{kq.id}.{p.id}", kq.id, standard.id, " ".join(p.text.split())) for p in kq.prompts]
        if columns:
            found.append(Sample(domain.id, domain.name, tuple(columns)))
    return tuple(found)


def sample_named(all_samples: tuple[Sample, ...], name: str) -> Sample | None:
    """The sample a sheet (or a CSV `sample` cell) names: its id, its sheet name, or its id then words ('2 Court …')."""
    text = " ".join(str(name).split())
    for sample in all_samples:
        if text in (sample.id, sample.sheet, f"{sample.id} {sample.name}") or text.split(" ")[0] == sample.id:
            return sample
    return None
