"""The Word report's house style (templates/word/styles.yml) as a typed, validated model.

render/docx/style.py applies it to python-docx's default template; nothing about the look is
decided in Python. Texts (`header`, `footer`, `frame`) are Jinja patterns over the report's
`view` and the house's `brand`, so the publisher's name and copyright line come from brand.yml.
Units: points for sizes and spacing, millimetres for indents and margins, eighths of a point
for borders, colours as six hex digits.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Colour = Annotated[str, Field(pattern=r"^[0-9a-fA-F]{6}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Border(_Strict):
    size: int  # eighths of a point
    colour: Colour
    space: int = 4  # points between the border and the text


class Defaults(_Strict):
    """w:docDefaults: what every run and paragraph starts from."""

    font: str
    size: float
    colour: Colour
    space_after: float
    line_spacing: float


class Margins(_Strict):
    top: float
    right: float
    bottom: float
    left: float


class PageMargins(Margins):
    header: float
    footer: float


class Page(_Strict):
    size: tuple[float, float]  # width, height
    margins: PageMargins


class Styled(_Strict):
    """A paragraph of the page frame: its style and its text (Jinja over `view` and `brand`)."""

    style: str
    text: str


class Cover(_Strict):
    fill: Colour
    margins: Margins
    logo_height: float
    logo_style: str
    header_style: str


class LineNumbers(_Strict):
    count_by: int
    distance: float  # mm from the text
    restart: Literal["continuous", "newPage", "newSection"]


class Draft(_Strict):
    text: str
    watermark: str
    watermark_colour: Colour
    line_numbers: LineNumbers


class Frame(_Strict):
    """What the HTML page frame adds around the token stream, in the same words."""

    publisher: Styled
    colophon: Styled
    description: str  # the core properties' dc:description


class Contents(_Strict):
    field: str
    heading_style: str
    entry_styles: tuple[str, ...] = Field(min_length=1)


class Padding(_Strict):
    top: float
    left: float
    bottom: float
    right: float


class Table(_Strict):
    style: str
    paragraph_style: str
    column_header_bold: bool
    row_header_bold: bool
    repeat_header: bool
    cant_split_rows: bool
    keep_together_rows: int
    min_column_share: float
    cell_padding: Padding
    space_after: float


class Rating(_Strict):
    bold: bool
    border: Border


class Callout(_Strict):
    fill: Colour
    border: Border
    label_bold: bool


class Chart(_Strict):
    style: str


class Lists(_Strict):
    bullet: tuple[str, ...] = Field(min_length=1)
    number: tuple[str, ...] = Field(min_length=1)
    continue_: tuple[str, ...] = Field(min_length=1, alias="continue")

    def of(self, kind: str) -> tuple[str, ...]:
        """The styles, by depth, of a 'bullet', 'number' or 'continue' list."""
        return self.continue_ if kind == "continue" else getattr(self, kind)


class StyleSpec(_Strict):
    """One of Word's styles, changed or added; only the keys given are applied (`null` for a
    border removes the one Word's own style has)."""

    type: Literal["paragraph", "character"] = "paragraph"
    id: str | None = None
    based_on: str | None = None
    builtin: bool = False
    font: str | None = None
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    superscript: bool | None = None
    colour: Colour | None = None
    letter_spacing: float | None = None
    space_before: float | None = None
    space_after: float | None = None
    line_spacing: float | None = None
    keep_with_next: bool | None = None
    page_break_before: bool | None = None
    indent_left: float | None = None
    indent_right: float | None = None
    alignment: Literal["left", "center", "right", "justify"] | None = None
    border_top: Border | None = None
    border_left: Border | None = None
    border_bottom: Border | None = None
    border_right: Border | None = None

    def given(self) -> dict[str, Any]:
        """The keys the file gives, as plain data."""
        return self.model_dump(exclude_unset=True)


class WordStyle(_Strict):
    language: str
    defaults: Defaults
    page: Page
    header: Styled
    footer: Styled  # {PAGE} and {NUMPAGES} become Word fields
    cover: Cover
    draft: Draft
    frame: Frame
    contents: Contents
    table: Table
    rating: Rating
    callout: Callout
    chart: Chart
    lists: Lists
    code_font: str
    rule: Border
    styles: dict[str, StyleSpec]

    def patterns(self) -> dict[tuple[str, ...], str]:
        """Every Jinja pattern in the file, by its place (checked when the house is read)."""
        return {("header", "text"): self.header.text, ("footer", "text"): self.footer.text,
                ("frame", "publisher", "text"): self.frame.publisher.text,
                ("frame", "colophon", "text"): self.frame.colophon.text, ("frame", "description"): self.frame.description}
