"""Counts → the findings file, in place: ruamel.yaml's round trip, so only the counts change.

Every `cases`, `relevant` and `yes` the findings hold for the imported samples is set from the
sums (a domain without `cases` gets one; a key question given as a published `percent` gets the
counts that replace it). Comments, key order, quoting and flow style (`{relevant: 9, "yes": 9}`)
are kept. The new text is checked before anything is written, and what moved is said: counts,
key-question percentages, standard ratings, the score and the overall rating, before → after.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from ..errors import ReportError
from ..load import parse_yaml
from ..rate import percent
from ..rewrite import round_trip
from ..validate import Checked, check
from .sums import Count, Sums


@dataclass(frozen=True)
class Applied:
    text: str  # the findings file with the new counts
    counts: tuple[str, ...]  # one line per count that moved
    ratings: tuple[str, ...]  # one line per percentage, rating, score or overall rating that moved
    after: Checked


def apply(text: str, sums: dict[str, Sums], display: str) -> Applied:
    """`text` (a findings file) with the counts of `sums` written in; raises ReportError if the result does not check."""
    yaml, document = round_trip(text)
    moved: list[str] = []
    for domain in document.get("domains") or ():
        found = sums.get(str(domain.get("id")))
        if found is None:
            continue
        moved += _set(domain, "cases", found.cases, f"domain {found.sample} cases", add=True)
        for standard in domain.get("standards") or ():
            sid = str(standard.get("id"))
            if sid in found.standards and "cases" in standard:
                moved += _set(standard, "cases", found.standards[sid], f"{sid} cases")
            for kq_id, kq in (standard.get("key_questions") or {}).items():
                count = found.questions.get(str(kq_id))
                if count is None or not isinstance(kq, dict):
                    continue
                moved += _key_question(kq, str(kq_id), count)
                for prompt_id, prompt in (kq.get("prompts") or {}).items():
                    if (pcount := found.questions.get(f"{kq_id}.{prompt_id}")) is not None and isinstance(prompt, dict):
                        moved += _counts(prompt, f"{kq_id}.{prompt_id}", pcount)
    out = io.StringIO()
    yaml.dump(document, out)
    rewritten = out.getvalue()
    after = check(parse_yaml(rewritten, display))  # never write findings that no longer check
    return Applied(rewritten, tuple(moved), tuple(_rating_lines(text, display, after)), after)


def _set(mapping, key: str, value: int, label: str, *, add: bool = False) -> list[str]:
    if key not in mapping and not add:
        return []
    old = mapping.get(key)
    if old == value:
        return []
    if key not in mapping:  # next to the item's id, where an inspector would write it
        mapping.insert(list(mapping).index("id") + 1 if "id" in mapping else 0, key, value)
    mapping[key] = value
    return [f"{label}: {'none' if old is None else old} → {value}"]


def _key_question(kq, kq_id: str, count: Count) -> list[str]:
    if "percent" in kq and "relevant" not in kq:  # a published percentage gives way to the counts it came from
        old = kq["percent"]
        position = list(kq).index("percent")
        del kq["percent"]
        kq.insert(position, "relevant", count.relevant)
        kq.insert(position + 1, "yes", count.yes)
        now = f"{percent(count.yes, count.relevant)}%" if count.relevant else "not applicable"
        return [f"{kq_id}: {old}% → {count.yes} of {count.relevant} ({now})"]
    return _counts(kq, kq_id, count)


def _counts(mapping, label: str, count: Count) -> list[str]:
    old = (mapping.get("relevant"), mapping.get("yes"))
    if old == (count.relevant, count.yes):
        return []
    mapping["relevant"], mapping["yes"] = count.relevant, count.yes
    return [f"{label}: {_pair(*old)} → {_pair(count.relevant, count.yes)}"]


def _pair(relevant, yes) -> str:
    return "none" if relevant is None else f"{yes} of {relevant}"


def _rating_lines(text: str, display: str, after: Checked) -> list[str]:
    from ..compare import rating_changes

    try:
        before = check(parse_yaml(text, display))
    except ReportError:  # counts that did not check before the import: say where things stand now
        r = after.ratings
        lines = [f"{s.id} {s.name}: rated {s.final}{s.mark}" for s in r.standards if s.key_questions]
        return lines + ([f"Score {r.score}/{r.max_score}, overall rating {r.overall}"] if r.overall else [])
    return rating_changes(before, after)
