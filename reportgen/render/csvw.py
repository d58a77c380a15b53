"""The data downloads' CSV on the Web (W3C CSVW) metadata, csv-metadata.json: what each file is, where
the report prints it, its notes and its columns (name, title, datatype), so a tool reads the CSV files
as the data they are."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..view import ReportView
from .data import DataTable, unique_tables

if TYPE_CHECKING:
    from ..house.brand import Brand


def metadata(tables: list[DataTable], view: ReportView, house: Brand, workbook: str) -> bytes:
    """CSV on the Web (W3C CSVW) metadata: each file's caption, where it is printed, notes, columns
    (name, title, type) and, for tidy data, the columns that identify a row."""
    document = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en-GB"}],
        "dc:title": house.labels["data_title"].format(title=view.title),
        "dc:publisher": house.publisher.name,
        "dc:issued": view.issued.isoformat(),
        "dc:license": {"@id": house.licence.url},
        "dc:source": house.labels["data_source"].format(title=view.title, publisher=house.publisher.name, published=view.published),
        "dc:hasFormat": workbook,
        "tables": [
            {
                "url": f"{t.name}.csv",
                "dc:title": t.caption,
                "dc:description": " ".join(filter(None, (where_printed(t, house.labels), t.description))),
                **({"notes": list(t.notes)} if t.notes else {}),
                "dialect": {"encoding": "utf-8", "header": True, "lineTerminators": ["\r\n"]},
                "tableSchema": {
                    "columns": [
                        {"name": name, "titles": title, "datatype": kind}
                        for name, title, kind in zip(t.column_names, t.columns, t.datatypes())
                    ],
                    **({"primaryKey": list(t.primary_key)} if t.primary_key else {}),
                },
            }
            for t in unique_tables(tables)
        ],
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def where_printed(table: DataTable, words: Mapping[str, str]) -> str:
    """'Table 8, in '2.1. Assessment'' (and 'also table 42' where the same data is printed again)."""
    place = words["data_table_in" if table.section else "data_table"].format(number=table.number, section=table.section)
    if table.also:
        place += " (" + words["data_tables_also"].format(numbers=", ".join(str(n) for n in table.also)) + ")"
    return place + "."
