"""The ratings table as plain terminal text, for `reportgen check`."""

from __future__ import annotations

from .validate import Checked


def ratings_table(checked: Checked) -> str:
    edition, ratings = checked.edition, checked.ratings
    results = ratings.by_id()
    lines = [f"{checked.findings.service.name} ({edition.name})", ""]
    rows: list[tuple[str, str, str, str, str]] = [("", "Standard", "Key questions (% 'Yes', > lowest)", "Rating", "Score")]
    notes: list[str] = []
    for domain in edition.domains:
        rows.append((f"{domain.id}.", domain.name, "", "", ""))
        for standard in domain.standards:
            result = results[standard.id]
            if result.key_questions:
                kqs = "  ".join(
                    ("n/a" if kq.percent is None else f"{'>' if kq.id == result.lowest else ''}{kq.percent}%")
                    for kq in result.key_questions
                )
            elif result.percent is not None:
                kqs = f"{result.percent}%"
            else:
                kqs = "judgement"
            score = str(result.score) if result.scored else "not scored"
            rows.append((standard.id, standard.name, kqs, result.final + result.mark, score))
            if result.mark:
                notes.append(f"* {standard.id}: computed {result.computed}, moved by the ratings panel: {result.rationale}")
            elif result.openings and result.discretion_open:
                reasons = "; ".join(o.reason for o in result.openings if o.directions)
                notes.append(f"  {standard.id}: discretion open ({reasons})")
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    lines.append("")
    if ratings.overall is not None:
        lines.append(f"Score {ratings.score}/{ratings.max_score}  Overall rating: {ratings.overall}")
    else:
        lines.append(f"Score {ratings.score}/{ratings.max_score}  (this edition has no overall rating)")
    if notes:
        lines += ["", *notes]
    return "\n".join(lines)
