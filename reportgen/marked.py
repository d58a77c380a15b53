"""Text with marks beside it: how compose tells parse what the text itself must not carry.

A mark names a stretch of the composed Markdown (or one point in it) and the meta the block
there should get: the heading the contents lists, a standard's id, a rating, the findings field
a paragraph was printed from. Marks travel *beside* the characters, never in them, so nothing a
findings file, an edition or a Word paragraph says can make or move one (Pandoc's attributes
on a node, not markup in its text).

`Marked` is a `str` (every consumer of the Markdown reads it as one) that also holds its marks.
Jinja builds the report by joining pieces (`join` is the environment's `concat`); the few edits
made to the whole text afterwards (`strip`, `squeeze_blank_lines`, escapes added by templating.inert)
move the marks with the characters they stand on.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class Mark:
    """`meta` for the block holding characters start..end of the text (start == end: one point)."""

    start: int
    end: int
    meta: Mapping[str, Any]

    def moved(self, by: int) -> Mark:
        return Mark(self.start + by, self.end + by, self.meta)


class Marked(str):
    """A string and its marks; `str()` of it is itself, so Jinja's output keeps them."""

    marks: tuple[Mark, ...]

    def __new__(cls, text: str = "", marks: Iterable[Mark] = ()) -> Marked:
        self = super().__new__(cls, text)
        self.marks = tuple(marks)
        return self

    def __str__(self) -> Marked:
        return self

    def strip(self, chars: str | None = None) -> Marked:  # type: ignore[override]
        """Strip, the marks kept on the characters they stood on (a point at an edge stays at it)."""
        start = len(self) - len(str.lstrip(self, chars))
        end = len(str.rstrip(self, chars))
        if end <= start:
            start = end = 0
        kept = (Mark(min(max(m.start, start), end) - start, min(max(m.end, start), end) - start, m.meta) for m in self.marks)
        return Marked(str.__getitem__(self, slice(start, end)), kept)


def marks_of(text: object) -> tuple[Mark, ...]:
    return text.marks if isinstance(text, Marked) else ()


def point(**meta: Any) -> Marked:
    """An empty string marking the place it is printed: the block there gets `meta`."""
    return Marked("", (Mark(0, 0, MappingProxyType(dict(meta))),))


def whole(text: str, **meta: Any) -> Marked:
    """`text` marked from its first character to its last."""
    return Marked(text, (*marks_of(text), Mark(0, len(text), MappingProxyType(dict(meta)))))


def join(pieces: Iterable[object]) -> str:
    """Pieces joined, each piece's marks moved to where it now stands (the Jinja environment's concat)."""
    parts: list[str] = []
    marks: list[Mark] = []
    length = 0
    for piece in pieces:
        text = str(piece)
        marks += (m.moved(length) for m in marks_of(text))
        parts.append(text)
        length += len(text)
    joined = "".join(parts)
    return Marked(joined, marks) if marks else joined


def with_inserts(text: str, new: str, inserts: list[int]) -> str:
    """`new` is `text` with one character inserted before each position in `inserts` (ascending):
    `text`'s marks, moved to match. A character inserted at a mark's edge goes inside it at its
    start and outside it at its end, as an escape belongs to the character it escapes."""
    marks = marks_of(text)
    if not marks:
        return new

    def moved(position: int) -> int:
        return position + bisect_right(inserts, position - 1)

    return Marked(new, (Mark(moved(m.start), moved(m.end), m.meta) for m in marks))


_BLANK_RUN = re.compile(r"\n{3,}")


def squeeze_blank_lines(text: str) -> str:
    """Three or more line breaks in a row become two (one blank line), the marks moved with the text."""
    marks = marks_of(text)
    if not marks:
        return _BLANK_RUN.sub("\n\n", text)
    removed: list[tuple[int, int, int]] = []  # each removed stretch [start, end) and what was removed before it
    total = 0
    for run in _BLANK_RUN.finditer(text):
        removed.append((run.start() + 2, run.end(), total))
        total += run.end() - run.start() - 2
    starts = [start for start, _, _ in removed]

    def moved(at: int) -> int:
        i = bisect_right(starts, at) - 1
        if i < 0:
            return at
        start, end, before = removed[i]
        return start - before if at < end else at - before - (end - start)

    return Marked(_BLANK_RUN.sub("\n\n", text), (Mark(moved(m.start), moved(m.end), m.meta) for m in marks))
