"""Issue 24 item 5: an invented edition of a different shape, added with no Python of its own
(frameworks/invented-two-areas.yml, templates/invented-two-areas/, and its synthetic report
findings/examples/invented-two-areas-example.yml): two broad areas of work each rated from its own
case sample — work with children (20 cases), work with victims (8) — organisational standards rated
by judgement and not counted, and an overall rating from the two areas. Its four formats come from
the session's shared builds."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from reportgen.model import TODO
from reportgen.rate import rate

from . import readback
from .conftest import ROOT

INVENTED = "examples/invented-two-areas-example"


def test_the_edition_is_data_only(house) -> None:
    """No Python names it: its shape is the engine's data terms (areas rated, the overall from areas)."""
    edition = house.edition("invented-two-areas")
    assert edition.overall.rated_from == "areas"
    assert [(d.name, d.rating.rule if d.rating else None) for d in edition.domains] == [
        ("Organisational standards", None), ("Work with children", "lowest"), ("Work with victims", "lowest")]
    assert not any(s.scored for s in edition.domains[0].standards)
    sources = [p for p in (ROOT / "reportgen").rglob("*.py")]
    assert not [p for p in sources if "invented-two-areas" in p.read_text(encoding="utf-8")]
    assert (ROOT / "templates" / "invented-two-areas" / "report.md.j2").read_text(encoding="utf-8").count("{%") == 1  # extends the base


# The invented report's figures worked by hand, with the published rules (DESIGN.md §3): percentage
# = (200*yes + relevant) // (2*relevant); band < 50 Inadequate, 50-64 Requires improvement, 65-79 Good,
# >= 80 Outstanding; a standard takes its lowest key question's band; an area the lowest of its
# standards; the overall the areas' scores (0-3 each) added, banded 0-1 / 2-3 / 4-5 / 6.
BY_HAND = {  # key question: (relevant, yes, whole percent, band)
    "2.1.1": (20, 18, 90, "Outstanding"), "2.1.2": (20, 14, 70, "Good"),  # 2.1 Good (lowest: 2.1.2)
    "2.2.1": (20, 17, 85, "Outstanding"), "2.2.2": (18, 15, 83, "Outstanding"),  # 15/18 = 83.3: 2.2 Outstanding
    "3.1.1": (8, 5, 63, "Requires improvement"), "3.1.2": (5, 5, 100, "Outstanding"),  # 5/8 = 62.5, half up: 3.1 RI
}


def test_the_calculator_rates_each_area_from_its_own_sample_and_the_overall_from_the_areas(checked) -> None:
    """A unit test of the pure calculator (rate.rate) on the invented edition, against the figures worked by hand."""
    invented = checked[INVENTED]
    ratings = rate(invented.edition, invented.findings)
    worked = {kq.id: (kq.relevant, kq.yes, kq.percent, kq.rating) for s in ratings.standards for kq in s.key_questions
              if kq.percent is not None}
    assert worked == BY_HAND
    assert {s.id: (s.lowest, s.final, s.score) for s in ratings.standards} == {
        "1.1": (None, "Good", 2), "1.2": (None, "Requires improvement", 1),  # judged, shown, not counted
        "2.1": ("2.1.2", "Good", 2), "2.2": ("2.2.2", "Outstanding", 3), "3.1": ("3.1.1", "Requires improvement", 1)}
    # work with children: lowest of Good and Outstanding = Good (2); work with victims: its one standard (1)
    assert [(a.id, a.name, a.rating, a.score) for a in ratings.areas] == [
        ("2", "Work with children", "Good", 2), ("3", "Work with victims", "Requires improvement", 1)]
    # 2 + 1 = 3 of 6 (two areas of at most 3), in 2-3: Requires improvement (the standards added would give 6 of 9)
    assert (ratings.score, ratings.max_score, ratings.overall) == (3, 6, "Requires improvement")
    assert ratings == checked[INVENTED].ratings  # what `check` and the build use
    assert [d.cases for d in invented.findings.domains] == [None, 20, 8]  # each area its own sample


def test_the_area_rule_and_the_overall_follow_the_data(checked) -> None:
    """The same findings under the rule `score` (the area's standards' scores added, banded), and an
    area not yet rated leaves the overall TODO."""
    invented = checked[INVENTED]
    edition = invented.edition
    children = edition.domains[1].model_copy(update={"rating": edition.domains[1].rating.model_copy(update={
        "rule": "score", "bands": (edition.case_bands[0].model_copy(update={"minimum": 0}),
                                   edition.case_bands[3].model_copy(update={"minimum": 5}))})})
    scored = edition.model_copy(update={"domains": (edition.domains[0], children, edition.domains[2])})
    ratings = rate(scored, invented.findings)
    assert ratings.area("2").rating == "Outstanding" and (ratings.score, ratings.overall) == (4, "Good")  # 2 + 3 = 5 → Outstanding
    domains = list(invented.findings.domains)
    victims = domains[2].model_copy(update={"standards": (domains[2].standards[0].model_copy(update={"key_questions": {
        **domains[2].standards[0].key_questions, "3.1.1": domains[2].standards[0].key_questions["3.1.1"].model_copy(update={"yes": TODO})}}),)})
    pending = rate(edition, invented.findings.model_copy(update={"domains": (*domains[:2], victims)}))
    assert (pending.area("3").rating, pending.score, pending.overall) == (TODO, TODO, TODO)


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_it_builds_in_all_four_formats(built, fmt) -> None:
    from .test_any_report import all_text

    text = re.sub(r"\s+([,.:])", r"\1", " ".join(all_text(built, INVENTED)[fmt].split()))  # bold ends before the comma
    assert "This report is invented." in text
    for said in ("Work with children", "Work with victims", "Of the 20 cases inspected", "Of the 8 cases inspected",
                 "Overall rating, from the two areas: Requires improvement, a score of 3 out of 6."):
        assert said in text.replace("**", ""), (fmt, said)


def test_the_ratings_table_and_chapters_show_the_areas(built) -> None:
    html = built[INVENTED]["html"].decode()
    rows = readback.html_ratings(html)
    assert ("2. Work with children", "Good") in rows and ("3. Work with victims", "Requires improvement") in rows
    assert ("1. Organisational standards", "") in rows  # not an area: no rating of its own
    assert readback.docx_ratings(built[INVENTED]["docx"]) == rows
    soup = BeautifulSoup(html, "html.parser")
    victims = soup.find("h2", string="3. Work with victims")
    assert victims.find_next("p")["class"] == ["rating", "rating-requires-improvement"]
    assert [h for level, h in readback.html_headings(html) if level == 2][-2:] == ["Annex 1: Methodology", "Annex 2: Inspection results"]
    assert re.search(r"eight cases of victims", built[INVENTED]["md"].decode())  # its own sample, in the methodology


def test_check_prints_each_areas_rating(tmp_path) -> None:
    from .test_cli import run_cli

    code, out, _ = run_cli("check", str(ROOT / "findings" / f"{INVENTED}.yml"))
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines() if re.match(r"^\d\.\S*\s", line)}
    assert rows["2."].rstrip().endswith("Good                  2") and rows["3."].rstrip().endswith("Requires improvement  1")
    assert "Score 3/6  Overall rating: Requires improvement" in out
