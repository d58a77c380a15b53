"""Issue 15: the older framework editions as data — Bromley 2007 (JI phase three) and Lambeth 2015 (FJI).

Proves that an edition with section scores and no overall rating, and one with theme judgements and
case assessment scores, are checked, rated and printed from their framework files alone.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
import yaml
from lxml import etree

from reportgen.errors import ReportError
from reportgen.house import Folders, load_house
from reportgen.load import parse_yaml
from reportgen.model import CaseScore, DataTable, Standard, StandardFindings
from reportgen.rate import rate_standard
from reportgen.validate import check

from .conftest import ROOT
from .test_cli import run_cli, table_rows
from .test_rate import edition
from .variants import Variant

pytestmark = pytest.mark.slow  # every format of the 2007 and 2015 reports, PDFs included: in `make test`, not the quick loop

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def rows_by_id(stdout: str) -> dict[str, list[str]]:
    """Table rows of `reportgen check` keyed by section or theme number."""
    return table_rows(stdout, r"\d+")


def test_issue_15_check_bromley_prints_five_section_scores_and_no_overall_rating() -> None:
    code, stdout, stderr = run_cli("check", str(ROOT / "findings" / "bromley.yml"))
    assert code == 0, stderr
    rows = rows_by_id(stdout)
    assert list(rows) == ["1", "2", "3", "4", "5"]
    assert rows["1"][1] == "Management"
    assert rows["4"][1] == "Work with children and young people subject to detention and training orders"
    for row in rows.values():
        assert row[-2:] == ["Inadequate", "1"], row  # judged 1: Inadequate, the section score beside it
    assert "Section score" in stdout
    assert "Overall rating" not in stdout and "Score " not in stdout
    assert "No overall rating" in stdout


def test_issue_15_check_lambeth_prints_case_assessment_scores_and_theme_judgements() -> None:
    code, stdout, stderr = run_cli("check", str(ROOT / "findings" / "lambeth.yml"))
    assert code == 0, stderr
    rows = rows_by_id(stdout)
    published = {
        "1": ("58%", "Unsatisfactory"), "2": ("56%", "Unsatisfactory"), "3": ("62%", "Unsatisfactory"),
        "4": ("82%", "Good"), "5": ("judgement", "Unsatisfactory"), "6": ("63%", "Unsatisfactory"),
    }
    assert {theme: tuple(row[2:]) for theme, row in rows.items()} == published
    assert "Case assessment score" in stdout
    assert "Overall rating" not in stdout and "No overall rating" in stdout


def test_issue_15_no_edition_id_in_the_python() -> None:
    """Editions are data: no framework's id (or file name) appears anywhere in reportgen/, and nothing compares one."""
    ids = set()
    for path in (ROOT / "frameworks").glob("*.yml"):
        ids |= {path.stem, str(yaml.safe_load(path.read_text(encoding="utf-8"))["id"])}
    assert {"ji-2007", "fji-2015", "youth-2018", "youth-2021"} <= ids
    sources = {path: path.read_text(encoding="utf-8") for path in (ROOT / "reportgen").rglob("*.py")}
    assert len(sources) > 10
    for path, source in sources.items():
        for edition_id in ids:
            assert edition_id.lower() not in source.lower(), f"{path.relative_to(ROOT)} names the edition {edition_id!r}"
        assert not re.search(r"edition(?:\.id)?\s*(?:==|!=|\bin\b)\s*['\"(\[{]", source), f"{path.relative_to(ROOT)} branches on an edition"


def test_case_assessment_score_from_counts_is_rounded_half_up() -> None:
    theme = Standard(id="1", name="Reducing reoffending", method="judgement", score_statement="{percent}% done well enough.")
    found = StandardFindings(id="1", rating="Good", case_score=CaseScore(relevant=61, well_enough=35))
    result = rate_standard(theme, found, edition(theme))
    assert (result.final, result.percent) == ("Good", 57)  # 35/61 = 57.38 → 57
    halves = StandardFindings(id="1", rating="Good", case_score=CaseScore(relevant=8, well_enough=1))
    assert rate_standard(theme, halves, edition(theme)).percent == 13  # 12.5 → 13, not banker's 12


HOUSE = load_house(Folders.given(environ={}))


def checked_text(text: str, name: str):
    return check(parse_yaml(text, name), HOUSE)


def problems_of(text: str, name: str) -> str:
    with pytest.raises(ReportError) as caught:
        checked_text(text, name)
    return "\n".join(str(p) for p in caught.value.problems)


THEMES = 'domains["themes"].standards'  # Lambeth's


def test_a_theme_with_a_score_needs_it_and_a_theme_without_may_not_have_one() -> None:
    missing = Variant("lambeth").delete(f'{THEMES}["1"].percent')
    assert "the case assessment score of 1 Reducing reoffending" in problems_of(missing.text(), "lambeth.yml")
    score = f'{THEMES}["5"].percent'
    extra = Variant("lambeth").set(score, 40)
    message = problems_of(extra.text(), "lambeth.yml")
    assert f"lambeth.yml:{extra.line(score)}:" in message and "no case assessment score" in message


def test_a_judgement_off_the_scale_is_refused_with_the_scale_named() -> None:
    rating = 'domains["sections"].standards["3"].rating'
    bromley = Variant("bromley").set(rating, "Requires improvement")
    message = problems_of(bromley.text(), "bromley.yml")
    assert f"bromley.yml:{bromley.line(rating)}:" in message
    assert "'Inadequate', 'Adequate', 'Good', 'Excellent'" in message


def test_a_statistics_row_may_not_have_more_values_than_columns() -> None:
    with pytest.raises(ValueError, match="at most 2"):
        DataTable(caption="c", columns=("Measure", "YOT", "Average"), rows=({"label": "x", "values": ("1%", "2%", "3%")},))


def test_an_explanation_box_error_points_into_the_box() -> None:
    """Unions of text and boxes report the YAML path, not pydantic's branch names."""
    callout = f'{THEMES}["2"].explanation[4].callout'
    lambeth = Variant("lambeth")
    assert lambeth.get(f'{THEMES}["2"].explanation[4].heading') == "Quote from a victim"
    message = problems_of(lambeth.set(callout, "anecdote").text(), "lambeth.yml")
    assert f"lambeth.yml:{lambeth.line(callout)}:" in message
    assert "Section" not in message.split("found")[0]


# --- the two reports as built (the session's renders: no extra layout) ------------------------


def all_text(built, name: str) -> dict[str, str]:
    """Each format's text as a reader sees it, whitespace normalised."""
    from bs4 import BeautifulSoup

    from . import readback

    formats = built[name]
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(formats["docx"])).read("word/document.xml"))
    docx_text = " ".join("".join(p.itertext(W + "t")) for p in body.iter(W + "p"))  # table cells included
    return {
        "md": " ".join(formats["md"].decode().replace("**", "").split()),
        "html": " ".join(BeautifulSoup(formats["html"].decode(), "html.parser").get_text(" ").split()),
        "pdf": " ".join(" ".join(page.split()) for page in readback.pdf_text(formats["pdf"])),
        "docx": " ".join(docx_text.split()),
    }


def test_issue_15_bromley_in_four_formats_says_each_section_is_inadequate_and_no_more(built) -> None:
    assert built["bromley"]["pdf"].startswith(b"%PDF-") and built["bromley"]["docx"].startswith(b"PK")
    for fmt, text in all_text(built, "bromley").items():
        assert text.count("This section is judged as inadequate.") == 5, fmt
        assert "4: Excellent; 3: Good; 2: Adequate; 1: Inadequate." in text, fmt
        assert "Overall rating" not in text, fmt
        assert "Inadequate – does not deliver minimum requirements, with many important shortcomings" in text, fmt
        assert "1.1.1.1 There is a clear line of accountability" in text, fmt  # the criteria annex, from the framework


def test_issue_15_bromley_key_statistics_keep_their_comparison_columns(built) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(built["bromley"]["html"].decode(), "html.parser")
    table = soup.find("caption", string=re.compile("^Assessment of YOT case files")).find_parent("table")
    header = [" ".join(th.get_text().split()) for th in table.find("thead").find_all("th")]
    assert header == ["Assessment of YOT case files", "YOT score (% cases)", "Average for phase 3.1 YOTs",
                      "Range for phase 3.1 YOTs", "Youth Justice Board targets"]
    rows = {" ".join(tr.find("th").get_text().split()): [" ".join(td.get_text().split()) for td in tr.find_all("td")]
            for tr in table.find("tbody").find_all("tr")}
    assert len(rows) == 18
    assert rows["– timeliness"] == ["57%", "79%", "41-100%", "100%"]
    assert rows["Victim was consulted about restorative/reparative justice work with child or young person"] == ["9%", "53%", "13-84%", ""]
    assert rows["– substance misuse"][-1].startswith("100%") and table.find("sup", class_="footnote-ref")


def test_issue_15_lambeth_in_four_formats_states_scores_owners_and_judgements(built, checked) -> None:
    assert built["lambeth"]["pdf"].startswith(b"%PDF-") and built["lambeth"]["docx"].startswith(b"PK")
    for fmt, text in all_text(built, "lambeth").items():
        for sentence in ("overall 58% of work to reduce reoffending was done well enough",
                         "overall 56% of work to protect the public was done well enough",
                         "overall 62% of work to protect children and young people and reduce their vulnerability",
                         "overall 82% of work to ensure the sentence was served was done well enough",
                         "overall 63% of work relating to interventions to reduce reoffending"):
            assert sentence in text, (fmt, sentence)
        assert text.count("(Chair of the YOS Management Board)") == 3, fmt
        assert "(YOS Manager and Chair of the Local Safeguarding Children Board)" in text, fmt
        assert text.count("Rating: Unsatisfactory") == 5 and text.count("Rating: Good") == 1, fmt
        assert "Overall rating" not in text, fmt


def test_issue_15_lambeth_explanations_number_on_past_their_boxes(built) -> None:
    """Theme 1 prints paragraphs 1–13 with two case illustrations and the victim quotes between them."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(built["lambeth"]["html"].decode(), "html.parser")
    theme = soup.find("h2", string="Theme 1: Reducing reoffending")
    start = theme.find_next("h3", string="Explanation of findings")
    numbers, boxes = [], []
    for sibling in start.find_next_siblings():
        if sibling.name in ("h2", "h3"):
            break
        if sibling.name == "ol":
            first = int(sibling.get("start", 1))
            numbers += range(first, first + len(sibling.find_all("li", recursive=False)))
        if sibling.name == "blockquote":
            boxes.append(" ".join(sibling.find_previous_sibling("p").get_text().split()))
    assert numbers == list(range(1, 14))
    assert boxes == ["Case illustration", "Case illustration", "Quotes relating to victim work"]
    # the governance theme numbers its grouped paragraphs 1.1, 1.2 … under numbered group headings
    h4 = [" ".join(h.get_text().split()) for h in soup.find_all("h4")]
    assert "1. Leadership and Governance – offending is reduced and other criminal justice and related objectives are met" in h4
    assert soup.find(string=re.compile(r"^2\.10\. We were concerned to find"))


def test_issue_15_both_transcriptions_are_final_ready() -> None:
    """Key judgements' strengths, numbered key findings, explanations and blank published cells count as
    finished findings: `check --final` accepts both transcriptions as they stand."""
    code, stdout, stderr = run_cli("check", "--final", str(ROOT / "findings" / "bromley.yml"), str(ROOT / "findings" / "lambeth.yml"))
    assert code == 0, stderr
    assert "warning" not in stderr
