"""Edition revisions (issue 11): a framework file may extend another and override its wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.editions import overlay, resolve
from reportgen.errors import ReportError
from reportgen.house import SHIPPED_EDITIONS as FRAMEWORKS
from reportgen.model import Edition


def test_overlay_merges_mappings_and_items_by_id() -> None:
    base = {"name": "A", "domains": [{"id": "1", "name": "One", "standards": [{"id": "1.1", "statement": "old", "method": "judgement"}]},
                                     {"id": "2", "name": "Two"}]}
    over = {"name": "B", "domains": [{"id": "1", "standards": [{"id": "1.1", "statement": "new"}]}]}
    merged = overlay(base, over)
    assert merged["name"] == "B"
    assert merged["domains"][0] == {"id": "1", "name": "One", "standards": [{"id": "1.1", "statement": "new", "method": "judgement"}]}
    assert merged["domains"][1] == {"id": "2", "name": "Two"}
    assert base["domains"][0]["standards"][0]["statement"] == "old"  # the base is not changed
    assert overlay([1, 2], [3]) == [3]  # plain lists are replaced
    assert overlay([{"id": "a", "t": 1}], [{"id": "b", "t": 2}]) == [{"id": "a", "t": 1}, {"id": "b", "t": 2}]


def test_revision_2019_rewords_only_what_changed(house) -> None:
    base = house.edition("youth-2018")
    revised = house.edition("youth-2018-rev2019")
    assert (revised.extends, revised.template) == ("youth-2018", "youth-2018")
    assert [s.id for s in revised.standards()] == [s.id for s in base.standards()]
    assert (revised.scale, revised.case_bands, revised.overall) == (base.scale, base.case_bands, base.overall)
    # the 2019 printing's own wording (its notice, its results annex) is laid over the 2021 printing's; the rest is kept
    kept = {k: v for k, v in base.boilerplate.items() if k not in ("rating_footnote", "publication")}
    assert kept.items() <= revised.boilerplate.items()
    assert set(revised.boilerplate) - set(base.boilerplate) == {"standards", "results_opening_2019", "back_cover"}
    assessment = next(s for s in revised.standards() if s.id == "2.1")
    assert "the child or young person and their parents/carers" in assessment.statement
    assert "all children and young people" in revised.standards()[0].statement
    first_prompt = assessment.key_questions[0].prompts[0].text
    assert "the child or young person's attitudes" in first_prompt
    # nothing of the 2021 wording is left where the revision changed it
    texts = [s.statement for s in revised.standards()] + [k.text for s in revised.standards() for k in s.key_questions]
    assert not any("parents and carers" in t for t in texts)


def _write(folder: Path, name: str, text: str) -> None:
    (folder / f"{name}.yml").write_text(text, encoding="utf-8")


def test_revision_errors_name_the_file_and_field(tmp_path: Path) -> None:
    _write(tmp_path, "loop-a", "id: loop-a\nname: A\nextends: loop-b\n")
    _write(tmp_path, "loop-b", "id: loop-b\nname: B\nextends: loop-a\n")
    _write(tmp_path, "orphan", "id: orphan\nname: O\nextends: nowhere\n")
    with pytest.raises(ReportError) as cycle:
        resolve(tmp_path, "loop-a", str)
    assert cycle.value.problems[0].field == "extends"
    with pytest.raises(ReportError) as orphan:
        resolve(tmp_path, "orphan", str)
    problem = orphan.value.problems[0]
    assert (problem.line, problem.field, problem.found) == (3, "extends", "'nowhere'")
    assert "loop-a" in problem.expected


def test_template_is_inherited_through_extends(tmp_path: Path) -> None:
    for name in ("youth-2018", "youth-2018-rev2019"):
        _write(tmp_path, name, (FRAMEWORKS / f"{name}.yml").read_text(encoding="utf-8"))
    _write(tmp_path, "rev-of-rev", "id: rev-of-rev\nname: R\nextends: youth-2018-rev2019\n")
    edition = Edition.model_validate(resolve(tmp_path, "rev-of-rev", str).data)
    assert (edition.id, edition.template) == ("rev-of-rev", "youth-2018")
    assert "the child or young person" in edition.standards()[4].statement
