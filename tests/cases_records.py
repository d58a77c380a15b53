"""Case records for tests: the rows a team would have recorded to publish a real report's figures.

`published_rows(checked)` gives, per case sample, one row per case whose sums are the report's
counts (the first `yes` relevant cases answered Yes, the rest of the relevant ones No, the others
N/A; each prompt likewise among its key question's relevant cases). Where a report publishes only a
percentage (Havering), the key question's counts are the largest sample whose percentage rounds to it.
`placeholder_copy` is the report with every such count replaced by the scaffold's 1 / 0.
"""

from __future__ import annotations

from pathlib import Path

from reportgen.cases.samples import samples
from reportgen.rate import percent
from reportgen.validate import Checked

from .variants import Variant


def reference(sample: str, index: int) -> str:
    return f"REF-{sample}-{index + 1:03d}"


def key_question_counts(kq, cases: int | None) -> tuple[int, int]:
    """Its counts; for a percentage, the largest sample within `cases` that rounds to it (the smallest, if no
    sample size is published)."""
    if kq.relevant is not None:
        return kq.relevant, kq.yes
    sizes = range(cases, 0, -1) if cases else range(1, 126)
    return next((r, y) for r in sizes for y in range(r, -1, -1) if percent(y, r) == kq.percent)


def published_rows(checked: Checked) -> dict[str, list[list[str]]]:
    domains = {d.id: d for d in checked.findings.domains}
    out: dict[str, list[list[str]]] = {}
    for sample in samples(checked.edition):
        domain = domains[sample.id]
        kqs = {k: v for s in domain.standards for k, v in s.key_questions.items()}
        size = domain.cases or max(key_question_counts(kq, None)[0] for kq in kqs.values())
        rows = [[reference(sample.id, i)] + [""] * len(sample.columns) for i in range(size)]
        counts: dict[str, tuple[int, int]] = {}
        for j, column in enumerate(sample.columns, start=1):
            if column.is_prompt:
                parent = counts[column.key_question]
                prompt = kqs[column.key_question].prompts.get(column.id.rsplit(".", 1)[1])
                relevant, yes = (prompt.relevant, prompt.yes) if prompt else parent
            else:
                relevant, yes = counts[column.id] = key_question_counts(kqs[column.id], domain.cases)
                parent = (relevant, yes)
            for i, row in enumerate(rows):
                if column.is_prompt and i >= parent[0]:
                    row[j] = "N/A"  # the key question does not apply to this case
                else:
                    row[j] = "Yes" if i < yes else "No" if i < relevant else "N/A"
        out[sample.id] = rows
    return out


def placeholder_copy(name: str | Path, checked: Checked) -> Variant:
    """The report with its domains' and standards' cases at 1 and every key question and prompt at 1 / 0
    (a key question given as a percentage becomes relevant 1, yes 0: the counts it will be computed from)."""
    variant = Variant(name)
    counted = {s.id for s in checked.edition.standards() if s.method == "cases"}
    for domain in checked.findings.domains:
        if not any(s.id in counted for s in domain.standards):
            continue
        if domain.cases is not None:
            variant.set(f'domains["{domain.id}"].cases', 1)
        for standard in domain.standards:
            at = f'domains["{domain.id}"].standards["{standard.id}"]'
            if standard.cases is not None:
                variant.set(f"{at}.cases", 1)
            for kq_id, kq in standard.key_questions.items():
                where = f'{at}.key_questions["{kq_id}"]'
                if kq.percent is not None:
                    variant.set(where, {"relevant": 1, "yes": 0})
                    continue
                variant.set(f"{where}.relevant", 1).set(f"{where}.yes", 0)
                for prompt in kq.prompts:
                    variant.set(f"{where}.prompts.{prompt}.relevant", 1).set(f"{where}.prompts.{prompt}.yes", 0)
    return variant
