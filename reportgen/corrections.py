"""A report's own wording of a statement or key question, where its printing differs from the edition.

A published report sometimes prints one statement or key question in other words than its edition
(a printer's revision, a local correction). The findings record it under `corrections:` with the
reason; the report is then written with an edition that differs in that wording alone, so every
format, the checks and the data downloads agree. Nothing else of the edition can be changed this way.
"""

from __future__ import annotations

from .errors import Problem
from .load import Located
from .messages import one_of
from .model import Correction, Edition, Findings, KeyQuestion, Standard


def correction_problems(source: Located, edition: Edition, findings: Findings) -> list[Problem]:
    """Each correction names a standard or key question of the edition, once; a heading only for a key question."""
    standards = {s.id for s in edition.standards()}
    key_questions = {k.id for s in edition.standards() for k in s.key_questions}
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, correction in enumerate(findings.corrections):
        path = ("corrections", index)
        if correction.of not in standards | key_questions:
            problems.append(source.problem((*path, "of"), repr(correction.of),
                                           one_of(correction.of, sorted(standards | key_questions), "a standard or key question of the edition:")))
        elif correction.of in seen:
            problems.append(source.problem((*path, "of"), f"{correction.of!r} corrected a second time", "each statement or key question once"))
        elif correction.heading is not None and correction.of in standards:
            problems.append(source.problem((*path, "heading"), "a heading for a standard",
                                           "a heading only where `of` is a key question (a standard's statement has none)"))
        seen.add(correction.of)
    return problems


def corrected(edition: Edition, corrections: tuple[Correction, ...]) -> Edition:
    """The edition with this report's wording of the statements and key questions it corrects."""
    if not corrections:
        return edition
    by_id = {c.of: c for c in corrections}
    domains = tuple(d.model_copy(update={"standards": tuple(_standard(s, by_id) for s in d.standards)}) for d in edition.domains)
    return edition.model_copy(update={"domains": domains})


def _standard(standard: Standard, by_id: dict[str, Correction]) -> Standard:
    update: dict = {"key_questions": tuple(_key_question(k, by_id.get(k.id)) for k in standard.key_questions)}
    if standard.id in by_id:
        update["statement"] = by_id[standard.id].text
    return standard.model_copy(update=update)


def _key_question(key_question: KeyQuestion, correction: Correction | None) -> KeyQuestion:
    if correction is None:
        return key_question
    return key_question.model_copy(update={"text": correction.text, "heading": correction.heading or key_question.heading})
