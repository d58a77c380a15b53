"""Residue of a source carried into the report's text (check 'residue'): what a transcription or a
paste brought along that is not the report's words, and which every format would print as content.

- Markdown's block marks inside a paragraph, where the parser leaves them as text: a heading's
  `## ` ("…prevention and intervention areas. ## Recommendations", the next chapter's heading run on),
  and a list's mark after a sentence ("…a group. - 3. Children …", "… areas. ◆ Work in the courts"):
  a bullet glyph anywhere, an ASCII mark (-, *, +) where two or more run on or a number follows it,
  a number ('3.') straight after a sentence.
- A heading left standing as a paragraph: a report's part ('Appendices', 'Annex 2: …', 'Theme 2:
  Protecting the Public', 'Recommendations') as the last paragraph of a field (one between its
  paragraphs heads what follows it), or after a paragraph's last sentence — the next page's heading an extraction kept (Lambeth's quote ending "Appendices").
- An editorial gap marker: `[…]`, `[...]`, `[?]`, `[text missing]` — words the transcriber lost.
  An elision inside a quotation ('"it was […] helpful"') is how a published quote is cut, and
  is left alone.
- A sentence announcing a chart, table or figure ("The following chart summarises …", "… in the
  table below") with none after it: in its own text (a table, a `::: chart`, an image before the
  next heading), or the table or facts its section prints after its body.

Each is a warning at the residue (file:line:column); `--final` makes it an error. The text is read
with the report's own parser (reading.py): a `#` inside code or an escaped one is not a mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it.token import Token

from ..errors import Problem
from .input import CheckInput
from .reading import Passage, item_at, sentences

NAME = "residue"
NOT_PROSE = frozenset({"heading", "cell", "callout-title"})

HEADING_MARK = re.compile(r"(?:^|(?<=\s)|(?<=[.!?]))#{1,6}[ \t]+(?=[A-Z])")  # not '# of cases', '#1', 'C#'
GLYPH = re.compile(r"(?:^|(?<=\s))[•◆◇▪●◦■□►➢](?=\s)")
AFTER_SENTENCE = r"(?<=[.!?:])[\"'’”)\]]*\s+"
ASCII_MARK = re.compile(AFTER_SENTENCE + r"([-*+])\s+(?=[\"“‘(]?[A-Z0-9])")
NUMBER_MARK = re.compile(AFTER_SENTENCE + r"((?:[-*+]\s+)?\d{1,2}[.)])\s+(?=[\"“‘(]?[A-Z])")

ELISION = re.compile(r"\[\s*(?:…|\.\s?\.\s?\.)\s*\]|\(\s*(?:…|\.\s?\.\s?\.)\s*\)")
GAP = re.compile(r"\[\?+\]|\[(?:(?:text|words?|lines?|page|passage|sentence|rest)\s+)?"
                 r"(?:missing|illegible|lost|omitted|untranscribed|cut|gap)\b[^\[\]\n]{0,40}\]", re.I)

FIGURE = r"(?:charts?|tables?|graphs?|figure|diagrams?|infographics?)"  # not 'figures': numbers, as often as pictures
ANNOUNCES = re.compile(
    rf"\b(?:the|this|these) following (?:[\w-]+ ){{0,2}}{FIGURE}\b"
    rf"|\b(?:the|this|these|see|in|on) (?:[\w-]+ ){{0,2}}{FIGURE}(?: \d+(?:\.\d+)?)? below(?=\s*(?:[.,;:)]|$)|\s+(?:shows?|sets?|"
    rf"summari[sz]es?|gives?|lists?|illustrates?|presents?|provides?|details?|compares?|is|are|was|were|has|have|and)\b)"
    rf"|\bbelow (?:is|are) (?:an? |the )(?:[\w-]+ ){{0,2}}{FIGURE}\b", re.I)
FIGURE_TOKENS = frozenset({"table_open", "container_chart_open", "image"})
PRINTED_AFTER = ("table", "facts", "comparisons")  # what a section (or a facts table) prints after its text

PART = re.compile(r"(?:(?:appendix|annexe?|chapter|part|section|theme|domain)\s+(?:\d+|[A-Z]|[IVX]+)\b"
                  r"(?:\s*[:.–—-]\s*[^.!?]{0,80})?|appendices|annexes|(?:table of )?contents|recommendations|glossary|foreword"
                  r"|introduction|acknowledgements|background|(?:executive |data |domain )?summary|methodology|references"
                  r"|bibliography|index|key (?:findings|judgements|statistics)|overall findings|contextual facts"
                  r"|conclusions?|next steps)", re.I)


def run(given: CheckInput) -> list[Problem]:
    problems: list[Problem] = []
    blocks = [p for p in given.passages if p.text.strip()]
    first = {p.path: i for i, p in reversed(list(enumerate(blocks)))}
    last = {p.path: i for i, p in enumerate(blocks)}
    for i, passage in enumerate(blocks):
        # a field's last block, not its first: where an extraction leaves the next part's heading (a heading
        # written as a paragraph between the field's paragraphs heads what follows it, and is the author's)
        trailing = first[passage.path] < i == last[passage.path]
        problems += [given.problem(NAME, passage.path, passage.offset(at), found, expected)
                     for at, found, expected in _residue(given, passage, trailing)]
    return problems


def _residue(given: CheckInput, passage: Passage, trailing: bool) -> Iterator[tuple[int, str, str]]:
    text = passage.text
    prose = not passage.context & NOT_PROSE
    for match in HEADING_MARK.finditer(text):
        if not passage.within(match.start(), "code"):
            yield match.start(), f"{_quote(text, match.start())}: Markdown heading marks inside the text", \
                "the text alone: a heading carried over from the source is not part of it (the report prints its own headings)"
    if prose:
        yield from _list_marks(passage)
        yield from _stray_heading(passage, trailing)
        yield from _gaps(passage)
        yield from _announcements(given, passage)


def _list_marks(passage: Passage) -> Iterator[tuple[int, str, str]]:
    text = passage.text
    expected = "each list item on a line of its own after a blank line ('- …'), or the text without the list mark"
    marks = [m.start() for m in GLYPH.finditer(text)]
    marks += [m.start(1) for m in NUMBER_MARK.finditer(text)]
    ascii_marks = [m.start(1) for m in ASCII_MARK.finditer(text) if m.start(1) not in marks]
    if len(ascii_marks) >= 2 and "quote" not in passage.context:  # one spaced hyphen may be a dash, and in a quote
        # box '"…" - Parent' names a speaker; elsewhere a run of them is a list
        marks += ascii_marks
    for at in sorted(set(marks)):
        if not passage.within(at, "code") and not passage.within(at, "quoted"):
            yield at, f"{_quote(text, at)}: a list mark inside a paragraph", expected


def _stray_heading(passage: Passage, trailing: bool) -> Iterator[tuple[int, str, str]]:
    if "item" in passage.context:
        return
    expected = "the text alone: a heading of the source's next part is not part of it (the report prints its own headings)"
    whole = passage.text.strip()
    if trailing and PART.fullmatch(whole):
        yield passage.text.index(whole), f"{whole!r} standing alone after the text", expected
        return
    found = sentences(passage)
    if len(found) > 1:
        start, last = found[-1]
        if PART.fullmatch(last) and not passage.within(start, "quoted"):
            yield start, f"{last!r} after the last sentence", expected


def _gaps(passage: Passage) -> Iterator[tuple[int, str, str]]:
    expected = "the missing words restored from the source, or the broken sentence taken out whole"
    quoted = "quote" in passage.context
    for match in GAP.finditer(passage.text):
        yield match.start(), f"{match.group()!r}: an editorial gap marker", expected
    for match in ELISION.finditer(passage.text):
        if not quoted and not passage.within(match.start(), "quoted"):  # a quotation may be cut so; a narrative is not
            yield match.start(), f"{match.group()!r}: an editorial gap marker", expected


def _announcements(given: CheckInput, passage: Passage) -> Iterator[tuple[int, str, str]]:
    for start, sentence in sentences(passage):
        match = ANNOUNCES.search(sentence)
        if match and not _figure_follows(given, passage, sentence):
            what = re.search(FIGURE, match.group(), re.I).group().lower().removesuffix("s")
            yield start, f"{_quote(sentence, 0)}: it announces a {what} that does not follow", \
                "the chart, table or figure it announces after it, or the sentence taken out (and the heading that only introduced it)"


def _figure_follows(given: CheckInput, passage: Passage, sentence: str) -> bool:
    """A table, chart or image follows the block holding `sentence` before the next heading of its field,
    or the field's owner prints one after it (a section's `table` or `facts`, the edition's table after
    a text of its own that a report words its own way)."""
    path = passage.path
    if path[:1] == ("boilerplate",) and ANNOUNCES.search(given.edition.boilerplate.get(str(path[1]), "")):
        return True  # a report's own wording of an edition's text the template follows with its table
    value = item_at(given.findings, path)
    if not isinstance(value, str):
        return False
    tokens = given.parser.parse(value, {})
    holder = next((i for i, t in enumerate(tokens) if t.type == "inline" and _holds(t, sentence)), None)
    if holder is None:
        return False
    for token in tokens[holder:]:
        if token.type in FIGURE_TOKENS or any(child.type in FIGURE_TOKENS for child in token.children or ()):
            return True
        if token.type == "heading_open":
            return False
    owner = item_at(given.findings, path[:-1])
    return any(getattr(owner, name, None) for name in PRINTED_AFTER)


def _holds(inline: Token, sentence: str) -> bool:
    words = "".join(c.content if c.type in ("text", "code_inline") else " " if c.type.endswith("break") else ""
                    for c in inline.children or ())
    return " ".join(sentence.split())[:60] in " ".join(words.split())


def _quote(text: str, at: int) -> str:
    piece = " ".join(text[at:].split())
    return repr(piece if len(piece) <= 50 else piece[:49] + "…")
