"""Checked findings + ratings → the typed context the report templates read.

Pure: every number a reader sees (percentages, counts, scores, the recommendation count) is
put here by Python from the calculator's result, so templates only arrange and word them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from .names import rating_class
from .model import TODO, DomainFindings, Edition, Findings, KeyQuestion, Standard, StandardFindings, printed_date
from .rate import Ratings, StandardResult

if TYPE_CHECKING:  # validate reaches view through markup → parse
    from .house import House
    from .validate import Checked
    from .house.wording import Wording

UNDATED = date(1990, 1, 1)  # documents' metadata for a report not dated yet: the earliest the findings allow


@dataclass(frozen=True)
class PromptRow:
    id: str
    text: str
    relevant: int | str  # TODO while not counted
    yes: int | str


@dataclass(frozen=True)
class KeyQuestionRow:
    id: str
    text: str
    heading: str
    footnote: str | None  # footnote label on this row of the key-question table
    relevant: int | str | None  # TODO while not counted
    yes: int | str | None
    percent: int | None
    lowest: bool
    subsample: str | None  # heading of the prompt table, with its count filled in
    prompts: tuple[PromptRow, ...]
    narrative: str | None
    todo: bool = False  # counts still TODO: the table says so, not 'Not applicable'


@dataclass(frozen=True)
class StandardView:
    standard: Standard
    found: StandardFindings
    result: StandardResult
    cases: int | None
    key_questions: tuple[KeyQuestionRow, ...]
    discretion: str = ""  # where a ratings panel moved the rating: the edition's note, printed by the rating
    rationale: str = ""  # and the panel's reason, a paragraph of its own after the note
    discretion_key: str = ""  # its line in the key under the ratings table

    @property
    def id(self) -> str:
        return self.standard.id

    @property
    def noun(self) -> str:
        return self.standard.noun or self.standard.name.lower()

    @property
    def counted(self) -> bool:
        """True when every key question gives its counts, so a table of relevant / 'Yes' cases can be printed."""
        return all(kq.relevant is not None for kq in self.key_questions if kq.percent is not None)

    @property
    def rating(self) -> str:
        """The final rating as printed, with the discretion mark where the panel moved it."""
        return self.result.final + self.result.mark

    @property
    def heading(self) -> str:
        """The standard's chapter heading: the edition's, else '<id>. <name>'."""
        return self.standard.heading or f"{self.standard.id}. {self.standard.name}"

    @property
    def score_sentence(self) -> str | None:
        """The edition's sentence stating the case assessment score, with the score filled in."""
        if self.standard.score_statement is None or self.result.percent is None:
            return None
        return self.standard.score_statement.replace("{percent}", str(self.result.percent))


@dataclass(frozen=True)
class DomainView:
    id: str
    name: str
    heading: str
    found: DomainFindings
    standards: tuple[StandardView, ...]
    ratings_footnote: str | None
    rating: str | None = None  # where the edition rates the domain as an area of work (TODO while not rated yet)


@dataclass(frozen=True)
class Recommendation:
    number: int
    text: str
    owner: str | None = None  # the post accountable for it, where the edition names one


@dataclass(frozen=True)
class RecommendationGroup:
    addressee: str
    recommendations: tuple[Recommendation, ...]


@dataclass(frozen=True)
class ReportView:
    findings: Findings
    edition: Edition
    ratings: Ratings
    title: str
    published: str  # 'August 2021' (TODO while not dated)
    year: int | str
    domains: tuple[DomainView, ...]
    recommendations: tuple[RecommendationGroup, ...]
    recommendation_count: int
    modified: datetime  # the documents' modification time: SOURCE_DATE_EPOCH, else the publication date
    publisher: str  # the publisher's name as the report prints it: the house's brand, not Python
    generated_footnotes: dict[str, str] = field(default_factory=dict)
    draft: bool = False  # build --draft: a reviewer's copy, marked DRAFT, with comments

    @property
    def service(self):
        return self.findings.service

    @property
    def inspection(self):
        return self.findings.inspection

    @property
    def issued(self) -> date:
        """The publication date (documents' metadata, the data downloads' dc:issued; the programme view has its
        own); a report not dated yet (published: TODO) takes UNDATED, and prints TODO where a reader sees the date."""
        published = self.findings.inspection.published
        return published if isinstance(published, date) else UNDATED

    @property
    def standards(self) -> tuple[StandardView, ...]:
        """Every standard (section, theme) in framework order, across domains."""
        return tuple(s for d in self.domains for s in d.standards)

    @property
    def cases(self) -> dict[str, int | None]:
        return {d.id: d.found.cases for d in self.domains}

    @property
    def footnotes(self) -> dict[str, str]:
        """Every footnote the report may refer to: the edition's, the findings', the generated ones."""
        return {**self.edition.footnotes, **self.findings.footnotes, **self.generated_footnotes}

    def rating_class(self, rating: str) -> str:
        return rating_class(rating)


def build_view(checked: Checked, house: House, source_date_epoch: int | None = None) -> ReportView:
    """The template context; `source_date_epoch` (reproducible-builds.org) fixes the modification time."""
    edition, findings, ratings = checked.edition, checked.findings, checked.ratings
    results = ratings.by_id()
    found_domains = {d.id: d for d in findings.domains}
    generated: dict[str, str] = {}
    domains = []
    for domain in edition.domains:
        found_domain = found_domains[domain.id]
        found_standards = {s.id: s for s in found_domain.standards}
        standards = []
        for standard in domain.standards:
            found = found_standards[standard.id]
            result = results[standard.id]
            cases = found.cases if found.cases is not None else found_domain.cases
            standards.append(_standard_view(standard, found, result, cases, edition, findings, generated, house.wording))
        if domain.ratings_footnote:
            generated[f"domain-{domain.id}"] = domain.ratings_footnote
        area = ratings.area(domain.id)
        domains.append(
            DomainView(
                domain.id, domain.name, domain.heading or f"{domain.id}. {domain.name}", found_domain,
                tuple(standards), f"domain-{domain.id}" if domain.ratings_footnote else None,
                area.rating if area else None,
            )
        )
    number = 0
    groups = []
    for group in findings.recommendations:
        items = []
        for item in group.recommendations:
            number += 1
            if isinstance(item, str):
                items.append(Recommendation(number, item))
            else:
                items.append(Recommendation(number, item.text, item.owner))
        groups.append(RecommendationGroup(group.addressee, tuple(items)))
    published = findings.inspection.published
    dated = published if isinstance(published, date) else UNDATED  # TODO: an outline still being filled in
    modified = (
        datetime.fromtimestamp(source_date_epoch, timezone.utc)
        if source_date_epoch is not None
        else datetime(dated.year, dated.month, dated.day, tzinfo=timezone.utc)
    )
    return ReportView(
        findings=findings,
        edition=edition,
        ratings=ratings,
        title=edition.title.format(
            kind=findings.inspection.kind, area=findings.service.area,
            service=findings.service.name, short_name=findings.service.short_name,
        ),
        published=printed_date(published) if isinstance(published, date) else TODO,
        year=published.year if isinstance(published, date) else TODO,
        domains=tuple(domains),
        recommendations=tuple(groups),
        recommendation_count=number,
        modified=modified,
        publisher=house.brand.publisher.name,
        generated_footnotes=generated,
    )


def _standard_view(
    standard: Standard, found: StandardFindings, result: StandardResult, cases: int | None,
    edition: Edition, findings: Findings, generated: dict[str, str], wording: Wording,
) -> StandardView:
    percents = {kq.id: kq for kq in result.key_questions}
    rows = []
    for kq in standard.key_questions:
        found_kq = found.key_questions.get(kq.id)
        rows.append(_key_question_row(kq, found_kq, percents.get(kq.id), result.lowest == kq.id, generated))
    if standard.method == "cases":
        generated[f"rating-{standard.id}"] = wording.say(edition, findings, "rating_footnote", annex=edition.printing.annex_names())
        if standard.table_footnote:
            generated[f"table-{standard.id}"] = standard.table_footnote
    discretion = key = ""
    if result.mark:  # wording from the edition: no sentence here
        moved = {"computed": result.computed, "final": result.final, "mark": result.mark,
                 "standard": f"{standard.id} {standard.name}"}
        discretion = wording.say(edition, findings, "discretion_note", **moved)
        key = wording.say(edition, findings, "discretion_key", **moved)
    return StandardView(standard, found, result, cases, tuple(rows), discretion, result.rationale or "", key)


def _key_question_row(kq: KeyQuestion, found, rated, lowest: bool, generated: dict[str, str]) -> KeyQuestionRow:
    label = None
    if kq.footnote:
        label = f"kq-{kq.id}"
        generated[label] = kq.footnote
    relevant = found.relevant if found else None
    prompts = tuple(
        PromptRow(p.id, p.text, found.prompts[p.id].relevant, found.prompts[p.id].yes)
        for p in kq.prompts
        if found and p.id in found.prompts
    )
    return KeyQuestionRow(
        id=kq.id,
        text=kq.text,
        heading=kq.heading or kq.text,
        footnote=label,
        relevant=relevant,
        yes=found.yes if found else None,
        percent=rated.percent if rated else None,
        lowest=lowest,
        subsample=kq.subsample.format(n=relevant) if relevant is not None and prompts else None,
        prompts=prompts,
        narrative=found.narrative if found else None,
        todo=bool(rated and rated.todo),
    )
