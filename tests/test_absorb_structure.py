"""Issue 22 item 6: nothing an editor does in Word is lost — paragraphs and bullets added or deleted go into
the field or list they belong to, what cannot is counted, and a draft still fits findings whose file
changed in comments only, or was renamed; compare's Word file is absorbed as a draft is.

The bullet added and the one deleted, and a comment on an item, are also in tests/test_absorb.py's edits,
which tests/test_libreoffice_loop.py takes through LibreOffice.
"""

from __future__ import annotations

import shutil

import pytest
from lxml import etree

from reportgen.review.absorb import absorb
from reportgen.errors import ReportError

from .conftest import ROOT
from .editing import MERTON
from .test_absorb import W, new_paragraph_after
from .test_issue20_absorb_text import edited, paragraph
from .test_cli import run_cli

pytestmark = pytest.mark.slow  # Word drafts and compares written and absorbed: in `make test`, not the quick loop


def test_a_paragraph_added_in_a_text_and_a_bullet_at_the_head_of_a_list(drafted, house) -> None:
    """Enter at the end of a background paragraph, and before the first recommendation."""
    path, draft = drafted

    def change(document):
        new_paragraph_after(paragraph(document, "YOTs are statutory partnerships"), "- A paragraph the editor typed.")
        first = paragraph(document, "improve the analysis and use of data")
        added = new_paragraph_after(first, "agree a timetable for the work")
        first._p.addprevious(added._p)  # Enter at the start of the first item: the new one comes before it

    result = absorb(edited(draft, change), "edited.docx", path, house)
    assert result.reports == [] and (result.added, result.deleted) == (2, 0) and result.changed == ["background"]
    assert result.text == MERTON.replace(
        "this can vary.\n", "this can vary.\n\n  \\- A paragraph the editor typed.\n", 1).replace(
        '    recommendations:\n      - >-\n        improve the analysis',
        '    recommendations:\n      - >-\n        agree a timetable for the work\n      - >-\n        improve the analysis', 1)


def test_a_bullet_deleted_with_changes_tracked_is_taken_out_of_its_list(drafted, house) -> None:
    """Word, tracking changes, keeps the paragraph with its text in w:del and its mark deleted."""
    path, draft = drafted
    gone = "Staff morale has been affected by the proposed restructure and the timing of the current consultation process."

    def change(document):
        item = paragraph(document, gone)._p
        for run in item.findall(f"{W}r"):
            wrapper = etree.SubElement(item, f"{W}del", {f"{W}id": "901", f"{W}author": "Jo Editor"})
            run.addprevious(wrapper)
            wrapper.append(run)
            for text in run.findall(f"{W}t"):
                text.tag = f"{W}delText"
        etree.SubElement(etree.SubElement(item.find(f"{W}pPr"), f"{W}rPr"), f"{W}del", {f"{W}id": "902", f"{W}author": "Jo Editor"})

    result = absorb(edited(draft, change), "edited.docx", path, house)
    assert result.reports == [] and (result.added, result.deleted) == (0, 1)
    assert result.text == MERTON.replace(f"      - >-\n        {gone}\n", "", 1)


def test_text_added_where_it_belongs_to_no_field_is_counted_and_nothing_is_written(drafted, tmp_path, house) -> None:
    path, draft = drafted
    findings = tmp_path / "merton.yml"
    shutil.copy(path, findings)

    def change(document):
        heading = paragraph(document, "Contextual facts")
        new_paragraph_after(heading, "A heading the editor added")  # a heading's style: no findings field is a heading here
        replace = paragraph(document, "There is a clear vision")
        replace.runs[0].text = replace.runs[0].text.replace("clear vision", "clear, shared vision")

    docx_path = tmp_path / "edited.docx"
    docx_path.write_bytes(edited(draft, change))
    code, stdout, stderr = run_cli("absorb", str(docx_path), str(findings))
    assert code == 1 and findings.read_text(encoding="utf-8") == MERTON
    assert stderr.splitlines()[0] == (f"{docx_path}: text added in Word outside any findings field: 'A heading the editor "
                                      "added'; not absorbed (it follows no paragraph of the findings in its style; add it by hand)")
    assert stderr.splitlines()[-1].endswith("1 edit not absorbed (listed above). Take those by hand, or pass --partial to write the rest.")
    code, stdout, _ = run_cli("absorb", str(docx_path), str(findings), "--partial")
    assert code == 0 and "clear, shared vision" in findings.read_text(encoding="utf-8")


def test_a_comment_only_change_to_the_findings_does_not_make_the_draft_stale(drafted, tmp_path, house) -> None:
    """Staleness is judged on values: a YAML comment edited, a line re-wrapped, another quoting."""
    path, draft = drafted
    findings = tmp_path / "merton.yml"
    changed = MERTON.replace("# Findings of the inspection", "# Reviewed by the editor 1 May.\n# Findings of the inspection", 1)
    changed = changed.replace('  - addressee: "The Merton Youth Justice Service should:"',
                              "  - addressee: 'The Merton Youth Justice Service should:'", 1)
    assert changed.count("Reviewed by the editor") == 1 and changed.count("'The Merton Youth Justice Service should:'") == 1
    findings.write_text(changed, encoding="utf-8")

    def change(document):
        run = next(r for r in paragraph(document, "There is a clear vision").runs if "clear vision" in r.text)
        run.text = run.text.replace("clear vision", "clear, shared vision")

    result = absorb(edited(draft, change), "edited.docx", findings, house)
    assert result.reports == [] and result.text == changed.replace("clear vision", "clear, shared vision", 1)
    findings.write_text(changed.replace("multidisciplinary", "multi-disciplinary", 1), encoding="utf-8")  # a value
    with pytest.raises(ReportError, match="a draft of an earlier version of merton.yml"):
        absorb(edited(draft, change), "edited.docx", findings, house)


def test_a_renamed_copy_of_the_findings_is_taken_with_a_warning_another_report_is_refused(drafted, tmp_path, house) -> None:
    path, draft = drafted
    renamed = tmp_path / "merton-2021-final.yml"
    shutil.copy(path, renamed)
    docx_path = tmp_path / "edited.docx"
    docx_path.write_bytes(draft)
    code, stdout, stderr = run_cli("absorb", str(docx_path), str(renamed))
    assert code == 0, stderr
    assert stderr == (f"{docx_path}: the draft was made from merton.yml; its edits are taken into merton-2021-final.yml, "
                      "the findings of the same service and edition (Merton Youth Justice Service, youth-2018)\n")
    havering = tmp_path / "havering.yml"
    shutil.copy(ROOT / "findings" / "havering.yml", havering)
    code, _, stderr = run_cli("absorb", str(docx_path), str(havering))
    assert code == 1 and "found a draft of merton.yml (Merton Youth Justice Service, youth-2018), expected a draft of " \
                         "havering.yml (Havering Youth Justice Service, youth-2021)" in stderr


def test_a_compare_document_is_absorbed_as_a_draft_its_tracked_changes_accepted(checked, tmp_path, house) -> None:
    """An editor reviewing compare's Word file rejects one change and types another: both come back."""
    from reportgen.review.compare import compare
    from reportgen.review.drafting import findings_origin
    from reportgen.validate import check_file

    from .variants import merton_changed

    new_path = merton_changed(tmp_path)
    new = check_file(new_path, house)
    result = compare(checked["merton"], new, "merton.yml", house, author="A. Editor", origin=findings_origin(new_path, new))
    untouched = absorb(result.docx, "compare.docx", new_path, house)
    assert untouched.reports == [] and untouched.text == new_path.read_text(encoding="utf-8")  # the summary page is not the report's

    def review(document):
        item = paragraph(document, "YOTs are statutory partnerships")._p
        for inserted in item.findall(f"{W}ins"):  # reject 'multi-disciplinary': its insertion goes, the deletion comes back
            item.remove(inserted)
        for deleted in item.findall(f"{W}del"):
            for text in deleted.iter(f"{W}delText"):
                text.tag = f"{W}t"
            deleted.addprevious(deleted[0])
            item.remove(deleted)
        run = next(r for r in paragraph(document, "There is a clear vision").runs if "clear vision" in r.text)
        run.text = run.text.replace("clear vision", "clear, shared vision")

    taken = absorb(edited(result.docx, review), "compare.docx", new_path, house)
    assert taken.reports == [] and taken.changed == ["introduction.body", "background"]
    assert taken.text == new_path.read_text(encoding="utf-8").replace("multi-disciplinary", "multidisciplinary", 1).replace(
        "clear vision", "clear, shared vision", 1)
