"""A findings paragraph's Markdown read as atoms — a word, a space, a punctuation mark, a code span, a
footnote reference, a line break — each with its formatting and the source characters it came from
(escapes, entities, emphasis markers and link destinations included). inline_edit writes edits back
over exactly those characters.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .worddiff import words

Fmt = tuple[bool, bool, str | None, bool]  # bold, italic, link target, code
PLAIN: Fmt = (False, False, None, False)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BREAK = re.compile(r"(?:\\| {2,})?[ \t]*\n[ \t>]*")
_SOFT = re.compile(r"[ \t]*\n[ \t>]*")


@dataclass
class Atom:
    kind: str  # "w" text token, "code", "note", "br"
    text: str
    fmt: Fmt = PLAIN
    start: int = 0  # in the source (source atoms only)
    end: int = 0

    def key(self, links: bool = True) -> tuple:
        bold, italic, link, code = self.fmt
        return (self.kind, self.text, bold, italic, link if links else link is not None, code)


@dataclass
class Element:
    """A link, emphasis or code span of the source: its characters and the atoms inside."""

    start: int
    end: int
    first: int
    last: int  # atom indexes [first, last)
    destination: str = ""  # a link's '](…)' as typed
    target: str | None = None


@dataclass
class Source:
    text: str
    atoms: list[Atom] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)


class Unreadable(ValueError):
    """Source text this reader cannot map character by character (then nothing is guessed)."""


def read_source(text: str) -> Source:
    """The paragraph's atoms with the source characters of each, and its elements."""
    from ..markup import checker  # the report's grammar, every [^name] read as a footnote reference

    tokens = checker().parseInline(text, {})
    children = tokens[0].children or [] if tokens else []
    source = Source(text)
    chars: list[tuple[str, Fmt, int, int]] = []  # visible characters, their formatting and source span
    pos = 0
    bold = italic = 0
    links: list[tuple[str, int, int]] = []  # target, '[' start, first atom
    emphasis: list[tuple[int, int]] = []  # marker start, first char index

    def flush() -> None:
        _text_atoms(chars, source.atoms)
        chars.clear()

    def fmt() -> Fmt:
        return (bold > 0, italic > 0, links[-1][0] if links else None, False)

    for token in children:
        kind = token.type
        if kind == "text":
            pos = _map_text(text, pos, token.content, fmt(), chars)
        elif kind == "softbreak":
            match = _SOFT.match(text, pos)
            if not match:
                raise Unreadable("softbreak")
            chars.append((" ", fmt(), pos, match.end()))
            pos = match.end()
        elif kind in ("hardbreak", "code_inline", "footnote_ref"):
            flush()
            start = pos
            if kind == "hardbreak":
                match = _BREAK.match(text, pos)
                if not match:
                    raise Unreadable("hardbreak")
                pos = match.end()
                source.atoms.append(Atom("br", "\n", PLAIN, start, pos))
            elif kind == "code_inline":
                pos = _skip_code(text, pos, token.markup)
                source.atoms.append(Atom("code", token.content, (*fmt()[:3], True), start, pos))
                source.elements.append(Element(start, pos, len(source.atoms) - 1, len(source.atoms)))
            else:
                label = token.meta.get("label", "")
                if not text.startswith(f"[^{label}]", pos):
                    raise Unreadable("footnote")
                pos += len(label) + 3
                source.atoms.append(Atom("note", label, PLAIN, start, pos))
        elif kind in ("em_open", "strong_open", "em_close", "strong_close"):
            flush()
            if not text.startswith(token.markup, pos):
                raise Unreadable(kind)
            if kind.endswith("_open"):
                emphasis.append((pos, len(source.atoms)))
            else:
                start, first = emphasis.pop()
                source.elements.append(Element(start, pos + len(token.markup), first, len(source.atoms)))
            pos += len(token.markup)
            bold += (kind == "strong_open") - (kind == "strong_close")
            italic += (kind == "em_open") - (kind == "em_close")
        elif kind == "link_open":
            flush()
            if token.markup == "autolink":
                raise Unreadable("autolink")
            if not text.startswith("[", pos):
                raise Unreadable("link")
            links.append((str(token.attrGet("href") or ""), pos, len(source.atoms)))
            pos += 1
        elif kind == "link_close":
            flush()
            target, start, first = links.pop()
            end = _skip_destination(text, pos)
            source.elements.append(Element(start, end, first, len(source.atoms), text[pos:end], target))
            pos = end
        else:
            raise Unreadable(kind)
    flush()
    if text[pos:].strip():
        raise Unreadable("trailing")
    return source


def _map_text(text: str, pos: int, content: str, fmt: Fmt, chars: list) -> int:
    """Each character of a text token found in the source: as itself, escaped, or as an entity."""
    i = 0
    while i < len(content):
        if pos < len(text) and text[pos] == content[i]:
            chars.append((content[i], fmt, pos, pos + 1))
            pos, i = pos + 1, i + 1
        elif text.startswith("\\", pos) and pos + 1 < len(text) and text[pos + 1] == content[i]:
            chars.append((content[i], fmt, pos, pos + 2))
            pos, i = pos + 2, i + 1
        elif (entity := _ENTITY.match(text, pos)) and content.startswith(html.unescape(entity.group()), i):
            decoded = html.unescape(entity.group())
            for n, char in enumerate(decoded):
                chars.append((char, fmt, pos, entity.end()) if n == 0 else (char, fmt, entity.end(), entity.end()))
            pos, i = entity.end(), i + len(decoded)
        else:
            raise Unreadable(f"text at {pos}")
    return pos


def _text_atoms(chars: list[tuple[str, Fmt, int, int]], atoms: list[Atom]) -> None:
    """Visible characters → word atoms (words() within each stretch of one formatting)."""
    start = 0
    while start < len(chars):
        end = start
        while end < len(chars) and chars[end][1] == chars[start][1]:
            end += 1
        at = start
        for token in words("".join(c[0] for c in chars[start:end])):
            atoms.append(Atom("w", token, chars[at][1], chars[at][2], chars[at + len(token) - 1][3]))
            at += len(token)
        start = end


def _skip_code(text: str, pos: int, fence: str) -> int:
    if not text.startswith(fence, pos):
        raise Unreadable("code")
    close = re.compile(rf"(?<!`){re.escape(fence)}(?!`)")
    match = close.search(text, pos + len(fence))
    if not match:
        raise Unreadable("code end")
    return match.end()


def _skip_destination(text: str, pos: int) -> int:
    """From the ']' closing a link's text past its '(destination "title")'."""
    if not text.startswith("](", pos):
        raise Unreadable("link destination")
    depth, i = 0, pos + 2
    quote = None
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "<":
            close = text.find(">", i)
            i = close if close > 0 else i
        elif char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return i + 1
            depth -= 1
        i += 1
    raise Unreadable("link destination end")
