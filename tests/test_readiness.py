"""Issue 13: is a draft ready to publish? Warnings in `check` and `build`, errors with `--final`."""

from __future__ import annotations

from pathlib import Path

from reportgen.load import parse_yaml
from reportgen.readiness import draft_notes

from .editing import ROOT, edit, insert_after, line_of
from .test_cli import run_cli
from .variants import Variant


def test_the_published_reports_are_final(checked) -> None:
    for name, report in checked.items():
        assert report.warnings == (), name
    code, _, stderr = run_cli("check", "--final", str(ROOT / "findings"))
    assert code == 0, stderr


def draft(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """Merton with a TODO in a value and one in a comment (same standard), a TBC and an empty background."""
    text = (Variant().replace('domains["1"].standards["1.1"].key_questions["1.1.2"].narrative', "There were also",
                              "TODO: check this. There were also")
            .set("background", "").text())
    # comments are text, not values: typed in as an inspector would
    kq = line_of('- id: "1.1"', "narrative: |", text=text)
    text = insert_after(kq - 1, "            # TODO ask the board chair about attendance\n", text)
    text = edit(line_of("lead_inspector:", text=text), "lead_inspector: ", "lead_inspector: TBC # ", text)
    path = tmp_path / "merton.yml"
    path.write_text(text, encoding="utf-8")
    return path, {
        "todo": line_of('- id: "1.1"', "# TODO", text=text),
        "tbc": line_of("lead_inspector:", text=text),
        "background": line_of("background:", text=text),
    }


def test_check_warns_on_a_draft_and_final_refuses_it(tmp_path: Path) -> None:
    path, lines = draft(tmp_path)
    code, stdout, stderr = run_cli("check", str(path))
    assert code == 0, stderr
    assert "Score 30/36" in stdout
    *warnings, closing = stderr.splitlines()
    assert all(": warning: " in line for line in warnings), warnings
    assert closing == f"{path}: valid, {len(warnings)} warnings: not finished (check --final refuses them)"
    # both TODOs sit in standard 1.1: one warning for the group, at the first marker, listing both lines
    todo = [w for w in warnings if "TODO" in w]
    assert len(todo) == 1, todo
    assert todo[0].startswith(f"{path}:{lines['todo']}:1: warning: standard 1.1: found 2 TODO markers (lines {lines['todo']}, ")
    assert any(w.startswith(f"{path}:{lines['tbc']}:") and "placeholder 'TBC'" in w for w in warnings), warnings
    assert any(w.startswith(f"{path}:{lines['background']}:") and "background: found empty text" in w for w in warnings), warnings

    code, stdout, final = run_cli("check", "--final", str(path))
    assert code == 1
    assert stdout == ""
    assert final.splitlines() == [*(w.replace(": warning: ", ": error: ") for w in warnings),
                                  f"{len(warnings)} problems in {path}; not ready to publish"]


def test_judged_standard_without_strengths_or_areas(tmp_path: Path) -> None:
    standard = 'domains["1"].standards["1.2"]'
    path = Variant("havering").set(f"{standard}.strengths", []).set(f"{standard}.areas_for_improvement", []).write(tmp_path)
    code, _, stderr = run_cli("check", "--final", str(path))
    assert code == 1
    *lines, closing = stderr.splitlines()
    problems = [p for p in lines if "that allows nothing" not in p]
    stale = [p for p in lines if "that allows nothing" in p]  # the judged long sentence went with the list (issue 25)
    assert len(stale) == 1 and "When staff are covering vacant positions" in stale[0]
    assert len(problems) == 3, problems  # havering's 1.2 has no other text: its chapter would be empty too
    assert closing == f"4 problems in {path}; not ready to publish"
    assert "error: standard 1.2: found no strengths for judged standard 1.2, expected 'strengths' on the standard or its domain" in problems[0]
    assert "found no areas for improvement for judged standard 1.2" in problems[1]
    assert "found no narrative for standard 1.2" in problems[2]


def test_standard_with_no_narrative(tmp_path: Path) -> None:
    standard = 'domains["2"].standards["2.1"]'
    merton = Variant().delete(f"{standard}.narrative").delete(f"{standard}.summary")
    path = merton.write(tmp_path)
    code, _, stderr = run_cli("check", str(path))
    assert code == 0
    line, column = merton.place(standard)
    assert stderr.splitlines() == [
        f"{path}:{line}:{column}: warning: standard 2.1: found no narrative for "
        "standard 2.1, expected the inspectors' findings on it (narrative, summary or key question text)",
        f"{path}: valid, 1 warning: not finished (check --final refuses them)",
    ]


def test_editors_notes_are_not_final() -> None:
    source = parse_yaml("domains:\n  - id: '1'\n    notes:\n      - ask the chair\n", "draft.yml")
    (problem,) = draft_notes(source)
    assert str(problem) == "draft.yml:3:5: warning: domain 1, notes: found an editor's note still in the draft, expected no notes in a final report"


def test_build_prints_the_warnings_check_prints_and_final_writes_nothing(tmp_path: Path) -> None:
    path, _ = draft(tmp_path)
    _, _, checked = run_cli("check", str(path))
    out = tmp_path / "out"
    code, _, stderr = run_cli("build", "--format", "md", "--out", str(out), str(path))
    assert code == 0, stderr
    assert [line for line in stderr.splitlines() if ": warning: " in line] == checked.splitlines()[:-1]
    assert (out / "merton" / "merton.md").exists()

    final_out = tmp_path / "final"
    code, _, stderr = run_cli("build", "--final", "--format", "md", "--out", str(final_out), str(path))
    assert code == 1
    *problems, closing = stderr.splitlines()
    assert problems == checked.replace(": warning: ", ": error: ").splitlines()[:-1]
    assert closing == f"{len(problems)} problems; nothing built (the report is not ready to publish)"
    assert not final_out.exists()
