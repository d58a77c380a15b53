"""A Word paragraph's current text as Markdown: what `absorb` reads back from an edited draft.

Tracked changes count as accepted (w:ins kept, w:del dropped). Bold and italic runs become
**…** and *…*, hyperlinks [text](target), and a footnote reference `[^#n]` (footnote number
n; absorb swaps in the footnote's name). Both the draft (to stamp its bookmarks) and absorb
(to read the edited file and the rebuilt one) read paragraphs through this one function, so
text no one touched always reads the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ..limits import MAX_TEXT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
FIELD_MARK = "_rg"  # prefix of the bookmarks on findings fields (a leading '_' hides them in Word)
FOOTNOTE = re.compile(r"\[\^#(\d+)\]")
_REFERENCE = re.compile(r"\[\^([#@])([^\]]+)\]")
_NOTEREF = re.compile(r"NOTEREF\s+_RefFootnote(\d+)")
_SKIP = {f"{{{W}}}{n}" for n in ("del", "moveFrom", "pPr", "rPr", "commentRangeStart", "commentRangeEnd",
                                 "bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd")}
_ESCAPE = re.compile(r"([\\`*\[<])|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def table_title(table: etree._Element) -> str:
    """A table's name as the writer gave it: its alt-text title (every table has one, also where the
    heading above names it and no caption paragraph repeats it)."""
    title = table.find(f"{w('tblPr')}/{w('tblCaption')}")
    return title.get(w("val"), "") if title is not None else ""


def range_paragraphs(root: etree._Element, start: etree._Element) -> list[etree._Element]:
    """The paragraphs a bookmark spans: from the one holding its start to the one holding its end."""
    first = _paragraph_of(start)
    if first is None:
        return []
    ident = start.get(w("id"))
    paragraphs = []
    for paragraph in _following_paragraphs(first):
        paragraphs.append(paragraph)
        if any(end.get(w("id")) == ident for end in paragraph.iter(w("bookmarkEnd"))):
            break
        if len(paragraphs) > 200:  # an end that never comes: the start's own paragraph only
            return [first]
    else:
        return [first]
    return paragraphs


def field_ranges(root: etree._Element, names: re.Pattern) -> Iterator[tuple[etree._Element, re.Match, list[etree._Element]]]:
    """Each bookmark under `root` whose name `names` matches: its start, the match and the paragraphs it
    spans. The one scan of field bookmarks: the draft stamps them, absorb reads them back."""
    for start in root.iter(w("bookmarkStart")):
        match = names.match(start.get(w("name"), ""))
        if match:
            yield start, match, range_paragraphs(root, start)


def field_text(paragraphs: list[etree._Element], numbers: dict[str, str]) -> str:
    """A bookmark's paragraphs as Markdown, footnotes numbered as Word shows them."""
    return renumber("\n\n".join(paragraph_markdown(p) for p in paragraphs), numbers)


def _paragraph_of(element: etree._Element) -> etree._Element | None:
    while element is not None and element.tag != w("p"):
        element = element.getparent()
    return element


def _following_paragraphs(first: etree._Element) -> Iterator[etree._Element]:
    """`first` and the paragraphs after it in the same container (a bookmark never leaves its story)."""
    yield first
    for sibling in first.itersiblings():
        if sibling.tag == w("p"):
            yield sibling
        elif sibling.tag in (w("ins"), w("sdt"), w("customXml")):
            yield from sibling.iter(w("p"))


def footnote_numbers(body: etree._Element) -> dict[str, str]:
    """Footnote reference ids (and NOTEREF bookmarks, as '@name') → the number Word shows: the order of
    first reference. Word processors renumber ids when they save (LibreOffice does); the order stays."""
    numbers: dict[str, str] = {}
    pending: list[str] = []
    for element in body.iter(w("bookmarkStart"), w("footnoteReference")):
        if element.tag == w("bookmarkStart"):
            if (element.get(w("name")) or "").startswith("_RefFootnote"):
                pending.append(element.get(w("name")))
            continue
        ident = element.get(w("id"))
        if ident not in numbers:
            numbers[ident] = str(len(set(numbers.values())) + 1)
        for name in pending:
            numbers[f"@{name}"] = numbers[ident]
        pending = []
    return numbers


def renumber(text: str, numbers: dict[str, str]) -> str:
    """[^#id] and [^@bookmark] as [^#n], n the footnote's number in reading order."""
    def number(match: re.Match) -> str:
        key = match.group(2) if match.group(1) == "#" else "@" + match.group(2)
        return f"[^#{numbers.get(key, match.group(2))}]"
    return _REFERENCE.sub(number, text)


def collect_runs(paragraph: etree._Element, links: dict[str, str]) -> list[tuple]:
    """The paragraph's pieces, tracked changes accepted: (text, bold, italic, link, font); a footnote
    reference is '[^#id]' or '[^@bookmark]', a line break '\\\n' (inline_edit reads these)."""
    pieces: list[tuple] = []
    _collect(paragraph, pieces, None, links, _FieldState())
    length = sum(len(piece[0]) for piece in pieces)
    if length > MAX_TEXT:
        raise TooLong(length, "".join(piece[0] for piece in pieces[:20])[:40])
    return [piece if len(piece) == 5 else (*piece, None) for piece in pieces]


class TooLong(ValueError):
    """A paragraph longer than any findings text may be: refused before any work on it."""

    def __init__(self, length: int, start: str):
        super().__init__(f"a paragraph of {length:,} characters")
        self.length, self.start = length, start


def paragraph_markdown(paragraph: etree._Element, links: dict[str, str] | None = None) -> str:
    """The paragraph's text, tracked changes accepted, as Markdown; TooLong past MAX_TEXT characters."""
    pieces: list[tuple[str, bool, bool, str | None]] = []  # text, bold, italic, link
    _collect(paragraph, pieces, None, links or {}, _FieldState())
    length = sum(len(piece[0]) for piece in pieces)
    if length > MAX_TEXT:
        raise TooLong(length, "".join(piece[0] for piece in pieces[:20])[:40])
    return _markdown(pieces).strip()


class _FieldState:
    def __init__(self):
        self.depth = 0
        self.instruction = ""
        self.showing = False  # between 'separate' and 'end'
        self.replaced = False  # result replaced by our own text (NOTEREF)


def _collect(element, pieces, link, links, field) -> None:
    for child in element:
        if child.tag in _SKIP or not isinstance(child.tag, str):
            continue
        if child.tag == w("hyperlink"):
            target = child.get(w("anchor"))
            target = f"#{target}" if target else links.get(child.get(R_ID) or "", "")
            _collect(child, pieces, target or None, links, field)
        elif child.tag == w("r"):
            _run(child, pieces, link, field)
        else:  # w:ins, w:smartTag, w:sdt/w:sdtContent, w:fldSimple, w:customXml: their runs count
            _collect(child, pieces, link, links, field)


def _run(run, pieces, link, field) -> None:
    properties = run.find(w("rPr"))
    bold = _on(properties, "b")
    italic = _on(properties, "i")
    fonts = properties.find(w("rFonts")) if properties is not None else None
    font = fonts.get(w("ascii")) if fonts is not None else None
    for node in run:
        tag = node.tag
        if tag == w("fldChar"):
            kind = node.get(w("fldCharType"))
            if kind == "begin":
                field.depth += 1
                field.instruction, field.showing, field.replaced = "", False, False
            elif kind == "separate":
                field.showing = True
                match = _NOTEREF.search(field.instruction)
                if match:
                    pieces.append((f"[^@_RefFootnote{match.group(1)}]", False, False, None))
                    field.replaced = True
            elif kind == "end":
                field.depth = max(0, field.depth - 1)
                field.showing = field.replaced = False
        elif tag == w("instrText"):
            field.instruction += node.text or ""
        elif field.depth and (not field.showing or field.replaced):
            continue
        elif tag == w("t"):
            pieces.append((node.text or "", bold, italic, link, font))
        elif tag == w("tab"):
            pieces.append(("\t", bold, italic, link, font))
        elif tag == w("br") and node.get(w("type")) in ("page", "column"):
            continue  # a break a word processor put in for pageBreakBefore: layout, not text
        elif tag in (w("br"), w("cr")):
            pieces.append(("\\\n", False, False, None))
        elif tag == w("footnoteReference"):
            pieces.append((f"[^#{node.get(w('id'))}]", False, False, None))


def _on(properties, name: str) -> bool:
    if properties is None:
        return False
    element = properties.find(w(name))
    return element is not None and element.get(w("val"), "true") not in ("0", "false", "off")


def _markdown(pieces: list[tuple[str, bool, bool, str | None]]) -> str:
    merged: list[list] = []
    for text, bold, italic, link, *_ in pieces:
        literal = text.startswith("[^#") or text == "\\\n"
        if merged and not literal and not merged[-1][4] and merged[-1][1:4] == [bold, italic, link]:
            merged[-1][0].append(text)  # joined once below: adding to a string each time is quadratic
        else:
            merged.append([[text], bold, italic, link, literal])
    out = []
    for texts, bold, italic, link, literal in merged:
        text = "".join(texts)
        if literal:
            out.append(text)
            continue
        body = text.strip()
        if not body:
            out.append(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        body = _ESCAPE.sub(lambda m: "\\" + m.group(0), body)
        marks = ("**" if bold else "") + ("*" if italic else "")
        body = f"{marks}{body}{marks[::-1]}"
        if link:
            body = f"[{body}]({link})"
        out.append(lead + body + trail)
    return "".join(out)
