"""Reading tokens: an inline token's text as a reader sees it, and each block's inline."""

from __future__ import annotations

from collections.abc import Iterator

from markdown_it.token import Token


def plain_text(inline: Token) -> str:
    """An inline token's text as a reader sees it, without footnote references."""
    parts = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def pairs(tokens: list[Token], opening: str) -> Iterator[tuple[Token, Token]]:
    """(opening token, its inline) for every `opening` (heading_open, paragraph_open)."""
    for i, token in enumerate(tokens):
        if token.type == opening and i + 1 < len(tokens) and tokens[i + 1].type == "inline":
            yield token, tokens[i + 1]


def text_inline(text: str) -> Token:
    """An inline token holding plain text."""
    inline = Token("inline", "", 0, content=text)
    inline.children = [Token("text", "", 0, content=text)]
    return inline


def footnote_inlines(tokens: list[Token]) -> dict[int, list[Token]]:
    """Each footnote's inline tokens by note id, in order: what every writer of a note's text reads."""
    notes: dict[int, list[Token]] = {}
    current = None
    for token in tokens:
        if token.type == "footnote_open":
            current = notes.setdefault(token.meta["id"], [])
        elif token.type == "footnote_close":
            current = None
        elif current is not None and token.type == "inline":
            current.append(token)
    return notes
