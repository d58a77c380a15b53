"""`Table: …` (Pandoc's table captions): the paragraph just before a table names it; a table
without one is named by the heading of its section, and a name that only repeats that heading
is said once."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .text import plain_text, text_inline

CAPTION = re.compile(r"^Table:\s+")
SECTION_NUMBER = re.compile(r"^\s*(?:[^\W\d]+\s+)?\d+(?:\.\d+)*\s*[.:\-–—]?\s+")  # "2.1. ", "Annexe 4: ", "Appendix 2 - "


def captions_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("table_captions", table_captions)


def table_captions(state: StateCore) -> None:
    """Every table is named: by the `Table: …` paragraph just before it (which the table then
    carries instead), or else by the heading of its section.

    A name that only repeats the heading just above the table ("Key staffing data" under "Key
    staffing data", at most a lead-in sentence between) is said once, as published: the heading
    names the table (`meta["named_by"]` is its id; HTML points `aria-labelledby` at it, Word puts
    it in the table's alt text), and no caption repeats it. The source lines of such a `Table:`
    paragraph are listed in `env["repeated_captions"]` so the Markdown output drops them too.
    """
    tokens, dropped = state.tokens, set()
    section: tuple[Token, str] | None = None  # the heading's inline and id
    between: list[str] = []  # the blocks since that heading
    repeated: list[tuple[int, int]] = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            section, between = (tokens[i + 1], str(token.attrGet("id"))), []
        elif token.type == "paragraph_open" and before_table(tokens, i) and CAPTION.match(tokens[i + 1].content):
            _strip_caption_prefix(tokens[i + 1])
            tokens[i + 3].meta["caption"] = tokens[i + 1]
            dropped.update((i, i + 1, i + 2))  # the caption paragraph: the table carries it now
            if _under(section, between) and token.map and repeats_heading(tokens[i + 1], section[0]):
                repeated.append(tuple(token.map))
        elif token.type == "table_open":
            caption = token.meta.get("caption") or text_inline(plain_text(section[0]) if section else "Table")
            if _under(section, between) and repeats_heading(caption, section[0]):
                caption = text_inline(plain_text(section[0]))  # the heading's words, less its footnote marks
                token.meta["named_by"] = section[1]
            token.meta["caption"] = caption
        if token.block and token.nesting >= 0 and token.type != "inline" and not token.type.startswith("container_") \
                and i not in dropped and token.type != "heading_open":
            between.append(token.type)
    state.tokens[:] = [token for i, token in enumerate(tokens) if i not in dropped]
    state.env["repeated_captions"] = repeated


def _under(section: tuple[Token, str] | None, between: list[str]) -> bool:
    """Whether a table stands just under its heading: nothing between but one lead-in sentence."""
    return section is not None and between in ([], ["paragraph_open"])


def repeats_heading(caption: Token, heading: Token) -> bool:
    """Whether a table's name says no more than the heading above it: the same words, ignoring
    case, punctuation and the heading's number ("2.1.", "Annexe 4:"). A caption with a footnote
    of its own says more (its note must keep its call)."""
    if any(c.type == "footnote_ref" for c in caption.children or ()):
        return False
    return _words(plain_text(caption)) == _words(SECTION_NUMBER.sub("", plain_text(heading)))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def before_table(tokens: list[Token], i: int) -> bool:
    """Whether the paragraph opened at `i` is followed at once by a table."""
    return i + 3 < len(tokens) and tokens[i + 2].type == "paragraph_close" and tokens[i + 3].type == "table_open"


def _strip_caption_prefix(inline: Token) -> None:
    inline.content = CAPTION.sub("", inline.content)
    children = inline.children or []
    if children and children[0].type == "text":
        children[0].content = CAPTION.sub("", children[0].content)
