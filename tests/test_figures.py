"""Issue 21 item 2: figures agree with each other — counts within their sample, no placeholder-shaped counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.errors import ReportError
from reportgen.house import Folders, load_house
from reportgen.validate import check_file

from .variants import Variant

HOUSE = load_house(Folders.given(environ={}))


def figures(path: Path) -> list:
    return [w for w in check_file(path, HOUSE).warnings if w.check == "figures"]


def test_real_reports_give_no_figures_warning(checked) -> None:
    for name, report in checked.items():
        assert not [w for w in report.warnings if w.check == "figures"], name


MERTON_DOMAIN_2 = ("2.1", "2.2", "2.3", "2.4")


def one_and_zero(variant: Variant, *, key_questions: bool) -> Variant:
    """Merton's domain 2 with every prompt (and, if asked, every key question) at relevant 1, 'yes' 0: the
    placeholders an earlier `reportgen new` wrote (it writes TODO now, which readiness lists on its own terms)."""
    edition = HOUSE.edition("youth-2018")
    for standard in (s for s in edition.standards() if s.id in MERTON_DOMAIN_2):
        for kq in standard.key_questions:
            at = f'domains["2"].standards["{standard.id}"].key_questions["{kq.id}"]'
            if key_questions:
                variant.set(f"{at}.relevant", 1).set(f"{at}.yes", 0)
            for prompt in kq.prompts:
                variant.set(f"{at}.prompts.{prompt.id}", {"relevant": 1, "yes": 0})
    return variant


def test_a_sample_of_nothing_but_one_and_zero_is_placeholder_counts(tmp_path: Path) -> None:
    found = figures(one_and_zero(Variant("merton"), key_questions=True).write(tmp_path))
    assert [w.field for w in found] == ["domains[1]"]
    assert "every count of domain 2" in found[0].found and "placeholder" in found[0].expected


def test_key_question_counts_filled_but_prompts_left_fail_final(tmp_path: Path) -> None:
    """The issue's case: key questions counted, every prompt still 1/0."""
    path = one_and_zero(Variant("merton"), key_questions=False).write(tmp_path)
    expected = [kq.id for s in HOUSE.edition("youth-2018").standards() if s.id in MERTON_DOMAIN_2
                for kq in s.key_questions if len(kq.prompts) >= 2]
    found = figures(path)
    assert len(found) == len(expected) > 8
    assert [w.field.split('"')[-2] for w in found] == expected  # one per key question, on its prompts
    first = found[0]
    assert first.found == "every prompt of 2.1.1 at relevant 1, 'yes' 0 beside the key question's 9 relevant cases"
    assert first.line == Variant(path).line('domains["2"].standards["2.1"].key_questions["2.1.1"].prompts')
    with pytest.raises(ReportError) as final:
        check_file(path, HOUSE, final=True)
    assert sum(p.check == "figures" and p.severity == "error" for p in final.value.problems) == len(expected)


def test_identical_prompt_counts_with_some_no(tmp_path: Path) -> None:
    merton = Variant("merton")
    at = 'domains["2"].standards["2.1"].key_questions["2.1.1"]'
    for prompt in "abcdefg":
        merton.set(f"{at}.prompts.{prompt}", {"relevant": 9, "yes": 7})
    [warning] = figures(merton.write(tmp_path))
    assert warning.found == "all 7 prompts of 2.1.1 at 9 relevant, 7 'yes'"
    assert warning.field == 'domains[1].standards[0].key_questions["2.1.1"].prompts'
    # every prompt answered 'Yes' in every case is common and real (Merton's 2.1.3: 9 of 9 three times)
    assert not figures(Variant("merton").set(f"{at}.prompts.d", {"relevant": 9, "yes": 9})
                       .set(f"{at}.prompts.f", {"relevant": 9, "yes": 9}).write(tmp_path))


def test_counts_above_their_sample(tmp_path: Path) -> None:
    merton = Variant("merton").set('domains["2"].standards["2.4"].cases', 12)
    [warning] = figures(merton.write(tmp_path))
    assert (warning.field, warning.found) == ("domains[1].standards[3].cases", "12 cases for 2.4")
    assert warning.expected == "at most the 9 cases of domain 2's sample"
    assert warning.line == merton.line('domains["2"].standards["2.4"].cases')
    # Havering publishes percentages; a prompt count written under one is still within the 27 cases
    havering = Variant("havering").set('domains["3"].standards["3.1"].key_questions["3.1.1"].prompts',
                                       {"a": {"relevant": 30, "yes": 20}})
    [warning] = figures(havering.write(tmp_path))
    assert warning.field == 'domains[2].standards[0].key_questions["3.1.1"].prompts.a.relevant'
    assert (warning.found, warning.expected) == ("30 relevant cases", "at most the 27 cases inspected (domain 3)")


def test_a_case_standard_with_every_key_question_not_applicable_is_an_error(tmp_path: Path) -> None:
    merton = Variant("merton")
    for kq in ("3.4.1", "3.4.2"):
        at = f'domains["3"].standards["3.4"].key_questions["{kq}"]'
        merton.set(f"{at}.relevant", 0).set(f"{at}.yes", 0).set(f"{at}.prompts", {})
    with pytest.raises(ReportError) as error:
        check_file(merton.write(tmp_path), HOUSE)
    [problem] = error.value.problems
    assert problem.found == "no applicable key question" and problem.field == "domains[2].standards[3].key_questions"


def test_a_percentage_no_count_of_the_sample_gives(tmp_path: Path) -> None:
    """Havering: 18 court cases. No count up to 18 rounds to 66% (11 of 17 is 65%, 12 of 18 is 67%)."""
    at = 'domains["2"].standards["2.4"].key_questions["2.4.2"].percent'
    havering = Variant("havering").set(at, 66)
    [warning] = figures(havering.write(tmp_path))
    assert (warning.found, warning.line) == ("66% for 2.4.2", havering.line(at))
    assert warning.expected == "a percentage that some count of at most the 18 cases inspected gives (nearest: 65% or 67%)"
    assert not figures(Variant("havering").set(at, 65).write(tmp_path))  # 11 of 17
