"""Issue 20, classes 2 and 8 (absorb's text): only what was edited changes, and what the editor typed
comes back as that text — never as structure, never as Markdown.

A draft of Merton whose background paragraph holds a link and a code span is built once; each test
edits a copy as Word would (python-docx, lxml) and absorbs it in process.
"""

from __future__ import annotations

import hashlib
import io
import shutil

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from reportgen.review.absorb import absorb
from reportgen.review.drafting import findings_origin, render_draft
from reportgen.review.fields import narrative_fields
from reportgen.house import Folders, load_house
from reportgen.load import parse_yaml
from reportgen.validate import check, check_file

from .editing import MERTON

pytestmark = pytest.mark.slow  # each case a Word draft written and absorbed: in `make test`, not the quick loop

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LINKED = ("They are required to have staff from local authority social care and education services",
          "They are required (see [the Crime and Disorder Act](https://www.legislation.gov.uk/ukpga/1998/37) and "
          "`section 39`) to have staff from local authority social care and education services")
ITEM = "The YJS board is well attended"
HOUSE = load_house(Folders.given(environ={}))


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """(findings path, draft bytes) for Merton with a link and a code span in its background."""
    assert LINKED[0] in MERTON
    folder = tmp_path_factory.mktemp("linked")
    path = folder / "merton.yml"
    path.write_text(MERTON.replace(*LINKED, 1), encoding="utf-8")
    checked = check_file(path, HOUSE)
    return path, render_draft(checked, HOUSE, ("docx",), origin=findings_origin(path, checked))["docx"]


def edited(draft: bytes, change) -> bytes:
    document = docx.Document(io.BytesIO(draft))
    change(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def paragraph(document, starts: str):
    return next(p for p in document.paragraphs if p.text.startswith(starts))


def values(text: str, path) -> dict:
    return dict(narrative_fields(check(parse_yaml(text, str(path)), HOUSE).findings))


def absorbed(path, draft: bytes, change, tmp_path):
    copy = tmp_path / "merton.yml"
    shutil.copy(path, copy)
    return absorb(edited(draft, change), "edited.docx", copy, HOUSE), copy


def test_a_word_edited_elsewhere_leaves_links_and_code_spans_as_typed(linked, tmp_path) -> None:
    path, draft = linked

    def change(document):
        run = next(r for r in paragraph(document, "YOTs are statutory").runs if "health services" in r.text)
        run.text = run.text.replace("health services", "health and care services")

    result, copy = absorbed(path, draft, change, tmp_path)
    before = path.read_text(encoding="utf-8")
    assert result.text == before.replace("local health services", "local health and care services", 1)
    assert result.changed == ["background"] and result.reports == []


def test_a_word_inside_a_link_changes_only_the_link_text(linked, tmp_path) -> None:
    path, draft = linked

    def change(document):
        for node in paragraph(document, "YOTs are statutory").part.element.iter(f"{W}t"):
            if node.text == "the Crime and Disorder Act":
                node.text = "the Crime and Disorder Act 1998"

    result, _ = absorbed(path, draft, change, tmp_path)
    assert "[the Crime and Disorder Act 1998](https://www.legislation.gov.uk/ukpga/1998/37) and `section 39`" in result.text


TYPED = ["- ", "1986. ", "> ", "--- ", "::: good-practice ", "# ", "+ ", "| a | b ", "<b> "]


@pytest.mark.parametrize("typed", TYPED)
def test_text_typed_at_the_start_of_a_paragraph_or_list_item_comes_back_as_that_text(drafted, tmp_path, typed) -> None:
    path, draft = drafted

    def change(document):
        for starts in ("Merton is situated", ITEM):
            first = paragraph(document, starts).runs[0]
            first.text = typed + first.text

    result, _ = absorbed(path, draft, change, tmp_path)
    assert result.reports == [], result.reports
    after = values(result.text, path)  # the rewritten YAML checks: nothing became structure
    before = values(path.read_text(encoding="utf-8"), path)
    changed = {p: v for p, v in after.items() if before.get(p) != v}
    assert set(changed) == {("background",), ("domains", 0, "strengths", 1)}, changed
    from reportgen.parse import markdown

    for where, value in changed.items():
        tokens = markdown().parse(value)
        assert {t.type for t in tokens} <= {"paragraph_open", "inline", "paragraph_close"}, (typed, value)
        texts = ["".join(c.content for c in t.children if c.type in ("text", "softbreak")) for t in tokens if t.type == "inline"]
        assert any(text.startswith(typed.strip()) for text in texts), (typed, texts)


def test_comments_are_plain_text_never_markdown(drafted, tmp_path) -> None:
    path, draft = drafted
    comments = ["# Check this heading", "- check this", "1. first **not bold**", "::: good-practice"]

    def change(document):
        runs = paragraph(document, "Merton is situated").runs
        for text in comments:
            document.add_comment(runs, text=text, author="Jo Editor", initials="JE")

    result, _ = absorbed(path, draft, change, tmp_path)
    notes = check(parse_yaml(result.text, str(path)), HOUSE).findings.notes
    quoted = [n.text.split('": ', 1) for n in notes][-4:]  # each quotes the paragraph it was on, then says the comment
    assert {q[0] for q in quoted} == {'On "Merton is situated in the south west of London. It is one of the safest London…'}
    assert [q[1] for q in quoted] == [r"\# Check this heading", r"\- check this", r"1\. first \*\*not bold\*\*", r"\::: good-practice"]


def test_invisible_characters_typed_in_word_are_left_out_and_said(drafted, tmp_path) -> None:
    path, draft = drafted

    def change(document):
        run = next(r for r in paragraph(document, ITEM).runs if "well attended" in r.text)
        run.text = run.text.replace("well attended", "well \u200b\u202eattended\u2066 by all")

    result, _ = absorbed(path, draft, change, tmp_path)
    assert "well attended by all" in result.text
    assert result.reports == ["domains.0.strengths.1: invisible characters typed in Word were left out: U+200B (zero width "
                              "space), U+202E (right-to-left override), U+2066 (left-to-right isolate)"]


def add_link(document, starts: str, words: str, target: str) -> None:
    """`words` of the paragraph made a hyperlink to `target`, as Word's Insert Link does."""
    para = paragraph(document, starts)
    run = next(r for r in para.runs if words in r.text)
    before, after = run.text.split(words, 1)
    run.text = before
    link = etree.SubElement(para._p, f"{W}hyperlink")
    link.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", document.part.relate_to(target, RT.HYPERLINK, is_external=True))
    run._r.addnext(link)
    inner = etree.SubElement(link, f"{W}r")
    etree.SubElement(inner, f"{W}t").text = words
    tail = etree.Element(f"{W}r")
    text = etree.SubElement(tail, f"{W}t")
    text.text = after
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    link.addnext(tail)


def test_a_hyperlink_added_in_word_is_absorbed_or_said(drafted, tmp_path) -> None:
    path, draft = drafted
    result, _ = absorbed(path, draft, lambda d: add_link(d, ITEM, "well attended", "https://example.org/board"), tmp_path)
    assert "[well attended](https://example.org/board)" in result.text and result.reports == []
    result, _ = absorbed(path, draft, lambda d: add_link(d, ITEM, "well attended", "file:///etc/passwd"), tmp_path)
    assert "well attended" in result.text and "file:" not in result.text
    assert result.reports == ["domains.0.strengths.1: a link to 'file:///etc/passwd' added in Word is not a web, mail or "
                              "in-report address; its words were taken without it"]


def test_the_draft_digest_is_unchanged_by_the_reading(drafted) -> None:
    path, _ = drafted
    assert hashlib.sha256(path.read_bytes()).hexdigest() == hashlib.sha256(MERTON.encode("utf-8")).hexdigest()
