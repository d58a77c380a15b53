"""Issue 12: `reportgen compare OLD NEW` — Word tracked changes at word granularity, ratings first, an HTML view."""

from __future__ import annotations

import io
import zipfile

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from reportgen.review.compare import compare, review_date, reviewer
from reportgen.review.redline import redline_docx
from reportgen.validate import check_file

from .variants import Variant, merton_changed

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def body(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return etree.fromstring(package.read("word/document.xml")).find(f"{W}body")


def revisions(element: etree._Element) -> list[etree._Element]:
    return [e for e in element.iter(f"{W}ins", f"{W}del") if e.getparent().tag != f"{W}rPr"]


def words_in(element: etree._Element, tag: str) -> list[str]:
    return ["".join(t.text or "" for t in e.iter(f"{W}t", f"{W}delText")) for e in element.iter(f"{W}{tag}")
            if e.getparent().tag != f"{W}rPr"]


def test_a_one_word_change_is_one_deletion_and_one_insertion_in_its_paragraph(compared) -> None:
    paragraphs = [p for p in body(compared.docx).iter(f"{W}p") if "statutory partnerships" in "".join(p.itertext())]
    assert len(paragraphs) == 1
    assert words_in(paragraphs[0], "del") == ["multidisciplinary"]
    assert words_in(paragraphs[0], "ins") == ["multi-disciplinary"]
    change = paragraphs[0].find(f".//{W}ins")
    assert change.get(f"{W}author") == "A. Editor" and change.get(f"{W}date") == review_date().strftime("%Y-%m-%dT%H:%M:%SZ")
    accepted = "".join(t.text for t in paragraphs[0].iter(f"{W}t"))
    assert "they are multi-disciplinary, to deal" in accepted  # accept all gives NEW's words


def test_a_changed_count_is_tracked_in_its_table_and_summarised_first(compared) -> None:
    assert compared.summary == (
        "2.2 Planning: rating Outstanding → Good",
        "2.2 Planning: key question 2.2.1 100% → 67%",
        "Score 30/36 → 29/36",
    )
    root = body(compared.docx)
    cells = [c for c in root.iter(f"{W}tc") if revisions(c)]
    assert ["9"] in [words_in(c, "del") for c in cells] and ["6"] in [words_in(c, "ins") for c in cells]
    texts = ["".join(p.itertext()) for p in root.iter(f"{W}p")]
    summary = texts.index("Changes from the earlier draft")
    assert summary < texts.index("Contents") and "2.2 Planning: rating Outstanding → Good" in texts[summary:summary + 5]
    # The summary is in both drafts, so it is not itself a change; every change is one word or number.
    assert all(len(words_in(e, e.tag.split("}")[1])) == 1 for e in revisions(root))
    assert compared.revisions == len(revisions(root)) == 10  # 2 for the one word, the rest in the tables (Merton's 2021 printing has no results annexe)


def test_the_sentences_the_change_made_wrong_are_listed_after_the_ratings(compared) -> None:
    """Issue 21 item 4: 2.2.1 falls from 9 to 6 of 9, so 2.2's summary now says what the figures do not."""
    planning, every_case = compared.wrong
    assert planning.startswith("standard 2.2, summary, line ")
    assert ("We rated the planning work for court disposals as 'Outstanding'.\", which says 'Outstanding'; now the computed "
            "rating of 2.2 Planning: Good — lowest key question 2.2.1 67%") in planning
    assert "'In every case, the planning to address desistance factors" in every_case
    assert every_case.endswith("which says 'In every case' for key question 2.2.1; now what 2.2.1's figures say: "
                               "'Yes' in 6 of 9 relevant cases (67%)")
    texts = ["".join(p.itertext()) for p in body(compared.docx).iter(f"{W}p")]
    summary = texts.index("Changes from the earlier draft")
    after = texts.index("Sentences the change made wrong (they still say what the figures no longer do):")
    assert summary < after < texts.index("Contents") and planning in texts[after + 1]


def test_identical_inputs_give_no_revisions(built) -> None:
    docx = built["merton"]["docx"]
    redlined, count, root, _ = redline_docx(docx, docx, "A. Editor", "2021-08-01T00:00:00Z")
    assert count == 0 and not revisions(root)
    assert body(redlined).findall(f".//{W}ins") == []


def test_the_html_view_marks_changes_in_words_not_colour_alone(compared) -> None:
    soup = BeautifulSoup(compared.html, "html.parser")
    assert soup.html["lang"] == "en-GB" and soup.find("main") and len(soup.find_all("h1")) == 1
    banner = soup.find(class_="draft-banner")  # marked as a draft, as the redline is (issue 22 item 7)
    assert banner and banner.find_parent("header") and " ".join(banner.get_text().split()).startswith("DRAFT – not for publication")
    assert [li.get_text() for li in soup.select("main ul:not(.wrong) li")] == list(compared.summary)
    assert [li.get_text() for li in soup.select("main ul.wrong li")] == list(compared.wrong)
    deleted = [d.get_text() for d in soup.find_all("del")]
    inserted = [i.get_text() for i in soup.find_all("ins")]
    assert "deleted: multidisciplinary" in deleted and "inserted: multi-disciplinary" in inserted
    assert "deleted: 9" in deleted and "inserted: 6" in inserted
    where = [h.get_text() for h in soup.select("section.change h3")]
    assert "Background" in where and any(w.startswith("2.2. Planning") and "table" in w for w in where)
    counts = next(s for s in soup.select("section.change") if "deleted: 9" in s.get_text())
    assert counts.h3.get_text().endswith(", column Number 'Yes'")  # issue 22: '~~9~~6' said which count it was
    assert counts.h3.get_text().startswith("2.2. Planning — table Key questions for 2.2 Planning, row 2 (Does planning")


def test_compare_command_writes_the_docx_and_html_and_prints_the_summary(tmp_path) -> None:
    from .test_cli import run_cli

    new = merton_changed(tmp_path)
    code, stdout, stderr = run_cli("compare", "findings/merton.yml", str(new), "--out", str(tmp_path / "out"),
                                   "--author", "A. Editor", "--date", "2026-11-30")
    assert code == 0, stderr
    assert stdout.splitlines()[:4] == ["2.2 Planning: rating Outstanding → Good",
                                       "2.2 Planning: key question 2.2.1 100% → 67%", "Score 30/36 → 29/36",
                                       "Sentences the change made wrong (2):"]
    assert stdout.splitlines()[4].startswith("  standard 2.2, summary, line ")
    folder = tmp_path / "out" / "merton-new-compare"
    docx = (folder / "merton-new-compare.docx").read_bytes()
    assert {e.get(f"{W}date") for e in revisions(body(docx))} == {"2026-11-30T00:00:00Z"}
    assert "multi-disciplinary" in (folder / "merton-new-compare.html").read_text(encoding="utf-8")
    code, _, stderr = run_cli("compare", "findings/merton.yml", str(tmp_path / "missing.yml"))
    assert code == 2 and "missing.yml" in stderr


def test_the_redline_is_marked_draft_and_its_changes_are_the_reviewers_today(compared, monkeypatch) -> None:
    """Issue 22: the changes were credited to NEW's lead inspector and dated its publication; the file was not marked."""
    with zipfile.ZipFile(io.BytesIO(compared.docx)) as package:
        headers = [package.read(n).decode() for n in package.namelist() if n.startswith("word/header")]
    assert headers and all("DRAFT – not for publication" in h and "PowerPlusWaterMarkObject" in h for h in headers)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("LOGNAME", "jo.editor")
    assert reviewer() == "jo.editor"  # the login from the environment (no account of that name to give a full name)
    today = __import__("datetime").date.today().isoformat()
    assert review_date().strftime("%Y-%m-%dT%H:%M:%SZ") == f"{today}T00:00:00Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # a reproducible build's date wins over today
    assert review_date().isoformat() == "2023-11-14T22:13:20+00:00"


def test_a_changed_footnote_is_in_the_html_view_after_the_paragraph_that_calls_it(checked, house, tmp_path, monkeypatch) -> None:
    """Issue 22: the Word file tracked footnote changes that the HTML view left out."""
    monkeypatch.setenv("LOGNAME", "jo.editor")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    new = check_file(Variant().replace('footnotes["crime-and-disorder-act"]', "set out", "laid down").write(tmp_path), house)
    result = compare(checked["merton"], new, "merton.yml", house)
    soup = BeautifulSoup(result.html, "html.parser")
    [change] = soup.select("section.change")
    assert change.h3.get_text() == "Background — footnote 1" and result.revisions == 2
    assert [d.get_text() for d in change.find_all("del")] == ["deleted: set out"]
    assert [i.get_text() for i in change.find_all("ins")] == ["inserted: laid down"]
    with zipfile.ZipFile(io.BytesIO(result.docx)) as package:
        notes = etree.fromstring(package.read("word/footnotes.xml"))
    assert {(e.get(f"{W}author"), e.get(f"{W}date")) for e in revisions(notes)} == {("jo.editor", "2023-11-14T22:13:20Z")}
    assert "compared with merton.yml by jo.editor, 2023-11-14" in result.html
