"""What the HTML publication page adds around the report: links to the PDF and the data, the
metadata block, schema.org JSON-LD and Dublin Core — all worded from templates/brand.yml.

The PDF is laid out from the plain document (no page furniture); only the web page and the
fragment for a content management system carry these links.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..house.brand import Brand
from ..view import ReportView
from .data import METADATA, DataTable, to_csv, workbook_name

DATA_FOLDER = "data"


@dataclass(frozen=True)
class TableLink:
    number: int
    caption: str
    href: str
    size: str
    rows: int


@dataclass(frozen=True)
class Page:
    """The publication's files, relative to the HTML page, and the publisher's wording."""

    brand: Brand
    pdf: str
    workbook: str
    metadata: str
    tables: tuple[TableLink, ...]
    json_ld: str


def human_size(size: int) -> str:
    """GOV.UK's attachment sizes: '812 bytes', '3 KB', '1.2 MB'."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def publication_page(view: ReportView, house: Brand, tables: list[DataTable], stem: str) -> Page:
    links = tuple(
        TableLink(t.number, t.caption, f"{DATA_FOLDER}/{t.name}.csv", human_size(len(to_csv(t))), len(t.rows))
        for t in tables
    )
    return Page(
        brand=house,
        pdf=f"{stem}.pdf",
        workbook=f"{DATA_FOLDER}/{workbook_name(view)}",
        metadata=f"{DATA_FOLDER}/{METADATA}",
        tables=links,
        json_ld=json_ld(view, house, stem),
    )


def json_ld(view: ReportView, house: Brand, stem: str) -> str:
    """schema.org Report, as JSON safe inside a <script> element."""
    publisher = {"@type": "GovernmentOrganization", "name": house.publisher.name, "url": house.publisher.url}
    document = {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": view.title,
        "headline": view.title,
        "about": {"@type": "Organization", "name": view.service.name},
        "spatialCoverage": {"@type": "Place", "name": view.service.area},
        "datePublished": view.issued.isoformat(),
        "dateModified": view.modified.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "author": publisher,
        "publisher": publisher,
        "copyrightHolder": {"@type": "Organization", "name": house.copyright_holder},
        "copyrightYear": view.year,
        "license": house.licence.url,
        "inLanguage": house.language,
        "encoding": [{"@type": "MediaObject", "contentUrl": f"{stem}.pdf", "encodingFormat": "application/pdf"}],
        "isAccessibleForFree": True,
    }
    if view.inspection.isbn:
        document["isbn"] = view.inspection.isbn
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c")  # valid JSON that never closes the script element, whatever a name holds
