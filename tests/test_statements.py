"""Issue 21 item 3: the narrative agrees with the figures — stated ratings, counts and sample sizes.

Each class of contradiction is made in a copy of each real report (by changing a sentence, or the
figure under an unchanged sentence) and caught with file:line:column; the real reports as published
give none, though the check reads their statements (each edition's phrasings are data)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.checks import CheckInput
from reportgen.checks.statements import readings
from reportgen.errors import ReportError
from reportgen.house import Folders, load_house
from reportgen.markup import checker
from reportgen.validate import check_file

from .test_cli import run_cli
from .variants import ROOT, Variant

# How many statements each report makes that the check reads (and finds true): it is reading them
HOUSE = load_house(Folders.given(environ={}))
READ = {"merton": 21, "havering": 2, "lambeth": 6, "bromley": 1, "examples/youth-2018-example": 6,
        "examples/invented-two-areas-example": 0}  # the invented edition gives no statements: patterns


def statements(path: Path) -> list:
    return [w for w in check_file(path, HOUSE).warnings if w.check == "statements"]


def test_real_reports_state_nothing_their_figures_deny(checked) -> None:
    for name, report in checked.items():
        assert not [w for w in report.warnings if w.check == "statements"], name
        read = list(readings(CheckInput(report.source, report.edition, report.findings, report.ratings, checker(), HOUSE)))
        assert len(read) == READ[name] and all(r.wrong is None for _, r in read), name


def caught(variant: Variant, tmp_path: Path, *, line_of: str | None = None, sentence: str) -> str:
    """The one statements warning of the variant: at the sentence's own line and column; its message."""
    path = variant.write(tmp_path)
    [warning] = statements(path)
    text = path.read_text(encoding="utf-8").splitlines()
    assert text[warning.line - 1][warning.column - 1:].startswith(sentence), (warning, text[warning.line - 1][:80])
    if line_of:
        assert warning.line >= variant.line(line_of)
    with pytest.raises(ReportError) as final:
        check_file(path, HOUSE, final=True)
    assert any(p.check == "statements" and p.severity == "error" for p in final.value.problems)
    return f"{warning.field}: found {warning.found}, expected {warning.expected}"


# -- a rating stated for the service overall -------------------------------------------------------


@pytest.mark.parametrize("name, said", [("merton", "Outstanding"), ("havering", "Requires improvement")])
def test_overall_rating(name: str, said: str, tmp_path: Path) -> None:
    variant = Variant(name).replace("introduction.body", "was rated as 'Good'.", f"was rated as '{said}'.")
    message = caught(variant, tmp_path, sentence=f"Overall, {name.title()} YJS was rated as '{said}'.")
    expected = {"merton": "score 30/36", "havering": "score 20/36"}[name]
    assert message.endswith(f"which says '{said}', expected the overall rating: Good — {expected}")


def test_editions_without_an_overall_rating(checked) -> None:
    for name in ("bromley", "lambeth"):  # the class does not arise: their editions give no overall rating
        assert checked[name].edition.overall is None and checked[name].ratings.overall is None


# -- a rating stated for a standard, in its own text -----------------------------------------------


def test_standard_rating_merton(tmp_path: Path) -> None:
    at = 'domains["2"].standards["2.1"].summary'
    variant = Variant("merton").replace(at, "rated as 'Outstanding'", "rated as 'Good'")
    message = caught(variant, tmp_path, sentence="The quality of assessment was rated as 'Good'.")
    assert message.endswith("which says 'Good', expected the computed rating of 2.1 Assessment: Outstanding — "
                             "lowest key question 2.1.1 100%")


def test_a_changed_figure_under_an_unchanged_sentence(tmp_path: Path) -> None:
    """3.4 Joint working drops to Good (3.4.2: 2 of 3 = 67%): its summary still says Outstanding."""
    variant = Variant("merton").set('domains["3"].standards["3.4"].key_questions["3.4.2"].yes', 2)
    variant.set('domains["3"].standards["3.4"].key_questions["3.4.2"].prompts.b.yes', 2)
    message = caught(variant, tmp_path, sentence="Overall, joint working for delivery of out-of-court disposals was rated")
    assert message.endswith("expected the computed rating of 3.4 Joint working: Good — lowest key question 3.4.2 67%")


def test_standard_rating_havering(tmp_path: Path) -> None:
    at = 'domains["3"].standards["3.1"].narrative'
    variant = Variant("havering").replace(at, "Assessing for desistance", "Assessment was rated as 'Good'. Assessing for desistance")
    message = caught(variant, tmp_path, sentence="Assessment was rated as 'Good'.")
    assert message.endswith("expected the computed rating of 3.1 Assessment: Requires improvement — lowest key question 3.1.3 52%")


def test_a_judged_section_bromley(tmp_path: Path) -> None:
    at = 'domains["sections"].standards["5"].overview'
    variant = Variant("bromley").replace(at, "This was also an inadequate area", "This was also a good area")
    message = caught(variant, tmp_path, sentence="This was also a good area of service.")
    assert message.endswith("which says 'Good', expected the inspectors' rating of 5 Victims and restorative justice: Inadequate")


def test_a_judged_theme_lambeth(tmp_path: Path) -> None:
    at = 'domains["themes"].standards["4"].overview'
    variant = Variant("lambeth").replace(at, "was served was good.", "was served was unsatisfactory.")
    message = caught(variant, tmp_path, sentence="Overall work to ensure that the sentence was served was unsatisfactory.")
    assert message.endswith("expected the inspectors' rating of 4 Ensuring the sentence is served: Good")


def test_a_rating_moved_by_the_ratings_panel(tmp_path: Path) -> None:
    """The example's 3.2 is computed Inadequate (45%), moved to Requires improvement: the final rating is what holds."""
    at = 'domains["3"].standards["3.2"].summary'
    variant = Variant("examples/youth-2018-example").replace(at, "rated as 'Requires improvement'", "rated as 'Inadequate'")
    message = caught(variant, tmp_path, sentence="Planning was rated as 'Inadequate'")
    assert message.endswith("expected the final rating of 3.2 Planning: Requires improvement* (moved by the ratings panel "
                            "from the computed Inadequate)")


# -- counts stated under a standard ----------------------------------------------------------------


def test_count_merton_sentence(tmp_path: Path) -> None:
    at = 'domains["2"].standards["2.3"].summary'
    variant = Variant("merton").replace(at, "In all but one case", "In every case")
    message = caught(variant, tmp_path, sentence="In every case, inspectors judged that implementation and delivery")
    assert message.endswith("which says 'In every case' for key question 2.3.1, expected what 2.3.1's figures say: "
                            "'Yes' in 8 of 9 relevant cases (89%)")


def test_count_merton_figure(tmp_path: Path) -> None:
    """2.4.3 loses a 'Yes' (5 → 4 of 5); the summary still says 'In all the cases we inspected' of the risk of harm."""
    variant = Variant("merton").set('domains["2"].standards["2.4"].key_questions["2.4.3"].yes', 4)
    message = caught(variant, tmp_path, sentence="In all the cases we inspected, there was sufficient review")
    assert message.endswith("for key question 2.4.3, expected what 2.4.3's figures say: 'Yes' in 4 of 5 relevant cases (80%)")


def test_count_havering_percentage_only(tmp_path: Path) -> None:
    """Havering publishes 89% for 2.2.1: 'all but two' fits (16 of 18), 'every case' cannot."""
    at = 'domains["2"].standards["2.2"].narrative'
    variant = Variant("havering").replace(at, "in all but two of the inspected cases", "in every case")
    message = caught(variant, tmp_path, sentence="Planning supported effective desistance in every case.")
    assert message.endswith("expected what 2.2.1's figures say: 89% 'Yes', which no count of at most 18 of cases that fits "
                            "these words gives")
    fits = Variant("havering").replace(at, "in all but two of the inspected cases", "in 16 of the 18 cases")
    assert not statements(fits.write(tmp_path))
    wrong = Variant("havering").replace(at, "in all but two of the inspected cases", "in 15 of the 18 cases")
    assert len(statements(wrong.write(tmp_path))) == 1  # 15 of 18 is 83%


# -- the cases inspected, in a domain's introduction -----------------------------------------------


def test_cases_inspected_merton(tmp_path: Path) -> None:
    variant = Variant("merton").replace('domains["3"].introduction', "We inspected five cases", "We inspected six cases")
    message = caught(variant, tmp_path, sentence="We inspected six cases managed by the YJS")
    assert message.endswith("which says 6 cases inspected, expected domain 3's sample of 5 cases (its 'cases', which the "
                            "prompt tables count from)")
    court = Variant("merton").replace('domains["2"].introduction', "eight community sentences", "nine community sentences")
    assert "says 10 cases inspected" in caught(court, tmp_path, sentence="We took a detailed look at nine community")


def test_cases_inspected_havering(tmp_path: Path) -> None:
    """Havering's court disposals: 18 cases (17 community sentences and one custodial); an introduction saying 19 is caught."""
    variant = Variant("havering").set('domains["2"].introduction',
                                      "We took a detailed look at 17 community sentences and two custodial sentences.")
    assert "says 19 cases inspected" in caught(variant, tmp_path, sentence="We took a detailed look at 17")
    right = Variant("havering").set('domains["2"].introduction', "We took a detailed look at 17 community sentences and one custodial sentence.")
    assert not statements(right.write(tmp_path))


# -- silence where a sentence cannot be tied to one place --------------------------------------------

SILENT = [  # (field, sentence added at its start): each true of nothing the check can settle, or not a claim of this report
    ('domains["2"].standards["2.1"].summary', "Risk of harm assessment work was 'Good'."),  # a key question, not the standard
    ('domains["2"].standards["2.1"].summary', "Assessment work was 'Good' for desistance in most cases."),  # qualified
    ('domains["3"].standards["3.1"].summary', "Assessment was rated as 'Good' for court disposals."),  # another domain's
    ('domains["2"].standards["2.1"].summary', "Inspectors judged that contingency planning to keep the child safe was sufficient in all but one case."),
    ('domains["3"].standards["3.3"].summary', "Service delivery promoted the child's safety and wellbeing in 1 of the 4 cases."),  # a prompt
    ('domains["2"].standards["2.2"].summary', "Planning and implementation were 'Good'."),  # two standards at once
    ("introduction.body", "In its previous inspection, Merton YJS was rated as 'Requires improvement'."),  # another time
    ("introduction.body", "Assessment was rated as 'Good'."),  # which assessment? court or out-of-court
    ("introduction.body", "If this continues, Merton YJS would be rated as 'Outstanding'."),
    ('domains["3"].introduction', "We looked at three youth conditional caution cases as part of the sample."),  # a sub-sample
    ('domains["3"].introduction', "We inspected 12 cases where the child was looked after."),
    ('domains["2"].standards["2.1"].summary', "Assessment was not rated as 'Inadequate'."),
]


@pytest.mark.slow  # every report checked again with its sentences moved
def test_no_alarm_where_a_sentence_cannot_be_tied_to_one_place(tmp_path: Path) -> None:
    for field, sentence in SILENT:
        text = Variant("merton").get(field)
        variant = Variant("merton").set(field, f"{sentence} {text}")
        assert not statements(variant.write(tmp_path)), sentence


# -- edition data ----------------------------------------------------------------------------------


def test_a_bad_pattern_in_an_edition_is_one_line_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "editions"
    folder.mkdir()
    text = (ROOT / "frameworks" / "youth-2018.yml").read_text(encoding="utf-8")
    (folder / "house-2018.yml").write_text(text.replace('id: "youth-2018"', 'id: "house-2018"', 1).replace(
        '- "this resulted in a rating of {rating}"', '- "this resulted in a rating of {ratng}"'), encoding="utf-8")
    findings = tmp_path / "merton.yml"
    shutil.copy(ROOT / "findings" / "merton.yml", findings)
    findings.write_text(findings.read_text(encoding="utf-8").replace("edition: youth-2018", "edition: house-2018"), encoding="utf-8")
    code, _, stderr = run_cli("check", "--editions", str(folder), str(findings))
    assert code == 1
    line = stderr.splitlines()[0]
    assert line.startswith(f"{folder / 'house-2018.yml'}:") and ": error: statements, standard, item " in line
    assert "found 'this resulted in a rating of {ratng}', expected placeholders among {cases}" in line
    assert line.endswith("{ratng} is not one")
