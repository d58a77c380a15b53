"""Issue 12: drafts for editors — DRAFT marking, Word comments, and `notes:` printed only in drafts."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from reportgen.build import render
from reportgen.review.drafting import findings_origin, render_draft
from reportgen.model import Note
from reportgen.validate import check_file

from .variants import Variant

NOTE = "Check the 2020 figure with the board minutes before publication."
EDITOR_NOTE = "Editor asked for a source here."


def with_notes() -> Variant:
    """Merton with a plain note on a standard and a note with author and field on a key question."""
    standard = 'domains["1"].standards["1.1"]'
    return (Variant().set(f"{standard}.notes", [NOTE])
            .set(f'{standard}.key_questions["1.1.2"].notes', [{"text": EDITOR_NOTE, "author": "A. Editor", "field": "narrative"}]))


@pytest.fixture(scope="module")
def noted(tmp_path_factory, house):
    return check_file(with_notes().write(tmp_path_factory.mktemp("notes")), house)


def test_notes_are_a_field_of_narrative_items(noted) -> None:
    standard = noted.findings.domains[0].standards[0]
    assert standard.notes == (NOTE,)
    assert standard.key_questions["1.1.2"].notes == (Note(text=EDITOR_NOTE, author="A. Editor", field="narrative"),)


def test_a_normal_build_never_prints_notes(noted, house) -> None:
    outputs = render(noted, house, ("md", "html", "docx"))
    for fmt in ("md", "html"):
        assert NOTE not in outputs[fmt].decode() and EDITOR_NOTE not in outputs[fmt].decode()
    with zipfile.ZipFile(io.BytesIO(outputs["docx"])) as package:
        parts = {name: package.read(name).decode() for name in package.namelist() if name.endswith(".xml")}
    assert "word/comments.xml" not in parts
    assert not any(NOTE in xml or EDITOR_NOTE in xml for xml in parts.values())


# --- the draft: marking, comments, field bookmarks ---------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def xml_parts(docx: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return {name: etree.fromstring(package.read(name)) for name in package.namelist()
                if name.startswith(("word/", "docProps/")) and name.endswith(".xml")}


@pytest.fixture(scope="module")
def draft(tmp_path_factory, house):
    """Merton with notes and one check warning (a footnote nothing cites), built as a draft: Word and HTML."""
    path = with_notes().set("footnotes.uncited", "A footnote nothing refers to.").write(tmp_path_factory.mktemp("draft"))
    checked = check_file(path, house)
    outputs = render_draft(checked, house, ("html", "docx"), origin=findings_origin(path, checked))
    return checked, outputs


def comments(docx: bytes) -> list[tuple[str, str]]:
    root = xml_parts(docx)["word/comments.xml"]
    return [(c.get(f"{W}author"), "".join(c.itertext())) for c in root.iter(f"{W}comment")]


def test_a_draft_comments_every_warning_and_every_case_sample_standard(draft) -> None:
    checked, outputs = draft
    found = comments(outputs["docx"])
    texts = [text for _, text in found]
    warnings = [w for w in checked.warnings if not w.field.endswith("notes")]  # notes are comments of their own
    assert warnings and all(any(w.found in t and t.startswith("Please check") for t in texts) for w in warnings)
    case_standards = [s.id for s in checked.edition.standards() if s.method == "cases"]
    for ident in case_standards:
        assert any(t.startswith(f"{ident} ") and "discretion" in t for t in texts), ident
    # Merton 3.2's panel moved nothing, but 3.2.3 (67%) is within 5 points of 65: discretion was open
    assert any(t.startswith("3.2 Planning is rated Good on its lowest key question, 3.2.3 (67%). The ratings panel could "
                            "have used professional discretion to move it down to Requires improvement or up to Outstanding") for t in texts)
    assert ("A. Editor", EDITOR_NOTE) in found and ("Mike Lane", NOTE) in found
    assert len(found) == len(warnings) + len(case_standards) + 2 + 1  # and the first page's summary
    summary = next(t for a, t in found if t.startswith("Things to check in this draft: 1,"))
    assert "personal data 0 · spelling 0 · plain English 0" in summary and "Reading age by chapter" in summary
    body = xml_parts(outputs["docx"])["word/document.xml"]
    starts = {s.get(f"{W}id") for s in body.iter(f"{W}commentRangeStart")}
    ends = {s.get(f"{W}id") for s in body.iter(f"{W}commentRangeEnd")}
    refs = {s.get(f"{W}id") for s in body.iter(f"{W}commentReference")}
    assert starts == ends == refs and len(starts) == len(found)  # every comment anchored on its text


def test_a_drafts_comments_are_dated_by_the_findings_not_the_clock(draft) -> None:
    """The same findings give the same draft: each comment is dated with the document's modification
    time (SOURCE_DATE_EPOCH, else the publication date), as its core properties are."""
    _, outputs = draft
    parts = xml_parts(outputs["docx"])
    modified = parts["docProps/core.xml"].find("{http://purl.org/dc/terms/}modified").text
    dates = {c.get(f"{W}date") for c in parts["word/comments.xml"].iter(f"{W}comment")}
    assert len(dates) == 1 and dates == {modified}, (dates, modified)


def test_the_editor_note_is_anchored_on_its_narrative(draft) -> None:
    _, outputs = draft
    body = xml_parts(outputs["docx"])["word/document.xml"]
    ident = next(c.get(f"{W}id") for c in xml_parts(outputs["docx"])["word/comments.xml"].iter(f"{W}comment")
                 if EDITOR_NOTE in "".join(c.itertext()))
    start = next(s for s in body.iter(f"{W}commentRangeStart") if s.get(f"{W}id") == ident)
    assert "Board members consistently advocate" in "".join(start.getparent().itertext())


def test_a_draft_is_marked_in_word_and_html_and_a_normal_build_is_not(draft, built) -> None:
    _, outputs = draft
    parts = xml_parts(outputs["docx"])
    headers = [root for name, root in parts.items() if name.startswith("word/header")]
    assert headers and all("DRAFT – not for publication" in "".join(h.itertext()) for h in headers)
    assert all(b'PowerPlusWaterMarkObject' in etree.tostring(h) and b'string="DRAFT"' in etree.tostring(h) for h in headers)
    assert parts["word/document.xml"].find(f".//{W}sectPr/{W}lnNumType") is not None
    soup = BeautifulSoup(outputs["html"], "html.parser")
    assert "DRAFT" in soup.select_one(".draft-banner").get_text()
    assert 'url("style/draft-watermark.svg")' in soup.find("style").get_text()  # the PDF's watermark
    asides = [a.get_text() for a in soup.select("div.draft-comment")]
    assert any(NOTE in a for a in asides) and any("The ratings panel could have used professional discretion" in a for a in asides)
    normal = xml_parts(built["merton"]["docx"])
    assert "word/comments.xml" not in normal and "docProps/custom.xml" not in normal
    assert not any("DRAFT" in "".join(root.itertext()) for name, root in normal.items() if name.startswith("word/header"))
    assert normal["word/document.xml"].find(f".//{W}lnNumType") is None
    assert not list(normal["word/document.xml"].iter(f"{W}commentRangeStart"))
    html = BeautifulSoup(built["merton"]["html"], "html.parser")
    assert not html.select(".draft-banner, div.draft-comment") and b"draft-watermark" not in built["merton"]["html"]


def test_line_numbers_start_on_the_first_body_page(draft) -> None:
    """Issue 22: they ran on the cover and the contents. Word numbers by section, LibreOffice the whole
    document: the cover's and contents' paragraphs (and the contents' styles) are left out of the count."""
    _, outputs = draft
    parts = xml_parts(outputs["docx"])
    blocks = [b for b in parts["word/document.xml"].find(f"{W}body") if b.tag in (f"{W}p", f"{W}sdt")]
    contents = next(n for n, b in enumerate(blocks) if b.tag == f"{W}sdt")

    def numbered(paragraph) -> bool:
        return paragraph.find(f"{W}pPr/{W}suppressLineNumbers") is None

    front = [p for b in blocks[:contents + 1] for p in b.iter(f"{W}p")]
    assert "An inspection of youth offending services in Merton" in "".join(t for p in front for t in p.itertext())
    assert "Contents" in "".join(blocks[contents - 1].itertext()) or "Contents" in "".join(blocks[contents].itertext())
    assert front and not any(numbered(p) for p in front)
    assert numbered(blocks[contents + 1]) and all(numbered(p) for b in blocks[contents + 1:] for p in b.iter(f"{W}p"))
    styles = {s.get(f"{W}styleId"): s for s in parts["word/styles.xml"].iter(f"{W}style")}
    assert all(not numbered(styles[name]) for name in ("TOC1", "TOC2", "TOC3", "TOCHeading"))  # entries Word rewrites


def test_a_draft_names_its_findings_and_bookmarks_every_narrative_paragraph(draft) -> None:
    checked, outputs = draft
    parts = xml_parts(outputs["docx"])
    props = {p.get("name"): "".join(p.itertext()) for p in parts["docProps/custom.xml"]}
    assert props["reportgen.findings"] == "merton.yml" and len(props["reportgen.digest"]) == 16
    names = [b.get(f"{W}name") for b in parts["word/document.xml"].iter(f"{W}bookmarkStart")]
    names += [b.get(f"{W}name") for b in parts["word/footnotes.xml"].iter(f"{W}bookmarkStart")]
    fields = {n[3:11] for n in names if n.startswith("_rg")}
    from reportgen.review.fields import narrative_fields, path_key

    expected = {path_key(path) for path, _ in narrative_fields(checked.findings) if path != ("footnotes", "uncited")}
    assert fields == expected and all(len(n) <= 40 for n in names)


def test_build_draft_writes_draft_files_in_a_folder_of_their_own(tmp_path) -> None:
    from .test_cli import run_cli

    code, _, stderr = run_cli("build", "findings/merton.yml", "--draft", "--format", "html", "--out", str(tmp_path))
    assert code == 0, stderr
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == ["merton-draft"]
    assert [p.name for p in (tmp_path / "merton-draft").iterdir()] == ["merton-draft.html"]
    assert "draft-banner" in (tmp_path / "merton-draft" / "merton-draft.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["merton", "havering"])
def test_a_drafts_markdown_is_the_reports_own(checked, house, built, name) -> None:
    """The marks that map paragraphs to findings fields leave no trace in the composed Markdown."""
    from reportgen.review.drafting import prepare_draft

    assert prepare_draft(checked[name], house).source == built[name].stages.source


def test_each_text_check_warning_is_a_word_comment_on_the_paragraph_it_concerns(house, tmp_path) -> None:
    """Issue 25: a misspelling in the second paragraph of a narrative and a phone number in the last item of
    a list: each comment is anchored on the paragraph holding its text, not on the standard's heading."""
    from .variants import Variant

    path = '"domains["1"].standards["1.1"].key_questions["1.1.1"].narrative'
    variant = Variant("merton")
    narrative = variant.get(path[1:])
    paragraphs = narrative.rstrip().split("\n\n")
    assert len(paragraphs) >= 2
    paragraphs[1] = paragraphs[1].replace(" the ", " teh ", 1)
    area = variant.get('domains["1"].strengths')  # a list: one paragraph per item
    variant.set(path[1:], "\n\n".join(paragraphs) + "\n")
    variant.set('domains["1"].strengths', [*area[:-1], area[-1] + " Call 07700 900123 to hear more."])
    written = variant.write(tmp_path)
    checked = check_file(written, house)
    outputs = render_draft(checked, house, ("docx",), origin=findings_origin(written, checked))
    parts = xml_parts(outputs["docx"])
    texts = {c.get(f"{W}id"): "".join(c.itertext()) for c in parts["word/comments.xml"].iter(f"{W}comment")}
    body = parts["word/document.xml"]
    anchored = {}
    for start in body.iter(f"{W}commentRangeStart"):
        anchored[texts[start.get(f"{W}id")]] = "".join(start.getparent().itertext())
    text_warnings = [w for w in checked.warnings if w.check]
    assert {w.check for w in text_warnings} == {"spelling", "personal-data"}
    for warning in text_warnings:
        comment = next(t for t in anchored if warning.found in t and t.startswith("Please check"))
        assert warning.found.split("'")[1] in anchored[comment], (warning, anchored[comment][:120])
    assert not any("teh" in text for text in anchored.values() if text.startswith(paragraphs[0][:40]))  # not on the first paragraph


# --- issue 22 item 8: comments in plain English --------------------------------------------------


def test_draft_comments_say_what_to_check_and_where_in_plain_english(house, tmp_path) -> None:
    """They spoke programmer: 'check warning (…line 626): domains[3]: found …, expected …', '±', '(not: …)',
    'discretion was open for a move down or up from Outstanding' (there is no band above it)."""
    from reportgen.review.drafting import prepare_draft

    variant = (Variant().replace("background", "multidisciplinary", "multidisiplinary")
               .replace('domains["1"].strengths[1]', "well attended", "well attended by John Smith")
               .set("footnotes.uncited", "A footnote nothing refers to.")
               .set('domains["2"].standards["2.2"].key_questions["2.2.1"].yes', 6))
    checked = check_file(variant.write(tmp_path), house)
    texts = [t.meta["text"] for t in prepare_draft(checked, house).parsed.tokens if t.type == "comment"]
    for text in texts:
        assert not re.search(r"\w\[\d+\]|±|\(not:|\[\^|check warning|from Outstanding", text), text
        assert not ("rated Outstanding" in text and " up to " in text), text  # no band above it
        assert not re.match(r"\W*(line|\S+\.yml)", text), text  # the place in the report first; the file's line last, if at all
    spelling = next(t for t in texts if "multidisiplinary" in t)
    assert spelling.startswith("Please check background (spelling): 'multidisiplinary' — the report needs a word")
    assert spelling.endswith(f"[merton.yml, line {variant.find('multidisiplinary')[0]}]")
    assert next(t for t in texts if "John Smith" in t).startswith("Please check domain 1, strength 2 (personal data): ")
    assert "the report needs a reference to footnote 'uncited' in the text" in next(t for t in texts if "uncited" in t)
    statements = [t for t in texts if "(what the text says of the figures)" in t]
    assert len(statements) == 2 and all(t.startswith("Please check standard 2.2, summary") for t in statements)
    discretion = {t.split(" ", 1)[0]: t for t in texts if "discretion" in t}
    assert discretion["2.2"] == (
        "2.2 Planning is rated Good on its lowest key question, 2.2.1 (67%). The ratings panel could have used professional "
        "discretion to move it down to Requires improvement, because 67% is within 5 points of the 65% boundary and with one case fewer meeting "
        "the standard (5 of 9) it would be Requires improvement; it kept Good. Please check that the narrative supports "
        "a rating of Good.")
    assert discretion["3.1"].startswith("3.1 Assessment is rated Outstanding on its lowest key question, 3.1.1 (100%). "
                                        "The ratings panel could have used professional discretion to move it down to "
                                        "Good, because it rests on only 5 relevant cases (5 or fewer); it kept Outstanding.")
    assert "Professional discretion was not open: 100% is more than 5 points from every boundary between ratings, " \
           "judging one case differently would not change the rating and it rests on 9 relevant cases (more than 5)." \
           in discretion["2.1"]


def test_a_move_the_panel_made_is_said_with_its_reason(house, tmp_path) -> None:
    from reportgen.review.draft import discretion_reasoning

    moved = Variant().set('domains["3"].standards["3.2"].discretion', {
        "rating": "Outstanding", "rationale": "The panel weighed the strong joint planning seen in all three cases"})
    checked = check_file(moved.write(tmp_path), house)
    result = checked.ratings.by_id()["3.2"]
    assert discretion_reasoning(result, checked.edition, house.review) == (
        "3.2 Planning: the ratings panel used professional discretion, moving the rating from Good to Outstanding "
        "(printed Outstanding*). Its reason: The panel weighed the strong joint planning seen in all three cases. "
        "Please check that the report explains the move where it gives the rating.")
