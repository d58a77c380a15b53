"""Read a rendered report back from each format, the way a reader's tool would.

Used by the cross-format tests: headings in order and the ratings table, from the HTML (an
HTML parser), the Word file (python-docx), the PDF (its outline and text) and the Markdown
(markdown-it-py). Nothing here imports reportgen, so the tests cannot agree by accident.
"""

from __future__ import annotations

import io
import re

from bs4 import BeautifulSoup

Heading = tuple[int, str]
Row = tuple[str, str]

_FOOTNOTE_MARK = re.compile(r"\[\^[^\]]+\]")


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


# --- HTML -------------------------------------------------------------------


def html_headings(html: str) -> list[Heading]:
    soup = BeautifulSoup(html, "html.parser")
    for sup in soup.select("sup.footnote-ref"):
        sup.decompose()
    for web_only in soup.select(".publication-only"):  # the web page's data annex and footer: no other format has them
        web_only.decompose()
    return [(int(h.name[1]), _norm(h.get_text())) for h in soup.find_all(re.compile(r"^h[1-6]$"))]


def html_table_names(html: str) -> list[str]:
    """Each table's accessible name, as a screen reader computes it: its caption, or the element
    its aria-labelledby points at (the heading above it), less footnote marks."""
    soup = BeautifulSoup(html, "html.parser")
    for sup in soup.select("sup.footnote-ref"):
        sup.decompose()
    names = []
    for table in soup.find_all("table"):
        named = table.find("caption") or soup.find(id=table.get("aria-labelledby"))
        names.append(_norm(named.get_text()) if named else "")
    return names


def html_ratings(html: str, heading: str = "Ratings") -> list[Row]:
    soup = BeautifulSoup(html, "html.parser")
    for sup in soup.select("sup.footnote-ref"):
        sup.decompose()
    table = soup.find("h2", string=heading).find_next("table")
    return [tuple(_norm(c.get_text()) for c in tr.find_all(["th", "td"])) for tr in table.find("tbody").find_all("tr")]


# --- Markdown ---------------------------------------------------------------


def markdown_tokens(text: str):
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    return MarkdownIt("commonmark").enable("table").use(footnote_plugin).parse(text)


def _inline_text(inline) -> str:
    return _norm("".join(c.content for c in inline.children or () if c.type in ("text", "code_inline", "softbreak")))


def markdown_headings(text: str) -> list[Heading]:
    tokens = markdown_tokens(text)
    return [(int(t.tag[1]), _inline_text(tokens[i + 1])) for i, t in enumerate(tokens) if t.type == "heading_open"]


def markdown_ratings(text: str, heading: str = "Ratings") -> list[Row]:
    tokens = markdown_tokens(text)
    start = next(i for i, t in enumerate(tokens) if t.type == "heading_open" and _inline_text(tokens[i + 1]) == heading)
    start = next(i for i in range(start, len(tokens)) if tokens[i].type == "tbody_open")
    rows, row = [], []
    for token in tokens[start:]:
        if token.type == "tbody_close":
            break
        if token.type == "inline":
            row.append(_inline_text(token))
        elif token.type == "tr_close":
            rows.append(tuple(row))
            row = []
    return rows


# --- Word -------------------------------------------------------------------

WORD_LEVELS = {"Title": 1, "TOC Heading": 2, "Heading 1": 2, "Heading 2": 3, "Heading 3": 4, "Heading 4": 5}


def _docx_text(paragraph) -> str:
    """Paragraph text without footnote reference marks."""
    from docx.oxml.ns import qn

    parts = []
    for run in paragraph._p.iter(qn("w:r")):
        if run.find(qn("w:footnoteReference")) is not None:
            continue
        for node in run:
            if node.tag == qn("w:t"):
                parts.append(node.text or "")
            elif node.tag in (qn("w:br"), qn("w:tab")):
                parts.append(" ")
    return _norm("".join(parts))


def docx_headings(data: bytes) -> list[Heading]:
    import docx

    document = docx.Document(io.BytesIO(data))
    return [
        (WORD_LEVELS[p.style.name], _docx_text(p))
        for p in document.paragraphs
        if p.style is not None and p.style.name in WORD_LEVELS
    ]


def docx_ratings(data: bytes, heading: str = "Ratings") -> list[Row]:
    """The rows of the first table after the heading paragraph `heading`."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    seen = False
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p" and _docx_text(Paragraph(child, document)) == heading:
            seen = True
        elif tag == "tbl" and seen:
            table = Table(child, document)
            return [tuple(_docx_text(c.paragraphs[0]) for c in row.cells) for row in table.rows[1:]]
    raise AssertionError(f"no table after a heading {heading!r} in the Word file")


def docx_numbered(data: bytes) -> list[tuple[int, str]]:
    """(number as Word shows it, text) for every List Number paragraph, from numbering.xml:
    each paragraph counts on in its numbering instance from that instance's start."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    package = zipfile.ZipFile(io.BytesIO(data))
    numbering = etree.fromstring(package.read("word/numbering.xml"))
    abstract_start = {
        a.get(w + "abstractNumId"): int(a.find(f"{w}lvl/{w}start").get(w + "val")) for a in numbering.iter(w + "abstractNum")
    }
    start = {}
    for num in numbering.iter(w + "num"):
        override = num.find(f"{w}lvlOverride/{w}startOverride")
        base = abstract_start[num.find(w + "abstractNumId").get(w + "val")]
        start[num.get(w + "numId")] = int(override.get(w + "val")) if override is not None else base
    counters: dict[str, int] = {}
    shown = []
    body = etree.fromstring(package.read("word/document.xml"))
    for paragraph in body.iter(w + "p"):
        style = paragraph.find(f"{w}pPr/{w}pStyle")
        if style is None or style.get(w + "val") != "ListNumber":
            continue
        num_id = paragraph.find(f"{w}pPr/{w}numPr/{w}numId").get(w + "val")
        counters[num_id] = counters.get(num_id, start[num_id] - 1) + 1
        shown.append((counters[num_id], "".join(paragraph.itertext(w + "t"))))
    return shown


# --- PDF --------------------------------------------------------------------


def pdf_outline(data: bytes) -> list[Heading]:
    """Bookmarks as (level, title); level 1 is the outermost."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    found: list[Heading] = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, _norm(item.title)))

    walk(reader.outline, 1)
    return found


_PDF_TEXT: dict[bytes, tuple[str, ...]] = {}


def pdf_text(data: bytes, pages: slice = slice(None)) -> list[str]:
    """Each page's text, as MuPDF reads it (a tenth of pypdf's time over a 40-page report; the same words).
    Read once per PDF and process: many tests read the same session-built PDF."""
    import hashlib

    key = hashlib.sha256(data).digest()
    if key not in _PDF_TEXT:
        import pymupdf

        with pymupdf.open(stream=data, filetype="pdf") as document:
            _PDF_TEXT[key] = tuple(page.get_text() for page in document)
    return list(_PDF_TEXT[key][pages])


def pdf_moddate(data: bytes) -> str:
    from pypdf import PdfReader

    return str(PdfReader(io.BytesIO(data)).metadata.get("/ModDate", ""))
