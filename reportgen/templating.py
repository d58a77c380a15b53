"""The report templates' language: the Jinja environment the House holds for them (Markdown out,
every value inert), its filters and globals, and what a render keeps while it runs (the annexes'
numbering, the review side's value marks). compose.py renders with it; nothing here reads a file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import count
from pathlib import Path

import jinja2

from .linebreaks import KeepLineBreaks
from .marked import join, point, with_inserts
from .names import slug
from .numbers import counted, number, words
from .phrasing import when
from .model import FOOTNOTE_REF
from .subheadings import below

# what may follow `<` and stay live: a CommonMark autolink (<https://…>, <name@example.org>)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9]"
                       r"(?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>")
_TICKS = re.compile(r"`+")


def cell(text: object) -> str:
    """Text made safe for one GFM table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


_BLOCK_MARK = re.compile(r"^(?:#{1,6}(?=\s|$)|[-+*](?=\s|$)|>|\d{1,9}(?=[.)](?:\s|$)))")


def listed(text: object) -> str:
    """Text as a list item's line: on one line, with a mark that would start a block of its own at
    the start of the line ('# ', '- ', '1. ') escaped, so a name is never read as a heading or a list."""
    one = " ".join(str(text).split())
    return _BLOCK_MARK.sub(lambda mark: mark.group() + "\\" if mark.group()[0].isdigit() else "\\" + mark.group(), one)


def inert(value: object) -> str:
    """Printed text with raw HTML neutralised, so no consumer of the .md can run it: every `<`
    that could open a tag is escaped, read the way CommonMark reads it — after an escaped
    backslash (`\\\\<`) a `<` is live, inside a code span it is literal and left alone.

    Idempotent, and it leaves autolinks such as <https://…> and <name@example.org> alone. The
    marks of a marked text (marked.py) stay on the characters they stood on.
    """
    text = str(value)
    if "<" not in text:
        return text
    out: list[str] = []
    inserts: list[int] = []  # where a backslash went in, as positions of `text`
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n:  # an escape: copied whole, so `\\<` stays escaped and `\\\\` is one pair
            out.append(text[i:i + 2])
            i += 2
        elif char == "`":
            run = _TICKS.match(text, i).group()
            close = _closing_ticks(text, i + len(run), len(run))
            end = close + len(run) if close >= 0 else i + len(run)
            out.append(text[i:end])  # a code span is shown as typed; an unmatched run is plain text
            i = end
        elif char == "<":
            link = _AUTOLINK.match(text, i)
            if link:
                out.append(link.group())
                i = link.end()
            else:
                out.append("\\<")
                inserts.append(i)
                i += 1
        else:
            out.append(char)
            i += 1
    return with_inserts(text, "".join(out), inserts)


def _closing_ticks(text: str, start: int, length: int) -> int:
    """Where the backtick run closing a code span opened by `length` backticks starts, or -1."""
    for run in _TICKS.finditer(text, start):
        if len(run.group()) == length:
            return run.start()
    return -1


def blockquote(text: object) -> str:
    """Markdown text as a quotation block: every line marked '> '."""
    return "\n".join(f"> {line}" if line.strip() else ">" for line in str(text).split("\n"))


def strip_footnotes(text: object) -> str:
    """Text without its footnote references, for captions and link texts."""
    return FOOTNOTE_REF.sub("", str(text)).strip()


def environment(folders: Iterable[Path]) -> jinja2.Environment:
    """The report templates' environment (the House holds one): Markdown out, every value inert."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(folders)),
        undefined=jinja2.StrictUndefined,
        extensions=[KeepLineBreaks],  # a tag ending a line of text keeps its line break: blocks never run on
        autoescape=False,  # the output is Markdown; raw HTML is disabled when it is parsed
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=lambda value: marked_value(value, inert(value)),  # every {{ value }}: findings text included
    )
    env.concat = join  # the pieces' marks (marked.py) follow them into macros' output and the report
    env.filters.update(words=words, number=number, counted=counted, when=when, cell=cell, slug=slug, strip_footnotes=strip_footnotes,
                       blockquote=blockquote)
    env.globals.update(meta=point, annexe_number=annexe_number)
    env.filters["listed"] = listed
    env.filters["below"] = below  # a narrative's sub-headings set below the heading it stands under
    return env


_annexes: ContextVar[count] = ContextVar("reportgen_annexes")
_value_marks: ContextVar[Callable[[object, str], str] | None] = ContextVar("reportgen_value_marks", default=None)


@contextmanager
def marking_values(mark: Callable[[object, str], str]) -> Iterator[None]:
    """While composing inside this, every value printed is given to `mark(value, text)`, which may
    return the text with marks beside it (the review side marks the findings' narrative fields)."""
    token = _value_marks.set(mark)
    try:
        yield
    finally:
        _value_marks.reset(token)


def marked_value(value: object, text: str) -> str:
    """`text` as printed for `value`: with the review side's marks where marking_values is on."""
    mark = _value_marks.get()
    return text if mark is None else mark(value, text)


def annexe_number() -> int:
    """The next annexe's number: annexes are numbered in the order the templates print them."""
    return next(_annexes.get())


@contextmanager
def numbering_annexes() -> Iterator[None]:
    """While a report renders inside this, annexe_number() counts its annexes from 1."""
    token = _annexes.set(count(1))
    try:
        yield
    finally:
        _annexes.reset(token)
