"""Tables and what introduces them: the lead-in sentence kept with its table, row and column
headers, the rating colour on a cell the templates marked as a rating, and the cells whose
long words may break anywhere in print."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ..names import rating_class
from .captions import before_table
from .text import pairs, plain_text


def tables_plugin(md: MarkdownIt) -> None:
    for rule in (lead_ins, rating_lines, header_cells):
        md.core.ruler.push(rule.__name__, rule)


def lead_ins(state: StateCore) -> None:
    """The sentence that introduces a table is kept on the page with it."""
    for i, token in enumerate(state.tokens):
        if token.type == "paragraph_open" and before_table(state.tokens, i):
            token.attrSet("class", "lead-in")


def rating_lines(state: StateCore) -> None:
    """A paragraph the templates marked as a rating (`Rating: Good`) gets the rating's class, so
    the house style can colour it."""
    for paragraph, _ in pairs(state.tokens, "paragraph_open"):
        if paragraph.meta.get("rating"):
            paragraph.attrSet("class", f"rating {rating_class(paragraph.meta['rating'])}")


LONG_WORD = 20  # characters: a word this long may not fit a table column, so it may break anywhere


def header_cells(state: StateCore) -> None:
    """Column headers get scope="col" (and their row the class `unprinted` where the template marked
    it as a header row the printing did not show); each body row's first cell becomes its row header; a cell
    marked as a rating gets the rating's class, and one holding a word too long for a column
    (an address, a reference) the class `long-word`: only those may break between any letters,
    which keeps the print layout's column measuring cheap for every other cell."""
    tokens = state.tokens
    in_head = row_start = False
    head: Token | None = None
    for i, token in enumerate(tokens):
        text = plain_text(tokens[i + 1]) if token.type in ("th_open", "td_open") else ""
        if any(len(w) > LONG_WORD for w in text.split()):
            token.attrJoin("class", "long-word")
        if token.type in ("thead_open", "thead_close"):
            in_head = token.type == "thead_open"
            head = token
        elif token.type == "th_open" and in_head:
            token.attrSet("scope", "col")
            if token.meta.get("unprinted") and head is not None:  # a header row the printing did not show
                head.attrJoin("class", "unprinted")
        elif token.type == "tr_open":
            row_start = not in_head
        elif token.type == "td_open" and row_start:
            token.type, token.tag = "th_open", "th"
            token.attrSet("scope", "row")
        elif token.type == "td_close" and row_start:
            token.type, token.tag = "th_close", "th"
            row_start = False
        elif token.type == "td_open" and token.meta.get("rating"):
            token.attrJoin("class", f"rating {rating_class(token.meta['rating'])}")
