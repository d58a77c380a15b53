"""Small WordprocessingML builders on lxml: runs, fields, bookmarks, borders, the TOC wrapper.

Every element is built in schema order, so Word opens the file without repair. Nothing
here reads the token stream or the house style; the writer passes in what it needs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

Element = etree._Element

_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_tag = lru_cache(maxsize=None)(qn)
_FIELD = re.compile(r"\{([A-Z]+)\}")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # no XML 1.0 for these
_BOOKMARK_CHAR = re.compile(r"[^A-Za-z0-9_]")

# pPr children that must follow w:pBdr / w:shd when those are added to an existing pPr
PPR_AFTER_BORDER = tuple(
    qn(f"w:{name}")
    for name in (
        "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
        "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
        "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId "
        "cnfStyle rPr sectPr pPrChange"
    ).split()
)


@lru_cache(maxsize=None)
def _attr(name: str) -> str:
    return qn(f"w:{name}")


def sub(parent: Element, tag: str, **attrs: str | int) -> Element:
    """A new child `w:tag` with `w:` attributes, appended to `parent`."""
    child = etree.SubElement(parent, _tag(tag))
    for name, value in attrs.items():
        child.set(_attr(name), str(value))
    return child


def make(tag: str, **attrs: str | int) -> Element:
    """A new, parentless `w:tag` with `w:` attributes."""
    return OxmlElement(tag, {qn(f"w:{name}"): str(value) for name, value in attrs.items()})


def insert_before(parent: Element, child: Element, successors: tuple[str, ...]) -> Element:
    """Put `child` before the first of `successors` already in `parent`, else at the end."""
    for index, existing in enumerate(parent):
        if existing.tag in successors:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def text_run(parent: Element, text: str, *, style: str | None = None, bold: bool = False,
             italic: bool = False, font: str | None = None) -> Element:
    """`<w:r>` with its properties in schema order and the text kept verbatim."""
    run = sub(parent, "w:r")
    if style or bold or italic or font:
        rpr = sub(run, "w:rPr")
        if style:
            sub(rpr, "w:rStyle", val=style)
        if font:
            sub(rpr, "w:rFonts", ascii=font, hAnsi=font, cs=font)
        if bold:
            sub(rpr, "w:b")
        if italic:
            sub(rpr, "w:i")
    t = sub(run, "w:t")
    t.text = xml_safe(text)
    if text[:1].isspace() or text[-1:].isspace():
        t.set(_SPACE, "preserve")
    return run


def xml_safe(text: str) -> str:
    """`text` with the characters XML 1.0 cannot hold (C0 controls, lone surrogates) as U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def break_run(parent: Element) -> Element:
    run = sub(parent, "w:r")
    sub(run, "w:br")
    return run


def field_runs(parent: Element, instruction: str, cached: str = "") -> None:
    """A complex field (begin, instruction, separate, cached result, end) as five runs."""
    field_begin(parent, instruction)
    if cached:
        text_run(parent, cached)
    field_end(parent)


def field_begin(parent: Element, instruction: str) -> None:
    sub(sub(parent, "w:r"), "w:fldChar", fldCharType="begin")
    instr = sub(sub(parent, "w:r"), "w:instrText")
    instr.text = instruction
    instr.set(_SPACE, "preserve")
    sub(sub(parent, "w:r"), "w:fldChar", fldCharType="separate")


def field_end(parent: Element) -> None:
    sub(sub(parent, "w:r"), "w:fldChar", fldCharType="end")


def text_with_fields(parent: Element, text: str) -> None:
    """'Page {PAGE} of {NUMPAGES}' → text runs and PAGE / NUMPAGES fields."""
    for index, piece in enumerate(_FIELD.split(text)):
        if index % 2:
            field_runs(parent, f" {piece} ", "1")
        elif piece:
            text_run(parent, piece)


def border(parent: Element, side: str, size: int, colour: str, space: int = 4) -> Element:
    return sub(parent, f"w:{side}", val="single", sz=size, space=space, color=colour.upper())


def shading(parent: Element, fill: str) -> Element:
    return sub(parent, "w:shd", val="clear", color="auto", fill=fill.upper())


def bookmark_names(ids: list[str]) -> dict[str, str]:
    """Heading id → Word bookmark name: a letter first, letters/digits/_ only, ≤ 40, unique."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for ident in ids:
        base = _BOOKMARK_CHAR.sub("_", ident)
        if not base[:1].isalpha():
            base = "h" + base
        name, n = base[:40], 1
        while name in used:
            n += 1
            suffix = f"_{n}"
            name = base[: 40 - len(suffix)] + suffix
        used.add(name)
        names[ident] = name
    return names


def toc_sdt(parent: Element) -> Element:
    """A w:sdt marked as Word's Table of Contents building block; returns its sdtContent."""
    sdt = sub(parent, "w:sdt")
    part = sub(sub(sdt, "w:sdtPr"), "w:docPartObj")
    sub(part, "w:docPartGallery", val="Table of Contents")
    sub(part, "w:docPartUnique")
    return sub(sdt, "w:sdtContent")


_W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_RSID_HOLDERS = etree.XPath("//*[@*[starts-with(local-name(), 'rsid')]]")
_RSID_ELEMENTS = etree.XPath("//w:rsid | //w:rsids", namespaces=_W)


def strip_rsids(root: Element) -> None:
    """Remove revision-session ids (w:rsid* attributes and w:rsid / w:rsids elements)."""
    prefix = qn("w:rsid")
    for element in _RSID_HOLDERS(root):
        for name in [a for a in element.attrib if a.startswith(prefix)]:
            del element.attrib[name]
    for element in _RSID_ELEMENTS(root):
        element.getparent().remove(element)
