"""What the HTML publication page adds around the report: links to the PDF and the data, the
metadata block, schema.org JSON-LD and Dublin Core — all worded from templates/brand.yml.

The PDF is laid out from the plain document (no page furniture); only the web page and the
fragment for a content management system carry these links.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

from ..house.brand import Brand
from ..view import ReportView
from .data import METADATA, DataTable, to_csv, unique_tables, workbook_name

DATA_FOLDER = "data"


@dataclass(frozen=True)
class TableLink:
    number: int
    caption: str
    href: str
    size: str
    rows: int
    also: tuple[int, ...] = ()  # the other printed tables of the same data


@dataclass(frozen=True)
class Page:
    """The publication's files, relative to the HTML page or, with a base URL, absolute; and the publisher's wording."""

    brand: Brand
    pdf: str
    workbook: str
    metadata: str
    tables: tuple[TableLink, ...]  # one for each printed table, in order (two of the same data share a file)
    json_ld: str
    files: tuple[TableLink, ...] = ()  # each data file once, for the data annex
    pdf_size: str = ""  # '1.2 MB', said only of a PDF made in the same build (with_files)
    pdf_pages: int | None = None
    workbook_size: str = ""
    base: str | None = None  # where the pack is put online (build --base-url), ending in '/'
    canonical: str | None = None  # the web page's own address: base + <service>.html
    here: str | None = None  # what an in-page link ('#top') is relative to: the page's address; None in a fragment

    def link(self, href: str) -> str:
        """`href` as the page prints it: unchanged without a base URL; with one, absolute — a file of the pack
        from the base, an in-page link from the page's own address (a fragment's stay in-page: its page is
        the content management system's)."""
        if self.base is None or urlsplit(href).scheme:
            return href
        if href.startswith("#"):
            return f"{self.here}{href}" if self.here else href
        return urljoin(self.base, href)

    def fragment(self) -> "Page":
        """The same links for the fragment: in-page links stay in-page."""
        return replace(self, here=None)


def base_url(text: str) -> str | None:
    """A base URL as build --base-url takes it ('https://example.org/reports/merton' → '…/merton/'); None
    when it cannot be one: an absolute http(s) address with a host, no query, no fragment, no credentials."""
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return None
    if (parts.scheme not in ("https", "http") or not parts.hostname or parts.query or parts.fragment or "@" in parts.netloc
            or not text.strip().isprintable() or " " in text.strip()):
        return None
    url = parts.geturl()
    return url if url.endswith("/") else url + "/"


def with_files(page: Page, pdf: bytes | None, data: dict[str, bytes] | None) -> Page:
    """The page with the size (and pages) of the PDF and the workbook made in the same build, which its
    download box states in GOV.UK's form ('PDF, 177 KB, 25 pages'); of a file not made with it, nothing."""
    workbook = (data or {}).get(page.workbook.rsplit("/", 1)[-1])
    return replace(page, pdf_size=human_size(len(pdf)) if pdf else "", pdf_pages=pdf_pages(pdf) if pdf else None,
                   workbook_size=human_size(len(workbook)) if workbook else "")


_PAGES = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)")
_STREAM = re.compile(rb"stream\r?\n")


def pdf_pages(pdf: bytes) -> int | None:
    """The number of pages of a PDF: the /Count of its page tree's root (the largest), read in the file and
    in its compressed object streams (WeasyPrint writes them); None where none is found."""
    counts = [int(n) for n in _PAGES.findall(pdf)]
    for found in _STREAM.finditer(pdf):
        end = pdf.find(b"endstream", found.end())
        try:
            counts += [int(n) for n in _PAGES.findall(zlib.decompress(pdf[found.end():end]))]
        except zlib.error:  # not a Flate stream (an image, a font): no page tree there
            continue
    return max(counts) if counts else None


def human_size(size: int) -> str:
    """GOV.UK's attachment sizes: '812 bytes', '3 KB', '1.2 MB'."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def publication_page(view: ReportView, house: Brand, tables: list[DataTable], stem: str, base: str | None = None) -> Page:
    """The page's links and wording; with `base` (build --base-url) every link absolute under it."""
    relative = Page(brand=house, pdf="", workbook="", metadata="", tables=(), json_ld="", base=base)
    url = relative.link
    canonical = url(f"{stem}.html") if base else None
    files = {t.name: TableLink(t.number, t.caption, url(f"{DATA_FOLDER}/{t.name}.csv"), human_size(len(to_csv(t))), len(t.rows), t.also)
             for t in unique_tables(tables)}
    workbook = url(f"{DATA_FOLDER}/{workbook_name(view, stem)}")
    return replace(
        relative, pdf=url(f"{stem}.pdf"), workbook=workbook, metadata=url(f"{DATA_FOLDER}/{METADATA}"),
        tables=tuple(files[t.name] for t in tables), files=tuple(files.values()), canonical=canonical, here=canonical,
        json_ld=json_ld(view, house, url(f"{stem}.pdf"), workbook, canonical),
    )


def json_ld(view: ReportView, house: Brand, pdf: str, workbook: str, canonical: str | None = None) -> str:
    """schema.org Report, as JSON safe inside a <script> element. Its own address (`url`) only when known
    (build --base-url); without, the files' addresses are relative to the page, as its links are."""
    publisher = {"@type": "GovernmentOrganization", "name": house.publisher.name, "url": house.publisher.url}
    document = {
        "@context": "https://schema.org",
        "@type": "Report",
        **({"@id": canonical, "url": canonical, "mainEntityOfPage": canonical} if canonical else {}),
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
        "encoding": [{"@type": "MediaObject", "contentUrl": pdf, "encodingFormat": "application/pdf"},
                     {"@type": "MediaObject", "contentUrl": workbook, "encodingFormat": "application/vnd.oasis.opendocument.spreadsheet"}],
        "isAccessibleForFree": True,
    }
    if view.inspection.isbn:
        document["isbn"] = view.inspection.isbn
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c")  # valid JSON that never closes the script element, whatever a name holds
