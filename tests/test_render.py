"""The rendered report: layout locked by snapshots, meaning checked against the calculator."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from reportgen.numbers import words

from . import readback
from .conftest import RATINGS_HEADING, REPORTS, ROOT, TITLES

# as numbered in the published reports (the examples: their own); Merton printed 29, but the text of its 29th
# was lost from the seed and has no other source, so it is not printed (frameworks/youth-2018.yml, issue 24)
PUBLISHED_FOOTNOTES = {"merton": 28, "havering": 8, "bromley": 4, "lambeth": 3, "examples/youth-2018-example": 10,
                       "examples/invented-two-areas-example": 3}
SECTION_ORDER = {
    "merton": ["Contents", "Acknowledgements", "The role of HM Inspectorate of Probation", "Introduction", "Ratings",
               "Recommendations", "Background", "Contextual facts", "1. Organisational delivery", "2. Court disposals",
               "3. Out-of-court disposals", "Annexe 1: Methodology"],  # the 2021 printing has no results annexe
    "havering": ["Contents", "Acknowledgements", "The role of HM Inspectorate of Probation", "Foreword", "Ratings",
                 "Recommendations", "Background", "Domain one: Organisational delivery", "Domain two: Court disposals",
                 "Domain three: Out-of-court disposals", "4.1. Resettlement", "Further information"],
    # the published contents pages, in order
    "bromley": ["Contents", "Foreword", "Acknowledgements", "Glossary", "Introduction", "Overview", "Scoring summary",
                "Diversity issues", "Key statistics", "Key findings", "Recommendations", "1. Management",
                "2. Work in the courts", "3. Work with children and young people in the community",
                "4. Work with children and young people subject to DTOs", "5. Victims and restorative justice",
                "The joint inspection of YOTs", "Inspection arrangements", "Code of practice", "Scoring approach",
                "Next steps", "Inspection criteria for YOTs in England"],
    "lambeth": ["Contents", "Foreword", "Key judgements", "Summary", "Recommendations", "Theme 1: Reducing reoffending",
                "Theme 2: Protecting the Public", "Theme 3: Protecting the child or young person",
                "Theme 4: Ensuring that the sentence is served", "Theme 5: Governance and Partnerships",
                "Theme 6: Interventions to reduce reoffending", "Appendix 1 - Background to the inspection",
                "Appendix 2 - Acknowledgements"],
    "examples/invented-two-areas-example": [  # its edition's printing: no background, an inside cover of two pieces
        "Contents", "Acknowledgements", "Introduction", "Ratings", "Recommendations", "1. Organisational standards",
        "2. Work with children", "3. Work with victims", "Annex 1: Methodology", "Annex 2: Inspection results"],
    "examples/youth-2018-example": [  # the 2019 printing (issue 24): overall findings first, the role in the 'Introduction'
        "Contents", "Acknowledgements", "Foreword", "Overall findings", "Ratings", "Recommendations", "Introduction",
        "Contextual facts", "1. Organisational delivery", "2. Court disposals", "3. Out-of-court disposals",
        "Annex 1: Methodology", "Annex 2: Inspection results", "Annex 3: Data sources", "Annex 4: Glossary"],
}


def text(built, name: str, fmt: str) -> str:
    return built[name][fmt].decode("utf-8")


# --- snapshots: the layout ---------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_markdown_snapshot(built, name, snapshot) -> None:
    assert text(built, name, "md") == snapshot


STYLESHEET = ROOT / "templates" / "style" / "report.css"
STYLESHEET_PLACE = "/* templates/style/report.css: test_stylesheet_snapshot */"


def test_stylesheet_snapshot(snapshot) -> None:
    """The house stylesheet, snapshot once: every web page inlines it (test_html_snapshot)."""
    assert STYLESHEET.read_text(encoding="utf-8") == snapshot


@pytest.mark.parametrize("name", REPORTS)
def test_html_snapshot(built, name, snapshot) -> None:
    """The page, with the house stylesheet (inlined whole, once) in its own snapshot above."""
    html, css = text(built, name, "html"), STYLESHEET.read_text(encoding="utf-8")
    assert html.count(css) == 1
    assert html.replace(css, STYLESHEET_PLACE) == snapshot


@pytest.mark.slow  # every report's PDF laid out
@pytest.mark.parametrize("name", REPORTS)
def test_pdf_structure_snapshot(built, name, snapshot) -> None:
    data = built[name]["pdf"]
    first_pages = [" ".join(page.split()) for page in readback.pdf_text(data, slice(0, 3))]
    structure = {
        "pages": len(readback.pdf_text(data)),
        "outline": readback.pdf_outline(data),
        "first_pages": first_pages,
    }
    assert structure == snapshot


# --- meaning: order, numbers, footnotes ---------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_sections_in_published_order(built, name) -> None:
    level2 = [t for level, t in readback.html_headings(text(built, name, "html")) if level == 2]
    assert level2 == SECTION_ORDER[name]


# Issue 24: the parts before the first chapter in the order each original prints them (shared/seeds):
# Merton's and Havering's contents straight after the cover, then the inside cover (acknowledgements,
# the role of the Inspectorate); Bromley's after its foreword, Lambeth's after its recommendations.
PRINTED_OPENING = {
    "merton": ["Contents", "Acknowledgements", "The role of HM Inspectorate of Probation", "Introduction", "Ratings"],
    "havering": ["Contents", "Acknowledgements", "The role of HM Inspectorate of Probation", "Foreword", "Ratings"],
    "bromley": ["Foreword", "Contents", "Acknowledgements", "Glossary", "Introduction", "Overview", "Scoring summary"],
    "lambeth": ["Foreword", "Key judgements", "Summary", "Recommendations", "Contents", "Theme 1: Reducing reoffending"],
}


@pytest.mark.parametrize("name", PRINTED_OPENING)
def test_issue_24_the_contents_stand_where_the_original_prints_them(built, name) -> None:
    """In the printed report (PDF bookmarks), the Markdown and the Word document alike; the web page
    keeps its contents at the top, where a reader of a web page looks for them."""
    want = PRINTED_OPENING[name]
    for fmt, headings in (("pdf", readback.pdf_outline(built[name]["pdf"])), ("md", readback.markdown_headings(text(built, name, "md"))),
                          ("docx", readback.docx_headings(built[name]["docx"]))):
        level2 = [title for level, title in headings if level == 2]
        assert level2[:len(want)] == want, fmt
    web = [title for level, title in readback.html_headings(text(built, name, "html")) if level == 2]
    assert web[0] == "Contents"


@pytest.mark.parametrize("name", REPORTS)
def test_cover_is_the_only_h1(built, name, checked) -> None:
    headings = readback.html_headings(text(built, name, "html"))
    assert headings[0] == (1, TITLES[name])
    assert [h for h in headings if h[0] == 1] == headings[:1]


@pytest.mark.parametrize("name", REPORTS)
def test_ratings_table_equals_calculator(built, name, checked) -> None:
    ratings, edition = checked[name].ratings, checked[name].edition
    table = readback.html_ratings(text(built, name, "html"), RATINGS_HEADING[name])
    if ratings.overall is None:  # one row per standard (section, theme): its name, its numbers, its rating
        rows = {row[0]: row[1:] for row in table}
        assert list(rows) == [result.name for result in ratings.standards]
        for result in ratings.standards:
            assert rows[result.name][-1] == result.final + result.mark
            if edition.labels.score:
                assert str(result.score) in rows[result.name]
            if result.percent is not None:
                assert f"{result.percent}%" in rows[result.name]
        assert not any("Overall" in cell or "Score" in cell for row in table for cell in row)
        return
    rows = dict((row[0], row[1]) for row in table if len(row) == 2)
    assert rows[checked[name].findings.service.name] == f"Score {ratings.score}/{ratings.max_score}"
    assert rows["Overall rating"] == ratings.overall
    for result in ratings.standards:
        assert rows[f"{result.id} {result.name}"] == result.final + result.mark


@pytest.mark.parametrize(("name", "score", "overall"), [("merton", "Score 30/36", "Good"), ("havering", "Score 20/36", "Good")])
def test_published_score_in_every_text_format(built, name, score, overall) -> None:
    for fmt in ("md", "html"):
        assert score in text(built, name, fmt)
    assert score in " ".join(readback.pdf_text(built[name]["pdf"]))


@pytest.mark.parametrize("name", REPORTS)
def test_key_question_figures_equal_calculator(built, name, checked) -> None:
    soup = BeautifulSoup(text(built, name, "html"), "html.parser")
    for sup in soup.select("sup.footnote-ref"):
        sup.decompose()
    found = {s.id: s for d in checked[name].findings.domains for s in d.standards}
    for result in checked[name].ratings.standards:
        if not result.key_questions:
            continue
        caption = soup.find("caption", string=re.compile(rf"^Key questions for {re.escape(result.id)} ")) or \
            soup.find("caption", string=re.compile(rf"^Results for {re.escape(result.id)} "))  # a printing without the chapter's table
        assert caption is not None, result.id
        table = caption.find_parent("table")
        rows = table.find("tbody").find_all("tr")
        assert len(rows) == len(result.key_questions)
        for row, kq in zip(rows, result.key_questions):
            cells = [" ".join(c.get_text().split()) for c in row.find_all(["th", "td"])]
            if "Relevant cases" in table.thead.get_text():  # 2018: counts as published
                assert cells[1:] == [str(kq.relevant), str(kq.yes)]
                assert kq.relevant == found[result.id].key_questions[kq.id].relevant
            else:  # 2021: % 'Yes', the lowest in bold
                assert cells[1] == f"{kq.percent}%"
                assert (row.find("strong") is not None) == (kq.id == result.lowest)


def note_texts(page: str) -> list[str]:
    """Each listed note's words, its back-links left out."""
    soup = BeautifulSoup(page, "html.parser")
    for back in soup.select("a.footnote-backref"):
        back.decompose()
    return [" ".join(li.get_text().split()) for li in soup.select("li.footnote-item")]


@pytest.mark.parametrize("name", REPORTS)
def test_footnotes_numbered_through_the_report(built, name) -> None:
    """Print numbers the notes as published; the web page lists a note repeated word for word once
    (issue 22: seven copies of Havering's rating note), numbered through with no gap, every call to a
    copy pointing at it, and no note's words lost."""
    from reportgen.build import _html

    printed, html = _html(built[name].stages), text(built, name, "html")
    assert len(re.findall(r'<li id="fn\d+"', printed)) == PUBLISHED_FOOTNOTES[name]
    for page in (printed, html):
        refs = [int(n) for n in re.findall(r'<sup class="footnote-ref"><a href="#fn(\d+)"', page)]
        first_seen = list(dict.fromkeys(refs))
        assert first_seen == list(range(1, len(first_seen) + 1))
    listed = note_texts(html)
    assert len(listed) == len(set(listed)) and set(listed) == set(note_texts(printed))
    assert len(re.findall(r'<li id="fn\d+"', html)) == len(set(refs))


@pytest.mark.parametrize(("name", "count", "word"), [("merton", 4, "four"), ("havering", 7, "seven")])
def test_recommendation_count_in_words(built, name, count, word, checked) -> None:
    assert sum(len(group.recommendations) for group in checked[name].findings.recommendations) == count
    assert words(count) == word
    assert f"we have made {word} recommendations" in text(built, name, "md")
    soup = BeautifulSoup(text(built, name, "html"), "html.parser")
    section = soup.find("h2", string="Recommendations")
    items = []
    for sibling in section.find_next_siblings():
        if sibling.name == "h2":
            break
        if sibling.name == "ol":
            start = int(sibling.get("start", 1))
            items += list(range(start, start + len(sibling.find_all("li"))))
    assert items == list(range(1, count + 1))


def test_markdown_is_clean_commonmark(built) -> None:
    for name in REPORTS:
        md = text(built, name, "md")
        assert ":::" not in md
        assert not re.search(r"<[A-Za-z/!?]", re.sub(r"<https?://[^>]+>", "", md))  # no raw HTML
        assert readback.markdown_ratings(md, RATINGS_HEADING[name])  # the ratings as a GFM table
        assert re.search(r"^\[\^[\w.-]+\]: ", md, re.MULTILINE)


# --- one source, four formats ----------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_headings_agree_across_formats(built, name) -> None:
    printed = readback.markdown_headings(text(built, name, "md"))
    assert readback.docx_headings(built[name]["docx"]) == printed
    assert readback.pdf_outline(built[name]["pdf"]) == printed
    html = readback.html_headings(text(built, name, "html"))  # the web page: its contents at the top (issue 24)
    assert html[0] == (1, printed[0][1]) and html[1] == (2, "Contents")
    assert [h for h in html if h != (2, "Contents")] == [h for h in printed if h != (2, "Contents")]


@pytest.mark.parametrize("name", REPORTS)
def test_ratings_table_agrees_across_formats(built, name) -> None:
    heading = RATINGS_HEADING[name]
    html = readback.html_ratings(text(built, name, "html"), heading)
    assert readback.markdown_ratings(text(built, name, "md"), heading) == html
    assert readback.docx_ratings(built[name]["docx"], heading) == html
    pdf = " ".join(" ".join(page.split()) for page in readback.pdf_text(built[name]["pdf"]))
    position = 0
    for row in html:  # every row, in order, on the PDF's pages
        found = pdf.find(" ".join(cell for cell in row if cell), position)
        assert found >= 0, row
        position = found


# --- Word: structure snapshot and a real word processor ------------------------------------


def docx_structure(data: bytes) -> list:
    """Body order as (style, text) per paragraph and ('table', style, rows, columns) per table."""
    import io

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    shape = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            shape.append((paragraph.style.name if paragraph.style is not None else None, readback._docx_text(paragraph)))
        elif tag == "tbl":
            table = Table(child, document)
            shape.append(("table", table.style.name if table.style is not None else None, len(table.rows), len(table.columns)))
        elif tag == "sdt":
            shape.append(("sdt", len(list(child.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")))))
    return shape


@pytest.mark.parametrize("name", REPORTS)
def test_docx_structure_snapshot(built, name, snapshot) -> None:
    assert docx_structure(built[name]["docx"]) == snapshot


@pytest.mark.office
def test_word_processor_opens_the_docx(built, tmp_path) -> None:
    """LibreOffice (headless) converts every report to PDF without complaint: a real reader accepts them.

    One LibreOffice process converts them all (a launch costs more than a conversion)."""
    import subprocess

    sources = []
    for name in REPORTS:
        sources.append(tmp_path / f"{name.rsplit('/', 1)[-1]}.docx")  # examples/… is written under its file name
        sources[-1].write_bytes(built[name]["docx"])
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, sources)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr and "error" not in result.stdout.lower(), result.stdout + result.stderr
    for name in REPORTS:
        pages = readback.pdf_text((tmp_path / f"{name.rsplit('/', 1)[-1]}.pdf").read_bytes())
        assert len(pages) > 10, name
        converted = " ".join(" ".join(p.split()) for p in pages)
        assert RATINGS_HEADING[name] in converted and "Recommendations" in converted, name
        assert readback.pdf_text(built[name]["pdf"])  # and ours was made too


# --- professional discretion, as the reader sees it ------------------------------------------


def test_discretion_mark_is_shown_and_explained_in_every_format(built) -> None:
    """Issue 11: the example's 3.2 (lowest 45%, within 5 points below 50) was moved up a band by a
    ratings panel. Every format shows the mark; the explanation stands next to the rating in the
    chapter, and the results annex repeats the final rating with its mark and what the mark means —
    no footnote carries it. The example's 2019 printing marks it in the ratings table with a bare
    asterisk (issue 24): no key under the table."""
    from .test_any_report import EXAMPLE, all_text

    outputs = built[EXAMPLE]
    html = outputs["html"].decode()
    rows = dict(r for r in readback.html_ratings(html) if len(r) == 2)
    assert rows["3.2 Planning"] == "Requires improvement*"
    assert rows["Exampleshire Youth Offending Team (invented example)"] == "Score 22/36"  # the moved rating scores
    assert readback.docx_ratings(outputs["docx"]) == readback.html_ratings(html)
    beside = ("The ratings panel applied professional discretion to this rating, moving it from 'Inadequate' to "
              "'Requires improvement'. Planning to keep other people safe was sound")
    key = "* 3.2 Planning: the ratings panel applied professional discretion, moving the rating from 'Inadequate' to 'Requires improvement'."
    for fmt, text in all_text(built, EXAMPLE).items():
        flat = " ".join(text.replace("\\*", "*").split()).replace(" *", "*")  # the mark follows its word
        assert flat.count(beside) == 1, fmt  # once, beside the rating in the chapter
        assert flat.count(key) == 1, fmt  # in the results annex (a bare asterisk in the 2019 printing's ratings table)
        assert flat.count("Requires improvement*") >= 3, fmt  # table, chapter, annexe
        assert "Overall rating: Good, a score of 22 out of 36." in re.sub(r"\s+([,.])", r"\1", " ".join(text.replace("*", "").split())), fmt  # the annexe's last line
    md = outputs["md"].decode()
    chapter = md[md.index("### 3.2. Planning"):md.index("### 3.3.")]
    assert chapter.index("**Requires improvement***") < chapter.index(beside.split(". ")[0])
    assert "'Requires improvement'.\n\nPlanning to keep other people safe" in chapter  # the panel's reason: a paragraph of its own (issue 24)
    assert "[^discretion" not in md
    soup = BeautifulSoup(html, "html.parser")
    keys = soup.find_all("p", string=re.compile(r"^\* 3\.2 Planning: the ratings panel"))
    assert [k.find_previous("h2").get_text() for k in keys] == ["Annex 2: Inspection results"]  # none under the ratings table


def test_a_region_left_in_the_body_renders_the_same_every_time() -> None:
    """A back cover is rendered for Word, print and the web from one parse: markdown-it's default
    container rule added its class to the shared token at each render ('backcover backcover …'),
    so the web page no longer carried class="backcover" by the time it was written."""
    from reportgen.parse import parse
    from reportgen.render.html import _renderer

    tokens, md = parse("::: backcover\nHM Inspectorate of Probation\n:::\n").tokens, _renderer()
    renders = {md.renderer.render(tokens, md.options, {}) for _ in range(3)}
    assert renders == {'<div class="backcover">\n<p>HM Inspectorate of Probation</p>\n</div>\n'}
