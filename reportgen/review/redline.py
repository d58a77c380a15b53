"""Two Word documents from our own writer → NEW with the differences as Word tracked changes.

Both documents come from the same writer walking two token streams, so unchanged content is
built identically: blocks (paragraphs, tables, the contents field) are aligned by their text,
and inside a changed paragraph the runs are split into words and diffed (worddiff), the words
that went becoming `w:del` runs and the words that came `w:ins` runs, each with an author and
a date. Whole paragraphs, table rows and footnotes that came or went are marked as such,
paragraph marks and rows included, so Word's Accept All gives NEW and Reject All gives OLD.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import groupby, islice
from typing import NamedTuple

from lxml import etree

from .worddiff import diff, regions, words

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def q(name: str) -> str:
    return f"{{{W}}}{name}"


_P, _TBL, _TR, _TC, _R, _T, _PPR, _RPR, _SDT = (q(n) for n in ("p", "tbl", "tr", "tc", "r", "t", "pPr", "rPr", "sdt"))
_INS, _DEL, _HYPERLINK = q("ins"), q("del"), q("hyperlink")
_BOOKMARK_START, _BOOKMARK_END = q("bookmarkStart"), q("bookmarkEnd")
_RELATED = (f"{{{R}}}id", f"{{{R}}}embed", f"{{{R}}}link")


@dataclass
class Revisions:
    """Author, date and the next revision id, shared by every change in one document."""

    author: str
    date: str  # ISO 8601, e.g. 2021-08-01T00:00:00Z
    next_id: int = 1
    count: int = 0
    links: tuple[dict[str, str], dict[str, str]] = field(default_factory=lambda: ({}, {}))  # rId → target, old/new

    def mark(self, tag: str) -> etree._Element:
        element = etree.Element(q(tag))
        element.set(q("id"), str(self.next_id))
        element.set(q("author"), self.author)
        element.set(q("date"), self.date)
        self.next_id += 1
        self.count += 1
        return element


# ---- text of blocks, for aligning them ----


def text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(_T))


def _key(block: etree._Element) -> tuple:
    if block.tag == _P:
        style = block.find(f"{_PPR}/{q('pStyle')}")
        return ("p", style.get(q("val")) if style is not None else "", text_of(block))
    if block.tag == _TBL:
        return ("tbl", tuple(tuple(text_of(c) for c in row.iter(_TC)) for row in block.iter(_TR)))
    return (etree.QName(block).localname, text_of(block))


def _similar(a: etree._Element, b: etree._Element) -> bool:
    if a.tag != b.tag:
        return False
    if a.tag == _TBL:
        return _shape(a) == _shape(b)
    if a.tag == _SDT:
        return True
    return SequenceMatcher(None, text_of(a), text_of(b), autojunk=False).quick_ratio() >= 0.5


_LOOK_AHEAD = 8  # old blocks a changed new block is compared with


def _pairable(a: etree._Element, b: etree._Element) -> bool:
    return a.tag == b.tag and (a.tag != _TBL or _shape(a) == _shape(b))


def _shape(table: etree._Element) -> list[int]:
    return [len(row.findall(_TC)) for row in table.findall(_TR)]


# ---- blocks ----


def redline_blocks(old: list[etree._Element], new: list[etree._Element], revisions: Revisions) -> list[etree._Element]:
    """NEW's blocks, with OLD's lost blocks put back as deletions and every change tracked."""
    out: list[etree._Element] = []
    for op, i1, i2, j1, j2 in regions(old, new, _key):
        if op == "equal":
            out.extend(new[j1:j2])
            continue
        gone, came = list(old[i1:i2]), list(new[j1:j2])
        if len(gone) == len(came) and all(_pairable(a, b) for a, b in zip(gone, came)):
            out.extend(_changed(a, b, revisions) for a, b in zip(gone, came))  # same blocks, new words
            continue
        for block in came:  # each new block paired with a similar old one among the next few: linear, not quadratic
            match = next((k for k, candidate in enumerate(islice(gone, _LOOK_AHEAD)) if _similar(candidate, block)), None)
            if match is None:
                out.append(_whole(block, "ins", revisions))
                continue
            out.extend(_whole(b, "del", revisions) for b in gone[:match])
            out.append(_changed(gone[match], block, revisions))
            gone = gone[match + 1:]
        out.extend(_whole(b, "del", revisions) for b in gone)
    return out


def _changed(old: etree._Element, new: etree._Element, revisions: Revisions) -> etree._Element:
    if new.tag == _P:
        return redline_paragraph(old, new, revisions)
    if new.tag == _TBL:
        for old_cell, new_cell in zip(old.iter(_TC), new.iter(_TC)):
            _replace_children(new_cell, redline_blocks(_blocks(old_cell), _blocks(new_cell), revisions))
        return new
    if new.tag == _SDT:
        old_content, new_content = old.find(q("sdtContent")), new.find(q("sdtContent"))
        _replace_children(new_content, redline_blocks(_blocks(old_content), _blocks(new_content), revisions))
        return new
    return new


def _blocks(container: etree._Element) -> list[etree._Element]:
    return [c for c in container if c.tag in (_P, _TBL, _SDT)]


def _replace_children(container: etree._Element, blocks: list[etree._Element]) -> None:
    for child in _blocks(container):
        container.remove(child)
    for block in blocks:
        container.append(block)


def _whole(block: etree._Element, kind: str, revisions: Revisions) -> etree._Element:
    """A block that came (`ins`, NEW's element) or went (`del`, a copy of OLD's), marked throughout."""
    block = copy.deepcopy(block) if kind == "del" else block
    for paragraph in [block] if block.tag == _P else list(block.iter(_P)):
        _whole_paragraph(paragraph, kind, revisions)
    for row in block.iter(_TR):
        properties = row.find(q("trPr"))
        if properties is None:
            properties = etree.Element(q("trPr"))
            row.insert(0, properties)
        properties.append(revisions.mark(kind))
    return block


def _whole_paragraph(paragraph: etree._Element, kind: str, revisions: Revisions) -> None:
    properties = paragraph.find(_PPR)
    if properties is None:
        properties = etree.Element(_PPR)
        paragraph.insert(0, properties)
    if kind == "del":
        for numbering in properties.findall(q("numPr")):  # OLD's list instance may not exist in NEW
            properties.remove(numbering)
    mark_properties = properties.find(_RPR)
    if mark_properties is None:
        mark_properties = etree.SubElement(properties, _RPR)
    mark_properties.insert(0, revisions.mark(kind))
    content = [c for c in paragraph if c.tag != _PPR]
    for child in content:
        paragraph.remove(child)
    atoms = list(_atoms(content, None, revisions.links[0 if kind == "del" else 1]))
    _emit(paragraph, [("" if a.mark else kind, a) for a in atoms if not (a.mark and kind == "del")], revisions)


# ---- inside a paragraph: atoms (a word, a space, a footnote mark, a bookmark) ----


@dataclass
class Atom:
    key: tuple
    build: Callable[[], etree._Element | None]  # a fresh run (or marker) for this atom
    text: str | None = None  # plain text for text atoms, merged into one run when adjacent
    style: bytes = b""  # serialised run properties
    wrapper: etree._Element | None = None  # the hyperlink holding it, in NEW
    mark: bool = False  # a bookmark's start or end: it marks a place (a heading, a findings field), never a change


def _atoms(children: list[etree._Element], wrapper: etree._Element | None, links: dict[str, str]) -> Iterator[Atom]:
    for child in children:
        if child.tag == _HYPERLINK:
            target = child.get(q("anchor")) or links.get(child.get(_RELATED[0]) or "", "")
            for atom in _atoms(list(child), child, links):
                atom.key = (*atom.key, target)
                yield atom
        elif child.tag == _R and all(c.tag in (_RPR, _T) for c in child):
            properties = child.find(_RPR)
            style = etree.tostring(properties) if properties is not None else b""
            for word in words(text_of(child)):
                yield Atom(("t", word, style), lambda: None, word, style, wrapper)
        elif child.tag in (_INS, _DEL):
            yield from _atoms(list(child), wrapper, links)
        elif child.tag in (_BOOKMARK_START, _BOOKMARK_END):  # paired by kind alone: ids and names differ between versions
            yield Atom(("mark", child.tag), lambda c=child: copy.deepcopy(c), None, b"", wrapper, mark=True)
        else:
            frozen = etree.tostring(_without_links(child))
            yield Atom(("x", frozen), lambda c=child: copy.deepcopy(c), None, b"", wrapper)


def _without_links(element: etree._Element) -> etree._Element:
    clone = copy.deepcopy(element)
    for node in clone.iter():
        for name in _RELATED:
            node.attrib.pop(name, None)
    return clone


def redline_paragraph(old: etree._Element, new: etree._Element, revisions: Revisions) -> etree._Element:
    """NEW's paragraph with the words that changed since OLD as w:del / w:ins runs."""
    old_atoms = list(_atoms([c for c in old if c.tag != _PPR], None, revisions.links[0]))
    content = [c for c in new if c.tag != _PPR]
    new_atoms = list(_atoms(content, None, revisions.links[1]))
    for child in content:
        new.remove(child)
    marked: list[tuple[str, Atom]] = []
    for change in diff(old_atoms, new_atoms, key=lambda a: a.key, blank=lambda a: a.text is not None and a.text.isspace()):
        if change.op == "equal":
            marked += [("", a) for a in change.new]
            continue
        marked += [("del", a) for a in change.old if not _zero_width(a)]
        marked += [("" if a.mark else "ins", a) for a in change.new]
    _emit(new, marked, revisions)
    return new


def _zero_width(atom: Atom) -> bool:
    """Bookmarks and comment ranges of OLD are not carried into NEW."""
    return atom.text is None and not atom.key[1].startswith(b"<w:r")


def _emit(paragraph: etree._Element, marked: list[tuple[str, Atom]], revisions: Revisions) -> None:
    """Append the atoms to `paragraph`, grouped into hyperlinks, then w:ins / w:del, then runs."""
    for wrapper, in_wrapper in groupby(marked, key=lambda item: item[1].wrapper if item[0] != "del" else None):
        parent = paragraph if wrapper is None else etree.SubElement(paragraph, wrapper.tag, dict(wrapper.attrib))
        for kind, items in groupby(in_wrapper, key=lambda item: item[0]):
            holder = parent
            if kind:
                holder = revisions.mark(kind)
                parent.append(holder)
            run: list = []  # [style, pieces] of the run being filled: its text is set once (joining is linear)
            for _, atom in items:
                if atom.text is None:
                    element = atom.build()
                    if kind == "del" and not _as_deleted(element):
                        continue
                    _run_text(holder, run, kind)
                    holder.append(element)
                    run = []
                elif run and run[0] == atom.style:
                    run[1].append(atom.text)
                else:
                    _run_text(holder, run, kind)
                    run = [atom.style, [atom.text]]
            _run_text(holder, run, kind)


def _run_text(holder: etree._Element, run: list, kind: str) -> None:
    """A run with its style and text; deleted text as w:delText."""
    if not run:
        return
    style, pieces = run
    element = etree.SubElement(holder, _R)
    if style:
        element.append(etree.fromstring(style))
    node = etree.SubElement(element, q("delText") if kind == "del" else _T)
    node.text = "".join(pieces)
    if node.text[:1].isspace() or node.text[-1:].isspace():
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _as_deleted(element: etree._Element) -> bool:
    """OLD's run made a deleted run; False for what cannot be carried into NEW (a footnote or
    picture of OLD's, which NEW's package does not hold)."""
    if element.find(f".//{q('footnoteReference')}") is not None or element.find(f".//{q('drawing')}") is not None:
        return False
    for node in element.iter(_T, q("instrText")):
        node.tag = q("delText") if node.tag == _T else q("delInstrText")
    for node in element.iter():
        for name in _RELATED:  # OLD's relationships do not exist in NEW
            node.attrib.pop(name, None)
    return True


# ---- the package ----

_DOCUMENT, _FOOTNOTES, _RELS = "word/document.xml", "word/footnotes.xml", "word/_rels/document.xml.rels"


class Redlined(NamedTuple):
    docx: bytes  # NEW's .docx with its differences from OLD tracked
    count: int  # the revisions
    body: etree._Element  # its body, and its footnotes (None where NEW has none), as written
    footnotes: etree._Element | None = None


def redline_docx(old: bytes, new: bytes, author: str, date: str) -> Redlined:
    """NEW's .docx with its differences from OLD tracked; also the number of revisions, the body and the footnotes."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(old)) as a, zipfile.ZipFile(io.BytesIO(new)) as b:
        parts = {name: a.read(name) for name in (_DOCUMENT, _FOOTNOTES, _RELS) if name in a.namelist()}
        revisions = Revisions(author, date, links=(_links(parts.get(_RELS)), _links(b.read(_RELS))))
        old_doc, new_doc = etree.fromstring(parts[_DOCUMENT]), etree.fromstring(b.read(_DOCUMENT))
        old_body, new_body = old_doc.find(q("body")), new_doc.find(q("body"))
        _replace_children(new_body, redline_blocks(_blocks(old_body), _blocks(new_body), revisions))
        section = new_body.find(q("sectPr"))
        if section is not None:
            new_body.append(section)  # stays last
        changed = {_DOCUMENT: new_doc}
        if _FOOTNOTES in b.namelist() and _FOOTNOTES in parts:
            changed[_FOOTNOTES] = _redline_footnotes(etree.fromstring(parts[_FOOTNOTES]), etree.fromstring(b.read(_FOOTNOTES)), revisions)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in b.infolist():
                data = b.read(info.filename)
                if info.filename in changed:
                    data = etree.tostring(changed[info.filename], xml_declaration=True, encoding="UTF-8", standalone=True)
                target.writestr(info, data, compresslevel=6)
    return Redlined(out.getvalue(), revisions.count, new_body, changed.get(_FOOTNOTES))


def _redline_footnotes(old: etree._Element, new: etree._Element, revisions: Revisions) -> etree._Element:
    """Footnotes paired by number: changed words tracked; a footnote new in NEW marked inserted."""
    before = {note.get(q("id")): note for note in old.findall(q("footnote"))}
    for note in new.findall(q("footnote")):
        if note.get(q("type")):  # the separators
            continue
        was = before.get(note.get(q("id")))
        if was is None:
            for paragraph in note.findall(_P):
                _whole_paragraph(paragraph, "ins", revisions)
        elif _key_all(was) != _key_all(note):
            _replace_children(note, redline_blocks(_blocks(was), _blocks(note), revisions))
    return new


def _key_all(note: etree._Element) -> list[tuple]:
    return [_key(b) for b in _blocks(note)]


def _links(rels: bytes | None) -> dict[str, str]:
    if not rels:
        return {}
    root = etree.fromstring(rels)
    return {rel.get("Id"): rel.get("Target") for rel in root}
