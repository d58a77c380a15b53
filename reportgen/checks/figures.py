"""Figures that disagree with each other: counts above the sample they are drawn from, a published
percentage no count of the sample can give, and counts shaped like placeholders (the
`relevant: 1, yes: 0` an earlier `reportgen new` wrote under every prompt; it now writes TODO, which
readiness.py lists on its own terms).

The rules that make counts impossible (yes above relevant, a prompt above its key question, a key
question above the domain's cases) are errors in validate.py; these are the doubtful shapes a
finished report does not have, so they are warnings, and errors with `--final`.
"""

from __future__ import annotations

from functools import lru_cache

from ..errors import Problem
from ..load import Path_
from ..model import DomainFindings, KeyQuestionFindings
from ..model import counted as counted_all
from ..rate import percent
from .input import CheckInput

NAME = "figures"
SAME_AT_LEAST = 3  # identical prompt counts with some 'No' are a copied line, not a case sample, from this many prompts


def run(given: CheckInput) -> list[Problem]:
    methods = {s.id: s.method for s in given.edition.standards()}
    problems: list[Problem] = []
    for di, domain in enumerate(given.findings.domains):
        counted = [(si, s) for si, s in enumerate(domain.standards) if methods.get(s.id) == "cases"]
        if _all_scaffold(counted):
            problems.append(_warn(given, ("domains", di), f"every count of domain {domain.id} at relevant 1, 'yes' 0",
                                  "the case sample's counts: 1 and 0 throughout is a placeholder, not a sample"))
            continue
        for si, standard in counted:
            spath: Path_ = ("domains", di, "standards", si)
            if counted_all(standard.cases, domain.cases) and standard.cases > domain.cases:
                problems.append(_warn(given, (*spath, "cases"), f"{standard.cases} cases for {standard.id}",
                                      f"at most the {domain.cases} cases of domain {domain.id}'s sample"))
            cases = standard.cases if standard.cases is not None else domain.cases
            cases = cases if counted_all(cases) else None  # TODO: not counted yet
            for kq_id, kq in standard.key_questions.items():
                if not counted_all(*(v for v in (kq.relevant, kq.yes, kq.percent) if v is not None),
                                   *(n for p in kq.prompts.values() for n in (p.relevant, p.yes))):
                    continue  # a placeholder (TODO) is readiness's to list, not a figure to weigh
                problems += _key_question(given, (*spath, "key_questions", kq_id), kq_id, kq, cases, domain)
    return problems


def _key_question(given: CheckInput, path: Path_, kq_id: str, kq: KeyQuestionFindings, cases: int | None,
                  domain: DomainFindings) -> list[Problem]:
    problems = []
    if cases and kq.percent is not None and kq.percent not in reachable(cases):
        near = sorted(reachable(cases), key=lambda p: (abs(p - kq.percent), p))[:2]
        problems.append(_warn(given, (*path, "percent"), f"{kq.percent}% for {kq_id}",
                              f"a percentage that some count of at most the {cases} cases inspected gives "
                              f"(nearest: {' or '.join(f'{p}%' for p in sorted(near))})"))
    if cases is not None and kq.relevant is None:  # a percent-only key question: its prompts are checked against the sample
        for prompt_id, count in kq.prompts.items():
            if count.relevant > cases:
                problems.append(_warn(given, (*path, "prompts", prompt_id, "relevant"), f"{count.relevant} relevant cases",
                                      f"at most the {cases} cases inspected (domain {domain.id})"))
    counts = {(c.relevant, c.yes) for c in kq.prompts.values()}
    if len(kq.prompts) < 2 or len(counts) != 1:
        return problems
    relevant, yes = next(iter(counts))
    beside = f"the key question's {kq.relevant} relevant cases" if kq.relevant is not None else f"{kq.percent}% for the key question"
    if (relevant, yes) == (1, 0) and (kq.relevant or 0) != 1 and (kq.relevant is not None or (cases or 0) > 1):
        problems.append(_warn(given, (*path, "prompts"), f"every prompt of {kq_id} at relevant 1, 'yes' 0 beside {beside}",
                              "each prompt's own counts: 1 and 0 under every prompt is a placeholder, not a count"))
    elif (relevant, yes) == (0, 0) and (kq.relevant or kq.percent):
        problems.append(_warn(given, (*path, "prompts"), f"every prompt of {kq_id} at relevant 0 beside {beside}",
                              "each prompt's own counts (a prompt table of nothing but 'not applicable' is a placeholder)"))
    elif yes < relevant and len(kq.prompts) >= SAME_AT_LEAST:
        problems.append(_warn(given, (*path, "prompts"), f"all {len(kq.prompts)} prompts of {kq_id} at {relevant} relevant, "
                              f"{yes} 'yes'", "each prompt's own counts: identical counts with some 'No' are a copied placeholder, "
                              "not a case sample"))
    return problems


@lru_cache(maxsize=64)
def reachable(cases: int) -> frozenset[int]:
    """Every whole percentage 'yes of relevant' can round to, with at most `cases` relevant cases."""
    return frozenset(percent(yes, relevant) for relevant in range(1, cases + 1) for yes in range(relevant + 1))


def _all_scaffold(counted) -> bool:
    """Every key question and prompt of the domain's case standards at 1/0: an old scaffold, untouched."""
    pairs = [(kq.relevant, kq.yes) for _, s in counted for kq in s.key_questions.values()]
    pairs += [(p.relevant, p.yes) for _, s in counted for kq in s.key_questions.values() for p in kq.prompts.values()]
    return len(pairs) > 1 and set(pairs) == {(1, 0)}


def _warn(given: CheckInput, path: Path_, found: str, expected: str) -> Problem:
    from dataclasses import replace

    return replace(given.source.problem(path, found, expected, key=True, warning=True), check=NAME)
