"""Checks that judge what the report says (personal data, spelling, plain English, figures, …): one registry.

Each check is a function `CheckInput → list[Problem]` of warnings, in its own module, and one line
in TEXT_CHECKS. validate.check runs them all after the rules that make findings valid, so
`check` shows their warnings, `--final` makes them errors and `build --draft` puts each on its
paragraph as a Word comment. A check reads narrative with the report's own parser (`parser`),
and points at the text it means: file:line:column from `places.position(path, offset)`.

Judged exceptions are the findings' own, next to the text, never switched off for every report:
`words:` (the spelling check accepts them) and `allow:` entries, the exact text, why, and
optionally which check. A problem written inside a place where an allowed text is written is
dropped here, for every check alike; an entry that allows nothing is itself a warning (stale).
"""

from __future__ import annotations

import re
from dataclasses import replace

from markdown_it import MarkdownIt

from ..errors import Problem
from ..load import strings_in
from ..model import Edition, Findings
from . import comments, figures, personal, phrasing, plain, residue, spelling, statements
from .input import CheckInput, TextCheck

TEXT_CHECKS: tuple[TextCheck, ...] = (
    TextCheck(comments.NAME, comments.run),
    TextCheck(figures.NAME, figures.run),
    TextCheck(statements.NAME, statements.run),
    TextCheck(phrasing.NAME, phrasing.run),
    TextCheck(personal.NAME, personal.check),
    TextCheck(spelling.NAME, spelling.check),
    TextCheck(plain.NAME, plain.check),
    TextCheck(residue.NAME, residue.run),
)

ALLOW_PATH = "allow"


def check_names() -> tuple[str, ...]:
    return tuple(c.name for c in TEXT_CHECKS)


def text_problems(given: CheckInput) -> list[Problem]:
    """Every text check's warnings, less those the findings' `allow:` entries cover, plus one per stale entry."""
    found = [p for check in TEXT_CHECKS for p in _run(check, given)]
    if not given.exceptions:
        return found
    kept, used = _allowed(given, found)
    return kept + _stale(given, used)


def reading_summary(findings: Findings, edition: Edition, parser: MarkdownIt) -> str:
    """The reading age of each chapter, in one line (readability.py)."""
    from .reading import passages
    from .readability import reading_ages, summary_line

    return summary_line(reading_ages(passages(findings, parser), findings, edition))


def _run(check: TextCheck, given: CheckInput) -> list[Problem]:
    """A check's warnings; one warning instead where the machine lacks the en-GB dictionary it reads."""
    from .language import MissingDictionary

    try:
        return check.run(given)
    except MissingDictionary as missing:
        return [Problem(given.source.file, None, None, "", f"no en-GB dictionary at {missing}",
                        f"Debian's hunspell-en-gb installed (make system-packages): the {check.name} check reads it",
                        "warning", check.name)]


def counts(checked, house) -> dict[str, tuple[int, int]]:
    """Per check: (warnings without the report's words:/allow:, warnings with them) for checked findings."""
    from ..markup import checker

    given = CheckInput(checked.source, checked.edition, checked.findings, checked.ratings, checker(), house, exceptions=False)
    before = text_problems(given)
    names = [*check_names(), ALLOW_PATH]
    return {name: (sum(p.check == name for p in before), sum(p.check == name for p in checked.warnings)) for name in names}


# ---------------------------------------------------------------------------
# allow: entries
# ---------------------------------------------------------------------------


def _allowed(given: CheckInput, problems: list[Problem]) -> tuple[list[Problem], set[int]]:
    """The problems no entry covers, and the indices of the entries that covered one."""
    entries = given.findings.allow
    if not entries:
        return problems, set()
    spans = _spans(given)
    kept: list[Problem] = []
    used: set[int] = set()
    for problem in problems:
        covering = [i for i, (start, end) in spans if _inside(problem, start, end)
                    and entries[i].check in (None, problem.check)]
        used.update(covering)
        if not covering:
            kept.append(problem)
    return kept, used


def _spans(given: CheckInput) -> list[tuple[int, tuple[tuple[int, int], tuple[int, int]]]]:
    """(entry index, (start, end) file positions) of every place an entry's text is written in a printed value."""
    spans = []
    patterns = [re.compile(r"\s+".join(re.escape(w) for w in entry.text.split())) for entry in given.findings.allow]
    for path, value in strings_in(given.source.data):
        if path[:1] in (("allow",), ("words",), ("notes",)) or "notes" in path:
            continue
        for index, pattern in enumerate(patterns):
            for match in pattern.finditer(value):
                start = given.places.position(path, match.start())
                end = given.places.position(path, match.end() - 1)
                spans.append((index, (start, end)))
    return spans


def _inside(problem: Problem, start: tuple, end: tuple) -> bool:
    if problem.line is None or start[0] is None or end[0] is None:
        return False
    here = (problem.line, problem.column if problem.column is not None else start[1] if problem.line == start[0] else 1)
    return start <= here <= end


def _stale(given: CheckInput, used: set[int]) -> list[Problem]:
    problems = []
    names = check_names()
    for index, entry in enumerate(given.findings.allow):
        if entry.check is not None and entry.check not in names:
            expected = "one of " + ", ".join(names) + " (or no check: any)"
            problems.append(replace(given.source.problem((ALLOW_PATH, index, "check"), repr(entry.check), expected, warning=True), check=ALLOW_PATH))
        elif index not in used:
            which = f"a {entry.check} warning" if entry.check else "a warning"
            problems.append(replace(given.source.problem((ALLOW_PATH, index, "text"), f"an allowed text {entry.text!r} that allows nothing",
                                                         f"{which} on that exact text, or no entry (stale exception)", warning=True),
                                    check=ALLOW_PATH))
    return problems
