"""Data tables → one OpenDocument spreadsheet (.ods, the open standard GOV.UK asks for), written
with odfpy: a contents sheet, then one sheet per table, numbers stored as numbers.

Each sheet follows the Analysis Function's guidance for releasing statistics in spreadsheets:
the title in cell A1, then notes and source, then the table with one header row. The zip is
rewritten with fixed dates and order so the same findings give the same bytes.
"""

from __future__ import annotations

import io

from odf.element import Element
from odf.meta import Generator
from odf.opendocument import OpenDocument
from odf.style import Style, TableColumnProperties, TextProperties
from odf.office import Spreadsheet
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import P

from ..house.brand import Brand
from ..view import ReportView
from .data import DataTable
from .stable_zip import stable_zip

# odfpy keeps the namespaces of every element made in the process in one class attribute and
# declares them all on each document's root: the second workbook of a batch declared the first's
# too, so its bytes depended on what was built before it. Each workbook starts from this state.
_NAMESPACES = dict(Element.namespaces)


def workbook(tables: list[DataTable], view: ReportView, house: Brand) -> bytes:
    Element.namespaces.clear()
    Element.namespaces.update(_NAMESPACES)
    doc = OpenDocument("application/vnd.oasis.opendocument.spreadsheet", add_generator=False)
    doc.meta.addElement(Generator(text="reportgen"))
    doc.spreadsheet = Spreadsheet()
    doc.body.addElement(doc.spreadsheet)
    bold = Style(name="heading", family="table-cell")
    bold.addElement(TextProperties(fontweight="bold"))
    title = Style(name="title", family="table-cell")
    title.addElement(TextProperties(fontweight="bold", fontsize="14pt"))
    wide = Style(name="wide", family="table-column")
    wide.addElement(TableColumnProperties(columnwidth="9cm"))
    narrow = Style(name="narrow", family="table-column")
    narrow.addElement(TableColumnProperties(columnwidth="3.5cm"))
    for style in (bold, title, wide, narrow):
        doc.automaticstyles.addElement(style)

    words = house.labels  # every sentence of the workbook is the publisher's (templates/brand.yml)
    facts = {"title": view.title, "publisher": house.publisher.name, "published": view.published,
             "statement": house.licence.statement}
    contents = _sheet(words["workbook_contents"], [wide, narrow])
    _row(contents, [words["data_title"].format(**facts)], title)
    _row(contents, [words["workbook_published"].format(**facts)])
    _row(contents, [words["workbook_about"]])
    _row(contents, [words["workbook_sheet"], words["data_annex_table"]], bold)
    for t in tables:
        _row(contents, [_sheet_name(t, words), t.caption])
    doc.spreadsheet.addElement(contents)

    for t in tables:
        sheet = _sheet(_sheet_name(t, words), [wide] + [narrow] * (len(t.columns) - 1))
        _row(sheet, [t.caption], title)
        if t.section:
            _row(sheet, [words["workbook_section"].format(section=t.section)])
        for note in t.notes:
            _row(sheet, [words["workbook_note"].format(note=note)])
        _row(sheet, [words["workbook_source"].format(**facts)])
        _row(sheet, list(t.columns), bold)
        for values in t.values():
            _row(sheet, values)
        doc.spreadsheet.addElement(sheet)

    raw = io.BytesIO()
    doc.save(raw)
    return stable_zip(raw.getvalue(), view.modified, first=["mimetype"], stored=["mimetype"])  # as ODF requires


def _sheet_name(table: DataTable, words: dict[str, str]) -> str:
    return words["data_table"].format(number=table.number)


def _sheet(name: str, columns: list[Style]) -> Table:
    sheet = Table(name=name)
    for style in columns:
        sheet.addElement(TableColumn(stylename=style))
    return sheet


def _row(sheet: Table, values: list, style: Style | None = None) -> None:
    row = TableRow()
    for value in values:
        if isinstance(value, str):
            cell = TableCell(valuetype="string", stylename=style) if style else TableCell(valuetype="string")
            cell.addElement(P(text=value))  # a text cell: shown, never evaluated (no formula is ever written)
        else:
            cell = TableCell(valuetype="float", value=value, stylename=style) if style else TableCell(valuetype="float", value=value)
            cell.addElement(P(text=str(value)))
        row.addElement(cell)
    sheet.addElement(row)
