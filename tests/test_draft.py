"""Issue 12: drafts for editors — DRAFT marking, Word comments, and `notes:` printed only in drafts."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from reportgen.build import render
from reportgen.model import Note
from reportgen.validate import check_file

from .editing import MERTON, insert_after, line_of

NOTE = "Check the 2020 figure with the board minutes before publication."
EDITOR_NOTE = "Editor asked for a source here."


def merton_with_notes(folder: Path) -> Path:
    """Merton with a plain note on a standard and a note with author and field on a key question."""
    text = insert_after(line_of("  - id: \"1.1\"", "rating: Good"), f"        notes: [\"{NOTE}\"]\n")
    text = insert_after(line_of("  - id: \"1.1\"", '"1.1.2":', text=text),
                        f"            notes:\n              - text: {EDITOR_NOTE}\n                author: A. Editor\n"
                        "                field: narrative\n", text=text)
    path = folder / "merton.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def noted(tmp_path_factory):
    return check_file(merton_with_notes(tmp_path_factory.mktemp("notes")))


def test_notes_are_a_field_of_narrative_items(noted) -> None:
    standard = noted.findings.domains[0].standards[0]
    assert standard.notes == (NOTE,)
    assert standard.key_questions["1.1.2"].notes == (Note(text=EDITOR_NOTE, author="A. Editor", field="narrative"),)


def test_a_normal_build_never_prints_notes(noted) -> None:
    outputs = render(noted, ("md", "html", "docx"))
    for fmt in ("md", "html"):
        assert NOTE not in outputs[fmt].decode() and EDITOR_NOTE not in outputs[fmt].decode()
    with zipfile.ZipFile(io.BytesIO(outputs["docx"])) as package:
        parts = {name: package.read(name).decode() for name in package.namelist() if name.endswith(".xml")}
    assert "word/comments.xml" not in parts
    assert not any(NOTE in xml or EDITOR_NOTE in xml for xml in parts.values())
