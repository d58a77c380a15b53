"""Tokens → one standalone, accessible HTML page (CSS inlined, no external requests).

markdown-it's own HTML renderer does the work; only the markup the house style needs is
overridden: captions, landmarks for the cover and contents, and plainer footnote links.

Accessibility (WCAG 2.2 AA, checked by tests/test_accessibility.py with axe-core in Chromium):
every table sits in its own keyboard-focusable, named scrolling region, so a wide table
scrolls sideways on a 320 px screen without the page doing so, named by its caption or by the
heading above it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markupsafe import Markup

from ..parse import CALLOUTS, Parsed, markdown
from ..parse.regions import REGIONS
from ..view import ReportView
from .links import ids, link_close, link_open
from .notes import footnote_anchor, footnote_block_open, footnote_ref, note_bodies, shared_notes
from .publication import Page

if TYPE_CHECKING:
    from ..house import House


def split(tokens: list[Token]) -> dict[str, list[Token]]:
    """The cover, the contents, the front matter (inside cover) and the body, as separate token lists."""
    parts: dict[str, list[Token]] = {"cover": [], "contents": [], "front": [], "body": []}
    current = "body"
    for token in tokens:
        name = token.type.removeprefix("container_").removesuffix("_open").removesuffix("_close")
        if token.type.startswith("container_") and name in parts:
            current = name if token.nesting == 1 else "body"
            continue
        parts[current].append(token)
    return parts


def in_order(tokens: list[Token]) -> list[tuple[str, list[Token]]]:
    """What follows the cover, in the order the report prints it (the edition's printing.order): the
    contents, the front matter and runs of the body, each a (name, tokens) pair."""
    flow: list[tuple[str, list[Token]]] = []
    current = "body"
    for token in tokens:
        name = token.type.removeprefix("container_").removesuffix("_open").removesuffix("_close")
        if token.type.startswith("container_") and name in ("cover", "contents", "front"):
            current = name if token.nesting == 1 else "body"
            continue
        if current == "cover":
            continue
        if not flow or flow[-1][0] != current:
            flow.append((current, []))
        flow[-1][1].append(token)
    return flow


def unlisted_front(contents: list[Token], front: list[Token]) -> list[Token]:
    """The contents without the entries for headings of the front matter: the web page folds the
    front matter away, so a contents link there would lead to a hidden heading (the 2007 edition
    lists its acknowledgements and glossary, as the printed original did)."""
    folded = {f"#{t.attrs['id']}" for t in front if t.type == "heading_open" and t.attrs.get("id")}
    if not folded:
        return contents
    kept: list[Token] = []
    i = 0
    while i < len(contents):
        token = contents[i]
        if token.type == "list_item_open":
            end = next(j for j in range(i + 1, len(contents)) if contents[j].type == "list_item_close" and contents[j].level == token.level)
            first = next((t for t in contents[i:end] if t.type == "inline"), None)
            hrefs = [c.attrs.get("href") for c in (first.children or ()) if c.type == "link_open"] if first else []
            if hrefs and hrefs[0] in folded:
                i = end + 1
                continue
        kept.append(token)
        i += 1
    return kept


def _table_open(self, tokens, idx, options, env) -> str:
    """`<div class="table-wrap" role="region" tabindex="0">` + `<table>` + `<caption>`.

    The wrapper scrolls a table too wide for a narrow screen inside itself (WCAG 1.4.10); as a
    scrolling region it must be reachable by keyboard and named: by the caption, or, where the
    heading above already says what the table is (parse.table_captions), by that heading.
    """
    token = tokens[idx]
    env["table_count"] = number = env.get("table_count", 0) + 1
    env["in_table"] = True
    heading = token.meta.get("named_by")
    if heading:
        return (
            f'<div class="table-wrap" role="region" tabindex="0" aria-labelledby="{heading}">\n'
            f'<table{self.renderAttrs(token)} aria-labelledby="{heading}">\n'
        )
    ident = f"table-{number}-caption"
    text = self.renderInline(token.meta["caption"].children, options, env)
    view = env.get("view")
    unprinted = ' class="unprinted"' if view is not None and "captions" in view.edition.printing.unprinted else ""
    return (
        f'<div class="table-wrap" role="region" tabindex="0" aria-labelledby="{ident}">\n'
        f"<table{self.renderAttrs(token)}>\n"
        f'<caption id="{ident}"{unprinted}>{text}</caption>\n'
    )


def _table_close(self, tokens, idx, options, env) -> str:
    """On the publication page, each table is followed by the link to its CSV file."""
    env["in_table"] = False
    html = "</table>\n</div>\n"
    page = env.get("page")
    if page is not None and env["table_count"] <= len(page.tables):
        link = page.tables[env["table_count"] - 1]
        label = escapeHtml(page.brand.labels["download_table"])
        html += (
            f'<p class="table-download"><a href="{escapeHtml(link.href)}" download>{label}'
            f'<span class="visually-hidden">: table {env["table_count"]}, {escapeHtml(link.caption)}</span></a>'
            f" ({escapeHtml(page.brand.labels['file_size'].format(kind='CSV', size=link.size))})</p>\n"
        )
    return html


def _ordered_list_open(self, tokens, idx, options, env) -> str:
    """`<ol start="3">` also resets the list-item counter, which WeasyPrint numbers by (a
    recommendation list that continues across addressees must read 3, 4… in the PDF too)."""
    start = tokens[idx].attrGet("start")
    if start is None:
        return self.renderToken(tokens, idx, options, env)
    token = tokens[idx].copy()  # the tokens are shared with the Word writer: leave them as parsed
    token.attrSet("style", f"counter-reset: list-item {int(start) - 1}")
    return self.renderToken([token], 0, options, env)


def _callout_open(self, tokens, idx, options, env) -> str:
    """A box named for assistive technology (role=note) with the same label visible at its top."""
    token = tokens[idx]
    kind = token.type.removeprefix("container_").removesuffix("_open")
    label = escapeHtml(token.meta["label"])
    return f'<div class="callout callout-{kind}" role="note" aria-label="{label}">\n<p class="callout-label">{label}</p>\n'


def _callout_close(self, tokens, idx, options, env) -> str:
    return "</div>\n"


def _region_open(self, tokens, idx, options, env) -> str:
    """A region left in the body (a back cover) as a <div> of its name; markdown-it's default rule
    would add the class to the shared token, once more at every render (Word, print, web)."""
    return f'<div class="{tokens[idx].type.removeprefix("container_").removesuffix("_open")}">\n'


def _chart_open(self, tokens, idx, options, env) -> str:
    from .chart_paint import chart_html

    key = tokens[idx].meta["chart"]
    return f'<div class="chart">\n{chart_html(env["view"], env["house"], key)}\n'


def _chart_close(self, tokens, idx, options, env) -> str:
    return "</div>\n"


def _comment(self, tokens, idx, options, env) -> str:
    """A comment (a draft's), beside the block it concerns; Word makes it a real comment. Its label and
    the box's name are the house's (review.yml, draft)."""
    meta = tokens[idx].meta
    return (f'<div class="draft-comment" role="note" aria-label="{escapeHtml(meta["box"])}"><p><strong>{escapeHtml(meta["label"])} '
            f'({escapeHtml(meta["author"])}):</strong> {escapeHtml(meta["text"])}</p></div>\n')


@lru_cache(maxsize=1)
def _renderer():
    md = markdown()
    for name, rule in {
        "table_open": _table_open,
        "table_close": _table_close,
        "container_chart_open": _chart_open,
        "container_chart_close": _chart_close,
        **{f"container_{kind}_open": _callout_open for kind in CALLOUTS},
        **{f"container_{kind}_close": _callout_close for kind in CALLOUTS},
        **{f"container_{kind}_open": _region_open for kind in REGIONS},
        **{f"container_{kind}_close": _callout_close for kind in REGIONS},
        "footnote_ref": footnote_ref,
        "ordered_list_open": _ordered_list_open,
        "footnote_block_open": footnote_block_open,
        "footnote_anchor": footnote_anchor,
        "comment": _comment,
        "link_open": link_open,
        "link_close": link_close,
    }.items():
        md.add_render_rule(name, rule)
    return md


def chapters(tokens: list[Token]) -> tuple[list[list[Token]], list[Token]]:
    """The body cut at each level-2 heading (a chapter), and the footnotes block after it."""
    notes = next((i for i, t in enumerate(tokens) if t.type == "footnote_block_open"), len(tokens))
    parts: list[list[Token]] = [[]]
    for token in tokens[:notes]:
        if token.type == "heading_open" and token.tag == "h2" and parts[-1]:
            parts.append([])
        parts[-1].append(token)
    return [p for p in parts if p], tokens[notes:]


def _render(tokens: list[Token], env: dict) -> Markup:
    md = _renderer()
    return Markup(md.renderer.render(tokens, md.options, env))


def render_html(parsed: Parsed, view: ReportView, house: House, page: Page | None = None) -> str:
    """The whole page: with `page`, the web publication (header band, metadata, downloads,
    back-to-top links, front matter folded, data annex, footer); without, the plain document
    the PDF is laid out from."""
    tokens = parsed.tokens if page is None else shared_notes(parsed.tokens)  # a note repeated word for word, once
    parts = split(tokens)
    if page is not None:
        parts["contents"] = unlisted_front(parts["contents"], parts["front"])
    md = _renderer()
    env = {**parsed.env, "view": view, "house": house, "table_count": 0, "page": page, "ids": ids(tokens, page)}  # tables count from 1
    env["notes"], env["note_seen"] = {}, {}
    if page is None:  # print sets each note at the foot of its page; the web page links to the list at the end
        env["notes"] = note_bodies(parts["body"], md, env)
    cover, contents, front = (_render(parts[name], env) for name in ("cover", "contents", "front"))
    body, notes = chapters(parts["body"])
    rendered = [_render(part, env) for part in body]
    flow = []  # the plain document (the PDF's) in the report's own order: its contents where the printing puts them
    if page is None:
        for name, tokens in in_order(parsed.tokens):
            if name == "body":
                flow += [("chapter", _render(part, env)) for part in chapters(tokens)[0]]
            else:
                flow.append((name, contents if name == "contents" else front))
    return house.pages.get_template("html/page.html.j2").render(
        view=view, cover=cover, contents=contents, front_matter=front, chapters=rendered, flow=flow,
        footnotes=_render(notes, env), css=Markup(house.css), page=page, brand=house.brand, logo=house.logo,
        fieldwork=Markup(_renderer().renderInline(str(view.inspection.fieldwork), {})),  # own env: no footnote block
    )


def render_fragment(parsed: Parsed, view: ReportView, house: House, page: Page) -> str:
    """The report body for pasting into a content management system: no page shell, no styles;
    the ids and classes are documented in docs/html-fragment.md."""
    tokens = shared_notes(parsed.tokens)
    parts = split(tokens)
    parts["contents"] = unlisted_front(parts["contents"], parts["front"])
    env = {**parsed.env, "view": view, "house": house, "table_count": 0, "page": page.fragment(), "notes": {}, "note_seen": {},
           "ids": ids(tokens, None) | {"footnotes"}}  # a fragment has no page of its own: no data annex, no footer
    contents, front = _render(parts["contents"], env), _render(parts["front"], env)
    body, notes = chapters(parts["body"])
    return house.pages.get_template("html/fragment.html.j2").render(
        view=view, contents=contents, front_matter=front, chapters=[_render(part, env) for part in body],
        footnotes=_render(notes, env), page=page,
    )
