"""The publisher's identity and page wording (templates/brand.yml), as a validated model.

Everything a publishing team may change — name, address, contact, licence, copyright line and
the labels of the HTML publication page — lives in that file, so the page template and the
renderers carry no publisher wording of their own.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..errors import Problem
from ..load import Located


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Publisher(_Strict):
    name: str
    url: str = Field(pattern=r"^https://")
    address: tuple[str, ...] = Field(min_length=1)
    email: str | None = Field("", description="Where readers ask for an accessible format. Empty while not yet given "
                              "(a final build refuses it); null where the publisher offers none (readers write to the address).")


class Licence(_Strict):
    name: str
    url: str = Field(pattern=r"^https://")
    statement: str
    reuse: str


class AlternativeFormats(_Strict):
    heading: str
    text: str
    by_post: str  # the text's {contact} where the publisher offers no e-mail address (email: null)


HEX = r"^#[0-9a-fA-F]{6}$"
LABELS = (  # every label the pages and the data downloads use: a house's brand.yml gives them all
    "document_type", "published", "fieldwork", "isbn", "lead_inspector", "licence", "downloads", "pdf", "workbook",
    "data_annex_link", "back_to_top", "download_table", "front_matter", "data_annex", "data_annex_intro",
    "data_annex_table", "data_annex_file", "data_annex_rows", "file_size", "footnote", "footnotes", "footnote_back",
    "data_title", "data_source", "data_table", "data_table_in", "workbook_contents", "workbook_published",
    "workbook_about", "workbook_sheet", "workbook_section", "workbook_note", "workbook_source",
    # the download box in GOV.UK's form, the notes' back-links, the tidy data (issue 22)
    "pdf_type", "pdf_type_name", "workbook_type", "workbook_type_name", "pages", "one_page", "request_format",
    "footnote_back_call", "data_tables_also", "data_ratings_file", "data_ratings_caption", "data_ratings_caption_scored",
    "data_ratings_overall", "data_key_questions_file", "data_key_questions_caption", "data_prompts_file",
    "data_prompts_caption", "column_domain", "column_domain_name", "column_domain_rating", "column_standard", "column_standard_name",
    "column_rating", "column_rating_by_rules", "column_discretion", "column_score", "column_case_score",
    "column_key_question", "column_prompt", "column_question", "column_relevant", "column_yes_count", "column_percent",
    "column_lowest", "yes", "no",
)


class ChartPalette(_Strict):
    """The house colours charts are drawn in (a test holds each to 3:1 against what it sits on)."""

    ink: str = Field("#0b0c0c", pattern=HEX)  # text, outlines, axes, hatching
    bar: str = Field("#5c2d91", pattern=HEX)  # a key question's bar
    on_bar: str = Field("#ffffff", pattern=HEX)  # a value written inside a bar
    service: str = Field("#5c2d91", pattern=HEX)  # the service's series, solid
    comparison: str = Field("#ffffff", pattern=HEX)  # the national average, hatched in ink
    background: str = Field("#ffffff", pattern=HEX)


class Brand(_Strict):
    publisher: Publisher
    language: str
    copyright: str  # the copyright line, {year} filled in
    copyright_holder: str  # as schema.org's copyrightHolder names it
    licence: Licence
    alternative_formats: AlternativeFormats
    labels: dict[str, str]
    chart: ChartPalette = ChartPalette()
    logo: str = Field("", description="A PNG or SVG file in the brand folder, for the covers and the web page's band.")

    @field_validator("labels")
    @classmethod
    def _every_label(cls, labels: dict[str, str]) -> dict[str, str]:
        missing = [name for name in LABELS if name not in labels]
        if missing:
            raise ValueError(f"a label for each of {', '.join(missing)} (every label the pages use; see the shipped brand.yml)")
        return labels

    def copyright_line(self, year: int) -> str:
        return self.copyright.format(year=year)

    def contact(self) -> str:
        """Where to ask for another format: the e-mail address when given, else by post (the footer gives the address)."""
        return self.publisher.email or self.alternative_formats.by_post

    def alternative_formats_text(self) -> str:
        return self.alternative_formats.text.format(contact=self.contact())

    def address_markdown(self) -> str:
        """The postal address as Markdown lines (hard breaks), for a publication page."""
        return "\\\n".join(self.publisher.address)


def unfinished_contact(brand: Brand, located: Located) -> tuple[Problem, ...]:
    """Each of the publisher's contact fields left empty, as a warning at its place in brand.yml: a final
    build refuses them (a published page must not offer a blank way to reach the publisher)."""
    publisher = brand.publisher
    fields = [(("publisher", "name"), publisher.name, "the publisher's name"),
              (("publisher", "url"), publisher.url, "the publisher's web address"),
              (("publisher", "email"), publisher.email, "the e-mail address readers ask for an accessible format at "
               "(or null where the publisher offers none: the page then asks them to write to the postal address)")]
    fields += [(("publisher", "address", n), line, "a line of the postal address") for n, line in enumerate(publisher.address)]
    return tuple(located.problem(path, "nothing", expected, warning=True) for path, value, expected in fields
                 if value is not None and not value.strip())
