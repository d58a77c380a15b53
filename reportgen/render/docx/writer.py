"""Tokens → a Word document: one `render_<token type>` method per markdown-it token, MyST-style.

The writer walks the same token stream as the HTML writer and builds WordprocessingML
directly (lxml under python-docx), keeping a stack of containers: the body, the contents
block, a table cell, a footnote. Headings get Word's built-in styles and bookmarks, the
`::: contents` block becomes a real TOC field whose cached entries are already filled in,
footnotes become real Word footnotes, and the look comes from templates/word/styles.yml.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timezone
from io import BytesIO
from typing import TYPE_CHECKING

import docx
from docx.document import Document
from docx.oxml.shape import CT_Inline
from docx.shared import Emu
from markdown_it.token import Token

from ...parse import CALLOUTS, Parsed
from ...view import ReportView
from .cover import CoverMixin, paint_cover
from .draft import Marks, add_comment, mark_draft
from .inline import InlineMixin, Notes, Runs
from .lists import ListMixin, Lists, nth
from .ooxml import Element, bookmark_names, border, field_begin, field_end, shading, sub, text_run, toc_sdt, xml_safe
from .package import add_footnotes_part, save_stable, set_metadata, tidy_package
from .style import DocumentStyle, apply_house_style, fill, text_width_twips
from .table import TableMixin, Tables

if TYPE_CHECKING:
    from ...house import House


class UnsupportedToken(ValueError):
    """Raised for a token type the Word writer has no rule for, so nothing is dropped silently."""


def render_docx(parsed: Parsed, view: ReportView, house: House, finishing: Sequence[Callable[[Document], None]] = ()) -> bytes:
    """The report as a .docx: python-docx's default template, dressed in the house's Word style. A draft
    (view.draft) is marked DRAFT; `comment` tokens become Word comments, and a paragraph whose meta
    names a `bookmark` gets one. `finishing` steps (the review side's) run on the document last."""
    document = docx.Document()
    style = apply_house_style(document, view, house)
    writer = DocxWriter(document, style, view, parsed, house)
    writer.render(parsed.tokens)
    writer.finish()
    if writer.covered:
        paint_cover(document, style)
    if view.draft:
        contents = style.contents
        mark_draft(document, style.draft, tuple(style.id(name) for name in (contents.heading_style, *contents.entry_styles)))
    for step in finishing:
        step(document)
    set_metadata(document, view, style.language, fill(style.frame.description, view, house))
    tidy_package(document, style.language)
    return save_stable(document, view)


class DocxWriter(CoverMixin, InlineMixin, ListMixin, TableMixin):
    """Walks the token stream once; every block lands in the container on top of the stack."""

    def __init__(self, document, style: DocumentStyle, view: ReportView, parsed: Parsed, house: House):
        self.document, self.style, self.view, self.house = document, style, view, house
        self.body = document.element.body
        self.section_properties = self.body.sectPr
        self.body.remove(self.section_properties)  # put back last, so blocks are appended, not inserted
        self.containers: list[Element] = [self.body]
        self.part = document.part  # the part whose relationships hyperlinks use
        self.footnotes_part = add_footnotes_part(document)
        self.bookmarks = bookmark_names([h.id for h in parsed.headings])
        self.rating_fill = {view.rating_class(r.name): r.colour.lstrip("#") for r in view.edition.scale}
        self.section = "body"  # or "cover", "contents"
        self.covered = False  # the cover's section is written
        self.break_next = False  # the next block starts a page
        self.paragraph: Element | None = None
        self.target: Element | None = None  # where runs go: the paragraph or a hyperlink in it
        self.quote_depth = 0
        self.callout_depth = 0
        self.bookmark_ids: list[int] = []
        self.next_bookmark = 0
        self.toc_open = False
        self.last_toc_paragraph: Element | None = None
        self.next_shape = 0  # drawing ids (wp:docPr), unique in the document
        self.runs = Runs()
        self.notes = Notes.of(parsed.tokens)
        self.lists = Lists.of(document)
        self.tables = Tables()
        self.marks = Marks()  # where comments anchor, the bookmark open on this paragraph

    # ---- walking ----

    def render(self, tokens: list[Token]) -> None:
        for token in tokens:
            self.dispatch(token)

    def dispatch(self, token: Token) -> None:
        """Call render_<token.type>; a type with no rule is an error, never silently dropped."""
        kind = token.type.removeprefix("container_").rsplit("_", 1)[0]
        if token.type.startswith("container_") and kind in CALLOUTS:
            return self.render_callout_open(token) if token.nesting == 1 else self.render_callout_close(token)
        method = getattr(self, f"render_{token.type}", None)
        if method is None:
            raise UnsupportedToken(_unsupported(token))
        method(token)

    def finish(self) -> None:
        colophon = self.style.frame.colophon
        self.new_paragraph(self.style.id(colophon.style))
        text_run(self.target, fill(colophon.text, self.view, self.house))
        self.body.append(self.section_properties)

    @property
    def container(self) -> Element:
        return self.containers[-1]

    def new_paragraph(self, style: str, *, numbering: int | None = None, rating: str | None = None,
                      align: str | None = None, keep_next: bool = False, space_before: float | None = None) -> Element:
        """`<w:p>` with its properties in schema order; it becomes the target for runs."""
        self.tables.after = False
        p = sub(self.container, "w:p")
        ppr = sub(p, "w:pPr")
        sub(ppr, "w:pStyle", val=style)
        if keep_next:
            sub(ppr, "w:keepNext")
        if self.break_next:
            sub(ppr, "w:pageBreakBefore")
            self.break_next = False
        if numbering is not None:
            numpr = sub(ppr, "w:numPr")
            sub(numpr, "w:ilvl", val=0)
            sub(numpr, "w:numId", val=numbering)
        boxed = rating or (self.callout_depth and self.style.callout.fill)
        if boxed:  # Word joins consecutive paragraphs with the same borders into one box
            edge = (self.style.rating if rating else self.style.callout).border
            box = sub(ppr, "w:pBdr")
            for side in ("top", "left", "bottom", "right"):
                border(box, side, edge.size, edge.colour)
            shading(ppr, boxed)
        if space_before is not None:
            sub(ppr, "w:spacing", before=round(space_before * 20))
        if align:
            sub(ppr, "w:jc", val=align)
        self.paragraph = self.target = self.marks.last_block = p
        return p

    def end_paragraph(self) -> None:
        if self.marks.bookmark is not None:
            sub(self.paragraph, "w:bookmarkEnd", id=self.marks.bookmark)
            self.marks.bookmark = None
        self.paragraph = self.target = None
        self.runs.force_bold = False

    # ---- the contents (the cover: cover.CoverMixin) ----

    def render_container_contents_open(self, token: Token) -> None:
        self.section = "contents"

    def open_toc(self) -> None:
        """The TOC field starts with the first entry; the 'Contents' heading stays in the body
        before it, where every reader of the body's paragraphs finds it."""
        self.containers.append(toc_sdt(self.container))
        self.toc_open = True

    def render_container_contents_close(self, token: Token) -> None:
        if not self.toc_open:  # an empty contents block still holds a field Word can update
            self.open_toc()
            self.last_toc_paragraph = self.new_paragraph(self.style.id(self.style.contents.entry_styles[0]))
            field_begin(self.last_toc_paragraph, self.style.contents.field)
        field_end(self.last_toc_paragraph)
        self.end_paragraph()
        self.containers.pop()
        self.section, self.break_next, self.toc_open = "body", True, False

    def render_container_front_open(self, token: Token) -> None:
        """The inside cover (acknowledgements, role, copyright): print sets it compactly; Word
        keeps it as ordinary sections."""

    def render_container_front_close(self, token: Token) -> None:
        pass

    def render_container_backcover_open(self, token: Token) -> None:
        """The back cover (the publisher's address, where a printing has one) starts a page of its own."""
        self.break_next = True

    def render_container_backcover_close(self, token: Token) -> None:
        pass

    # ---- charts: the same picture as the HTML's SVG, as a PNG with the same text alternative ----

    def render_container_chart_open(self, token: Token) -> None:
        from ..chart_paint import to_png
        from ..charts import chart_for

        chart = chart_for(self.view, self.house, token.meta["chart"])
        rid, _ = self.document.part.get_or_add_image(BytesIO(to_png(chart)))
        cx = min(Emu(chart.width * 9525), Emu(text_width_twips(self.style) * 635))  # 96 px per inch
        cy = Emu(round(cx * chart.height / chart.width))
        self.next_shape += 1
        inline = CT_Inline.new_pic_inline(self.next_shape, rid, f"{chart.key}.png", cx, cy)
        inline.docPr.set("title", xml_safe(chart.title))
        inline.docPr.set("descr", xml_safe(chart.description))
        gap = self.style.table.space_after if self.tables.after else None  # a chart right after a table
        self.new_paragraph(self.style.id(self.style.chart.style), keep_next=True, space_before=gap)
        sub(sub(self.paragraph, "w:r"), "w:drawing").append(inline)
        self.end_paragraph()

    def render_container_chart_close(self, token: Token) -> None:
        pass

    # ---- callout boxes: a shaded, bordered group of paragraphs under a bold label ----

    def render_callout_open(self, token: Token) -> None:
        self.callout_depth += 1
        self.new_paragraph(self.style.id("Normal"), keep_next=True)
        text_run(self.target, token.meta["label"], bold=self.style.callout.label_bold)
        self.end_paragraph()

    def render_callout_close(self, token: Token) -> None:
        self.callout_depth -= 1

    # ---- headings and paragraphs ----

    def render_heading_open(self, token: Token) -> None:
        level = int(token.tag[1])
        if self.section == "contents":
            name = self.style.contents.heading_style
        else:
            name = "Title" if level == 1 else f"heading {level - 1}"
        self.new_paragraph(self.style.id(name))
        ident = token.attrGet("id")
        if ident:
            self.bookmark_ids.append(self.next_bookmark)
            sub(self.paragraph, "w:bookmarkStart", id=self.next_bookmark, name=self.bookmarks.get(ident, ident))
            self.next_bookmark += 1
        else:
            self.bookmark_ids.append(-1)
        self.open_bookmark(token)

    def render_heading_close(self, token: Token) -> None:
        mark = self.bookmark_ids.pop()
        if mark >= 0:
            sub(self.paragraph, "w:bookmarkEnd", id=mark)
        self.end_paragraph()

    def render_paragraph_open(self, token: Token) -> None:
        numbering = None
        if self.notes.paragraphs >= 0:
            style = "footnote text"
        elif self.lists.items and self.section == "contents":
            style = nth(self.style.contents.entry_styles, len(self.lists.open))
        elif self.lists.items:
            style, numbering = self.list_paragraph()
        elif self.quote_depth:
            style = "Quote"
        elif self.section == "cover":
            style = "Subtitle"
        else:
            style = "Normal"
        if self.lists.items:
            self.lists.items[-1] += 1
        rating = self._rating(token)
        gap = self.style.table.space_after if self.tables.after else None  # tables have no spacing of their own
        lead_in = "lead-in" in str(token.attrGet("class") or "").split()  # the sentence introducing a table
        first_entry = self.section == "contents" and self.lists.items and not self.toc_open
        if first_entry:
            self.open_toc()
        self.new_paragraph(self.style.id(style), numbering=numbering, rating=rating, space_before=gap, keep_next=lead_in)
        self.runs.force_bold = bool(rating) and self.style.rating.bold
        self.footnote_mark()
        self.open_bookmark(token)
        if first_entry:
            field_begin(self.paragraph, self.style.contents.field)
        if self.section == "contents":
            self.last_toc_paragraph = self.paragraph

    def render_paragraph_close(self, token: Token) -> None:
        self.end_paragraph()

    def render_blockquote_open(self, token: Token) -> None:
        self.quote_depth += 1

    def render_blockquote_close(self, token: Token) -> None:
        self.quote_depth -= 1

    def render_hr(self, token: Token) -> None:
        self.new_paragraph(self.style.id("Normal"))
        rule = self.style.rule
        border(sub(self.paragraph.find(_W_PPR), "w:pBdr"), "bottom", rule.size, rule.colour)
        self.end_paragraph()

    def render_code_block(self, token: Token) -> None:
        for line in token.content.rstrip("\n").split("\n"):
            self.new_paragraph(self.style.id("Normal"))
            text_run(self.target, line or " ", font=self.style.code_font)
        self.end_paragraph()

    render_fence = render_code_block

    # ---- bookmarks and comments (a draft's, placed by the review side) ----

    def open_bookmark(self, token: Token) -> None:
        """A bookmark around the paragraph whose token's meta names one (a findings field's, in a draft)."""
        if "bookmark" in token.meta and self.paragraph is not None:
            self.marks.bookmark = self.next_bookmark
            sub(self.paragraph, "w:bookmarkStart", id=self.next_bookmark, name=token.meta["bookmark"])
            self.next_bookmark += 1

    def render_comment(self, token: Token) -> None:
        """A comment on the block before it: a paragraph, or a whole table."""
        if self.marks.last_block is not None and self.notes.paragraphs < 0:
            when = self.view.modified.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            add_comment(self.document, self.marks.last_block, token.meta["text"], token.meta["author"], when)

    # ---- helpers ----

    def _rating(self, token: Token) -> str | None:
        for cls in str(token.attrGet("class") or "").split():
            if cls in self.rating_fill:
                return self.rating_fill[cls]
        return None

def _unsupported(token: Token) -> str:
    where = f" (report lines {token.map[0] + 1}–{token.map[1]})" if token.map else ""
    return f"the Word writer has no rule for markdown-it token {token.type!r}{where}; add render_{token.type}"


_W_PPR = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pPr"
