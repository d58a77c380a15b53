"""The findings' narrative as sentences a reader sees, each tied to its field and its place in the file.

Each text field is parsed with the report's own markdown-it parser (markup kinds: block narrative,
one paragraph, one line), so emphasis marks, links and footnote references are not part of the
words, exactly as in the report; each paragraph's text is split into sentences. A sentence keeps
the offset in its field's value where it starts, for `CheckInput.problem` to turn into file:line:column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt

from ..load import Path_
from ..markup import texts
from ..model import Findings
from ..parse.text import plain_text

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[\"'‘“(]?[A-Z0-9])")
QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " ", "–": "-", "—": "-"})


@dataclass(frozen=True)
class Sentence:
    path: Path_  # the field, e.g. ('domains', 1, 'standards', 0, 'summary')
    text: str  # as a reader sees it: straight quotes, one space between words
    offset: int  # where it starts in the field's value (best effort: its first words, found in the value)


def sentences(findings: Findings, parser: MarkdownIt, *, notes: bool = False) -> Iterator[Sentence]:
    """Every sentence of every printed text field of the findings (reviewers' notes left out)."""
    for path, value, kind in texts(findings, Findings, ()):
        if not notes and "notes" in path:
            continue
        yield from field_sentences(path, value, kind, parser)


def field_sentences(path: Path_, value: str, kind: str, parser: MarkdownIt) -> Iterator[Sentence]:
    tokens = parser.parseInline(value, {}) if kind == "inline" else parser.parse(value, {})
    lines = value.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    for token in tokens:
        if token.type != "inline":
            continue
        base = starts[min(token.map[0], len(lines))] if token.map else 0
        for text in split(plain(token)):
            yield Sentence(path, text, _find(value, text, base))


def plain(inline) -> str:
    """The words of an inline token as a reader sees them (parse.text.plain_text), quotes straightened, spaces single."""
    return " ".join(plain_text(inline).translate(QUOTES).split())


def split(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s]


def _find(value: str, sentence: str, start: int) -> int:
    """Where the sentence starts in the raw value: its first words, searched from its paragraph's start."""
    words = sentence.split()
    normal = value.translate(QUOTES)
    for count in (5, 3, 1):
        if len(words) < count:
            continue
        pattern = r"\s+".join(re.escape(w) for w in words[:count])
        found = re.compile(pattern).search(normal, start)
        if found:
            return found.start()
    return start
