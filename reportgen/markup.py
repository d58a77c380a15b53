"""Findings text → only the Markdown the report allows, checked by parsing each field with the report's parser.

Every text field has a kind (model.Text), set by where the template puts it: `block` narrative
(paragraphs, lists, quotes, tables), one `paragraph` (a list item, a footnote), one `line` that
starts a line of the report (an addressee, a signatory) or an `inline` line inside a heading,
a table cell or a sentence. Each kind allows a set of markdown-it token types; anything else —
a heading, a code block, a `:::` fence other than a callout box in narrative, an image, a link reference or footnote definition, a
link that is not http(s), mailto or an in-page anchor — is an error naming its line, as are
the size limits of limits.py. One mechanism, so markup cannot reach the report by a side door.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from pydantic import BaseModel

from .errors import Problem, shorten
from .limits import MAX_HEADINGS, MAX_NESTING, MAX_PARAGRAPH, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MAX_TEXT, MAX_WORD
from .load import Located, Path_
from .model import Edition, Findings, Text
from .parse import CALLOUTS, LINKS_ALLOWED, configure, link_allowed

IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)?")
RAW_HTML = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*|/[A-Za-z][A-Za-z0-9-]*|!--)[\s/>]")
INLINE = {"text", "softbreak", "hardbreak", "em_open", "em_close", "strong_open", "strong_close",
          "link_open", "link_close", "code_inline", "footnote_ref"}
ONE_PARAGRAPH = ["paragraph_open", "inline", "paragraph_close"]
BLOCK = {"paragraph_open", "paragraph_close", "inline", "bullet_list_open", "bullet_list_close",
         "ordered_list_open", "ordered_list_close", "list_item_open", "list_item_close",
         "blockquote_open", "blockquote_close", "hr", "table_open", "table_close", "thead_open",
         "thead_close", "tbody_open", "tbody_close", "tr_open", "tr_close", "th_open", "th_close",
         "td_open", "td_close"} | {f"container_{kind}_{end}" for kind in CALLOUTS for end in ("open", "close")}
NESTS = {"bullet_list_open", "ordered_list_open", "blockquote_open"} | {f"container_{kind}_open" for kind in CALLOUTS}
EXPECTED = {
    "narrative": "paragraphs, sub-headings, lists, quotes, tables, callout boxes (::: good-practice, ::: practice-example, "
                 "::: case-illustration), emphasis, links and footnote references",
    "block": "paragraphs, lists, quotes, tables, callout boxes (::: good-practice, ::: practice-example, "
             "::: case-illustration), emphasis, links and footnote references",
    "paragraph": "one paragraph (this text is a list item or a footnote)",
    "line": "one line of text",
    "inline": "one line of text",
}
WHAT = {
    "heading_open": "a heading (a line starting with '#', or underlined with '=' or '-')",
    "fence": "a code block (a line starting with ``` or ~~~)",
    "code_block": "a code block (a line indented 4 or more spaces after a blank line)",
    "footnote_reference_open": "a footnote definition '[^name]: …'",
    "html_block": "raw HTML",
    "bullet_list_open": "a list",
    "ordered_list_open": "a numbered list (a line starting with a number and '.' or ')')",
    "blockquote_open": "a quote (a line starting with '>')",
    "table_open": "a table",
    "hr": "a horizontal rule",
}


@dataclass(frozen=True)
class Fault:
    """One thing wrong in one text, `line` lines below the text's first line."""

    line: int
    found: str
    expected: str
    severity: str = "error"


@lru_cache(maxsize=1)
def checker() -> MarkdownIt:
    """The report's parser, without its report-wide steps, matching every `[^name]` as a reference."""
    return configure(check=True)


def check_texts(source: Located, edition: Edition, findings: Findings) -> list[Problem]:
    """Every text field against its kind, every footnote reference against the definitions."""
    problems: list[Problem] = []
    defined = set(findings.footnotes) | set(edition.footnotes)
    used: set[str] = set()
    headings = 0
    for path, text, kind in texts(findings, Findings, ()):
        headings += path[-1] == "heading"
        labels: set[str] = set()
        for fault in check_text(text, kind, labels):
            problems.append(_at(source, path, fault))
        self_name = path[1] if path[:1] == ("footnotes",) and len(path) == 2 else None
        printed = "notes" not in path  # a reviewer's note is not in the report: it cannot carry a footnote into it
        for label in sorted(labels - {self_name}):
            if printed:
                used.add(label)
            if label not in defined:  # pointed at the `[^label]` itself, not the start of its text
                line, column = source.where_in(path, f"[^{label}]")
                problems.append(source.problem_at(path, line, column, f"a reference to footnote [^{label}]", _one_of(label, defined)))
        html = RAW_HTML.search(text)
        if html:
            problems.append(source.problem(path, f"HTML markup {shorten(text[html.start():html.start() + 30])}",
                                           "Markdown (the markup will be printed as text, not run)", warning=True))
    if headings > MAX_HEADINGS:
        problems.append(source.problem((), f"{headings:,} headings in the findings", f"at most {MAX_HEADINGS:,}"))
    for name in findings.footnotes:
        if name not in used:
            problems.append(source.problem(("footnotes", name), f"footnote {name!r} that nothing refers to",
                                           f"a [^{name}] reference in the text", key=True, warning=True))
    return problems


def _one_of(label: str, defined: set[str]) -> str:
    from .messages import one_of

    return one_of(label, sorted(defined), "a footnote defined under 'footnotes':")


def _at(source: Located, path: Path_, fault: Fault) -> Problem:
    line, column = source.where(path)
    if line is not None and path in source.block_scalars:
        line, column = line + 1 + fault.line, None  # a | or > block starts on the line after its indicator
    elif line is not None and fault.line:
        line, column = line + fault.line, None
    return source.problem_at(path, line, column, fault.found, fault.expected, fault.severity)


def check_text(text: str, kind: str, labels: set[str]) -> list[Fault]:
    """What is wrong with one text of `kind`; footnote labels it refers to are added to `labels`."""
    if len(text) > MAX_TEXT:
        return [Fault(0, f"a text of {len(text):,} characters", f"at most {MAX_TEXT:,}")]
    if kind in ("line", "inline") and ("\n" in text or "\r" in text):
        return [Fault(0, "a line break", "one line of text: this value is a name, heading or table cell")]
    env: dict = {}
    tokens = checker().parseInline(text, env) if kind == "inline" else checker().parse(text, env)
    faults: list[Fault] = []
    if env.get("references"):
        name = next(iter(env["references"])).lower()  # markdown-it keeps labels normalised
        lines = text.split("\n")
        line = next((i for i, s in enumerate(lines) if s.lstrip().lower().startswith(f"[{name}]:")), 0)
        typed = lines[line].strip().split("]:")[0] + "]" if lines[line].lstrip().startswith("[") else f"[{name}]"
        faults.append(Fault(line, f"a link reference definition '{shorten(typed, 40)[1:-1]}: …'", "links written in place: [text](https://…)"))
    if kind in ("paragraph", "line") and tokens and [t.type for t in tokens] != ONE_PARAGRAPH:
        odd = next((t for t in tokens if t.type not in ONE_PARAGRAPH), tokens[0])
        faults.append(Fault(_line(odd), WHAT.get(odd.type, f"more than one paragraph"), EXPECTED[kind]))
        return faults
    depth = rows = headings = 0
    skip_to: int | None = None  # the level at which a refused block ends: its contents are not looked at
    for token in tokens:
        line = _line(token)
        if skip_to is not None:
            if token.level == skip_to and token.nesting == -1:
                skip_to = None
            continue
        if kind == "narrative" and token.type in ("heading_open", "heading_close") and token.level == 0:
            headings += token.type == "heading_open"  # a sub-heading of a long narrative, set below the field's own heading (subheadings.py)
            if headings == MAX_HEADINGS + 1 and token.type == "heading_open":
                faults.append(Fault(line, f"more than {MAX_HEADINGS} sub-headings", f"at most {MAX_HEADINGS}"))
        elif token.type not in BLOCK and kind in ("block", "narrative"):
            faults.append(Fault(line, _what(token), f"{EXPECTED[kind]} only"))
            skip_to = token.level if token.nesting == 1 else None
            continue
        if token.type in NESTS:
            depth += 1
            if depth == MAX_NESTING + 1:
                faults.append(Fault(line, f"lists or quotes nested {depth} deep", f"at most {MAX_NESTING} levels"))
        elif token.type.replace("_close", "_open") in NESTS:
            depth -= 1
        elif token.type == "table_open":
            rows = 0
        elif token.type == "tr_open":
            rows += 1
            if rows == MAX_TABLE_ROWS + 1:
                faults.append(Fault(line, f"a table of more than {MAX_TABLE_ROWS} rows", f"at most {MAX_TABLE_ROWS} rows"))
        elif token.type == "thead_open":
            columns = _columns(tokens, tokens.index(token))
            if columns > MAX_TABLE_COLUMNS:
                faults.append(Fault(line, f"a table of {columns} columns", f"at most {MAX_TABLE_COLUMNS} columns"))
        elif token.type == "inline":
            faults += _inline_faults(token, line, labels)
            if kind in ("line", "inline"):
                faults += _long_words(token, line)
    return faults


def _long_words(inline: Token, line: int) -> list[Fault]:
    """A name, title, heading or cell is printed where it must wrap (the cover, running headers, a
    narrow column): one unbroken word longer than MAX_WORD cannot, and makes the PDF's layout slow."""
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            word = max(child.content.split(), key=len, default="")
            if len(word) > MAX_WORD:
                return [Fault(line, f"a word of {len(word):,} characters ({shorten(word, 24)})",
                              f"words of at most {MAX_WORD} characters in a name, title, heading or table cell")]
    return []


def _inline_faults(inline: Token, line: int, labels: set[str]) -> list[Fault]:
    faults: list[Fault] = []
    if len(inline.content) > MAX_PARAGRAPH:
        faults.append(Fault(line, f"a paragraph of {len(inline.content):,} characters", f"at most {MAX_PARAGRAPH:,}"))
    children = inline.children or []
    for i, child in enumerate(children):
        if child.type == "footnote_ref":
            labels.add(child.meta["label"])
        elif child.type == "text" and IMAGE.search(child.content):  # one markdown-it would not link: file:, data:
            faults.append(Fault(line, f"an image {shorten(IMAGE.search(child.content).group())}", "text only: findings cannot embed or link images"))
        elif child.type not in INLINE:
            faults.append(Fault(line, _what(child), "text, emphasis, links and footnote references"))
        elif child.type == "link_open":
            href = str(child.attrGet("href") or "")
            here = line + inline.content[: max(inline.content.find(href), 0)].count("\n")
            previous = children[i - 1] if i else None
            if previous is not None and previous.type == "text" and previous.content.endswith("!"):
                faults.append(Fault(here, f"an image '![…]' of {shorten(href)}", "text only: findings cannot embed or link images"))
            elif not link_allowed(href):
                faults.append(Fault(here, f"a link to {shorten(href)}", LINKS_ALLOWED))
    return faults


def _columns(tokens: list[Token], start: int) -> int:
    count = 0
    for token in tokens[start:]:
        if token.type == "th_open":
            count += 1
        elif token.type == "tr_close":
            return count
    return count


def _line(token: Token) -> int:
    return token.map[0] if token.map else 0


def _what(token: Token) -> str:
    if token.type.startswith("container_"):
        return f"a '::: {token.info.strip() or token.type.split('_')[1]}' fence"
    return WHAT.get(token.type, f"markup the report does not allow ({token.type})")


# ---------------------------------------------------------------------------
# which fields are text, and of which kind
# ---------------------------------------------------------------------------


def texts(value: Any, annotation: Any, path: Path_, kind: str | None = None) -> Iterator[tuple[Path_, str, str]]:
    """(path, text, kind) for every string in a findings model, the kind read from its annotation."""
    annotation, kind = _unwrap(annotation, kind, value)
    if value is None:
        return
    if isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            marks = [m.kind for m in field.metadata if isinstance(m, Text)]
            yield from texts(getattr(value, name), field.annotation, (*path, name), marks[0] if marks else None)
    elif isinstance(value, str):
        yield path, value, kind or "inline"
    elif isinstance(value, tuple):
        element = typing.get_args(annotation)[0]
        for index, item in enumerate(value):
            yield from texts(item, element, (*path, index))
    elif isinstance(value, dict):
        element = typing.get_args(annotation)[-1]
        for key, item in value.items():
            yield from texts(item, element, (*path, key))


def _unwrap(annotation: Any, kind: str | None, value: Any) -> tuple[Any, str | None]:
    """Strip Annotated and unions (taking the arm `value` belongs to), keeping a Text mark if there is one."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *marks = typing.get_args(annotation)
            kind = next((m.kind for m in marks if isinstance(m, Text)), kind)
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            arms = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = next((a for a in arms if _base(a) is type(value)), arms[0])
        else:
            return annotation, kind


def _base(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return typing.get_origin(annotation) or annotation
