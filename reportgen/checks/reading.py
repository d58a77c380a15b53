"""The findings' printed text as a reader meets it: passages (a paragraph, a list item, a heading, a cell)
read with the report's own parser, each character traced back to its place in the findings value.

Text checks judge these passages, never the raw Markdown: emphasis marks, link targets and
footnote references are not words, and a word's offset in its value gives its file:line:column
(where.Places). Each passage knows where it stands — a quote, a case illustration or practice
example, a heading, a table cell — and spans inside it that are a link, code or a quotation.
Read once per check run (CheckInput caches it), since several checks read the same passages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..load import Path_
from ..markup import texts
from ..model import Findings

CASE_BOXES = ("case-illustration", "practice-example")  # callouts that tell one child's story
SKIP_KEYS = frozenset({"notes", "words", "allow", "edition", "id", "isbn", "published", "rating", "callout"})
OWN_PEOPLE = (("inspection", "lead_inspector"), ("introduction", "signatory", "name"))  # and team[*].members[*]
QUOTED = re.compile(r'"[^"\n]{2,}"|“[^”\n]{2,}”')  # a quotation inside a sentence


@dataclass(frozen=True)
class Passage:
    """One block of printed text: its words as read, and for each character its offset in the value at `path`."""

    path: Path_
    text: str
    offsets: tuple[int, ...]
    context: frozenset[str]  # "quote", "case", "heading", "cell", "item", "callout-title"
    spans: tuple[tuple[int, int, str], ...] = ()  # (start, end, "link" | "code" | "quoted") within text
    hrefs: tuple[str, ...] = ()

    def offset(self, index: int) -> int:
        """The value offset of character `index` of the passage's text."""
        if not self.offsets:
            return 0
        return self.offsets[min(max(index, 0), len(self.offsets) - 1)]

    def within(self, index: int, kind: str) -> bool:
        return any(start <= index < end and what == kind for start, end, what in self.spans)


def printed_texts(findings: Findings) -> Iterator[tuple[Path_, str, str]]:
    """(path, text, kind) of every findings string the report prints: not notes, ids, ratings or exceptions."""
    for path, text, kind in texts(findings, Findings, ()):
        if not any(isinstance(part, str) and part in SKIP_KEYS for part in path):
            yield path, text, kind


def own_people(findings: Findings) -> list[tuple[Path_, str]]:
    """The report's own people, as written: lead inspector, signatory, the inspection team."""
    people = [(OWN_PEOPLE[0], findings.inspection.lead_inspector), (OWN_PEOPLE[1], findings.introduction.signatory.name)]
    for ri, role in enumerate(findings.team):
        people += [(("team", ri, "members", mi), member) for mi, member in enumerate(role.members)]
    return people


def is_own_person(path: Path_) -> bool:
    return path in OWN_PEOPLE or (len(path) == 4 and path[0] == "team" and path[2] == "members")


SECTION_BOXES = {"case illustration": "case", "practice example": "case", "quote": "quote"}  # Section.callout


def passages(findings: Findings, parser: MarkdownIt) -> list[Passage]:
    found: list[Passage] = []
    for path, value, kind in printed_texts(findings):
        if value.strip():
            box = SECTION_BOXES.get(getattr(item_at(findings, path[:-1]), "callout", None) or "")
            found += [replace(p, context=p.context | {box}) if box else p for p in read(path, value, kind, parser)]
    return found


def item_at(findings: Findings, path: Path_):
    """The model object at `path` (a Section holding a body, a text), or None."""
    item = findings
    for part in path:
        try:
            item = item[part] if isinstance(part, int) or isinstance(item, dict) else getattr(item, part)
        except (AttributeError, IndexError, KeyError, TypeError):
            return None
    return item


def read(path: Path_, value: str, kind: str, parser: MarkdownIt) -> list[Passage]:
    """The passages of one value (a value written twice, or aliased, is read once)."""
    return [replace(p, path=path) for p in _read(value, kind, parser)]


@lru_cache(maxsize=1024)  # a report's values (Bromley has 375) and the next few: a batch's memory stays flat
def _read(value: str, kind: str, parser: MarkdownIt) -> tuple[Passage, ...]:
    path: Path_ = ()
    tokens = parser.parseInline(value, {}) if kind == "inline" else parser.parse(value, {})
    line_starts = [0] + [m.end() for m in re.finditer("\n", value)]
    out: list[Passage] = []
    context: list[str] = []
    block_line = 0
    for token in tokens:
        if token.map:
            block_line = token.map[0]
        if token.nesting == 1:
            context.append(_context_of(token))
            if token.type.startswith("container_") and token.info.strip():
                out.append(_callout_title(path, value, token, line_starts, context))
        elif token.nesting == -1 and context:
            context.pop()
        elif token.type == "inline":
            start = line_starts[min(block_line, len(line_starts) - 1)] if kind != "inline" else 0
            out.append(_passage(path, value, token, start, frozenset(c for c in context if c)))
    return tuple(out)


def _context_of(token: Token) -> str:
    kind = token.type.removesuffix("_open")
    if kind == "blockquote":
        return "quote"
    if kind.startswith("container_"):
        return "case" if kind.removeprefix("container_") in CASE_BOXES else "callout"
    if kind == "heading":
        return "heading"
    if kind == "list_item":
        return "item"
    if kind in ("td", "th"):
        return "cell"
    return ""


def _callout_title(path: Path_, value: str, token: Token, line_starts: list[int], context: list[str]) -> Passage:
    """A callout box's own title ('::: practice-example Practice example: Sam'), which the report prints."""
    title = token.info.strip()
    words = title.split(None, 1)
    title = words[1] if len(words) > 1 else ""
    at = value.find(title, line_starts[token.map[0]] if token.map else 0) if title else -1
    offsets = tuple(range(at, at + len(title))) if at >= 0 else ()
    return Passage(path, title if at >= 0 else "", offsets, frozenset([*(c for c in context if c), "callout-title"]))


def _passage(path: Path_, value: str, inline: Token, cursor: int, context: frozenset[str]) -> Passage:
    text: list[str] = []
    offsets: list[int] = []
    spans: list[tuple[int, int, str]] = []
    hrefs: list[str] = []
    link_start: int | None = None

    def add(content: str, fixed: int | None = None) -> None:
        nonlocal cursor
        at = fixed if fixed is not None else _find(value, content, cursor)
        text.append(content)
        if at is None:
            offsets.extend([cursor] * len(content))
            return
        offsets.extend(range(at, at + len(content)) if fixed is None else [at] * len(content))
        cursor = max(cursor, at + (len(content) if fixed is None else 0))

    for child in inline.children or ():
        if child.type == "text":
            add(child.content)
        elif child.type == "code_inline":
            start = len("".join(text))
            add(child.content)
            spans.append((start, start + len(child.content), "code"))
        elif child.type in ("softbreak", "hardbreak"):
            add(" ", cursor)
        elif child.type == "link_open":
            link_start = len("".join(text))
            hrefs.append(str(child.attrGet("href") or ""))
        elif child.type == "link_close" and link_start is not None:
            spans.append((link_start, len("".join(text)), "link"))
            link_start = None
        elif child.type == "footnote_ref":
            add(" ", cursor)  # a reference sits between words; it is not one
    joined = "".join(text)
    spans += [(m.start(), m.end(), "quoted") for m in QUOTED.finditer(joined)]
    return Passage(path, joined, tuple(offsets), context, tuple(spans), tuple(hrefs))


def _find(value: str, content: str, cursor: int) -> int | None:
    """Where `content` (a text token, entities and escapes resolved) is written in `value` from `cursor`."""
    at = value.find(content, cursor)
    if at >= 0:
        return at
    head = content.strip()[:6]
    at = value.find(head, cursor) if head else -1
    return at - content.find(head) if at >= 0 and at - content.find(head) >= cursor else None


SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bNo)(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bSt)"
                          r"[.!?][\"'’”)]*\s+(?=[\"'‘“(]?[A-Z0-9])")


def sentences(passage: Passage) -> tuple[tuple[int, str], ...]:
    """(start index, text) of each sentence of the passage."""
    return _sentences(passage.text)


@lru_cache(maxsize=8192)
def _sentences(text: str) -> tuple[tuple[int, str], ...]:
    found = []
    start = 0
    for end in [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]:
        piece = text[start:end]
        if piece.strip():
            found.append((start + len(piece) - len(piece.lstrip()), piece.strip()))
        start = end
    return tuple(found)
