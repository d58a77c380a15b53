"""Issue 24 item 5 (the engine, in data terms): an edition may rate its domains as broad areas of work —
each from its standards' ratings (`rating: {rule: lowest}` or `{rule: score, bands: …}`) — and take the
overall rating from the areas (`overall: {from: areas}`). Merton's findings under Merton's edition made
area-rated, in memory."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from reportgen.model import TODO, Edition
from reportgen.rate import rate

BANDS = [{"minimum": 0, "rating": "Inadequate"}, {"minimum": 2, "rating": "Requires improvement"},
         {"minimum": 4, "rating": "Good"}, {"minimum": 6, "rating": "Outstanding"}]


def areas_edition(house, **rules) -> Edition:
    """youth-2018 with domains 2 and 3 rated as areas (`rules`: domain id → its rating rule) and the overall from them."""
    data = house.edition("youth-2018").model_dump(by_alias=True)
    for domain in data["domains"]:
        if domain["id"] in rules:
            domain["rating"] = rules[domain["id"]]
    data["overall"] = {"from": "areas", "bands": BANDS}
    return Edition.model_validate(data)


def test_an_area_takes_the_lowest_rating_of_its_standards_and_the_overall_comes_from_the_areas(house, checked) -> None:
    merton = checked["merton"]
    edition = areas_edition(house, **{"2": {"rule": "lowest"}, "3": {"rule": "lowest"}})
    ratings = rate(edition, merton.findings)
    assert [(a.id, a.rating, a.score) for a in ratings.areas] == [("2", "Outstanding", 3), ("3", "Good", 2)]  # 3.2, 3.3 Good
    assert (ratings.score, ratings.max_score, ratings.overall) == (5, 6, "Good")
    assert ratings.area("1") is None  # domain one is not an area: its standards count toward nothing
    assert [s.final for s in ratings.standards] == [s.final for s in merton.ratings.standards]  # standards as before


def test_an_area_may_add_its_standards_scores_instead(house, checked) -> None:
    bands = [{"minimum": 0, "rating": "Inadequate"}, {"minimum": 4, "rating": "Requires improvement"},
             {"minimum": 8, "rating": "Good"}, {"minimum": 11, "rating": "Outstanding"}]
    edition = areas_edition(house, **{"2": {"rule": "score", "bands": bands}, "3": {"rule": "score", "bands": bands}})
    ratings = rate(edition, checked["merton"].findings)
    assert [(a.rating, a.score) for a in ratings.areas] == [("Outstanding", 3), ("Good", 2)]  # 12 and 10 of 12
    assert ratings.overall == "Good"


def test_an_area_with_a_standard_not_rated_yet_leaves_it_and_the_overall_to_do(house, checked) -> None:
    merton = checked["merton"]
    edition = areas_edition(house, **{"2": {"rule": "lowest"}, "3": {"rule": "lowest"}})
    domains = list(merton.findings.domains)
    first = domains[2].standards[0]
    question = first.key_questions["3.1.1"].model_copy(update={"yes": TODO})
    domains[2] = domains[2].model_copy(update={"standards": (first.model_copy(update={"key_questions": {**first.key_questions, "3.1.1": question}}),
                                                             *domains[2].standards[1:])})
    ratings = rate(edition, merton.findings.model_copy(update={"domains": tuple(domains)}))
    assert [a.rating for a in ratings.areas] == ["Outstanding", TODO]
    assert (ratings.score, ratings.overall) == (TODO, TODO)


@pytest.mark.parametrize(("change", "said"), [
    (lambda d: d["overall"].update({"from": "areas"}), "overall from areas needs at least one domain with a `rating:`"),
    (lambda d: d["domains"][1].update({"rating": {"rule": "score"}}), "rule score needs bands"),
    (lambda d: d["domains"][1].update({"rating": {"rule": "score", "bands": [{"minimum": 0, "rating": "Fine"}]}}),
     "band rating 'Fine' is not on the scale"),
])
def test_area_rules_are_checked_where_they_are_written(house, change, said) -> None:
    data = house.edition("youth-2018").model_dump(by_alias=True)
    change(data)
    with pytest.raises(ValidationError, match=said):
        Edition.model_validate(data)


def test_the_report_prints_an_areas_rating_beside_its_row_and_under_its_heading(house, checked) -> None:
    from reportgen.compose import compose
    from reportgen.validate import Checked
    from reportgen.view import build_view

    merton = checked["merton"]
    edition = areas_edition(house, **{"2": {"rule": "lowest"}, "3": {"rule": "lowest"}})
    again = Checked(merton.source, edition, merton.findings, rate(edition, merton.findings), ())
    text = compose(build_view(again, house), house)
    assert "| **2. Court disposals** | **Outstanding** |" in text and "| **1. Organisational delivery** | |" in text
    assert "| **Merton Youth Justice Service** | **Score 5/6** |" in text
    chapter = text[text.index("## 3. Out-of-court disposals"):text.index("### 3.1.")]
    assert "\n**Good**\n" in chapter  # Merton's printing gives ratings bare
