"""Issue 11: any youth justice report, not only the two transcribed.

The synthetic report (findings/examples/youth-2018-example.yml) is built once with the seed
reports by the session fixtures; these tests read its four formats and compose variants of
the seed findings in memory (Markdown only, which is cheap).
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

import pytest
from bs4 import BeautifulSoup

from reportgen.compose import compose
from reportgen.numbers import counted, number
from reportgen.validate import Checked, check, cross_check
from reportgen.view import build_view
from reportgen.load import parse_yaml

from . import readback
from .conftest import REPORTS, ROOT

pytestmark = pytest.mark.slow  # every report in every format, PDFs included: in `make test`, not the quick loop

EXAMPLE = "examples/youth-2018-example"
LEFTOVERS = re.compile(r"\bNone\b(?! of)|\bnull\b|\{\{|\}\}|\{%|\[\]|\(\)|\x1e|\x1f|\bzero\b|: ,")


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode() + package.read("word/footnotes.xml").decode()
    return re.sub(r"<[^>]+>", " ", xml)


_TEXTS: dict[tuple[int, str], dict[str, str]] = {}


def all_text(built, name: str) -> dict[str, str]:
    """The reader's text of each format, read back once per session (PDF text extraction is slow)."""
    key = (id(built), name)
    if key not in _TEXTS:
        _TEXTS[key] = _read_all(built, name)
    return _TEXTS[key]


def _read_all(built, name: str) -> dict[str, str]:
    outputs = built[name]
    soup = BeautifulSoup(outputs["html"], "html.parser")
    for hidden in soup(["style", "script"]):
        hidden.decompose()
    return {
        "md": outputs["md"].decode(), "html": soup.get_text(" "),
        "pdf": " ".join(readback.pdf_text(outputs["pdf"])), "docx": docx_text(outputs["docx"]),
    }


def variant(checked: Checked, house, **update) -> str:
    """The composed Markdown of a seed's findings with some fields replaced (validated again)."""
    findings = checked.findings.model_copy(update=update)
    again = Checked(checked.source, checked.edition, findings, checked.ratings, ())
    assert not [p for p in cross_check(checked.source, checked.edition, findings, house) if p.severity == "error"]
    return compose(build_view(again, house), house)


def test_every_findings_file_is_a_session_report() -> None:
    """The grep below, and every per-report test, covers each findings file, findings/examples/ too."""
    from .conftest import findings_files, findings_id

    assert sorted(REPORTS) == sorted(findings_id(p) for p in findings_files())


@pytest.mark.parametrize("name", REPORTS)
def test_no_none_null_or_empty_placeholder_in_any_format(built, name) -> None:
    for fmt, text in all_text(built, name).items():
        found = LEFTOVERS.search(text)
        assert found is None, f"{name}.{fmt}: {text[max(0, found.start() - 60):found.end() + 60]!r}"


def test_synthetic_report_is_marked_invented_and_uses_what_it_shows(built, checked) -> None:
    findings = checked[EXAMPLE].findings
    assert findings.edition == "youth-2018-rev2019"
    assert findings.inspection.meetings is None and findings.inspection.isbn is None
    assert findings.overall_findings is not None and "methodology" in findings.boilerplate
    counted = {s.id for d in findings.domains for s in d.standards for kq in s.key_questions.values() if kq.relevant is not None}
    assert counted == {"3.4"}  # percentages only, but 3.4's counts and prompts (a prompt table in the 2019 printing)
    for fmt, text in all_text(built, EXAMPLE).items():
        assert "invented" in text, fmt
        assert "ISBN" not in text and "meetings, which included" not in text, fmt
        assert "This methodology is invented for the example." in " ".join(text.split()), fmt


def test_percentages_in_the_results_annex(built, checked) -> None:
    """Findings giving percentages only: the 2019 printing's chapters carry no key-question table (issue 24), its results annex does."""
    soup = BeautifulSoup(built[EXAMPLE]["html"], "html.parser")
    chapters = {s.id: s for s in checked[EXAMPLE].ratings.standards}
    assert soup.find("caption", string=re.compile(r"^Key questions for 2\.1 ")) is None
    caption = soup.find("caption", string=re.compile(r"^Results for 2\.1 "))
    cells = [[c.get_text(" ", strip=True) for c in row.find_all(["th", "td"])] for row in caption.find_parent("table").tbody.find_all("tr")]
    assert [row[1] for row in cells] == [f"{kq.percent}%" for kq in chapters["2.1"].key_questions] == ["85%", "80%", "75%"]
    assert "Relevant cases" not in caption.find_parent("table").get_text()


def test_wording_revision_shows_in_all_four_formats(built) -> None:
    revised = "actively involving the child or young person and their parents/carers"
    for fmt, text in all_text(built, EXAMPLE).items():
        assert revised in " ".join(text.split()), fmt
    for fmt, text in all_text(built, "merton").items():  # the edition it extends keeps its own wording
        flat = " ".join(text.split())
        assert "actively involving the child and their parents and carers" in flat and revised not in flat, fmt


def test_callout_boxes_in_every_format(built) -> None:
    outputs = built[EXAMPLE]
    soup = BeautifulSoup(outputs["html"], "html.parser")
    boxes = soup.select("div.callout[role=note]")
    labels = [box["aria-label"] for box in boxes]
    assert labels == ["Good practice", "Practice example: Sam (the name has been changed)", "Case illustration"]
    for box in boxes:
        assert box.find(class_="callout-label").get_text() == box["aria-label"]  # the label is visible too
        assert box.find_parent("li") is None and box.find_previous("h4") is not None  # inside the narrative
    md = outputs["md"].decode()
    assert "> **Good practice**\n>\n> The board asked two young people" in md and ":::" not in md
    document = zipfile.ZipFile(BytesIO(outputs["docx"])).read("word/document.xml").decode()
    label = re.search(r"<w:p>(?:(?!</w:p>).)*Good practice</w:t>.*?</w:p>", document)
    assert label and 'w:fill="f3f2f1"' in label.group(0).lower() and "<w:pbdr>" in label.group(0).lower()
    body = re.search(r"<w:p>(?:(?!</w:p>).)*The board asked two young people", document)
    assert body and 'w:fill="f3f2f1"' in body.group(0).lower()
    assert "Good practice" in " ".join(readback.pdf_text(outputs["pdf"]))


def test_overall_findings_and_domain_summaries(built, checked, house) -> None:
    soup = BeautifulSoup(built[EXAMPLE]["html"], "html.parser")
    section = soup.find("h2", string="Overall findings")
    parts = []
    for sibling in section.find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(sibling)
    text = re.sub(r"\s+([.,:])", r"\1", " ".join(" ".join(p.get_text(" ").split()) for p in parts))
    assert "Overall, Exampleshire YOT is rated as: Good." in text
    assert [p.get_text() for p in parts if p.name == "h3"] == ["Organisational delivery", "Court disposals", "Out-of-court disposals"]
    assert text.count("But:") == 3 and "Reviewing did not always lead to changes in the plan." in text
    # without the front section, a domain's summary opens its chapter
    merton = checked["merton"]
    summary = checked[EXAMPLE].findings.domains[0].summary
    domains = (merton.findings.domains[0].model_copy(update={"summary": summary}), *merton.findings.domains[1:])
    md = variant(merton, house, domains=domains)
    chapter = md[md.index("## 1. Organisational delivery"):md.index("### 1.1.")]
    assert "### Summary" in chapter and "But:\n\n- The board does not yet use performance data" in chapter
    assert "Overall findings" not in md


def test_numbered_annexes_and_glossary(built) -> None:
    headings = [text for level, text in readback.html_headings(built[EXAMPLE]["html"].decode()) if level == 2]
    assert headings[-4:] == ["Annex 1: Methodology", "Annex 2: Inspection results", "Annex 3: Data sources", "Annex 4: Glossary"]
    soup = BeautifulSoup(built[EXAMPLE]["html"], "html.parser")
    contents = [a["href"] for a in soup.select("nav a[href^='#']")] or [a["href"] for a in soup.find_all("a", href=re.compile("^#h-"))]
    assert "#h-annex-4-glossary" in contents


def test_month_only_and_year_only_publication_dates(built, checked, house) -> None:
    published = checked[EXAMPLE].findings.inspection.published  # the example's printing gives the year only (issue 24)
    assert (published.year, published.month, published.day) == (2019, 1, 1)
    assert "HM Inspectorate of Probation, 2019" in built[EXAMPLE]["md"].decode()
    issued = build_view(checked[EXAMPLE], house).issued
    assert (issued.year, issued.month, issued.day) == (2019, 1, 1)  # documents' dates: the first of the year
    assert issued.isoformat() == "2019"  # and the metadata says the year, no more (issue 22: a date says only what it gives)
    text = (ROOT / "findings" / "examples" / "youth-2018-example.yml").read_text(encoding="utf-8")
    month = check(parse_yaml(text.replace("published: 2019 ", "published: 2019-06 "), "month.yml"), house)
    assert (month.findings.inspection.published.month, build_view(month, house).published) == (6, "June 2019")
    for bad in ("2019-13", "1890"):
        with pytest.raises(Exception) as error:
            check(parse_yaml(text.replace("published: 2019 ", f"published: {bad} "), "bad.yml"), house)
        assert error.value.problems[0].field == "inspection.published"


@pytest.mark.parametrize(("n", "text"), [(1, "one recommendation"), (2, "two recommendations"), (9, "nine recommendations"),
                                         (11, "11 recommendations"), (21, "21 recommendations")])
def test_counts_agree_with_their_noun(n, text) -> None:
    assert counted(n, "recommendation") == text
    assert number(n) == text.split()[0]


@pytest.mark.parametrize("n", [1, 2, 11, 21])
def test_recommendation_sentence_for_any_count(checked, house, n) -> None:
    merton = checked["merton"]
    group = merton.findings.recommendations[0]
    groups = (group.model_copy(update={"recommendations": tuple(f"do thing {i}" for i in range(n))}),)
    md = variant(merton, house, recommendations=groups)
    expected = {1: "one recommendation that", 2: "two recommendations that", 11: "11 recommendations that", 21: "21 recommendations that"}[n]
    assert f"we have made {expected} we believe" in md
    assert f"{n}. do thing {n - 1}" in md


def test_absent_facts_leave_their_sentences_out(checked, house) -> None:
    merton = checked["merton"]
    inspection = merton.findings.inspection.model_copy(update={"meetings": None, "interviews": None, "isbn": None})
    domains = tuple(d.model_copy(update={"cases": None}) for d in merton.findings.domains)
    md = variant(merton, house, inspection=inspection, domains=domains)
    start = md.index("## Annexe 1: Methodology")
    methodology = md[start:md.find("\n## ", start + 1)]
    assert "We held various meetings, which allowed us to triangulate evidence and information." in methodology
    for gone in ("In total, we conducted", "interviews with case managers", "We examined", "detailed examination", "None", "zero"):
        assert gone not in methodology
    assert "ISBN" not in md
    full = compose(build_view(merton, house), house)
    assert "In total, we conducted eight meetings" in full and "we conducted 14 interviews with case managers" in full


def test_a_fact_printed_unguarded_is_required(checked, house) -> None:
    merton = checked["merton"]
    edition = merton.edition.model_copy(update={"boilerplate": {**merton.edition.boilerplate, "role": "We met {{ inspection.meetings | counted('time') }}."}})
    findings = merton.findings.model_copy(update={"inspection": merton.findings.inspection.model_copy(update={"meetings": None})})
    problems = [p for p in cross_check(merton.source, edition, findings, house) if p.severity == "error"]
    assert [(p.field, p.found) for p in problems] == [("inspection", "no 'meetings'")]
    assert "role text" in problems[0].expected


def _blocks() -> list[tuple[str, str]]:
    """Every block of every shipped edition's wording, each with a report of that edition that prints it."""
    from reportgen.house import Folders, load_house

    editions = {"merton": "youth-2018", "havering": "youth-2021", "bromley": "ji-2007", "lambeth": "fji-2015",
                EXAMPLE: "youth-2018-rev2019", "examples/invented-two-areas-example": "invented-two-areas"}
    printed_elsewhere = {("merton", "discretion_note"), ("merton", "discretion_key"),  # no panel moved a Merton rating: the example's did
                         ("merton", "overall_rating"), ("merton", "summary_lead"),  # the example has the overall findings section
                         ("havering", "discretion_note"), ("havering", "discretion_key"), ("havering", "judgement_lead"),  # Havering's judged standards have no key-question text
                         ("havering", "overall_rating"), ("havering", "summary_lead"),
                         # Merton's 2021 printing has no results annexe, the example's (2019) has its own opening;
                         # the 2019 printing has no lead-in to the key questions (issue 24)
                         ("merton", "results_opening"), ("merton", "results_overall"), (EXAMPLE, "results_opening"),
                         (EXAMPLE, "cases_lead"),
                         # no panel moved a rating in the invented edition's report: the example's did
                         ("examples/invented-two-areas-example", "discretion_note"), ("examples/invented-two-areas-example", "discretion_key")}
    house = load_house(Folders.given(environ={}))
    return [(name, key) for name, edition in editions.items()
            for key in house.edition(edition).boilerplate
            if (name, key) not in printed_elsewhere]


@pytest.mark.parametrize(("name", "key"), _blocks())
def test_every_boilerplate_block_can_be_given_per_report_and_falls_back(checked, house, name, key) -> None:
    seed = checked[name]
    others = {k: v for k, v in seed.findings.boilerplate.items() if k != key}  # the example gives its own methodology
    fallback = variant(seed, house, boilerplate=others)
    own = variant(seed, house, boilerplate={**others, key: "Our own words for this block."})
    assert "Our own words for this block." in own and "Our own words for this block." not in fallback
    edition_words = re.sub(r"\{[{%].*?[}%]\}", "\0", seed.edition.boilerplate[key]).split("\0")
    longest = max((" ".join(w.split()) for w in edition_words), key=len)[:40]
    assert " ".join(fallback.split()).count(longest) > " ".join(own.split()).count(longest)


def test_callouts_are_allowed_in_narrative_only() -> None:
    from reportgen.markup import check_text

    box = "Before.\n\n::: case-illustration\nJo met her case manager at college.\n:::\n\nAfter."
    assert check_text(box, "block", set()) == []
    refused = check_text(box, "paragraph", set())
    assert refused and refused[0].severity == "error"
    assert check_text("::: chart standard-2.1\nx\n:::", "block", set())  # the report's own fences stay refused
