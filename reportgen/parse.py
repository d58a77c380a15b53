"""The report's Markdown → one token stream that every renderer walks.

markdown-it is set up once: CommonMark with GFM tables, footnotes numbered through the
whole report, and fenced blocks (`::: cover`, `::: contents`, `::: chart`, and the callout boxes
`::: good-practice`, `::: practice-example`, `::: case-illustration`). Raw HTML is off, so
markup typed in findings is shown as text, never passed through. Named core rules (RULES)
then add what all formats share: heading ids, table captions from Pandoc-style `Table:`
lines, lead-in paragraphs, row headers, and a class on every rating so the house style can
colour it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .errors import Problem, ReportError
from .limits import PARSER_NESTING
from .names import rating_class as css_class
from .names import slug

CALLOUTS = ("good-practice", "practice-example", "case-illustration")  # boxes findings may place in any narrative
CONTAINERS = ("cover", "contents", "front", "chart", *CALLOUTS)
CAPTION = re.compile(r"^Table:\s+")
RATING_LINE = re.compile(r"^Rating: ")
SECTION_NUMBER = re.compile(r"^\s*(?:[^\W\d]+\s+)?\d+(?:\.\d+)*\s*[.:\-–—]?\s+")  # "2.1. ", "Annexe 4: ", "Appendix 2 - "
LINK_SCHEMES = ("https", "http", "mailto")
LINKS_ALLOWED = "a link to an https://, http:// or mailto: address, or to a heading in the report (#id)"


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
    return configure()


def configure(*, check: bool = False) -> MarkdownIt:
    """The one markdown-it set-up. `check=True` is the same grammar for checking one findings
    field alone (markup.py): every `[^name]` is matched as a reference, and nothing report-wide runs."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.options["maxNesting"] = PARSER_NESTING  # beyond it markdown-it drops the rest: see parse()
    md.enable("table")
    md.disable(["image", "html_block", "html_inline"])  # findings are text: no pictures, no markup
    md.use(footnote_plugin, inline=False, move_to_end=not check, always_match_refs=check)
    for name in CONTAINERS:
        md.use(container_plugin, name)
    for rule in () if check else RULES:
        md.core.ruler.push(rule.__name__, rule)
    return md


def parse(text: str, ratings: tuple[str, ...] = (), file: str = "report") -> Parsed:
    """Parse the composed report; `ratings` are the edition's rating words, lowest first.

    Fails rather than lose text: markdown-it silently skips the rest of a document nested
    deeper than its limit, which `check` keeps findings far below.
    """
    env: dict = {"ratings": ratings}
    tokens = markdown().parse(text, env)
    deepest = max((t for t in tokens if t.block), key=lambda t: t.level, default=None)
    if deepest is not None and deepest.level >= PARSER_NESTING - 1:
        line = deepest.map[0] + 1 if deepest.map else None
        raise ReportError([Problem(file, None, None, "", f"Markdown nested {deepest.level} levels deep at line {line} of the composed report",
                                   f"at most {PARSER_NESTING - 2} levels, so that no writer drops text")])
    return Parsed(tokens, env, tuple(env.get("headings", ())))


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


def plain_text(inline: Token) -> str:
    """An inline token's text as a reader sees it, without footnote references."""
    parts = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


TRAILING_MARKS = re.compile(r"[\W_]+$")


def rating_class(text: str, ratings: tuple[str, ...]) -> str | None:
    """'rating-requires-improvement' when `text` is a rating word, with or without what follows
    the word in tables ('*' for discretion, the scale's mark such as '☆')."""
    word = TRAILING_MARKS.sub("", text)
    return css_class(word) if word in ratings else None


# ---- core rules, run in this order after markdown-it's own; each is one pass over the tokens ----


def drop_placeholder_links(state: StateCore) -> None:
    """Links whose target is just '#' (a page not yet given) or not allowed keep their text and
    lose the link. `check` refuses disallowed links; this is the writers' second line."""
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _without_placeholder_links(token.children)


def heading_ids(state: StateCore) -> None:
    """A unique id on every heading (HTML anchor, Word bookmark), and the list of headings.
    Repeated titles get -2, -3 …; 10,000 identical headings take linear time."""
    headings: list[Heading] = []
    used: set[str] = set()
    repeats: dict[str, int] = {}  # slug → the last number given to a repeat of it
    for heading, inline in _pairs(state.tokens, "heading_open"):
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
        elif token.type == "paragraph_open" and _before_table(tokens, i) and CAPTION.match(tokens[i + 1].content):
            _strip_caption_prefix(tokens[i + 1])
            tokens[i + 3].meta["caption"] = tokens[i + 1]
            dropped.update((i, i + 1, i + 2))  # the caption paragraph: the table carries it now
            if _under(section, between) and token.map and repeats_heading(tokens[i + 1], section[0]):
                repeated.append(tuple(token.map))
        elif token.type == "table_open":
            caption = token.meta.get("caption") or _text_inline(plain_text(section[0]) if section else "Table")
            if _under(section, between) and repeats_heading(caption, section[0]):
                caption = _text_inline(plain_text(section[0]))  # the heading's words, less its footnote marks
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


def lead_ins(state: StateCore) -> None:
    """The sentence that introduces a table is kept on the page with it."""
    for i, token in enumerate(state.tokens):
        if token.type == "paragraph_open" and _before_table(state.tokens, i):
            token.attrSet("class", "lead-in")


def rating_lines(state: StateCore) -> None:
    """A `Rating: Good` paragraph gets the rating's class, so the house style can colour it."""
    ratings = tuple(state.env.get("ratings", ()))
    for paragraph, inline in _pairs(state.tokens, "paragraph_open"):
        if RATING_LINE.match(inline.content):
            word = plain_text(inline).removeprefix("Rating:").strip()
            cls = rating_class(word, ratings)
            if cls:
                paragraph.attrSet("class", f"rating {cls}")
                paragraph.meta["rating"] = word


LONG_WORD = 20  # characters: a word this long may not fit a table column, so it may break anywhere


def header_cells(state: StateCore) -> None:
    """Column headers get scope="col"; each body row's first cell becomes its row header; a cell
    holding a rating word gets the rating's class, and one holding a word too long for a column
    (an address, a reference) the class `long-word`: only those may break between any letters,
    which keeps the print layout's column measuring cheap for every other cell."""
    tokens, ratings = state.tokens, tuple(state.env.get("ratings", ()))
    in_head = row_start = False
    for i, token in enumerate(tokens):
        text = plain_text(tokens[i + 1]) if token.type in ("th_open", "td_open") else ""
        if any(len(w) > LONG_WORD for w in text.split()):
            token.attrJoin("class", "long-word")
        if token.type in ("thead_open", "thead_close"):
            in_head = token.type == "thead_open"
        elif token.type == "th_open" and in_head:
            token.attrSet("scope", "col")
        elif token.type == "tr_open":
            row_start = not in_head
        elif token.type == "td_open" and row_start:
            token.type, token.tag = "th_open", "th"
            token.attrSet("scope", "row")
        elif token.type == "td_close" and row_start:
            token.type, token.tag = "th_close", "th"
            row_start = False
        elif token.type == "td_open":
            cls = rating_class(text, ratings)
            if cls:
                token.attrJoin("class", f"rating {cls}")


def callout_labels(state: StateCore) -> None:
    """Each callout box carries its label (meta['label']) for the renderers."""
    for token in state.tokens:
        if token.nesting == 1 and token.type.startswith("container_") and token.type[10:-5] in CALLOUTS:
            token.meta["label"] = callout_label(token.info)


RULES = (drop_placeholder_links, heading_ids, table_captions, lead_ins, rating_lines, header_cells, callout_labels)


def _pairs(tokens: list[Token], opening: str):
    """(opening token, its inline) for every `opening` (heading_open, paragraph_open)."""
    for i, token in enumerate(tokens):
        if token.type == opening and i + 1 < len(tokens) and tokens[i + 1].type == "inline":
            yield token, tokens[i + 1]


def _before_table(tokens: list[Token], i: int) -> bool:
    """Whether the paragraph opened at `i` is followed at once by a table."""
    return i + 3 < len(tokens) and tokens[i + 2].type == "paragraph_close" and tokens[i + 3].type == "table_open"


def callout_label(info: str) -> str:
    """The visible label of a callout box: the words after its kind (compose puts the edition's there)."""
    parts = info.strip().split(maxsplit=1)
    return parts[1] if len(parts) > 1 else parts[0].replace("-", " ").capitalize()


def _text_inline(text: str) -> Token:
    inline = Token("inline", "", 0, content=text)
    inline.children = [Token("text", "", 0, content=text)]
    return inline


def _without_placeholder_links(children: list[Token]) -> list[Token]:
    """Drop links whose target is just '#' (a page not yet given) or not allowed, keeping their text."""
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


def _strip_caption_prefix(inline: Token) -> None:
    inline.content = CAPTION.sub("", inline.content)
    children = inline.children or []
    if children and children[0].type == "text":
        children[0].content = CAPTION.sub("", children[0].content)


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
