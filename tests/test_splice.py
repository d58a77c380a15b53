"""Issue 20 item 8: findings edited in place (absorb, cases import) keep every byte they did not change.

ruamel.yaml's round trip, which absorb used, dumped the whole document again: a file mixing list
styles came back re-indented (some 600 lines), a CRLF file with mixed line endings, a byte-order mark
dropped. reportgen/splice writes each change over the stretch of text its value occupies.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.load import parse_yaml, strings_in
from reportgen.review.rewrite import rewrite_yaml
from reportgen.splice import Edits, SpliceError, splice

from .editing import MERTON

pytestmark = pytest.mark.slow  # hypothesis over every value of every findings file: in `make test`, not the quick loop

ROOT = Path(__file__).resolve().parent.parent
STRENGTH = ("domains", 0, "strengths", 1)  # "The YJS board is well attended …", a folded block in a list
FILES = {name: (ROOT / "findings" / f"{name}.yml").read_text(encoding="utf-8")
         for name in ("merton", "havering", "bromley", "lambeth", "examples/youth-2018-example")}


def flush_lists(text: str) -> str:
    """Merton with its recommendations' lists written flush with their keys ('- ' under the 'r' of
    'recommendations:'), the rest indented as it was: a file mixing the two list styles."""
    head, rest = text.split("\nrecommendations:\n", 1)
    block, tail = rest.split("\nbackground:", 1)
    block = "".join(line[2:] if line.startswith("  ") else line for line in block.splitlines(keepends=True))
    return f"{head}\nrecommendations:\n{block}\nbackground:{tail}"


MIXED = flush_lists(MERTON)
CASES = {  # what the file is like → its text
    "lists-in-two-styles": MIXED,
    "crlf": MERTON.replace("\n", "\r\n"),
    "byte-order-mark": "\ufeff" + MERTON,
}


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(a) == len(b), "lines were added or removed"
    return [(x, y) for x, y in zip(a, b) if x != y]


def test_the_mixed_file_is_what_it_says() -> None:
    assert re.search(r"\nrecommendations:\n- addressee:", MIXED) and re.search(r"\n    strengths:\n      - ", MIXED)
    assert parse_yaml(MIXED, "mixed.yml").data == parse_yaml(MERTON, "merton.yml").data


@pytest.mark.parametrize("case", CASES)
def test_absorbs_rewrite_changes_only_the_edited_line(case, house) -> None:
    text = CASES[case]
    old = parse_yaml(text.removeprefix("\ufeff"), "f.yml").data["domains"][0]["strengths"][1]
    rewritten = rewrite_yaml(text, {STRENGTH: old.replace("well attended", "well supported")}, {}, Path("f.yml"), None, house)
    assert rewritten.startswith("\ufeff") == text.startswith("\ufeff")
    ((before, after),) = changed_lines(text, rewritten)
    assert after == before.replace("well attended", "well supported")  # its own line break and indentation too
    if case == "crlf":
        assert rewritten.count("\n") == rewritten.count("\r\n")


@pytest.mark.parametrize("case", CASES)
def test_a_comment_note_comes_in_the_files_own_indentation_and_line_breaks(case, house) -> None:
    text = CASES[case]
    item = ("recommendations", 0)
    rewritten = rewrite_yaml(text, {}, {item: [{"text": "Check the wording.", "author": "Jo Editor"}]}, Path("f.yml"), None, house)
    eol = "\r\n" if case == "crlf" else "\n"
    indent = "" if case == "lists-in-two-styles" else "  "  # the item's fields are two spaces further left there
    added = f"{indent}  notes:{eol}{indent}    - text: Check the wording.{eol}{indent}      author: Jo Editor{eol}"
    assert rewritten.replace(added, "", 1) == text


@pytest.mark.slow
def test_a_real_absorb_of_a_crlf_file_with_a_byte_order_mark_and_two_list_styles(house, tmp_path) -> None:
    """The whole command on a file with all three: the edited word changes, no other byte."""
    from reportgen.review.absorb import absorb
    from reportgen.review.drafting import findings_origin, render_draft
    from reportgen.validate import check_file

    path = tmp_path / "merton.yml"
    text = "\ufeff" + MIXED.replace("\n", "\r\n")
    path.write_bytes(text.encode("utf-8"))
    checked = check_file(path, house)
    draft = render_draft(checked, house, ("docx",), origin=findings_origin(path, checked))["docx"]
    document = docx.Document(io.BytesIO(draft))
    edits = {"The YJS board is well attended and": ("well attended", "well supported"),
             "ensure that the staff ethnicity profile": ("staff ethnicity profile", "staff profile")}
    for paragraph in document.paragraphs:
        starts = next((s for s in edits if paragraph.text.startswith(s)), None)
        for run in paragraph.runs if starts else ():
            run.text = run.text.replace(*edits[starts])
    out = io.BytesIO()
    document.save(out)
    result = absorb(out.getvalue(), "edited.docx", path, house)
    assert sorted(result.changed) == ["domains.0.strengths.1", "recommendations.0.recommendations.1"]
    expected = text.replace("The YJS board is well attended and", "The YJS board is well supported and", 1) \
        .replace("ensure that the staff ethnicity profile", "ensure that the staff profile", 1)
    assert result.text == expected


# ---- the splicer on every findings file, at random ----

PIECES = [*"abc XYZ:#'\"-*&!|>%@`,[]{}é\n\t", "\u2013", "  ", "word", "true", "12", "- ", ": ", " #", "\n\n"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)


def string_paths(text: str) -> list[tuple]:
    data = parse_yaml(text.removeprefix("\ufeff"), "f.yml").data
    return [path for path, _ in strings_in(data)]


PATHS = {name: string_paths(text) for name, text in FILES.items()}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), crlf=st.booleans())
def test_any_new_text_for_any_value_changes_only_that_values_lines(data, crlf) -> None:
    name = data.draw(st.sampled_from(sorted(FILES)))
    text = FILES[name].replace("\n", "\r\n") if crlf else FILES[name]
    path = data.draw(st.sampled_from(PATHS[name]))
    value = data.draw(TEXT)
    located = parse_yaml(text, "f.yml")
    out = splice(text, Edits(values={path: value}))  # raises unless it reads back as exactly this edit
    first = located.values[path][0]
    before, after = text.splitlines(keepends=True), out.splitlines(keepends=True)
    assert after[: first - 1] == before[: first - 1]
    same_end = 0
    while same_end < min(len(before), len(after)) and before[-1 - same_end] == after[-1 - same_end]:
        same_end += 1
    changed = len(after) - same_end - (first - 1)
    assert changed <= 2 * value.count("\n") + 2, out  # the value's own lines (a folded block doubles breaks), no others
    if crlf:
        assert out.count("\n") == out.count("\r\n")


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_list_items_added_and_taken_out_are_written_like_their_neighbours(data) -> None:
    name = data.draw(st.sampled_from(sorted(FILES)))
    text = FILES[name]
    located = parse_yaml(text, "f.yml")
    lists = [p for p, v in _containers(located.data) if isinstance(v, list) and v and all(isinstance(i, str) for i in v)]
    path = data.draw(st.sampled_from(lists))
    items = located.data
    for part in path:
        items = items[part]
    deleted = data.draw(st.sets(st.integers(0, len(items) - 1), max_size=len(items) - 1))
    inserted = data.draw(st.lists(st.tuples(st.integers(0, len(items)), TEXT.filter(lambda t: t.strip())), max_size=3))
    edits = Edits(inserts=[(path, i, v) for i, v in inserted], deletes=[(*path, i) for i in sorted(deleted)])
    out = splice(text, edits)
    kept = [line for line in text.splitlines() if line in out.splitlines()]
    assert len(text.splitlines()) - len(kept) <= sum(v.count("\n") + 3 for v in items) + 2


def _containers(value, path=()):
    if isinstance(value, (dict, list)):
        yield path, value
        for key, item in (value.items() if isinstance(value, dict) else enumerate(value)):
            yield from _containers(item, (*path, key))


def test_a_percentage_in_braces_gives_way_to_counts_in_braces() -> None:
    text = FILES["havering"]
    at = ("domains", 1, "standards", 0, "key_questions", "2.1.1")
    out = splice(text, Edits(deletes=[(*at, "percent")], keys=[(at, "relevant", 18, "percent"), (at, "yes", 15, "percent")]))
    ((before, after),) = changed_lines(text, out)
    assert (before.strip(), after.strip()) == ('"2.1.1": {percent: 83}', '"2.1.1": {relevant: 18, "yes": 15}')


def test_a_value_repeated_by_a_reference_is_refused_not_changed_twice() -> None:
    text = "edition: youth-2021\nnames: [&who Jo Bloggs, *who]\n"
    with pytest.raises(SpliceError, match="repeated by a '\\*' reference"):
        splice(text, Edits(values={("names", 0): "Sam Smith"}))


@pytest.mark.parametrize("style, written", [
    ("|", "k: |\n  one\n\n  two changed\n  three\nz: 1\n"),
    (">", "k: >\n  one\n\n  two\n  changed three\nz: 1\n"),  # the wrapped paragraph's first line kept
    ("plain", "k: one two\n  changed three\nz: 1\n"),
])
def test_lines_the_edit_left_alone_keep_their_bytes_inside_the_value(style, written) -> None:
    """A wrapped paragraph or a block's other lines stay as written, trailing spaces and all."""
    texts = {"|": "k: |\n  one\n  \n  two\n  three\nz: 1\n", ">": "k: >\n  one\n  \n  two\n  three\nz: 1\n",
             "plain": "k: one two\n  three\nz: 1\n"}
    text = texts[style]
    old = parse_yaml(text, "f.yml").data["k"]
    new = old.replace("two", "two changed")
    out = splice(text, Edits(values={("k",): new}))
    if style == "plain":
        assert out == written
    else:
        assert out == written.replace("  one\n\n", "  one\n  \n")  # the blank line keeps its two spaces
