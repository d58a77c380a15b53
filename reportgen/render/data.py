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
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property

from markdown_it.token import Token

from ..parse import footnote_inlines, plain_text
from ..parse.captions import SECTION_NUMBER
from ..names import slug
from ..view import ReportView
from .tidy import Tidy, tidy_table

Value = str | int | float

_NUMBER = re.compile(r"^(?P<sign>[-−]?)(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?(?P<percent>%?)$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LEADING = " \u00a0\ufeff\u200b\u200c\u200d\u2060\u180e\u200e\u200f"  # spaces and invisible characters before a start
METADATA = "csv-metadata.json"  # the CSVW name a tool looks for beside the CSV files
FILE_NAME_MAX = 255  # bytes in a file name, on every common file system
_LEADS_ON = frozenset("a an and against by for from in of on or the to which with".split())  # a cut name never ends so
_CLAUSE_END = re.compile(r"\s*[,;:(\u2013\u2014]\s*|\s+-\s+")  # where a caption's first clause ends


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
    """One table as data: where it sits, what it is called, its cells (as printed, or tidy: tidy.py)."""

    number: int
    caption: str
    section: str  # the heading the table sits under
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...]  # footnotes the caption, heading or cells refer to
    short: str = ""  # the file's short name ('ratings', 'key-questions-2-1'); else from the caption
    prefix: str = "table"  # the report's name ('merton'): a report's file names differ from every other report's
    names: tuple[str, ...] = ()  # CSVW column names; else from the titles
    types: tuple[str, ...] = ()  # CSVW datatypes ('string', 'number'); else read from the cells
    primary_key: tuple[str, ...] = ()  # the columns (names) that identify a row
    description: str = ""  # what the data says besides its rows (the overall rating)
    also: tuple[int, ...] = ()  # other printed tables of the same data (the annexe's repeat of a chapter's)

    @property
    def name(self) -> str:
        """File name without extension: 'merton-08-key-questions-2-1', '<report>-<table number>-<short name>'."""
        start = f"{self.prefix}-{self.number:02d}"
        room = FILE_NAME_MAX - len(os.fsencode(start + "-.csv"))
        short = short_name(self.short or self.caption, room)
        return f"{start}-{short}" if short else start

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

    @property
    def column_names(self) -> tuple[str, ...]:
        """CSVW names: given, else each title's words ('Relevant cases' → 'relevant_cases'), unique."""
        if self.names:
            return self.names
        named: list[str] = []
        for c, title in enumerate(self.header):
            base = slug(title).removeprefix("h-").replace("-", "_")
            base = base if base and base != "section" and not base[0].isdigit() else f"column_{c + 1}"
            named.append(base if base not in named else f"{base}_{c + 1}")
        return tuple(named)

    def values(self) -> list[list[Value]]:
        """The body as typed values: numbers as numbers (a lone % sign moves to the header)."""
        typed = []
        for row in self.rows:
            out: list[Value] = []
            for c, text in enumerate(row):
                value = number(text) if not self.types or self.types[c] == "number" else None
                if value is None or (is_percent(text) and c not in self.percent_columns):
                    out.append(text)  # text, or a percentage in a column of mixed units: kept as printed
                else:
                    out.append(value)
            typed.append(out)
        return typed

    def datatypes(self) -> list[str]:
        if self.types:
            return list(self.types)
        kinds = []
        for c in range(len(self.header)):
            cells = [row[c] for row in self.values() if c < len(row) and row[c] != ""]
            kinds.append("number" if cells and all(not isinstance(v, str) for v in cells) else "string")
        return kinds


def data_tables(tokens: list[Token], view: ReportView | None = None, words: Mapping[str, str] | None = None,
                prefix: str = "table") -> list[DataTable]:
    """The data of every table in the report, in reading order, numbered from 1 as the HTML numbers them:
    a table the templates mark as ratings, key questions or prompts as tidy data from `view` (tidy.py),
    every other as printed. Two printed tables of the same data (a chapter's key questions and the
    annexe's results) are one DataTable, numbered by the first, so one file."""
    notes = _footnote_texts(tokens)
    printed: list[DataTable] = []
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
            table = _table(len(printed) + 1, tokens[i:end + 1], section, section_notes, notes)
            marked = next((t.meta for t in tokens[i:end] if t.type == "th_open" and t.meta.get("data")), None)
            tidy = tidy_table(marked, view, words) if marked and view is not None and words is not None else None
            printed.append(_as_tidy(table, tidy, prefix) if tidy else replace(table, prefix=prefix))
            i = end
        elif token.type == "footnote_block_open":
            break
        i += 1
    return _shared(printed)


def _as_tidy(table: DataTable, tidy: Tidy, prefix: str) -> DataTable:
    """The printed table's place and notes, the tidy table's data; `short` carries its identity for _shared."""
    names, titles, types = zip(*tidy.columns)
    return replace(table, caption=tidy.caption, header=titles, rows=tidy.rows, short=tidy.short, prefix=prefix,
                   names=names, types=types, primary_key=tidy.primary_key, description=tidy.description)


def _shared(printed: list[DataTable]) -> list[DataTable]:
    """Each printed table's data, a tidy table printed twice being one (the first's number, the others in `also`)."""
    first: dict[tuple, DataTable] = {}
    for table in printed:
        if table.names:  # tidy: the same short name is the same data
            key = (table.short, table.rows)
            seen = first.get(key)
            first[key] = replace(seen, also=seen.also + (table.number,)) if seen else table
    return [first.get((t.short, t.rows), t) if t.names else t for t in printed]


def unique_tables(tables: list[DataTable]) -> list[DataTable]:
    """The tables once each, as files are written (data_tables' list names a shared one at each printing)."""
    return list({t.name: t for t in tables}.values())


def short_name(text: str, room: int = 60, *, clause: bool = True) -> str:
    """A file's short name from a caption: its first clause ('Age of children cautioned or sentenced, against
    the national average' → 'age-of-children-cautioned-or-sentenced'; the whole caption with clause=False),
    in at most `room` bytes (and 60), cut at a word and never ending on a word that leads on ('of', 'and'…)."""
    text = SECTION_NUMBER.sub("", text, count=1)  # 'Annex 4: Glossary' names the glossary
    words = slug(_CLAUSE_END.split(text, 1)[0] if clause else text).removeprefix("h-")
    words = "" if words == "section" else words
    limit = max(min(room, 60), 0)
    if len(words) <= limit:
        return words
    kept = words[:limit + 1].split("-")[:-1] if "-" in words[:limit + 1] else [words[:limit]]
    while len(kept) > 1 and kept[-1] in _LEADS_ON:
        kept.pop()
    return "-".join(kept).strip("-")


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


def workbook_name(view: ReportView, prefix: str | None = None) -> str:
    """The workbook of every table: '<report>-tables.ods' ('merton-tables.ods')."""
    return f"{prefix or slug(view.service.area).removeprefix('h-')}-tables.ods"
