"""Counts in words: what a quantifier claims of a key question, and whether its figures deny it.

With counts ('yes' of 'relevant') a claim is simply true or false. A key question published only as
a percentage denies a claim only where no count within the sample could give both the percentage
and the words ('in every case' and 89% cannot both hold; 'in all but two cases' and 89% can: 16 of 18).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import TODO
from ..numbers import parse_number
from ..rate import percent


@dataclass(frozen=True)
class Claim:
    kind: str  # every, but, of, none
    n: int | None = None
    m: int | None = None


def quantifier(groups: dict) -> Claim | None:
    if groups.get("q_every"):
        return Claim("every")
    if groups.get("q_but"):
        n = parse_number(groups["but_n"])
        return Claim("but", n) if n is not None else None
    if groups.get("q_of"):
        n, m = parse_number(groups["of_n"]), parse_number(groups["of_m"])
        return Claim("of", n, m) if n is not None and m is not None and n <= m else None
    if groups.get("q_none"):
        return Claim("none", None, parse_number(groups["none_m"]) if groups.get("none_m") else None)
    return None


def contradicts(claim: Claim, relevant: int | None, yes: int | None, published: int | None, cases: int | None) -> str | None:
    """Why the figures deny the claim, or None (it holds, or the figures cannot say)."""
    if TODO in (relevant, yes, published, cases):
        return None  # not counted yet: readiness lists the TODO; the claim is weighed once there are figures
    if relevant is not None and yes is not None:
        if relevant == 0:
            return None  # not applicable: nothing to hold a count to
        holds = {"every": yes == relevant, "but": yes == relevant - (claim.n or 0),
                 "of": (yes, relevant) == (claim.n, claim.m), "none": yes == 0 and claim.m in (None, relevant)}[claim.kind]
        return None if holds else f"'Yes' in {yes} of {relevant} relevant cases ({percent(yes, relevant)}%)"
    if published is None:
        return None
    limit = cases or 200
    if claim.kind == "every":
        possible = published == 100
    elif claim.kind == "none":
        possible = published == 0
    elif claim.kind == "but":
        possible = any(percent(r - claim.n, r) == published for r in range(claim.n + 1, limit + 1))
    else:
        possible = claim.m <= limit and percent(claim.n, claim.m) == published
    within = f" of at most {cases}" if cases else ""
    return None if possible else f"{published}% 'Yes', which no count{within} of cases that fits these words gives"
