"""Which findings field each paragraph of the report came from: the map that lets Word edits go back.

While the report is composed, every narrative value of the findings (a Markdown string the
inspectors wrote) is wrapped in invisible marks; the marks are then taken out again and
remembered as spans of the composed Markdown, so the Markdown itself is unchanged. After
parsing, each paragraph or heading wholly inside one span is tagged with its field's YAML
path and its block number within the field. The Word writer turns the tags into bookmarks
(`absorb` reads them back); the paths are the YAML's own keys and indices.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from markdown_it.token import Token
from pydantic import BaseModel

from .model import Findings

Path = tuple[str | int, ...]

# Keys whose string values are narrative: text the inspectors wrote and an editor may rewrite.
NARRATIVE_KEYS = frozenset({
    "acknowledgements_note", "body", "background", "introduction", "recommendations", "lead_in",
    "strengths", "areas_for_improvement", "summary", "narrative", "heading", "definition", "footnotes",
})
_SKIP = frozenset({"notes", "edition", "service", "inspection", "contextual_facts", "signatory", "discretion"})

# Unicode noncharacters, never in real text; the field's number is written in them too (U+FDE0 + hex
# digit), so a slug or a heading made from marked text while composing loses nothing but the marks.
_OPEN, _CLOSE = "\ufdd0", "\ufdd2"
_DIGITS = "".join(chr(0xFDE0 + n) for n in range(16))
_MARK = re.compile(f"{_OPEN}([{_DIGITS}]+){_OPEN}|{_CLOSE}")
_BLOCK_PREFIX = re.compile(r"^(?:\[\^[^\]]+\]:)?[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:#{1,6}[ \t]+)?$")


@dataclass(frozen=True)
class Span:
    """Where one field's value lies in the composed Markdown (character offsets)."""

    path: Path
    start: int
    end: int


def path_text(path: Path) -> str:
    """('domains', 0, 'standards', 1, 'narrative') → 'domains.0.standards.1.narrative'."""
    return ".".join(str(part) for part in path)


def path_key(path: Path) -> str:
    """Eight hex digits naming a field in a Word bookmark (bookmark names are at most 40 characters)."""
    return hashlib.sha256(path_text(path).encode("utf-8")).hexdigest()[:8]


def narrative_fields(findings: Findings) -> Iterator[tuple[Path, str]]:
    """Every narrative value of the findings with its YAML path, in file order."""
    yield from _walk(findings, (), False)


def _walk(value: object, path: Path, narrative: bool) -> Iterator[tuple[Path, str]]:
    if isinstance(value, str):
        if narrative and value.strip():
            yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in _SKIP:
                yield from _walk(getattr(value, name), (*path, name), name in NARRATIVE_KEYS)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key), narrative)
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index), narrative)


# ---- marking while composing --------------------------------------------------------------

_marking: ContextVar[dict[int, int] | None] = ContextVar("reportgen_field_marks", default=None)


def mark(value: object, text: str) -> str:
    """`text` (the printed form of `value`) wrapped in marks if `value` is a findings field being tracked."""
    marks = _marking.get()
    if marks is None or type(value) is not str or id(value) not in marks:
        return text
    core = text.strip()
    if not core:
        return text
    start = text.index(core)
    # spaces and line breaks stay outside the marks, so blank lines still meet and fold as before
    return f"{text[:start]}{_OPEN}{_encode(marks[id(value)])}{_OPEN}{core}{_CLOSE}{text[start + len(core):]}"


def _encode(number: int) -> str:
    return "".join(_DIGITS[int(d, 16)] for d in f"{number:x}")


def _decode(digits: str) -> int:
    return int("".join(f"{_DIGITS.index(c):x}" for c in digits), 16)


class Marking:
    """`with Marking(findings) as m: source = m.unmark(render())` — spans of every field printed."""

    def __init__(self, findings: Findings):
        self.fields = list(narrative_fields(findings))
        self.marks = {id(value): index for index, (_, value) in enumerate(self.fields)}

    def __enter__(self) -> Marking:
        self._token = _marking.set(self.marks)
        return self

    def __exit__(self, *exc) -> None:
        _marking.reset(self._token)

    def unmark(self, marked: str) -> tuple[str, list[Span]]:
        """The Markdown without its marks, and where each marked value was."""
        out: list[str] = []
        spans: list[Span] = []
        position = length = 0
        open_at: tuple[int, int] | None = None
        for match in _MARK.finditer(marked):
            out.append(marked[position:match.start()])
            length += match.start() - position
            position = match.end()
            if match.group(1) is not None:
                open_at = (_decode(match.group(1)), length)
            elif open_at is not None:
                index, start = open_at
                spans.append(Span(self.fields[index][0], start, length))
                open_at = None
        out.append(marked[position:])
        return "".join(out), spans


# ---- tagging parsed blocks -----------------------------------------------------------------


def tag_blocks(tokens: list[Token], source: str, spans: list[Span]) -> dict[Path, int]:
    """Set meta['field'] = (path, block) on each paragraph/heading token that one field's value wholly
    makes up; returns the number of blocks per field."""
    line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
    line_starts.append(len(source) + 1)
    blocks: dict[Path, int] = {}
    ordered = sorted(spans, key=lambda s: s.start)
    for index, token in enumerate(tokens):
        if token.type not in ("paragraph_open", "heading_open") or not token.map or index + 1 >= len(tokens):
            continue
        first, last = token.map[0], token.map[1] - 1
        start, end = line_starts[first], line_starts[last + 1] - 1
        span = _span_holding(ordered, start, end, source)
        if span is None:
            continue
        number = blocks.get(span.path, 0)
        blocks[span.path] = number + 1
        token.meta["field"] = (span.path, number)
    return blocks


def _span_holding(spans: list[Span], start: int, end: int, source: str) -> Span | None:
    """The span holding every character of lines start..end but their list, quote or heading markers."""
    for span in spans:
        if span.start > end:
            return None
        if span.end <= start:
            continue
        head = span.start <= start or _BLOCK_PREFIX.match(source[start:span.start])
        tail = span.end >= end or not source[span.end:end].strip()
        if head and tail:
            return span
    return None
