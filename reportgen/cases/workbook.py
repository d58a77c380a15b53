"""`reportgen cases template`: the workbook an inspection team records its cases in.

One sheet per case sample, a `case` column for the team's anonymous reference, then a column per
key question and prompt in the edition's order, each with its published wording as the header's
note; answers limited to Yes / No / N/A by the spreadsheet's own data validation; header row and
case column frozen. Written as .xlsx with openpyxl (the team's Excel: validation lists, notes and
frozen panes are native there), as .ods with odfpy (validation and notes; LibreOffice), or as one
.csv with a `sample` column. `rows` fills it (tests, benchmarks): sample id → [case, answer, …].
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from .samples import CASE, SAMPLE, Sample

ANSWERS = ("Yes", "No", "N/A")
SPARE_ROWS = 500  # rows under the header that carry the Yes/No/N/A list (the largest sample is 125 cases)
FIXED = datetime(2000, 1, 1)  # the workbook's own dates, so one edition gives one template


def template(all_samples: tuple[Sample, ...], fmt: str, rows: dict[str, list[list[str]]] | None = None) -> bytes:
    rows = rows or {}
    if fmt == "csv":
        return _csv(all_samples, rows)
    return (_xlsx if fmt == "xlsx" else _ods)(all_samples, rows)


def _validation_message() -> str:
    return "Answer Yes, No or N/A (N/A: the question does not apply to this case)."


def _xlsx(all_samples: tuple[Sample, ...], rows: dict[str, list[list[str]]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    book.properties.creator = "reportgen"
    book.properties.created = book.properties.modified = FIXED
    for sample in all_samples:
        sheet = book.create_sheet(sample.sheet)
        sheet.append([CASE, *(c.id for c in sample.columns)])
        for index, column in enumerate(sample.columns, start=2):
            cell = sheet.cell(row=1, column=index)
            note = Comment(f"{column.id} {column.text}", "reportgen")
            note.width, note.height = 320, 140
            cell.comment = note
            sheet.column_dimensions[get_column_letter(index)].width = 10
        for cell in sheet[1]:
            cell.font = Font(name="Calibri", size=11, bold=True)
            cell.alignment = Alignment(horizontal="center")
        sheet.column_dimensions["A"].width = 16
        for row in rows.get(sample.id, ()):
            sheet.append(list(row))
        last = get_column_letter(len(sample.columns) + 1)
        check = DataValidation(type="list", formula1='"' + ",".join(ANSWERS) + '"', allow_blank=True,
                               showErrorMessage=True, errorTitle="Yes, No or N/A", error=_validation_message())
        check.add(f"B2:{last}{1 + max(SPARE_ROWS, len(rows.get(sample.id, ())))}")
        sheet.add_data_validation(check)
        sheet.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _ods(all_samples: tuple[Sample, ...], rows: dict[str, list[list[str]]]) -> bytes:
    from odf.office import Annotation, Spreadsheet
    from odf.opendocument import OpenDocument
    from odf.style import Style, TableColumnProperties, TextProperties
    from odf.table import ContentValidation, ContentValidations, ErrorMessage, Table, TableCell, TableColumn, TableRow
    from odf.text import P

    doc = OpenDocument("application/vnd.oasis.opendocument.spreadsheet", add_generator=False)
    doc.spreadsheet = Spreadsheet()
    doc.body.addElement(doc.spreadsheet)
    bold = Style(name="header", family="table-cell")
    bold.addElement(TextProperties(fontweight="bold"))
    narrow, wide = Style(name="answer", family="table-column"), Style(name="reference", family="table-column")
    narrow.addElement(TableColumnProperties(columnwidth="2.2cm"))
    wide.addElement(TableColumnProperties(columnwidth="3.5cm"))
    for style in (bold, narrow, wide):
        doc.automaticstyles.addElement(style)
    validations = ContentValidations()
    listed = ";".join(f'"{a}"' for a in ANSWERS)
    rule = ContentValidation(name="answers", condition=f"of:cell-content-is-in-list({listed})", allowemptycell="true",
                             displaylist="unsorted")
    message = ErrorMessage(display="true", messagetype="stop", title="Yes, No or N/A")
    message.addElement(P(text=_validation_message()))
    rule.addElement(message)
    validations.addElement(rule)
    doc.spreadsheet.addElement(validations)
    for sample in all_samples:
        sheet = Table(name=sample.sheet)
        sheet.addElement(TableColumn(stylename=wide))
        sheet.addElement(TableColumn(stylename=narrow, numbercolumnsrepeated=len(sample.columns)))
        header = TableRow()
        for index, name in enumerate([CASE, *(c.id for c in sample.columns)]):
            cell = TableCell(valuetype="string", stylename=bold)
            if index:
                note = Annotation()
                note.addElement(P(text=f"{name} {sample.columns[index - 1].text}"))
                cell.addElement(note)
            cell.addElement(P(text=name))
            header.addElement(cell)
        sheet.addElement(header)
        filled = rows.get(sample.id, ())
        for values in filled:
            row = TableRow()
            for index, value in enumerate(values):
                cell = TableCell(valuetype="string", **({"contentvalidationname": "answers"} if index else {}))
                if value:
                    cell.addElement(P(text=str(value)))
                row.addElement(cell)
            sheet.addElement(row)
        spare = TableRow(numberrowsrepeated=max(SPARE_ROWS - len(filled), 1))
        spare.addElement(TableCell())
        spare.addElement(TableCell(contentvalidationname="answers", numbercolumnsrepeated=len(sample.columns)))
        sheet.addElement(spare)
        doc.spreadsheet.addElement(sheet)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def _csv(all_samples: tuple[Sample, ...], rows: dict[str, list[list[str]]]) -> bytes:
    columns = [c.id for s in all_samples for c in s.columns]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([SAMPLE, CASE, *columns])
    for sample in all_samples:
        at = {c.id: i for i, c in enumerate(sample.columns, start=1)}
        for values in rows.get(sample.id, ()):
            writer.writerow([sample.id, values[0], *(values[at[c]] if c in at and at[c] < len(values) else "" for c in columns)])
    return out.getvalue().encode("utf-8")
