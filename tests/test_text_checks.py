"""The text-check registry (checks/__init__.py): positions of words, judged exceptions, stale ones, counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import checks
from reportgen.checks import CheckInput, TextCheck
from reportgen.checks.where import Places, block_at, parse_path
from reportgen.errors import ReportError
from reportgen.load import format_path, parse_yaml, strings_in
from reportgen.house import Folders, load_house
from reportgen.validate import check_file

from .editing import MERTON, line_of
from .test_cli import run_cli
from .variants import Variant

HOUSE = load_house(Folders.given(environ={}))


STYLES = """\
plain: one two
  three four
quoted: "say \\"five\\" six"
single: 'it''s seven'
literal: |
  eight nine

  ten
folded: >
  eleven
  twelve
"""


@pytest.mark.parametrize("path, word", [(("plain",), "four"), (("quoted",), "six"), (("single",), "seven"),
                                         (("literal",), "ten"), (("folded",), "twelve")])
def test_a_word_of_a_value_is_placed_where_the_file_writes_it(path, word) -> None:
    source = parse_yaml(STYLES, "styles.yml")
    places = Places(source)
    value = source.data[path[0]]
    line, column = places.position(path, value.index(word))
    assert STYLES.splitlines()[line - 1][column - 1:].startswith(word)
    assert places.offset(path, line, column) == value.index(word)  # and back


def test_a_field_path_is_read_back_from_its_printed_form() -> None:
    path = ("domains", 1, "standards", 0, "key_questions", "2.1.1", "narrative")
    assert parse_path(format_path(path)) == path


def test_the_block_of_an_offset_counts_paragraphs_and_list_items() -> None:
    value = "First paragraph.\n\n- one item\n- two item\n\nLast one."
    assert [block_at(value, value.index(w)) for w in ("First", "one", "two", "Last")] == [0, 1, 2, 3]


WORD = "statutory"  # a word Merton uses five times, flagged by the test's own check below


def flag_word(given: CheckInput) -> list:
    """A check for the registry's sake: every place WORD is written in the findings' text."""
    return [given.problem("word", path, i, repr(WORD), "another word")
            for path, text in strings_in(given.source.data) if path[0] != "allow"
            for i in range(len(text)) if text.startswith(WORD, i)]


@pytest.fixture()
def word_check(monkeypatch):
    monkeypatch.setattr(checks, "TEXT_CHECKS", (TextCheck("word", flag_word),))


def merton_with(folder: Path, *allowed: dict) -> Path:
    """Merton with these `allow:` entries in place of its own (which judge the real checks, not this one)."""
    return Variant("merton").set("allow", list(allowed)).write(folder)


def test_a_text_checks_warning_names_the_file_line_and_column_of_the_word(word_check, tmp_path) -> None:
    warnings = [w for w in check_file(merton_with(tmp_path), HOUSE).warnings if w.check == "word"]
    assert warnings
    for warning in warnings:
        assert MERTON.splitlines()[warning.line - 1][warning.column - 1:].startswith(WORD)
        assert warning.severity == "warning"
    assert len(warnings) == MERTON.count(WORD) and warnings[0].field == "background"
    with pytest.raises(ReportError) as refused:
        check_file(merton_with(tmp_path), HOUSE, final=True)
    assert any(p.check == "word" and p.severity == "error" for p in refused.value.problems)


def test_an_allowed_text_covers_every_place_it_is_written_and_only_for_its_check(word_check, tmp_path) -> None:
    allowed = {"text": WORD, "why": "the legal term", "check": "word"}
    assert not [w for w in check_file(merton_with(tmp_path, allowed), HOUSE).warnings if w.check in ("word", "allow")]
    left = check_file(merton_with(tmp_path, {**allowed, "check": "spelling"}), HOUSE).warnings
    assert [w for w in left if w.check == "word"]  # an entry for another check allows nothing here…
    assert any(w.check == "allow" and w.field == "allow[0].check" for w in left)  # …and 'spelling' is no check of this run


def test_an_allowed_sentence_covers_the_words_inside_it(word_check, tmp_path) -> None:
    sentence = "YOTs are statutory partnerships, and they"
    allowed = {"text": sentence, "why": "quoted from the statute"}
    warnings = [w for w in check_file(merton_with(tmp_path, allowed), HOUSE).warnings if w.check == "word"]
    assert len(warnings) == MERTON.count(WORD) - 1  # the one inside the sentence is allowed, the rest stay


def test_an_allowed_text_that_allows_nothing_is_a_stale_warning(word_check, tmp_path) -> None:
    path = merton_with(tmp_path, {"text": "no such words anywhere", "why": "an old judgement"})
    stale = [w for w in check_file(path, HOUSE).warnings if w.check == "allow"]
    assert len(stale) == 1 and "no such words anywhere" in stale[0].found and "stale" in stale[0].expected
    assert stale[0].line == line_of("allow:", "no such words anywhere", text=path.read_text(encoding="utf-8"))


def test_counts_print_each_check_with_and_without_the_reports_exceptions(word_check, tmp_path) -> None:
    path = merton_with(tmp_path, {"text": WORD, "why": "the legal term"})
    total = MERTON.count(WORD)
    code, out, _ = run_cli("check", "--counts", str(path))
    assert code == 0
    assert out.strip() == f"{path}: word 0 · allow 0 (before words:/allow: word {total})"
