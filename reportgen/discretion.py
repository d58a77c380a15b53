"""Professional discretion in words, as `check` says it: why a rating resting on a key question may, or
may not, be moved (each condition of the edition's rules), and why a panel's move is refused. The
calculator (rate.py) gives the numbers; the words are the house's (templates/review.yml, discretion).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .rate import Opening, Refusal, StandardResult

if TYPE_CHECKING:
    from .house.review import Review


def reason(opening: Opening, review: Review) -> str:
    """One condition, held or not."""
    words = review.words.discretion
    if not opening.determinable:
        return review.say(words.not_determinable)
    return review.say(getattr(words, opening.condition), open=bool(opening.directions), percent=opening.percent,
                      boundaries=opening.boundaries, margin=opening.margin, yes=opening.yes, relevant=opening.relevant,
                      limit=opening.limit)


def reasons(openings: Iterable[Opening], review: Review) -> list[str]:
    return [reason(o, review) for o in openings]


def refusal(refused: Refusal, result: StandardResult, scale: list[str], review: Review) -> str:
    """What `check` expected instead of a panel's move the rules do not allow."""
    return review.say(getattr(review.words.discretion, refused.kind), scale=scale, computed=result.computed,
                      direction=refused.direction, reasons=reasons(result.openings, review))
