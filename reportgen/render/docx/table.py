"""Tables for the Word writer: caption paragraph (unless the heading above names the table)
and alt text, repeating header rows, bold column headers, right-aligned numbers, rating cells
shaded with the edition's colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn
from markdown_it.token import Token

from ...parse import plain_text
from .ooxml import Element, make, shading, sub, xml_safe
from .style import text_width_twips

_ALIGN = {"text-align:right": "right", "text-align:center": "center"}


@dataclass
class _Table:
    element: Element
    properties: Element
    row: Element | None = None
    column: int = 0
    widths: list[int] = field(default_factory=list)  # longest text per column, in characters


@dataclass
class Tables:
    """The writer's table state."""

    current: _Table | None = None
    in_head: bool = False
    after: bool = False  # the next paragraph follows a table: it gets `space_after` from the house style


class TableMixin:
    """The table_* / tr_* / th_* / td_* rules of DocxWriter, over its `tables` state."""

    def render_table_open(self, token: Token) -> None:
        caption = token.meta["caption"]  # parse/captions.py names every table
        title = plain_text(caption)
        if not token.meta.get("named_by"):  # else the heading above says it: no caption repeats it
            self.new_paragraph(self.style.id("caption"), keep_next=True)
            self.render_inline(caption)
            self.end_paragraph()
        spec = self.style.table
        tbl = sub(self.container, "w:tbl")
        tblpr = sub(tbl, "w:tblPr")
        sub(tblpr, "w:tblStyle", val=self.style.id(spec.style))
        sub(tblpr, "w:tblW", w=5000, type="pct")
        margins = sub(tblpr, "w:tblCellMar")
        for side in ("top", "left", "bottom", "right"):
            sub(margins, f"w:{side}", w=round(getattr(spec.cell_padding, side) / 25.4 * 1440), type="dxa")
        sub(tblpr, "w:tblLook", val="04A0", firstRow=1, lastRow=0, firstColumn=1, lastColumn=0, noHBand=0,
            noVBand=1)
        sub(tblpr, "w:tblCaption", val=xml_safe(title))  # the alt-text title Word shows to screen readers
        self.tables.current = _Table(tbl, tblpr)

    def render_table_close(self, token: Token) -> None:
        table = self.tables.current
        widths = self._column_widths(table.widths)
        grid = make("w:tblGrid")
        for width in widths:
            sub(grid, "w:gridCol", w=width)
        table.properties.addnext(grid)
        rows = list(table.element.iterchildren(_W_TR))
        for row in rows:
            for width, cell in zip(widths, row.iterchildren(_W_TC)):
                cell[0].insert(0, make("w:tcW", w=width, type="dxa"))
        if len(rows) <= self.style.table.keep_together_rows:
            for row in rows[:-1]:  # Word keeps a table whole by keeping each row with the next
                for ppr in row.iter(qn("w:pPr")):
                    _keep_with_next(ppr)
        self.tables.current = None
        self.tables.after = True
        self.marks.last_block = table.element

    def render_thead_open(self, token: Token) -> None:
        self.tables.in_head = True

    def render_thead_close(self, token: Token) -> None:
        self.tables.in_head = False

    def render_tbody_open(self, token: Token) -> None:
        pass

    render_tbody_close = render_tbody_open

    def render_tr_open(self, token: Token) -> None:
        row = sub(self.tables.current.element, "w:tr")
        spec = self.style.table
        if spec.cant_split_rows or (self.tables.in_head and spec.repeat_header):
            trpr = sub(row, "w:trPr")
            if spec.cant_split_rows:
                sub(trpr, "w:cantSplit")
            if self.tables.in_head and spec.repeat_header:
                sub(trpr, "w:tblHeader")
        self.tables.current.row, self.tables.current.column = row, 0

    def render_tr_close(self, token: Token) -> None:
        self.tables.current.row = None

    def render_td_open(self, token: Token) -> None:
        cell = sub(self.tables.current.row, "w:tc")
        properties = sub(cell, "w:tcPr")
        rating = self._rating(token)
        if rating:
            shading(properties, rating)
        self.containers.append(cell)
        self.new_paragraph(self.style.id(self.style.table.paragraph_style),
                           align=_ALIGN.get(str(token.attrGet("style") or "").replace(" ", "")))
        spec = self.style.table
        if token.tag == "th":
            self.runs.force_bold = spec.column_header_bold if self.tables.in_head else spec.row_header_bold
        else:
            self.runs.force_bold = bool(rating) and self.style.rating.bold

    render_th_open = render_td_open

    def render_td_close(self, token: Token) -> None:
        table = self.tables.current
        if table.column >= len(table.widths):
            table.widths.append(0)
        table.widths[table.column] = max(table.widths[table.column], min(len(self.runs.last_text), 80))
        table.column += 1
        self.end_paragraph()
        self.containers.pop()

    render_th_close = render_td_close

    def _column_widths(self, lengths: list[int]) -> list[int]:
        """Twips per column, roughly in proportion to the longest text, none too narrow."""
        total = text_width_twips(self.style)
        if not lengths:
            return []
        floor = self.style.table.min_column_share
        shares = [max(n, 4) / sum(max(n, 4) for n in lengths) for n in lengths]
        shares = [max(s, floor) for s in shares]
        widths = [int(total * s / sum(shares)) for s in shares]
        widths[-1] += total - sum(widths)
        return widths


_W_TR = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tr"
_W_TC = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc"


def _keep_with_next(ppr) -> None:
    """`<w:keepNext/>` in its schema place: after the paragraph style, before everything else."""
    if ppr.find(qn("w:keepNext")) is not None:
        return
    style = ppr.find(qn("w:pStyle"))
    ppr.insert(0 if style is None else ppr.index(style) + 1, make("w:keepNext"))
