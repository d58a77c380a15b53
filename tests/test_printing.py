"""Issue 24 item 3: editions shape the whole report, as data (an edition's `printing:`), and a report
may correct one statement's wording, break a long narrative with sub-headings and be dated by year.

The 2019-style printing is the synthetic example (findings/examples/youth-2018-example.yml, edition
youth-2018-rev2019); the 2021 printing is Merton's (youth-2018). Markdown and HTML only, from the
session's shared builds, except where the point is print (the PDF is built once for the snapshots).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from reportgen.compose import compose
from reportgen.errors import ReportError
from reportgen.review.fields import compose_with_fields
from reportgen.model import Edition
from reportgen.printing import DEFAULT_ORDER, Printing
from reportgen.subheadings import Subheaded, below
from reportgen.validate import check_file
from reportgen.view import build_view

from . import readback
from .conftest import ROOT
from .variants import Variant

EXAMPLE = "examples/youth-2018-example"


def md(built, name: str) -> str:
    return built[name]["md"].decode()


def flat(text: str) -> str:
    return " ".join(text.split())


# ---- the 2019 printing ----------------------------------------------------------------------------


def test_the_2019_printing_builds_its_parts_in_its_order(built) -> None:
    headings = readback.markdown_headings(md(built, EXAMPLE))
    assert [text for level, text in headings if level == 2] == [
        "Contents", "Acknowledgements", "Foreword", "Overall findings", "Ratings", "Recommendations", "Introduction",
        "Contextual facts", "1. Organisational delivery", "2. Court disposals", "3. Out-of-court disposals",
        "Annex 1: Methodology", "Annex 2: Inspection results", "Annex 3: Data sources", "Annex 4: Glossary"]
    # the opening chapter holds the role of the Inspectorate and the standards, then the background
    opening = headings[headings.index((2, "Introduction")) + 1:headings.index((2, "Contextual facts"))]
    assert opening == [(3, "The role of HM Inspectorate of Probation"), (3, "Our standards"), (3, "The area"), (4, "Schools")]
    text = md(built, EXAMPLE)
    front = text[text.index("## Acknowledgements"):text.index("## Foreword")]
    assert "Her Majesty's Inspectorate of Probation is the independent inspector" not in front  # not on the inside cover
    assert "Where we have identified any third-party copyright information, you will need" in flat(front)  # its year's notice
    # a back cover with the publisher's address closes the report, after the last annex
    back = text[text.index("## Annex 4: Glossary"):]
    assert "1st Floor Civil Justice Centre\\\n1 Bridge Street West" in back
    html = BeautifulSoup(built[EXAMPLE]["html"], "html.parser")
    assert "M3 3FX" in html.find("div", class_="backcover").get_text()


def test_the_2019_printing_leaves_out_what_it_never_printed(built, checked) -> None:
    text = md(built, EXAMPLE)
    chapters = text[text.index("## 1. Organisational delivery"):text.index("## Annex 1")]
    assert "is based on the following key questions" not in chapters  # no lead-in sentence
    assert "Table: Key questions for" not in chapters and "Key questions for" not in text  # no key-question table
    assert "Rating: " not in text  # a rating printed bare, as the 2021 printing it extends does
    assert "Annexe" not in text  # 'Annex 1', not 'Annexe 1'
    # a discretion move: a bare asterisk in the ratings table, no line under it saying why …
    ratings = text[text.index("## Ratings"):text.index("## Recommendations")]
    assert "| 3.2 Planning | Requires improvement* |" in ratings and "professional discretion" not in ratings
    # … and the panel's reason beside the rating in the chapter
    planning = chapters[chapters.index("### 3.2. Planning"):chapters.index("### 3.3.")]
    assert "**Requires improvement***" in planning and "Planning to keep other people safe was sound" in planning
    # the rating's footnote now sits on the rating and points to the results annex
    assert re.search(r"^\*\*Good\*\*\[\^rating-2\.1\]$", chapters, re.M)
    assert "[^rating-2.1]: The rating for the standard is driven by the lowest score on each of the key questions, which is " \
           "placed in a rating band. See Annex 2 for the results of each key question." in text


def test_the_2019_results_annex_opens_with_its_own_text_and_lists_domain_one(built) -> None:
    text = md(built, EXAMPLE)
    annex = text[text.index("## Annex 2: Inspection results"):text.index("## Annex 3")]
    assert annex.split("\n\n")[1].startswith("This annex sets out the results of the inspection.")
    assert "| 1.1 Governance and leadership | Good |" in annex and "| 1.3 Partnerships and services | Requires improvement |" in annex
    assert [h for h in readback.markdown_headings(annex) if h[0] == 3] == [
        (3, "1. Organisational delivery"), (3, "2. Court disposals"), (3, "3. Out-of-court disposals")]
    assert "Table: Results for 3.4 Joint working" in annex
    assert "Overall rating: **Good**, a score of 22 out of 36." in annex


# ---- the 2021 printing (Merton) ---------------------------------------------------------------------


def test_merton_has_no_results_annexe(built) -> None:
    """The 2021 printing of the 2018 standards (Merton's published contents end 'Annexe 1: Methodology')."""
    for name in ("md", "html"):
        assert "Inspection results" not in built["merton"][name].decode(), name
    headings = [text for level, text in readback.markdown_headings(md(built, "merton")) if level == 2]
    assert headings[-1] == "Annexe 1: Methodology"
    assert "See Annexe 1 for a more detailed explanation." in md(built, "merton")  # the footnote names its annexe by the printing


def test_each_printing_carries_its_own_years_notice(built) -> None:
    for name in ("merton", "havering"):
        text = flat(md(built, name))
        assert "You may re-use this information (excluding logos) free of charge in any format or medium" in text, name
        assert "Follow us on Twitter" in text and "[@hmiprobation](https://twitter.com/hmiprobation)" in text, name
        assert "This publication is licensed under the terms of the" not in text, name  # today's wording is the web page's
    assert "Crown copyright 2021" in md(built, "merton") and "Crown copyright 2022" in md(built, "havering")


def test_ratings_are_printed_bare_where_the_printing_did(built) -> None:
    for name in ("merton", "havering", EXAMPLE):
        tokens = readback.markdown_tokens(md(built, name))
        ratings = [tokens[i + 1].content for i, t in enumerate(tokens)
                   if t.type == "paragraph_open" and re.fullmatch(r"\*\*[^*]+\*\*\*?(\[\^[^\]]+\])?", tokens[i + 1].content)]
        assert len(ratings) >= 12 and "Rating: " not in md(built, name), name
    assert "Rating: " in md(built, "lambeth")  # a printing that said 'Rating:' still does


def test_header_rows_and_captions_the_printing_lacked_are_hidden_in_print_only(built) -> None:
    soup = BeautifulSoup(built["merton"]["html"], "html.parser")
    ratings = soup.find("h2", string="Ratings").find_next("table")
    assert ratings.thead["class"] == ["unprinted"] and [th.get_text() for th in ratings.thead.find_all("th")] == ["Standard", "Rating"]
    captions = soup.find_all("caption")
    assert captions and all(c.get("class") == ["unprinted"] for c in captions)  # in the structure, named for screen readers
    css = (ROOT / "templates" / "style" / "report.css").read_text(encoding="utf-8")
    rule = re.search(r"caption\.unprinted, thead\.unprinted[^{]*\{([^}]*)\}", css)
    assert rule and "color: transparent" in rule.group(1) and css.rindex("@media print") < rule.start()  # print only
    page = " ".join(readback.pdf_text(built["merton"]["pdf"], slice(4, 5)).pop().split())
    assert page.startswith("Ratings Standard Rating Merton Youth Justice Service")  # kept in the PDF's text, not seen
    lambeth = BeautifulSoup(built["lambeth"]["html"], "html.parser")
    assert not lambeth.select(".unprinted")  # a printing that showed them shows them


# ---- the data, and its defaults -------------------------------------------------------------------


def test_an_edition_that_says_nothing_prints_as_before(checked, house) -> None:
    """Every choice defaults to how reports were printed before it could be set: Merton's edition without
    its `printing:` gives back the 'Rating:' line, the results annexe and today's layout."""
    assert Printing().order == DEFAULT_ORDER and Edition.model_fields["printing"].default == Printing()
    merton = checked["merton"]
    plain = merton.edition.model_copy(update={"printing": Printing(annexes=("methodology", "results"))})
    text = compose(build_view(type(merton)(merton.source, plain, merton.findings, merton.ratings, ()), house), house)
    headings = [t for level, t in readback.markdown_headings(text) if level == 2]
    assert headings[-2:] == ["Annexe 1: Methodology", "Annexe 2: Inspection results"]
    assert text.count("Rating: **") == 12 + 8  # each standard, and each case standard again in the results annexe
    assert "Table: Key questions for 2.1 Assessment" in text and "Our rating[^rating-2.1] for assessment" in text


def test_a_printing_that_names_wording_the_edition_lacks_is_refused(house) -> None:
    data = house.edition("youth-2018").model_dump(by_alias=True)
    data["printing"] = {"order": [*DEFAULT_ORDER, "back_cover"]}
    with pytest.raises(ValueError, match="back_cover, which boilerplate does not give"):
        Edition.model_validate(data)
    data["printing"] = {"order": ["cover", "ratings", "ratings"]}
    with pytest.raises(ValueError, match="ratings is listed more than once"):
        Edition.model_validate(data)


# ---- per report: corrections, sub-headings, a year ------------------------------------------------


def test_a_report_corrects_the_wording_its_printing_differs_in(built, checked) -> None:
    example = checked[EXAMPLE]
    statement = next(s for s in example.edition.standards() if s.id == "1.1").statement
    assert statement.endswith("all children and young people in Exampleshire.")
    text = flat(md(built, EXAMPLE))
    assert statement in text
    assert "#### Does the YOT work effectively with the police in carrying out the out-of-court disposal?" in md(built, EXAMPLE)
    assert "implementing the out-of-court disposal" not in text  # in the heading and the results annex alike


@pytest.mark.parametrize(("correction", "field", "found"), [
    ({"of": "2.9", "text": "x", "why": "y"}, "corrections[0].of", "'2.9'"),
    ({"of": "2.1", "text": "x", "heading": "h", "why": "y"}, "corrections[0].heading", "a heading for a standard"),
])
def test_a_correction_names_a_statement_or_key_question_of_the_edition(tmp_path: Path, house, correction, field, found) -> None:
    merton = Variant().set("corrections", [correction])
    path = tmp_path / "findings.yml"
    path.write_text(merton.text(), encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        check_file(path, house, display="findings.yml")
    problem = caught.value.problems[0]
    assert (problem.field, problem.found) == (field, found) and problem.line == merton.line(field)


def test_sub_headings_are_set_below_the_heading_the_field_stands_under() -> None:
    text = "Opening.\n\n# Education\n\nSchools.\n\n## Attendance\n\nFigures.\n\nA setext\n---\n\nEnd."
    moved = below(text, 3)
    assert isinstance(moved, Subheaded) and moved.source is text
    assert re.findall(r"^#+ .*$", moved, re.M) == ["#### Education", "##### Attendance", "##### A setext"]
    assert below(text, 5).count("###### ") == 3  # never deeper than level 6
    plain = "No headings here, only # a hash."
    assert below(plain, 2) is plain  # identity kept: the draft's field marks find the field


def test_sub_headings_keep_their_field_for_the_draft(checked, house) -> None:
    """A narrative printed with its headings moved is still marked as its field (Word bookmarks, absorb)."""
    _, spans = compose_with_fields(build_view(checked[EXAMPLE], house), house)
    assert ("background",) in {s.path for s in spans}
    assert ("domains", 0, "standards", 3, "narrative") in {s.path for s in spans}
