"""The data behind a printed table whose layout is not data: ratings, key questions, prompts.

A printed ratings table groups its standards under domain rows and puts the total score where a
rating goes; a key-question table marks the lowest in bold. As data each is one row per thing
with its ids — one row per standard (domain, standard, rating, rating by the rules, discretion,
its part of the overall score), per key question (standard, id, wording, relevant cases, 'Yes',
% 'Yes', lowest) or per prompt — read from the view, never from the printed cells. The templates say which table is
which by a mark on its header (`meta(data="ratings")`, data="key-questions", standard=…);
every other table is published as printed (data.py). Column titles, captions and file names are
the publisher's words (templates/brand.yml labels: data_*, column_*).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..view import KeyQuestionRow, ReportView, StandardView

Cell = str


@dataclass(frozen=True)
class Tidy:
    """One tidy table: what it is (`key`), its file's short name, caption, columns (CSVW name, title, datatype), rows."""

    key: tuple[str, ...]
    short: str
    caption: str
    columns: tuple[tuple[str, str, str], ...]
    rows: tuple[tuple[Cell, ...], ...]
    primary_key: tuple[str, ...]
    description: str = ""


def tidy_table(meta: Mapping[str, object], view: ReportView, words: Mapping[str, str]) -> Tidy | None:
    """The tidy table a printed table's header mark names; None for a table printed as data already."""
    kind = meta.get("data")
    if kind == "ratings":
        return _ratings(view, words, bool(meta.get("domains")))
    standards = {s.id: s for s in view.standards}
    if kind == "key-questions" and meta.get("standard") in standards:
        return _key_questions(standards[str(meta["standard"])], view, words)
    if kind == "prompts":
        found = [(s, kq) for s in view.standards for kq in s.key_questions if kq.id == meta.get("key_question")]
        return _prompts(*found[0], view, words) if found else None
    return None


def _text(value: object) -> Cell:
    """A value as its cell: a number as its digits, nothing as an empty cell (not applicable)."""
    return "" if value is None else str(value)


NUMBERS = frozenset({"score", "case_score", "relevant", "yes_count", "percent"})  # every other column is text: ids ('2.10') too


def _columns(words: Mapping[str, str], view: ReportView, *names: str) -> tuple[tuple[str, str, str], ...]:
    """(CSVW name, title, datatype) of each column; {standard} in a title is what the edition calls one."""
    return tuple((name, words[f"column_{name}"].format(standard=view.edition.labels.standard),
                  "number" if name in NUMBERS else "string") for name in names)


def _ratings(view: ReportView, words: Mapping[str, str], domains: bool) -> Tidy:
    scores = view.edition.labels.score is not None  # an edition that publishes no numeric score has none here
    percent = any(s.result.percent is not None for s in view.standards)  # a case assessment score (%)
    areas = domains and any(d.rating is not None for d in view.domains)  # domains rated as areas of work, as the table prints
    names = (("domain", "domain_name") if domains else ()) + (("domain_rating",) if areas else ()) + (
        "standard", "standard_name", "rating", "rating_by_rules", "discretion") + (("score",) if scores else ()) + (
        ("case_score",) if percent else ())
    rows = []
    for domain in view.domains:
        for s in domain.standards:
            result = s.result
            row = ((domain.id, domain.name) if domains else ()) + ((_text(domain.rating),) if areas else ()) + (
                s.id, s.standard.name, result.final, result.computed, words["yes"] if result.final != result.computed else words["no"])
            score = result.score if result.scored else None  # a standard the edition does not score has none
            rows.append(row + ((_text(score),) if scores else ()) + ((_text(result.percent),) if percent else ()))
    ratings = view.ratings
    overall = (words["data_ratings_overall"].format(rating=ratings.overall, score=ratings.score, max_score=ratings.max_score)
               if ratings.overall else "")
    caption = words["data_ratings_caption_scored" if scores else "data_ratings_caption"].format(standard=view.edition.labels.standard.lower())
    return Tidy(("ratings",), words["data_ratings_file"], caption, _columns(words, view, *names),
                tuple(rows), ("standard",), overall)


def _key_questions(s: StandardView, view: ReportView, words: Mapping[str, str]) -> Tidy:
    names = ("standard", "key_question", "question", "relevant", "yes_count", "percent", "lowest")
    rows = tuple((s.id, kq.id, kq.text, _text(kq.relevant), _text(kq.yes), _text(kq.percent), _lowest(kq, words))
                 for kq in s.key_questions)
    facts = {"standard": s.id, "name": s.standard.name, "file_id": s.id.replace(".", "-")}
    return Tidy(("key-questions", s.id), words["data_key_questions_file"].format(**facts),
                words["data_key_questions_caption"].format(**facts), _columns(words, view, *names), rows, ("key_question",))


def _lowest(kq: KeyQuestionRow, words: Mapping[str, str]) -> Cell:
    return words["yes"] if kq.lowest else words["no"]


def _prompts(s: StandardView, kq: KeyQuestionRow, view: ReportView, words: Mapping[str, str]) -> Tidy:
    names = ("key_question", "prompt", "question", "relevant", "yes_count")
    rows = tuple((kq.id, p.id, p.text, _text(p.relevant), _text(p.yes)) for p in kq.prompts)
    facts = {"key_question": kq.id, "file_id": kq.id.replace(".", "-"), "standard": s.id, "name": s.standard.name}
    return Tidy(("prompts", kq.id), words["data_prompts_file"].format(**facts), words["data_prompts_caption"].format(**facts),
                _columns(words, view, *names), rows, ("prompt",))
