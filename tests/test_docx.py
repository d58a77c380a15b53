"""The Word writer, checked from the saved bytes: python-docx for the document model, the raw
package XML for what python-docx does not model (TOC field, footnotes, numbering, alt text).
The HTML from the same findings is the oracle for counts, since every format says the same.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup
from lxml import etree
from markdown_it.token import Token

from reportgen.build import render
from reportgen.parse import Parsed
from reportgen.render.docx import UnsupportedToken, render_docx
from reportgen.render.docx.ooxml import bookmark_names
from reportgen.validate import check_file

from . import readback
from .conftest import REPORTS


ROOT = Path(__file__).resolve().parent.parent
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
LEVELS = {"Title": 0, "Heading 1": 1, "Heading 2": 2, "Heading 3": 3, "Heading 4": 4}


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


class Report:
    """One report's Word file and HTML (the session's renders), with the package parts parsed once."""

    def __init__(self, name: str, checked, formats):
        self.checked = checked
        self.data = formats["docx"]
        self.html = formats["html"].decode("utf-8")
        self.stages = formats.stages
        self.zip = zipfile.ZipFile(io.BytesIO(self.data))
        self.doc = docx.Document(io.BytesIO(self.data))
        self.body = self.xml("word/document.xml").find(w("body"))

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.zip.read(name))

    @property
    def printed(self) -> str:
        """The plain document the PDF is laid out from: every note as numbered in print, as Word numbers them
        (the web page lists a note repeated word for word once: render/notes.py)."""
        from reportgen.build import _html

        return _html(self.stages)

    def text(self, element) -> str:
        return "".join(element.itertext(w("t")))

    def style(self, paragraph) -> str | None:
        found = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
        return None if found is None else found.get(w("val"))


@pytest.fixture(scope="session")
def reports(checked, built) -> dict[str, Report]:
    return {name: Report(name, checked[name], built[name]) for name in REPORTS}


@pytest.fixture
def merton(reports) -> Report:
    return reports["merton"]


@pytest.fixture
def havering(reports) -> Report:
    return reports["havering"]


@pytest.fixture(params=REPORTS)
def report(request, reports) -> Report:
    return reports[request.param]


# ---- headings ----


def test_heading_styles_are_in_order_without_skipped_levels(report):
    headings = [(p.style.name, p.text) for p in report.doc.paragraphs if p.style.name in LEVELS]
    assert headings[0] == ("Title", report.stages.view.title)
    levels = [LEVELS[style] for style, _ in headings]
    assert levels.count(0) == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"heading level jumps from {before} to {after}"
    # the same headings, in the same order, as the parser found (h1 → Title, h2 → Heading 1, …)
    expected = [(("Title" if h.level == 1 else f"Heading {h.level - 1}"), h.text)
                for h in report.stages.parsed.headings if h.id != "h-contents"]
    assert headings == expected


def test_first_headings_of_merton(merton):
    texts = [p.text for p in merton.doc.paragraphs if p.style.name in LEVELS][:4]
    assert texts == [
        "An inspection of youth offending services in Merton",
        "Acknowledgements",
        "The role of HM Inspectorate of Probation",
        "Introduction",
    ]


def test_issue10_cover_is_its_own_section_in_the_house_colour_as_the_pdfs(merton):
    """Item 4: the first page is a section of its own, painted edge to edge in report.css's house
    colour behind white type, with no header text and no footer; the contents start the body's
    section, which carries the running header and the page numbers."""
    paragraphs = merton.doc.paragraphs
    subtitle = next(p for p in paragraphs if p.style.name == "Subtitle")
    assert subtitle.text == "HM Inspectorate of Probation, August 2021"
    cover, body = merton.doc.sections
    cover_end = merton.body.find(f"{w('p')}/{w('pPr')}/{w('sectPr')}/../..")
    assert [merton.style(p) for p in cover_end.itersiblings(preceding=True)][::-1] == ["CoverPublisher", "Title"]
    assert merton.style(cover_end) == "Subtitle"
    brand = re.search(r"--brand:\s*#([0-9a-f]{6})", (ROOT / "templates" / "style" / "report.css").read_text()).group(1)
    shape = etree.fromstring(cover.header.part.blob).find(".//{urn:schemas-microsoft-com:vml}rect")
    assert shape.get("fillcolor") == f"#{brand}" and "mso-position-vertical-relative:page" in shape.get("style")
    assert "width:595.3pt;height:841.9pt" in shape.get("style")  # the whole A4 page
    assert cover.header.paragraphs[0].text == "" and cover._sectPr.find(w("footerReference")) is None
    for name in ("Cover Publisher", "Title", "Subtitle"):
        assert str(merton.doc.styles[name].font.color.rgb) == "FFFFFF", name
    assert body.header.paragraphs[0].text == "Merton Youth Justice Service" and not body.different_first_page_header_footer
    toc_heading = merton.body.find(w("sdt")).getprevious()  # in the body, so python-docx sees it too
    assert merton.style(toc_heading) == "TOCHeading" and merton.text(toc_heading) == "Contents"
    assert toc_heading.getprevious() is cover_end  # the section break starts its page: no blank page between
    assert toc_heading.find(f"{w('pPr')}/{w('pageBreakBefore')}") is None
    after_contents = merton.body.find(w("sdt")).getnext()
    assert after_contents.find(f"{w('pPr')}/{w('pageBreakBefore')}") is not None


def test_every_heading_has_a_valid_unique_bookmark(report):
    names = [b.get(w("name")) for b in report.body.iter(w("bookmarkStart"))]
    ids = [b.get(w("id")) for b in report.body.iter(w("bookmarkStart"))]
    assert len(ids) == len(set(ids))
    names = [n for n in names if not n.startswith("_Ref")]  # hidden bookmarks on footnote marks
    assert len(names) == len(set(names)) == len(report.stages.parsed.headings)
    for name in names:
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", name), name
    for paragraph in report.body.iter(w("p")):
        if report.style(paragraph) in ("Title", "Heading1", "Heading2", "Heading3", "TOCHeading"):
            assert paragraph.find(w("bookmarkStart")) is not None, report.text(paragraph)


def test_bookmark_names_are_word_safe_and_unique():
    long = "h-" + "a" * 60
    names = bookmark_names(["h-1-2-staff", long, long + "-x", "9-lives", "h-é"])
    assert names["h-1-2-staff"] == "h_1_2_staff"
    assert names["9-lives"].startswith("h")
    assert len(set(names.values())) == 5
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", n) for n in names.values())


# ---- contents ----


def test_contents_is_a_toc_field_with_cached_entries_linking_to_headings(report):
    sdt = report.body.find(w("sdt"))
    assert sdt.find(f".//{w('docPartGallery')}").get(w("val")) == "Table of Contents"
    content = sdt.find(w("sdtContent"))
    kinds = [f.get(w("fldCharType")) for f in content.iter(w("fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    instruction = "".join(t.text for t in content.iter(w("instrText")))
    assert instruction.strip() == 'TOC \\o "1-3" \\h \\z \\u'
    headings = {}
    for paragraph in report.body.iterchildren(w("p")):
        mark = paragraph.find(w("bookmarkStart"))
        if mark is not None:
            headings[mark.get(w("name"))] = (report.style(paragraph), report.text(paragraph))
    entries = [p for p in content.iterchildren(w("p")) if report.style(p) in ("TOC1", "TOC2")]
    # the printed contents (the web page folds the front matter away, and its contents entries with it)
    from reportgen.render.html import render_html

    printed = render_html(report.stages.parsed, report.stages.view, report.stages.house)
    nav = printed.split('<nav class="contents"', 1)[1].split("</nav>", 1)[0]
    assert len(entries) == nav.count("<a href=") >= 10
    for entry in entries:
        link = entry.find(w("hyperlink"))
        anchor = link.get(w("anchor"))
        assert anchor in headings, anchor
        style, text = headings[anchor]
        assert style == {"TOC1": "Heading1", "TOC2": "Heading2"}[report.style(entry)]
        assert report.text(link) == text


def test_every_internal_link_points_at_a_bookmark(report):
    names = {b.get(w("name")) for b in report.body.iter(w("bookmarkStart"))}
    anchors = [h.get(w("anchor")) for h in report.body.iter(w("hyperlink")) if h.get(w("anchor"))]
    assert anchors and set(anchors) <= names


def test_external_links_are_hyperlinks_with_the_hyperlink_style(merton):
    external = [h for h in merton.body.iter(w("hyperlink")) if h.get(f"{{{NS['r']}}}id")]
    assert external
    rels = merton.doc.part.rels
    targets = {rels[h.get(f"{{{NS['r']}}}id")].target_ref for h in external}
    assert "https://twitter.com/hmiprobation" in targets  # the 2021 printing's 'Follow us on Twitter' line
    for link in external:
        assert link.find(f".//{w('rStyle')}").get(w("val")) == "Hyperlink"


# ---- tables ----


def test_tables_repeat_their_header_row_and_carry_the_htmls_names(report):
    """Issue 10 item 8: each table's alt-text title is its HTML accessible name; a visible
    Caption paragraph stands before it exactly where the HTML has a <caption>, so a table the
    heading above already names has no caption repeating it in either format."""
    tables = list(report.body.iter(w("tbl")))
    soup = BeautifulSoup(report.html, "html.parser")
    html_tables = soup.find_all("table")
    assert len(tables) == len(html_tables) > 0
    captioned = 0
    for table, twin in zip(tables, html_tables):
        first_row = table.find(w("tr"))
        assert first_row.find(f"{w('trPr')}/{w('tblHeader')}") is not None
        alt = table.find(f"{w('tblPr')}/{w('tblCaption')}").get(w("val"))
        caption = twin.find("caption")
        before = table.getprevious()
        if caption is not None:
            assert report.style(before) == "Caption"
            # the visible caption (less footnote marks, which have no text) is the alt-text title
            assert report.text(before) == alt == caption.get_text().strip()
            captioned += 1
        else:
            heading = soup.find(id=twin["aria-labelledby"])
            for mark in heading.find_all("sup", class_="footnote-ref"):
                mark.extract()  # Word's alt text is the heading's words, without its footnote mark
            assert report.style(before) != "Caption"
            assert alt == heading.get_text().strip() != ""
    assert captioned == len(soup.select("table > caption"))  # every caption met (Lambeth has none since its team is a list)


def test_table_style_header_bold_and_right_alignment(merton):
    table = merton.doc.tables[0]
    assert table.style.name == "Table Grid"
    header = table.rows[0].cells[0].paragraphs[0]
    assert all(run.bold for run in header.runs)
    numbers = [t for t in merton.body.iter(w("tbl")) if "Relevant cases" in merton.text(t.find(w("tr")))]
    assert numbers
    cells = numbers[0].find(w("tr")).findall(w("tc"))
    assert cells[1].find(f".//{w('jc')}").get(w("val")) == "right"


def test_rating_cells_and_paragraphs_are_shaded_with_the_edition_colour(report):
    colours = {r.name: r.colour.lstrip("#").upper() for r in report.checked.edition.scale}
    shaded = 0
    for cell in report.body.iter(w("tc")):
        word = report.text(cell).strip().rstrip("*").strip()
        if word in colours:
            fill = cell.find(f"{w('tcPr')}/{w('shd')}")
            assert fill is not None and fill.get(w("fill")) == colours[word], word
            shaded += 1
    assert shaded >= len(report.stages.view.domains)
    # a standard's rating line: 'Rating: Good', or the bare rating where the printing had no label (issue 24)
    lines = [p for p in report.body.iter(w("p")) if p.getparent().tag != w("tc")
             and report.text(p).removeprefix("Rating: ").rstrip("*").strip() in colours]
    assert len(lines) >= len(report.stages.view.standards)
    for line in lines:
        word = report.text(line).removeprefix("Rating: ").rstrip("*").strip()
        assert line.find(f"{w('pPr')}/{w('shd')}").get(w("fill")) == colours[word]


# ---- footnotes ----


def test_footnotes_are_real_word_footnotes(report):
    part = report.doc.part.part_related_by(FOOTNOTES_RT)
    assert part.partname == "/word/footnotes.xml"
    assert part.content_type == FOOTNOTES_CT
    types = report.xml("[Content_Types].xml")
    assert any(o.get("PartName") == "/word/footnotes.xml" and o.get("ContentType") == FOOTNOTES_CT for o in types)
    notes = report.xml("word/footnotes.xml")
    separators = [n.get(w("type")) for n in notes if n.get(w("type"))]
    assert separators == ["separator", "continuationSeparator"]
    ids = [int(n.get(w("id"))) for n in notes if not n.get(w("type"))]
    assert len(ids) == report.printed.count('<li id="fn')
    assert ids == list(range(1, len(ids) + 1))
    # one footnote mark per footnote, in reading order, so Word's automatic numbers are the HTML's
    refs = [int(r.get(w("id"))) for r in report.body.iter(w("footnoteReference"))]
    assert refs == ids
    # a footnote cited again is a NOTEREF to a bookmark around its mark, showing the same number
    marks = {b.get(w("name")): b for b in report.body.iter(w("bookmarkStart"))}
    again = []
    for instr in report.body.iter(w("instrText")):
        if instr.text.split()[0] != "NOTEREF":
            continue
        name = instr.text.split()[1]
        mark = marks[name].getnext().find(w("footnoteReference"))
        shown = "".join(instr.getparent().getnext().getnext().itertext(w("t")))
        assert shown == mark.get(w("id"))
        again.append(shown)
    assert len(refs) + len(again) == report.printed.count('class="footnote-ref"')
    for note in notes:
        if not note.get(w("type")):
            assert note.find(f".//{w('footnoteRef')}") is not None
            assert note.find(f"{w('p')}/{w('pPr')}/{w('pStyle')}").get(w("val")) == "FootnoteText"


def test_merton_footnote_text_and_no_footnotes_in_the_body(merton):
    notes = merton.xml("word/footnotes.xml")
    first = next(n for n in notes if n.get(w("id")) == "1")
    assert merton.text(first).strip().startswith("The Crime and Disorder Act 1998")
    body_text = [p.text for p in merton.doc.paragraphs]
    assert not any(t.startswith("The Crime and Disorder Act 1998") for t in body_text)
    noterefs = [t.text.strip() for t in merton.body.iter(w("instrText")) if t.text.strip().startswith("NOTEREF")]
    assert noterefs == ["NOTEREF _RefFootnote4 \\f \\h"]  # footnote 4 is cited twice, as in the HTML
    assert merton.printed.count('href="#fn4"') == 2


def test_footnote_styles_exist(report):
    styles = {s.style_id: s for s in report.doc.styles}
    assert styles["FootnoteText"].type == docx.enum.style.WD_STYLE_TYPE.PARAGRAPH
    reference = report.xml("word/styles.xml").find(f"{w('style')}[@{w('styleId')}='FootnoteReference']")
    assert reference.find(f"{w('rPr')}/{w('vertAlign')}").get(w("val")) == "superscript"


# ---- lists ----


def _numbers(report: Report) -> list[tuple[int, str]]:
    return readback.docx_numbered(report.data)


def test_havering_recommendations_are_numbered_one_to_seven(havering):
    shown = _numbers(havering)
    assert [n for n, _ in shown] == [1, 2, 3, 4, 5, 6, 7]
    assert shown[0][1].startswith("make sure board members are aware")
    assert shown[2][1].startswith("ensure all children have access to education")
    ids = {p.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}").get(w("val"))
           for p in havering.body.iter(w("p")) if havering.style(p) == "ListNumber"}
    lists = re.findall(r"<ol(?! class=\"footnotes)", havering.html)
    assert len(ids) == len(lists) == 3  # one numbering instance per list, so each starts afresh


def test_bullets_use_list_bullet_styles(merton):
    styles = {p.style.name for p in merton.doc.paragraphs}
    assert "List Bullet" in styles
    assert "List Number" in styles


# ---- package ----


def test_core_properties(report):
    props = report.doc.core_properties
    published = report.checked.findings.inspection.published
    assert props.title == report.stages.view.title
    assert props.author == "HM Inspectorate of Probation"
    assert props.language == "en-GB"
    assert props.subject == report.checked.findings.service.name
    assert props.created == datetime(published.year, published.month, published.day, tzinfo=timezone.utc)
    assert props.last_printed == props.created
    assert props.modified == report.stages.view.modified
    assert props.revision == 1
    assert props.last_modified_by == ""
    lang = report.xml("word/styles.xml").find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
    assert lang.get(w("val")) == "en-GB"


def test_page_header_and_footer(merton):
    section = merton.doc.sections[-1]  # the body's; the cover has neither
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.header.paragraphs[0].text == "Merton Youth Justice Service"
    footer = etree.fromstring(section.footer.part.blob)
    fields = [t.text.strip() for t in footer.iter(w("instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert "Page" in merton.text(footer) and "of" in merton.text(footer)


def test_renders_are_byte_identical_and_free_of_machine_ids(merton):
    house = merton.stages.house
    again = render(check_file(ROOT / "findings" / "merton.yml", house), house, ["docx"])["docx"]
    assert again == merton.data
    names = merton.zip.namelist()
    assert names[0] == "[Content_Types].xml"
    stamp = merton.stages.view.modified.timetuple()[:6]
    assert all(info.date_time == stamp for info in merton.zip.infolist())
    for name in names:
        if name.endswith((".xml", ".rels")):
            text = merton.zip.read(name).decode("utf-8")
            assert "w:rsid" not in text, name
            assert "w14:docId" not in text, name


def test_unknown_token_type_is_a_clear_error(merton):
    parsed = Parsed([Token("mystery_open", "div", 1)], {}, ())
    with pytest.raises(UnsupportedToken, match="mystery_open"):
        render_docx(parsed, merton.stages.view, merton.stages.house)


def test_markdown_beyond_the_fixtures_says_what_the_html_says(merton):
    from reportgen.parse import parse
    from reportgen.render.html import render_html

    source = (
        "## Notes\n\nSee [the page](#) and [the notes](#h-notes).\n\n---\n\n    code line\n\n"
        "- one\n  - nested\n\n> quoted\n\n| A | B |\n|:--|--:|\n| x | 1 |\n"
    )
    parsed = parse(source)
    out = zipfile.ZipFile(io.BytesIO(render_docx(parsed, merton.stages.view, merton.stages.house)))
    body = etree.fromstring(out.read("word/document.xml")).find(w("body"))
    paragraphs = {"".join(p.itertext(w("t"))): p for p in body.iter(w("p"))}
    see = paragraphs["See the page and the notes."]
    links = see.findall(w("hyperlink"))
    assert [link.get(w("anchor")) for link in links] == ["h_notes"]  # "#" alone is plain text, as in HTML
    styles = {p.find(f"{w('pPr')}/{w('pStyle')}").get(w("val")) for p in body.iter(w("p"))}
    assert {"ListBullet", "ListBullet2", "Quote", "Caption", "TableText"} <= styles
    assert "code line" in paragraphs
    caption = body.find(w("tbl")).getprevious()
    html_caption = re.search(r"<caption[^>]*>(.*?)</caption>", render_html(parsed, merton.stages.view, merton.stages.house)).group(1)
    assert "".join(caption.itertext(w("t"))) == html_caption == "Notes"


def test_description_is_the_htmls(merton):
    meta = re.search(r'<meta name="description" content="([^"]*)"', merton.html).group(1)
    assert merton.doc.core_properties.comments == html.unescape(meta)


def test_dates_beyond_a_zip_and_characters_beyond_xml_still_build(merton):
    from dataclasses import replace

    from reportgen.parse import parse

    view = replace(merton.stages.view, modified=datetime(4098, 1, 25, tzinfo=timezone.utc))
    data = render_docx(parse("A\x0bB and \U0001d54b"), view, merton.stages.house)
    out = zipfile.ZipFile(io.BytesIO(data))
    assert {info.date_time for info in out.infolist()} == {(2107, 12, 31, 23, 59, 58)}
    assert "A\ufffdB and \U0001d54b" in docx.Document(io.BytesIO(data)).paragraphs[0].text


def test_a_sentence_introducing_a_table_is_kept_with_it(merton):
    def before_caption(table):
        before = table.getprevious()
        return before.getprevious() if merton.style(before) == "Caption" else before

    lead_ins = [p for p in map(before_caption, merton.body.iter(w("tbl"))) if merton.style(p) == "Normal"]
    assert lead_ins
    for paragraph in lead_ins:
        assert paragraph.find(f"{w('pPr')}/{w('keepNext')}") is not None, merton.text(paragraph)


def test_the_page_frame_says_what_the_htmls_says(report):
    """The publisher line and colophon come from styles.yml; they must not drift from page.html.j2's print
    document (the web page's footer has its own: the copyright line once, beside the address)."""
    colophon = re.search(r'<footer class="colophon">\s*<p>(.*?)</p>', report.printed, re.S).group(1)
    publisher = BeautifulSoup(report.printed, "html.parser").select_one(".publisher").decode_contents()
    texts = [p.text for p in report.doc.paragraphs]
    assert texts[0] == html.unescape(publisher)
    assert texts[-1] == html.unescape(colophon)
    assert report.doc.paragraphs[0].style.name == "Cover Publisher"


def test_every_picture_has_alternative_text(report):
    """Each chart is an image whose alt text gives its values in words (issue 4)."""
    document = report.zip.read("word/document.xml").decode()
    pictures = re.findall(r"<wp:docPr [^>]*>", document)
    assert len(pictures) == report.html.count('class="chart-wide"')  # Word takes the wide layout
    charted = any(t.comparisons for t in report.checked.findings.contextual_facts) or any(r.key_questions for r in report.checked.ratings.standards)
    assert charted or not pictures  # the older editions publish no case data to chart (and a printing may draw none: issue 24)
    for picture in pictures:
        descr = re.search(r'descr="([^"]*)"', picture)
        assert descr and "%" in html.unescape(descr.group(1)) and len(descr.group(1)) > 40


def test_issue_10_word_pagination_aids(report):
    """Contents page numbers filled on opening; headings keep with the next paragraph; a short
    table (up to 8 body rows) keeps together; no row breaks across pages."""
    settings = report.xml("word/settings.xml")
    update = settings.find(w("updateFields"))
    assert update is not None and update.get(w("val")) == "true"
    children = [child.tag for child in settings]
    assert children.index(w("updateFields")) < children.index(w("compat"))  # schema order
    styles = report.xml("word/styles.xml")
    for name in ("Heading1", "Heading2", "Heading3"):
        style = styles.find(f"{w('style')}[@{w('styleId')}='{name}']")
        assert style.find(f"{w('pPr')}/{w('keepNext')}") is not None, name
    short = long = 0
    for table in report.body.iter(w("tbl")):
        rows = table.findall(w("tr"))
        assert all(row.find(f"{w('trPr')}/{w('cantSplit')}") is not None for row in rows)
        kept = [all(p.find(f"{w('pPr')}/{w('keepNext')}") is not None for p in row.iter(w("p"))) for row in rows]
        if len(rows) <= 9:
            short += 1
            assert kept == [True] * (len(rows) - 1) + [False]
        else:
            long += 1
            assert not all(kept[1:-1])
    assert short + long == len(list(report.body.iter(w("tbl")))) > 0


def test_issue_10_word_long_tables_may_break_between_rows(reports):
    """Across the reports, long and short tables are both checked above (Lambeth has no long one)."""
    lengths = [len(t.findall(w("tr"))) for r in reports.values() for t in r.body.iter(w("tbl"))]
    assert any(n > 9 for n in lengths) and any(n <= 9 for n in lengths)
