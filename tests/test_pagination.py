"""Issue 10: the PDF is paginated as a typesetter would set it, for every findings file.

Each PDF is laid out once per session (conftest `laid_out`) and read back with PyMuPDF
(tests/pagination.py): no heading in the last three lines of a page, no page below a quarter
full except before a chapter, every note at the foot of the page that calls it, no web
back-link arrows, and a page count within 12% of the published report's, kept next to each
findings file as `<name>.expect.json` (a new findings file must add its own).
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from reportgen.build import _html

from . import pagination, readback
from .conftest import ROOT, findings_files, findings_id

pytestmark = pytest.mark.slow  # every report's PDF laid out and read page by page: in `make test`, not the quick loop

IDS = [findings_id(p) for p in findings_files()]


def expected(ident: str) -> dict:
    path = ROOT / "findings" / f"{ident}.expect.json"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: give the published report's page count as {{\"pages\": N}}"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("ident", IDS)
def test_issue_10_every_findings_file_states_its_expected_page_count(ident) -> None:
    pages = expected(ident)["pages"]
    assert isinstance(pages, int) and pages > 0


@pytest.mark.parametrize("ident", IDS)
def test_issue_10_page_count_within_12_percent_of_the_published_report(laid_out, ident) -> None:
    layout = laid_out[ident][1]
    want = expected(ident)["pages"]
    got = len(layout.pages)
    print(f"{ident}: {got} pages (published {want}, {100 * (got - want) / want:+.0f}%)")
    assert abs(got - want) <= 0.12 * want, f"{ident}: {got} pages against {want} published"


@pytest.mark.parametrize("ident", IDS)
def test_issue_10_no_heading_in_the_last_three_lines_of_a_page(laid_out, ident) -> None:
    layout = laid_out[ident][1]
    chapters = layout.chapter_starts()
    last = len(layout.pages)
    stranded = []
    for heading in layout.headings:
        if heading.page == 1:
            continue  # the cover's title
        rows = pagination.heading_rows_after(layout, heading)
        ends_chapter = heading.page == last or heading.page + 1 in chapters
        if rows < 3 and not ends_chapter:
            stranded.append(f"page {heading.page}: {heading.title!r} has {rows} line(s) after it")
    assert not stranded, "\n".join(stranded)


@pytest.mark.parametrize("ident", IDS)
def test_issue_10_no_page_below_a_quarter_full_except_before_a_chapter(laid_out, ident) -> None:
    formats, layout = laid_out[ident]
    chapters = layout.chapter_starts()
    end = -2 if 'class="backcover"' in formats["html"].decode() else -1  # a back cover (issue 24) follows the report's last page
    short = [
        f"page {page.number}: {layout.fill(page):.0%} full"
        for page in layout.pages[1:end]  # the cover is a picture; the last page ends the report
        if layout.fill(page) < 0.25 and page.number + 1 not in chapters
    ]
    assert not short, "\n".join(short)


MIN_LINES = 5  # issue 24: no page carries under about five lines of body text


def sparse_pages(layout: pagination.Layout) -> list[str]:
    """Pages after the cover holding fewer than MIN_LINES rows of body text, but those that open a
    chapter (a chapter, or an annex, as short as that is set on a page of its own) and a back cover
    (the last page, its text set at the foot: below the middle of the page)."""
    chapters = layout.chapter_starts()
    last = layout.pages[-1]
    back_cover = last.body and min(line.top for line in last.body) > last.height / 2
    return [f"page {page.number}: {len(page.rows())} line(s) of body text"
            for page in layout.pages[1:] if page.number not in chapters and len(page.rows()) < MIN_LINES
            and not (page is last and back_cover)]


@pytest.mark.parametrize("ident", IDS)
def test_issue_24_no_page_carries_under_about_five_lines(laid_out, ident) -> None:
    """Havering's page 23 held one bullet before the next chapter, Bromley's pages 30 and 33 a closing
    rating: the print stylesheet keeps a chapter's last lines with what precedes them."""
    layout = laid_out[ident][1]
    assert not sparse_pages(layout), "\n".join(sparse_pages(layout))


def test_issue_24_the_page_rule_sees_a_page_of_one_bullet() -> None:
    """The check can fail: a full page, then a page holding a three-line bullet before a chapter."""
    import pymupdf

    doc = pymupdf.open()
    full = doc.new_page(width=595, height=842)
    for row in range(44):
        full.insert_text((57, 80 + 16 * row), "Body text of an ordinary paragraph in the report.", fontsize=10.5)
    last = doc.new_page(width=595, height=842)
    for row in range(3):
        last.insert_text((57, 80 + 16 * row), "• the last bullet of the chapter, over three lines", fontsize=10.5)
    chapter = doc.new_page(width=595, height=842)
    chapter.insert_text((57, 80), "2. Next chapter", fontsize=17)
    for row in range(20):
        chapter.insert_text((57, 110 + 16 * row), "Body text of the next chapter.", fontsize=10.5)
    doc.set_toc([[1, "Report", 1, 60], [2, "1. Chapter", 1, 70], [2, "2. Next chapter", 3, 66]])
    assert sparse_pages(pagination.read_layout(doc.tobytes())) == ["page 2: 3 line(s) of body text"]
    back = doc.new_page(width=595, height=842)  # a back cover: the publisher's address at the foot
    for row in range(3):
        back.insert_text((57, 700 + 16 * row), "HM Inspectorate of Probation, Manchester", fontsize=9)
    assert sparse_pages(pagination.read_layout(doc.tobytes())) == ["page 2: 3 line(s) of body text"]


def test_issue_24_bromleys_foreword_is_set_in_body_type(laid_out) -> None:
    """The 2007 printing sets its foreword as the report's text, not in the small type of an inside
    cover (the youth editions' acknowledgements and role of the Inspectorate are set small)."""
    layout = laid_out["bromley"][1]
    foreword = next(h for h in layout.headings if h.title == "Foreword")
    text = [line for line in layout.pages[foreword.page - 1].body if line.top > foreword.top + 20]
    assert len(text) > 20 and min(line.size for line in text) >= 10  # body 10.5 pt, the inside cover 9 pt
    merton = laid_out["merton"][1]  # an inside cover set small, as the 2021 printing sets it
    role = next(h for h in merton.headings if h.title.startswith("The role of"))
    assert max(line.size for line in merton.pages[role.page - 1].body if line.top > role.top + 20) < 10


@pytest.mark.parametrize("ident", IDS)
def test_issue_10_every_note_is_at_the_foot_of_the_page_that_calls_it(laid_out, ident) -> None:
    formats, layout = laid_out[ident]
    html = _html(formats.stages)  # the document the PDF is laid out from: every note as published (the web page lists a repeat once)
    notes = {int(li["id"].removeprefix("fn")) for li in BeautifulSoup(html, "html.parser").select("li.footnote-item")}
    placed = [n for page in layout.pages for n in page.markers]
    assert sorted(placed) == sorted(notes), "each note is set once, at a page's foot"
    where = {n: page.number for page in layout.pages for n in page.markers}
    astray = [
        f"note {n} called on page {page.number}, set on page {where.get(n)}"
        for page in layout.pages for n in page.calls if where.get(n) != page.number
    ]
    assert not astray, "\n".join(astray)
    called = {n for page in layout.pages for n in page.calls}
    assert called == notes


@pytest.mark.parametrize("ident", IDS)
def test_issue_10_notes_called_in_table_cells_and_headings_stay_on_their_page(laid_out, ident) -> None:
    """WeasyPrint moves notes whose call sits in a block it keeps whole or with the next one
    (upstream #1564, #1924): calls in table cells and headings are the cases at risk."""
    formats, layout = laid_out[ident]
    soup = BeautifulSoup(_html(formats.stages), "html.parser")  # the print document: the notes' copies set at page feet
    at_risk = {int(span["data-note"]) for span in soup.select("td .footnote, th .footnote, h2 .footnote, h3 .footnote, h4 .footnote, caption .footnote")}
    calls = {n: page.number for page in layout.pages for n in page.calls}
    marks = {n: page.number for page in layout.pages for n in page.markers}
    assert {n: calls.get(n) for n in at_risk} == {n: marks.get(n) for n in at_risk}


@pytest.mark.parametrize("ident", IDS)
def test_issue_10_no_web_back_link_arrows_in_print(laid_out, ident) -> None:
    formats, layout = laid_out[ident]
    assert "↩" in formats["html"].decode()  # the screen keeps its back-links
    assert not [page.number for page in layout.pages if "↩" in page.text]


def test_issue_10_the_checker_sees_a_stranded_heading_and_an_endnote() -> None:
    """The checks can fail: an old-style page (heading at the foot, notes gathered at the end)
    is read as such by the same reader."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    y = 60
    for _ in range(40):
        page.insert_text((57, y), "Body text of an ordinary paragraph in the report.", fontsize=10.5)
        y += 17
    page.insert_text((57, y), "1.2 Staff", fontsize=13)
    end = doc.new_page(width=595, height=842)
    end.insert_text((57, 60), "1. The note, as an endnote", fontsize=10.5)
    doc.set_toc([[1, "1.2 Staff", 1, y - 13]])
    layout = pagination.read_layout(doc.tobytes())
    heading = layout.headings[0]
    assert pagination.heading_rows_after(layout, heading) == 0
    assert layout.pages[1].markers == [] and layout.pages[1].body  # an endnote is body text, not a note
    assert re.search(r"\b1\.2 Staff\b", layout.pages[0].text)


def _recommendation_count(findings) -> int:
    """Recommendations in the findings: grouped by addressee (2021) or a plain list (2018)."""
    return sum(len(getattr(item, "recommendations", (item,))) for item in findings.recommendations)


@pytest.mark.parametrize("ident", IDS)
def test_issue_10_recommendation_numbers_agree_in_pdf_html_word_and_findings(laid_out, ident) -> None:
    formats, layout = laid_out[ident]
    findings = formats.stages.view.findings
    expected_numbers = list(range(1, _recommendation_count(findings) + 1)) if getattr(findings, "recommendations", None) else []
    if not any(h.title == "Recommendations" for h in layout.headings):
        assert expected_numbers == []  # an edition without a recommendations chapter
        return
    # HTML: each <ol> in the Recommendations chapter counts from its start
    soup = BeautifulSoup(formats["html"].decode(), "html.parser")
    html_numbers = []
    for sibling in soup.find("h2", string="Recommendations").find_next_siblings():
        if sibling.name == "h2":
            break
        if sibling.name == "ol":
            start = int(sibling.get("start", 1))
            html_numbers += range(start, start + len(sibling.find_all("li", recursive=False)))
    # PDF: the list markers ("3.") set on the chapter's pages
    heading = next(h for h in layout.headings if h.title == "Recommendations")
    following = next(h for h in layout.headings if (h.page, h.top) > (heading.page, heading.top) and h.level <= heading.level)
    pdf_numbers = [
        int(match.group(1))
        for page in layout.pages[heading.page - 1 : following.page]
        for line in page.body
        if (page.number, line.top) > (heading.page, heading.top) and (page.number, line.top) < (following.page, following.top)
        and (match := re.match(r"^(\d+)\.(?:\s|$)", line.text))
    ]
    word_numbers = [n for n, _ in readback.docx_numbered(formats["docx"])]
    if not html_numbers and not any(token.type == "ordered_list_open" for token in _chapter_tokens(formats, "Recommendations")):
        expected_numbers = []  # the edition sets its recommendations as bullets (Bromley 2007): no numbers anywhere
    assert pdf_numbers == html_numbers == expected_numbers, (pdf_numbers, html_numbers)
    assert word_numbers[: len(expected_numbers)] == expected_numbers


def _chapter_tokens(formats, title: str) -> list:
    """The parsed tokens of the chapter headed `title` (up to the next heading of its level)."""
    tokens, inside, level = formats.stages.parsed.tokens, False, None
    chapter = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            text = tokens[i + 1].content.strip()
            if inside and int(token.tag[1]) <= level:
                break
            if text == title:
                inside, level = True, int(token.tag[1])
                continue
        if inside:
            chapter.append(token)
    return chapter
