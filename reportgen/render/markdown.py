"""The composed report → clean CommonMark with GFM tables and footnotes, fit to paste elsewhere.

The composed source differs from plain CommonMark only in its `::: cover` / `::: contents`
fences (Pandoc's fenced divs); they are dropped, leaving their contents in place. The result
is read back as a publishing system that allows raw HTML would read it, and refused if any
tag would be live: compose.inert escapes them all, and this proves it for every build.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

from ..errors import Problem, ReportError
from ..parse import CONTAINERS

_FENCE = re.compile(r"^:::(?: (?:%s)(?: [\w.-]+)?)?[ \t]*$\n?" % "|".join(CONTAINERS), re.MULTILINE)


@lru_cache(maxsize=1)
def _html_allowed() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def render_markdown(source: str, file: str = "report") -> str:
    text = _FENCE.sub("", source)
    for token in _html_allowed().parse(text):
        live = [token] if token.type == "html_block" else [c for c in token.children or () if c.type == "html_inline"]
        if live:
            line = token.map[0] + 1 if token.map else None
            raise ReportError([Problem(file, None, None, "", f"raw HTML {live[0].content.strip()[:40]!r} at line {line} of the Markdown output",
                                       "inert text: nothing in a report may run as HTML")])
    return text
