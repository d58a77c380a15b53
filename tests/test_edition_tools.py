"""Issue 24 item 5: an Inspectorate author's tools for edition files — `reportgen edition check FILE`
(one line per problem, file:line:column, as `check` gives a findings file's) and `reportgen edition
diff A B` (what a revision changes, in words)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_cli import run_cli

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<place>[^:]+): found (?P<found>.+), expected (?P<expected>.+)$")

BROKEN = '''\
id: "broken-revision"
name: "A revision with slips"
extends: "youth-2018"
printing:
  order: [cover, contents, ratings, ratings, chapters]
  rating_lable: ""
case_bands:
  - {minimum: 10, rating: "Inadequate"}
  - {minimum: 50, rating: "Requires improvement"}
  - {minimum: 40, rating: "Good"}
  - {minimum: 80, rating: "Outstandin"}
domains:
  - id: "2"
    standards:
      - id: "2.1"
        key_questions:
          - id: "2.1.9"
            text: "A typo for 2.1.1?"
boilerplate:
  rating_footnote: "See {{ annex.methodology } for more.[^nowhere]"
'''


def problems(stderr: str) -> list[dict]:
    return [m.groupdict() for m in map(LINE.match, stderr.splitlines()) if m]


@pytest.mark.parametrize("edition", sorted(p.stem for p in (ROOT / "frameworks").glob("*.yml")))
def test_every_shipped_edition_is_sound(edition: str) -> None:
    code, _, stderr = run_cli("edition", "check", str(ROOT / "frameworks" / f"{edition}.yml"))
    assert code == 0, stderr
    assert f"{edition} is sound:" in stderr and not problems(stderr)


def test_edition_check_catches_a_broken_edition_file_one_line_per_problem(tmp_path: Path) -> None:
    path = tmp_path / "broken-rev.yml"
    path.write_text(BROKEN, encoding="utf-8")
    code, _, stderr = run_cli("edition", "check", str(path))
    assert code == 1
    found = problems(stderr)
    lines = [l for l in stderr.splitlines() if l.strip()]
    assert len(found) == len(lines) - 1 and lines[-1] == f"9 problems (8 errors, 1 warning) in {path}"
    assert all(p["file"] == str(path) for p in found)
    said = {(int(p["line"]), p["severity"]): p for p in found}
    assert "the file's name" in said[(1, "error")]["expected"]  # id: broken-revision in broken-rev.yml
    assert said[(5, "error")]["expected"] == "each at most once; ratings is listed more than once"
    assert "(did you mean 'rating_label'?)" in said[(6, "error")]["expected"]
    assert said[(8, "error")]["found"] == "10" and said[(8, "error")]["place"] == "case_bands, item 1, minimum"
    assert said[(10, "error")]["expected"] == "more than 50: bands rise, lowest first"
    assert "(did you mean 'Outstanding'?)" in said[(11, "error")]["expected"]
    assert "2.1.9" in said[(17, "warning")]["found"] and "youth-2018" in said[(17, "warning")]["found"]
    wording = [p for p in found if int(p["line"]) == 20]
    assert {p["found"].split(" (")[0][:11] for p in wording} == {"the wording", "a reference"}  # syntax, and [^nowhere]
    # in file order, with columns: each line points at the value
    assert [int(p["line"]) for p in found] == sorted(int(p["line"]) for p in found)
    assert all(int(p["column"]) >= 1 for p in found)


def test_a_slip_in_the_edition_a_revision_extends_is_reported_in_that_file(tmp_path: Path) -> None:
    base = (ROOT / "frameworks" / "youth-2018.yml").read_text(encoding="utf-8")
    (tmp_path / "base-ed.yml").write_text(base.replace('id: "youth-2018"', 'id: "base-ed"').replace(
        '    method: "judgement"\n', '    method: "judgment"\n', 1), encoding="utf-8")
    (tmp_path / "rev-ed.yml").write_text('id: "rev-ed"\nname: "R"\nextends: "base-ed"\ntemplate: "youth-2018"\n', encoding="utf-8")
    code, _, stderr = run_cli("edition", "check", str(tmp_path / "rev-ed.yml"))
    assert code == 1
    [problem] = problems(stderr)
    assert problem["file"] == str(tmp_path / "base-ed.yml") and problem["found"] == "'judgment'"
    line = base.splitlines().index('        method: "judgement"') + 1
    assert int(problem["line"]) == line


def test_edition_diff_says_what_the_2019_revision_changes() -> None:
    code, out, stderr = run_cli("edition", "diff", "youth-2018", "youth-2018-rev2019")
    assert code == 0, stderr
    said = out.splitlines()
    assert said[0] == "youth-2018-rev2019 against youth-2018:"
    for line in ("  - the overall findings now come after the introduction",
                 "  - the report adds a back cover, after the closing notes",
                 "  - the heading background reads 'Introduction' (was 'Background')",
                 "  - annexes are called 'Annex 1', 'Annex 2' … (was 'Annexe 1')",
                 "  - a standard's chapter leaves out the key-question table",
                 "  - a rating the panel moved is marked by an asterisk alone in the ratings table",
                 "Rating rules: the same.", "Structure: the same.",
                 "  - wording block 'back_cover' is added: '{{ publisher_address }}'"):
        assert line in said, line
    assert any(l.startswith("  - 'child's' → 'child or young person's', in 22 places: 2.1.1, 2.1.1 prompt a,") for l in said)
    assert any(l.startswith("  - 1.4.2: adds 'young people and'") for l in said)
    assert any("the opening chapter ('Introduction') holds the role of the Inspectorate, the note on the standards, the background" in l
               for l in said)
    # and the other way round, and between editions of a different shape
    code, out, _ = run_cli("edition", "diff", "youth-2018", "youth-2021")
    assert code == 0 and "standard 3.4 is rated by judgement (was rated from the case sample)" in out
    assert "standard 4.1 Resettlement policy and provision is added (rated by judgement)" in out


def test_edition_diff_of_an_edition_with_itself_says_nothing_changes() -> None:
    code, out, _ = run_cli("edition", "diff", "ji-2007", str(ROOT / "frameworks" / "ji-2007.yml"))
    assert code == 0
    assert [l for l in out.splitlines()[1:] if not l.endswith("the same.")] == []


def test_edition_diff_refuses_an_edition_with_errors(tmp_path: Path) -> None:
    path = tmp_path / "broken-rev.yml"
    path.write_text(BROKEN, encoding="utf-8")
    code, out, stderr = run_cli("edition", "diff", "youth-2018", str(path))
    assert code == 1 and out == ""
    assert f"`reportgen edition check {path}` lists them" in stderr


def _shown(heading: str) -> list[str]:
    """The lines of the first text block under `heading` in docs/editions.md."""
    page = (ROOT / "docs" / "editions.md").read_text(encoding="utf-8")
    after = page[page.index(heading):]
    return after[after.index("```text\n") + 8:].split("\n```", 1)[0].splitlines()


SLIPS = [  # the five slips docs/editions.md makes in a copy of the invented edition: (as shipped, as slipped)
    ('id: "invented-two-areas"', 'id: "my-edition"\ntemplate: "invented-two-areas"'),
    ('  - {minimum: 65, rating: "Good"}', '  - {minimum: 45, rating: "Good"}'),  # a band below the one before
    ('    - {minimum: 6, rating: "Outstanding"}', '    - {minimum: 7, rating: "Outstanding"}'),  # out of the areas' reach
    ('        method: "cases"\n        key_questions:\n          - {id: "2.2.1"',
     '        method: "case"\n        key_questions:\n          - {id: "2.2.1"'),  # not a method
    ('      - id: "3.1"', '      - id: "2.2"'),  # a standard's id twice
    ("See {{ annex.methodology }}.", "See {{ annex.methodology }."),  # wording that will not compile
]


def test_a_broken_whole_edition_gives_one_line_per_slip_as_its_guide_shows(tmp_path: Path, monkeypatch) -> None:
    """Five kinds of slip in a whole edition (not a revision): each on its own line at its file:line:column,
    word for word what docs/editions.md shows the author."""
    text = (ROOT / "frameworks" / "invented-two-areas.yml").read_text(encoding="utf-8")
    for shipped, slipped in SLIPS:
        assert text.count(shipped) == 1, shipped
        text = text.replace(shipped, slipped)
    (tmp_path / "my-edition.yml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run_cli("edition", "check", "my-edition.yml")
    assert code == 1
    assert stderr.splitlines() == _shown("### What `edition check` says of slips")
    lines = text.splitlines()
    for problem in problems(stderr):  # each line points at the slipped value
        at = lines[int(problem["line"]) - 1][int(problem["column"]) - 1:]
        assert at.startswith(("45", "7", '"case"', '"2.2"', ">-")), (problem, at)
    assert len(problems(stderr)) == 5


def test_the_guides_diff_of_the_2019_revision_is_what_edition_diff_says() -> None:
    code, out, _ = run_cli("edition", "diff", "youth-2018", "youth-2018-rev2019")
    assert code == 0
    said = out.splitlines()
    for line in _shown("### What `edition diff` says of a revision"):
        assert any(l.startswith(line.removesuffix("…").rstrip(", ")) for l in said), line
