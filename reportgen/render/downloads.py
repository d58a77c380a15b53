"""The data downloads of a report: a CSV file per table, their CSV on the Web metadata, and one
workbook holding them all (the tables as data.py reads them from the tokens; the workbook ods.py)."""

from __future__ import annotations

from markdown_it.token import Token

from ..house.brand import Brand
from ..view import ReportView
from .csvw import metadata
from .data import METADATA, data_tables, to_csv, unique_tables, workbook_name
from .ods import workbook


def render_data(tokens: list[Token], view: ReportView, house: Brand, prefix: str) -> dict[str, bytes]:
    """data/<report>-NN-<name>.csv for each table's data, data/csv-metadata.json, and data/<report>-tables.ods."""
    tables = unique_tables(data_tables(tokens, view, house.labels, prefix))
    book = workbook_name(view, prefix)
    files = {f"{t.name}.csv": to_csv(t) for t in tables}
    files[METADATA] = metadata(tables, view, house, book)
    files[book] = workbook(tables, view, house)
    return files
