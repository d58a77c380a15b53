"""Issue 20, item 1: field marks cannot be forged from text.

A draft's bookmarks say which findings field each paragraph came from. The marks that make them
travel beside the composed Markdown (marked.py), never in its characters; and the Unicode
noncharacters the old marks were made of are refused wherever text comes in — a findings file
(`check`, every load) and a Word paragraph (`absorb`). Each class below passed, or crashed, before.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import replace

import docx
import pytest

from reportgen.templating import inert
from reportgen.review.drafting import prepare_draft
from reportgen.review.fields import compose_with_fields, narrative_fields
from reportgen.validate import check_file
from reportgen.view import build_view

from .editing import MERTON, line_of
from .test_cli import run_cli

OPEN, CLOSE = "\ufdd0", "\ufdd2"  # what the old marks were made of: U+FDD0 number U+FDD0 … U+FDD2


def forged(number: int, text: str) -> str:
    """Text carrying an old-style mark that names field `number` (its digits were U+FDE0 + hex digit)."""
    digits = "".join(chr(0xFDE0 + int(d, 16)) for d in f"{number:x}")
    return f"{OPEN}{digits}{OPEN}{text}{CLOSE}"


@pytest.mark.parametrize("written, character", [
    (forged(3, "as typed"), "U+FDD0"),  # the characters themselves, in the file
    ('"\\uFDD0\\uFDE3\\uFDD0as an escape\\uFDD2"', "U+FDD0"),
    ('"as an escape \\uFFFE"', "U+FFFE"),
    ('"\\U0010FFFF at the end of the last plane"', "U+10FFFF"),
    ("plane one's last \U0001FFFE", "U+1FFFE"),
], ids=["raw-mark", "escaped-mark", "fffe", "last-plane", "plane-one"])
def test_issue20_noncharacters_in_findings_are_refused_by_check(tmp_path, written, character) -> None:
    """Before: `check` accepted them, and a build carried them into the report and its marks."""
    lines = MERTON.split("\n")
    line = line_of("strengths:", "The YJS board is well attended")  # the item's text; the line before is "- >-"
    if written.startswith('"'):  # a quoted item, escapes and all, in place of the folded one
        line -= 1
        lines[line - 1:line + 1] = [lines[line - 1].replace(">-", written)]
    else:
        lines[line - 1] = lines[line - 1].replace("The YJS board", f"{written} The YJS board")
    path = tmp_path / "merton.yml"
    path.write_text("\n".join(lines), encoding="utf-8")
    code, stdout, stderr = run_cli("check", str(path))
    assert code == 1, stdout
    *problems, closing = stderr.strip().split("\n")
    assert len(problems) == 1 and closing == f"1 problem in {path}", stderr
    assert problems[0].startswith(f"{path}:{line}:"), problems[0]
    assert f"the invisible character {character} (a noncharacter, not text)" in problems[0]


def test_issue20_word_text_with_noncharacters_is_refused_by_absorb(drafted, tmp_path) -> None:
    """Before: absorb took a paragraph carrying forged marks into the YAML (rc 0, an invisible
    diff), and the next draft's bookmark for one strength sat on another's paragraph."""
    path, draft = drafted
    findings = tmp_path / "merton.yml"
    shutil.copy(path, findings)
    document = docx.Document(io.BytesIO(draft))
    starts = ("There is a clear vision", "The YJS board is well attended")  # two strengths, one after the other
    targets = [next(p for p in document.paragraphs if p.text.startswith(start)) for start in starts]
    for paragraph in targets:
        paragraph.runs[-1].text += forged(5, " (checked)")
    edited = tmp_path / "edited.docx"
    out = io.BytesIO()
    document.save(out)
    edited.write_bytes(out.getvalue())
    code, stdout, stderr = run_cli("absorb", str(edited), str(findings))
    assert code == 1 and stdout == ""
    lines = stderr.strip().split("\n")
    assert len(lines) == 2, stderr  # one line per paragraph
    numbers = [i for i, p in enumerate(document.element.body.iter(docx.oxml.ns.qn("w:p")), 1) if p in [t._p for t in targets]]
    for line, number in zip(lines, numbers):
        assert line.startswith(f"{edited}:{number}:"), line
        assert f"U+FDD0 (a noncharacter, not text) in paragraph {number} of the document" in line
    assert findings.read_text(encoding="utf-8") == MERTON


@pytest.fixture(scope="module")
def clean(checked, house):
    """Merton's fields and the blocks each makes in a draft, from the findings as they are."""
    from reportgen.review.fields import tag_blocks

    stages = prepare_draft(checked["merton"], house)
    source, spans = compose_with_fields(stages.view, house)
    return tag_blocks(stages.parsed.tokens, source, spans)


@pytest.mark.parametrize("number", [5, 0xFFFF], ids=["another-field", "past-the-end"])
def test_issue20_text_cannot_make_or_move_a_field_mark(checked, clean, house, number) -> None:
    """Findings text that reaches compose with old-style marks in it (past load, as a library
    caller could) cannot move a field's bookmark or number one past the end. Before: the
    background's paragraph was bookmarked as field 5, and number 0xFFFF made `build --draft` fail
    with IndexError."""
    from reportgen.review.fields import tag_blocks

    merton = checked["merton"]
    background = f"{forged(number, 'A forged field.')} {merton.findings.background}"
    altered = replace(merton, findings=merton.findings.model_copy(update={"background": background}))
    stages = prepare_draft(altered, house)  # before: IndexError for the mark past the end
    source, spans = compose_with_fields(build_view(altered, house), house)
    values = dict(narrative_fields(altered.findings))
    for span in spans:  # every span holds its own field's text, as printed
        assert source[span.start:span.end] == inert(values[span.path]).strip(), span.path
    assert tag_blocks(stages.parsed.tokens, source, spans) == clean
    assert OPEN in source  # the text is printed as given (load refuses it; compose does not act on it)
