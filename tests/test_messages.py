"""Issue 13: every message the tool gives for a wrong value, in the inspector's words — never Python's.

One row per kind of mistake: an edit of Merton, the one line `check` must print for it, and
(for values the models refuse) the pydantic error type the row exercises, so that every type
reportgen/messages.py words is proved by a row.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from reportgen.load import parse_yaml
from reportgen.messages import PYTHON_WORDS
from reportgen.model import Findings

from .editing import MERTON, edit, line_of
from .test_cli import run_cli


def at(step: str, old: str, new: str, *steps: str):
    return lambda: edit(line_of(*steps, step), old, new)


ROWS = [  # (name, edited text, pydantic type or None for the YAML reader, expected end of the line)
    ("impossible-day", at("published:", "2021-08-01", "2025-02-30"), "date_from_datetime_parsing",
     "inspection.published: found the impossible date 2025-02-30, expected a date written YYYY-MM-DD, e.g. 2021-05-17"),
    ("month-13", at("published:", "2021-08-01", "2025-13-01"), "date_from_datetime_parsing",
     "inspection.published: found the impossible date 2025-13-01, expected a date written YYYY-MM-DD, e.g. 2021-05-17"),
    ("date-with-slashes", at("published:", "2021-08-01", "01/03/2025"), "date_from_datetime_parsing",
     "inspection.published: found '01/03/2025', expected a date written YYYY-MM-DD, e.g. 2021-05-17"),
    ("date-and-time", at("published:", "2021-08-01", "2021-08-01 10:30:00"), "date_from_datetime_inexact",
     "inspection.published: found '2021-08-01 10:30:00', expected a date written YYYY-MM-DD, e.g. 2021-05-17, without a time"),
    ("date-as-list", at("published:", "2021-08-01", "[2021-08-01]"), "date_type",
     "inspection.published: found a list of 1 item, expected a date written YYYY-MM-DD, e.g. 2021-05-17"),
    ("date-too-early", at("published:", "2021-08-01", "1921-08-01"), "greater_than_equal",
     "inspection.published: found '1921-08-01', expected a date on or after 1990-01-01"),
    ("list-where-text", at("fieldwork:", "between 17 May and 20 May 2021", "[May, June]"), "string_type",
     "inspection.fieldwork: found a list of 2 items, expected one text, not a list or mapping"),
    ("text-where-list", lambda: edit(line_of("strengths:"), "strengths:", "strengths: Good partnerships.\n    unused_strengths:"), "tuple_type",
     "domains[0].strengths: found 'Good partnerships.', expected a list of paragraphs, one per line starting with '- '"),
    ("text-where-mapping", at('"2.1.1":', '"2.1.1":', '"2.1.1": all good\n          "unused":'), "model_type",
     'domains[1].standards[0].key_questions["2.1.1"]: found \'all good\', expected a mapping with keys relevant, yes, percent, '
     "prompts, narrative, strengths, areas_for_improvement, sections: 'key: value' lines indented beneath"),
    ("list-where-mapping", at("prompts:", "prompts:", "prompts: [9, 9]\n            unused:", '"2.1.1":'), "dict_type",
     'domains[1].standards[0].key_questions["2.1.1"].prompts: found a list of 2 items, expected a mapping: \'key: value\' lines indented beneath'),
    ("words-where-number", at("cases: 9", "9", "nine"), "int_type",
     "domains[1].cases: found 'nine', expected a whole number, e.g. 12"),
    ("fraction", at("cases: 9", "9", "8.5"), "int_type",
     "domains[1].cases: found '8.5', expected a whole number, e.g. 12"),
    ("list-where-number", at("cases: 9", "9", "[9]"), "int_type",
     "domains[1].cases: found a list of 1 item, expected a whole number, e.g. 12"),
    ("negative", at("cases: 9", "9", "-1"), "greater_than_equal",
     "domains[1].cases: found the number -1, expected a whole number at least 0"),
    ("bad-isbn", at("isbn:", "978-1-914478-14-7", "978-1"), "string_pattern_mismatch",
     "inspection.isbn: found '978-1', expected an ISBN written with hyphens, e.g. 978-1-915468-14-7"),
    ("bad-id", at("edition:", "youth-2018", "youth 2018"), "string_pattern_mismatch",
     "edition: found 'youth 2018', expected an id of letters, digits, '.', '_' or '-' (at most 40), e.g. 2.1.1"),
    ("long-id", at("edition:", "youth-2018", "y" * 41), "string_too_long",
     f"edition: found '{'y' * 41}', expected an id of letters, digits, '.', '_' or '-' (at most 40), e.g. 2.1.1"),
    ("placement", at("placement: before", "before", "first"), "literal_error",
     "placement: found 'first', expected one of 'before', 'after_strengths', 'after'"),
    ("no-recommendations", lambda: MERTON.replace("recommendations:\n  - addressee", "recommendations: []\nunused:\n  - addressee", 1),
     "too_short", "recommendations: found a list of 0 items, expected at least one item"),
    ("colon-in-text", at("fieldwork:", "between 17 May and 20 May 2021", "Fieldwork: May 2021"), None,
     "found a ': ' inside a value, expected a text containing ': ' in quotes, e.g. fieldwork: \"May: 2022\""),
    ("tab-indent", at("cases: 9", "    cases: 9", "\tcases: 9"), None,
     "found a tab, expected spaces for indentation (YAML does not allow tabs)"),
]
ROWS.append(("percent-over-100", lambda: MERTON.replace('"2.1.1":\n            relevant: 9\n            "yes": 9',
                                                         '"2.1.1":\n            percent: 101', 1),
             "less_than_equal", 'domains[1].standards[0].key_questions["2.1.1"].percent: found the number 101, expected a whole number at most 100'))


@pytest.mark.parametrize("name, text, kind, expected", ROWS, ids=[row[0] for row in ROWS])
def test_each_message_in_plain_words(tmp_path: Path, name: str, text, kind: str | None, expected: str) -> None:
    source = text()
    path = tmp_path / "findings.yml"
    path.write_text(source, encoding="utf-8")
    code, stdout, stderr = run_cli("check", str(path))
    lines = [line for line in stderr.splitlines() if ": error: " in line]
    assert code == 1 and lines, stderr
    assert not PYTHON_WORDS.search(stderr), stderr
    assert any(line.startswith(f"{path}:") and line.endswith(expected) for line in lines), lines
    if kind is not None:  # the row proves the wording of that pydantic error type
        with pytest.raises(ValidationError) as raised:
            Findings.model_validate(parse_yaml(source, "findings.yml").data)
        assert kind in {e["type"] for e in raised.value.errors()}


def test_every_worded_error_type_has_a_row() -> None:
    worded = {"string_type", "int_type", "date_type", "date_from_datetime_parsing",
              "date_from_datetime_inexact", "tuple_type", "model_type", "dict_type", "too_short", "string_too_long",
              "string_pattern_mismatch", "greater_than_equal", "less_than_equal", "literal_error"}
    assert worded <= {row[2] for row in ROWS}


def test_python_words_are_caught() -> None:
    """The guard itself: the messages the issue quotes would fail."""
    for said in ("expected a valid tuple", "valid dictionary or instance of KeyQuestionFindings",
                 "found datetime.date(2025, 1, 13)", "input_value='x'"):
        assert PYTHON_WORDS.search(said), said
