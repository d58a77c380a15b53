"""templates/word/styles.yml → a python-docx Document dressed in the house style.

The YAML names Word's own styles; this module only translates its keys into style XML,
page setup, the running header and the "Page X of Y" footer. Nothing about the look is
decided here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import StyleFactory

from ...errors import Problem, ReportError
from ...view import ReportView
from .ooxml import PPR_AFTER_BORDER, border, insert_before, make, text_with_fields

if TYPE_CHECKING:
    from ...house import House
    from ...house.word import Defaults, StyleSpec, WordStyle

_RPR_AFTER_SPACING = tuple(qn(f"w:{n}") for n in "w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath".split())
_TYPES = {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "character": WD_STYLE_TYPE.CHARACTER}
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


@dataclass(frozen=True)
class DocumentStyle:
    """The house's Word style (house.word) as applied to one document: its settings by name
    (`style.table.space_after`), and the style ids the writer puts on paragraphs and runs."""

    word: WordStyle
    ids: dict[str, str]  # Word style name (either spelling) → styleId

    def __getattr__(self, name: str) -> Any:
        return getattr(self.word, name)

    def id(self, name: str) -> str:
        """'Heading 1' or 'heading 1' → 'Heading1'; an unknown name is an error in styles.yml."""
        try:
            return self.ids[name.lower()]
        except KeyError:
            raise ReportError([Problem("word/styles.yml", None, None, "", f"the style {name!r}",
                                       "a style under `styles:` or one of Word's own in python-docx's template")]) from None


def fill(text: str, view: ReportView, house: House) -> str:
    """A text of the Word style (a Jinja pattern over the report's view and the house's brand),
    its whitespace folded."""
    return " ".join(house.wording.compiled(text).render(view=view, brand=house.brand).split())


def apply_house_style(document: Document, view: ReportView, house: House) -> DocumentStyle:
    word = house.word
    styles = document.styles.element
    by_name = {s.find(qn("w:name")).get(qn("w:val")): s for s in styles.iterchildren(qn("w:style"))}
    _defaults(styles, word.defaults, word.language)
    for name, spec in word.styles.items():
        element = by_name.get(name)
        if element is None:
            element = _add_style(document, name, spec)
            by_name[name] = element
        _style_properties(StyleFactory(element), spec.given())
    ids = {name.lower(): element.get(qn("w:styleId")) for name, element in by_name.items()}
    style = DocumentStyle(word, ids)
    _page(document, style, view, house)
    return style


def _defaults(styles, spec: Defaults, language: str) -> None:
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    font = spec.font
    rpr.append(make("w:rFonts", ascii=font, hAnsi=font, cs=font, eastAsia=font))
    rpr.append(make("w:color", val=spec.colour.upper()))
    half_points = str(round(spec.size * 2))
    rpr.append(make("w:sz", val=half_points))
    rpr.append(make("w:szCs", val=half_points))
    rpr.append(make("w:lang", val=language, eastAsia=language, bidi="ar-SA"))
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(make("w:spacing", after=round(spec.space_after * 20), line=round(spec.line_spacing * 240),
                    lineRule="auto"))


def _add_style(document: Document, name: str, spec: StyleSpec):
    kind = _TYPES[spec.type]
    style = document.styles.add_style(spec.id or name.replace(" ", ""), kind)
    element = style.element
    element.set(qn("w:styleId"), spec.id or name.replace(" ", ""))
    element.find(qn("w:name")).set(qn("w:val"), name)
    if spec.builtin:  # one of Word's own ("toc 1", "footnote text"), not a user style
        element.attrib.pop(qn("w:customStyle"), None)
    if spec.based_on:
        style.base_style = document.styles[spec.based_on]
    if kind == WD_STYLE_TYPE.PARAGRAPH:
        style.next_paragraph_style = document.styles["Normal"]
    return element


def _style_properties(style, spec: dict) -> None:
    font = style.font
    if "font" in spec:
        font.name = spec["font"]
        rfonts = style.element.rPr.find(qn("w:rFonts"))
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            rfonts.attrib.pop(qn(f"w:{attr}"), None)
        rfonts.set(qn("w:cs"), spec["font"])
    if "size" in spec:
        font.size = Pt(spec["size"])
        rpr = style.element.rPr
        complex_size = rpr.find(qn("w:szCs"))
        if complex_size is None:
            complex_size = make("w:szCs")
            rpr.sz.addnext(complex_size)
        complex_size.set(qn("w:val"), rpr.sz.get(qn("w:val")))
    for key in ("bold", "italic", "underline", "superscript"):
        if key in spec:
            setattr(font, key, spec[key])
    if "colour" in spec:
        font.color.rgb = RGBColor.from_string(spec["colour"].upper())
    if "letter_spacing" in spec:  # points between letters (Word's own Title and Subtitle spread theirs)
        rpr = style.element.get_or_add_rPr()
        for spacing in rpr.findall(qn("w:spacing")):
            rpr.remove(spacing)
        if spec["letter_spacing"]:
            insert_before(rpr, make("w:spacing", val=round(spec["letter_spacing"] * 20)), _RPR_AFTER_SPACING)
    if not hasattr(style, "paragraph_format"):
        return
    fmt = style.paragraph_format
    for key in ("space_before", "space_after"):
        if key in spec:
            setattr(fmt, key, Pt(spec[key]))
    if "line_spacing" in spec:
        fmt.line_spacing = spec["line_spacing"]
    for key in ("keep_with_next", "page_break_before"):
        if key in spec:
            setattr(fmt, key, spec[key])
    if "indent_left" in spec:
        fmt.left_indent = Mm(spec["indent_left"])
    if "indent_right" in spec:
        fmt.right_indent = Mm(spec["indent_right"])
    if "alignment" in spec:
        fmt.alignment = _ALIGN[spec["alignment"]]
    sides = {side: spec[f"border_{side}"] for side in ("top", "left", "bottom", "right") if f"border_{side}" in spec}
    if sides:
        _style_borders(style.element.get_or_add_pPr(), sides)


def _style_borders(ppr, sides: dict[str, dict | None]) -> None:
    old = ppr.find(qn("w:pBdr"))
    pbdr = make("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        if side in sides:
            if sides[side]:
                border(pbdr, side, sides[side]["size"], sides[side]["colour"], sides[side].get("space", 4))
        elif old is not None and old.find(qn(f"w:{side}")) is not None:
            pbdr.append(old.find(qn(f"w:{side}")))
    if old is not None:
        ppr.remove(old)
    if len(pbdr):
        insert_before(ppr, pbdr, PPR_AFTER_BORDER)


def _page(document: Document, style: DocumentStyle, view: ReportView, house: House) -> None:
    section = document.sections[0]
    width, height = style.page.size
    section.page_width, section.page_height = Mm(width), Mm(height)
    margins = style.page.margins
    section.top_margin, section.bottom_margin = Mm(margins.top), Mm(margins.bottom)
    section.left_margin, section.right_margin = Mm(margins.left), Mm(margins.right)
    section.header_distance, section.footer_distance = Mm(margins.header), Mm(margins.footer)
    for part, spec in ((section.header, style.header), (section.footer, style.footer)):
        paragraph = part.paragraphs[0]
        paragraph.style = document.styles[spec.style]
        text_with_fields(paragraph._p, fill(spec.text, view, house))


def text_width_twips(style: DocumentStyle) -> int:
    """The width between the margins, for table grids."""
    width = style.page.size[0] - style.page.margins.left - style.page.margins.right
    return round(width / 25.4 * 1440)
