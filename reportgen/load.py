"""Safe YAML → plain data with a line and column for every value; the only reader of input files.

YAML is read as a stream of parser events (libyaml where available), never through a
constructor that could build Python objects: explicit tags are refused, keys must be unique,
and size, nesting and alias expansion are bounded before any of it reaches the models.
Plain scalars follow YAML 1.2's core schema, stricter still: only `true`/`false` are booleans,
only plain decimal integers are numbers, and everything else (`yes`, `010`, `20:30`, `1_000`,
`1.50`) stays the text that was written. Invisible control characters are refused, so what the
inspector sees in the editor, line numbers included, is what the report gets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, ReportError
from .guards.files import read_regular
from .messages import yaml_problem
from .limits import MAX_BYTES, MAX_DEPTH, MAX_EXPANDED, MAX_VALUES
from .places import format_path, place, value_at  # noqa: F401 - value_at is this stage's to lend

Path_ = tuple[str | int, ...]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {None, "!", "tag:yaml.org,2002:str"}
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"0|-?[1-9][0-9]*")
# Unicode's noncharacters (U+FDD0–U+FDEF and the last two code points of every plane): never
# text, so no text may hold one — a program's private signals must not be forged from a file
NONCHARACTERS = "\ufdd0-\ufdef" + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
NONCHARACTER = re.compile(f"[{NONCHARACTERS}]")
# C0/C1 controls but tab and newline, and the separators and direction overrides that move lines
# or text where the eye does not see it; in the file itself a CR is fine only before LF
_INVISIBLE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069" + NONCHARACTERS
_FILE_CONTROL = re.compile(f"[{_INVISIBLE}]|\r(?!\n)")
_VALUE_CONTROL = re.compile(f"[{_INVISIBLE}\r]")
_NAMES = {"\x00": "NUL", "\t": "tab", "\x0b": "vertical tab", "\x0c": "form feed", "\r": "carriage return",
          "\x1b": "escape", "\x7f": "delete", "\x85": "next line"}


def describe_character(char: str) -> str:
    """'U+001B (escape)': a character that cannot be shown, named so it can be found."""
    name = _NAMES.get(char) or ("a noncharacter, not text" if NONCHARACTER.match(char) else unicodedata.name(char, "control character").lower())
    return f"U+{ord(char):04X} ({name})"


@dataclass
class Located:
    """Plain data from a YAML file and where each value (and each mapping key) starts, 1-based."""

    file: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    text: str = ""  # the file as read, for checks that look at comments (readiness's TODO markers)
    block_scalars: set[Path_] = field(default_factory=set)  # `|` or `>` texts: they start on the next line
    # Plain (unquoted) scalars followed on their last line by a `# comment`: where the `#` is. YAML ends
    # the value there, so text after a `#` typed as prose ('#1 priority') is silently lost (checks/comments.py).
    trailing_comments: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    unreadable: list[Problem] = field(default_factory=list)  # lines read as "" after a slip (parse_yaml's recover)

    @property
    def unreadable_lines(self) -> set[int | None]:
        return {p.line for p in self.unreadable}

    def where(self, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
        """The position of `path`, or of its nearest ancestor that exists in the file."""
        path = tuple(path)
        while True:
            table = self.keys if key and path in self.keys else self.values
            if path in table:
                return table[path]
            if not path:
                return None, None
            path = path[:-1]

    def where_in(self, path: Path_, needle: str) -> tuple[int | None, int | None]:
        """Where `needle` is first written inside the value at `path` (e.g. a `[^name]` reference),
        so a message points at it rather than at the start of a long text; else the value's start."""
        line, column = self.where(path)
        if line is None or path not in self.values:
            return line, column
        lines = self.text.split("\n")
        start = sum(len(s) + 1 for s in lines[: line - 1]) + (column or 1) - 1
        found = self.text.find(needle, start)
        end = self._value_end(path)
        if found < 0 or (end is not None and found >= end):
            return line, column
        before = self.text[:found]
        return before.count("\n") + 1, found - (before.rfind("\n") + 1) + 1

    def _value_end(self, path: Path_) -> int | None:
        """Where the next value after `path` starts in the text (offset): the search for a needle stops there."""
        here = self.values[path]
        later = [p for p in self.values.values() if p > here]
        if not later:
            return None
        line, column = min(later)
        return sum(len(s) + 1 for s in self.text.split("\n")[: line - 1]) + column - 1

    def problem(self, path: Path_, found: str, expected: str, *, key: bool = False, warning: bool = False) -> Problem:
        line, column = self.where(path, key=key)
        return self.problem_at(path, line, column, found, expected, "warning" if warning else "error")

    def problem_at(self, path: Path_, line: int | None, column: int | None, found: str, expected: str,
                   severity: str = "error") -> Problem:
        """A problem at `path`, placed at a given line and column (e.g. inside a long text)."""
        return Problem(self.file, line, column, format_path(path), found, expected, severity, place=self.place(path))  # type: ignore[arg-type]

    def place(self, path: Path_) -> str:
        """`path` as an inspector names it: 'standard 1.2, rating' (places.py)."""
        return place(tuple(path), lambda at: value_at(self.data, at))


def read_text(path: Path, *, display: str | None = None) -> str:
    """The file's text, refusing oversized or non-UTF-8 files before any parsing."""
    name = display or str(path)
    return decode(read_bytes(path, display=name), name)


def read_bytes(path: Path, *, display: str | None = None) -> bytes:
    """The file's bytes: a regular file within the size limit (never waits on a FIFO or a device)."""
    return read_regular(path, display or str(path), limit=MAX_BYTES, what="findings file")


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark allowed), or one line naming the first byte that is not."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark is allowed, and not counted
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1  # characters, like the parser
        raise ReportError(
            [Problem(name, line, column, "", f"the byte 0x{raw[exc.start]:02x} that is not UTF-8", "UTF-8 text")]
        ) from None


def load_yaml(path: Path, *, display: str | None = None) -> Located:
    """Read a YAML file into plain data with positions; raise ReportError naming the line on any fault.
    (recovery.load_yaml reads past a slip confined to one value, and checks the rest of the file too.)"""
    name = display or str(path)
    return parse_yaml(read_text(path, display=name), name)


def parse_yaml(text: str, name: str) -> Located:
    """`text` as plain data with positions. A slip the reader stops at is one problem."""
    try:
        return parse_text(text, name, text)
    except Unreadable as slip:
        raise ReportError([slip.problem]) from None


class Unreadable(Exception):
    """Where the reader stopped: the problem, the text of its line and the column (0-based)."""

    def __init__(self, problem: Problem, line: str, column: int, said: str):
        super().__init__(str(problem))
        self.problem, self.line, self.column, self.said = problem, line, column, said


def parse_text(text: str, name: str, original: str) -> Located:
    """One reading of `text` (`original` is what the file says, kept on the result); Unreadable at a slip."""
    control = _FILE_CONTROL.search(text)
    if control:  # before libyaml, which counts U+2028 and a lone CR as line breaks where editors do not
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        raise ReportError([Problem(name, line, column, "", f"the invisible character {describe_character(control.group()[0])}",
                                   "printable text (type a line break as a new line)")])
    located = Located(name, None, text=original)
    try:
        located.data = _Builder(located).build(yaml.parse(text, Loader=_Loader))
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise ReportError(
            [Problem(name, line, column, "", f"the control character {exc.character!r}", "printable text")]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = text[mark.index : mark.index + 1] if mark and mark.index is not None else ""
        line = text.split("\n")[mark.line] if mark else ""
        said = f"{exc.problem or ''} {exc.context or ''}"
        found, expected = yaml_problem((exc.problem or "").strip(), (exc.context or "").strip(), at, line, mark.column if mark else 0)
        problem = Problem(name, mark.line + 1 if mark else None, mark.column + 1 if mark else None, "", found, expected)
        raise Unreadable(problem, line, mark.column if mark else 0, said) from None
    except yaml.YAMLError as exc:
        found, expected = yaml_problem(str(exc))
        raise ReportError([Problem(name, None, None, "", found, expected)]) from None
    except RecursionError:
        raise ReportError([Problem(name, None, None, "", "nesting too deep to read", f"at most {MAX_DEPTH} levels")]) from None
    if located.data is None:
        raise ReportError([Problem(name, 1, 1, "", "an empty file", "findings: 'name: value' lines, starting with edition:")])
    if not isinstance(located.data, dict):
        what = "a list" if isinstance(located.data, list) else "a single value"
        raise ReportError([located.problem((), f"{what} where the findings start", "findings: 'name: value' lines, starting with edition:")])
    return located


class _Builder:
    """Turns parser events into dicts, lists and scalars, recording positions and enforcing bounds."""

    def __init__(self, located: Located):
        self.located = located
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.count = 0
        self.lines: list[str] | None = None
        self.characters = 0  # of text, aliases expanded: what the report would print
        self.containers: dict[Path_, Any] = {}  # lists and mappings as they are filled, to name a place by its id

    def fail(self, event: yaml.Event, found: str, expected: str, path: Path_ = ()) -> None:
        mark = event.start_mark
        named = place(path, self.containers.get)
        raise ReportError([Problem(self.located.file, mark.line + 1, mark.column + 1, format_path(path), found, expected, place=named)])

    def build(self, events) -> Any:
        events = iter(events)
        documents = 0
        result = None
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.fail(event, "a second '---' line, starting a second set of findings", "one set of findings per file")
                result = self.node(events, next(events), ())
        return result

    def node(self, events, event: yaml.Event, path: Path_) -> Any:
        if len(path) > MAX_DEPTH:
            self.fail(event, f"nesting deeper than {MAX_DEPTH} levels", "fewer levels of indentation", path)
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                self.fail(event, f"a reference *{event.anchor} to a name no '&' defines", f"a name defined earlier with '&{event.anchor}'", path)
            value, size, characters = self.anchors[event.anchor]
            self.grow(event, size, path, characters)
            self.located.values[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
            return value
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml.ScalarEvent):
            if tag not in _PLAIN_TAGS:
                self.fail(event, f"the type mark {_as_typed(tag)}", "plain values, without '!' marks", path)
        elif tag is not None:
            self.fail(event, f"the type mark {_as_typed(tag)}", "plain values, without '!' marks", path)
        self.located.values[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        start, start_characters = self.count, self.characters
        self.grow(event, 1, path)
        if isinstance(event, yaml.ScalarEvent):
            value = self.scalar(event)
            if isinstance(value, str):
                self.grow(event, 0, path, len(value))
                self.printable(event, value, path)
                if event.style in ("|", ">"):
                    self.located.block_scalars.add(path)
                elif not event.style:  # plain: libyaml says "", the pure-Python parser None
                    self.comment_after(event, path)
        elif isinstance(event, yaml.SequenceStartEvent):
            value = self.containers[path] = []
            for item in iter(lambda: next(events), None):
                if isinstance(item, yaml.SequenceEndEvent):
                    break
                value.append(self.node(events, item, (*path, len(value))))
        elif isinstance(event, yaml.MappingStartEvent):
            value = self.containers[path] = {}
            for key_event in iter(lambda: next(events), None):
                if isinstance(key_event, yaml.MappingEndEvent):
                    break
                if not isinstance(key_event, yaml.ScalarEvent):
                    self.fail(key_event, "a list or fields used as a field's name", "a plain name before ':'", path)
                if key_event.tag not in _PLAIN_TAGS:
                    self.fail(key_event, f"the type mark {_as_typed(key_event.tag)}", "plain names, without '!' marks", path)
                key = key_event.value
                self.printable(key_event, key, path)
                if key == "<<":
                    self.fail(key_event, "a merge '<<'", "each field written out (merging with '<<' is not supported)", path)
                if key in value:
                    self.fail(key_event, f"the field {key!r} a second time", "each field once", (*path, key))
                self.located.keys[(*path, key)] = (key_event.start_mark.line + 1, key_event.start_mark.column + 1)
                value[key] = self.node(events, next(events), (*path, key))
        else:  # pragma: no cover - the parser yields nothing else inside a document
            self.fail(event, type(event).__name__, "a value", path)
        if getattr(event, "anchor", None):
            self.anchors[event.anchor] = (value, self.count - start, self.characters - start_characters)
        return value

    def grow(self, event: yaml.Event, size: int, path: Path_, characters: int = 0) -> None:
        self.count += size
        self.characters += characters
        if self.count > MAX_VALUES:
            self.fail(event, f"more than {MAX_VALUES:,} values once '*' references are written out", "a smaller findings file", path)
        if self.characters > MAX_EXPANDED:
            self.fail(event, f"more than {MAX_EXPANDED:,} characters of text once '*' references are written out",
                      "a smaller findings file (a '*' reference repeats the whole text it names)", path)

    def comment_after(self, event: yaml.ScalarEvent, path: Path_) -> None:
        """Remember a `#` comment after a plain scalar on the line where the scalar ends."""
        if self.lines is None:
            self.lines = self.located.text.split("\n")
        mark = event.end_mark
        rest = self.lines[mark.line][mark.column:] if mark.line < len(self.lines) else ""
        if rest.lstrip(" \t").startswith("#"):
            self.located.trailing_comments[path] = (mark.line + 1, mark.column + len(rest) - len(rest.lstrip(" \t")) + 1)

    def printable(self, event: yaml.Event, text: str, path: Path_) -> None:
        """Refuse control characters written as escapes ("\\e", "\\0", "\\u2028") in a value or key."""
        control = _VALUE_CONTROL.search(text)
        if control:
            self.fail(event, f"the invisible character {describe_character(control.group())}", "printable text", path)

    @staticmethod
    def scalar(event: yaml.ScalarEvent) -> Any:
        """A plain scalar's value under YAML 1.2's core schema, stricter: null, true/false and
        plain decimal integers; anything else, quoted or not, is the text as written."""
        if event.tag is not None or not event.implicit[0]:  # tagged '!' or quoted: text as written
            return event.value
        text = event.value
        if text in _NULL:
            return None
        if text in _BOOL:
            return _BOOL[text]
        if _INT.fullmatch(text):
            return int(text)
        return text


def _as_typed(tag: str) -> str:
    """A type mark as the file has it: 'tag:yaml.org,2002:binary' was typed '!!binary'."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def strings_in(value: Any, path: Path_ = ()):
    """Every string in plain data, with its path (mapping keys are not included)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings_in(item, (*path, index))
