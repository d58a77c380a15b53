"""The Word cover, designed as the PDF's: a section of its own (the cover's margins, no header
text, no footer), the house colour from edge to edge behind white type, and brand.yml's
optional logo above the publisher's name. The look is data (templates/word/styles.yml, `cover:`).
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from .ooxml import Element, sub

_MM_TWIPS = 1440 / 25.4
_MM_POINTS = 72 / 25.4


def end_cover_section(paragraph: Element, house) -> None:
    """Make `paragraph`, the cover's last, end the cover's section: the same page, the cover's
    margins, and no header or footer reference (the body's section after it has them)."""
    properties = paragraph.find(qn("w:pPr"))
    section = sub(properties, "w:sectPr")
    width, height = house["page"]["size"]
    sub(section, "w:pgSz", w=round(width * _MM_TWIPS), h=round(height * _MM_TWIPS))
    margins = {side: round(mm * _MM_TWIPS) for side, mm in house["cover"]["margins"].items()}
    page = house["page"]["margins"]
    sub(section, "w:pgMar", top=margins["top"], right=margins["right"], bottom=margins["bottom"],
        left=margins["left"], header=round(page["header"] * _MM_TWIPS), footer=round(page["footer"] * _MM_TWIPS), gutter=0)


def paint_cover(document: Document, house) -> None:
    """The house colour to the page's edges: a rectangle anchored to the page, behind the text,
    in the cover section's own (otherwise empty) header, as Word places its watermarks, so it is
    on the cover alone and a draft's marks in that header still show over it."""
    header = document.sections[0].header
    header.is_linked_to_previous = False
    width, height = (round(mm * _MM_POINTS, 1) for mm in house["page"]["size"])
    paragraph = header.paragraphs[0]
    paragraph.style = document.styles[house["cover"]["header_style"]]  # a draft's marking, white on the colour
    paragraph._p.append(parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w10="urn:schemas-microsoft-com:office:word"><w:rPr><w:noProof/></w:rPr><w:pict>'
        '<v:rect id="CoverColour" o:spid="_x0000_s2050" o:allowincell="f" stroked="f" '
        f'fillcolor="#{house["cover"]["fill"]}" style="position:absolute;margin-left:0;margin-top:0;'
        f'width:{width}pt;height:{height}pt;z-index:-251660288;'
        'mso-position-horizontal-relative:page;mso-position-vertical-relative:page">'
        '<w10:wrap anchorx="page" anchory="page"/></v:rect></w:pict></w:r>'
    ))
