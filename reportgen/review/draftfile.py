"""An edited draft as `absorb` reads it: the .docx's parts, its reportgen properties, the text of
each findings field's paragraphs (by their bookmarks), and the text the report generated.

Anything that is not a readable reportgen draft is refused here with a one-line error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import Problem, ReportError
from ..guards.archive import read_parts
from ..load import NONCHARACTER, describe_character
from .worddiff import regions
from .wordtext import FIELD_MARK, field_ranges, field_text, footnote_numbers, paragraph_markdown, renumber, table_title, w

_PROPS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"
BOOKMARK = re.compile(rf"^{FIELD_MARK}([0-9a-f]{{8}})_(\d+)_([0-9a-f]{{6}})(?:_Copy_\d+)?$")  # LibreOffice may add _Copy_n
_ENCRYPTED = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: what Word saves with a password


@dataclass
class Draft:
    """What absorb needs from a .docx: its parts as XML and its reportgen properties."""

    name: str
    properties: dict[str, str]
    body: etree._Element
    footnotes: etree._Element | None
    comments: etree._Element | None
    links: dict[str, str]
    blocks: dict | None = None  # field blocks, once read



def _fail(name: str, found: str, expected: str) -> ReportError:
    return ReportError([Problem(name, None, None, "", found, expected)])


def read_draft(data: bytes, name: str) -> Draft:
    """The parts absorb reads; a clear one-line error for anything that is not a readable .docx."""
    if data.startswith(_ENCRYPTED):
        raise _fail(name, "a password-protected (encrypted) file", "a .docx saved without a password")
    names, parts = read_parts(data, name, ("word/document.xml", "word/footnotes.xml", "word/comments.xml",
                                           "docProps/custom.xml", "word/_rels/document.xml.rels"))
    if "word/document.xml" not in names:
        raise _fail(name, "a zip file with no word/document.xml", "a Word .docx made by reportgen build --draft")
    xml = {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    for part, blob in parts.items():
        try:
            xml[part] = etree.fromstring(blob, parser)
        except etree.XMLSyntaxError as error:
            raise _fail(name, f"a damaged .docx ({part} is not well-formed XML: {error.msg})", "a Word .docx that opens") from None
        if xml[part].getroottree().docinfo.doctype:  # entities a reader would expand, or leave as holes in the text
            raise _fail(name, f"a .docx whose {part} declares a DTD", "a Word .docx (Word never writes a DTD)")
    properties = {}
    if "docProps/custom.xml" in xml:
        properties = {p.get("name"): "".join(p.itertext()) for p in xml["docProps/custom.xml"].iter(_PROPS)}
    body = xml["word/document.xml"].find(w("body"))
    if body is None:
        raise _fail(name, "a document with no body", "a Word .docx made by reportgen build --draft")
    refuse_noncharacters(name, xml)
    rels = xml.get("word/_rels/document.xml.rels")
    links = {r.get("Id"): r.get("Target") for r in rels} if rels is not None else {}
    return Draft(name, properties, body, xml.get("word/footnotes.xml"), xml.get("word/comments.xml"), links)


_PARTS = {"word/document.xml": "the document", "word/footnotes.xml": "the footnotes", "word/comments.xml": "the comments"}


def refuse_noncharacters(name: str, xml: dict[str, etree._Element]) -> None:
    """Text typed in Word is refused if it holds a Unicode noncharacter (load.NONCHARACTERS), as a
    findings file is: such a character is never text, and none may reach the findings. One line
    per paragraph, naming it by its number in the document, its footnotes or its comments."""
    problems = []
    for part, where in _PARTS.items():
        if part not in xml:
            continue
        for number, paragraph in enumerate(xml[part].iter(w("p")), start=1):
            text = "".join(t.text or "" for t in paragraph.iter(w("t")))
            found = NONCHARACTER.search(text)
            if found:
                context = " ".join(text[max(found.start() - 30, 0):found.start() + 30].split())
                problems.append(Problem(name, number, found.start() + 1, "", f"the invisible character "
                                        f"{describe_character(found.group())} in paragraph {number} of {where} ({context!r})",
                                        "text typed in Word: delete the character and save again"))
    if problems:
        raise ReportError(problems)


def check_origin(draft: Draft, findings_path: Path, digest: str, data: object, *, merge: bool) -> tuple[bool, list[str]]:
    """Refuse a file reportgen did not make, a draft of another report, or (without --merge) a draft of
    values that changed since. Return whether the findings say what they said when the draft was built
    (`data`: the file as read; a change to its comments or layout alone is no change), and a line for
    a draft of the same report under another file name (renamed or copied: taken, and said)."""
    from .draftmarks import PROPERTY_DIGEST, PROPERTY_EDITION, PROPERTY_FINDINGS, PROPERTY_SERVICE, PROPERTY_VALUES, values_digest

    made_from = draft.properties.get(PROPERTY_FINDINGS)
    if made_from is None:
        raise _fail(draft.name, "a document with no reportgen field marks",
                    "a Word file made by `reportgen build --draft` or `reportgen compare` (a normal build cannot be absorbed)")
    service = _at(data, "service", "name")
    edition = _at(data, "edition")
    made = (draft.properties.get(PROPERTY_SERVICE, service), draft.properties.get(PROPERTY_EDITION) or edition)
    if made != (service, edition):
        raise _fail(draft.name, f"a draft of {made_from} ({made[0] or 'another service'}, {made[1]})",
                    f"a draft of {findings_path.name} ({service}, {edition})")
    notices = [] if made_from == findings_path.name else [
        f"the draft was made from {made_from}; its edits are taken into {findings_path.name}, the findings of the same "
        f"service and edition ({service}, {edition})"]
    fresh = draft.properties.get(PROPERTY_DIGEST) == digest or draft.properties.get(PROPERTY_VALUES) == values_digest(data)
    if not fresh and not merge:
        raise _fail(draft.name, f"a draft of an earlier version of {findings_path.name} (the findings changed since it was built)",
                    "a draft of the findings as they are now; rebuild the draft, or pass --merge to take in only "
                    "edits to fields unchanged since")
    return fresh, notices


def _at(data: object, *keys: str) -> str:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return str(data) if data is not None else ""


# ---- reading fields ----


@dataclass
class Block:
    text: str  # Markdown, footnotes as [^#n]
    digest: str  # the text's digest when the draft was built
    paragraphs: tuple = ()  # the Word paragraphs it reads from (inline_edit reads their atoms)
    linked: str = ""  # the text with its links' targets: a link added or changed in Word shows here


def linked_text(block: Block, links: dict[str, str]) -> str:
    if not block.linked:
        block.linked = "\n\n".join(paragraph_markdown(p, links) for p in block.paragraphs)
    return block.linked


def field_blocks(roots: list[etree._Element | None]) -> dict[tuple[str, int], Block]:
    """(path key, block) → the block's current text and its digest at build time; roots[0] is the body."""
    numbers = footnote_numbers(roots[0])
    found: dict[tuple[str, int], Block] = {}
    for root in roots:
        if root is None:
            continue
        for _, match, paragraphs in field_ranges(root, BOOKMARK):
            key = (match.group(1), int(match.group(2)))
            if key not in found:
                found[key] = Block(field_text(paragraphs, numbers), match.group(3), tuple(paragraphs))
    return found


SUMMARY_MARK = "_compared"  # bookmarks on compare's first-page summary: text of the comparison, not of the report


def generated_text(body: etree._Element) -> tuple[list[tuple[str, etree._Element]], list[tuple[str, list[str]]]]:
    """Paragraphs outside any findings field (TOC and a compare's summary excepted), each with its element,
    and each table's caption with its cells (a row a compare deleted left out)."""
    # the elements themselves: lxml keeps one proxy per node while held
    covered = {paragraph for _, _, paragraphs in field_ranges(body, BOOKMARK) for paragraph in paragraphs}
    covered |= {paragraph for _, _, paragraphs in field_ranges(body, _SUMMARY) for paragraph in paragraphs}
    paragraphs: list[tuple[str, etree._Element]] = []
    tables: list[tuple[str, list[str]]] = []
    previous = ""  # the paragraph before a table: its caption or heading, where the alt text was lost
    numbers = footnote_numbers(body)
    for block in body:
        if block.tag == w("p"):
            text = previous = renumber(paragraph_markdown(block), numbers)
            if text and block not in covered:
                paragraphs.append((text, block))
        elif block.tag == w("tbl"):
            rows = [row for row in block.iter(w("tr")) if row.find(f"{w('trPr')}/{w('del')}") is None]
            cells = [renumber(paragraph_markdown(p), numbers) for row in rows for p in row.iter(w("p"))]
            tables.append((table_title(block) or previous, cells))
    return paragraphs, tables


_SUMMARY = re.compile(rf"^{SUMMARY_MARK}_\d+$")


def generated_edits(draft: Draft, base: Draft, *, fresh: bool = True) -> tuple[list[str], list[etree._Element]]:
    """One line per edit to text the report generates (not absorbed: it comes from elsewhere), and the
    paragraphs added in Word outside any field (absorb_blocks places them). Unless `fresh` (the findings say
    what they said when the draft was built), generated text may differ rightly: only additions count."""
    lines: list[str] = []
    edited, edited_tables = generated_text(draft.body)
    original, base_tables = generated_text(base.body)
    if fresh and len(edited_tables) != len(base_tables):
        lines.append(f"{len(base_tables)} tables in the draft, {len(edited_tables)} now: tables come from the "
                     "findings and the framework; not absorbed")
    for (caption, cells), (_, before) in zip(edited_tables, base_tables) if fresh else ():
        if cells != before:
            lines.append(f"table {caption or '(no caption)'} was edited in Word; its numbers and words come from "
                         "the findings and the framework, not absorbed")
    added: list[etree._Element] = []
    base_paragraphs, edited_paragraphs = [t for t, _ in original], [t for t, _ in edited]
    for op, i1, i2, j1, j2 in regions(base_paragraphs, edited_paragraphs):
        if op == "equal":
            continue
        more, fewer = max(0, (j2 - j1) - (i2 - i1)), max(0, (i2 - i1) - (j2 - j1))
        for before, (after, element) in zip(base_paragraphs[i1:i2] + [""] * more, edited[j1:j2] + [("", None)] * fewer):
            if after and not before:
                added.append(element)
            elif not fresh:
                continue
            elif before and after:
                lines.append(f"generated text was edited in Word: {_clip(before)} → {_clip(after)}; it comes from "
                             "the framework or the report's own wording, not absorbed")
            else:
                lines.append(f"generated text was deleted in Word: {_clip(before)}; not absorbed")
    return lines, added


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
