"""`::: contents`: the report's contents, filled in from the headings the templates marked
contents=true, each linked by the id it was given (headings.py) — so a heading whose title
repeats another's is linked to its own id (h-glossary-2), never to a guess."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ..model import FOOTNOTE_REF
from .fences import fenced


def contents_plugin(md: MarkdownIt, *, fill: bool = True) -> None:
    fenced(md, "contents")
    if fill:
        md.core.ruler.push("contents_list", contents_list)


def contents_list(state: StateCore) -> None:
    """A bulleted list of links, nested by heading level, as the last thing in the contents block."""
    tokens = state.tokens
    close = next((i for i, t in enumerate(tokens) if t.type == "container_contents_close"), None)
    if close is None:
        return
    entries = [(int(t.tag[1]), tokens[i + 1], str(t.attrGet("id"))) for i, t in enumerate(tokens)
               if t.type == "heading_open" and t.meta.get("contents")]
    made = entry_tokens(entries, tokens[close].level + 1)
    opening = next(t for t in reversed(tokens[:close]) if t.type == "container_contents_open")
    opening.meta["entries"] = [(t.level, t) for t in made if t.type == "inline"]  # what the Markdown writer lists
    tokens[close:close] = made


def entry_tokens(entries: list[tuple[int, Token, str]], level: int) -> list[Token]:
    """Tokens of a tight bulleted list, one item per (heading level, heading's inline, id); an
    entry nests under the last entry of a higher level before it."""
    roots: list[tuple[tuple[int, Token, str], list]] = []
    open_items: list[tuple[int, list]] = []  # (heading level, children) of the items an entry may nest in
    for entry in entries:
        while open_items and open_items[-1][0] >= entry[0]:
            open_items.pop()
        node: tuple[tuple[int, Token, str], list] = (entry, [])
        (open_items[-1][1] if open_items else roots).append(node)
        open_items.append((entry[0], node[1]))
    return _list(roots, level) if roots else []


def _list(nodes: list, level: int) -> list[Token]:
    out = [_token("bullet_list_open", "ul", 1, level)]
    for (_, inline, ident), children in nodes:
        out += [_token("list_item_open", "li", 1, level + 1), _paragraph(1, level + 2), _link(inline, ident, level + 3),
                _paragraph(-1, level + 2)]
        if children:
            out += _list(children, level + 2)
        out.append(_token("list_item_close", "li", -1, level + 1))
    out.append(_token("bullet_list_close", "ul", -1, level))
    return out


def _token(kind: str, tag: str, nesting: int, level: int) -> Token:
    return Token(kind, tag, nesting, markup="-", block=True, level=level)


def _paragraph(nesting: int, level: int) -> Token:
    token = Token("paragraph_open" if nesting == 1 else "paragraph_close", "p", nesting, block=True, level=level)
    token.hidden = True  # a tight list's items have no <p>
    return token


def _link(heading: Token, ident: str, level: int) -> Token:
    """The entry's inline: the heading's own inline content, less footnote calls and links, linked to its id."""
    words = [child.copy() for child in heading.children or () if child.type not in ("footnote_ref", "link_open", "link_close")]
    if words and words[-1].type == "text":
        words[-1].content = words[-1].content.rstrip()
    text = FOOTNOTE_REF.sub("", heading.content).strip()
    inline = Token("inline", "", 0, content=f"[{text}](#{ident})", block=True, level=level)
    inline.children = [Token("link_open", "a", 1, attrs={"href": f"#{ident}"}), *words, Token("link_close", "a", -1)]
    return inline
