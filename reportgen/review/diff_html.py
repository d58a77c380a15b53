"""The compare document's changes as one accessible HTML page: where each change is, what went
and what came. Insertions and deletions are <ins> and <del>, underlined and struck through, with
their meaning in words for screen readers, so nothing rests on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from ..view import ReportView
from .wordtext import footnote_numbers, table_title
from .redline import _DEL, _INS, _P, _R, _TBL, _TC, _TR, Redlined, q, text_of

if TYPE_CHECKING:
    from ..house import House
    from ..house.review import Review

_HEADING_STYLES = ("Title", "Heading1", "Heading2", "Heading3", "Heading4", "Heading5")


@dataclass(frozen=True)
class TextChange:
    """A changed paragraph (or table cell, or footnote): where it is, in words, and its runs in order,
    each ("ins" | "del" | "", text)."""

    where: str
    runs: tuple[tuple[str, str], ...]


def render_diff_html(redlined: Redlined, summary: list[str], view: ReportView, old_name: str, author: str, date: str,
                     house: House, wrong: list[str] = ()) -> str:
    """Every changed paragraph, table cell and footnote of the compare document, under the heading it falls in;
    the page and its words are the house's (html/compare.html.j2, review.yml)."""
    review = house.review
    changes = list(_changes(redlined.body, _changed_notes(redlined), review))
    return house.pages.get_template("html/compare.html.j2").render(
        view=view, old_name=old_name, author=author, date=date, summary=summary, wrong=wrong, changes=changes,
        unchanged=review.words.compare.none)


def _changed_notes(redlined: Redlined) -> dict[str, tuple[str, list[tuple]]]:
    """Each footnote with a change, by its id: the number Word shows and its changed paragraphs."""
    if redlined.footnotes is None:
        return {}
    numbers = footnote_numbers(redlined.body)
    return {note.get(q("id")): (numbers.get(note.get(q("id")), note.get(q("id"))), [_runs(p) for p in note.iter(_P)])
            for note in redlined.footnotes.iter(q("footnote")) if any(_is_changed(p) for p in note.iter(_P))}


def _changes(body: etree._Element, notes: dict[str, tuple[str, list[tuple]]], review: Review):
    """Each change in reading order; a changed footnote straight after the paragraph that calls it."""
    words = review.words.compare
    heading = words.start
    shown: set[str] = set()

    def called(paragraph: etree._Element, where: str):
        for reference in paragraph.iter(q("footnoteReference")):
            ident = reference.get(q("id"))
            if ident in notes and ident not in shown:
                shown.add(ident)
                number, paragraphs = notes[ident]
                joined = tuple(run for n, runs in enumerate(paragraphs) for run in ([("", " ")] if n else []) + list(runs))
                yield TextChange(review.say(words.in_footnote, where=where, number=number), joined)

    for block in body:
        if block.tag == _P:
            style = block.find(f"{q('pPr')}/{q('pStyle')}")
            style = style.get(q("val")) if style is not None else ""
            if style in _HEADING_STYLES and text_of(block).strip():
                heading = text_of(block).strip()
            if _is_changed(block):
                yield TextChange(heading, _runs(block))
            yield from called(block, heading)
        elif block.tag == _TBL:
            yield from _table_changes(block, heading, called, review)
        else:
            for paragraph in block.iter(_P):
                if _is_changed(paragraph):
                    yield TextChange(heading, _runs(paragraph))
                yield from called(paragraph, heading)


def _table_changes(table: etree._Element, heading: str, called, review: Review):
    """Each changed cell named by its row (and the row's first cell) and its column (the header row's cell)."""
    caption = table_title(table)
    rows = list(table.iter(_TR))
    header = [text_of(cell).strip() for cell in rows[0].iter(_TC)] if rows else []
    for row_number, row in enumerate(rows, 1):
        cells = list(row.iter(_TC))
        label = text_of(cells[0]).strip() if cells else ""
        for column, cell in enumerate(cells):
            named = header[column] if row_number > 1 and column < len(header) and header[column] else ""
            where = review.say(review.words.compare.in_table, heading=heading, caption=caption, row=row_number, label=label,
                               column=named if column else "")
            for paragraph in cell.iter(_P):
                if _is_changed(paragraph):
                    yield TextChange(where, _runs(paragraph))
                yield from called(paragraph, where)


def _is_changed(paragraph: etree._Element) -> bool:
    return paragraph.find(f".//{_INS}") is not None or paragraph.find(f".//{_DEL}") is not None


def _runs(paragraph: etree._Element) -> tuple[tuple[str, str], ...]:
    """The paragraph's text in runs: ("ins" | "del" | "", text), as the template marks them."""
    kinds = {_INS: "ins", _DEL: "del"}
    runs = ((kinds.get(run.getparent().tag, ""), "".join(node.text or "" for node in run.iter(q("t"), q("delText"))))
            for run in paragraph.iter(_R))
    return tuple((kind, text) for kind, text in runs if text)
