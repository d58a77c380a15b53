"""Counts → the findings file, in place (reportgen/splice): only the counts change.

Every `cases`, `relevant` and `yes` the findings hold for the imported samples is set from the
sums (a domain without `cases` gets one; a key question given as a published `percent` gets the
counts that replace it). Every other byte of the file is kept: comments, key order, quoting, flow
style (`{relevant: 9, "yes": 9}`), indentation, line endings. The new text is checked before anything is written, and what moved is said: counts,
key-question percentages, standard ratings, the score and the overall rating, before → after.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import Problem, ReportError
from ..load import parse_yaml
from ..rate import percent
from ..splice import Edits, SpliceError, splice
from ..validate import Checked, check
from .sums import Count, Sums

if TYPE_CHECKING:
    from ..house import House


@dataclass(frozen=True)
class Applied:
    text: str  # the findings file with the new counts
    counts: tuple[str, ...]  # one line per count that moved
    ratings: tuple[str, ...]  # one line per percentage, rating, score or overall rating that moved
    after: Checked


def apply(text: str, sums: dict[str, Sums], display: str, house: House) -> Applied:
    """`text` (a findings file) with the counts of `sums` written in; raises ReportError if the result does not check."""
    document = parse_yaml(text.removeprefix("\ufeff"), display).data
    edits = Edits()
    moved: list[str] = []
    for d, domain in enumerate(document.get("domains") or ()):
        found = sums.get(str(domain.get("id")))
        if found is None:
            continue
        at = ("domains", d)
        moved += _set(edits, at, domain, "cases", found.cases, f"domain {found.sample} cases", add=True)
        for s, standard in enumerate(domain.get("standards") or ()):
            sid, here = str(standard.get("id")), (*at, "standards", s)
            if sid in found.standards and "cases" in standard:
                moved += _set(edits, here, standard, "cases", found.standards[sid], f"{sid} cases")
            for kq_id, kq in (standard.get("key_questions") or {}).items():
                count = found.questions.get(str(kq_id))
                if count is None or not isinstance(kq, dict):
                    continue
                kq_at = (*here, "key_questions", kq_id)
                moved += _key_question(edits, kq_at, kq, str(kq_id), count)
                for prompt_id, prompt in (kq.get("prompts") or {}).items():
                    if (pcount := found.questions.get(f"{kq_id}.{prompt_id}")) is not None and isinstance(prompt, dict):
                        moved += _counts(edits, (*kq_at, "prompts", prompt_id), prompt, f"{kq_id}.{prompt_id}", pcount)
    try:
        rewritten = splice(text, edits, display) if edits else text
    except SpliceError as error:
        raise ReportError([Problem(display, None, None, "", f"counts that cannot be written in place ({error})",
                                   "a findings file whose counts are each written once (no '*' references)")]) from None
    after = check(parse_yaml(rewritten.removeprefix("\ufeff"), display), house)  # never write findings that no longer check
    return Applied(rewritten, tuple(moved), tuple(_rating_lines(text.removeprefix("\ufeff"), display, after, house)), after)


def _set(edits: Edits, at: tuple, mapping: dict, key: str, value: int, label: str, *, add: bool = False) -> list[str]:
    if key not in mapping and not add:
        return []
    old = mapping.get(key)
    if old == value:
        return []
    if key in mapping:
        edits.values[(*at, key)] = value
    else:  # next to the item's id, where an inspector would write it
        edits.keys.append((at, key, value, "id" if "id" in mapping else None))
    return [f"{label}: {'none' if old is None else old} → {value}"]


def _key_question(edits: Edits, at: tuple, kq: dict, kq_id: str, count: Count) -> list[str]:
    if "percent" in kq and "relevant" not in kq:  # a published percentage gives way to the counts it came from
        old = kq["percent"]
        edits.deletes.append((*at, "percent"))
        edits.keys += [(at, "relevant", count.relevant, "percent"), (at, "yes", count.yes, "percent")]
        now = f"{percent(count.yes, count.relevant)}%" if count.relevant else "not applicable"
        return [f"{kq_id}: {old}% → {count.yes} of {count.relevant} ({now})"]
    return _counts(edits, at, kq, kq_id, count)


def _counts(edits: Edits, at: tuple, mapping: dict, label: str, count: Count) -> list[str]:
    old = (mapping.get("relevant"), mapping.get("yes"))
    if old == (count.relevant, count.yes):
        return []
    for key, value in (("relevant", count.relevant), ("yes", count.yes)):
        if key in mapping:
            if mapping[key] != value:
                edits.values[(*at, key)] = value
        else:
            edits.keys.append((at, key, value, None))
    return [f"{label}: {_pair(*old)} → {_pair(count.relevant, count.yes)}"]


def _pair(relevant, yes) -> str:
    return "none" if relevant is None else f"{yes} of {relevant}"


def _rating_lines(text: str, display: str, after: Checked, house: House) -> list[str]:
    from ..review.compare import change_lines, rating_changes

    try:
        before = check(parse_yaml(text, display), house)
    except ReportError:  # counts that did not check before the import: say where things stand now
        r = after.ratings
        lines = [f"{s.id} {s.name}: rated {s.final}{s.mark}" for s in r.standards if s.key_questions]
        return lines + ([f"Score {r.score}/{r.max_score}, overall rating {r.overall}"] if r.overall else [])
    return change_lines(rating_changes(before, after), house.review)
