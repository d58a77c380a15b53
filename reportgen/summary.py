"""The ratings table as plain terminal text, for `reportgen check`.

Its columns are named by the edition (standard / section / theme; the evidence behind a rating;
the score, where the edition publishes numeric scores), so any edition's table reads in its own words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .discretion import reasons
from .model import TODO
from .rate import StandardResult
from .validate import Checked

if TYPE_CHECKING:
    from .house.review import Review


def evidence(result: StandardResult) -> str:
    """What a rating rests on: key-question percentages (the lowest marked '>'), a case assessment score, or judgement."""
    if result.key_questions:
        return "  ".join(
            ("TODO" if kq.todo else "n/a" if kq.percent is None else f"{'>' if kq.id == result.lowest else ''}{kq.percent}%")
            for kq in result.key_questions
        )
    if result.percent is not None:
        return f"{result.percent}%"
    return "judgement"


def ratings_table(checked: Checked, review: Review) -> str:
    """The table `check` prints; `review` words why discretion is open (templates/review.yml)."""
    edition, ratings = checked.edition, checked.ratings
    labels = edition.labels
    results = ratings.by_id()
    with_numbers = any(r.key_questions or r.percent is not None for r in ratings.standards)
    lines = [f"{checked.findings.service.name} ({edition.name})", ""]
    header = ["", labels.standard, *([labels.key_questions] if with_numbers else []), "Rating", *([labels.score] if labels.score else [])]
    rows: list[list[str]] = [header]
    notes: list[str] = []
    for domain in edition.domains:
        area = ratings.area(domain.id)
        if area is not None:  # an area of work rated as a whole: its rating on its own row
            rows.append([f"{domain.id}.", domain.name, *([""] if with_numbers else []), area.rating,
                         *([str(area.score)] if labels.score else [])])
        elif len(edition.domains) > 1:
            rows.append([f"{domain.id}.", domain.name] + [""] * (len(header) - 2))
        for standard in domain.standards:
            result = results[standard.id]
            row = [standard.id, standard.name, *([evidence(result)] if with_numbers else []), result.final + result.mark]
            if labels.score:
                row.append(("TODO" if result.final == TODO else str(result.score)) if result.scored else "not scored")
            rows.append(row)
            if result.mark:
                notes.append(f"* {standard.id}: computed {result.computed}, moved by the ratings panel: {result.rationale}")
            elif result.openings and result.discretion_open:
                held = "; ".join(reasons((o for o in result.openings if o.directions), review))
                notes.append(f"  {standard.id}: discretion open ({held})")
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    lines.append("")
    if ratings.overall is not None:
        lines.append(f"Score {ratings.score}/{ratings.max_score}  Overall rating: {ratings.overall}")
    else:
        lines.append(f"No overall rating: {edition.name} gives none.")
    if notes:
        lines += ["", *notes]
    return "\n".join(lines)
