"""The report's Markdown → one token stream that every renderer walks.

markdown-it is set up once: CommonMark with GFM tables, footnotes numbered through the
whole report, and two fenced blocks (`::: cover`, `::: contents`). Raw HTML is off, so
markup typed in findings is shown as text, never passed through. A core rule then adds what
all formats share: heading ids, table captions from Pandoc-style `Table:` lines, row
headers, and a class on every rating so the house style can colour it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .view import rating_class as css_class
from .view import slug

CONTAINERS = ("cover", "contents", "chart")
CAPTION = re.compile(r"^Table:\s+")
RATING_LINE = re.compile(r"^Rating: ")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str


@dataclass(frozen=True)
class Parsed:
    """Tokens plus what the core rule learnt: headings in order, the rating words."""

    tokens: list[Token]
    env: dict
    headings: tuple[Heading, ...]


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable("image")  # findings are text; a report never loads a picture named in its findings
    md.use(footnote_plugin)
    for name in CONTAINERS:
        md.use(container_plugin, name)
    md.core.ruler.push("reportgen_annotate", annotate)
    return md


def parse(text: str, ratings: tuple[str, ...] = ()) -> Parsed:
    """Parse the composed report; `ratings` are the edition's rating words, lowest first."""
    env: dict = {"ratings": ratings}
    tokens = markdown().parse(text, env)
    return Parsed(tokens, env, tuple(env.get("headings", ())))


def plain_text(inline: Token) -> str:
    """An inline token's text as a reader sees it, without footnote references."""
    parts = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def rating_class(text: str, ratings: tuple[str, ...]) -> str | None:
    """'rating-requires-improvement' when `text` is a rating word (with or without '*')."""
    return css_class(text) if text.rstrip("*").strip() in ratings else None


def annotate(state: StateCore) -> None:
    tokens, ratings = state.tokens, tuple(state.env.get("ratings", ()))
    headings: list[Heading] = []
    used: set[str] = set()
    keep: list[Token] = []
    in_head = False
    section = ""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "inline" and token.children:
            token.children = _without_placeholder_links(token.children)
        if token.type == "table_open" and "caption" not in token.meta:
            token.meta["caption"] = _text_inline(section or "Table")  # every table is named
        if token.type == "heading_open":
            text = plain_text(tokens[i + 1])
            section = text
            ident = slug(text)
            while ident in used:
                ident += "-x"
            used.add(ident)
            token.attrSet("id", ident)
            if any(c.type == "footnote_ref" for c in tokens[i + 1].children or ()):
                token.attrSet("data-bookmark", text)  # PDF bookmarks show the title without its footnote mark
            headings.append(Heading(int(token.tag[1]), text, ident))
        elif token.type == "paragraph_open" and i + 3 < len(tokens):
            inline = tokens[i + 1]
            if CAPTION.match(inline.content) and tokens[i + 3].type == "table_open":
                _strip_caption_prefix(inline)
                tokens[i + 3].meta["caption"] = inline
                i += 3  # drop the caption paragraph: the table carries it
                continue
            if tokens[i + 3].type == "table_open" or (
                i + 6 < len(tokens) and tokens[i + 6].type == "table_open" and CAPTION.match(tokens[i + 4].content)
            ):
                token.attrSet("class", "lead-in")  # keep the sentence that introduces a table with it
            if RATING_LINE.match(inline.content):
                word = plain_text(inline).removeprefix("Rating:").strip()
                cls = rating_class(word, ratings)
                if cls:
                    token.attrSet("class", f"rating {cls}")
                    token.meta["rating"] = word
        elif token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "th_open" and in_head:
            token.attrSet("scope", "col")
        elif token.type == "tr_open" and not in_head and tokens[i + 1].type == "td_open":
            first = tokens[i + 1]
            first.type, first.tag = "th_open", "th"
            first.attrSet("scope", "row")
            j = i + 2
            while tokens[j].type != "td_close":
                j += 1
            tokens[j].type, tokens[j].tag = "th_close", "th"
        elif token.type == "td_open":
            cls = rating_class(plain_text(tokens[i + 1]), ratings)
            if cls:
                token.attrSet("class", f"rating {cls}")
        keep.append(token)
        i += 1
    state.tokens[:] = keep
    state.env["headings"] = headings


def _text_inline(text: str) -> Token:
    inline = Token("inline", "", 0, content=text)
    inline.children = [Token("text", "", 0, content=text)]
    return inline


def _without_placeholder_links(children: list[Token]) -> list[Token]:
    """Drop links whose target is just '#' (a page not yet given), keeping their text."""
    kept, depth_dropped = [], []
    for child in children:
        if child.type == "link_open":
            dropped = child.attrGet("href") == "#"
            depth_dropped.append(dropped)
            if dropped:
                continue
        elif child.type == "link_close" and depth_dropped.pop():
            continue
        kept.append(child)
    return kept


def _strip_caption_prefix(inline: Token) -> None:
    inline.content = CAPTION.sub("", inline.content)
    children = inline.children or []
    if children and children[0].type == "text":
        children[0].content = CAPTION.sub("", children[0].content)
