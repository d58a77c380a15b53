"""The programme's figures → what the page shows, in order: sections of paragraphs, charts and
tables, every table one source for its HTML and its CSV (so the two agree cell for cell)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from fractions import Fraction

from ..model import Edition, printed_date
from ..render.data import DataTable, short_name
from .columns import Column, Series
from .figures import Spread, change, direction, key_question_figures, of_series, rating_in, reinspected, spread
from .read import Inspection
from .words import Words


@dataclass(frozen=True)
class Cell:
    text: str
    rating: bool = False  # a rating word: coloured by its edition's scale
    header: bool = False  # the row's header cell


@dataclass(frozen=True)
class Group:
    """Rows of one edition (a tbody), whose rating words take that edition's colours."""

    edition: str | None
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Table:
    caption: str
    section: str  # the heading the table sits under
    header: tuple[str, ...]
    groups: tuple[Group, ...]
    notes: tuple[str, ...] = ()
    kind: str = ""  # 'ratings': one row per inspection (print sets its columns' widths)

    def data(self, number: int) -> DataTable:
        rows = tuple(tuple(c.text for c in row) for g in self.groups for row in g.rows)
        # the whole caption names the file: its last clause names the editions, which tell the tables apart
        return DataTable(number, self.caption, self.section, self.header, rows, self.notes, short=short_name(self.caption, clause=False))


@dataclass(frozen=True)
class SpreadChart:
    key: str
    title: str
    rows: tuple[Spread, ...]
    series: Series


@dataclass(frozen=True)
class Block:
    heading: str | None = None
    paragraphs: tuple[str, ...] = ()
    chart: SpreadChart | None = None
    table: Table | None = None
    items: tuple[str, ...] = ()  # a list under the table: moved ratings, changes, the editions
    closing: tuple[str, ...] = ()  # paragraphs after the list


@dataclass(frozen=True)
class Section:
    ident: str
    heading: str
    intro: tuple[str, ...]
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ProgrammeView:
    """Also what render/ods.py and the CSVW metadata read: title, published, issued, modified."""

    title: str
    published: str  # the month of the latest inspection, 'October 2022'
    issued: object  # its date
    modified: datetime
    year: int
    summary: str
    sections: tuple[Section, ...]
    editions: tuple[Edition, ...] = ()  # in the order of their series, for the rating colours

    def tables(self) -> list[Table]:
        return [b.table for s in self.sections for b in s.blocks if b.table is not None]


def percent(value: Fraction | int) -> str:
    value = Fraction(value)
    return f"{value.numerator // value.denominator}%" if value.denominator == 1 else f"{float(value):.1f}%"


def month(inspection: Inspection) -> str:
    return printed_date(inspection.published)


class Composer:
    """Builds the sections from the inspections of the period, worded by `say`."""

    def __init__(self, inspections: list[Inspection], all_series: list[Series], say: Words):
        self.inspections, self.all_series, self.say = inspections, all_series, say

    def series_name(self, series: Series) -> str:
        return self.say.join([e.id for e in series.editions])

    def series_heading(self, series: Series) -> str | None:
        """A sub-heading naming the series' editions in full, where the page has several series."""
        return self.say("series", names=self.say.join([e.name for e in series.editions])) if len(self.all_series) > 1 else None

    def rating_columns(self, series: Series, inspections: list[Inspection]) -> list[Column]:
        return [c for c in series.columns if any(rating_in(c, i) for i in inspections)]

    def ratings_table(self, inspections: list[Inspection], section: str, caption: str) -> tuple[Table, tuple[str, ...]]:
        """One row per inspection: service, month, edition, each standard, score, overall."""
        say = self.say
        columns = [(s, c) for s in self.all_series for c in self.rating_columns(s, inspections)]
        overall = self.overall_columns(inspections)
        header = [say("service"), say("published"), say("edition"), *(c.label for _, c in columns)]
        for editions, maximum, suffix in overall:
            header += [say("score_out_of", maximum=maximum, editions=suffix) if maximum else say("score", editions=suffix),
                       say("overall", editions=suffix)]
        groups: list[Group] = []
        moved: list[str] = []
        for inspection in inspections:
            row = [Cell(inspection.service, header=True), Cell(month(inspection)), Cell(inspection.edition)]
            for _, column in columns:
                rating = rating_in(column, inspection)
                row.append(Cell(rating.final + rating.mark, rating=True) if rating else Cell(""))
                if rating and rating.mark:
                    moved.append(say("moved", service=inspection.short_name, published=month(inspection), standard=column.label,
                                     computed=rating.computed, final=rating.final))
            for editions, maximum, _ in overall:
                if inspection.edition in editions and inspection.overall:
                    score = str(inspection.score) if maximum else f"{inspection.score}/{inspection.max_score}"
                    row += [Cell(score), Cell(inspection.overall, rating=True)]
                else:
                    row += [Cell(""), Cell("")]
            if groups and groups[-1].edition == inspection.edition:
                groups[-1] = Group(inspection.edition, groups[-1].rows + (tuple(row),))
            else:
                groups.append(Group(inspection.edition, (tuple(row),)))
        return Table(caption, section, tuple(header), tuple(groups), tuple(moved), "ratings"), tuple(moved)

    def overall_columns(self, inspections: list[Inspection]) -> list[tuple[frozenset[str], int | None, str]]:
        """The score and overall rating columns: one for the editions of a series whose overall
        ratings correspond, else one per edition — (editions, the maximum score where all share it,
        the words naming the editions where there are several columns)."""
        found: list[frozenset[str]] = []
        for series in self.all_series:
            rated = [e.id for e in series.editions if any(i.edition == e.id and i.overall for i in inspections)]
            found += [frozenset(rated)] if series.overall and rated else [frozenset({e}) for e in rated]
        columns = []
        for editions in found:
            maxima = {i.max_score for i in inspections if i.edition in editions and i.overall}
            suffix = self.say.join(sorted(editions)) if len(found) > 1 else ""
            columns.append((editions, next(iter(maxima)) if len(maxima) == 1 else None, suffix))
        return columns

    def ratings(self) -> Section:
        say, heading = self.say, self.say("ratings")
        blocks = []
        for series in self.all_series:
            members = sorted(of_series(series, self.inspections), key=lambda i: (series.ids.index(i.edition), i.published, i.area_key))
            name = self.series_name(series)
            composer = Composer(members, [series], say)
            table, moved = composer.ratings_table(members, heading, say("ratings_caption", count=len(members), editions=name))
            blocks.append(Block(self.series_heading(series), table=table, items=moved))
        return Section("ratings", heading, (say("ratings_intro"),), tuple(blocks))

    def spread(self) -> Section:
        say, heading = self.say, self.say("spread")
        blocks = []
        for n, series in enumerate(self.all_series, 1):
            rows = spread(series, of_series(series, self.inspections), say("overall"))
            name = self.series_name(series)
            words = [r.name for r in series.scale]
            body = tuple((Cell(r.label, header=True), *(Cell(str(c)) for _, c in r.counts), Cell(str(r.total))) for r in rows)
            table = Table(say("spread_caption", editions=name), heading, (say("standard"), *words, say("count")), (Group(None, body),))
            chart = SpreadChart(f"spread-{n}", say("chart_title", editions=name), tuple(rows), series)
            blocks.append(Block(self.series_heading(series), chart=chart, table=table))
        return Section("spread", heading, (say("spread_intro"),), tuple(blocks))

    def key_questions(self) -> Section:
        say, heading = self.say, self.say("key_questions")
        blocks = []
        for series in self.all_series:
            figures = key_question_figures(series, of_series(series, self.inspections), say("case_assessment_score"))
            if not figures:
                continue
            rows = tuple((Cell(f.standard), Cell(f.question, header=True), Cell(percent(f.median)), Cell(percent(min(f.values))),
                          Cell(percent(max(f.values))), Cell(str(len(f.values)))) for f in figures)
            name = self.series_name(series)
            header = (say("standard"), say("key_question"), say("median"), say("lowest"), say("highest"), say("count"))
            table = Table(say("key_questions_caption", editions=name), heading, header, (Group(None, rows),))
            blocks.append(Block(self.series_heading(series), table=table))
        return Section("key-questions", heading, (say("key_questions_intro"),), tuple(blocks))

    def reinspections(self) -> Section:
        say, heading = self.say, self.say("reinspections")
        blocks = []
        for group in reinspected(self.inspections):
            area = group[-1].area
            table, _ = self.ratings_table(group, heading, say("reinspection_caption", area=area))
            blocks.append(Block(area, table=table))
            blocks += [self.change_words(before, after) for before, after in zip(group, group[1:])]
        intro = (say("reinspections_intro"),) + (() if blocks else (say("no_reinspections"),))
        return Section("reinspections", heading, intro, tuple(blocks))

    def change_words(self, before: Inspection, after: Inspection) -> Block:
        """What changed from one inspection of an area to the next: a paragraph, each standard
        that moved in a list, then what kept its rating and what could not be compared."""
        say = self.say
        found = change(before, after, self.all_series)
        opening = [say("change_opening", area=after.area, before=month(before), before_service=before.service,
                       before_edition=before.edition, after=month(after), after_service=after.service, after_edition=after.edition)]
        if not found.comparable:
            return Block(paragraphs=(" ".join([*opening, say("change_other_framework", before_edition=before.edition,
                                                               after_edition=after.edition)]),))
        series = next(s for s in self.all_series if before.edition in s.ids)
        if found.overall:
            score = say("change_score", old=found.score[0], new=found.score[1], maximum=found.score[2]) if found.score else ""
            up = direction(found, {r.name: n for n, r in enumerate(series.scale)}) > 0
            opening.append(say("change_overall", old=found.overall[0], new=found.overall[1], up=up, score=score))
        items = tuple(say(key, standard=s, old=o, new=n) for key, moves in (("change_improved", found.improved), ("change_declined", found.declined))
                      for s, o, n in moves)
        closing = []
        compared = len(found.improved) + len(found.declined) + len(found.unchanged)
        if found.unchanged:
            closing.append(say("change_unchanged", count=len(found.unchanged), total=compared))
        elif not compared:
            closing.append(say("change_none_compared"))
        if found.only_before or found.only_after:
            closing.append(say("change_only", items=say.join([*found.only_before, *found.only_after])))
        return Block(paragraphs=(" ".join(opening),), items=items, closing=tuple(closing))

    def editions(self, editions: dict[str, Edition]) -> Section:
        counts = {e: sum(i.edition == e for i in self.inspections) for e in editions}
        items = tuple(self.say("edition_entry", id=e.id, name=e.name, count=counts[e.id])
                      for s in self.all_series for e in s.editions)
        return Section("editions", self.say("editions"), (self.say("editions_intro"),), (Block(items=items),))


def compose(inspections: list[Inspection], all_series: list[Series], editions: dict[str, Edition], say: Words,
            source_date_epoch: int | None = None, period: tuple[str | None, str | None] = (None, None)) -> ProgrammeView:
    """The page's content. `inspections` are those of the `period` asked for (YYYY-MM or None at
    either end), in order (figures.in_period); the title names the period, else their months."""
    composer = Composer(inspections, all_series, say)
    first, last = (month(inspections[0]), month(inspections[-1])) if inspections else ("", "")
    asked = [datetime.strptime(m, "%Y-%m").strftime("%B %Y") if m else None for m in period]
    title = say("title", first=asked[0] or first, last=asked[1] or last)
    latest = inspections[-1].published if inspections else datetime.strptime(period[1] or period[0] or "1970-01", "%Y-%m").date()
    modified = (datetime.fromtimestamp(source_date_epoch, timezone.utc) if source_date_epoch is not None
                else datetime(latest.year, latest.month, latest.day, tzinfo=timezone.utc))
    sections = (composer.ratings(), composer.spread(), composer.key_questions(), composer.reinspections(),
                composer.editions(editions)) if inspections else ()
    summary = say("summary", inspections=len(inspections), services=len({i.area_key for i in inspections}),
                  editions=len({i.edition for i in inspections}), first=first, last=last) if inspections else say("nothing")
    return ProgrammeView(title, last or latest.strftime("%B %Y"), latest, modified, latest.year, summary, sections,
                         tuple(e for s in all_series for e in s.editions))
