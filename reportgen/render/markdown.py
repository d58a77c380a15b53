"""The composed report → clean CommonMark with GFM tables and footnotes, fit to paste elsewhere.

The composed source differs from plain CommonMark only in its fenced blocks (Pandoc's fenced
divs): `::: cover`, `::: contents`, `::: front` and `::: chart` fences are dropped, leaving
their contents in place; a callout box becomes a block quote headed by its label in bold. The
result is read back as a publishing system that allows raw HTML would read it, and refused if
any tag would be live: compose.inert escapes them all, and this proves it for every build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from markdown_it import MarkdownIt

from ..errors import Problem, ReportError
from ..parse import CALLOUTS, CONTAINERS, callout_label

_FENCE = re.compile(r"^:::(?: (?:%s)(?: [\w.-]+)?)?[ \t]*$\n?" % "|".join(CONTAINERS), re.MULTILINE)
_CALLOUT = re.compile(r"^([ \t]*):::[ \t]*((?:%s)\b.*)$" % "|".join(CALLOUTS))
_CLOSE = re.compile(r"^[ \t]*:::[ \t]*$")


@lru_cache(maxsize=1)
def _html_allowed() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def render_markdown(source: str, file: str = "report", repeated_captions: Iterable[tuple[int, int]] = ()) -> str:
    """`repeated_captions`: source line ranges of `Table:` lines that only repeat the heading
    above them (parse.table_captions); they are left out, as the other formats leave them out."""
    text = _FENCE.sub("", _callouts_as_quotes(_without_lines(source, repeated_captions)))
    for token in _html_allowed().parse(text):
        live = [token] if token.type == "html_block" else [c for c in token.children or () if c.type == "html_inline"]
        if live:
            line = token.map[0] + 1 if token.map else None
            raise ReportError([Problem(file, None, None, "", f"raw HTML {live[0].content.strip()[:40]!r} at line {line} of the Markdown output",
                                       "inert text: nothing in a report may run as HTML")])
    return text


def _callouts_as_quotes(source: str) -> str:
    out: list[str] = []
    prefixes: list[str] = []  # one "> " per open callout, after the indent it was opened at
    for line in source.split("\n"):
        quote = "".join(prefixes)
        opening = _CALLOUT.match(line)
        if opening:
            indent = opening.group(1)
            out += [f"{quote}{indent}> **{callout_label(opening.group(2))}**", f"{quote}{indent}>"]
            prefixes.append(f"{indent}> ")
        elif prefixes and _CLOSE.match(line):
            prefixes.pop()
        else:
            out.append(line if not prefixes else f"{quote}{line}" if line.strip() else quote.rstrip())
    return "\n".join(out)


def _without_lines(source: str, ranges: Iterable[tuple[int, int]]) -> str:
    """`source` less the lines in `ranges` ([start, end), 0-based) and the blank line after each."""
    lines = source.splitlines(keepends=True)
    drop: set[int] = set()
    for start, end in ranges:
        drop.update(range(start, end))
        if end < len(lines) and not lines[end].strip():
            drop.add(end)
    return "".join(line for i, line in enumerate(lines) if i not in drop) if drop else source
