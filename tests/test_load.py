"""The safe YAML loader: positions, refusals and bounds, before anything reaches the models."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import reportgen.load as load
from reportgen.errors import Problem, ReportError
from reportgen.load import MAX_BYTES, MAX_DEPTH, MAX_VALUES, load_yaml, parse_yaml


def write(tmp_path: Path, content: str | bytes, name: str = "findings.yml") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def refusal(text: str) -> Problem:
    """The single problem a document is refused with."""
    with pytest.raises(ReportError) as caught:
        parse_yaml(text, "f.yml")
    assert len(caught.value.problems) == 1, caught.value.problems
    return caught.value.problems[0]


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    """lol1 is a list of strings; each further level is a list of `width` aliases to the one before."""
    lines = ["lol1: &lol1 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(2, levels + 1):
        lines.append(f"lol{level}: &lol{level} [" + ", ".join([f"*lol{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def nested(depth: int) -> str:
    """Block mappings k1 > k2 > … > k<depth>: leaf, one key per line, so line i holds k<i>."""
    return "".join(f"{'  ' * (i - 1)}k{i}:\n" for i in range(1, depth)) + f"{'  ' * (depth - 1)}k{depth}: leaf\n"


# --- positions ---------------------------------------------------------------


def test_positions_are_one_based_for_values_and_keys() -> None:
    """Editors count lines and columns from 1; so must every problem we print."""
    located = parse_yaml("a: 1\nb: two\n", "f.yml")
    assert located.data == {"a": 1, "b": "two"}
    assert located.keys[("a",)] == (1, 1)
    assert located.values[("a",)] == (1, 4)
    assert located.keys[("b",)] == (2, 1)
    assert located.values[("b",)] == (2, 4)
    assert located.values[()] == (1, 1)


def test_positions_of_nested_values_and_keys() -> None:
    """Lists in mappings in lists: each value and each key has its own start, not its parent's."""
    text = (
        "top:\n"                      # 1
        "  list: [10, 20]\n"          # 2
        "  items:\n"                  # 3
        "    - name: first\n"         # 4
        "      rating: Good\n"        # 5
        "    - name: second\n"        # 6
        "      nested:\n"             # 7
        "        deep: value\n"       # 8
    )
    located = parse_yaml(text, "f.yml")
    assert located.data["top"]["items"][1]["nested"] == {"deep": "value"}
    assert located.values[("top", "list", 0)] == (2, 10)
    assert located.values[("top", "list", 1)] == (2, 14)
    assert located.keys[("top", "items")] == (3, 3)
    assert located.values[("top", "items", 0)] == (4, 7)
    assert located.keys[("top", "items", 0, "rating")] == (5, 7)
    assert located.values[("top", "items", 0, "rating")] == (5, 15)
    assert located.values[("top", "items", 1, "name")] == (6, 13)
    assert located.keys[("top", "items", 1, "nested", "deep")] == (8, 9)
    assert located.values[("top", "items", 1, "nested", "deep")] == (8, 15)


def test_where_falls_back_to_the_nearest_ancestor_in_the_file() -> None:
    """A problem about a missing field is reported where its parent starts, not at no line at all."""
    located = parse_yaml("a:\n  b:\n    c: 1\n", "f.yml")
    assert located.where(("a", "b", "missing")) == (3, 5)
    assert located.where(("a", "b", "missing"), key=True) == (2, 3)  # a missing key: its parent's key
    assert located.where(("a", "b"), key=True) == (2, 3)
    assert located.where(("nothing", "here")) == (1, 1)


def test_problem_carries_position_and_field_path() -> None:
    located = parse_yaml('domains:\n  - id: "1"\n    key_questions:\n      "2.1.1": {relevant: 3}\n', "f.yml")
    problem = located.problem(("domains", 0, "key_questions", "2.1.1", "relevant"), "3", "more")
    assert (problem.file, problem.line, problem.column) == ("f.yml", 4, 27)
    assert problem.field == 'domains[0].key_questions["2.1.1"].relevant'  # the path code anchors on
    assert problem.place == "domain 1, key question 2.1.1, relevant"  # what the inspector reads
    assert str(problem) == "f.yml:4:27: error: domain 1, key question 2.1.1, relevant: found 3, expected more"


# --- keys --------------------------------------------------------------------


def test_duplicate_key_is_refused_at_the_second_key() -> None:
    """PyYAML keeps the last of two equal keys silently; an inspector's first value would vanish."""
    problem = refusal("service:\n  name: Merton\n  area: Merton\n  name: Havering\n")
    assert (problem.line, problem.column) == (4, 3)
    assert problem.field == "service.name"
    assert "'name' a second time" in problem.found


def test_yes_as_a_key_stays_the_string_yes() -> None:
    """YAML 1.1 reads a bare yes as True; findings key their counts by the word "yes"."""
    located = parse_yaml("relevant: 9\nyes: 8\nno: 1\n", "f.yml")
    assert located.data == {"relevant": 9, "yes": 8, "no": 1}
    assert all(isinstance(key, str) for key in located.data)
    assert located.keys[("yes",)] == (2, 1)


def test_merge_key_is_refused() -> None:
    problem = refusal("base: &b {a: 1}\nother:\n  <<: *b\n")
    assert (problem.line, problem.column) == (3, 3)
    assert problem.found == "a merge '<<'"
    assert problem.expected == "each field written out (merging with '<<' is not supported)"


# --- tags --------------------------------------------------------------------


def test_python_object_tag_is_refused_and_never_runs(tmp_path: Path) -> None:
    """The classic yaml.load exploit must be a problem line, not a shell command."""
    marker = tmp_path / "marker"
    path = write(tmp_path, f'edition: youth-2018\nservice: !!python/object/apply:os.system ["touch {marker}"]\n')
    with pytest.raises(ReportError) as caught:
        load_yaml(path)
    assert not marker.exists()
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (2, 10)
    assert problem.field == "service"
    assert "python/object/apply:os.system" in problem.found


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: !!python/name:os.system x\n", 1, 4),
        ("a: !!binary aGk=\n", 1, 4),
        ("a: !custom x\n", 1, 4),
        ("a:\n  - !!python/tuple [1, 2]\n", 2, 5),
        ("a: !!map {b: 1}\n", 1, 4),
    ],
    ids=["python-name", "binary", "local-tag", "tagged-sequence", "tagged-mapping"],
)
def test_explicit_tags_on_values_are_refused(text: str, line: int, column: int) -> None:
    problem = refusal(text)
    assert (problem.line, problem.column) == (line, column)
    assert problem.found.startswith("the type mark !")


def test_explicit_tag_on_a_key_is_refused() -> None:
    """"Explicit tags are refused" holds for keys too, not only for values."""
    problem = refusal("!!python/str edition: youth-2018\n")
    assert problem.line == 1
    assert problem.found == "the type mark !!python/str" and problem.expected == "plain names, without '!' marks"


def test_plain_string_tags_are_allowed() -> None:
    """`!!str` and the non-specific `!` only say "this is text", so they are harmless."""
    assert parse_yaml("a: !!str 5\nb: ! 6\n", "f.yml").data == {"a": "5", "b": "6"}


# --- aliases -----------------------------------------------------------------


def test_alias_bomb_is_refused_by_the_value_bound() -> None:
    """9 levels of 9 aliases would be 9**9 strings; refused at the first level past MAX_VALUES."""
    text = billion_laughs()
    # Level n expands to sizes[n] values (the list itself plus its items).
    sizes = [10]
    while len(sizes) < 9:
        sizes.append(1 + 9 * sizes[-1])
    first_too_big = next(level for level, size in enumerate(sizes, 1) if size > MAX_VALUES)
    assert first_too_big < 9, "the bomb must overflow the bound before its last level"
    problem = refusal(text)
    assert f"more than {MAX_VALUES:,} values" in problem.found
    assert problem.line == first_too_big  # one level per line: refused before any later level is read
    assert problem.field.startswith(f"lol{first_too_big}[")


def test_alias_bomb_is_counted_not_expanded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bound is on the expanded size, so it holds however cheap the text is: 100 values suffice."""
    monkeypatch.setattr(load, "MAX_VALUES", 100)
    problem = refusal(billion_laughs())
    assert problem.line == 2  # root 1 + lol1 10 + lol2 91 > 100: refused on the second line
    assert "more than 100 values" in problem.found


def test_small_legitimate_alias_still_loads() -> None:
    """Anchors for a repeated prompt table are fine; the alias shares the value, it does not copy it."""
    text = "first: &counts {relevant: 5, yes: 4}\nsecond: *counts\nthird: [*counts, *counts]\n"
    located = parse_yaml(text, "f.yml")
    assert located.data["second"] == {"relevant": 5, "yes": 4}
    assert located.data["third"] == [located.data["first"]] * 2
    assert located.data["second"] is located.data["first"]
    assert located.values[("second",)] == (2, 9)


def test_alias_to_an_unknown_anchor_is_refused() -> None:
    problem = refusal("a: 1\nb: *nowhere\n")
    assert (problem.line, problem.column) == (2, 4)
    assert "*nowhere" in problem.found


# --- nesting -----------------------------------------------------------------


def test_nesting_at_the_limit_loads() -> None:
    located = parse_yaml(nested(MAX_DEPTH), "f.yml")
    assert located.values[tuple(f"k{i}" for i in range(1, MAX_DEPTH + 1))] == (MAX_DEPTH, 2 * MAX_DEPTH + len(str(MAX_DEPTH)) + 2)


def test_nesting_beyond_the_limit_is_refused() -> None:
    """One level past MAX_DEPTH is refused at the line of the value that goes too deep."""
    problem = refusal(nested(MAX_DEPTH + 1))
    assert problem.line == MAX_DEPTH + 1
    assert f"deeper than {MAX_DEPTH} levels" in problem.found
    assert problem.field.endswith(f"k{MAX_DEPTH + 1}")


def test_very_deep_flow_nesting_is_refused_not_crashed() -> None:
    """Ten thousand brackets must be a problem line, never a RecursionError or a crash."""
    problem = refusal("a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert problem.line == 1
    assert "nesting" in problem.found


# --- size and encoding -------------------------------------------------------


def test_oversized_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 50 MB file is refused from its size alone: not read, not parsed."""
    path = tmp_path / "huge.yml"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: costs no disk and no time

    def forbidden(*args, **kwargs):
        raise AssertionError("the file was read or parsed")

    monkeypatch.setattr(Path, "read_bytes", forbidden)
    monkeypatch.setattr(Path, "read_text", forbidden)
    monkeypatch.setattr(yaml, "parse", forbidden)
    with pytest.raises(ReportError) as caught:
        load_yaml(path, display="huge.yml")
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("huge.yml", None, None)
    assert problem.found == f"a file of {50 * 1024 * 1024:,} bytes"
    assert problem.expected == f"a findings file of at most {MAX_BYTES:,} bytes"
    assert str(problem).startswith("huge.yml: error: ")


def test_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\n" + "#" * (MAX_BYTES - 6) + "\n")
    assert path.stat().st_size == MAX_BYTES
    assert load_yaml(path).data == {"a": 1}


def test_non_utf8_byte_gives_its_line_and_column(tmp_path: Path) -> None:
    """A Latin-1 pound sign pasted from an old document: point at the exact byte."""
    path = write(tmp_path, b"edition: youth-2018\nservice:\n  name: Caf\xe9 \xa3 Service\n")
    with pytest.raises(ReportError) as caught:
        load_yaml(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (3, 12)
    assert "0xe9" in problem.found
    assert problem.expected == "UTF-8 text"


def test_non_utf8_column_counts_characters_like_other_positions(tmp_path: Path) -> None:
    """Every other column (libyaml's) counts characters; an é before the bad byte is one column."""
    path = write(tmp_path, "a: 1\nb: café ".encode() + b"\xff\n")
    with pytest.raises(ReportError) as caught:
        load_yaml(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (2, 9)


def test_non_utf8_byte_after_a_bom_is_named_correctly(tmp_path: Path) -> None:
    """Windows editors write a BOM; the byte quoted back must still be the bad one."""
    path = write(tmp_path, b"\xef\xbb\xbfa: 1\nb: \xff\n")
    with pytest.raises(ReportError) as caught:
        load_yaml(path)
    [problem] = caught.value.problems
    assert "0xff" in problem.found
    assert (problem.line, problem.column) == (2, 4)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    assert load_yaml(write(tmp_path, b"\xef\xbb\xbfa: 1\n")).data == {"a": 1}


# --- document shape ----------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "~\n"], ids=["empty", "blank", "comment", "marker", "null"])
def test_empty_document_is_refused(text: str) -> None:
    problem = refusal(text)
    assert (problem.line, problem.column) == (1, 1)
    assert problem.found == "an empty file"


def test_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReportError) as caught:
        load_yaml(write(tmp_path, b""), display="empty.yml")
    [problem] = caught.value.problems
    assert str(problem) == "empty.yml:1:1: error: found an empty file, expected findings: 'name: value' lines, starting with edition:"


@pytest.mark.parametrize(("text", "found"), [("- a\n- b\n", "a list"), ("just text\n", "a single value"), ("42\n", "a single value")],
                         ids=["list", "scalar", "number"])
def test_top_level_must_be_a_mapping(text: str, found: str) -> None:
    problem = refusal(text)
    assert (problem.line, problem.column) == (1, 1)
    assert problem.found == f"{found} where the findings start"
    assert problem.expected == "findings: 'name: value' lines, starting with edition:"


def test_second_document_is_refused() -> None:
    problem = refusal("a: 1\n---\nb: 2\n")
    assert problem.line == 2
    assert problem.found == "a second '---' line, starting a second set of findings"


def test_syntax_error_names_line_and_column() -> None:
    problem = refusal("a: 1\nb: c: d\n")
    assert (problem.line, problem.column) == (2, 5)
    assert problem.found == "a ': ' inside a value"
    assert problem.expected.startswith("a text containing ': ' in quotes")


def test_syntax_error_wording_does_not_repeat_found() -> None:
    """libyaml's messages start with "found …"; the problem line must not read "found found"."""
    for text in ("a: 1\n\tb: 2\n", "a: 'open\n"):
        assert "found found" not in str(refusal(text))


def test_control_character_problem_is_one_line_with_a_position() -> None:
    """A NUL pasted into the text: one problem line, naming where it is."""
    problem = refusal("a: 1\n\x00b: 2\n")
    assert "\n" not in str(problem)
    assert problem.line == 2


# --- issue 9: YAML 1.2 scalars, stricter; nothing invisible; messages fit a terminal --------


@pytest.mark.parametrize(("written", "value"), [
    ("yes", "yes"), ("No", "No"), ("on", "on"), ("010", "010"), ("0o17", "0o17"), ("0x1F", "0x1F"),
    ("20:30", "20:30"), ("1_000", "1_000"), ("1.50", "1.50"), ("1e3", "1e3"), (".inf", ".inf"), ("+5", "+5"),
    ("2021-05-18", "2021-05-18"), ("12", 12), ("-3", -3), ("0", 0), ("true", True), ("False", False),
    ("~", None), ("null", None), ('"010"', "010"), ("'true'", "true"),
], ids=lambda v: repr(v))
def test_issue9_plain_scalars_follow_yaml_1_2_core_and_keep_what_was_written(written, value) -> None:
    """YAML 1.1 turned yes into True, 010 into 8, 20:30 into 1230, 1_000 into 1000 and 1.50 into 1.5."""
    data = parse_yaml(f"a: {written}\n", "f.yml").data["a"]
    assert data == value and type(data) is type(value)


@pytest.mark.parametrize(("written", "found"), [("true", "true"), ("010", "'010'"), ("1_0", "'1_0'"), ("9.0", "'9.0'")])
def test_issue9_counts_must_be_plain_integers(tmp_path: Path, house, written, found) -> None:
    """`"yes": true` counted as 1 silently changed a rating; a boolean or a number written oddly is an error."""
    from reportgen.validate import check_file

    from .editing import MERTON, edit, line_of

    line = line_of('a: {relevant: 9, "yes": 9}')
    path = write(tmp_path, edit(line, '"yes": 9}', f'"yes": {written}}}', MERTON))
    with pytest.raises(ReportError) as caught:
        check_file(path, house, display="findings.yml")
    (problem,) = caught.value.problems
    assert problem.line == line and problem.field.endswith("prompts.a.yes") and problem.found == found


def test_issue9_fact_values_are_printed_as_written(tmp_path: Path, house) -> None:
    from reportgen.compose import compose
    from reportgen.validate import check_file
    from reportgen.view import build_view

    from .editing import MERTON, edit, line_of

    line = line_of('- value: "206,548"')
    checked = check_file(write(tmp_path, edit(line, '"206,548"', "010", MERTON)), house)
    assert checked.findings.contextual_facts[0].facts[0].value == "010"
    assert "| 010 |" in compose(build_view(checked, house), house)


@pytest.mark.parametrize(("escape", "name"), [("\\0", "U+0000 (NUL)"), ("\\v", "U+000B (vertical tab)"),
                                               ("\\e", "U+001B (escape)"), ("\\x9b", "U+009B"), ("\\u2028", "U+2028"),
                                               ("\\u202e", "U+202E"), ("\\r", "U+000D")])
def test_issue9_control_characters_written_as_escapes_are_refused_at_their_line(escape, name) -> None:
    problem = refusal(f'a: 1\nb: "text {escape} more"\n')
    assert (problem.line, problem.field) == (2, "b") and name in problem.found


def test_issue9_control_character_in_a_key_is_refused() -> None:
    problem = refusal('a: 1\n"\\e[31mred": 2\n')
    assert problem.line == 2 and "U+001B" in problem.found


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\r"])
def test_issue9_line_numbers_count_only_newlines(separator) -> None:
    """libyaml counts U+2028, U+2029, NEL and a lone CR as line breaks; editors do not. They are refused
    where an editor shows them, so every later line number agrees with the editor."""
    problem = refusal(f"a: one{separator}two\nb: 2\n")
    assert (problem.line, problem.column) == (1, 7)
    assert problem.found.startswith("the invisible character U+")


def test_issue9_crlf_files_keep_their_line_numbers() -> None:
    problem = refusal("a: 1\r\nb: [\r\n")
    assert problem.line == 3


def test_issue9_a_huge_key_gives_a_short_line(tmp_path: Path, house) -> None:
    from reportgen.validate import check_file

    from .editing import MERTON

    key = "k" * 1_000_000  # an explicit key: libyaml's 1,024-character limit is for simple keys only
    text = MERTON.replace("  area: Merton\n", f"  area: Merton\n  ? {key}\n  : x\n", 1)
    with pytest.raises(ReportError) as caught:
        check_file(write(tmp_path, text), house, display="findings.yml")
    (problem,) = caught.value.problems
    assert "unknown field" in problem.found and len(str(problem)) < 1_000


def test_issue9_problem_lines_never_carry_terminal_escapes() -> None:
    """Whatever a findings file holds, the line printed for it cannot move the cursor or recolour the terminal."""
    problem = Problem("f.yml", 3, 1, 'service["\x1b[2Jx"]', "unknown key '\x1b[31mred\u2028'", "a key among 'name'")
    line = str(problem)
    assert line.isprintable() and "\\x1b[2J" in line
