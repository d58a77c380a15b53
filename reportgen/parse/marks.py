"""Compose's marks (marked.py) onto the tokens: the meta each carries lands on the block it marks.

A point mark names a place in the composed Markdown; the block there is the innermost heading,
paragraph or table cell holding it (a cell is found by its row's column separators, split as
markdown-it splits them). Nothing here reads the text for what it says: a rating is a rating
because the template marked it one, never because a cell reads 'Good'.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from markdown_it import MarkdownIt
from markdown_it.rules_block.table import escapedSplit
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

_ROW_START = re.compile(r"^[ \t>]*")


def marks_plugin(md: MarkdownIt) -> None:
    """The first core rule of the report's: the ones after it read the meta it places."""
    md.core.ruler.push("compose_marks", compose_marks)


def compose_marks(state: StateCore) -> None:
    """The meta of every point mark onto its block (field spans are placed by fields.tag_blocks)."""
    marks = [m for m in state.env.get("marks", ()) if m.start == m.end]
    if not marks:
        return
    starts = [0] + [m.end() for m in re.finditer("\n", state.src)]
    holders, cells = _holders(state.tokens)
    for mark in marks:
        line = bisect_right(starts, mark.start) - 1
        token = holders.get(line)
        if token is not None and token.type == "tr_open":
            token = _cell(cells[id(token)], state.src[starts[line]:mark.start])
        if token is not None:
            token.meta.update(mark.meta)


def _holders(tokens: list[Token]) -> tuple[dict[int, Token], dict[int, list[Token]]]:
    """The innermost heading, paragraph or table row on each source line, and each row's cells."""
    found: dict[int, Token] = {}
    cells: dict[int, list[Token]] = {}
    row: list[Token] = []
    for token in tokens:
        if token.type in ("heading_open", "paragraph_open", "tr_open") and token.map:
            for line in range(*token.map):
                held = found.get(line)
                if held is None or token.level >= held.level:
                    found[line] = token
        if token.type == "tr_open":
            row = cells[id(token)] = []
        elif token.type in ("td_open", "th_open"):
            row.append(token)
    return found, cells


def _cell(cells: list[Token], before: str) -> Token | None:
    """The cell whose text holds the point that `before` (its row's line up to the point) leads to."""
    text = _ROW_START.sub("", before)
    column = len(escapedSplit(text)) - 1 - (1 if text.startswith("|") else 0)
    return cells[column] if 0 <= column < len(cells) else None
