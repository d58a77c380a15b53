"""Which findings field each paragraph of the report came from: the map that lets Word edits go back.

While the report is composed, every narrative value of the findings (a Markdown string the
inspectors wrote) is printed with a mark beside it naming its YAML path (marked.py): spans of
the composed Markdown that no character of the text can make, move or forge. After
parsing, each paragraph or heading wholly inside one span is tagged with its field's YAML
path and its block number within the field. The Word writer turns the tags into bookmarks
(`absorb` reads them back); the paths are the YAML's own keys and indices.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markdown_it.token import Token
from pydantic import BaseModel

from ..compose import compose
from ..templating import marking_values
from ..marked import join, marks_of, whole
from ..model import Findings
from ..subheadings import Subheaded
from ..view import ReportView

if TYPE_CHECKING:
    from ..house import House

Path = tuple[str | int, ...]

# Keys whose string values are narrative: text the inspectors wrote and an editor may rewrite.
NARRATIVE_KEYS = frozenset({
    "acknowledgements_note", "body", "background", "introduction", "recommendations", "lead_in",
    "strengths", "areas_for_improvement", "summary", "narrative", "heading", "definition", "footnotes",
})
_SKIP = frozenset({"notes", "edition", "service", "inspection", "contextual_facts", "signatory", "discretion"})

_BLOCK_PREFIX = re.compile(r"^(?:\[\^[^\]]+\]:)?[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:#{1,6}[ \t]+)?$")


@dataclass(frozen=True)
class Span:
    """Where one field's value lies in the composed Markdown (character offsets)."""

    path: Path
    start: int
    end: int


def path_text(path: Path) -> str:
    """('domains', 0, 'standards', 1, 'narrative') → 'domains.0.standards.1.narrative'."""
    return ".".join(str(part) for part in path)


def path_key(path: Path) -> str:
    """Eight hex digits naming a field in a Word bookmark (bookmark names are at most 40 characters)."""
    return hashlib.sha256(path_text(path).encode("utf-8")).hexdigest()[:8]


def narrative_fields(findings: Findings) -> Iterator[tuple[Path, str]]:
    """Every narrative value of the findings with its YAML path, in file order."""
    yield from _walk(findings, (), False)


def _walk(value: object, path: Path, narrative: bool) -> Iterator[tuple[Path, str]]:
    if isinstance(value, str):
        if narrative and value.strip():
            yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in _SKIP:
                yield from _walk(getattr(value, name), (*path, name), name in NARRATIVE_KEYS)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key), narrative)
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index), narrative)


# ---- marking while composing --------------------------------------------------------------


class Marking:
    """`with Marking(findings): source = compose(view, house)` — every narrative field printed is marked."""

    def __init__(self, findings: Findings):
        self.paths = {id(value): path for path, value in narrative_fields(findings)}

    def __enter__(self) -> Marking:
        self._marking = marking_values(self.mark)
        self._marking.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._marking.__exit__(*exc)

    def mark(self, value: object, text: str) -> str:
        """`text` (the printed form of `value`) marked with its field's path if `value` is a narrative
        field of these findings. The mark travels beside the text (marked.py), never in it: no
        character a findings file or a Word paragraph holds can make one or point it at another field."""
        value = value.source if isinstance(value, Subheaded) else value  # a field printed with its sub-headings moved
        if type(value) is not str or id(value) not in self.paths:
            return text
        core = text.strip()
        if not core:
            return text
        start = text.index(core)
        # spaces and line breaks stay outside the mark, so blank lines still meet and fold as before
        return join([text[:start], whole(core, field=self.paths[id(value)]), text[start + len(core):]])


def compose_with_fields(view: ReportView, house: House) -> tuple[str, list[Span]]:
    """The report's Markdown and where in it each narrative field of the findings was printed."""
    with Marking(view.findings):
        source = compose(view, house)
    return source, field_spans(source)


def field_spans(source: str) -> list[Span]:
    """Where each marked field's value lies in the composed Markdown."""
    return [Span(m.meta["field"], m.start, m.end) for m in marks_of(source) if "field" in m.meta]


# ---- tagging parsed blocks -----------------------------------------------------------------


def tag_blocks(tokens: list[Token], source: str, spans: list[Span]) -> dict[Path, int]:
    """Set meta['field'] = (path, block) on each paragraph/heading token that one field's value wholly
    makes up; returns the number of blocks per field."""
    line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
    line_starts.append(len(source) + 1)
    blocks: dict[Path, int] = {}
    ordered = sorted(spans, key=lambda s: s.start)
    for index, token in enumerate(tokens):
        if token.type not in ("paragraph_open", "heading_open") or not token.map or index + 1 >= len(tokens):
            continue
        first, last = token.map[0], token.map[1] - 1
        start, end = line_starts[first], line_starts[last + 1] - 1
        span = _span_holding(ordered, start, end, source)
        if span is None:
            continue
        number = blocks.get(span.path, 0)
        blocks[span.path] = number + 1
        token.meta["field"] = (span.path, number)
    return blocks


def _span_holding(spans: list[Span], start: int, end: int, source: str) -> Span | None:
    """The span holding every character of lines start..end but their list, quote or heading markers."""
    for span in spans:
        if span.start > end:
            return None
        if span.end <= start:
            continue
        head = span.start <= start or _BLOCK_PREFIX.match(source[start:span.start])
        tail = span.end >= end or not source[span.end:end].strip()
        if head and tail:
            return span
    return None
