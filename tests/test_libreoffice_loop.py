"""Issue 12 through a real word processor: LibreOffice (headless) keeps compare's tracked changes, and a
draft edited in Word survives a LibreOffice round trip (docx → odt → docx) with its field marks, so
absorb still takes the edits back exactly. Two LibreOffice launches in all, both in one fixture.
"""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest

from reportgen.review.absorb import absorb

from .test_absorb import edited_in_python_docx, expected_yaml

pytestmark = pytest.mark.office  # two LibreOffice launches


def soffice(profile, target: str, folder, *files) -> None:
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(folder), *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr, result.stdout + result.stderr


@pytest.fixture(scope="module")
def through_libreoffice(compared, drafted, tmp_path_factory):
    """compare's .docx and an edited draft converted to .odt in one launch; the draft back to .docx in another."""
    folder = tmp_path_factory.mktemp("libreoffice")
    compare_docx, edited_docx = folder / "compare.docx", folder / "edited.docx"
    compare_docx.write_bytes(compared.docx)
    edited_docx.write_bytes(edited_in_python_docx(drafted[1]))
    soffice(folder / "profile", "odt", folder / "odt", compare_docx, edited_docx)
    soffice(folder / "profile", "docx:MS Word 2007 XML", folder / "docx", folder / "odt" / "edited.odt")
    return folder


def test_libreoffice_keeps_compares_tracked_changes(through_libreoffice) -> None:
    with zipfile.ZipFile(through_libreoffice / "odt" / "compare.odt") as package:
        content = package.read("content.xml").decode("utf-8")
    regions = re.findall(r"<text:changed-region .*?</text:changed-region>", content, flags=re.S)
    deletions = ["".join(re.findall(r">([^<]+)<", r)) for r in regions if "<text:deletion>" in r]
    assert any("multidisciplinary" in d and "A. Editor" in d for d in deletions)
    assert any(d.endswith("9") for d in deletions)  # the count in the prompt table
    assert len(regions) == compared_revisions(through_libreoffice)
    body = re.sub(r"<text:tracked-changes>.*?</text:tracked-changes>", "", content, flags=re.S)
    assert "multi-disciplinary" in re.sub(r"<[^>]+>", "", body)  # NEW's word is in the text, marked inserted


def compared_revisions(folder) -> int:
    with zipfile.ZipFile(folder / "compare.docx") as package:
        xml = package.read("word/document.xml").decode("utf-8")
    return len(re.findall(r"<w:(?:ins|del) w:id=", xml))


def test_a_draft_round_tripped_through_libreoffice_absorbs_exactly(through_libreoffice, drafted, house) -> None:
    path, _ = drafted
    round_tripped = (through_libreoffice / "docx" / "edited.docx").read_bytes()
    with zipfile.ZipFile(through_libreoffice / "docx" / "edited.docx") as package:
        assert "_rg" in package.read("word/document.xml").decode("utf-8")  # LibreOffice wrote its own package
        assert "LibreOffice" in package.read("docProps/app.xml").decode("utf-8")
    result = absorb(round_tripped, "edited.docx", path, house)
    assert result.text == expected_yaml()
    assert result.changed == ["background", "domains.0.strengths.1", "footnotes.crime-and-disorder-act"]
    assert (result.added, result.deleted, result.notes) == (1, 1, 2)  # a bullet added and one deleted, two comments
    assert result.reports == ["table Ratings was edited in Word; its numbers and "
                              "words come from the findings and the framework, not absorbed"]
