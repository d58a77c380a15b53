"""Issue 12: `reportgen absorb EDITED.docx FINDINGS.yml` — an editor's Word edits back into the YAML.

The draft is built once (Word only, in memory) from a copy of Merton; each test edits a copy of
it with python-docx or lxml, as an editor's word processor would, and absorbs it.
"""

from __future__ import annotations

import copy
import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from reportgen.review.absorb import _new_values, _rebuilt, absorb, read_draft
from reportgen.errors import ReportError
from reportgen.review.fields import narrative_fields, path_key
from reportgen.validate import check_file

from .editing import MERTON, edit, insert_after, line_of
from .test_cli import run_cli
from .variants import Variant

pytestmark = pytest.mark.slow  # Word drafts written and absorbed: in `make test`, not the quick loop

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
COMMENT = "Please check the crime rate source."
ITEM_COMMENT = "Please give the date of the consultation."
NEW_BULLET = "Partners value the board's annual *away day*."  # typed: the stars are words, not emphasis
GONE_BULLET = "The staffing group is not diverse and does not reflect the community/YJS cohort."
EDITED_LINES = {  # (steps to the line, old, new): what the edits below should do to merton.yml
    "background": (("background: |", "YOTs are statutory partnerships"), "multidisciplinary", "multi-disciplinary"),
    "list item": (("strengths:", "The YJS board is well attended"), "well attended", "well supported"),
    "footnote": (("crime-and-disorder-act: >-", "The Crime and Disorder Act 1998"), "set out", "laid down"),
}


def replace_in_runs(paragraphs, starts: str, old: str, new: str) -> None:
    """In the first paragraph starting with `starts`, replace `old` (within one run) by `new`."""
    for paragraph in paragraphs:
        if paragraph.text.startswith(starts):
            for run in paragraph.runs:
                if old in run.text:
                    run.text = run.text.replace(old, new, 1)
                    return
    raise AssertionError(f"no paragraph starting {starts!r} holds {old!r} in one run")


def new_paragraph_after(paragraph, text: str):
    """A paragraph after `paragraph` in its style, as pressing Enter at its end and typing makes one."""
    element = copy.deepcopy(paragraph._p)
    for child in [c for c in element if c.tag != f"{W}pPr"]:
        element.remove(child)
    paragraph._p.addnext(element)
    added = docx.text.paragraph.Paragraph(element, paragraph._parent)
    added.add_run(text)
    return added


def comment_on_words(paragraph, words: str, text: str) -> None:
    """A comment anchored on `words` of the paragraph's one run (split into three runs around them)."""
    [run] = paragraph.runs
    before, after = run.text.split(words, 1)
    run.text = before
    middle = copy.deepcopy(run._r)
    run._r.addnext(middle)
    tail = copy.deepcopy(run._r)
    middle.addnext(tail)
    runs = paragraph.runs
    runs[1].text, runs[2].text = words, after
    paragraph.part.document.add_comment(runs[1], text=text, author="Jo Editor", initials="JE")


def edited_in_python_docx(draft: bytes) -> bytes:
    """A word in a paragraph, a list item, a footnote and a table cell of generated data changed, a bullet
    added after the edited strength and one area for improvement deleted, a comment on a paragraph and
    one on words of an area for improvement."""
    document = docx.Document(io.BytesIO(draft))
    paragraphs = document.paragraphs
    replace_in_runs(paragraphs, "YOTs are statutory partnerships", "multidisciplinary", "multi-disciplinary")
    replace_in_runs(paragraphs, "The YJS board is well attended", "well attended", "well supported")
    ratings = next(t for t in document.tables if t.rows[0].cells[0].text == "Standard")
    cell = next(c for row in ratings.rows for c in row.cells if c.text == "Outstanding")
    replace_in_runs(cell.paragraphs, "Outstanding", "Outstanding", "Good")
    notes = next(rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/footnotes"))
    root = etree.fromstring(notes.blob)
    text = next(t for t in root.iter(f"{W}t") if "Crime and Disorder Act 1998 set out" in (t.text or ""))
    text.text = text.text.replace("set out", "laid down")
    notes._blob = etree.tostring(root)
    situated = next(p for p in paragraphs if p.text.startswith("Merton is situated"))
    document.add_comment(situated.runs, text=COMMENT, author="Jo Editor", initials="JE")
    new_paragraph_after(next(p for p in paragraphs if p.text.startswith("The YJS board is well supported")), NEW_BULLET)
    gone = next(p for p in paragraphs if p.text == GONE_BULLET)
    gone._p.getparent().remove(gone._p)
    morale = next(p for p in paragraphs if p.text.startswith("Staff morale has been affected"))
    comment_on_words(morale, "proposed restructure", ITEM_COMMENT)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def expected_yaml() -> str:
    """merton.yml with exactly the edited lines changed, as text: what absorb must write, found independently
    of the round trip absorb itself uses: the edited words; the new bullet after its strength, in its
    neighbours' form, its stars escaped; the deleted area for improvement's two lines gone; each note,
    quoting what its comment was on, right after the field it is about — the area for improvement's
    naming that item where it now is (the second: the one before it was deleted)."""
    text = MERTON
    for steps, old, new in EDITED_LINES.values():
        text = edit(line_of(*steps, text=text), old, new, text=text)
    text = insert_after(line_of("strengths:", "The YJS board is well supported", text=text),
                        "      - >-\n        Partners value the board's annual \\*away day\\*.\n", text)
    gone = line_of("areas_for_improvement:", GONE_BULLET, text=text)
    lines = text.splitlines(keepends=True)
    assert lines[gone - 2] == "      - >-\n"
    text = "".join(lines[:gone - 2] + lines[gone:])
    text = insert_after(line_of("areas_for_improvement:", "There is no link between the YJS management board", text=text),
                        f"    notes:\n      - text: 'On \"proposed restructure\": {ITEM_COMMENT}'\n        author: Jo Editor\n"
                        "        field: areas_for_improvement[1]\n", text)
    situated = next(line.strip() for line in MERTON.splitlines() if line.strip().startswith("Merton is situated"))
    quote = situated[:79].rstrip() + "…"
    return insert_after(line_of("background: |", "Disproportionality is recognised", text=text),
                        f"notes:\n  - text: 'On \"{quote}\": {COMMENT}'\n    author: Jo Editor\n    field: background\n", text)


TABLE_EDIT = "table Ratings was edited in Word; its numbers and words come from the findings and the framework, not absorbed"


def test_absorb_takes_in_exactly_the_edited_values_the_new_and_deleted_bullets_and_the_comments(drafted, house, tmp_path) -> None:
    path, draft = drafted
    result = absorb(edited_in_python_docx(draft), "edited.docx", path, house)
    assert result.text == expected_yaml()  # so every YAML comment, key order, quote and block style is kept
    assert result.changed == ["background", "domains.0.strengths.1", "footnotes.crime-and-disorder-act"]
    assert (result.added, result.deleted, result.notes) == (1, 1, 2)
    assert result.reports == result.lost == [TABLE_EDIT]


def test_absorb_command_writes_in_place_and_dry_run_prints_a_diff(drafted, tmp_path) -> None:
    path, draft = drafted
    findings = tmp_path / "merton.yml"
    shutil.copy(path, findings)
    edited = tmp_path / "edited.docx"
    edited.write_bytes(edited_in_python_docx(draft))
    code, stdout, stderr = run_cli("absorb", str(edited), str(findings), "--dry-run")
    assert code == 1, stderr  # an edit that cannot be absorbed: without --partial, nothing would be written
    assert findings.read_text(encoding="utf-8") == MERTON  # nothing written
    assert "-  YOTs are statutory partnerships, and they are multidisciplinary" in stdout
    assert "+  YOTs are statutory partnerships, and they are multi-disciplinary" in stdout
    assert "table Ratings was edited in Word" in stderr
    code, stdout, stderr = run_cli("absorb", str(edited), str(findings))
    assert code == 1 and stdout == "" and findings.read_text(encoding="utf-8") == MERTON
    assert stderr.splitlines() == [f"{edited}: {TABLE_EDIT}", f"{findings}: nothing written: absorbed 3 fields, 1 paragraph "
                                   "added, 1 list item deleted and 2 notes; 1 edit not absorbed (listed above). Take those by "
                                   "hand, or pass --partial to write the rest."]
    code, stdout, stderr = run_cli("absorb", str(edited), str(findings), "--partial")
    assert code == 0, stderr
    assert findings.read_text(encoding="utf-8") == expected_yaml()
    assert stdout == (f"{findings}: absorbed 3 fields, 1 paragraph added, 1 list item deleted and 2 notes; 1 edit not "
                      f"absorbed (listed above) from {edited}\n")
    code, _, _ = run_cli("absorb", str(edited), str(findings), "--partial")  # again: the findings changed since the draft
    assert code == 1 and findings.read_text(encoding="utf-8") == expected_yaml()


def package_with(draft: bytes, name: str, transform) -> bytes:
    """`draft` with one part rewritten."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(draft)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, transform(data) if info.filename == name else data)
    return out.getvalue()


@pytest.mark.parametrize("make, found", [
    (lambda draft, built: built, "a document with no reportgen field marks"),
    (lambda draft, built: draft[:4000], "a file that is not a zip package (corrupt or not a .docx)"),
    (lambda draft, built: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "a password-protected (encrypted) file"),
    (lambda draft, built: package_with(draft, "word/document.xml", lambda d: d[:-40]), "a damaged .docx (word/document.xml"),
    (lambda draft, built: package_with(draft, "docProps/custom.xml", lambda d: d.replace(b"merton.yml", b"havering.yml").replace(
        b"Merton Youth Justice Service", b"Havering Youth Justice Service").replace(b"youth-2018", b"youth-2021")),
     "a draft of havering.yml (Havering Youth Justice Service, youth-2021)"),
], ids=["not-reportgen", "corrupt", "password", "damaged-xml", "another-findings-file"])
def test_unusable_drafts_are_one_line_errors_and_nothing_is_written(drafted, built, tmp_path, make, found) -> None:
    path, draft = drafted
    findings = tmp_path / "merton.yml"
    shutil.copy(path, findings)
    edited = tmp_path / "edited.docx"
    edited.write_bytes(make(draft, built["merton"]["docx"]))
    code, stdout, stderr = run_cli("absorb", str(edited), str(findings))
    assert code == 1 and stdout == ""
    assert stderr.count("\n") == 1 and stderr.startswith(f"{edited}: error: found {found}"), stderr
    assert findings.read_text(encoding="utf-8") == MERTON


def test_findings_changed_since_the_draft_refused_then_merged_with_conflicts_reported(drafted, tmp_path) -> None:
    path, draft = drafted
    findings = tmp_path / "merton.yml"
    # the YAML changed since the draft: the same background paragraph, and a key question elsewhere
    text = (Variant().replace("background", "to deal with", "so as to deal with")
            .replace('domains["1"].standards["1.1"].key_questions["1.1.2"].narrative', "a culture of support", "a habit of support")
            .text())
    findings.write_text(text, encoding="utf-8")
    edited = tmp_path / "edited.docx"
    edited.write_bytes(edited_in_python_docx(draft))
    code, _, stderr = run_cli("absorb", str(edited), str(findings))
    assert code == 1 and "a draft of an earlier version of merton.yml" in stderr and stderr.count("\n") == 1
    assert findings.read_text(encoding="utf-8") == text
    code, _, stderr = run_cli("absorb", str(edited), str(findings), "--merge")
    assert code == 1 and findings.read_text(encoding="utf-8") == text  # a conflict: nothing written without --partial
    assert "conflict: background was changed in Word and in the YAML since the draft" in stderr
    code, _, stderr = run_cli("absorb", str(edited), str(findings), "--merge", "--partial")
    assert code == 0 and "conflict: background was changed in Word and in the YAML since the draft" in stderr
    after = findings.read_text(encoding="utf-8")
    assert "so as to deal with" in after and "multi-disciplinary" not in after  # the YAML's text kept
    assert "well supported" in after and "laid down" in after and "habit" in after  # the rest absorbed


# --- random edits to narrative paragraphs come back exactly ---------------------------------------


@pytest.fixture(scope="module")
def candidates(drafted, house):
    """(path key, block, paragraph index, word) for words that occur once in their paragraph and in their
    field's YAML value, in one-paragraph blocks of plain runs."""
    path, draft = drafted
    checked, _, _ = _rebuilt(path, str(path), __import__("hashlib").sha256(path.read_bytes()).hexdigest()[:16], house)
    values = {path_key(p): (p, v) for p, v in narrative_fields(checked.findings)}
    body = read_draft(draft, "draft").body
    paragraphs = list(body.iter(f"{W}p"))
    found = []
    for index, paragraph in enumerate(paragraphs):
        start = paragraph.find(f"{W}bookmarkStart")
        match = re.match(r"_rg([0-9a-f]{8})_(\d+)_", start.get(f"{W}name", "")) if start is not None else None
        if not match or match.group(1) not in values:
            continue
        runs = [r for r in paragraph.iter(f"{W}r") if r.find(f"{W}rPr") is None and r.find(f"{W}t") is not None]
        text = "".join(r.find(f"{W}t").text for r in runs)
        value = values[match.group(1)][1]
        for word in set(re.findall(r"\b[A-Za-z]{3,}\b", text)):
            pattern = rf"(?<![\w'-]){word}(?![\w'-])"
            if len(re.findall(pattern, text)) == 1 and len(re.findall(pattern, value)) == 1 and any(
                    len(re.findall(pattern, r.find(f"{W}t").text)) == 1 for r in runs):
                found.append((values[match.group(1)][0], index, word))
    assert len(found) > 200
    return sorted(found)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_word_edits_to_narrative_paragraphs_absorb_back_exactly(drafted, candidates, house, data) -> None:
    path, draft = drafted
    checked, base, names = _rebuilt(path, str(path), __import__("hashlib").sha256(path.read_bytes()).hexdigest()[:16], house)
    edits = data.draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique_by=lambda c: c[0]))
    document = read_draft(draft, "edited.docx")
    document.body = copy.deepcopy(document.body)
    paragraphs = list(document.body.iter(f"{W}p"))
    expected = dict(narrative_fields(checked.findings))
    for field_path, index, word in edits:
        new = data.draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=12))
        pattern = rf"(?<![\w'-]){word}(?![\w'-])"
        for node in paragraphs[index].iter(f"{W}t"):
            if re.search(pattern, node.text or ""):
                node.text = re.sub(pattern, new, node.text, count=1)
                break
        expected[field_path] = re.sub(pattern, new, expected[field_path], count=1)
    from reportgen.review.absorb import Absorbed

    result = Absorbed("")
    values = _new_values(checked, document, base, names, result, house.word.code_font)
    assert result.reports == []
    changed = {p: v for p, v in expected.items() if v != dict(narrative_fields(checked.findings))[p]}
    assert values == changed
