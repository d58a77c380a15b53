"""Inline tokens and footnotes for the Word writer: runs, hyperlinks, footnote references,
and the footnote block, which goes into /word/footnotes.xml rather than the body.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from markdown_it.token import Token

from ...parse import plain_text
from .ooxml import break_run, field_begin, field_end, sub, text_run

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass
class Runs:
    """How the runs being written look, and what the last inline said."""

    bold: int = 0  # nesting of ** … **
    italic: int = 0
    force_bold: bool = False  # a column header or rating: every run bold, until the paragraph ends
    link_style: str | None = None
    last_text: str = ""  # plain text of the last inline token


@dataclass
class Notes:
    """Footnote state: how often each number is cited, which are cited so far, and where we are."""

    citations: Counter[int]
    cited: set[int] = field(default_factory=set)
    paragraphs: int = -1  # paragraphs so far inside a footnote; -1 outside one

    @classmethod
    def of(cls, tokens: list[Token]) -> "Notes":
        inlines = [t for t in tokens if t.type == "inline"] + [
            t.meta["caption"] for t in tokens if t.type == "table_open" and t.meta.get("caption") is not None
        ]
        return cls(Counter(  # footnote number → how often the text cites it
            child.meta["id"] + 1 for inline in inlines for child in inline.children or () if child.type == "footnote_ref"
        ))


class InlineMixin:
    """The inline rules of DocxWriter: runs go to `self.target`, a paragraph or a hyperlink,
    looking as `self.runs` says; footnotes are tracked in `self.notes`."""

    def render_inline(self, token: Token) -> None:
        self.runs.last_text = plain_text(token)
        for child in token.children or ():
            self.dispatch(child)

    def render_text(self, token: Token) -> None:
        if token.content:
            text_run(self.target, token.content, style=self.runs.link_style, bold=bool(self.runs.bold) or self.runs.force_bold,
                     italic=bool(self.runs.italic))

    def render_softbreak(self, token: Token) -> None:
        text_run(self.target, " ", style=self.runs.link_style)

    def render_hardbreak(self, token: Token) -> None:
        break_run(self.target)

    def render_strong_open(self, token: Token) -> None:
        self.runs.bold += 1

    def render_strong_close(self, token: Token) -> None:
        self.runs.bold -= 1

    def render_em_open(self, token: Token) -> None:
        self.runs.italic += 1

    def render_em_close(self, token: Token) -> None:
        self.runs.italic -= 1

    def render_code_inline(self, token: Token) -> None:
        text_run(self.target, token.content, style=self.runs.link_style, font=self.style.code_font)

    def render_link_open(self, token: Token) -> None:
        href = str(token.attrGet("href") or "")
        link = sub(self.paragraph, "w:hyperlink")
        if href.startswith("#"):  # a heading: Word links to its bookmark
            link.set(f"{_W}anchor", self.bookmarks.get(href[1:], href[1:]))
            link.set(f"{_W}history", "1")
        else:
            link.set(_R_ID, self.part.relate_to(href, RT.HYPERLINK, is_external=True))
        self.target = link
        self.runs.link_style = None if self.section == "contents" else self.style.id("Hyperlink")

    def render_link_close(self, token: Token) -> None:
        self.target, self.runs.link_style = self.paragraph, None

    def render_footnote_ref(self, token: Token) -> None:
        """Footnote n, numbered as the HTML numbers it. Word numbers footnote marks in reading order
        and gives each footnote one mark, so a footnote cited again is cited as Word does it: a
        NOTEREF cross-reference to the bookmarked first mark, showing the same number."""
        n = token.meta["id"] + 1
        style = self.style.id("footnote reference")
        mark = f"_RefFootnote{n}"
        if n in self.notes.cited:
            field_begin(self.target, f" NOTEREF {mark} \\f \\h ")
            text_run(self.target, str(n), style=style)
            field_end(self.target)
            return
        self.notes.cited.add(n)
        cited_again = self.notes.citations[n] > 1
        if cited_again:
            sub(self.target, "w:bookmarkStart", id=self.next_bookmark, name=mark)
        run = sub(self.target, "w:r")
        sub(sub(run, "w:rPr"), "w:rStyle", val=style)
        sub(run, "w:footnoteReference", id=n)
        if cited_again:
            sub(self.target, "w:bookmarkEnd", id=self.next_bookmark)
            self.next_bookmark += 1

    # ---- the footnote block: into /word/footnotes.xml, never into the body ----

    def render_footnote_block_open(self, token: Token) -> None:
        self.part = self.footnotes_part

    def render_footnote_block_close(self, token: Token) -> None:
        self.part = self.document.part

    def render_footnote_open(self, token: Token) -> None:
        note = sub(self.footnotes_part.element, "w:footnote", id=token.meta["id"] + 1)
        self.containers.append(note)
        self.notes.paragraphs = 0

    def render_footnote_close(self, token: Token) -> None:
        self.containers.pop()
        self.notes.paragraphs = -1

    def render_footnote_anchor(self, token: Token) -> None:
        """The HTML's '↩' back-link: in Word the footnote number already leads back to the text."""

    def footnote_mark(self) -> None:
        """The footnote's own number at the start of its first paragraph, as Word writes it."""
        if self.notes.paragraphs == 0:
            run = sub(self.paragraph, "w:r")
            sub(sub(run, "w:rPr"), "w:rStyle", val=self.style.id("footnote reference"))
            sub(run, "w:footnoteRef")
            text_run(self.paragraph, " ")
        if self.notes.paragraphs >= 0:
            self.notes.paragraphs += 1
