"""Sub-headings inside a long narrative field, set below the heading the field stands under.

An inspector breaks a long background or narrative with headings written as Markdown headings
(`# Education`, `## Attendance`), without knowing where the template prints the field. The
template names the level of the field's own heading (`{{ findings.background | below(2) }}`):
the field's highest heading is printed one level below it and the rest keep their steps under
that, to at most level 6. Headings are found by a CommonMark parser, never by pattern.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

DEEPEST = 6


class Subheaded(str):
    """A field's text with its headings moved; `source` is the field's own value, so whatever
    follows a printed field (the draft's field marks) still knows which field it is."""

    source: str

    def __new__(cls, text: str, source: str) -> Subheaded:
        self = super().__new__(cls, text)
        self.source = source
        return self


def below(value: object, level: int) -> object:
    """`value` with its top-level headings set under a heading of `level`; the value itself where it has none."""
    if not isinstance(value, str) or ("#" not in value and "\n=" not in value and "\n-" not in value):
        return value
    tokens = _parser().parse(str.__str__(value), {})
    headings = [(t, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open" and t.level == 0 and t.map]
    if not headings:
        return value
    shift = level + 1 - min(int(t.tag[1]) for t, _ in headings)
    lines = value.split("\n")
    for token, content in reversed(headings):  # from the last, so earlier lines keep their numbers
        first, end = token.map
        lines[first:end] = [f"{'#' * min(int(token.tag[1]) + shift, DEEPEST)} {' '.join(content.split())}"]
    return Subheaded("\n".join(lines), value)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """CommonMark's own block grammar: enough to tell a heading line (markup.py refuses one anywhere but
    at the top level of a narrative, so the report's fences and tables make no difference here)."""
    return MarkdownIt("commonmark")
