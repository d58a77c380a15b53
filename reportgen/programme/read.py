"""Findings files → one small record per inspection: what the programme view needs, nothing more.

Each file is loaded, validated and rated exactly as `reportgen check` does (a file check refuses,
the programme refuses too); only its ratings, key-question figures and case counts are kept, so
memory stays flat however many reports there are. Files are read in worker processes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem, ReportError, how_many

if TYPE_CHECKING:
    from ..house import House


@dataclass(frozen=True)
class Rating:
    standard: str
    computed: str
    final: str
    mark: str  # '*' where a ratings panel moved the computed rating
    score: int
    scored: bool
    percent: int | None  # the case assessment score, where the standard has one
    rationale: str | None


@dataclass(frozen=True)
class KeyQuestionFigure:
    standard: str
    key_question: str
    relevant: int | None
    yes: int | None
    percent: int | None  # None: not applicable (no relevant cases)
    lowest: bool


@dataclass(frozen=True)
class PromptCount:
    key_question: str
    prompt: str
    relevant: int
    yes: int


@dataclass(frozen=True)
class CaseCount:
    domain: str
    standard: str | None  # None: the domain's case sample
    cases: int


@dataclass(frozen=True)
class Inspection:
    """One inspection as the programme sees it."""

    file: str  # the findings file's name
    service: str
    short_name: str
    area: str
    published: date
    edition: str
    score: int
    max_score: int
    overall: str | None  # None where the edition has no overall rating
    ratings: tuple[Rating, ...]
    key_questions: tuple[KeyQuestionFigure, ...]
    prompts: tuple[PromptCount, ...]
    cases: tuple[CaseCount, ...]

    @property
    def month(self) -> str:
        return self.published.strftime("%Y-%m")

    @property
    def area_key(self) -> str:
        return area_key(self.area)

    def rating(self, standard: str) -> Rating | None:
        return next((r for r in self.ratings if r.standard == standard), None)


def area_key(area: str) -> str:
    """What two spellings of one area share: 'St. Helens' and 'st helens', 'Brighton & Hove' and
    'Brighton and Hove' (accents, case, punctuation and '&' set aside)."""
    text = unicodedata.normalize("NFKD", area).encode("ascii", "ignore").decode().casefold()
    text = re.sub(r"\s*&\s*", " and ", text)
    text = re.sub(r"\bsaint\b", "st", text)
    return " ".join(re.sub(r"[^a-z0-9()]+", " ", text).split())


def record(checked) -> Inspection:
    """The record of one checked findings file (validate.Checked)."""
    findings, ratings = checked.findings, checked.ratings
    kept = tuple(Rating(s.id, s.computed, s.final, s.mark, s.score, s.scored, s.percent, s.rationale) for s in ratings.standards)
    figures = tuple(KeyQuestionFigure(s.id, kq.id, kq.relevant, kq.yes, kq.percent, kq.id == s.lowest)
                    for s in ratings.standards for kq in s.key_questions)
    prompts, cases = [], []
    for domain in findings.domains:
        if domain.cases is not None:
            cases.append(CaseCount(domain.id, None, domain.cases))
        for standard in domain.standards:
            if standard.cases is not None:
                cases.append(CaseCount(domain.id, standard.id, standard.cases))
            for kq_id, kq in standard.key_questions.items():
                prompts += [PromptCount(kq_id, p, c.relevant, c.yes) for p, c in kq.prompts.items()]
    return Inspection(
        file=Path(checked.source.file).name, service=findings.service.name, short_name=findings.service.short_name,
        area=findings.service.area, published=findings.inspection.published, edition=checked.edition.id,
        score=ratings.score, max_score=ratings.max_score, overall=ratings.overall, ratings=kept,
        key_questions=figures, prompts=tuple(prompts), cases=tuple(cases),
    )


def read_one(path: Path, house: House) -> Inspection | list[Problem]:
    """The file's record, or its errors as `check` reports them. Never raises."""
    from ..validate import check_file

    from ..readiness import PLACEHOLDER_CHECK

    try:
        checked = check_file(path, house, display=str(path))
    except ReportError as error:
        return [p for p in error.problems if p.severity == "error"]
    held = [w for w in checked.warnings if w.check == PLACEHOLDER_CHECK]
    if held:  # `reportgen new`'s TODO ratings, counts or date: not a report the programme can count yet
        return [Problem(str(path), held[0].line, held[0].column, held[0].field,
                        f"a report still being written ({how_many(len(held), 'placeholder')} still TODO: ratings, counts or dates)",
                        "a finished report (check --final passes it)", place=held[0].place)]
    return record(checked)


def _read_in_worker(path: Path) -> Inspection | list[Problem]:
    from ..workers import worker_house

    return read_one(path, worker_house())


def read_all(paths: list[Path], house: House, jobs: int = 1,
             done: Callable[[int], None] | None = None) -> tuple[list[Inspection], list[Problem]]:
    """Every file's record, in the order given, and every problem; `done(n)` hears progress."""
    from ..workers import cpu_count, start_with_house, worker_pool

    results: list[Inspection | list[Problem]] = []
    jobs = min(jobs, cpu_count(), len(paths))
    if jobs <= 1:
        for path in paths:
            results.append(read_one(path, house))
            if done:
                done(len(results))
    else:
        with worker_pool(jobs, start_with_house, house) as pool:
            for result in pool.map(_read_in_worker, paths, chunksize=max(1, len(paths) // (8 * jobs))):
                results.append(result)
                if done:
                    done(len(results))
    inspections = [r for r in results if isinstance(r, Inspection)]
    problems = [line for r in results if isinstance(r, list) for line in r]
    return inspections, problems
