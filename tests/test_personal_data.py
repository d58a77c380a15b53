"""Issue 25 item 1: personal data in a report's narrative is caught, one line each, naming the text."""

from __future__ import annotations

import pytest

from reportgen.errors import ReportError
from reportgen.validate import check_file
from reportgen.house import Folders, load_house

from .conftest import REPORTS
from .variants import Variant

HOUSE = load_house(Folders.given(environ={}))

# A child's full name, an address, a postcode, a date of birth, a telephone number and an e-mail address.
LEAK = ("Jordan Whitfield, who lives at 14 Acacia Avenue, Mitcham CR4 3QT, was born on 12 March 2008. "
        "His mother can be reached on 07700 900123 or at jordan.whitfield@example.com.")
FOUND = ["the full name 'Jordan Whitfield'", "the address '14 Acacia Avenue'", "the postcode 'CR4 3QT'",
         "the date of birth '12 March 2008'", "the telephone number '07700 900123'",
         "the e-mail address 'jordan.whitfield@example.com'"]


def with_paragraph(name: str, paragraph: str) -> Variant:
    variant = Variant(name)
    return variant.set("introduction.body", f"{variant.get('introduction.body').rstrip()}\n\n{paragraph}\n")


@pytest.mark.parametrize("name", REPORTS)
def test_a_child_named_and_located_in_any_report_fails_final_with_one_line_each(name, tmp_path) -> None:
    path = with_paragraph(name, LEAK).write(tmp_path)
    with pytest.raises(ReportError) as refused:
        check_file(path, HOUSE, final=True)
    personal = [p for p in refused.value.problems if p.check == "personal-data"]
    assert [p.found for p in personal] == FOUND
    lines = path.read_text(encoding="utf-8").splitlines()
    for problem in personal:
        quoted = problem.found.split("'")[1]
        assert lines[problem.line - 1][problem.column - 1:].startswith(quoted), problem  # file:line:column of the text
        assert problem.severity == "error" and problem.field == "introduction.body"
    assert not [p for p in refused.value.problems if p.check != "personal-data"]  # nothing else in the report fails


@pytest.mark.parametrize("text, found", [
    ("We spoke to Kyle Brennan's mother.", "the full name 'Kyle Brennan'"),
    ("Sam, aged 15, was referred at once.", "a child's age next to a name 'Sam, aged 15,'"),
    ("In a case we read, the boy's date of birth, 03/04/2009, was wrong.", "the date of birth '03/04/2009'"),
    ("Her National Insurance number, QQ 12 34 56 C, was on file.", "the National Insurance number 'QQ 12 34 56 C'"),
    ("The NHS number 943 476 5919 was quoted.", "the NHS number '943 476 5919'"),
    ("The police record (PNC 12/345678A) was shared.", "what has the shape of a case reference '12/345678A'"),
    ("Call +44 7911 123456 after school.", "the telephone number '+44 7911 123456'"),
])
def test_each_kind_of_personal_data(text, found, tmp_path) -> None:
    checked = check_file(with_paragraph("merton", text).write(tmp_path), HOUSE)
    assert found in [w.found for w in checked.warnings if w.check == "personal-data"]


QUIET = [
    "In the year to 31 March 2021, one child in five was cautioned, against 1,234 cases in 2020/21.",
    "The St Giles Trust, the Jack Petchey Foundation, Mary Seacole House and the Prince's Trust all help.",
    "Stephen Lawrence Day is marked each April. Will the board agree? Grace periods apply from May 2021.",
    "Childline (0800 1111) and the service's line, 0300 123 4567, are open all day.",
    "Write to HM Inspectorate of Probation, 1st Floor Civil Justice Centre, 1 Bridge Street West, Manchester M3 3FX.",
    "The Lammy Review (2017) and the Youth Justice Board's figures for Merton YJS were read.",
]


@pytest.mark.parametrize("text", QUIET)
def test_what_is_not_personal_data_gives_no_warning(text, tmp_path) -> None:
    checked = check_file(with_paragraph("merton", text).write(tmp_path), HOUSE)
    assert not [w for w in checked.warnings if w.check == "personal-data"]


def test_a_first_name_in_a_childs_story_is_allowed_once_the_report_says_names_were_changed(tmp_path) -> None:
    story = "::: case-illustration\nKyle had missed three appointments before his case manager met him at college.\n:::"
    told = with_paragraph("merton", story)
    warned = [w.found for w in check_file(told.write(tmp_path), HOUSE).warnings if w.check == "personal-data"]
    assert warned == ["the first name 'Kyle' in a child's story"]
    changed = told.set("acknowledgements_note", "The names of children in this report have been changed.")
    assert not [w for w in check_file(changed.write(tmp_path), HOUSE).warnings if w.check == "personal-data"]
    full = with_paragraph("merton", story.replace("Kyle had", "Kyle Brennan had")).set(
        "acknowledgements_note", "The names of children in this report have been changed.")
    assert [w.found for w in check_file(full.write(tmp_path), HOUSE).warnings if w.check == "personal-data"] == [
        "the full name 'Kyle Brennan'"]  # a full name is flagged all the same


def test_the_reports_own_people_may_be_named(tmp_path) -> None:
    merton = Variant("merton")
    lead = merton.get("inspection.lead_inspector")
    checked = check_file(with_paragraph("merton", f"{lead} said the board was well attended.").write(tmp_path), HOUSE)
    assert not [w for w in checked.warnings if w.check == "personal-data"]
