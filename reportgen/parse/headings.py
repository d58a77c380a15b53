"""Heading ids: made here and only here, so every link to a heading (the contents, a table named
by its heading, a Word bookmark, a draft's comment) uses the id the heading really has."""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from ..names import slug
from .text import pairs, plain_text


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str


def headings_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("heading_ids", heading_ids)


def heading_ids(state: StateCore) -> None:
    """A unique id on every heading (HTML anchor, Word bookmark), and the list of headings.
    Repeated titles get -2, -3 …; 10,000 identical headings take linear time."""
    headings: list[Heading] = []
    used: set[str] = set()
    repeats: dict[str, int] = {}  # slug → the last number given to a repeat of it
    for heading, inline in pairs(state.tokens, "heading_open"):
        text = plain_text(inline)
        ident = base = slug(text)
        while ident in used:  # a repeat: base-2, base-3 … resuming where the last one stopped, so linear
            repeats[base] = repeats.get(base, 1) + 1
            ident = f"{base}-{repeats[base]}"
        used.add(ident)
        heading.attrSet("id", ident)
        if any(c.type == "footnote_ref" for c in inline.children or ()):
            heading.attrSet("data-bookmark", text)  # PDF bookmarks show the title without its footnote mark
        headings.append(Heading(int(heading.tag[1]), text, ident))
    state.env["headings"] = headings
