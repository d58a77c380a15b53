"""The programme's figures, pure: the period, the spread of ratings, key-question statistics and
what changed between an area's inspections. No I/O, no wording (words.py words them)."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from .columns import Column, Series
from .read import Inspection


def in_period(inspections: list[Inspection], since: str | None, until: str | None) -> list[Inspection]:
    """Inspections published in the months from `since` to `until` (YYYY-MM, both included), in
    order of publication, then area: the order every table lists them in."""
    kept = [i for i in inspections if (since is None or i.month >= since) and (until is None or i.month <= until)]
    return sorted(kept, key=lambda i: (i.published, i.area_key, i.service, i.file))


def of_series(series: Series, inspections: list[Inspection]) -> list[Inspection]:
    return [i for i in inspections if i.edition in series.ids]


def rating_in(column: Column, inspection: Inspection):
    """The inspection's rating in this column, or None where its edition has no such standard."""
    ident = column.of(inspection.edition)
    return inspection.rating(ident) if ident else None


@dataclass(frozen=True)
class Spread:
    label: str
    counts: tuple[tuple[str, int], ...]  # (rating, inspections) for each word of the scale, lowest first

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


def spread(series: Series, inspections: list[Inspection], overall_label: str) -> list[Spread]:
    """For each standard (and the overall rating), how many inspections got each final rating."""
    words = [r.name for r in series.scale]
    rows = []
    for column in series.columns:
        found = Counter(r.final for i in inspections if (r := rating_in(column, i)) is not None)
        if found:
            rows.append(Spread(column.label, tuple((w, found[w]) for w in words)))
    if series.overall:
        found = Counter(i.overall for i in inspections if i.overall)
        rows.append(Spread(overall_label, tuple((w, found[w]) for w in words)))
    return rows


@dataclass(frozen=True)
class Figures:
    """One key question's (or case assessment score's) percentages across the inspections that have it."""

    standard: str
    question: str  # '2.1.1 Does assessment …', or the words for a case assessment score
    values: tuple[int, ...]

    @property
    def median(self) -> Fraction:
        return Fraction(statistics.median_low(self.values) + statistics.median_high(self.values), 2)


def key_question_figures(series: Series, inspections: list[Inspection], score_words: str) -> list[Figures]:
    """Every key question with a percentage anywhere, in the series' order; a standard's case
    assessment score (older editions) after its key questions."""
    rows: list[Figures] = []
    for column in series.columns:
        for standard_column, kq in series.key_questions:
            if standard_column != column:
                continue
            values = tuple(f.percent for i in inspections if (ident := kq.of(i.edition))
                           for f in i.key_questions if f.key_question == ident and f.percent is not None)
            if values:
                rows.append(Figures(column.label, kq.label, values))
        scores = tuple(r.percent for i in inspections if (r := rating_in(column, i)) is not None and r.percent is not None)
        if scores:
            rows.append(Figures(column.label, score_words, scores))
    return rows


def reinspected(inspections: list[Inspection]) -> list[list[Inspection]]:
    """Areas inspected more than once, matched by area (not by how the service was named), each
    area's inspections in order; areas in order of their latest inspection."""
    by_area: dict[str, list[Inspection]] = {}
    for inspection in inspections:
        by_area.setdefault(inspection.area_key, []).append(inspection)
    groups = [sorted(g, key=lambda i: (i.published, i.file)) for g in by_area.values() if len(g) > 1]
    return sorted(groups, key=lambda g: (g[-1].published, g[-1].area_key))


@dataclass(frozen=True)
class Change:
    """What changed from one inspection of an area to the next."""

    before: Inspection
    after: Inspection
    comparable: bool  # the two editions are in one series
    improved: tuple[tuple[str, str, str], ...] = ()  # (standard, from, to)
    declined: tuple[tuple[str, str, str], ...] = ()
    unchanged: tuple[str, ...] = ()
    only_before: tuple[str, ...] = ()  # standards of one edition the other has no counterpart for
    only_after: tuple[str, ...] = ()
    overall: tuple[str, str] | None = None  # (from, to), where both have a corresponding overall rating
    score: tuple[int, int, int] | None = None  # (from, to, out of)


def change(before: Inspection, after: Inspection, all_series: list[Series]) -> Change:
    together = next((s for s in all_series if before.edition in s.ids and after.edition in s.ids), None)
    if together is None:
        return Change(before, after, False)
    order = {r.name: n for n, r in enumerate(together.scale)}
    improved, declined, unchanged, only_before, only_after = [], [], [], [], []
    for column in together.columns:
        old, new = rating_in(column, before), rating_in(column, after)
        if old and new:
            moved = order[new.final] - order[old.final]
            target = improved if moved > 0 else declined if moved < 0 else None
            if target is None:
                unchanged.append(column.label)
            else:
                target.append((column.label, old.final, new.final))
        elif old:
            only_before.append(column.label)
        elif new:
            only_after.append(column.label)
    overall = score = None
    if together.overall and before.overall and after.overall:
        overall = (before.overall, after.overall)
        if before.max_score == after.max_score:
            score = (before.score, after.score, after.max_score)
    return Change(before, after, True, tuple(improved), tuple(declined), tuple(unchanged), tuple(only_before),
                  tuple(only_after), overall, score)


def direction(change_: Change, scale_order: dict[str, int]) -> int:
    """+1 where the overall rating rose, -1 where it fell, 0 where it stayed (or none is compared)."""
    if change_.overall is None:
        return 0
    step = scale_order[change_.overall[1]] - scale_order[change_.overall[0]]
    return (step > 0) - (step < 0)
