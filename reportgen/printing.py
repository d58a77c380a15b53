"""How a printing of an edition lays out the whole report, as data (an edition's `printing:`).

The same standards were printed differently from year to year: the overall findings before or
after the ratings, the opening chapter headed 'Background' or 'Introduction', annexes called
'Annexe' or 'Annex', a chapter with or without its key-question table, a results annex or none.
Each such choice is a value here, set by an edition or by a revision that `extends:` it; every
default is how reportgen printed before the choice existed, so an edition that says nothing
keeps its reports as they were. The templates read these values; no Python asks which edition
it is printing.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic import Strict as StrictType

Bool = Annotated[bool, StrictType()]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]

# The parts of a report, each a block of templates/base/report.md.j2 (an edition's template may word one differently).
Part = Literal["cover", "contents", "inside_cover", "introduction", "ratings", "overall_findings", "recommendations",
               "background", "contextual_facts", "chapters", "annexes", "closing", "back_cover"]
PARTS: tuple[str, ...] = Part.__args__  # type: ignore[attr-defined]
DEFAULT_ORDER: tuple[str, ...] = ("cover", "contents", "inside_cover", "introduction", "ratings", "overall_findings",
                                  "recommendations", "background", "contextual_facts", "chapters", "annexes", "closing")
# What the inside cover or the opening chapter may hold: the acknowledgements, the role of the Inspectorate,
# the copyright and publication notice, the edition's note on its standards, the findings' background text.
Piece = Literal["acknowledgements", "role", "publication", "standards", "background"]
# The edition's own annexes (the findings' annexes and the glossary are numbered on after them).
EditionAnnex = Literal["methodology", "results"]
# What a printing did not show, hidden in print but kept in the document's structure for screen readers.
Unprinted = Literal["captions", "ratings_header", "facts_header"]
# The boilerplate block each piece, part or annex prints, where it prints one.
WORDING = {"acknowledgements": "acknowledgements", "role": "role", "publication": "publication", "standards": "standards",
           "back_cover": "back_cover", "methodology": "methodology"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Headings(_Strict):
    """The headings the printing gives its parts; `{publisher}` is the publisher's name (templates/brand.yml)."""

    acknowledgements: str = "Acknowledgements"
    role: str = Field("The role of {publisher}", description="Over the role of the Inspectorate.")
    standards: str = Field("Our standards", description="Over the edition's note on its standards (the `standards` piece).")
    ratings: str = "Ratings"
    recommendations: str = "Recommendations"
    background: str = Field("Background", description="The opening chapter, e.g. 'Introduction' in the 2019 printing.")
    contextual_facts: str = "Contextual facts"
    summary: str = Field("Summary", description="Over a domain's key findings that open its chapter.")
    methodology: str = "Methodology"
    results: str = Field("Inspection results", description="The results annex.")
    glossary: str = "Glossary"
    closing: str = Field("Further information", description="Over the closing notes (boilerplate `closing`).")

    @field_validator("*")
    @classmethod
    def _known_names(cls, value: str) -> str:
        if "{" in value.replace("{publisher}", ""):
            raise ValueError("a heading may name only {publisher}")
        return value


class Chapter(_Strict):
    """What a standard's chapter carries besides the findings' own text."""

    cases_lead: Bool = Field(True, description="The sentence before the key-question table (boilerplate `cases_lead`).")
    judgement_lead: Bool = Field(True, description="The sentence before a judged standard's key questions (boilerplate `judgement_lead`).")
    key_question_table: Bool = Field(True, description="The table of key questions of a standard rated from the case sample.")
    prompt_tables: Bool = Field(True, description="A table of prompts under each key question's heading.")
    rating_footnotes: Bool = Field(True, description="A footnote (boilerplate `rating_footnote`) explaining how a computed rating is reached.")


class Results(_Strict):
    """The results annex, where `annexes` lists `results`."""

    standards: Literal["cases", "all"] = Field(
        "cases", description="cases: the standards rated from the case sample, with their key questions' percentages; "
        "all: every standard, domain by domain, the judged ones with their rating.")
    opening: Key = Field("results_opening", description="The boilerplate block the annex opens with.")
    overall: Bool = Field(True, description="Close with the overall rating and score (boilerplate `results_overall`).")
    charts: Bool = Field(True, description="Draw each standard's key questions as a bar chart against the rating bands, above its table.")


class Printing(_Strict):
    """The furniture of one printing of the edition. Every value defaults to how reports were printed
    before it could be set; a revision gives only what its printing does differently."""

    order: tuple[Part, ...] = Field(DEFAULT_ORDER, description=f"The parts of the report in order, each once; a part left out "
                                    f"is not printed. Parts: {', '.join(PARTS)}.")
    inside_cover: tuple[Piece, ...] = Field(("acknowledgements", "role", "publication"),
                                            description="What the inside cover holds, in order.")
    opening: tuple[Piece, ...] = Field(("background",), description="What the opening chapter (headings.background) holds, "
                                       "in order: e.g. [role, standards, background] where the role of the Inspectorate opens it.")
    headings: Headings = Headings()
    annex: str = Field("Annexe", description="The word numbering annexes: 'Annexe 1' or 'Annex 1'.")
    annexes: tuple[EditionAnnex, ...] = Field((), description="The edition's own annexes, in order, before the findings' annexes.")
    results: Results = Results()
    chapter: Chapter = Chapter()
    rating_label: str = Field("Rating:", description="Before a standard's rating under its statement; empty for the bare rating.")
    discretion: Literal["note", "asterisk"] = Field(
        "note", description="How the ratings table marks a rating the panel moved: note (the mark and a line under the "
        "table saying why) or asterisk (the mark alone).")
    unprinted: tuple[Unprinted, ...] = Field(
        (), description="What the printing did not show: hidden in the PDF, kept in the structure for screen readers "
        "(table captions; the header rows of the ratings table and of the facts tables).")

    @field_validator("order", "inside_cover", "opening", "annexes", "unprinted")
    @classmethod
    def _once_each(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        twice = sorted({v for v in value if value.count(v) > 1})
        if twice:
            raise ValueError(f"each at most once; {', '.join(twice)} is listed more than once")
        return value

    def annex_names(self) -> dict[str, str]:
        """Each edition annex's printed name ('Annexe 1'), for wording that refers to one."""
        return {name: f"{self.annex} {number}" for number, name in enumerate(self.annexes, 1)}

    def heading(self, name: str, publisher: str = "") -> str:
        return getattr(self.headings, name).replace("{publisher}", publisher)
