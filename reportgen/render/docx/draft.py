"""A draft in Word: DRAFT in the header and as a watermark, line numbers, and comments anchored on
the block before a `comment` token. The marking's words and colours are data
(templates/word/styles.yml, `draft:`). What a reviewer's copy holds for `absorb` is not written
here: the review side names bookmarks in token meta and finishes the document (review/draftmarks.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import quoteattr

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from .ooxml import Element, insert_before, sub, text_run, xml_safe

if TYPE_CHECKING:
    from ...house.word import Draft


@dataclass
class Marks:
    """The writer's state for comments and bookmarks: the block a comment anchors on, the bookmark
    open on the paragraph being written."""

    last_block: Element | None = None  # the last paragraph or table written
    bookmark: int | None = None  # id of the bookmark a token's meta named on this paragraph


_SECT_AFTER_LINE_NUMBERS = tuple(qn(f"w:{n}") for n in (
    "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings sectPrChange"
).split())


def mark_draft(document: Document, spec: Draft, contents_styles: tuple[str, ...] = ()) -> None:
    """DRAFT in every header (the cover's too), a diagonal watermark, and line numbers from the first
    body page (`contents_styles`: the ids of the contents' heading and entry styles)."""
    headers = [section.header for section in document.sections if not section.header.is_linked_to_previous]
    for header in headers:
        paragraph = header.paragraphs[0]._p
        run = text_run(paragraph, spec.text + ("   " if "".join(paragraph.itertext()) else ""), bold=True)
        first = paragraph.find(qn("w:r"))
        if first is not None and first is not run:
            first.addprevious(run)
        paragraph.append(_watermark(spec))
    numbers = spec.line_numbers
    line_numbers = etree.Element(qn("w:lnNumType"))
    for key, value in (("countBy", numbers.count_by), ("distance", round(numbers.distance / 25.4 * 1440)),
                       ("restart", numbers.restart)):
        line_numbers.set(qn(f"w:{key}"), str(value))
    insert_before(document.sections[-1]._sectPr, line_numbers, _SECT_AFTER_LINE_NUMBERS)  # the body's section
    _unnumbered_front(document, contents_styles)


_PPR_AFTER_SUPPRESS = tuple(qn(f"w:{n}") for n in (
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
    "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split())


def _unnumbered_front(document: Document, contents_styles: tuple[str, ...]) -> None:
    """Line numbers start on the first body page: the cover's and the contents' paragraphs are left out
    of the count, and so are the contents' styles (Word rewrites the entries when it updates the field).
    Word numbers by section, but LibreOffice numbers the whole document: leaving paragraphs out works in both."""
    body = document.element.body
    front = [child for child in body if child.tag in (qn("w:p"), qn("w:sdt"))]
    toc = next((n for n, child in enumerate(front) if child.tag == qn("w:sdt")), None)
    cover = next((n for n, child in enumerate(front) if child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None), None)
    end = toc if toc is not None else cover
    for block in front[: end + 1] if end is not None else ():
        for paragraph in block.iter(qn("w:p")):
            _suppress_line_numbers(paragraph)
    for style in document.styles.element.iterchildren(qn("w:style")):
        if style.get(qn("w:styleId")) in contents_styles:
            _suppress_line_numbers(style)


def _suppress_line_numbers(holder: Element) -> None:
    """w:suppressLineNumbers in the pPr of a paragraph or a paragraph style, in schema order."""
    properties = holder.find(qn("w:pPr"))
    if properties is None:
        properties = etree.Element(qn("w:pPr"))
        if holder.tag == qn("w:p"):
            holder.insert(0, properties)
        else:
            insert_before(holder, properties, tuple(qn(f"w:{n}") for n in ("rPr", "tblPr", "trPr", "tcPr", "tblStylePr")))
    if properties.find(qn("w:suppressLineNumbers")) is None:
        insert_before(properties, etree.Element(qn("w:suppressLineNumbers")), _PPR_AFTER_SUPPRESS)


def _watermark(spec: Draft) -> Element:
    """Word's own watermark: a VML WordArt shape in the header, behind the text, on every page."""
    text = quoteattr(xml_safe(spec.watermark))
    return parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w10="urn:schemas-microsoft-com:office:word"><w:rPr><w:noProof/></w:rPr><w:pict>'
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/>'
        '<v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>'
        '<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/>'
        '<v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>'
        '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
        'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/>'
        '</v:shapetype><v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" '
        'style="position:absolute;margin-left:0;margin-top:0;width:468pt;height:156pt;rotation:315;z-index:-251657216;'
        'mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;'
        f'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#{spec.watermark_colour}" stroked="f">'
        f'<v:fill opacity=".5"/><v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt" string={text}/>'
        '<w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r>'
    )


def add_comment(document: Document, anchor: Element, text: str, author: str, when: str) -> None:
    """A Word comment on `anchor`: a paragraph, or a table (from its first cell to its last), dated
    `when` (the document's modification time: python-docx would write the clock's, and the same
    findings must give the same draft)."""
    initials = "".join(word[0] for word in author.split() if word[:1].isalpha())[:3].upper()
    comment = document.comments.add_comment(text=xml_safe(text), author=xml_safe(author), initials=initials)
    comment._comment_elm.set(qn("w:date"), when)
    ident = str(comment.comment_id)
    paragraphs = list(anchor.iter(qn("w:p"))) if anchor.tag == qn("w:tbl") else [anchor]
    first, last = paragraphs[0], paragraphs[-1]
    start = etree.Element(qn("w:commentRangeStart"))
    start.set(qn("w:id"), ident)
    properties = first.find(qn("w:pPr"))
    first.insert(1 if properties is not None else 0, start)
    sub(last, "w:commentRangeEnd", id=ident)
    reference = sub(last, "w:r")
    sub(sub(reference, "w:rPr"), "w:rStyle", val="CommentReference") if _has_style(document, "CommentReference") else None
    sub(reference, "w:commentReference", id=ident)


def _has_style(document: Document, style_id: str) -> bool:
    return bool(document.styles.element.xpath(f'w:style[@w:styleId="{style_id}"]'))
