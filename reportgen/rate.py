"""The ratings calculator: pure functions from counts to percentages, bands, ratings and the overall score.

Implements the Inspectorate's published scoring rules (DESIGN.md §3) for any edition whose
scale, bands and discretion are given as data. No I/O, no templates, no floats.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .model import TODO, Band, Domain, Edition, Findings, KeyQuestionFindings, Standard, StandardFindings

Direction = Literal["up", "down"]


def percent(yes: int, relevant: int) -> int:
    """Whole percent 'Yes', rounded half up in integer arithmetic: 129/200 → 65, 1/8 → 13."""
    if relevant <= 0 or not 0 <= yes <= relevant:
        raise ValueError(f"need 0 <= yes <= relevant and relevant > 0, got {yes}/{relevant}")
    return (200 * yes + relevant) // (2 * relevant)


def band(value: int, bands: tuple[Band, ...]) -> str:
    """The rating of the highest band whose minimum `value` reaches."""
    reached = [b for b in bands if value >= b.minimum]
    if not reached:
        raise ValueError(f"{value} is below every band")
    return max(reached, key=lambda b: b.minimum).rating


@dataclass(frozen=True)
class KeyQuestionResult:
    id: str
    relevant: int | str | None  # TODO: not counted yet
    yes: int | str | None
    percent: int | None  # None: not applicable (no relevant cases), or not counted yet (todo)
    rating: str | None
    todo: bool = False  # a placeholder count (TODO): no percentage until it is counted

    @property
    def applicable(self) -> bool:
        return self.percent is not None


@dataclass(frozen=True)
class Opening:
    """One reason discretion is, or may be, open for a standard, as numbers (templates/review.yml words it)."""

    condition: Literal["boundary", "one_case", "small_sample"]
    directions: frozenset[Direction]  # empty: the condition does not hold
    determinable: bool = True  # False: only a percentage is published, so counts cannot be tried
    percent: int | None = None  # the key question's percentage
    boundaries: tuple[int, ...] = ()  # boundary: the band edges within `margin` points of it
    margin: int = 0  # boundary: the edition's margin
    yes: int | None = None  # one_case, small_sample: the key question's counts
    relevant: int | None = None
    limit: int = 0  # small_sample: the most cases a small sample holds


@dataclass(frozen=True)
class Refusal:
    """Why a panel's move breaks the rules, as data (templates/review.yml words it)."""

    kind: Literal["off_scale", "judged", "same", "skips", "closed"]
    direction: Direction | None = None


@dataclass(frozen=True)
class StandardResult:
    id: str
    name: str
    method: str
    scored: bool
    key_questions: tuple[KeyQuestionResult, ...]
    lowest: str | None  # id of the lowest applicable key question
    computed: str  # rating from the rules (or the inspectors' judgement)
    final: str  # after professional discretion
    score: int | str  # TODO while not rated
    openings: tuple[Opening, ...]
    rationale: str | None  # the panel's, where discretion moved the rating
    percent: int | str | None = None  # the case assessment score, where the standard has one (TODO while not known)

    @property
    def mark(self) -> str:
        """'*' where a ratings panel moved the computed rating."""
        return "*" if self.final != self.computed else ""

    @property
    def discretion_open(self) -> frozenset[Direction]:
        return frozenset().union(*(o.directions for o in self.openings)) if self.openings else frozenset()


@dataclass(frozen=True)
class AreaResult:
    """A broad area of work (a domain the edition rates as a whole) and its rating from its standards'."""

    id: str
    name: str
    rating: str  # TODO while one of its standards is not rated yet
    score: int | str


@dataclass(frozen=True)
class Ratings:
    standards: tuple[StandardResult, ...]
    score: int | str  # TODO while a scored standard (or area) is not rated yet
    max_score: int
    overall: str | None  # None where the edition has no overall rating; TODO while a standard is not rated yet
    areas: tuple[AreaResult, ...] = ()  # where the edition rates domains as areas of work

    def by_id(self) -> dict[str, StandardResult]:
        return {s.id: s for s in self.standards}

    def area(self, domain_id: str) -> AreaResult | None:
        return next((a for a in self.areas if a.id == domain_id), None)


def rate_key_question(kq_id: str, found: KeyQuestionFindings, bands: tuple[Band, ...]) -> KeyQuestionResult:
    if TODO in (found.percent, found.relevant, found.yes):
        return KeyQuestionResult(kq_id, found.relevant, found.yes, None, None, todo=True)
    if found.percent is not None:
        value = found.percent
    elif found.relevant:
        value = percent(found.yes or 0, found.relevant)
    else:
        return KeyQuestionResult(kq_id, found.relevant, found.yes, None, None)
    return KeyQuestionResult(kq_id, found.relevant, found.yes, value, band(value, bands))


def openings(kq: KeyQuestionResult, edition: Edition) -> tuple[Opening, ...]:
    """Why a ratings panel may (or may not) move a rating resting on key question `kq`, and which way."""
    rules, bands = edition.discretion, edition.case_bands
    assert kq.percent is not None and kq.rating is not None
    found: list[Opening] = []

    near = tuple(b.minimum for b in bands if b.minimum > 0 and abs(kq.percent - b.minimum) <= rules.margin)
    directions: set[Direction] = {"down" if kq.percent >= b else "up" for b in near}
    found.append(Opening("boundary", frozenset(directions), percent=kq.percent, boundaries=near, margin=rules.margin))

    if kq.relevant is None or kq.yes is None:
        found.append(Opening("one_case", frozenset(), False, kq.percent))
        found.append(Opening("small_sample", frozenset(), False, kq.percent))
        return tuple(found)
    counts = {"percent": kq.percent, "yes": kq.yes, "relevant": kq.relevant}

    if rules.one_case:
        flips: set[Direction] = set()
        if kq.yes + 1 <= kq.relevant and band(percent(kq.yes + 1, kq.relevant), bands) != kq.rating:
            flips.add("up")
        if kq.yes >= 1 and band(percent(kq.yes - 1, kq.relevant), bands) != kq.rating:
            flips.add("down")
        found.append(Opening("one_case", frozenset(flips), **counts))

    small = kq.relevant <= rules.small_sample
    found.append(Opening("small_sample", _moves_within(kq.percent, bands) if small else frozenset(), limit=rules.small_sample, **counts))
    return tuple(found)


def _moves_within(value: int, bands: tuple[Band, ...]) -> frozenset[Direction]:
    """The ways a rating of `value` can move on the case bands: not up from the top band, not down from the bottom."""
    here = max(b.minimum for b in bands if value >= b.minimum)
    minimums = [b.minimum for b in bands]
    return frozenset({*(["up"] if here < max(minimums) else []), *(["down"] if here > min(minimums) else [])})


def discretion_problem(result: StandardResult, moved_to: str, edition: Edition) -> Refusal | None:
    """Why a panel's move to `moved_to` breaks the rules, or None if it is allowed."""
    words = [r.name for r in edition.scale]
    if moved_to not in words:
        return Refusal("off_scale")
    if result.method != "cases":
        return Refusal("judged")
    step = words.index(moved_to) - words.index(result.computed)
    if step == 0:
        return Refusal("same")
    if abs(step) > 1:
        return Refusal("skips")
    direction: Direction = "up" if step > 0 else "down"
    if direction not in result.discretion_open:
        return Refusal("closed", direction)
    return None


def case_assessment_score(found: StandardFindings) -> int | str | None:
    """The standard's case assessment score: published as a percent, or from counts of work done well enough
    (TODO while not known)."""
    if found.case_score is not None:
        return percent(found.case_score.well_enough, found.case_score.relevant)
    return found.percent


def rate_standard(standard: Standard, found: StandardFindings, edition: Edition) -> StandardResult:
    scores = {r.name: r.score for r in edition.scale}
    common = dict(id=standard.id, name=standard.name, method=standard.method, scored=standard.scored)
    score = case_assessment_score(found)
    results = tuple(
        rate_key_question(kq.id, found.key_questions[kq.id], edition.case_bands)
        for kq in standard.key_questions
        if kq.id in found.key_questions
    )
    if found.rating == TODO or (standard.method == "percentage" and score == TODO) or any(kq.todo for kq in results):
        return StandardResult(**common, key_questions=results, lowest=None, computed=TODO, final=TODO, score=TODO,
                              openings=(), rationale=None, percent=score)
    if standard.method == "judgement":
        if found.rating is None:
            raise ValueError(f"standard {standard.id} needs a rating")
        return StandardResult(
            **common, key_questions=(), lowest=None, computed=found.rating, final=found.rating,
            score=scores[found.rating], openings=(), rationale=None, percent=score,
        )
    if standard.method == "percentage":
        if score is None:
            raise ValueError(f"standard {standard.id} needs a percent")
        rating = band(score, edition.case_bands)
        return StandardResult(
            **common, key_questions=(), lowest=None, computed=rating, final=rating, score=scores[rating],
            openings=(), rationale=None, percent=score,
        )
    applicable = [kq for kq in results if kq.applicable]
    if not applicable:
        raise ValueError(f"standard {standard.id} has no applicable key question")
    lowest = min(applicable, key=lambda kq: kq.percent)  # first of equals, in framework order
    provisional = StandardResult(
        **common, key_questions=results, lowest=lowest.id, computed=lowest.rating, final=lowest.rating,
        score=scores[lowest.rating], openings=openings(lowest, edition), rationale=None,
    )
    if found.discretion is None:
        return provisional
    refused = discretion_problem(provisional, found.discretion.rating, edition)
    if refused:  # check reports it first, in the house's words (rules.check_discretion)
        raise ValueError(f"standard {standard.id}: discretion refused ({refused.kind})")
    moved = found.discretion.rating
    return StandardResult(
        **{**provisional.__dict__, "final": moved, "score": scores[moved], "rationale": found.discretion.rationale}
    )


def rate_area(domain: Domain, results: dict[str, StandardResult], edition: Edition) -> AreaResult:
    """An area's rating from its scored standards': the lowest of them, or the sum of their scores banded."""
    assert domain.rating is not None
    scores = {r.name: r.score for r in edition.scale}
    mine = [results[s.id] for s in domain.standards if results[s.id].scored]
    if not mine or any(r.final == TODO for r in mine):
        return AreaResult(domain.id, domain.name, TODO, TODO)
    if domain.rating.rule == "lowest":
        rating = min((r.final for r in mine), key=lambda word: scores[word])
    else:
        rating = band(sum(int(r.score) for r in mine), domain.rating.bands)
    return AreaResult(domain.id, domain.name, rating, scores[rating])


def rate(edition: Edition, findings: Findings) -> Ratings:
    """Every standard's rating, each rated area's, the overall score and the overall rating (validated findings only)."""
    found = {s.id: s for d in findings.domains for s in d.standards}
    results = tuple(rate_standard(s, found[s.id], edition) for s in edition.standards())
    by_id = {r.id: r for r in results}
    areas = tuple(rate_area(d, by_id, edition) for d in edition.domains if d.rating)
    top = max(r.score for r in edition.scale)
    counted: tuple[StandardResult | AreaResult, ...] = (
        areas if edition.overall and edition.overall.rated_from == "areas" else tuple(r for r in results if r.scored))
    max_score = top * len(counted)
    if any(r.score == TODO for r in counted):  # an outline still being filled in
        return Ratings(results, TODO, max_score, TODO if edition.overall else None, areas)
    score = sum(int(r.score) for r in counted)
    overall = band(score, edition.overall.bands) if edition.overall else None
    return Ratings(results, score, max_score, overall, areas)
