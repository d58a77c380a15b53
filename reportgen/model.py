"""The two inputs of a report: a framework edition (the Inspectorate's rules) and an inspection's findings.

Both are plain pydantic models, frozen once loaded, with unknown keys refused so that a
misspelt key in YAML is an error rather than silently ignored text. Field docstrings are
the reference for the YAML formats (``reportgen schema`` turns them into JSON Schema).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
import string
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic import Strict as StrictType

from .printing import WORDING, Printing

FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")  # [^name] in Markdown text, not its definition


@dataclass(frozen=True)
class Text:
    """Which Markdown a text field may hold, by where the report prints it (checked by markup.py).
    Strings without a mark are `inline`: one line inside a heading, a cell or a sentence."""

    kind: Literal["narrative", "block", "paragraph", "line", "inline"]


Markdown = Annotated[str, Field(description="CommonMark: paragraphs, lists, quotes, tables, emphasis, links "
                                "(https, http, mailto, #anchor); footnotes as [^name] refer to `footnotes`."), Text("block")]
Narrative = Annotated[str, Field(description="CommonMark as `Markdown`, and sub-headings ('# Education', '## Attendance'): the "
                                 "report sets them below the heading the text stands under."), Text("narrative")]
Paragraph = Annotated[str, Field(description="One paragraph of CommonMark: emphasis, links, [^name] footnote references."),
                      Text("paragraph")]
Line = Annotated[str, Field(description="One line of text, starting a line of the report."), Text("line")]
Heading = Annotated[str, Field(description="One line of text; may carry a [^name] footnote reference.")]
Int = Annotated[int, StrictType()]  # a plain YAML integer: never a boolean or a number written as text
TODO = "TODO"
Todo = Annotated[Literal["TODO"], Field(description="Not known yet: a placeholder `check` lists and `check --final` refuses.")]
Count = Annotated[int, StrictType(), Field(ge=0)]


def counted(*values: object) -> bool:
    """True if every value is a count: none a placeholder (TODO) or left out."""
    return all(isinstance(v, int) and not isinstance(v, bool) for v in values)



Percent = Annotated[int, StrictType(), Field(ge=0, le=100)]
Bool = Annotated[bool, StrictType()]  # true or false, never 'yes' or 1
TITLE_FIELDS = frozenset({"kind", "area", "service", "short_name"})
Id = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, values never change after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


# ---------------------------------------------------------------------------
# Framework edition: data, not code
# ---------------------------------------------------------------------------


class ScaleRating(Strict):
    """One word of a rating scale, lowest first."""

    name: str = Field(description="The rating word as published, e.g. 'Requires improvement'.")
    score: Int = Field(description="Points this rating contributes to the overall score.")
    colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$", description="House colour; never the only cue.")
    mark: str = Field("", description="Symbol printed after the word in tables, e.g. '☆' for Outstanding.")
    description: str = Field("", description="The published descriptor of the judgement, e.g. 'only meets minimum requirements'.")


class Band(Strict):
    """A rating reached from a lower bound upwards (percent for key questions, points for the overall score)."""

    minimum: Int = Field(ge=0, description="Lowest value (inclusive) that earns this rating.")
    rating: str


class Discretion(Strict):
    """When a ratings panel may move a computed rating to the adjacent band (DESIGN.md §3.4)."""

    margin: Int = Field(5, ge=0, description="Points either side of a band boundary that open discretion.")
    small_sample: Int = Field(5, ge=0, description="Relevant cases at or below which discretion is open.")
    one_case: Bool = Field(True, description="Open when one case judged differently would change the band.")


class Prompt(Strict):
    """A prompt under a key question: answered 'Yes' or 'No' per relevant case."""

    id: Id
    text: str


class KeyQuestion(Strict):
    """A key question of a standard; for computed standards, its percentage 'Yes' is banded."""

    id: Id = Field(description="Framework number, e.g. '2.1.1'. Findings key their numbers by it.")
    text: str = Field(description="Wording in the key-question table (and as heading unless `heading`).")
    heading: str | None = Field(None, description="Wording as a heading, where the report words it differently.")
    subsample: str = Field(
        "Of the {n} cases inspected:",
        description="Heading of the prompt table; {n} is the key question's relevant cases.",
    )
    footnote: str | None = Field(None, description="Footnote on this row of the key-question table (sub-sample).")
    group: str | None = Field(None, description="Heading over a run of key questions, e.g. '1.1 Leadership' (older editions).")
    prompts: tuple[Prompt, ...] = Field((), description="Prompts, or the evidence criteria of a key judgement.")


class Standard(Strict):
    """A standard: rated by inspectors' judgement or computed from the case sample."""

    id: Id
    name: str = Field(description="As in the ratings table.")
    heading: str | None = Field(None, description="Chapter heading, where not '<id>. <name>'.")
    statement: str = Field("", description="The standard's statement (or 'what we expect to see'), printed beneath its heading.")
    noun: str | None = Field(None, description="The standard in running text ('staffing', 'assessment'); default: name in lower case.")
    method: Literal["judgement", "cases", "percentage"] = Field(
        description="judgement: findings give the rating; cases: computed from key-question counts; "
        "percentage: a single 'work done well enough' score banded directly (older editions)."
    )
    scored: Bool = Field(True, description="False where the rating is shown but not counted in the overall score.")
    table_footnote: str | None = Field(None, description="Footnote on the key-question table heading.")
    score_statement: str | None = Field(
        None, description="Judgement standards with a case assessment score: the sentence stating it, "
        "with {percent} for the score, e.g. 'Within the case assessment, overall {percent}% of work … was done well enough.'",
    )
    verdict_heading: str | None = Field(None, description="Heading over the closing sentence that states the rating, where printed.")
    key_questions: tuple[KeyQuestion, ...] = ()


class AreaRating(Strict):
    """How a domain, as a broad area of work, is rated from its standards (where the edition rates areas)."""

    rule: Literal["lowest", "score"] = Field(
        "lowest", description="lowest: the lowest rating among its scored standards; score: the sum of their scores, banded.")
    bands: tuple[Band, ...] = Field((), description="For rule score: the sum of the standards' scores → the area's rating.")

    @model_validator(mode="after")
    def _score_has_bands(self) -> AreaRating:
        if self.rule == "score" and not self.bands:
            raise ValueError("rule score needs bands: the sum of the standards' scores that earns each rating")
        return self


class Domain(Strict):
    id: Id
    name: str
    heading: str | None = Field(None, description="Chapter heading, where not '<id>. <name>'.")
    ratings_footnote: str | None = Field(None, description="Footnote on the domain's row in the ratings table.")
    rating: AreaRating | None = Field(None, description="Where the domain is a broad area of work rated as a whole: how its "
                                      "rating comes from its standards' (printed beside it in the ratings table and its chapter).")
    standards: tuple[Standard, ...]


class Overall(Strict):
    """How scores add up to an overall rating; absent where an edition has none."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True, populate_by_name=True)

    rated_from: Literal["standards", "areas"] = Field(
        "standards", alias="from", description="standards: the sum of the scored standards' scores; areas: the sum of the "
        "rated areas' scores (domains with a `rating:`).")
    bands: tuple[Band, ...]


class Labels(Strict):
    """What the edition calls its parts, in tables and in `reportgen check`."""

    standard: str = Field("Standard", description="'Standard', 'Section', 'Theme'.")
    key_questions: str = Field("Key questions (% 'Yes', > lowest)", description="Heading of the evidence column.")
    score: str | None = Field("Score", description="Heading of the score column; none where no numeric score is published.")


Month = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="A month, YYYY-MM.")]


class InUse(Strict):
    """The months in which the Inspectorate published reports under an edition."""

    first: Month
    last: Month | None = Field(None, description="The last month; none while the edition is in use.")


class Correspondence(Strict):
    """Parts of another edition that measure what this edition's do, so that the programme view
    may set their ratings and figures in one column. Without it, editions are never mixed."""

    edition: Id = Field(description="The other edition's id.")
    standards: dict[Id, Id] = Field(default_factory=dict, description="This edition's standard id → the other edition's.")
    key_questions: dict[Id, Id] = Field(default_factory=dict, description="This edition's key question id → the other edition's.")
    overall: Bool = Field(False, description="The overall score and rating are on the same scale and bands in both.")


class PlainEnglish(Strict):
    """How plainly the edition's reports are written: what the plain-English check holds them to."""

    sentence_words: Int | None = Field(
        35, ge=10, description="A sentence longer than this many words is a warning (GOV.UK advises 25 words on "
        "average, and warns above about 35); none: sentence length is not checked.")
    define_abbreviations: Bool = Field(
        False, description="Each abbreviation is spelt out where it is first used, e.g. 'Youth Justice Service (YJS)'; "
        "an abbreviation used before that is a warning.")


def _statement_pattern(value: str) -> str:
    from .patterns import pattern_problem

    if problem := pattern_problem(None, value):
        raise ValueError(problem)
    return value


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as error:
        raise ValueError(f"a regular expression Python reads ({error})") from None
    return value


Pattern = Annotated[str, AfterValidator(_statement_pattern)]
Regex = Annotated[str, AfterValidator(_regex)]


class Statements(Strict):
    """How this edition's reports state their figures in running text, so that `check` can hold the
    narrative to them (checks/statements.py). Each pattern is a regular expression, matched regardless
    of case at the start of a sentence (or after 'Overall,' or 'However,') up to the end of a clause,
    with placeholders: {service}, {standard}, {qualifier}, {rating}, {quoted_rating}, {count},
    {topic}, {topics}, {cases}. Read from the published reports; a sentence no pattern ties to one
    place is left alone."""

    overall: tuple[Pattern, ...] = Field((), description="Sentences stating the service's overall rating ({service}, {rating}).")
    standard: tuple[Pattern, ...] = Field((), description="Sentences stating a standard's rating ({standard} or 'this standard', {rating}).")
    service: tuple[str, ...] = Field((), description="Other names of the service in running text, beside its name and short name.")
    aliases: dict[Id, tuple[str, ...]] = Field(default_factory=dict, description="Standard id → other names of it in running text.")
    qualifier: Regex = Field("", description="Words that may follow a standard's name without changing its subject ('for court disposals').")
    quantifiers: dict[Literal["every", "all_but", "of", "none"], Regex] = Field(
        default_factory=dict, description="How a count of cases is written: 'in every case', 'in all but {n} cases', "
        "'in {n} of the {m} cases', 'in none of the {m} cases'.")
    counts: tuple[Pattern, ...] = Field((), description="Sentences stating a count ({count}) for key questions ({topic}, {topics}).")
    topics: dict[str, Regex] = Field(default_factory=dict, description="A key question's subject as running text names it, by a name of your choice.")
    key_questions: dict[Id, tuple[str, ...]] = Field(
        default_factory=dict, description="Case standard id → the topic of each of its key questions, in order.")
    cases_inspected: tuple[Pattern, ...] = Field((), description="Sentences of a domain's introduction stating the cases inspected ({cases}).")
    case_kinds: Regex = Field("cases?", description="What a counted item of {cases} may be ('community sentences', 'cases').")
    uncertain: Regex = Field("", description="Words that make a sentence's statement uncertain (another time, a condition, a wish): "
                           "a sentence holding them is left alone.")

    @model_validator(mode="after")
    def _topics_known(self) -> Statements:
        for sid, topics in self.key_questions.items():
            unknown = [t for t in topics if t not in self.topics]
            if unknown:
                raise ValueError(f"key_questions: {sid} names the topic(s) {unknown}, not among topics {sorted(self.topics)}")
        return self


class Edition(Strict):
    """A framework edition: everything about the Inspectorate's rules that changes between years."""

    id: Id
    name: str
    extends: Id | None = Field(None, description="The edition this file revises: its data, with this file's values laid over it.")
    template: Id | None = Field(None, description="Folder of templates/ the report is written with; default: the extended edition's, else the id.")
    title: str = Field(
        "An inspection of {kind} in {area}",
        description="The report's title; {kind}, {area}, {service} and {short_name} come from the findings.",
    )
    labels: Labels = Field(Labels(), description="What the edition calls its parts (standard, evidence, score).")
    scale: tuple[ScaleRating, ...] = Field(min_length=2, description="Rating words, lowest first.")
    case_bands: tuple[Band, ...] = Field((), description="Percent 'Yes' → rating, for computed standards.")
    discretion: Discretion = Discretion()
    overall: Overall | None = None
    domains: tuple[Domain, ...] = Field(min_length=1)
    boilerplate: dict[str, str] = Field(
        default_factory=dict,
        description="Fixed wording of the edition (Markdown with Jinja placeholders): "
        "rating_footnote, methodology, acknowledgements, and so on.",
    )
    footnotes: dict[Id, str] = Field(default_factory=dict, description="Footnotes the boilerplate refers to.")
    plain_english: PlainEnglish = Field(PlainEnglish(), description="Sentence length and abbreviations, for the plain-English check.")
    callouts: dict[Literal["good-practice", "practice-example", "case-illustration"], str] = Field(
        default_factory=dict,
        description="Label printed on each kind of callout box (`::: good-practice` in findings text); "
        "default: the kind in words ('Good practice').",
    )
    in_use: InUse | None = Field(None, description="When reports were published under this edition (synthetic findings are dated within it).")
    statements: Statements | None = Field(None, description="How the reports state ratings and counts in running text, for `check`.")
    corresponds: tuple[Correspondence, ...] = Field(
        (), description="Other editions whose standards measure the same things (a revision corresponds to the "
        "edition it extends, id for id, without saying so).",
    )
    printing: Printing = Field(Printing(), description="How the printing lays out the whole report: order, headings, "
                               "annexes, what a chapter carries (reportgen/printing.py; docs/editions.md).")

    @model_validator(mode="after")
    def _title_names_known_fields(self) -> Edition:
        fields = {name for _, name, _, _ in string.Formatter().parse(self.title) if name is not None}
        if not fields <= TITLE_FIELDS:
            raise ValueError(f"title may name only {', '.join('{' + f + '}' for f in sorted(TITLE_FIELDS))}, not {sorted(fields - TITLE_FIELDS)}")
        return self

    @model_validator(mode="after")
    def _bands_use_scale_words(self) -> Edition:
        words = {r.name for r in self.scale}
        for band in (*self.case_bands, *(self.overall.bands if self.overall else ())):
            if band.rating not in words:
                raise ValueError(f"band rating {band.rating!r} is not on the scale {sorted(words)}")
        return self

    @model_validator(mode="after")
    def _printing_has_its_wording(self) -> Edition:
        """A part, piece or annex the printing names explicitly prints a block of boilerplate: it must be there."""
        printing, given = self.printing, self.printing.model_fields_set
        named = [n for field in ("order", "inside_cover", "opening", "annexes") if field in given for n in getattr(printing, field)]
        needed = {WORDING[n] for n in named if n in WORDING}
        if "results" in printing.annexes:
            needed.add(printing.results.opening)
        missing = sorted(needed - set(self.boilerplate))
        if missing:
            raise ValueError(f"printing prints {', '.join(missing)}, which boilerplate does not give")
        return self

    @model_validator(mode="after")
    def _areas_for_an_overall_from_areas(self) -> Edition:
        if self.overall and self.overall.rated_from == "areas" and not any(d.rating for d in self.domains):
            raise ValueError("overall from areas needs at least one domain with a `rating:` (an area rated as a whole)")
        words = {r.name for r in self.scale}
        for domain in self.domains:
            for band in domain.rating.bands if domain.rating else ():
                if band.rating not in words:
                    raise ValueError(f"band rating {band.rating!r} is not on the scale {sorted(words)}")
        return self

    def standards(self) -> list[Standard]:
        return [s for d in self.domains for s in d.standards]


# ---------------------------------------------------------------------------
# Findings: what an inspection team found
# ---------------------------------------------------------------------------


class Note(Strict):
    """An inspector's or editor's note for the draft: printed in `build --draft` only, never in a report."""

    text: Markdown = Field(min_length=1)
    author: str | None = Field(None, description="Who wrote it (an editor's Word comment keeps its author).")
    field: str | None = Field(None, description="The narrative field it concerns, e.g. 'narrative', or one item of a "
                              "list, e.g. 'areas_for_improvement[1]' (the second); default: the item.")


Notes = Annotated[
    tuple[Note | Markdown, ...],
    Field(description="Notes for reviewers of the draft (text, or text with author and field): printed only "
          "by `build --draft`, as Word comments and notes in HTML; never in a normal or final build."),
]


class Person(Strict):
    name: Line = Field(description="Name as signed, e.g. 'Justin Russell'.")
    role: Line | None = Field(None, description="Title under the name, e.g. 'HM Chief Inspector of Probation'.")
    date: Line | None = Field(None, description="As printed under a signature, e.g. 'January 2007'.")


class TeamRole(Strict):
    """One row of the inspection team table: a role and who held it."""

    role: str = Field(description="As printed, e.g. 'Lead Inspector'.")
    members: tuple[str, ...] = Field(min_length=1, description="Names, each with organisation where printed.")


class Service(Strict):
    name: str = Field(description="Full name, e.g. 'Merton Youth Justice Service'.")
    short_name: str = Field(description="As used in running text, e.g. 'Merton YJS'.")
    area: str = Field(description="The local authority area, e.g. 'Merton'.")


class YearOnly(date):
    """A publication known only by its year (`published: 2019`): 1 January for sorting and documents'
    dates, printed as the year alone, and a year wherever the report says when it was published
    (metadata: '2019')."""

    def isoformat(self) -> str:  # type: ignore[override]
        return self.strftime("%Y")


class Month(date):
    """A date given to the month only ('2019-06'): the first of that month, for the documents' dates, and a
    month wherever the report says when it was published (metadata: '2019-06', not '2019-06-01')."""

    def isoformat(self) -> str:  # type: ignore[override]
        return self.strftime("%Y-%m")


def _month_only(value: object) -> object:
    """'2019-06' (a report dated by month only) is that month (Month: the first of it, said as the month);
    2019 (the year only) the year (YearOnly: its first day, said as the year)."""
    if isinstance(value, int) and not isinstance(value, bool) and 1990 <= value <= 2099:
        return YearOnly(value, 1, 1)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value.strip()):
        year, month = value.strip().split("-")
        if 1 <= int(month) <= 12:
            return Month(int(year), int(month), 1)
    return value


def printed_date(published: date) -> str:
    """A publication date as reports print it: 'August 2021', or '2019' where only the year is known."""
    return str(published.year) if isinstance(published, YearOnly) else published.strftime("%B %Y")


Published = Annotated[
    date,
    BeforeValidator(_month_only),
    Field(ge=date(1990, 1, 1), le=date(2099, 12, 31)),
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "pattern": r"^\d{4}-\d{2}$"},
                              {"type": "integer", "minimum": 1990, "maximum": 2099}]}),
]


class Inspection(Strict):
    published: Published | Todo = Field(
        description="Publication date, month only (2019-06) or year only (2019): the report prints the month, "
        "or the year where that is all that is known; document dates come from it. TODO while not known.",
    )
    fieldwork: str = Field(description="When fieldwork took place, as the report's sentence goes on with it: 'May 2022', "
                           "'between 17 and 20 May 2021', '3 to 7 November 2026' (the report adds 'in', 'on' or 'from' only "
                           "where the wording needs one).")
    lead_inspector: str = Field(description="Name of the lead inspector, as credited in the acknowledgements.")
    isbn: str | None = Field(None, pattern=r"^97[89]-(?:\d+-){3}\d$", description="ISBN with hyphens, e.g. '978-1-915468-14-7'.")
    kind: str = Field("youth offending services", description="'An inspection of <kind> in <area>'.")
    interviews: Count | Todo | None = Field(None, description="Interviews with case managers (methodology annexe).")
    meetings: Count | Todo | None = Field(None, description="Meetings held for organisational delivery (methodology annexe).")


class Introduction(Strict):
    heading: str = Field("Introduction", description="'Introduction' or 'Foreword'.")
    body: Narrative = Field(description="The introduction or foreword, paragraphs separated by a blank line.")
    signatory: Person = Field(description="Who signs the introduction.")
    notes: Notes = ()


class OwnedRecommendation(Strict):
    """A recommendation with the post accountable for it, printed after it in brackets."""

    text: Markdown
    owner: str = Field(description="e.g. 'Chair of the YOS Management Board'.")


class RecommendationGroup(Strict):
    addressee: Line = Field(description="Lead-in as published, e.g. 'The Merton Youth Justice Service should:'.")
    recommendations: tuple[Markdown | OwnedRecommendation, ...] = Field(min_length=1, description="The recommendations to this addressee, one list item each (text, or text with its owner); numbered through the report.")
    notes: Notes = ()


class Fact(Strict):
    value: str = Field(description="As published, e.g. '206,548'.")
    label: Heading = Field(description="What the value counts, e.g. 'Population of Merton[^population]'.")


class Comparison(Strict):
    """Percentages for the service against the national average, one value per category."""

    dimension: str = Field(description="e.g. 'Age', 'Race/ethnicity', 'Gender'.")
    categories: tuple[str, ...] = Field(min_length=1, description="Category names, e.g. ['10-14', '15-17'].")
    service: tuple[Int, ...] = Field(description="The service's percentage in each category, in the same order.")
    national: tuple[Int, ...] = Field(description="The national average percentage in each category, in the same order.")

    @model_validator(mode="after")
    def _one_value_per_category(self) -> Comparison:
        n = len(self.categories)
        if len(self.service) != n or len(self.national) != n:
            raise ValueError(f"service and national need {n} values each, one per category")
        return self


class FactTable(Strict):
    heading: Heading = Field(description="May carry a footnote reference, e.g. 'Additional caseload data[^caseload]'.")
    facts: tuple[Fact, ...] = Field((), description="Label/value rows, e.g. the population.")
    comparisons: tuple[Comparison, ...] = Field((), description="Percentages against the national average, drawn as charts.")


class DataRow(Strict):
    label: Markdown
    values: tuple[str, ...] = Field((), description="One per value column, as published; none for a row that heads the rows indented under it.")
    indent: bool = Field(False, description="A sub-row of the row above, e.g. '– timeliness'.")


class DataTable(Strict):
    """A table of figures against comparison columns, e.g. the service's score, an average, a range and a target."""

    caption: str = Field(description="What the table shows, for its caption.")
    columns: tuple[str, ...] = Field(min_length=2, description="Column headings, the row-label column first.")
    rows: tuple[DataRow, ...] = Field(min_length=1, description="The rows, in the published order.")

    @model_validator(mode="after")
    def _values_fit_columns(self) -> DataTable:
        width = len(self.columns) - 1
        for row in self.rows:
            if len(row.values) > width:
                raise ValueError(f"row {row.label!r} has {len(row.values)} values; expected at most {width}, one per value column")
        return self


class Section(Strict):
    """A titled piece of text: diversity, key statistics, key staffing data; or a callout box."""

    heading: Heading = Field(description="The section's heading.")
    body: Markdown = Field("", description="The section's text; may be empty where `facts` alone make the section.")
    facts: tuple[Fact, ...] = Field((), description="A label/value table after the body (key staffing data).")
    table: DataTable | None = Field(None, description="A table of figures after the body.")
    callout: Literal["good practice", "practice example", "case illustration", "quote"] | None = Field(
        None, description="Set as a box of this kind instead of a titled section.",
    )
    placement: Literal["before", "after_strengths", "after"] = Field(
        "after", description="Before or after the key questions of a standard; after_strengths: between a key "
        "judgement's strengths and its areas for improvement.",
    )

    notes: Notes = ()


class ExplanationGroup(Strict):
    """A headed group of numbered paragraphs in an explanation of findings (numbered 1.1, 1.2 …)."""

    heading: Markdown
    paragraphs: tuple[Markdown | Section, ...] = Field(min_length=1, description="Numbered paragraphs, with any box between them.")


class CaseScore(Strict):
    """A case assessment score from counts: of the relevant cases, in how many the work was done well enough."""

    relevant: int = Field(gt=0, description="Cases in which this work was assessed.")
    well_enough: int = Field(ge=0, description="Of those, cases in which it was done well enough.")

    @model_validator(mode="after")
    def _within(self) -> CaseScore:
        if self.well_enough > self.relevant:
            raise ValueError(f"well_enough {self.well_enough} is more than the {self.relevant} relevant cases")
        return self


class PromptCount(Strict):
    """Cases a prompt applied to and how many were answered 'Yes'."""

    relevant: Count | Todo = Field(description="Cases the prompt was relevant to.")
    yes: Count | Todo = Field(description="Of those, cases answered 'Yes' (at most `relevant`).")


class KeyQuestionFindings(Strict):
    """Numbers for one key question: counts, or a published percentage where counts are not known."""

    relevant: Count | Todo | None = Field(None, description="Cases the key question was relevant to (0: not applicable).")
    yes: Count | Todo | None = Field(None, description="Of those, cases answered 'Yes' (at most `relevant`).")
    percent: Percent | Todo | None = Field(None, description="Only where the report publishes % 'Yes' alone.")
    prompts: dict[Id, PromptCount] = Field(default_factory=dict, description="Counts for each prompt of the key question, by prompt id.")
    narrative: Narrative | None = Field(None, description="Text under the key question's heading.")
    strengths: tuple[Markdown, ...] = Field((), description="Strengths under this key question (key judgement), one list item each.")
    areas_for_improvement: tuple[Markdown, ...] = Field((), description="Areas for improvement under this key question, one list item each.")
    sections: tuple[Section, ...] = Field((), description="Boxes and sections under the key question (placement after_strengths or after).")
    notes: Notes = ()

    @model_validator(mode="after")
    def _counts_or_percent(self) -> KeyQuestionFindings:
        has_counts = self.relevant is not None or self.yes is not None
        if has_counts and (self.relevant is None or self.yes is None):
            raise ValueError("give both relevant and yes")
        if has_counts and self.percent is not None:
            raise ValueError("give counts (relevant, yes) or percent, not both")
        return self


class Discretionary(Strict):
    """A ratings panel's decision to move a computed rating to the adjacent band."""

    rating: str = Field(description="The rating the panel gave: a word of the edition's scale, one band from the computed one.")
    rationale: Paragraph = Field(min_length=1, description="Why the panel moved the rating; printed beside the mark.")


class StandardFindings(Strict):
    """What the inspectors found on one standard: a rating (judgement) or case numbers, and text."""

    id: Id = Field(description="The standard's number in the edition, e.g. '2.1'.")
    rating: str | None = Field(None, description="Judgement standards only: the inspectors' rating.")
    cases: Count | Todo | None = Field(None, description="Cases inspected for this standard, where not the domain's.")
    introduction: Markdown | None = Field(None, description="Text straight after the standard's statement and rating.")
    strengths: tuple[Paragraph, ...] = Field((), description="Strengths, one list item each.")
    areas_for_improvement: tuple[Paragraph, ...] = Field((), description="Areas for improvement, one list item each.")
    key_questions: dict[Id, KeyQuestionFindings] = Field(default_factory=dict, description="Numbers and text for each key question, by key question id.")
    percent: Percent | Todo | None = Field(
        None,
        description="Percentage-method standards: the score; judgement standards with a score_statement: the published case assessment score.",
    )
    case_score: CaseScore | None = Field(None, description="The case assessment score from counts, where published (instead of percent).")
    overview: Markdown | None = Field(None, description="The standard's paragraph in the report's front summary (key findings, summary).")
    key_findings: tuple[Markdown, ...] = Field((), description="Numbered key findings.")
    explanation: tuple[Markdown | Section | ExplanationGroup, ...] = Field(
        (), description="Explanation of findings: numbered paragraphs, with boxes and headed groups between them.",
    )
    summary: Markdown | None = Field(None, description="Text straight after the key-question table.")
    narrative: Narrative | None = Field(None, description="Text closing the standard.")
    sections: tuple[Section, ...] = Field((), description="Titled sections (involvement of children, diversity, good practice).")
    discretion: Discretionary | None = Field(None, description="A ratings panel's move of a computed rating, with its rationale.")
    notes: Notes = ()


class Summary(Strict):
    """A domain's key findings as the overall findings section gives them: strengths, then 'But:'."""

    text: Markdown | None = Field(None, description="Text before the lists.")
    strengths: tuple[Markdown, ...] = Field((), description="Key findings that are strengths, one per item.")
    but: tuple[Markdown, ...] = Field((), description="The shortfalls, printed after 'But:'.")


class OverallFindings(Strict):
    """The report's front summary: the overall rating sentence, this text, then each domain's summary."""

    heading: str = Field("Overall findings", description="The section's heading.")
    text: Narrative | None = Field(None, description="After the overall rating sentence of the edition.")


class DomainFindings(Strict):
    """One domain of the edition: its summary and its standards."""

    id: Id = Field(description="The domain's number in the edition, e.g. '2'.")
    summary: Summary | None = Field(
        None, description="Key findings of the domain: in the overall findings section where there is one, "
        "else at the start of the chapter.",
    )
    cases: Count | Todo | None = Field(None, description="Cases inspected in this domain's sample.")
    introduction: Narrative | None = Field(None, description="Text opening the domain's chapter.")
    strengths: tuple[Paragraph, ...] = Field((), description="The domain's strengths, one list item each.")
    areas_for_improvement: tuple[Paragraph, ...] = Field((), description="The domain's areas for improvement, one list item each.")
    lead_in: Markdown | None = Field(None, description="Text leading into the standards.")
    sections: tuple[Section, ...] = Field((), description="Sections closing the domain.")
    standards: tuple[StandardFindings, ...] = Field(description="Every standard of the domain, in the edition's order.")
    notes: Notes = ()


class GlossaryEntry(Strict):
    term: str = Field(description="The term as it appears in the report.")
    definition: Paragraph


class Allowed(Strict):
    """A judged exception to a text check (checks/): this exact text is fine here, and why."""

    text: str = Field(min_length=1, description="The exact text as written in the findings, e.g. a word, a name or a whole quote; "
                      "every place it occurs is allowed.")
    why: str = Field(min_length=1, description="The reason it was judged fine, e.g. 'names were changed', 'as published'.")
    check: str | None = Field(None, description="The check it is allowed by (personal-data, spelling, plain-english, …); default: any.")


class Correction(Strict):
    """Where this report's printing words one statement or key question differently from its edition."""

    of: Id = Field(description="The standard whose statement, or the key question whose wording, this report prints "
                   "differently, e.g. '2.2' or '2.2.1'.")
    text: str = Field(min_length=1, description="The wording as this report prints it.")
    heading: str | None = Field(None, description="A key question only: its wording as a heading, where that differs too.")
    why: str = Field(min_length=1, description="Why it differs, e.g. 'as printed on page 22 of the published report'.")


class Findings(Strict):
    """Everything an inspection team writes down for one service's report."""

    edition: Id = Field(description="The framework edition: the name of a file in frameworks/, without '.yml'.")
    service: Service = Field(description="The service inspected.")
    inspection: Inspection = Field(description="Dates, people and figures of the inspection.")
    acknowledgements_note: Markdown | None = Field(None, description="A note closing the acknowledgements, e.g. that names were changed.")
    boilerplate: dict[Id, Markdown] = Field(
        default_factory=dict,
        description="This report's own text for a block of the edition's fixed wording (methodology, role, "
        "publication, …), printed as written in place of the edition's.",
    )
    introduction: Introduction = Field(description="The signed introduction or foreword.")
    overall_findings: OverallFindings | None = Field(None, description="The overall findings section after the ratings.")
    team: tuple[TeamRole, ...] = Field((), description="The inspection team, role by role, as acknowledged.")
    overall_assessment: Markdown | None = Field(None, description="The summary of the judgements as a whole, printed with them.")
    front_sections: tuple[Section, ...] = Field((), description="Sections before the chapters (diversity issues, key statistics).")
    recommendations: tuple[RecommendationGroup, ...] = Field(min_length=1, description="Recommendations grouped by addressee.")
    background: Narrative = Field("", description="The background chapter (older editions: 'Overview'), paragraphs separated by a blank line.")
    contextual_facts: tuple[FactTable, ...] = Field((), description="Tables of contextual facts (population, caseload).")
    domains: tuple[DomainFindings, ...] = Field(min_length=1, description="Every domain of the edition, in order.")
    annexes: tuple[Section, ...] = Field((), description="Annexes after the edition's own (methodology), numbered on.")
    glossary: tuple[GlossaryEntry, ...] = Field((), description="Terms and their definitions: the last numbered annexe.")
    footnotes: dict[Id, Paragraph] = Field(default_factory=dict, description="Footnote texts by name.")
    words: tuple[str, ...] = Field((), description="Words the spelling check accepts in this report (names of places, "
                                   "services and programmes): each one judged, none switched off for every report.")
    allow: tuple[Allowed, ...] = Field((), description="Judged exceptions to the text checks: the exact text, why, and which check.")
    corrections: tuple[Correction, ...] = Field(
        (), description="Statements or key questions this report's printing words differently from the edition, each with why.")
    notes: Notes = ()
