"""Read a laid-out PDF the way a typesetter checks proofs: lines, headings, notes, how full.

PyMuPDF gives every line with its position and its spans' sizes; the outline gives each
heading's page and height. Nothing here imports reportgen, so a check cannot agree with the
renderer by accident. Used by tests/test_pagination.py (issue 10).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

NOTE_TEXT_MAX = 8.1  # notes are set at 8 pt, their markers at 6 pt; body text is 9 pt or more
MARKER_MAX = 6.5
DIGITS = re.compile(r"^\d+$")


@dataclass
class Line:
    text: str
    top: float
    bottom: float
    size: float  # the largest span's size


@dataclass
class Page:
    number: int  # 1-based
    height: float
    body: list[Line] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)
    calls: list[int] = field(default_factory=list)  # footnote numbers called in the body, in order
    markers: list[int] = field(default_factory=list)  # footnote numbers set at the foot
    text: str = ""

    def rows(self, below: float = -1.0) -> list[float]:
        """Distinct text rows of the body under `below` (cells of one table row count once)."""
        tops: list[float] = []
        for line in sorted(self.body, key=lambda l: l.top):
            if line.top > below and not any(abs(line.top - t) < 2 for t in tops):
                tops.append(line.top)
        return tops


@dataclass
class Heading:
    level: int
    title: str
    page: int  # 1-based
    top: float  # from the top of the page


@dataclass
class Layout:
    pages: list[Page]
    headings: list[Heading]
    content_top: float
    content_bottom: float

    def chapter_starts(self) -> set[int]:
        """Pages that open with a top-level heading (a chapter, set on a fresh page)."""
        level = min((h.level for h in self.headings), default=1)
        second = min((h.level for h in self.headings if h.level > level), default=level)
        return {h.page for h in self.headings if h.level == second and h.top < self.content_top + 40}

    def fill(self, page: Page) -> float:
        """How much of the page's text area is used, body and notes together."""
        if not page.body and not page.notes:
            return 0.0
        used = 0.0
        if page.body:
            used += max(l.bottom for l in page.body) - self.content_top
        if page.notes:
            used += max(l.bottom for l in page.notes) - min(l.top for l in page.notes)
        return used / (self.content_bottom - self.content_top)


def _lines(page) -> list[tuple[Line, list[dict]]]:
    found = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            spans = [s for s in line["spans"] if s["text"].strip()]
            if not spans:
                continue
            x0, y0, x1, y1 = line["bbox"]
            text = "".join(s["text"] for s in line["spans"]).strip()
            found.append((Line(text, y0, y1, max(s["size"] for s in spans)), spans))
    return found


def read_layout(data: bytes, furniture: float = 40.0) -> Layout:
    """Every page of the PDF: running header and page number (within `furniture` points of
    the paper's edge) left out, the notes at the foot told apart from the body."""
    import pymupdf
    from pypdf import PdfReader

    doc = pymupdf.open(stream=data, filetype="pdf")
    pages: list[Page] = []
    tops, bottoms = [], []
    for index, pdf_page in enumerate(doc):
        height = pdf_page.rect.height
        page = Page(index + 1, height, text=pdf_page.get_text())
        lines = sorted(
            ((l, s) for l, s in _lines(pdf_page) if furniture < l.top and l.bottom < height - furniture),
            key=lambda item: item[0].top,
        )
        # notes: the run of small lines at the foot, starting with a line that opens with a marker
        cut = len(lines)
        while cut > 0 and lines[cut - 1][0].size <= NOTE_TEXT_MAX:
            cut -= 1
        while cut < len(lines) and not _opens_with_marker(lines[cut][1]):
            cut += 1
        body_spans = [s for _, spans in lines[:cut] for s in spans]
        for line, spans in lines[:cut]:
            page.body.append(line)
            page.calls += [int(s["text"].strip()) for s in spans if _is_call(s, body_spans)]
        for line, spans in lines[cut:]:
            page.notes.append(line)
            if _opens_with_marker(spans):
                page.markers.append(int(spans[0]["text"].strip()))
        if page.body:
            tops.append(min(l.top for l in page.body))
            bottoms.append(max(l.bottom for l in page.body + page.notes))
        pages.append(page)

    reader = PdfReader(io.BytesIO(data))
    headings: list[Heading] = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                number = reader.get_destination_page_number(item)
                page_height = float(reader.pages[number].mediabox.height)
                top = page_height - float(item.top) if item.top is not None else 0.0
                headings.append(Heading(level, " ".join(item.title.split()), number + 1, top))

    walk(reader.outline, 1)
    return Layout(pages, headings, min(tops, default=0.0), max(bottoms, default=0.0))


def _is_call(span: dict, spans: list[dict]) -> bool:
    """A footnote call: a number set smaller than the text it follows, above its baseline."""
    if not DIGITS.match(span["text"].strip()):
        return False
    if span["flags"] & 1:  # MuPDF saw it as superscript
        return True
    x0, y0, _, y1 = span["bbox"]
    hosts = [s for s in spans if s is not span and abs(s["bbox"][2] - x0) < 3 and s["bbox"][1] < y1 and y0 < s["bbox"][3]]
    return any(span["size"] <= 0.85 * h["size"] and span["origin"][1] < h["origin"][1] - 1 for h in hosts)


def _opens_with_marker(spans: list[dict]) -> bool:
    first = spans[0]
    return first["size"] <= MARKER_MAX and bool(DIGITS.match(first["text"].strip()))


def heading_rows_after(layout: Layout, heading: Heading) -> int:
    """Rows of text below the heading's own lines on its page."""
    page = layout.pages[heading.page - 1]
    words = heading.title.split()
    rows = page.rows(below=heading.top - 2)
    # the heading's own rows: those whose text is part of its title
    own = 0
    for top in rows:
        texts = [l.text for l in page.body if abs(l.top - top) < 2]
        if texts and all(_within(t, words) for t in texts):
            own += 1
        else:
            break
    return len(rows) - max(own, 1)


def _within(text: str, words: list[str]) -> bool:
    title = " ".join(words)
    text = re.sub(r"\d+$", "", " ".join(text.split())).strip()  # a footnote call ends a heading
    return bool(text) and text in title
