"""Issues 13 and 23: `reportgen new` writes, for each edition, a file shaped like that edition's published
reports, in which nothing can pass for a finding: it checks with only TODO warnings, fails `--final`, builds
as a draft, and its preview reads as an outline to fill in."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reportgen.build import WRITERS, prepare
from reportgen.load import parse_yaml
from reportgen.house import Folders, load_house
from reportgen.validate import check_file

from .test_cli import run_cli, schema_errors

pytestmark = pytest.mark.slow  # every edition's scaffold checked and built: in `make test`, not the quick loop

HOUSE = load_house(Folders.given(environ={}))
EDITIONS = sorted(HOUSE.editions)
FINDINGS_VALUES = ("rating", "relevant", "yes", "cases", "percent", "published", "interviews", "meetings")


def new(tmp_path: Path, edition_id: str) -> tuple[Path, str, dict]:
    path = tmp_path / "draft" / "newtown.yml"
    code, _, stderr = run_cli("new", "Newtown Youth Justice Service", "--edition", edition_id, "--out", str(path))
    assert code == 0, stderr
    text = path.read_text(encoding="utf-8")
    return path, text, parse_yaml(text, str(path)).data  # reportgen's reader: `yes:` is a key, not YAML 1.1's true


def values(data, key: str, path=()):
    """(path, value) of every `key` anywhere in plain data."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k == key:
                yield (*path, k), v
            yield from values(v, key, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from values(v, key, (*path, i))


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_scaffold_checks_with_only_todo_warnings_and_fails_final(tmp_path: Path, edition_id: str) -> None:
    path, text, data = new(tmp_path, edition_id)
    edition = HOUSE.edition(edition_id)

    # every domain and standard of the edition, in its order, with its published wording as comments
    assert [d["id"] for d in data["domains"]] == [d.id for d in edition.domains]
    for domain, found in zip(edition.domains, data["domains"]):
        assert [s["id"] for s in found["standards"]] == [s.id for s in domain.standards]
        for standard in domain.standards:
            assert f"# {standard.id} {standard.name}" in text

    # nothing that could pass for a finding: every rating, count, sample, score and the date is TODO
    for key in FINDINGS_VALUES:
        for where, value in values(data, key):
            assert value == "TODO", (where, value)
    assert any(True for _ in values(data, "rating"))

    # the schema modeline names the edition's schema, written beside the file, which the scaffold satisfies
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={edition_id}.schema.json"
    schema = json.loads((path.parent / f"{edition_id}.schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads(run_cli("schema", "--edition", edition_id)[1])
    assert schema_errors(schema, schema, data) == []

    code, stdout, stderr = run_cli("check", str(path))
    assert code == 0, stderr
    assert "Newtown Youth Justice Service" in stdout and "Overall rating: TODO" in stdout.replace("No overall rating", "Overall rating: TODO")
    *warnings, closing = stderr.splitlines()
    assert closing == f"{path}: valid, {len(warnings)} warnings: not finished (check --final refuses them)"
    placeholders = [w for w in warnings if ": found TODO" in w]
    markers = [w for w in warnings if re.search(r": warning: [^:]*: found \d+ TODO markers? \(lines? ", w)]
    assert sorted(placeholders + markers) == sorted(warnings), "only TODO warnings"
    assert len([w for w in placeholders if ", rating: found TODO, expected the inspectors' rating: " in w]) == \
        sum(s.method == "judgement" for s in edition.standards())
    groups = [w.split(": warning: ")[1].split(": found")[0] for w in markers]
    assert len(groups) == len(set(groups))  # one marker line per group

    code, stdout, final = run_cli("check", "--final", str(path))
    assert code == 1 and stdout == ""
    assert final.splitlines() == [*(w.replace(": warning: ", ": error: ") for w in warnings),
                                  f"{len(warnings)} problems in {path}; not ready to publish"]


def test_each_edition_is_shaped_like_its_published_reports(tmp_path: Path) -> None:
    """What the seeds show each edition's reports carry: prompt counts only where prompt tables are printed."""
    shapes = {e: new(tmp_path / e, e)[2] for e in EDITIONS}
    printed_prompts = {"youth-2018", "youth-2018-rev2019", "invented-two-areas"}  # Merton's prompt tables; Havering prints % 'Yes' only
    for edition_id, data in shapes.items():
        prompts = list(values(data, "prompts"))
        assert bool(prompts) == (edition_id in printed_prompts), edition_id
    y2021 = {d["id"]: d for d in shapes["youth-2021"]["domains"]}
    assert [s["heading"] for s in y2021["1"]["sections"]] == ["Involvement of children and their parents or carers", "Diversity"]
    assert all(list(s) == ["id", "rating", "strengths", "areas_for_improvement"] for s in y2021["1"]["standards"])
    assert all(list(s) == ["id", "key_questions", "narrative"] for s in y2021["2"]["standards"])
    assert shapes["youth-2021"]["introduction"]["heading"] == "Foreword"
    y2018 = {d["id"]: d for d in shapes["youth-2018"]["domains"]}
    assert {"strengths", "areas_for_improvement"} <= set(y2018["1"]) and "contextual_facts" in shapes["youth-2018"]
    assert all(all("narrative" in kq for kq in s["key_questions"].values()) for s in y2018["1"]["standards"])
    assert y2018["1"]["standards"][1]["sections"][0]["heading"] == "Key staffing data"
    ji = shapes["ji-2007"]["domains"][0]["standards"][0]
    assert {"rating", "overview", "key_questions"} <= set(ji) and set(next(iter(ji["key_questions"].values()))) == {
        "narrative", "strengths", "areas_for_improvement"}
    fji = shapes["fji-2015"]["domains"][0]["standards"][0]
    assert {"rating", "percent", "overview", "key_findings", "explanation"} <= set(fji)
    assert "owner" in shapes["fji-2015"]["recommendations"][0]["recommendations"][0]


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_the_scaffold_builds_as_a_draft_and_previews_as_an_outline(tmp_path: Path, edition_id: str) -> None:
    path, _, _ = new(tmp_path, edition_id)
    checked = check_file(path, HOUSE)
    stages = prepare(checked, HOUSE)
    page = WRITERS["html"](stages).decode("utf-8")
    assert WRITERS["md"](stages) and WRITERS["docx"](stages)[:2] == b"PK"
    edition = checked.edition
    for standard in edition.standards():
        assert f"{standard.id}" in page
    ratings = checked.ratings  # what the preview's tables print: TODO, never a rating or a score a finding could be
    assert {r.final for r in ratings.standards} == {"TODO"} and {r.score for r in ratings.standards if r.scored} <= {"TODO"}
    assert ratings.overall == ("TODO" if edition.overall else None) and (ratings.score == "TODO" or not edition.overall)
    rated = re.findall(r'<p class="rating (rating-[a-z-]+)"', page)  # a standard's rating line, printed bare or after 'Rating:'
    assert set(rated) <= {"rating-todo"}
    assert len(rated) >= len(edition.standards()) or edition_id == "ji-2007"
    if edition.overall:
        assert re.search(r"Score\s+TODO/\d+", re.sub(r"<[^>]+>", " ", page))


@pytest.mark.slow
@pytest.mark.parametrize("edition_id", ["youth-2021", "ji-2007"])
def test_the_scaffold_builds_every_format_as_a_draft_in_a_real_process(tmp_path: Path, edition_id: str) -> None:
    from .test_cli import run_process

    path, _, _ = new(tmp_path, edition_id)
    code, _, stderr = run_process("build", "--draft", "--out", str(tmp_path / "out"), str(path))
    assert code == 0, stderr
    built = {p.name for p in (tmp_path / "out" / "newtown-draft").iterdir()}
    assert {"newtown-draft.pdf", "newtown-draft.docx", "newtown-draft.html", "newtown-draft.md"} <= built


def test_new_refuses_to_overwrite_and_names_the_editions(tmp_path: Path) -> None:
    path = tmp_path / "merton.yml"
    path.write_text("kept", encoding="utf-8")
    code, _, stderr = run_cli("new", "Merton Youth Justice Service", "-e", "youth-2021", "-o", str(path))
    assert code == 2 and "exists (use --force to replace it)" in " ".join(stderr.split())
    assert path.read_text(encoding="utf-8") == "kept"
    code, _, stderr = run_cli("new", "Merton Youth Justice Service", "-e", "youth-2012", "-o", str(path))
    assert code == 2  # a usage error; the listing of the editions installed is tests/test_help.py's
    assert stderr.startswith("--edition: error: found 'youth-2012', expected one of the editions installed (did you mean 'youth-2021'?):")
    assert [line.split()[0] for line in stderr.splitlines()[1:]] == EDITIONS  # every edition, derived, not hard-coded
    assert path.read_text(encoding="utf-8") == "kept"


FILLED = {"rating": "Good", "relevant": "10", "yes": "8", "cases": "12", "percent": "70", "published": "2026-11-28",
          "interviews": "9", "meetings": "7"}


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_filling_in_every_todo_makes_it_final(tmp_path: Path, edition_id: str) -> None:
    """What `--final` asks for is exactly the TODOs: write them and it passes; leave one rating and it names it."""
    path, text, _ = new(tmp_path, edition_id)
    text = re.sub(r"  # TODO[^\n]*", "", text)
    words = [r.name for r in HOUSE.edition(edition_id).scale]
    filled = {**FILLED, "rating": words[-2], "fieldwork": "May 2026"}
    text = re.sub(r"(?m)^([ \t-]*)(\w+): TODO[ \t]*(?:#.*)?$", lambda m: f"{m.group(1)}{m.group(2)}: {filled.get(m.group(2), 'Written')}", text)
    answered = iter(range(10**6))
    text = re.sub(r"\{relevant: TODO, yes: TODO\}", lambda m: f"{{relevant: 10, yes: {next(answered) % 11}}}", text)  # as cases differ
    text = re.sub(r"TODO ([^\n]*)", lambda m: "Written " + m.group(1).replace(":", " -").replace("#", ""), text)
    assert "TODO" not in text
    path.write_text(text, encoding="utf-8")
    code, stdout, stderr = run_cli("check", "--final", str(path))
    assert code == 0, stderr
    rating = next(m for m in re.finditer(rf"(?m)^(\s*)rating: {re.escape(words[-2])}$", text))
    path.write_text(text[: rating.start()] + rating.group(1) + "rating: TODO" + text[rating.end():], encoding="utf-8")
    code, _, stderr = run_cli("check", "--final", str(path))
    assert code == 1 and ", rating: found TODO, expected the inspectors' rating: " in stderr.splitlines()[0], stderr


def test_todo_counts_are_refused_on_their_own_terms_and_kept_out_of_a_programme(tmp_path: Path) -> None:
    """A key question's TODO counts are one line naming what is still to count (not a 'placeholder-shaped
    counts' guess), and a programme of published reports refuses a report still being written."""
    path, text, _ = new(tmp_path, "youth-2018")
    warnings = [str(w) for w in check_file(path, HOUSE).warnings]
    line = 1 + text.splitlines().index('          "2.1.1":') + 1  # its `relevant: TODO`
    assert f"{path}:{line}:23: warning: key question 2.1.1: found TODO for relevant, 'yes' and its 7 prompts, expected the " \
           "numbers of cases: relevant and 'yes' counted from the case sample" in warnings
    assert not [w for w in check_file(path, HOUSE).warnings if w.check == "figures"]
    folder = tmp_path / "published"
    folder.mkdir()
    (folder / "newtown.yml").write_text(text, encoding="utf-8")
    code, _, stderr = run_cli("programme", str(folder), "--out", str(tmp_path / "out"), "--format", "data")
    assert code == 1 and "found a report still being written (" in stderr and "expected a finished report" in stderr


def test_a_report_in_progress_is_not_held_to_figures_it_has_not_counted(tmp_path: Path) -> None:
    """Merton with one rating, one key question's counts and domain 2's sample put back to TODO: the narrative
    that states them is not contradicted by a TODO (that is the placeholder's line), and nothing crashes."""
    from .variants import Variant

    merton = Variant("merton").set('domains["1"].standards["1.1"].rating', "TODO").set('domains["2"].cases', "TODO")
    at = 'domains["2"].standards["2.1"].key_questions["2.1.1"]'
    checked = check_file(merton.set(f"{at}.relevant", "TODO").set(f"{at}.yes", "TODO").write(tmp_path), HOUSE)
    assert (checked.ratings.overall, checked.ratings.score) == ("TODO", "TODO")
    assert not [w for w in checked.warnings if w.check in ("statements", "figures")]
    assert {w.place for w in checked.warnings if w.check == "placeholder"} == {
        "standard 1.1, rating", "domain 2, cases", "key question 2.1.1"}
