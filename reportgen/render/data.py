"""Tokens → the data behind every table: one CSV per table, CSVW metadata, one workbook.

The tables are read from the parsed token stream, not from a list kept here, so any table an
edition's templates print (case tables, contextual facts, staffing, ratings, key statistics…)
is published as data, numbered as the HTML numbers it. A cell that reads as a number
('206,548', '67%', '**52%**') is written as a number; every other cell is text, and text that
a spreadsheet would run as a formula (OWASP: a leading = + - @ tab or carriage return) is
neutralised with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from markdown_it.token import Token

from ..parse import footnote_inlines, plain_text
from ..names import slug
from ..view import ReportView

if TYPE_CHECKING:
    from ..house.brand import Brand

Value = str | int | float

_NUMBER = re.compile(r"^(?P<sign>[-−]?)(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?(?P<percent>%?)$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LEADING = " \u00a0\ufeff\u200b\u200c\u200d\u2060\u180e\u200e\u200f"  # spaces and invisible characters before a start
METADATA = "csv-metadata.json"  # the CSVW name a tool looks for beside the CSV files


def number(text: str) -> int | float | None:
    """'206,548' → 206548, '67%' → 67, '2.5' → 2.5; None for anything that is not one number."""
    match = _NUMBER.match(text.strip())
    if not match:
        return None
    digits = match["digits"].replace(",", "") + (match["fraction"] or "")
    value = float(digits) if match["fraction"] else int(digits)
    return -value if match["sign"] else value


def is_percent(text: str) -> bool:
    match = _NUMBER.match(text.strip())
    return bool(match and match["percent"])


def neutralise(text: str) -> str:
    """Text a spreadsheet will show, never evaluate (OWASP CSV injection guidance): also where the
    formula start is a look-alike a spreadsheet may fold to it (full-width ＝, small ﹦, minus sign
    U+2212) or hides behind spaces, a byte-order mark or a zero-width character."""
    probe = unicodedata.normalize("NFKC", text.lstrip(_LEADING)).replace("\u2212", "-")
    return "'" + text if text.startswith(_FORMULA_START) or probe.startswith(_FORMULA_START) else text


@dataclass(frozen=True)
class DataTable:
    """One printed table as data: where it sits, what it is called, its cells as printed."""

    number: int
    caption: str
    section: str  # the heading the table sits under
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...]  # footnotes the caption, heading or cells refer to

    @property
    def name(self) -> str:
        """File name without extension: 'table-07-key-questions-for-2-1-assessment'."""
        words = slug(self.caption).removeprefix("h-")
        if len(words) > 48:  # short enough to read in a file list; cut at a word
            words = words[:49].rsplit("-", 1)[0]
        return f"table-{self.number:02d}-{words.strip('-') or 'data'}"

    @cached_property
    def percent_columns(self) -> frozenset[int]:
        """Columns whose every numeric cell is a percentage: written as plain numbers, '(%)' in the header."""
        columns = set()
        for c in range(len(self.header)):
            cells = [row[c] for row in self.rows if c < len(row) and number(row[c]) is not None]
            if cells and all(is_percent(cell) for cell in cells):
                columns.add(c)
        return frozenset(columns)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(h + " (%)" if c in self.percent_columns and "%" not in h else h for c, h in enumerate(self.header))

    def values(self) -> list[list[Value]]:
        """The body as typed values: numbers as numbers (a lone % sign moves to the header)."""
        typed = []
        for row in self.rows:
            out: list[Value] = []
            for c, text in enumerate(row):
                value = number(text)
                if value is None or (is_percent(text) and c not in self.percent_columns):
                    out.append(text)  # text, or a percentage in a column of mixed units: kept as printed
                else:
                    out.append(value)
            typed.append(out)
        return typed

    def datatypes(self) -> list[str]:
        kinds = []
        for c in range(len(self.header)):
            cells = [row[c] for row in self.values() if c < len(row) and row[c] != ""]
            kinds.append("number" if cells and all(not isinstance(v, str) for v in cells) else "string")
        return kinds


def data_tables(tokens: list[Token]) -> list[DataTable]:
    """Every table in the report, in reading order, numbered from 1 as the HTML numbers them."""
    notes = _footnote_texts(tokens)
    tables: list[DataTable] = []
    section = ""
    section_notes: tuple[str, ...] = ()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            section = plain_text(tokens[i + 1])
            section_notes = tuple(_refs(tokens[i + 1], notes))
        elif token.type == "table_open":
            end = i
            while tokens[end].type != "table_close":
                end += 1
            tables.append(_table(len(tables) + 1, tokens[i:end + 1], section, section_notes, notes))
            i = end
        elif token.type == "footnote_block_open":
            break
        i += 1
    return tables


def _table(number: int, tokens: list[Token], section: str, section_notes: tuple[str, ...], notes: dict[int, str]) -> DataTable:
    caption: Token = tokens[0].meta["caption"]
    referred = list(section_notes) + _refs(caption, notes)
    header: list[str] = []
    rows: list[tuple[str, ...]] = []
    current: list[str] = []
    in_head = False
    for token in tokens:
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            current = []
        elif token.type == "tr_close" and not in_head:
            rows.append(tuple(current))
        elif token.type == "inline":
            (header if in_head else current).append(plain_text(token))
            referred += _refs(token, notes)
    return DataTable(number, plain_text(caption), section, tuple(header), tuple(rows), tuple(dict.fromkeys(referred)))


def _refs(inline: Token, notes: dict[int, str]) -> list[str]:
    return [notes[c.meta["id"]] for c in inline.children or () if c.type == "footnote_ref" and c.meta["id"] in notes]


def _footnote_texts(tokens: list[Token]) -> dict[int, str]:
    return {n: " ".join(_inline_with_links(t) for t in inlines) for n, inlines in footnote_inlines(tokens).items()}


def _inline_with_links(inline: Token) -> str:
    """A footnote's text with each link's address after its words, so a source stays findable."""
    parts: list[str] = []
    open_links: list[tuple[str, int]] = []  # (address, where its words start in parts)
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "link_open":
            open_links.append((child.attrGet("href") or "", len(parts)))
        elif child.type == "link_close" and open_links:
            href, first = open_links.pop()
            words = "".join(parts[first:]).strip()
            if href and href not in words and href.removeprefix("mailto:") != words:
                parts.append(f" <{href}>")
    return " ".join("".join(parts).split())


# --- writing ------------------------------------------------------------------------------


def to_csv(table: DataTable) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads the accents), CRLF, a header row."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in table.columns])
    for row in table.values():
        writer.writerow([neutralise(v) if isinstance(v, str) else _plain(v) for v in row])
    return ("\ufeff" + stream.getvalue()).encode("utf-8")


def _plain(value: int | float) -> str:
    return str(value) if isinstance(value, int) else repr(value)


def metadata(tables: list[DataTable], view: ReportView, house: Brand, workbook: str) -> bytes:
    """CSV on the Web (W3C CSVW) metadata: each file's caption, section, notes and column types."""
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
                "dc:description": house.labels["data_table_in" if t.section else "data_table"].format(number=t.number, section=t.section),
                **({"notes": list(t.notes)} if t.notes else {}),
                "dialect": {"encoding": "utf-8", "header": True, "lineTerminators": ["\r\n"]},
                "tableSchema": {
                    "columns": [
                        {"name": f"column_{c + 1}", "titles": title, "datatype": kind}
                        for c, (title, kind) in enumerate(zip(t.columns, t.datatypes()))
                    ]
                },
            }
            for t in tables
        ],
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def workbook_name(view: ReportView) -> str:
    return f"{slug(view.service.area).removeprefix('h-')}-tables.ods"
