"""Links: only http(s), mailto and in-page targets are links; any other keeps its text and loses the link."""

from __future__ import annotations

from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

LINK_SCHEMES = ("https", "http", "mailto")
LINKS_ALLOWED = "a link to an https://, http:// or mailto: address, or to a heading in the report (#id)"


def link_allowed(href: str) -> bool:
    """An http(s) address with a host, a mailto: address, or an in-page anchor; nothing that
    could open a local file, a share or a program."""
    if href.startswith("#"):
        return True
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        return bool(parts.path)
    return scheme in LINK_SCHEMES and bool(parts.netloc) and not href.startswith("//")


def links_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("drop_placeholder_links", drop_placeholder_links)


def drop_placeholder_links(state: StateCore) -> None:
    """Links whose target is just '#' (a page not yet given) or not allowed keep their text and
    lose the link. `check` refuses disallowed links; this is the writers' second line."""
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _without_placeholder_links(token.children)


def _without_placeholder_links(children: list[Token]) -> list[Token]:
    kept, depth_dropped = [], []
    for child in children:
        if child.type == "link_open":
            href = str(child.attrGet("href") or "")
            dropped = href == "#" or not link_allowed(href)
            depth_dropped.append(dropped)
            if dropped:
                continue
        elif child.type == "link_close" and depth_dropped.pop():
            continue
        kept.append(child)
    return kept
