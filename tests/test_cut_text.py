"""Issue 21 item 5: a `#` in an unquoted text value cuts it (YAML's comment rule); check says where and how to keep it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.errors import ReportError
from reportgen.house import Folders, load_house
from reportgen.validate import check_file

from .editing import MERTON, ROOT, edit, line_of
from .test_cli import run_cli

HOUSE = load_house(Folders.given(environ={}))

HAVERING = (ROOT / "findings" / "havering.yml").read_text(encoding="utf-8")
STRENGTH = "Case managers and partnership staff work well together."  # a plain (unquoted) list item in Havering


def cut(tmp_path: Path, old: str, new: str, *steps: str, text: str = MERTON) -> tuple[Path, int]:
    line = line_of(*steps, text=text)
    path = tmp_path / ("merton.yml" if text is MERTON else "havering.yml")
    path.write_text(edit(line, old, new, text), encoding="utf-8")
    return path, line


def test_a_hash_in_prose_is_a_warning_naming_the_line_and_the_fix(tmp_path: Path) -> None:
    path, line = cut(tmp_path, "work well together.", "work well together, #1 priority for the board.", STRENGTH, text=HAVERING)
    checked = check_file(path, HOUSE)
    [warning] = [w for w in checked.warnings if w.check == "cut-text"]
    original = HAVERING.splitlines()[line - 1]
    assert (warning.line, warning.column) == (line, original.index("work well together.") + len("work well together, ") + 1)
    assert warning.field == "domains[0].standards[1].strengths[0]"
    assert "'#1 priority for the board.'" in warning.found and "work well together,'" in warning.found
    assert "quotes" in warning.expected and "start it on the line after a '|'" in warning.expected
    # the model really holds the cut text: this is what every format would print
    assert checked.findings.domains[0].standards[1].strengths[0].endswith("work well together,")
    with pytest.raises(ReportError) as final:
        check_file(path, HOUSE, final=True)
    assert any(p.check == "cut-text" and p.severity == "error" for p in final.value.problems)


def test_quoted_or_block_text_keeps_its_hash_and_is_not_flagged(tmp_path: Path) -> None:
    line = line_of(STRENGTH, text=HAVERING)
    original = HAVERING.splitlines()[line - 1]
    item = original.split("- ", 1)[1]
    for kept in (f'"{item} #1 priority."', f"'{item} #1 priority.'", f"|-\n            {item} #1 priority."):
        path = tmp_path / "havering.yml"
        path.write_text(HAVERING.replace(original, original.split("- ", 1)[0] + "- " + kept, 1), encoding="utf-8")
        checked = check_file(path, HOUSE)
        assert not [w for w in checked.warnings if w.check == "cut-text"], kept
        assert checked.findings.domains[0].standards[1].strengths[0].endswith("#1 priority."), kept


def test_a_comment_after_a_short_value_is_the_usual_yaml_idiom(tmp_path: Path) -> None:
    path, _ = cut(tmp_path, "rating: Good", "rating: Good  # agreed by the panel", '- id: "1.1"', "rating: Good")
    assert not [w for w in check_file(path, HOUSE).warnings if w.check == "cut-text"]
    path, line = cut(tmp_path, "rating: Good", "rating: Good #1 in London", '- id: "1.1"', "rating: Good")
    [warning] = [w for w in check_file(path, HOUSE).warnings if w.check == "cut-text"]
    assert warning.line == line and warning.field == "domains[0].standards[0].rating"


def test_counts_per_report(tmp_path: Path) -> None:
    path, _ = cut(tmp_path, "work well together.", "work well together, #1 priority for the board.", STRENGTH, text=HAVERING)
    code, stdout, _ = run_cli("check", "--counts", str(path), str(ROOT / "findings" / "merton.yml"))
    assert code == 0
    havering, merton = stdout.splitlines()
    assert havering.startswith(f"{path}: cut-text 1 · ") and merton.startswith(f"{ROOT / 'findings' / 'merton.yml'}: cut-text 0 · ")


def test_in_a_draft_the_warning_is_a_comment_on_its_own_paragraph(tmp_path: Path) -> None:
    from reportgen.review.drafting import prepare_draft

    path, _ = cut(tmp_path, "work well together.", "work well together, #1 priority for the board.", STRENGTH, text=HAVERING)
    tokens = prepare_draft(check_file(path, HOUSE), HOUSE).parsed.tokens
    [at] = [i for i, t in enumerate(tokens) if t.type == "comment" and "#1 priority" in t.meta["text"]]
    anchored = next(t for t in reversed(tokens[:at]) if t.type == "inline")
    assert anchored.content.endswith("work well together,")  # the strength itself, not the standard's heading
