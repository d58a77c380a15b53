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
    normal = value.translate(QUOTES)  # once a field: _find searches each sentence's words in it
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    for token in tokens:
        if token.type != "inline":
            continue
        base = starts[min(token.map[0], len(lines))] if token.map else 0
        for text in split(plain(token)):
            yield Sentence(path, text, _find(normal, text, base))


def plain(inline) -> str:
    """The words of an inline token as a reader sees them (parse.text.plain_text), quotes straightened, spaces single."""
    return " ".join(plain_text(inline).translate(QUOTES).split())


def split(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s]


def _find(normal: str, sentence: str, start: int) -> int:
    """Where the sentence starts in the raw value (`normal`: the value with QUOTES straightened, the same
    length): its first five words in a row, else three, else one, searched from its paragraph's start."""
    words = sentence.split()
    for count in (5, 3, 1):
        if len(words) >= count:
            found = _words_at(normal, words[:count], start)
            if found is not None:
                return found
    return start


def _words_at(text: str, words: list[str], start: int) -> int | None:
    """The first offset from `start` where `words` stand in a row, separated by white space (a plain scan:
    a regular expression a sentence cost more to compile than the whole search)."""
    at = text.find(words[0], start)
    while at != -1:
        end = at + len(words[0])
        for word in words[1:]:
            gap = end
            while gap < len(text) and text[gap].isspace():
                gap += 1
            if gap == end or not text.startswith(word, gap):
                break
            end = gap + len(word)
        else:
            return at
        at = text.find(words[0], at + 1)
    return None
