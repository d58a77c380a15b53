"""The calculator against DESIGN.md §3: rounding, bands, lowest key question, discretion, overall score."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.model import (
    Band, Discretionary, Domain, Edition, KeyQuestion, KeyQuestionFindings, Overall,
    ScaleRating, Standard, StandardFindings,
)
from reportgen.rate import band, discretion_problem, openings, percent, rate_key_question, rate_standard

SCALE = (
    ScaleRating(name="Inadequate", score=0, colour="#f4c7c3"),
    ScaleRating(name="Requires improvement", score=1, colour="#ffe3a3"),
    ScaleRating(name="Good", score=2, colour="#cfe8d3"),
    ScaleRating(name="Outstanding", score=3, colour="#7ac48a"),
)
CASE_BANDS = tuple(Band(minimum=m, rating=r) for m, r in [(0, "Inadequate"), (50, "Requires improvement"), (65, "Good"), (80, "Outstanding")])
OVERALL = Overall(bands=tuple(Band(minimum=m, rating=r) for m, r in [(0, "Inadequate"), (7, "Requires improvement"), (19, "Good"), (31, "Outstanding")]))
STANDARD = Standard(
    id="2.1", name="Assessment", statement="…", method="cases",
    key_questions=tuple(KeyQuestion(id=f"2.1.{i}", text=f"q{i}") for i in (1, 2, 3)),
)


def edition(*standards: Standard) -> Edition:
    return Edition(
        id="test", name="test", scale=SCALE, case_bands=CASE_BANDS, overall=OVERALL,
        domains=(Domain(id="2", name="Court disposals", standards=standards or (STANDARD,)),),
    )


def found(*counts: tuple[int, int], discretion: Discretionary | None = None) -> StandardFindings:
    return StandardFindings(
        id="2.1",
        key_questions={f"2.1.{i}": KeyQuestionFindings(relevant=r, yes=y) for i, (r, y) in enumerate(counts, 1)},
        discretion=discretion,
    )


@pytest.mark.parametrize(
    ("yes", "relevant", "expected"),
    [
        (13, 20, 65),  # exactly on the Good boundary
        (129, 200, 65),  # 64.5 rounds half up
        (1, 8, 13),  # 12.5 rounds half up
        (79, 100, 79),
        (4, 5, 80),
        (2, 3, 67),  # Merton 3.2
        (1, 3, 33),  # 33.3 rounds down
        (0, 7, 0),
        (7, 7, 100),
        (99, 200, 50),  # 49.5 → 50: banded on what the reader sees
        (159, 200, 80),  # 79.5 → 80
    ],
)
def test_percent_rounds_half_up_in_whole_numbers(yes: int, relevant: int, expected: int) -> None:
    assert percent(yes, relevant) == expected


@pytest.mark.parametrize(("yes", "relevant"), [(1, 0), (3, 2), (-1, 4)])
def test_percent_refuses_impossible_counts(yes: int, relevant: int) -> None:
    with pytest.raises(ValueError):
        percent(yes, relevant)


@pytest.mark.parametrize(
    ("value", "rating"),
    [(0, "Inadequate"), (49, "Inadequate"), (50, "Requires improvement"), (64, "Requires improvement"),
     (65, "Good"), (79, "Good"), (80, "Outstanding"), (100, "Outstanding")],
)
def test_band_edges(value: int, rating: str) -> None:
    assert band(value, CASE_BANDS) == rating


@pytest.mark.parametrize(
    ("counts", "rating"),
    [
        (((20, 13), (20, 20), (20, 20)), "Good"),  # 65
        (((200, 129), (9, 9), (9, 9)), "Good"),  # 64.5 → 65
        (((8, 1), (9, 9), (9, 9)), "Inadequate"),  # 12.5 → 13
        (((100, 79), (9, 9), (9, 9)), "Good"),
        (((5, 4), (9, 9), (9, 9)), "Outstanding"),
    ],
)
def test_standard_takes_band_of_lowest_key_question(counts, rating: str) -> None:
    result = rate_standard(STANDARD, found(*counts), edition())
    assert result.computed == result.final == rating
    assert result.lowest == "2.1.1"


def test_not_applicable_key_question_is_skipped() -> None:
    result = rate_standard(STANDARD, found((9, 9), (0, 0), (9, 8)), edition())
    assert [kq.percent for kq in result.key_questions] == [100, None, 89]
    assert result.lowest == "2.1.3"
    assert result.final == "Outstanding"


def test_lowest_ties_go_to_the_first_in_framework_order() -> None:
    result = rate_standard(STANDARD, found((9, 9), (3, 2), (3, 2)), edition())
    assert result.lowest == "2.1.2"


def test_merton_planning_out_of_court() -> None:
    """Merton 3.2: key questions 5/5, 3/4, 2/3 → lowest 67% → Good (DESIGN.md worked check)."""
    result = rate_standard(STANDARD, found((5, 5), (4, 3), (3, 2)), edition())
    assert [kq.percent for kq in result.key_questions] == [100, 75, 67]
    assert (result.lowest, result.final, result.score) == ("2.1.3", "Good", 2)


def test_havering_assessment_from_percentages() -> None:
    """Havering 3.1: 85/63/52 → Requires improvement; count-based checks are not determinable."""
    standard = StandardFindings(id="2.1", key_questions={f"2.1.{i}": KeyQuestionFindings(percent=p) for i, p in enumerate((85, 63, 52), 1)})
    result = rate_standard(STANDARD, standard, edition())
    assert result.final == "Requires improvement"
    by_condition = {o.condition: o for o in result.openings}
    assert not by_condition["one_case"].determinable and not by_condition["small_sample"].determinable
    assert by_condition["boundary"].directions == {"down"}  # 52 is within 5 of 50


# --- discretion: each condition on its own ---------------------------------


def opening_of(relevant: int, yes: int):
    kq = rate_key_question("2.1.1", KeyQuestionFindings(relevant=relevant, yes=yes), CASE_BANDS)
    return {o.condition: o.directions for o in openings(kq, edition())}


def test_boundary_condition_alone() -> None:
    # 68/100 = 68%: within 5 of 65 (move down open); ±1 case stays Good; 100 cases is not small
    assert opening_of(100, 68) == {"boundary": {"down"}, "one_case": set(), "small_sample": set()}
    # 62/100 = 62%: within 5 of 65 below it: a move up is open
    assert opening_of(100, 62)["boundary"] == {"up"}


@given(st.integers(1, 60).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))))
def test_property_no_opening_points_off_the_scale(case) -> None:
    """No condition opens a move up from the top band or down from the bottom one."""
    relevant, yes = case
    rating = band(percent(yes, relevant), CASE_BANDS)
    ranked = [b.rating for b in sorted(CASE_BANDS, key=lambda b: b.minimum)]
    for condition, directions in opening_of(relevant, yes).items():
        assert not (rating == ranked[-1] and "up" in directions), (condition, case)
        assert not (rating == ranked[0] and "down" in directions), (condition, case)


def test_one_case_condition_alone() -> None:
    # 8/9 = 89%: 9 points above 80, but 7/9 = 78% would be Good; 9/9 stays Outstanding
    assert opening_of(9, 8) == {"boundary": set(), "one_case": {"down"}, "small_sample": set()}
    # 8/11 = 73%: 8 from 65 and 7 from 80, yet 7/11 = 64% and 9/11 = 82% both change the band
    assert opening_of(11, 8) == {"boundary": set(), "one_case": {"up", "down"}, "small_sample": set()}


def test_small_sample_condition_alone() -> None:
    # 5/5 = 100%: far from boundaries, 4/5 = 80% still Outstanding, but only 5 cases — and
    # Outstanding is the top band, so a small sample opens a move down only
    assert opening_of(5, 5) == {"boundary": set(), "one_case": set(), "small_sample": {"down"}}
    # 0/5 = 0%: Inadequate, the bottom band: up only
    assert opening_of(5, 0)["small_sample"] == {"up"}
    # 3/5 = 60%: Requires improvement, a band with one above and one below: either way
    assert opening_of(5, 3)["small_sample"] == {"up", "down"}


def test_no_condition_holds() -> None:
    assert opening_of(40, 40) == {"boundary": set(), "one_case": set(), "small_sample": set()}


def test_accepted_override_is_marked_with_rationale() -> None:
    ruling = Discretionary(rating="Good", rationale="Other key questions were Outstanding.")
    result = rate_standard(STANDARD, found((100, 62), (9, 9), (9, 9), discretion=ruling), edition())
    assert (result.computed, result.final, result.mark, result.score) == ("Requires improvement", "Good", "*", 2)
    assert result.rationale == "Other key questions were Outstanding."


@pytest.mark.parametrize(
    ("counts", "moved_to", "refusal"),
    [
        (((40, 40), (40, 40), (40, 40)), "Good", ("closed", "down")),  # not eligible
        (((100, 68), (40, 40), (40, 40)), "Outstanding", ("closed", "up")),  # eligible only downwards
        (((5, 2), (40, 40), (40, 40)), "Good", ("skips", None)),  # Inadequate → Good
        (((5, 2), (40, 40), (40, 40)), "Excellent", ("off_scale", None)),
    ],
)
def test_rejected_overrides(counts, moved_to: str, refusal) -> None:
    """The calculator says why as data (kind, direction); templates/review.yml words it (test_house)."""
    provisional = rate_standard(STANDARD, found(*counts), edition())
    problem = discretion_problem(provisional, moved_to, edition())
    assert problem is not None and (problem.kind, problem.direction) == refusal
    with pytest.raises(ValueError):
        rate_standard(STANDARD, found(*counts, discretion=Discretionary(rating=moved_to, rationale="x")), edition())


def test_override_without_rationale_is_refused_by_the_model() -> None:
    with pytest.raises(ValueError):
        Discretionary(rating="Good", rationale="")
    with pytest.raises(ValueError):
        Discretionary.model_validate({"rating": "Good"})


@pytest.mark.parametrize(
    ("score", "overall"),
    [(6, "Inadequate"), (7, "Requires improvement"), (18, "Requires improvement"), (19, "Good"), (30, "Good"), (31, "Outstanding")],
)
def test_overall_band_edges(score: int, overall: str) -> None:
    assert band(score, OVERALL.bands) == overall


# --- property: rating is the band of the minimum, overall is the sum ---------

counts = st.integers(min_value=1, max_value=60).flatmap(lambda r: st.tuples(st.just(r), st.integers(0, r)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(counts, min_size=1, max_size=4), min_size=1, max_size=14))
def test_property_rating_is_band_of_minimum_and_score_is_sum(tables) -> None:
    from reportgen.model import Findings
    from reportgen.rate import rate

    standards = tuple(
        Standard(id=f"2.{n}", name=f"s{n}", statement="…", method="cases",
                 key_questions=tuple(KeyQuestion(id=f"2.{n}.{i}", text="q") for i in range(len(t))))
        for n, t in enumerate(tables, 1)
    )
    ed = edition(*standards)
    findings = Findings.model_validate({
        "edition": "test",
        "service": {"name": "S", "short_name": "S", "area": "A"},
        "inspection": {"published": "2021-08-01", "fieldwork": "May", "lead_inspector": "X"},
        "introduction": {"body": "b", "signatory": {"name": "N"}},
        "recommendations": [{"addressee": "A should:", "recommendations": ["r"]}],
        "background": "b",
        "domains": [{"id": "2", "standards": [
            {"id": s.id, "key_questions": {f"{s.id}.{i}": {"relevant": r, "yes": y} for i, (r, y) in enumerate(t)}}
            for s, t in zip(standards, tables)
        ]}],
    })
    ratings = rate(ed, findings)
    for result, table in zip(ratings.standards, tables):
        lowest = min((2 * y * 100 + r) // (2 * r) for r, y in table)
        assert result.final == band(lowest, CASE_BANDS)
    assert ratings.score == sum({"Inadequate": 0, "Requires improvement": 1, "Good": 2, "Outstanding": 3}[r.final] for r in ratings.standards)
    assert ratings.max_score == 3 * len(tables)
    assert ratings.overall == band(ratings.score, OVERALL.bands)


# --- older editions: nothing assumes 12 standards, a maximum of 36 or an overall rating ------


def test_phase_three_yot_edition_scores_sections_one_to_four_with_no_overall() -> None:
    """Bromley 2007: five sections scored 4 Excellent / 3 Good / 2 Adequate / 1 Inadequate."""
    from reportgen.model import Findings
    from reportgen.rate import rate

    scale = tuple(ScaleRating(name=n, score=s, colour="#ffffff") for n, s in
                  [("Inadequate", 1), ("Adequate", 2), ("Good", 3), ("Excellent", 4)])
    sections = tuple(Standard(id=str(n), name=f"Section {n}", statement="…", method="judgement") for n in range(1, 6))
    ed = Edition(id="jiyot-2007", name="Joint inspection of YOTs, phase 3", scale=scale,
                 domains=(Domain(id="1", name="Sections", standards=sections),))
    findings = Findings.model_validate({
        "edition": "jiyot-2007", "service": {"name": "Bromley YOT", "short_name": "the YOT", "area": "Bromley"},
        "inspection": {"published": "2007-01-01", "fieldwork": "October and November 2006", "lead_inspector": "Dan Parks"},
        "introduction": {"heading": "Foreword", "body": "…", "signatory": {"name": "Andrew Bridges"}},
        "recommendations": [{"addressee": "The YOT should:", "recommendations": ["r"]}], "background": "…",
        "domains": [{"id": "1", "standards": [{"id": str(n), "rating": r} for n, r in
                                              zip(range(1, 6), ["Adequate", "Inadequate", "Adequate", "Good", "Adequate"])]}],
    })
    ratings = rate(ed, findings)
    assert ratings.overall is None
    assert (ratings.score, ratings.max_score) == (2 + 1 + 2 + 3 + 2, 4 * 5)


def test_full_joint_inspection_themes_band_a_case_assessment_score() -> None:
    """Lambeth 2015: themes carry 'a case assessment score' (% of work done well enough)."""
    theme = Standard(id="1", name="Reducing reoffending", statement="…", method="percentage")
    result = rate_standard(theme, StandardFindings(id="1", percent=58), edition(theme))
    assert (result.final, result.percent, result.key_questions) == ("Requires improvement", 58, ())
