"""Rules beyond types, each checked from its Problem: line, field path, what was found and expected, severity.

Every bad input is Merton's real findings file with one small change (tests/variants.py), so each
test shows that one mistake, and only that mistake, is reported where an inspector would look for it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from reportgen.errors import Problem, ReportError
from reportgen.house import Folders, load_house
from reportgen.validate import Checked, check_file

from .variants import Variant

S11, S14, S21, S24 = ('domains["1"].standards["1.1"]', 'domains["1"].standards["1.4"]', 'domains["2"].standards["2.1"]',
                      'domains["2"].standards["2.4"]')
S31, S32, S33, S34 = (f'domains["3"].standards["3.{n}"]' for n in range(1, 5))
KQ321, KQ323 = f'{S32}.key_questions["3.2.1"]', f'{S32}.key_questions["3.2.3"]'
LAMMY = 'domains["1"].standards["1.3"].key_questions["1.3.1"].narrative'  # cites [^lammy]
WANDERING = f'{S11}.key_questions["1.1.2"].narrative'  # the one text citing [^wandering]


HOUSE = load_house(Folders.given(environ={}))


def check_text(tmp_path: Path, findings: str | Variant) -> Checked:
    path = tmp_path / "findings.yml"
    path.write_text(findings if isinstance(findings, str) else findings.text(), encoding="utf-8")
    return check_file(path, HOUSE, display="findings.yml")


def problems_of(tmp_path: Path, findings: str | Variant) -> list[Problem]:
    with pytest.raises(ReportError) as caught:
        check_text(tmp_path, findings)
    for problem in caught.value.problems:
        assert problem.file == "findings.yml"
    return caught.value.problems


def only_problem(tmp_path: Path, findings: str | Variant) -> Problem:
    problems = problems_of(tmp_path, findings)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def discretion(standard: str, rating: str, rationale: str | None = "The panel weighed the other key questions.") -> Variant:
    """Merton with a discretion block added to the standard at path `standard`."""
    return Variant().set(f"{standard}.discretion", {"rating": rating} | ({} if rationale is None else {"rationale": rationale}))


# --- the unedited file -------------------------------------------------------


def test_merton_as_published_passes(tmp_path: Path) -> None:
    """The baseline every other test changes: no errors, no warnings, 30/36 Good."""
    checked = check_text(tmp_path, Variant())
    assert checked.warnings == ()
    assert (checked.ratings.score, checked.ratings.max_score, checked.ratings.overall) == (30, 36, "Good")


# --- counts ------------------------------------------------------------------


def test_yes_more_than_relevant(tmp_path: Path) -> None:
    merton = Variant().set(f"{KQ323}.yes", 4)
    problem = only_problem(tmp_path, merton)
    assert (problem.line, problem.column, problem.severity) == (merton.line(f"{KQ323}.yes"), 20, "error")
    assert problem.field == 'domains[2].standards[1].key_questions["3.2.3"].yes'
    assert (problem.found, problem.expected) == ("4", "at most the 3 relevant cases")


def test_prompt_yes_more_than_prompt_relevant(tmp_path: Path) -> None:
    merton = Variant().set(f"{KQ323}.prompts.c.yes", 3)
    problem = only_problem(tmp_path, merton)
    assert (problem.line, problem.severity) == (merton.line(f"{KQ323}.prompts.c"), "error")
    assert problem.field == 'domains[2].standards[1].key_questions["3.2.3"].prompts.c.yes'
    assert (problem.found, problem.expected) == ("3", "at most the 2 relevant cases")


def test_relevant_more_than_domain_cases(tmp_path: Path) -> None:
    """Domain 3 inspected 5 cases, so no key question can have 6 relevant ones."""
    merton = Variant().set(f"{KQ321}.relevant", 6)
    problem = only_problem(tmp_path, merton)
    assert (problem.line, problem.column, problem.severity) == (merton.line(f"{KQ321}.relevant"), 23, "error")
    assert problem.field == 'domains[2].standards[1].key_questions["3.2.1"].relevant'
    assert (problem.found, problem.expected) == ("6", "at most the 5 cases inspected")


def test_relevant_more_than_standard_cases(tmp_path: Path) -> None:
    """2.4 has its own `cases: 8`, which overrides the domain's 9."""
    question = f'{S24}.key_questions["2.4.1"]'
    merton = Variant().set(f"{question}.relevant", 9).set(f"{question}.yes", 9)
    problem = only_problem(tmp_path, merton)
    assert (problem.line, problem.severity) == (merton.line(f"{question}.relevant"), "error")
    assert problem.field == 'domains[1].standards[3].key_questions["2.4.1"].relevant'
    assert (problem.found, problem.expected) == ("9", "at most the 8 cases inspected")


def test_prompt_relevant_more_than_key_question_relevant(tmp_path: Path) -> None:
    """The prompt table is headed 'Of the 3 cases …': a prompt with 4 relevant cases contradicts it."""
    merton = Variant().set(f"{KQ323}.prompts.a.relevant", 4)
    problem = only_problem(tmp_path, merton)
    assert (problem.line, problem.column, problem.severity) == (merton.line(f"{KQ323}.prompts.a"), 29, "error")
    assert problem.field == 'domains[2].standards[1].key_questions["3.2.3"].prompts.a.relevant'
    assert problem.found == "4"
    assert problem.expected.startswith("at most 3: ")
    assert "'Of the 3 cases with factors relevant to keeping other people safe'" in problem.expected


def test_wrong_type_is_reported_with_the_value_found(tmp_path: Path) -> None:
    merton = Variant().set(f"{KQ323}.relevant", "nine")
    problem = only_problem(tmp_path, merton)
    assert (problem.line, problem.severity) == (merton.line(f"{KQ323}.relevant"), "error")
    assert problem.field == 'domains[2].standards[1].key_questions["3.2.3"].relevant'
    assert problem.found == "'nine'"
    assert problem.expected == "a whole number, e.g. 12"


# --- standards present once, in their domain ---------------------------------


def test_missing_standard(tmp_path: Path) -> None:
    """Dropping 3.4 is reported at domain 3's list of standards, naming the standard."""
    merton = Variant().delete(S34)
    problem = only_problem(tmp_path, merton)
    assert (problem.line, problem.severity) == (merton.line(S31), "error")
    assert problem.field == "domains[2].standards"
    assert problem.found == "no standard '3.4' (Joint working)"
    assert problem.expected == "every standard of the edition"


def test_missing_domain(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, Variant().delete('domains["2"]'))
    assert problem.field == "domains"
    assert problem.found == "no domain '2' (Court disposals)"
    assert problem.line is not None


def test_duplicate_standard(tmp_path: Path) -> None:
    """3.3 renamed to 3.2: the second 3.2 is the error, and 3.3 is then missing (at the list, above it)."""
    merton = Variant().set(f"{S33}.id", "3.2")
    missing, duplicate = problems_of(tmp_path, merton)
    assert (duplicate.line, duplicate.column, duplicate.severity) == (merton.line('domains["3"].standards[2]'), 13, "error")
    assert duplicate.field == "domains[2].standards[2].id"
    assert (duplicate.found, duplicate.expected) == ("standard '3.2' a second time", "each standard once")
    assert missing.found == "no standard '3.3' (Implementation and delivery)"


def test_standard_in_the_wrong_domain(tmp_path: Path) -> None:
    """2.4 belongs to court disposals; listed under out-of-court disposals it is refused, and the standard
    of domain 3 not written (3.4) is suggested rather than reported missing as a second problem."""
    merton = Variant().set(f"{S34}.id", "2.4")
    wrong = only_problem(tmp_path, merton)
    assert (wrong.line, wrong.severity) == (merton.line('domains["3"].standards[3]'), "error")
    assert wrong.field == "domains[2].standards[3].id"
    assert wrong.place == "standard 2.4, id"
    assert wrong.found == "'2.4'"
    assert wrong.expected == "a standard of domain 3: '3.1', '3.2', '3.3', '3.4' (did you mean '3.4'?)"


def test_unknown_domain(tmp_path: Path) -> None:
    merton = Variant().set('domains["3"].id', "5")
    missing, unknown = problems_of(tmp_path, merton)  # in file order: the list of domains first
    assert (unknown.line, unknown.field, unknown.place) == (merton.line("domains[2]"), "domains[2].id", "domain 5, id")
    assert unknown.found == "'5'"
    assert missing.found == "no domain '3' (Out-of-court disposals)"


# --- names and words ---------------------------------------------------------


def test_unknown_key_question_suggests_the_nearest(tmp_path: Path) -> None:
    """A mistyped id is one problem, the key question it was meant to be suggested (not also reported missing)."""
    merton = Variant().rename(KQ323, "3.23")
    unknown = only_problem(tmp_path, merton)
    where = merton.line(f'{S32}.key_questions["3.23"]')
    assert (unknown.line, unknown.column, unknown.severity) == (where, 11, "error")  # the key itself
    assert unknown.field == 'domains[2].standards[1].key_questions["3.23"]'
    assert unknown.place == "standard 3.2, key question 3.23"
    assert unknown.found == "key question '3.23'"
    assert unknown.expected.endswith("(did you mean '3.2.3'?)")


def test_unknown_key_suggests_the_nearest(tmp_path: Path) -> None:
    """A misspelt key is an error (never silently ignored text) with the intended key suggested."""
    merton = Variant().rename(f"{S11}.rating", "ratng")
    problem = only_problem(tmp_path, merton)
    assert (problem.line, problem.column, problem.severity) == (merton.line(f"{S11}.ratng"), 9, "error")
    assert problem.field == "domains[0].standards[0].ratng"
    assert problem.place == "standard 1.1, ratng"
    assert problem.found == "an unknown field 'ratng'"
    assert problem.expected.startswith("a field among 'id', 'rating',")
    assert problem.expected.endswith("(did you mean 'rating'?)")


@pytest.mark.parametrize(("word", "meant"), [("Good.", "Good"), ("Outstandng", "Outstanding"), ("good", "Good")])
def test_bad_rating_word_suggests_the_nearest(tmp_path: Path, word: str, meant: str) -> None:
    merton = Variant().set(f"{S11}.rating", word)
    problem = only_problem(tmp_path, merton)
    assert (problem.line, problem.column, problem.severity) == (merton.line(f"{S11}.rating"), 17, "error")
    assert problem.field == "domains[0].standards[0].rating"
    assert problem.found == repr(word)
    assert problem.expected.startswith("a rating word: 'Inadequate', 'Requires improvement', 'Good', 'Outstanding'")
    assert problem.expected.endswith(f"(did you mean {meant!r}?)")


def test_judgement_standard_without_rating(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, Variant().delete(f"{S14}.rating"))
    assert problem.field == "domains[0].standards[3]"
    assert problem.found == "no rating"
    assert "1.4 Information and facilities" in problem.expected


def test_rating_given_for_a_computed_standard(tmp_path: Path) -> None:
    """3.1 is computed from the cases; writing its rating would hide what the numbers say."""
    merton = Variant().set(f"{S31}.rating", "Outstanding")
    problem = only_problem(tmp_path, merton)
    assert (problem.line, problem.column, problem.severity) == (merton.line(f"{S31}.rating"), 17, "error")
    assert problem.field == "domains[2].standards[0].rating"
    assert problem.found == "'Outstanding'"
    assert problem.expected.startswith("no rating: it is computed from the cases")
    assert "discretion" in problem.expected


# --- professional discretion ---------------------------------------------------


def test_discretion_accepted_when_eligible(tmp_path: Path) -> None:
    """3.2's lowest key question is 67%, within 5 of the 65 boundary: a move down to RI is allowed."""
    checked = check_text(tmp_path, discretion(S32, "Requires improvement"))
    result = checked.ratings.by_id()["3.2"]
    assert (result.computed, result.final, result.mark, result.score) == ("Good", "Requires improvement", "*", 1)
    assert result.rationale == "The panel weighed the other key questions."
    assert (checked.ratings.score, checked.ratings.overall) == (29, "Good")
    # the one warning: 3.2's summary still says "This resulted in a rating of 'Good'" (issue 21: narrative and figures)
    [warning] = checked.warnings
    assert (warning.check, warning.field) == ("statements", "domains[2].standards[1].summary")
    assert warning.expected.startswith("the final rating of 3.2 Planning: Requires improvement* (moved by the ratings panel")


def test_discretion_rejected_when_not_eligible(tmp_path: Path) -> None:
    """2.1's lowest is 9/9: far from every boundary, 8/9 is still Outstanding, more than 5 cases."""
    merton = discretion(S21, "Good")
    problem = only_problem(tmp_path, merton)
    assert (problem.line, problem.severity) == (merton.line(f"{S21}.discretion.rating"), "error")
    assert problem.field == "domains[1].standards[0].discretion.rating"
    assert problem.found == "'Good'"
    assert problem.expected.startswith("discretion to be open for a move down, but it is not")
    assert "100% is more than 5 points from every band boundary" in problem.expected


def test_discretion_rejected_when_it_skips_a_band(tmp_path: Path) -> None:
    merton = discretion(S32, "Inadequate")
    problem = only_problem(tmp_path, merton)
    assert (problem.line, problem.column, problem.severity) == (merton.line(f"{S32}.discretion.rating"), 19, "error")
    assert problem.field == "domains[2].standards[1].discretion.rating"
    assert problem.found == "'Inadequate'"
    assert "adjacent band only" in problem.expected and "skips a band" in problem.expected


def test_discretion_rejected_to_the_same_rating(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, discretion(S32, "Good"))
    assert problem.expected == "a rating other than the computed 'Good'"


def test_discretion_rejected_on_a_judgement_standard(tmp_path: Path) -> None:
    """Inspectors give 1.1's rating directly; there is no computed rating to move."""
    merton = discretion(S11, "Outstanding")
    problem = only_problem(tmp_path, merton)
    assert (problem.line, problem.severity) == (merton.line(f"{S11}.discretion.rating"), "error")
    assert problem.field == "domains[0].standards[0].discretion"
    assert problem.found == "a discretion override"
    assert problem.expected == "none: discretion applies to computed standards only"


def test_discretion_without_rationale(tmp_path: Path) -> None:
    merton = discretion(S32, "Requires improvement", rationale=None)
    problem = only_problem(tmp_path, merton)
    assert (problem.line, problem.severity) == (merton.line(f"{S32}.discretion"), "error")  # the `discretion:` key
    assert problem.field == "domains[2].standards[1].discretion.rationale"
    assert problem.found == "nothing"
    assert problem.expected == "a value for 'rationale' (required)"


def test_discretion_with_empty_rationale(tmp_path: Path) -> None:
    merton = discretion(S32, "Requires improvement", rationale="")
    problem = only_problem(tmp_path, merton)
    assert (problem.line, problem.severity) == (merton.line(f"{S32}.discretion.rationale"), "error")
    assert problem.field == "domains[2].standards[1].discretion.rationale"
    assert problem.found == "''"


# --- footnotes ---------------------------------------------------------------


def test_undefined_footnote_reference(tmp_path: Path) -> None:
    """[^lammmy] has no text; and lammy, now unreferenced, is a warning after the error."""
    merton = Variant().replace(LAMMY, "[^lammy]", "[^lammmy]")
    error, warning = problems_of(tmp_path, merton)
    assert (error.line, error.column, error.severity) == (*merton.find("[^lammmy]"), "error")  # the reference, not where the text starts
    assert error.field == 'domains[0].standards[2].key_questions["1.3.1"].narrative'
    assert error.found == "a reference to footnote [^lammmy]"
    assert error.expected.endswith("(did you mean 'lammy'?)")
    assert (warning.severity, warning.field, warning.line) == ("warning", "footnotes.lammy", merton.line("footnotes.lammy"))


def test_issue11_undefined_footnote_message_points_at_the_reference(tmp_path: Path) -> None:
    """`reportgen check` names file:line:column of the `[^x]` use — in a folded text, a quoted one, and a
    footnote's own text — never the start of its text or of the footnotes block."""
    from .test_cli import run_cli

    merton = (Variant().replace(LAMMY, "[^lammy]", "[^lammmy]")
              .set("footnotes.second", DoubleQuotedScalarString("See also the review.[^nowhere]")))
    path = merton.write(tmp_path, "findings.yml")
    code, _, err = run_cli("check", str(path))
    assert code == 1 and "Traceback" not in err
    for ref in ("[^lammmy]", "[^nowhere]"):
        line, column = merton.find(ref)
        assert f"{path}:{line}:{column}:" in err, err
        assert f"a reference to footnote {ref}" in err


def test_unused_footnote_is_a_warning_not_an_error(tmp_path: Path) -> None:
    """An unreferenced footnote does not stop the report; it is reported alongside it."""
    merton = Variant().replace(WANDERING, "[^wandering]", "")
    checked = check_text(tmp_path, merton)
    [warning] = checked.warnings
    assert (warning.line, warning.column, warning.severity) == (merton.line("footnotes.wandering"), 3, "warning")
    assert warning.field == "footnotes.wandering"
    assert warning.found == "footnote 'wandering' that nothing refers to"
    assert warning.expected == "a [^wandering] reference in the text"
    assert checked.ratings.score == 30


def test_footnote_of_the_edition_may_be_referenced(tmp_path: Path) -> None:
    """Footnotes the framework defines (e.g. 'standards') count as defined."""
    checked = check_text(tmp_path, Variant().replace(LAMMY, "[^lammy]", "[^lammy][^standards]"))
    assert checked.warnings == ()


# --- edition -----------------------------------------------------------------


def test_unknown_edition(tmp_path: Path) -> None:
    merton = Variant().set("edition", "youth-2019")
    problem = only_problem(tmp_path, merton)
    assert (problem.line, problem.column, problem.severity) == (merton.line("edition"), 10, "error")
    assert problem.field == "edition"
    assert problem.found == "'youth-2019'"
    assert problem.expected.startswith("one of ") and "'youth-2018'" in problem.expected and "'youth-2021'" in problem.expected
    assert "did you mean" in problem.expected


def test_all_problems_are_collected_before_reporting(tmp_path: Path) -> None:
    """Three unrelated mistakes give three problem lines in one run, in file order."""
    merton = Variant().set(f"{KQ323}.yes", 4).replace(WANDERING, "[^wandering]", "").set(f"{S11}.rating", "Goood")
    problems = problems_of(tmp_path, merton)
    assert [p.line for p in problems] == sorted(p.line for p in problems)
    assert [p.field for p in problems] == [
        "domains[0].standards[0].rating",
        'domains[2].standards[1].key_questions["3.2.3"].yes',
        "footnotes.wandering",
    ]
    assert [p.place for p in problems] == ["standard 1.1, rating", "key question 3.2.3, 'yes'", "footnote wandering"]
    assert [p.severity for p in problems] == ["error", "error", "warning"]


# --- issue 9: findings text is only the Markdown subset its field allows -------------------

BACKGROUND = Variant().line("background")  # a literal block: text line n is file line BACKGROUND + 1 + n


def with_background(*lines: str) -> Variant:
    """Merton with `lines` put first in the background (a literal block), a blank line after them."""
    merton = Variant()
    return merton.set("background", "\n".join((*lines, "", merton.get("background"))))


SUMMARY = 'domains["2"].standards["2.1"].summary'  # text after a table: paragraphs, no headings


@pytest.mark.parametrize("lines", [["Para.", "", "# Injected chapter"], ["Para.", "", "Underlined", "=========="]],
                         ids=["atx-heading", "setext-heading"])
def test_issue9_a_heading_is_refused_where_the_text_takes_none(tmp_path: Path, lines) -> None:
    """A long narrative (background, a standard's narrative) may hold sub-headings (issue 24: set
    below its own heading, subheadings.py); other text — here the paragraph after a table — may not."""
    merton = Variant().set(SUMMARY, "\n".join(lines))
    problem = only_problem(tmp_path, merton)
    assert problem.field.endswith("summary") and "a heading" in problem.found
    assert problem.line == merton.line(SUMMARY) + 1 + 2
    assert "sub-headings" not in problem.expected
    check_text(tmp_path, with_background(*lines))  # the background takes them


@pytest.mark.parametrize(("lines", "bad_line", "found"), [
    (["::: cover", "# Evil cover", ":::"], 0, "'::: cover' fence"),
    (["::: chart bogus", "| a |", "|--|", "| 1 |", ":::"], 0, "'::: chart bogus' fence"),
    (["::: contents", ":::"], 0, "'::: contents' fence"),
    (["See ![p][ref] here.", "", "[ref]: http://example.com/x.png"], 2, "a link reference definition"),
    (["See ![a [b] c](http://example.com/x.png) here."], 0, "an image"),
    (["See ![p](http://example.com/x.png) here."], 0, "an image"),
    (["```", "code that never closes"], 0, "a code block"),
    (["Para.", "", "    indented code"], 2, "a code block"),
    (["Noted.", "", "[^defined-here]: a footnote typed in the text"], 2, "a footnote definition"),
], ids=["cover-fence", "chart-fence", "contents-fence", "reference-image",
        "nested-bracket-image", "image", "fence", "indented-code", "footnote-definition"])
def test_issue9_markup_outside_the_subset_is_refused_at_its_line(tmp_path: Path, lines, bad_line, found) -> None:
    problems = problems_of(tmp_path, with_background(*lines))
    assert {p.field for p in problems if p.severity == "error"} == {"background"}  # and nothing else
    assert [p for p in problems if p.line == BACKGROUND + 1 + bad_line and found in p.found]


@pytest.mark.parametrize(("field", "value"), [
    ("service.area", "Merton\n# Evil"),
    ("service.name", "Merton\nYJS"),
    ("recommendations[0].addressee", "# The Merton Youth Justice Service should:"),
    ("recommendations[0].addressee", "- The Merton Youth Justice Service should:"),
], ids=["newline-area", "newline-name", "heading-addressee", "list-addressee"])
def test_issue9_single_line_fields_refuse_line_breaks_and_block_markup(tmp_path: Path, field, value) -> None:
    merton = Variant().set(field, value)
    problem = only_problem(tmp_path, merton)
    assert (problem.field, problem.line) == (field, merton.line(field))


def test_issue9_a_strength_is_one_paragraph(tmp_path: Path) -> None:
    strength = LiteralScalarString("A strength.\n\n## Not a heading of the report\n")
    merton = Variant().insert('domains["1"].strengths', 0, strength)
    problem = only_problem(tmp_path, merton)
    assert problem.field.endswith("strengths[0]") and "heading" in problem.found
    assert problem.line == merton.find("## Not a heading")[0]


@pytest.mark.parametrize("link", ["[this](relative/page.html)", "[this](/etc/passwd)", "[this](smb://host/share)",
                                  "<smb://host/share>", "[this](ms-msdt:/id)", "<search-ms:query=x>", "[this](//host/share)"])
def test_issue9_links_other_than_web_mail_and_anchors_are_refused(tmp_path: Path, link) -> None:
    """(javascript:, file: and data: links are never links at all: markdown-it prints them as text.)"""
    href = link.split("(")[-1].rstrip(")").strip("<>")
    problem = only_problem(tmp_path, with_background("Para.", "", f"See {link} here."))
    assert (problem.field, problem.line) == ("background", BACKGROUND + 3)
    assert problem.found == f"a link to {href!r}" and "https://" in problem.expected


def test_issue9_allowed_links_and_autolinks_pass(tmp_path: Path) -> None:
    text = with_background("See [web](https://example.org/a), [plain](http://example.org), <someone@example.org>,",
                           "<mailto:a@example.org> and [the background](#background).")
    warnings = check_text(tmp_path, text).warnings
    assert [w for w in warnings if w.check != "personal-data"] == []  # every link allowed
    assert [w.found for w in warnings] == ["the e-mail address 'someone@example.org'", "the e-mail address 'a@example.org'"]  # issue 25


@pytest.mark.parametrize(("lines", "found"), [
    (["".join("  " * i + f"- level {i}\n" for i in range(10)).rstrip("\n").replace("\n", "\n  ")], "nested 9 deep"),
    (["> " * 9 + "deep"], "nested 9 deep"),
    (["| a | b |", "|--|--|", *["| 1 | 2 |"] * 501], "more than 500 rows"),
    (["|" + " c |" * 21, "|" + "--|" * 21], "21 columns"),
    (["word " * 4001], "a paragraph of 20,004 characters"),
], ids=["list-nesting", "quote-nesting", "rows", "columns", "paragraph"])
def test_issue9_limits_are_refused_at_check_in_one_line(tmp_path: Path, lines, found) -> None:
    problem = only_problem(tmp_path, with_background(*lines))
    assert problem.field == "background" and found in problem.found and "at most" in problem.expected
    assert "\n" not in str(problem)


def test_issue9_too_many_headings_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgen import markup

    monkeypatch.setattr(markup, "MAX_HEADINGS", 3)  # Merton's own sections and fact tables already exceed it
    problem = only_problem(tmp_path, Variant())
    assert "headings in the findings" in problem.found and problem.expected == "at most 3"


def test_issue9_footnote_referenced_only_inside_code_is_reported(tmp_path: Path) -> None:
    """`[^wandering]` in a code span is shown as typed, so the footnote would vanish: say so."""
    checked = check_text(tmp_path, Variant().replace(WANDERING, "[^wandering]", "`[^wandering]`"))
    [warning] = checked.warnings
    assert warning.field == "footnotes.wandering" and "nothing refers to" in warning.found


def test_issue9_footnote_referenced_only_in_a_reviewers_note_is_reported(tmp_path: Path) -> None:
    """Notes are printed only in drafts, so a footnote cited only there would vanish from the report."""
    merton = Variant().replace(WANDERING, "[^wandering]", "").set(f"{S11}.notes", ["See [^wandering]."])
    warnings = [w for w in check_text(tmp_path, merton).warnings if w.field.startswith("footnotes")]
    assert [(w.field, "nothing refers to" in w.found) for w in warnings] == [("footnotes.wandering", True)]
