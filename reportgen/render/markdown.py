"""The composed report → clean CommonMark with GFM tables and footnotes, fit to paste elsewhere.

The composed source differs from plain CommonMark only in its fenced blocks (Pandoc's fenced
divs) and its contents, which parse fills in: the fences of `::: cover`, `::: contents`,
`::: front` and `::: chart` are dropped, leaving their contents in place; a callout box becomes
a block quote headed by its label in bold; the contents list is written where parse put it.
Where each fence is, and what each box and contents entry says, is read from the tokens
(parse.fences), never by matching the text again. The result is read back as a publishing
system that allows raw HTML would read it, and refused if any tag would be live: templating.inert
escapes them all, and this proves it for every build.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..errors import Problem, ReportError
from ..parse import Parsed
from ..parse.callouts import is_callout


@lru_cache(maxsize=1)
def _html_allowed() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def render_markdown(source: str, parsed: Parsed, file: str = "report") -> str:
    text = _rewritten(str(source), parsed)
    for token in _html_allowed().parse(text):
        live = [token] if token.type == "html_block" else [c for c in token.children or () if c.type == "html_inline"]
        if live:
            line = token.map[0] + 1 if token.map else None
            raise ReportError([Problem(file, None, None, "", f"raw HTML {live[0].content.strip()[:40]!r} at line {line} of the Markdown output",
                                       "inert text: nothing in a report may run as HTML")])
    return text


def _rewritten(source: str, parsed: Parsed) -> str:
    lines = source.split("\n")
    replaced: dict[int, list[str]] = {}  # a source line → the lines written in its place
    quoted: list[tuple[int, int, str]] = []  # (first, last) lines inside a callout, and the prefix they get
    for token in parsed.tokens:
        fences = token.meta.get("fences") if token.nesting == 1 else None
        if fences is None:
            continue
        start, end = fences
        if end is not None:
            replaced[end] = _contents_lines(token) if token.type == "container_contents_open" else []
        if is_callout(token.type):
            indent = lines[start][: len(lines[start]) - len(lines[start].lstrip(" \t"))]
            replaced[start] = [f"{indent}> **{token.meta['label']}**", f"{indent}>"]
            quoted.append((start + 1, end if end is not None else len(lines), f"{indent}> "))
        else:
            replaced[start] = []
    for start, end in parsed.env.get("repeated_captions", ()):  # a `Table:` line that only repeats the heading above
        for line in range(start, end + (end < len(lines) and not lines[end].strip())):
            replaced[line] = []
    out: list[str] = []
    for number, line in enumerate(lines):
        quote = "".join(prefix for first, last, prefix in quoted if first <= number < last)
        if number - 1 in replaced and not replaced[number - 1] and not line.strip() and (not out or not out[-1].strip()):
            continue  # a dropped fence between blank lines: one blank line stays, not two
        if number in replaced:
            out += [f"{quote}{new}" for new in replaced[number]]
        elif quote:
            out.append(f"{quote}{line}" if line.strip() else quote.rstrip())
        else:
            out.append(line)
    return "\n".join(out)


def _contents_lines(opening: Token) -> list[str]:
    """The contents list parse made (parse.contents), one `- [title](#id)` line per entry."""
    entries = opening.meta.get("entries", ())
    top = min((level for level, _ in entries), default=0)
    return [f"{'  ' * ((level - top) // 2)}- {inline.content}" for level, inline in entries]
