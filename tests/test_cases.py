"""Issue 21 item 1: case records in, the report's figures computed (reportgen cases template | import | show)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from reportgen.cases.samples import samples
from reportgen.cases.workbook import template
from reportgen.house import Folders, load_house
from reportgen.validate import check_file

from .cases_records import placeholder_copy, published_rows, reference
from .test_cli import run_cli
from .variants import Variant

pytestmark = pytest.mark.slow  # every edition's case workbook filled, imported and checked: in `make test`, not the quick loop

HOUSE = load_house(Folders.given(environ={}))

ROOT = Path(__file__).resolve().parent.parent
# every edition with a case sample, and a report of it whose figures the records must give back
REPORTS = {"youth-2018": "merton", "youth-2021": "havering", "youth-2018-rev2019": "examples/youth-2018-example",
           "invented-two-areas": "examples/invented-two-areas-example"}


def test_every_edition_with_a_case_sample_has_a_report_here() -> None:
    from reportgen.house import SHIPPED_EDITIONS

    with_samples = {path.stem for path in SHIPPED_EDITIONS.glob("*.yml") if samples(HOUSE.edition(path.stem))}
    assert with_samples == set(REPORTS)


@pytest.mark.parametrize("edition_id", sorted(REPORTS))
def test_the_template_is_a_sheet_per_sample_with_notes_validation_and_a_frozen_header(edition_id: str, tmp_path: Path) -> None:
    out = tmp_path / "cases.xlsx"
    code, _, stderr = run_cli("cases", "template", "--edition", edition_id, "--out", str(out))
    assert code == 0, stderr
    edition = HOUSE.edition(edition_id)
    book = load_workbook(out)
    found = samples(edition)
    assert book.sheetnames == [s.sheet for s in found] == [f"{s.id} {s.name}" for s in found]
    for sample in found:
        sheet = book[sample.sheet]
        header = [c.value for c in sheet[1]]
        kqs = [kq for s in edition.standards() if s.method == "cases" and s.id.split(".")[0] == sample.id for kq in s.key_questions]
        assert header == ["case"] + [i for kq in kqs for i in (kq.id, *(f"{kq.id}.{p.id}" for p in kq.prompts))]
        first = sheet.cell(row=1, column=2)
        assert first.comment.text == f"{kqs[0].id} {' '.join(kqs[0].text.split())}"
        if kqs[0].prompts:  # the invented edition's victims' sample has key questions without prompts
            assert sheet.cell(row=1, column=3).comment.text.startswith(f"{kqs[0].id}.a ")
        assert sheet.freeze_panes == "B2"
        [rule] = sheet.data_validations.dataValidation
        assert (rule.type, rule.formula1, rule.showErrorMessage) == ("list", '"Yes,No,N/A"', True)
        assert str(rule.sqref) == f"B2:{sheet.cell(row=1, column=len(header)).column_letter}501"
        assert sheet.max_row == 1  # no case yet


def fill(workbook: Path, rows: dict[str, list[list[str]]]) -> None:
    """The team's work: a row per case typed into the template's sheets."""
    book = load_workbook(workbook)
    for sheet in book.worksheets:
        for row in rows[sheet.title.split(" ")[0]]:
            sheet.append(row)
    book.save(workbook)


@pytest.fixture(scope="module")
def imported(checked, tmp_path_factory):
    """For each edition: its report's records typed into `cases template`'s workbook (and the same
    records as CSV and ODS), each imported into a placeholder copy of the report."""
    results = {}
    for edition_id, name in REPORTS.items():
        folder = tmp_path_factory.mktemp(name.replace("/", "-"))
        report = checked[name]
        rows = published_rows(report)
        workbook = folder / "cases.xlsx"
        assert run_cli("cases", "template", "-e", edition_id, "-o", str(workbook))[0] == 0
        fill(workbook, rows)
        found = samples(report.edition)
        (folder / "cases.csv").write_bytes(template(found, "csv", rows))
        (folder / "cases.ods").write_bytes(template(found, "ods", rows))
        copy = placeholder_copy(ROOT / "findings" / f"{name}.yml", report)
        texts, outputs = {}, {}
        for fmt in ("xlsx", "csv", "ods"):
            target = copy.write(folder, f"{fmt}.yml")
            code, stdout, stderr = run_cli("cases", "import", str(folder / f"cases.{fmt}"), str(target))
            assert code == 0, stderr
            texts[fmt], outputs[fmt] = target.read_text(encoding="utf-8"), stdout
        results[name] = (texts, outputs, folder)
    return results


@pytest.mark.parametrize("name", REPORTS.values())
def test_records_give_back_every_published_figure_rating_and_the_score(name: str, imported, checked) -> None:
    texts, outputs, folder = imported[name]
    published = checked[name]
    again = check_file(folder / "xlsx.yml", HOUSE)
    assert again.ratings.score == published.ratings.score and again.ratings.overall == published.ratings.overall
    for was, now in zip(published.ratings.standards, again.ratings.standards, strict=True):
        assert (now.id, now.final, now.computed, now.lowest) == (was.id, was.final, was.computed, was.lowest)
        assert [kq.percent for kq in now.key_questions] == [kq.percent for kq in was.key_questions]
    if all(kq.relevant is not None for d in published.findings.domains for s in d.standards for kq in s.key_questions.values()):
        # a report that publishes counts gets its own file back, byte for byte: only the counts were written
        assert texts["xlsx"] == (ROOT / "findings" / f"{name}.yml").read_text(encoding="utf-8")
    if published.ratings.overall != "Requires improvement":  # from the placeholders' rating
        assert f"Overall rating Requires improvement → {published.ratings.overall}" in outputs["xlsx"]


@pytest.mark.parametrize("name", REPORTS.values())
def test_the_same_records_as_csv_and_ods_give_the_same_findings(name: str, imported) -> None:
    texts, outputs, _ = imported[name]
    assert texts["csv"] == texts["ods"] == texts["xlsx"]
    assert outputs["csv"].splitlines()[1:-1] == outputs["ods"].splitlines()[1:-1] == outputs["xlsx"].splitlines()[1:-1]


def test_what_moved_is_printed_before_and_after(imported) -> None:
    _, outputs, _ = imported["merton"]
    lines = outputs["xlsx"].splitlines()
    assert lines[0].endswith(": sample 2 9 cases, sample 3 5 cases")
    assert "  domain 2 cases: 1 → 9" in lines and "  2.4 cases: 1 → 8" in lines
    assert "  2.1.1: 0 of 1 → 9 of 9" in lines and "  2.1.1.d: 0 of 1 → 6 of 7" in lines
    assert "  2.1 Assessment: rating Inadequate → Outstanding" in lines
    assert "  3.2 Planning: key question 3.2.3 0% → 67%" in lines
    assert "  Score 8/36 → 30/36" in lines and "  Overall rating Requires improvement → Good" in lines


def test_a_published_percentage_gives_way_to_its_counts(checked, tmp_path: Path) -> None:
    """Importing into Havering itself: each `percent` becomes the counts, and no figure moves."""
    rows = published_rows(checked["havering"])
    records = tmp_path / "cases.csv"
    records.write_bytes(template(samples(checked["havering"].edition), "csv", rows))
    target = tmp_path / "havering.yml"
    shutil.copy(ROOT / "findings" / "havering.yml", target)
    code, stdout, stderr = run_cli("cases", "import", str(records), str(target))
    assert code == 0, stderr
    assert "  2.1.1: 83% → 15 of 18 (83%)" in stdout.splitlines()
    assert not [line for line in stdout.splitlines() if "rating" in line or "Score" in line]
    text = target.read_text(encoding="utf-8")
    assert '"2.1.1": {relevant: 18, "yes": 15}' in text  # 'yes' quoted, as YAML 1.1 readers would take it for true
    before = (ROOT / "findings" / "havering.yml").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line not in before.splitlines()] == \
        [line for line in text.splitlines() if "{relevant:" in line]  # only the key questions' lines changed
    assert "{percent:" not in text and all(kq.percent is None for d in check_file(target, HOUSE).findings.domains for s in d.standards for kq in s.key_questions.values())


def test_dry_run_prints_the_diff_and_writes_nothing(checked, tmp_path: Path) -> None:
    records = tmp_path / "cases.csv"
    records.write_bytes(template(samples(checked["merton"].edition), "csv", published_rows(checked["merton"])))
    target = placeholder_copy("merton", checked["merton"]).write(tmp_path)
    before = target.read_bytes()
    code, stdout, _ = run_cli("cases", "import", str(records), str(target), "--dry-run")
    assert code == 0 and target.read_bytes() == before
    assert "+    cases: 9" in stdout and "-    cases: 1" in stdout and "(counts imported)" in stdout


def test_show_lists_the_cases_answered_no_and_not_applicable(checked, tmp_path: Path) -> None:
    records = tmp_path / "cases.xlsx"
    records.write_bytes(template(samples(checked["merton"].edition), "xlsx", published_rows(checked["merton"])))
    code, stdout, stderr = run_cli("cases", "show", str(records), "--question", "3.2.3")
    assert code == 0, stderr
    assert stdout.splitlines() == [
        "3.2.3 Does planning focus sufficiently on keeping other people safe?",
        "sample 3 Out-of-court disposals: 5 cases; Yes in 2 of 3 relevant (67%)",
        f"No (1): {reference('3', 2)}",
        f"N/A (2): {reference('3', 3)}, {reference('3', 4)}",
    ]
    code, _, stderr = run_cli("cases", "show", str(records), "--question", "3.2.9")
    assert code == 1 and "'3.2.9'" in stderr and "did you mean" in stderr


def test_case_references_never_reach_the_report(imported) -> None:
    from reportgen.build import render

    _, _, folder = imported["merton"]
    outputs = render(check_file(folder / "xlsx.yml", HOUSE), HOUSE, ("md", "html"))
    findings = (folder / "xlsx.yml").read_text(encoding="utf-8")
    for text in (findings, outputs["md"].decode("utf-8"), outputs["html"].decode("utf-8")):
        assert "REF-" not in text


# ---------------------------------------------------------------------------
# a property: whatever the records, the counts written are their sums
# ---------------------------------------------------------------------------

OOCD = samples(HOUSE.edition("youth-2018-rev2019"))[1]  # domain 3: four standards, 11 key questions, 42 prompts
# imported into the synthetic example: the shortest findings file of that edition


@st.composite
def records(draw):
    cases = draw(st.integers(min_value=1, max_value=12))
    rows = []
    for index in range(cases):
        row, kq_answer = [reference("3", index)], None
        for column in OOCD.columns:
            if not column.is_prompt:
                kq_answer = draw(st.sampled_from(["Yes", "No", "N/A"]))
                if index == 0 and column.id.endswith(".1"):
                    kq_answer = draw(st.sampled_from(["Yes", "No"]))  # each standard has an applicable key question
                row.append(kq_answer)
            else:
                row.append(draw(st.sampled_from(["N/A", ""])) if kq_answer == "N/A" else draw(st.sampled_from(["Yes", "No", "N/A", "y", "n/a"])))
        rows.append(row)
    return rows


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=records())
def test_property_counts_equal_the_sums_of_the_records(rows, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_bytes(template((OOCD,), "csv", {"3": rows}))
    # without its ratings panel's move, which random counts would make a skip of bands (refused, rightly)
    target = Variant("examples/youth-2018-example").delete('domains["3"].standards["3.2"].discretion').write(tmp_path)
    code, _, stderr = run_cli("cases", "import", str(path), str(target))
    assert code == 0, stderr
    domain = check_file(target, HOUSE).findings.domains[2]
    assert domain.cases == len(rows)
    index = {c.id: i for i, c in enumerate(OOCD.columns, start=1)}
    word = {"Yes": "Yes", "y": "Yes", "No": "No"}
    for standard in domain.standards:
        for kq_id, kq in standard.key_questions.items():
            answers = [word.get(r[index[kq_id]]) for r in rows]
            assert (kq.relevant, kq.yes) == (sum(a in ("Yes", "No") for a in answers), answers.count("Yes")), kq_id
            for prompt_id, count in kq.prompts.items():
                answers = [word.get(r[index[f"{kq_id}.{prompt_id}"]]) for r in rows]
                assert (count.relevant, count.yes) == (sum(a in ("Yes", "No") for a in answers), answers.count("Yes"))


# ---------------------------------------------------------------------------
# bad records: one line each, naming the cell; the findings untouched
# ---------------------------------------------------------------------------

COURT = "'2 Court disposals'"


def bad(checked, tmp_path: Path, change, fmt: str = "xlsx") -> tuple[list[str], Path]:
    rows = published_rows(checked["merton"])
    change(rows)
    records = tmp_path / f"cases.{fmt}"
    records.write_bytes(template(samples(checked["merton"].edition), fmt, rows))
    target = placeholder_copy("merton", checked["merton"]).write(tmp_path)
    before = target.read_bytes()
    code, stdout, stderr = run_cli("cases", "import", str(records), str(target))
    assert code == 1 and stdout == "" and target.read_bytes() == before
    return stderr.splitlines(), records


def column(sample: str, question: str) -> int:
    """The question's column in its sheet (0: the case reference)."""
    found = {s.id: s for s in samples(HOUSE.edition("youth-2018"))}[sample]
    return 1 + [c.id for c in found.columns].index(question)


def test_an_answer_that_is_not_yes_no_or_na(checked, tmp_path: Path) -> None:
    def change(rows):
        rows["2"][2][column("2", "2.1.1.b")] = "Maybe"
    [line], records = bad(checked, tmp_path, change)
    assert line.startswith(f"{records}:{COURT}!D4: error: 2.1.1.b: found 'Maybe', expected Yes, No or N/A")


def test_a_blank_answer_to_a_question_of_the_rows_sample(checked, tmp_path: Path) -> None:
    def change(rows):
        rows["2"][0][column("2", "2.2.2")] = ""
    [line], records = bad(checked, tmp_path, change)
    assert line.startswith(f"{records}:{COURT}!{_letter(column('2', '2.2.2'))}2: error: 2.2.2: found a blank answer, expected Yes, No or N/A")

    def prompt(rows):  # 2.1.1 is answered in the first case, so each of its prompts is too
        rows["2"][0][column("2", "2.1.1.c")] = ""
    [line], _ = bad(checked, tmp_path, prompt)
    assert "!E2: error: 2.1.1.c: found a blank answer, expected Yes, No or N/A for prompt 2.1.1.c: key question 2.1.1 is answered 'Yes'" in line


def test_a_case_reference_twice(checked, tmp_path: Path) -> None:
    def change(rows):
        rows["3"][4][0] = rows["3"][1][0]
    [line], records = bad(checked, tmp_path, change)
    assert line.startswith(f"{records}:'3 Out-of-court disposals'!A6: error: case: found the case reference 'REF-3-002' a second time "
                           f"(first at {records}:'3 Out-of-court disposals'!A3)")


def test_a_column_or_a_sheet_the_edition_does_not_know(checked, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    records = tmp_path / "cases.xlsx"
    records.write_bytes(template(samples(checked["merton"].edition), "xlsx", published_rows(checked["merton"])))
    book = load_workbook(records)
    court = book[COURT.strip("'")]
    court.cell(row=1, column=court.max_column + 1).value = "2.1.9"
    book.create_sheet("Resettlement").append(["case", "4.1.1"])
    book.save(records)
    target = placeholder_copy("merton", checked["merton"]).write(tmp_path)
    before = target.read_bytes()
    code, _, stderr = run_cli("cases", "import", str(records), str(target))
    assert code == 1 and target.read_bytes() == before
    unknown, sheet = stderr.splitlines()
    assert unknown.startswith(f"{records}:{COURT}!{_letter(column('2', '2.4.3.d') + 1)}1: error: found a column '2.1.9', "
                              "expected a column of youth-2018:")
    assert "(did you mean '2.1.3'?)" in unknown
    assert sheet.startswith(f"{records}:Resettlement: error: found a sheet 'Resettlement', expected a sheet per case sample of youth-2018")


def test_a_csv_row_without_its_sample(checked, tmp_path: Path) -> None:
    rows = published_rows(checked["merton"])
    records = tmp_path / "cases.csv"
    records.write_bytes(template(samples(checked["merton"].edition), "csv", rows))
    lines = records.read_bytes().decode("utf-8").split("\r\n")
    lines[3] = lines[3].replace("2,", ",", 1)  # the third case of sample 2 loses its sample
    records.write_bytes("\r\n".join(lines).encode("utf-8"))
    target = placeholder_copy("merton", checked["merton"]).write(tmp_path)
    code, _, stderr = run_cli("cases", "import", str(records), str(target))
    assert code == 1
    [line] = stderr.splitlines()
    assert line.startswith(f"{records}:4:1: error: sample: found no sample, expected the case's sample, one of: 2 Court disposals, 3 Out-of-court disposals")


def test_a_prompt_answered_where_its_key_question_is_not_applicable(checked, tmp_path: Path) -> None:
    def change(rows):  # Merton 3.2.3 applies in 3 of the 5 cases: the fourth is N/A, and so must its prompts be
        rows["3"][3][column("3", "3.2.3.a")] = "Yes"
    [line], records = bad(checked, tmp_path, change, "csv")
    written = records.read_bytes().decode("utf-8").split("\r\n")
    fields = written[13].split(",")  # header, 9 court cases, then the fourth out-of-court case: line 14
    at = len(",".join(fields[: written[0].split(",").index("3.2.3.a")])) + 2  # the field's first character
    assert fields[:2] == ["3", "REF-3-004"]
    assert line.startswith(f"{records}:14:{at}: error: 3.2.3.a: found the answer 'Yes' where key question 3.2.3 is N/A, "
                           "expected N/A or a blank cell")


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
