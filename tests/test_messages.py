"""Issues 13 and 23: every message the tool gives for a wrong value, in the inspector's words — never a
programmer's ("mapping", "document", a 0-based `domains[0]`, a Python type).

One row per kind of mistake: an edit of Merton, the one line `check` must print for it (its place
named as an inspector names it: "standard 1.2, rating", "key question 2.1.3, 'yes'", "domain 2, cases")
and, for values the models refuse, the pydantic error type the row exercises, so that every type
reportgen/messages.py words is proved by a row. Then: ten different slips in one file, all reported
in one run, in file order, with a count.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from reportgen.load import parse_yaml
from reportgen.messages import PROGRAMMER_WORDS, PYTHON_WORDS, YAML_PROBLEMS
from reportgen.model import Findings

from .editing import MERTON, edit, insert_after, line_of
from .test_cli import run_cli
from .variants import Variant


def at(step: str, old: str, new: str, *steps: str):
    """Merton with `old` typed as `new` on the line of `step`: for what the reader makes of typed text (dates,
    tabs, quotes, a duplicate field) — values are changed by path (`changed`)."""
    return lambda: edit(line_of(*steps, step), old, new)


def changed(path: str, value=None, *, rename: str | None = None, delete: bool = False):
    """Merton with the value at `path` set to `value`, its key renamed, or it deleted (tests/variants.py)."""
    def variant() -> str:
        merton = Variant()
        if rename is not None:
            merton.rename(path, rename)
        elif delete:
            merton.delete(path)
        else:
            merton.set(path, value)
        return merton.text()
    return variant


S12, S13, S14, S21 = (f'domains["{d}"].standards["{d}.{n}"]' for d, n in (("1", 2), ("1", 3), ("1", 4), ("2", 1)))
KQ211, KQ213 = f'{S21}.key_questions["2.1.1"]', f'{S21}.key_questions["2.1.3"]'
CASES = 'domains["2"].cases'
ROWS = [  # (name, changed text, pydantic type or None (the YAML reader or a rule), expected end of the line)
    # --- dates ---
    ("impossible-day", at("published:", "2021-08", "2025-02-30"), "date_from_datetime_parsing",
     "inspection, published: found the impossible date 2025-02-30 (February 2025 has 28 days), expected a date written YYYY-MM-DD, e.g. 2021-05-17"),
    ("month-13", at("published:", "2021-08", "2025-13-01"), "date_from_datetime_parsing",
     "inspection, published: found the impossible date 2025-13-01 (there is no month 13), expected a date written YYYY-MM-DD, e.g. 2021-05-17"),
    ("date-without-zeros", at("published:", "2021-08", "2027-2-28"), "date_from_datetime_parsing",
     "inspection, published: found '2027-2-28', expected a date written YYYY-MM-DD: 2027-02-28"),
    ("date-with-slashes", at("published:", "2021-08", "01/03/2025"), "date_from_datetime_parsing",
     "inspection, published: found '01/03/2025', expected a date written YYYY-MM-DD: 2025-03-01"),
    ("date-in-words", at("published:", "2021-08", "28 February 2027"), "date_from_datetime_parsing",
     "inspection, published: found '28 February 2027', expected a date written YYYY-MM-DD: 2027-02-28"),
    ("month-without-zero", at("published:", "2021-08", "2027-2"), "date_from_datetime_parsing",
     "inspection, published: found '2027-2', expected a month written YYYY-MM: 2027-02 (or a date, YYYY-MM-DD)"),
    ("not-a-date", at("published:", "2021-08", "soon"), "date_from_datetime_parsing",
     "inspection, published: found 'soon', expected a date written YYYY-MM-DD, e.g. 2021-05-17"),
    ("date-and-time", at("published:", "2021-08", "2021-08-01 10:30:00"), "date_from_datetime_inexact",
     "inspection, published: found '2021-08-01 10:30:00', expected a date written YYYY-MM-DD, e.g. 2021-05-17, without a time: 2021-08-01"),
    ("date-as-list", at("published:", "2021-08", "[2021-08-01]"), "date_type",
     "inspection, published: found a list of 1 item, expected a date written YYYY-MM-DD, e.g. 2021-05-17"),
    ("date-too-early", at("published:", "2021-08", "1921-08-01"), "greater_than_equal",
     "inspection, published: found '1921-08-01', expected a date on or after 1990-01-01"),
    # --- shapes ---
    ("list-where-text", changed("inspection.fieldwork", ["May", "June"]), "string_type",
     "inspection, fieldwork: found a list of 2 items, expected one text, not a list or fields"),
    ("text-where-list", changed('domains["1"].strengths', "Good partnerships."), "tuple_type",
     "domain 1, strengths: found 'Good partnerships.', expected a list of paragraphs, one per line starting with '- '"),
    ("text-where-fields", changed(KQ211, "all good"), "model_type",
     "key question 2.1.1: found 'all good', expected fields indented beneath it, one 'name: value' a line "
     "(relevant, yes, percent, prompts, narrative, strengths, areas_for_improvement, sections)"),
    ("list-where-fields", changed(f"{KQ211}.prompts", [9, 9]), "dict_type",
     "key question 2.1.1, prompts: found a list of 2 items, expected fields indented beneath it, one 'name: value' a line"),
    ("fields-where-text", changed("inspection.fieldwork", {"from": "May", "to": "June"}), "string_type",
     "inspection, fieldwork: found fields (from, to) where one value goes, expected one text, not a list or fields"),
    # --- numbers ---
    ("words-where-number", changed(CASES, "nine"), "int_type", "domain 2, cases: found 'nine', expected a whole number, e.g. 12"),
    ("fraction", changed(CASES, 8.5), "int_type", "domain 2, cases: found '8.5', expected a whole number, e.g. 12"),
    ("list-where-number", changed(CASES, [9]), "int_type", "domain 2, cases: found a list of 1 item, expected a whole number, e.g. 12"),
    ("negative", changed(CASES, -1), "greater_than_equal", "domain 2, cases: found the number -1, expected a whole number at least 0"),
    ("percent-over-100", lambda: Variant().delete(f"{KQ211}.relevant").rename(f"{KQ211}.yes", "percent").set(f"{KQ211}.percent", 101).text(),
     "less_than_equal", "key question 2.1.1, percent: found the number 101, expected a whole number at most 100"),
    ("relevant-without-yes", lambda: Variant().rename(f"{KQ211}.yes", "narrative").set(f"{KQ211}.narrative", "counted").text(), "value_error",
     "key question 2.1.1: found fields (relevant, narrative, prompts) where one value goes, expected give both relevant and yes"),
    # --- text forms and choices ---
    ("bad-isbn", changed("inspection.isbn", "978-1"), "string_pattern_mismatch",
     "inspection, isbn: found '978-1', expected an ISBN written with hyphens, e.g. 978-1-915468-14-7"),
    ("bad-id", changed("edition", "youth 2018"), "string_pattern_mismatch",
     "edition: found 'youth 2018', expected an id of letters, digits, '.', '_' or '-' (at most 40), e.g. 2.1.1"),
    ("long-id", changed("edition", "y" * 41), "string_too_long",
     f"edition: found '{'y' * 41}', expected an id of letters, digits, '.', '_' or '-' (at most 40), e.g. 2.1.1"),
    ("placement", changed(f"{S12}.sections[0].placement", "first"), "literal_error",
     "standard 1.2, section \"Key staffing data[^staffing-data]\", placement: found 'first', expected one of 'before', 'after_strengths', 'after'"),
    ("no-recommendations", changed("recommendations", []),
     "too_short", "recommendations: found a list of 0 items, expected at least one item"),
    ("unknown-field", changed("inspection.leader", "Mike Lane"), "extra_forbidden",
     "inspection, leader: found an unknown field 'leader', expected a field among 'published', 'fieldwork', 'lead_inspector', "
     "'isbn', 'kind', 'interviews', 'meetings' (did you mean 'lead_inspector'?)"),
    ("missing-field", changed("inspection.lead_inspector", delete=True), "missing",
     "inspection, lead_inspector: found nothing, expected a value for 'lead_inspector' (required)"),
    # --- the edition's rules ---
    ("rating-capitals", changed(f"{S12}.rating", "Requires Improvement"), None,
     "standard 1.2, rating: found 'Requires Improvement', expected a rating word: 'Inadequate', 'Requires improvement', 'Good', "
     "'Outstanding' (did you mean 'Requires improvement'?)"),
    ("rating-misspelt", changed(f"{S13}.rating", "Outstandng"), None,
     "standard 1.3, rating: found 'Outstandng', expected a rating word: 'Inadequate', 'Requires improvement', 'Good', "
     "'Outstanding' (did you mean 'Outstanding'?)"),
    ("no-rating", changed(f"{S12}.rating", delete=True), None,
     "standard 1.2: found no rating, expected a rating for 1.2 Staff (Inadequate / Requires improvement / Good / Outstanding)"),
    ("yes-over-relevant", changed(f"{KQ213}.yes", 26), None,
     "key question 2.1.3, 'yes': found 26, expected at most the 9 relevant cases"),
    ("relevant-over-cases", changed(f"{KQ211}.relevant", 10), None,
     "key question 2.1.1, relevant: found 10, expected at most the 9 cases inspected"),
    ("one-relevant-case", lambda: Variant().set(f"{KQ211}.prompts.a.relevant", 1).set(f"{KQ211}.prompts.a.yes", 2).text(), None,
     "key question 2.1.1, prompt a, 'yes': found 2, expected at most the 1 relevant case"),
    ("unknown-key-question", changed(f'{S21}.key_questions["2.1.2"]', rename="2.1.9"), None,
     "key question 2.1.9: found key question '2.1.9', expected a key question of 2.1: '2.1.1', '2.1.2', '2.1.3' (did you mean '2.1.2'?)"),
    ("unknown-prompt", changed(f"{KQ211}.prompts.f", rename="h"), None,
     "key question 2.1.1, prompt h: found prompt 'h', expected a prompt of 2.1.1: 'a', 'b', 'c', 'd', 'e', 'f', 'g' (did you mean 'f'?)"),
    ("unknown-standard", changed(f"{S14}.id", "1.5"), None,
     "standard 1.5, id: found '1.5', expected a standard of domain 1: '1.1', '1.2', '1.3', '1.4' (did you mean '1.4'?)"),
    ("unknown-edition", changed("edition", "youth-2019"), None, "edition: found 'youth-2019', expected one of "),
    # --- what the reader cannot read ---
    ("colon-in-text", at("fieldwork:", "between 17 May and 20 May 2021", "Fieldwork: May 2021"), None,
     "found a ': ' inside a value, expected a text containing ': ' in quotes, e.g. fieldwork: \"May: 2022\""),
    ("tab-indent", at("cases: 9", "    cases: 9", "\tcases: 9"), None,
     "found a tab, expected spaces for indentation (tabs are not allowed)"),
    ("quote-opening-a-list-item", at("- >-", "- >-", "- 'Good' practice was seen in most cases.\n      - >-", "areas_for_improvement:"), None,
     "found a text opening with a quotation mark ('Good' practice was seen in most cases.): only 'Good' is read, the words "
     "after it cannot be, expected the whole text in quotes: - \"'Good' practice was seen in most cases.\""),
    ("quote-opening-a-value", at("fieldwork:", "between 17 May and 20 May 2021", '"Between" 17 and 20 May 2021'), None,
     "found a text opening with a quotation mark (\"Between\" 17 and 20 May 2021): only \"Between\" is read, the words after "
     "it cannot be, expected the whole text in quotes: fieldwork: '\"Between\" 17 and 20 May 2021'"),
    ("bracket-opening-a-value", at("fieldwork:", "between 17 May and 20 May 2021", "[draft] 17 to 20 May 2021"), None,
     "found a text opening with a bracket '[' ([draft] 17 to 20 May 2021): only [draft] is read, the words after it cannot be, "
     "expected the whole text in quotes: fieldwork: \"[draft] 17 to 20 May 2021\""),
    ("bracket-not-closed", at("fieldwork:", "between 17 May and 20 May 2021", "[draft 17 to 20 May 2021"), None,
     "found a '[' list that is not closed, expected a closing ']' (or the text in quotes, if the '[' is part of it)"),
    ("brace-not-closed", at("fieldwork:", "between 17 May and 20 May 2021", "{draft 17 to 20 May 2021"), None,
     "found a '{' that is not closed, expected a closing '}' (or the text in quotes, if the '{' is part of it)"),
    ("duplicate-field", lambda: insert_after(line_of("lead_inspector:"), "  lead_inspector: Someone Else\n"), None,
     "inspection, lead_inspector: found the field 'lead_inspector' a second time, expected each field once"),
    ("type-mark", at("service:", "service:", "service: !!python/object/apply:os.system [true]"), None,
     "service: found the type mark !!python/object/apply:os.system, expected plain values, without '!' marks"),
]


@pytest.mark.parametrize("name, text, kind, expected", ROWS, ids=[row[0] for row in ROWS])
def test_each_message_in_plain_words(tmp_path: Path, name: str, text, kind: str | None, expected: str) -> None:
    source = text()
    path = tmp_path / "findings.yml"
    path.write_text(source, encoding="utf-8")
    code, stdout, stderr = run_cli("check", str(path))
    lines = [line for line in stderr.splitlines() if ": error: " in line]
    assert code == 1 and lines, stderr
    assert not PROGRAMMER_WORDS.search(stderr), stderr
    matching = [line for line in lines if line.startswith(f"{path}:") and (expected in line if expected.endswith(" ") else line.endswith(expected))]
    assert matching, "\n".join(lines)
    slips = [line for line in lines if "unused" not in line]  # 'unused:' takes up what the edit left indented beneath
    assert len(slips) == 1, "one slip, one line:\n" + "\n".join(lines)
    if kind is not None:  # the row proves the wording of that pydantic error type
        with pytest.raises(ValidationError) as raised:
            Findings.model_validate(parse_yaml(source, "findings.yml").data)
        assert kind in {e["type"] for e in raised.value.errors()}


def test_every_worded_error_type_has_a_row() -> None:
    worded = {"string_type", "int_type", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact", "tuple_type",
              "model_type", "dict_type", "too_short", "string_too_long", "string_pattern_mismatch", "greater_than_equal",
              "less_than_equal", "literal_error", "extra_forbidden", "missing", "value_error"}
    assert worded <= {row[2] for row in ROWS}


def test_every_reader_message_is_plain() -> None:
    """What the YAML reader says is worded without its own terms: each (found, expected) of the table."""
    for said, found, expected in YAML_PROBLEMS:
        assert not PROGRAMMER_WORDS.search(found + " " + expected), (said, found, expected)


def test_python_and_programmer_words_are_caught() -> None:
    """The guard itself: the messages the issues quote would fail; an inspector's wording passes."""
    for said in ("expected a valid tuple", "valid dictionary or instance of KeyQuestionFindings",
                 "found datetime.date(2025, 1, 13)", "input_value='x'"):
        assert PYTHON_WORDS.search(said) and PROGRAMMER_WORDS.search(said), said
    for said in ("domains[0].standards[1].rating", 'key_questions["2.1.3"].yes', "found a mapping",
                 "expected a YAML mapping of findings", "an empty document", "a plain scalar", "found None"):
        assert PROGRAMMER_WORDS.search(said), said
    for said in ("standard 1.2, rating", "key question 2.1.3, 'yes'", "domain 2, cases", "none: discretion applies",
                 "found 'nine', expected a whole number, e.g. 12"):
        assert not PROGRAMMER_WORDS.search(said), said


# --- ten slips, one run --------------------------------------------------------------------------------

def slip(step: str, old: str, new: str, *steps: str):
    """An edit of whatever text it is given, on the line found by `steps` then `step` in that text."""
    return lambda text: edit(line_of(*steps, step, text=text), old, new, text)


def value(change):
    """A change of a value by path, made on the variant before the typed slips (tests/variants.py)."""
    change.by_path = True
    return change


TEN_SLIPS = [  # (what the inspector did, the change, the place the line names)
    ("a date without leading zeros", slip("published:", "2021-08", "2027-2-28"), "inspection, published"),
    ("an unknown field", value(lambda merton: merton.set("inspection.leader", "Mike Lane")), "inspection, leader"),
    ("a word where a number goes", value(lambda merton: merton.set(CASES, "nine")), "domain 2, cases"),
    ("a rating in the wrong capitals", value(lambda merton: merton.set('domains["1"].standards["1.1"].rating', "Requires Improvement")),
     "standard 1.1, rating"),
    ("a misspelt rating", value(lambda merton: merton.set(f"{S13}.rating", "Outstandng")), "standard 1.3, rating"),
    ("more 'yes' than relevant", value(lambda merton: merton.set(f"{KQ213}.yes", 26)), "key question 2.1.3, 'yes'"),
    ("an unknown key question", value(lambda merton: merton.rename(f'{S21}.key_questions["2.1.2"]', "2.1.9")), "key question 2.1.9"),
    ("an unknown prompt", value(lambda merton: merton.rename(f"{KQ211}.prompts.f", "h")), "key question 2.1.1, prompt h"),
    ("more relevant than inspected", value(lambda merton: merton.set('domains["3"].standards["3.1"].key_questions["3.1.1"].relevant', 7)),
     "key question 3.1.1, relevant"),
    ("a quote opening a list item", slip("- >-", "- >-", "- 'Good' practice was seen in most cases.\n      - >-", "areas_for_improvement:"),
     None),
]


def test_ten_slips_are_ten_lines_in_one_run_in_file_order(tmp_path: Path) -> None:
    merton = Variant()
    for _, change, _ in TEN_SLIPS:
        if getattr(change, "by_path", False):
            change(merton)
    text = merton.text()
    for _, change, _ in TEN_SLIPS:
        if not getattr(change, "by_path", False):
            text = change(text)
    path = tmp_path / "slips.yml"
    path.write_text(text, encoding="utf-8")
    code, stdout, stderr = run_cli("check", str(path))
    assert code == 1 and stdout == ""
    *lines, closing = stderr.splitlines()
    assert closing == f"10 problems in {path}", stderr
    assert len(lines) == 10 and all(": error: " in line for line in lines), stderr
    numbers = [tuple(int(n) for n in re.match(rf"{re.escape(str(path))}:(\d+):(\d+): ", line).groups()) for line in lines]
    assert numbers == sorted(numbers), "in file order"
    places = [line.split(": error: ")[1] for line in lines]
    for what, _, place in TEN_SLIPS:
        if place is not None:
            assert sum(p.startswith(place + ": ") for p in places) == 1, (what, place, places)
    assert sum("opening with a quotation mark" in p for p in places) == 1
    assert not PROGRAMMER_WORDS.search(stderr), stderr


def test_slips_the_reader_stops_at_are_read_past_when_confined_to_one_value(tmp_path: Path) -> None:
    """A quote opening a text and a ': ' inside one are read as "" so the rest is checked in the same run;
    the value left out gives no second, made-up problem. A slip that may change the file's structure
    (an indentation) stops reading there: what follows could not be placed."""
    text = slip("fieldwork:", "between 17 May and 20 May 2021", "Fieldwork: May 2021")(MERTON)
    text = slip("- >-", "- >-", "- 'Good' practice was seen.\n      - >-", "areas_for_improvement:")(text)
    text = slip("cases: 9", "9", "nine")(text)  # typed, as the slips above it are
    path = tmp_path / "slips.yml"
    path.write_text(text, encoding="utf-8")
    code, _, stderr = run_cli("check", str(path))
    *lines, closing = stderr.splitlines()
    assert code == 1 and closing == f"3 problems in {path}", stderr
    assert [line.split(": error: ")[1].split(",")[0] for line in lines] == ["found a ': ' inside a value",
                                                                           "found a text opening with a quotation mark ('Good' practice was seen.): only 'Good' is read",
                                                                           "domain 2"]
    stuck = slip("cases: nine", "    cases: nine", "   cases: nine")(text)  # one space short: the domain's fields no longer line up
    path.write_text(stuck, encoding="utf-8")
    code, _, stderr = run_cli("check", str(path))
    *lines, closing = stderr.splitlines()
    assert code == 1 and len(lines) == 3 and closing == f"3 problems in {path}", stderr
    assert "indented differently" in lines[-1] and "nine" not in stderr  # read no further than the third slip
