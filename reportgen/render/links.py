"""Links as a page prints them: on the web page with a base URL, absolute (Page.link); to a place the
document does not have (the web page's data annex, in print or in a fragment), its words only.

markdown-it render rules, for html.py's renderer.
"""

from __future__ import annotations

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from .publication import Page


def in_page(env, href: str) -> str:
    """An in-page link ('#fn1') as the page prints it: absolute on a web page given a base URL (Page.link)."""
    page = env.get("page")
    return escapeHtml(page.link(href) if page is not None else href)


PAGE_IDS = frozenset({"top", "main", "data-tables", "alternative-formats", "footnotes"})  # the web page's own (page.html.j2)


def link_open(self, tokens, idx, options, env) -> str:
    """A link of the report's text (contents, cross-references, sources) as the page prints it (Page.link);
    one to a place this document does not have (the web page's data annex, in print) keeps its words only."""
    page = env.get("page")
    href = str(tokens[idx].attrGet("href") or "")
    known = env.get("ids")  # None: a piece rendered on its own (the fieldwork line), whose targets are not known here
    missing = known is not None and href.startswith("#") and href[1:] not in known
    env.setdefault("links", []).append(missing)
    if missing:
        return ""
    if page is None or page.link(href) == href:
        return self.renderToken(tokens, idx, options, env)
    token = tokens[idx].copy()  # the tokens are shared with the other writers: leave them as parsed
    token.attrSet("href", page.link(href))
    return self.renderToken([token], 0, options, env)


def link_close(self, tokens, idx, options, env) -> str:
    return "" if env.get("links") and env["links"].pop() else self.renderToken(tokens, idx, options, env)


def ids(tokens: list[Token], page: Page | None) -> frozenset[str]:
    """Every id a link may lead to: the headings' (and other blocks'), and the web page's own."""
    found = {str(t.attrGet("id")) for t in tokens if t.attrGet("id")}
    return frozenset(found | (PAGE_IDS if page is not None else {"main"}))
