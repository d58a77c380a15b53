"""The compare document's changes as one accessible HTML page: where each change is, what went
and what came. Insertions and deletions are <ins> and <del>, underlined and struck through, with
their meaning in words for screen readers, so nothing rests on colour alone.
"""

from __future__ import annotations

from html import escape

from lxml import etree

from ..view import ReportView
from .wordtext import footnote_numbers, table_title
from .redline import _DEL, _INS, _P, _R, _TBL, _TC, _TR, Redlined, q, text_of

_HEADING_STYLES = ("Title", "Heading1", "Heading2", "Heading3", "Heading4", "Heading5")
_CSS = """
body { font-family: "Liberation Sans", Arial, sans-serif; line-height: 1.5; margin: 0 auto; max-width: 48rem; padding: 1rem; color: #0b0c0c; }
ins { text-decoration: underline; text-decoration-thickness: 2px; background: #e6f4ea; color: #0b0c0c; }
del { text-decoration: line-through; text-decoration-thickness: 2px; background: #fde8e8; color: #0b0c0c; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); border: 0; white-space: nowrap; }
.change { border-left: 4px solid #505a5f; padding: 0 0 0 1rem; margin: 0 0 1.5rem; }
.where { font-weight: bold; margin: 0; }
a:focus { outline: 3px solid #fd0; }
"""


def render_diff_html(redlined: Redlined, summary: list[str], view: ReportView, old_name: str, author: str, date: str,
                     wrong: list[str] = ()) -> str:
    """Every changed paragraph, table cell and footnote of the compare document, under the heading it falls in."""
    changes = list(_changes(redlined.body, _changed_notes(redlined)))
    items = "".join(f"<li>{escape(line)}</li>" for line in summary) or "<li>No rating, score or percentage changed.</li>"
    if wrong:
        items += ('</ul>\n<h2>Sentences the change made wrong</h2>\n<p>They still say what the figures no longer do.</p>\n'
                  '<ul class="wrong">' + "".join(f"<li>{escape(line)}</li>" for line in wrong))
    sections = "".join(
        f'<section class="change" aria-labelledby="c{n}"><h3 id="c{n}" class="where">{escape(where)}</h3><p>{html}</p></section>\n'
        for n, (where, html) in enumerate(changes, 1)
    ) or "<p>The two drafts have the same text.</p>"
    title = f"Changes: {view.title}"
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{_CSS}</style></head>
<body>
<header><p>{escape(view.service.name)}: compared with {escape(old_name)} by {escape(author)}, {escape(date[:10])}</p></header>
<main>
<h1>{escape(title)}</h1>
<p>Inserted text is <ins><span class="visually-hidden">inserted: </span>underlined</ins>; deleted text is
<del><span class="visually-hidden">deleted: </span>struck through</del>. Screen readers announce each as inserted or deleted.</p>
<h2>Ratings and scores</h2>
<ul>{items}</ul>
<h2>Changes in the text ({len(changes)})</h2>
{sections}</main>
</body>
</html>
"""


def _changed_notes(redlined: Redlined) -> dict[str, tuple[str, list[str]]]:
    """Each footnote with a change, by its id: the number Word shows and its changed paragraphs."""
    if redlined.footnotes is None:
        return {}
    numbers = footnote_numbers(redlined.body)
    return {note.get(q("id")): (numbers.get(note.get(q("id")), note.get(q("id"))), [_paragraph_html(p) for p in note.iter(_P)])
            for note in redlined.footnotes.iter(q("footnote")) if any(_is_changed(p) for p in note.iter(_P))}


def _changes(body: etree._Element, notes: dict[str, tuple[str, list[str]]]):
    """(where, html) of each change in reading order; a changed footnote straight after the paragraph that calls it."""
    heading = "Start of the report"
    shown: set[str] = set()

    def called(paragraph: etree._Element, where: str):
        for reference in paragraph.iter(q("footnoteReference")):
            ident = reference.get(q("id"))
            if ident in notes and ident not in shown:
                shown.add(ident)
                number, paragraphs = notes[ident]
                yield f"{where} — footnote {number}", " ".join(paragraphs)

    for block in body:
        if block.tag == _P:
            style = block.find(f"{q('pPr')}/{q('pStyle')}")
            style = style.get(q("val")) if style is not None else ""
            if style in _HEADING_STYLES and text_of(block).strip():
                heading = text_of(block).strip()
            if _is_changed(block):
                yield heading, _paragraph_html(block)
            yield from called(block, heading)
        elif block.tag == _TBL:
            yield from _table_changes(block, heading, called)
        else:
            for paragraph in block.iter(_P):
                if _is_changed(paragraph):
                    yield heading, _paragraph_html(paragraph)
                yield from called(paragraph, heading)


def _table_changes(table: etree._Element, heading: str, called):
    """Each changed cell named by its row (and the row's first cell) and its column (the header row's cell)."""
    caption = table_title(table)
    rows = list(table.iter(_TR))
    header = [text_of(cell).strip() for cell in rows[0].iter(_TC)] if rows else []
    for row_number, row in enumerate(rows, 1):
        cells = list(row.iter(_TC))
        label = text_of(cells[0]).strip() if cells else ""
        for column, cell in enumerate(cells):
            named = header[column] if row_number > 1 and column < len(header) and header[column] else ""
            where = (f"{heading} — table {caption}, row {row_number}" + (f" ({label})" if label else "")
                     + (f", column {named}" if named and column else ""))
            for paragraph in cell.iter(_P):
                if _is_changed(paragraph):
                    yield where, _paragraph_html(paragraph)
                yield from called(paragraph, where)


def _is_changed(paragraph: etree._Element) -> bool:
    return paragraph.find(f".//{_INS}") is not None or paragraph.find(f".//{_DEL}") is not None


def _paragraph_html(paragraph: etree._Element) -> str:
    parts: list[str] = []
    for run in paragraph.iter(_R):
        text = "".join(node.text or "" for node in run.iter(q("t"), q("delText")))
        if not text:
            continue
        parent = run.getparent()
        if parent.tag == _INS:
            parts.append(f'<ins><span class="visually-hidden">inserted: </span>{escape(text)}</ins>')
        elif parent.tag == _DEL:
            parts.append(f'<del><span class="visually-hidden">deleted: </span>{escape(text)}</del>')
        else:
            parts.append(escape(text))
    return "".join(parts)
