"""The Word cover, designed as the PDF's: a section of its own (the cover's margins, no header
text, no footer), the house colour from edge to edge behind white type, and brand.yml's
optional logo above the publisher's name. The look is data (templates/word/styles.yml, `cover:`).
"""

from __future__ import annotations

from io import BytesIO

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.shape import CT_Inline
from docx.shared import Emu
from markdown_it.token import Token

from ...house.logo import Logo
from .ooxml import Element, sub, text_run
from .style import DocumentStyle, fill

_MM_TWIPS = 1440 / 25.4
_MM_POINTS = 72 / 25.4


def end_cover_section(paragraph: Element, style: DocumentStyle) -> None:
    """Make `paragraph`, the cover's last, end the cover's section: the same page, the cover's
    margins, and no header or footer reference (the body's section after it has them)."""
    properties = paragraph.find(qn("w:pPr"))
    section = sub(properties, "w:sectPr")
    width, height = style.page.size
    sub(section, "w:pgSz", w=round(width * _MM_TWIPS), h=round(height * _MM_TWIPS))
    margins = {side: round(mm * _MM_TWIPS) for side, mm in style.cover.margins.model_dump().items()}
    page = style.page.margins
    sub(section, "w:pgMar", top=margins["top"], right=margins["right"], bottom=margins["bottom"],
        left=margins["left"], header=round(page.header * _MM_TWIPS), footer=round(page.footer * _MM_TWIPS), gutter=0)


def paint_cover(document: Document, style: DocumentStyle) -> None:
    """The house colour to the page's edges: a rectangle anchored to the page, behind the text,
    in the cover section's own (otherwise empty) header, as Word places its watermarks, so it is
    on the cover alone and a draft's marks in that header still show over it."""
    header = document.sections[0].header
    header.is_linked_to_previous = False
    width, height = (round(mm * _MM_POINTS, 1) for mm in style.page.size)
    paragraph = header.paragraphs[0]
    paragraph.style = document.styles[style.cover.header_style]  # a draft's marking, white on the colour
    paragraph._p.append(parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w10="urn:schemas-microsoft-com:office:word"><w:rPr><w:noProof/></w:rPr><w:pict>'
        '<v:rect id="CoverColour" o:spid="_x0000_s2050" o:allowincell="f" stroked="f" '
        f'fillcolor="#{style.cover.fill}" style="position:absolute;margin-left:0;margin-top:0;'
        f'width:{width}pt;height:{height}pt;z-index:-251660288;'
        'mso-position-horizontal-relative:page;mso-position-vertical-relative:page">'
        '<w10:wrap anchorx="page" anchory="page"/></v:rect></w:pict></w:r>'
    ))


_DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # Word's "mark as decorative"
_SVG_BLIP = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"  # Word 2016's SVG picture, with a PNG fallback


def logo_picture(document: Document, logo: Logo, height_mm: float, shape_id: int) -> Element:
    """brand.yml's logo as an inline picture `height_mm` high, marked decorative (the publisher's
    name is printed beside it). An SVG goes in as Word's SVG picture over a PNG drawing of it,
    which Word before 2016 and LibreOffice show instead."""
    png = logo.data if logo.media_type == "image/png" else _svg_as_png(logo, height_mm)
    rid, _ = document.part.get_or_add_image(BytesIO(png))
    cy = Emu(round(height_mm * 36000))
    cx = Emu(round(cy * logo.width / logo.height))
    inline = CT_Inline.new_pic_inline(shape_id, rid, "logo.png", cx, cy)
    inline.docPr.set("descr", "")
    doc_ext = parse_xml(f'<a:extLst {nsdecls("a")}><a:ext uri="{_DECORATIVE}"><adec:decorative '
                        f'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>')
    inline.docPr.append(doc_ext)
    if logo.media_type == "image/svg+xml":
        part = Part(PackURI("/word/media/logo.svg"), "image/svg+xml", logo.data, document.part.package)
        svg_rid = document.part.relate_to(part, RT.IMAGE)
        blip = inline.find(".//" + qn("a:blip"))
        blip.append(parse_xml(f'<a:extLst {nsdecls("a", "r")}><a:ext uri="{_SVG_BLIP}"><asvg:svgBlip '
                              f'xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" '
                              f'r:embed="{svg_rid}"/></a:ext></a:extLst>'))
    return inline


def _svg_as_png(logo: Logo, height_mm: float) -> bytes:
    """The SVG drawn at 300 dpi (cairosvg: no file or network access, as logo.py also checked)."""
    import cairosvg

    return cairosvg.svg2png(bytestring=logo.data, output_height=round(height_mm / 25.4 * 300), unsafe=False)


class CoverMixin:
    """The cover's rules of DocxWriter: the logo and the publisher's name first, the section's end last."""

    def render_container_cover_open(self, token: Token) -> None:
        self.section = "cover"
        logo = self.house.logo
        if logo is not None:
            self.next_shape += 1
            self.new_paragraph(self.style.id(self.style.cover.logo_style))
            sub(sub(self.paragraph, "w:r"), "w:drawing").append(
                logo_picture(self.document, logo, self.style.cover.logo_height, self.next_shape))
            self.end_paragraph()
        publisher = self.style.frame.publisher
        self.new_paragraph(self.style.id(publisher.style))
        text_run(self.target, fill(publisher.text, self.view, self.house))
        self.end_paragraph()

    def render_container_cover_close(self, token: Token) -> None:
        """The cover is a section of its own (cover.py): its break starts the contents' page."""
        end_cover_section(self.body.findall(qn("w:p"))[-1], self.style)
        self.section, self.covered = "body", True
