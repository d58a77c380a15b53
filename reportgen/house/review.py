"""The review tools' words (templates/review.yml, or a house's own): check's discretion reasons, a
draft's comments, compare's summary and page. Typed here and compiled when the house is read; the
tools give the facts, and every sentence a reader sees is filled in from these patterns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from .wording import Wording


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def patterns(self, at: tuple[str, ...] = ()) -> dict[tuple[str, ...], str]:
        """Every pattern by its place in the file, to compile when the house is read."""
        found: dict[tuple[str, ...], str] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, _Strict):
                found |= value.patterns((*at, name))
            elif isinstance(value, str):
                found[(*at, name)] = value
            elif isinstance(value, dict):
                found |= {(*at, name, key): text for key, text in value.items()}
        return found


class DiscretionWords(_Strict):
    boundary: str
    one_case: str
    small_sample: str
    not_determinable: str
    off_scale: str
    judged: str
    same: str
    skips: str
    closed: str


class CommentLabels(_Strict):
    summary: str
    warning: str
    discretion: str
    note: str


class Reasons(_Strict):
    not_determinable: str
    boundary: str
    no_boundary: str
    one_case_both: str
    one_case: str
    no_one_case: str
    small_sample: str
    no_small_sample: str


class DraftWords(_Strict):
    comment: str
    labels: CommentLabels
    checks: dict[str, str]
    warning: str
    footnote_call: str
    summary: str
    no_cases: str
    moved: str
    open: str
    closed: str
    move: str
    reasons: Reasons


class CompareWords(_Strict):
    heading: str
    intro: str
    none: str
    wrong_intro: str
    new_standard: str
    rating: str
    key_question: str
    percent: str
    score: str
    overall: str
    not_applicable: str
    not_rated: str
    no_overall: str
    wrong: str
    start: str
    in_table: str
    in_footnote: str


class ReviewWords(_Strict):
    discretion: DiscretionWords
    draft: DraftWords
    compare: CompareWords


class Review:
    """review.yml's patterns (`words`), filled in by the house's sandbox: `say(pattern, **facts)`."""

    def __init__(self, words: ReviewWords, wording: Wording):
        self.words, self._wording = words, wording

    def say(self, pattern: str, **facts: object) -> str:
        return self._wording.compiled(pattern).render(facts).strip()
