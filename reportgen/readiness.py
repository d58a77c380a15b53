"""Is a draft ready to publish? TODO markers, blank or placeholder text, missing judgements, notes.

A normal `check` reports these as warnings, so a half-written draft still previews;
`check --final` and `build --final` refuse them (every warning becomes an error), because
a published report must carry none. Pure: reads the checked findings and the file's text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Any

from .errors import Problem, ReportError
from .load import Located, Path_, strings_in, value_at
from .model import Edition, Findings

TODO = re.compile(r"\bTODO\b")
PLACEHOLDER = re.compile(
    r"\b(?:TBC|TBD|FIXME|XXX+)\b|\?\?\?|lorem ipsum|\[(?:insert|add|enter|name|date|number)\b[^\]]*\]",
    re.IGNORECASE,
)
NOTES_KEY = "notes"  # an editor's notes on a draft (never printed); a final report carries none


def readiness(source: Located, edition: Edition, findings: Findings) -> list[Problem]:
    """Every reason the findings are not yet a publishable report, as warnings."""
    held = placeholders(source, edition)
    return [
        *held,
        *todo_markers(source, skip={p.line for p in held}),
        *blank_and_placeholder_text(source),
        *judged_without_lists(source, edition, findings),
        *silent_standards(source, findings),
        *draft_notes(source),
    ]


def final(problems: list[Problem] | tuple[Problem, ...]) -> list[Problem]:
    """For a final report every warning is an error: the same lines, now refusing."""
    return [replace(p, severity="error") for p in problems]


def require_final(warnings: tuple[Problem, ...] | list[Problem]) -> None:
    if warnings:
        raise ReportError(final(warnings))


# What a value left TODO (a placeholder `reportgen new` writes where a rating, a count or a date goes)
# is still to be: one plain line each, counts grouped by key question.
STILL_TO_COME = {
    "published": "the publication date, YYYY-MM-DD (or the month, YYYY-MM)",
    "cases": "the number of cases inspected",
    "percent": "the case assessment score (% of work done well enough)",
    "interviews": "the number of interviews with case managers",
    "meetings": "the number of meetings held",
}
COUNTS = {"relevant", "yes"}
PLACEHOLDER_CHECK = "placeholder"  # Problem.check of these lines: a report holding one is still being written


def placeholders(source: Located, edition: Edition) -> list[Problem]:
    """A rating, count, date or number still TODO: what it is still to be, where it is."""
    words = [r.name for r in edition.scale]
    problems, counts = [], {}
    for path, value in _keyed(source.data, ()):
        if value != "TODO" or not isinstance(path[-1], str):
            continue
        if path[-1] in COUNTS and "key_questions" in path:
            at = path[: path.index("key_questions") + 2]
            counts.setdefault(at, []).append(path)
        elif path[-1] == "rating":
            rated = "the inspectors' rating: " + ", ".join(words[:-1]) + f" or {words[-1]}"
            problems.append(replace(source.problem(path, "TODO", rated, warning=True), check=PLACEHOLDER_CHECK))
        elif path[-1] in STILL_TO_COME:
            problems.append(replace(source.problem(path, "TODO", STILL_TO_COME[path[-1]], warning=True), check=PLACEHOLDER_CHECK))
    for at, paths in counts.items():
        own = [p[-1] for p in paths if len(p) == len(at) + 1]
        prompts = sorted({p[len(at) + 1] for p in paths if len(p) > len(at) + 1})
        said = [*(("'yes'" if k == "yes" else k) for k in own), *([_prompts(len(prompts))] if prompts else [])]
        found = "TODO for " + (" and ".join(said) if len(said) < 3 else ", ".join(said[:-1]) + " and " + said[-1])
        first = min(paths, key=lambda p: source.where(p))
        problem = source.problem(at, found, "the numbers of cases: relevant and 'yes' counted from the case sample", warning=True)
        problems.append(replace(problem, line=source.where(first)[0], column=source.where(first)[1], check=PLACEHOLDER_CHECK))
    return problems


def _prompts(n: int) -> str:
    return "its prompt" if n == 1 else f"its {n} prompts"


def todo_markers(source: Located, skip: set[int | None] = frozenset()) -> list[Problem]:
    """One warning per group (a standard, a domain's own text, a top-level section) holding TODOs.

    Markers are looked for in the file's text, comments included, so `# TODO check` counts
    too; a line belongs to the value that starts on it or most recently before it. Lines in
    `skip` hold placeholders already listed one by one (`placeholders`).
    """
    starts = sorted({(line, path) for table in (source.keys, source.values) for path, (line, _) in table.items()},
                    key=lambda item: (item[0], len(item[1])))
    lines = [n for n, text in enumerate(source.text.splitlines(), 1) if TODO.search(text) and n not in skip]
    groups: dict[Path_, list[int]] = {}
    for line in lines:
        index = bisect.bisect_right([start for start, _ in starts], line) - 1
        groups.setdefault(_group(starts[index][1]) if index >= 0 else (), []).append(line)
    problems = []
    for path, found in groups.items():
        where = ", ".join(str(n) for n in found[:8]) + (", …" if len(found) > 8 else "")
        count = f"{len(found)} TODO marker{'s' if len(found) > 1 else ''}"
        problem = source.problem(path, f"{count} (line{'s' if len(found) > 1 else ''} {where})", "finished text with no TODO", warning=True)
        problems.append(replace(problem, line=found[0], column=1))
    return problems


def _group(path: Path_) -> Path_:
    """The group a value belongs to: its standard, else its domain, else its top-level key."""
    if len(path) >= 4 and path[0] == "domains" and path[2] == "standards":
        return path[:4]
    if len(path) >= 2 and path[0] == "domains":
        return path[:2]
    return path[:1]


def blank_and_placeholder_text(source: Located) -> list[Problem]:
    problems = []
    for path, text in strings_in(source.data):
        if TODO.search(text):
            continue  # counted with its group
        if not text.strip():
            if path[-1:] == ("body",) and _has_facts(source.data, path[:-1]):
                continue  # a section may be a table alone (key staffing data, key statistics)
            if len(path) >= 2 and path[-2] == "values":
                continue  # a blank cell of a statistics table, as published
            problems.append(source.problem(path, "empty text", "the text this part of the report prints", warning=True))
        elif match := PLACEHOLDER.search(text):
            problems.append(source.problem(path, f"the placeholder {match.group(0)!r}", "the real value", warning=True))
    return problems


def judged_without_lists(source: Located, edition: Edition, findings: Findings) -> list[Problem]:
    """A standard rated by judgement states its strengths and areas for improvement (its own or its domain's)."""
    methods = {s.id: s.method for s in edition.standards()}
    problems = []
    for di, domain in enumerate(findings.domains):
        for si, standard in enumerate(domain.standards):
            if methods.get(standard.id) != "judgement":
                continue
            if standard.key_findings:
                continue  # an edition with numbered key findings states them there, not as two lists
            for field, label in (("strengths", "strengths"), ("areas_for_improvement", "areas for improvement")):
                by_key_question = any(getattr(kq, field) for kq in standard.key_questions.values())
                if not getattr(standard, field) and not getattr(domain, field) and not by_key_question:
                    path = ("domains", di, "standards", si)
                    problems.append(source.problem(path, f"no {label} for judged standard {standard.id}",
                                                   f"'{field}' on the standard or its domain", warning=True))
    return problems


def silent_standards(source: Located, findings: Findings) -> list[Problem]:
    """A standard whose chapter would print a rating and nothing the inspectors wrote."""
    problems = []
    for di, domain in enumerate(findings.domains):
        for si, standard in enumerate(domain.standards):
            texts = [standard.introduction, standard.summary, standard.narrative, standard.overview, *standard.strengths,
                     *standard.areas_for_improvement, *standard.key_findings,
                     *(e for e in standard.explanation if isinstance(e, str)),
                     *(kq.narrative for kq in standard.key_questions.values()),
                     *(t for kq in standard.key_questions.values() for t in (*kq.strengths, *kq.areas_for_improvement)),
                     *(s.body for s in standard.sections)]
            if not any(t and t.strip() for t in texts):
                problems.append(source.problem(("domains", di, "standards", si), f"no narrative for standard {standard.id}",
                                               "the inspectors' findings on it (narrative, summary or key question text)", warning=True))
    return problems


def draft_notes(source: Located) -> list[Problem]:
    """Editors' notes belong to drafts: a final report must have had every one resolved."""
    problems = []
    for path, value in _keyed(source.data, ()):
        if path[-1] == NOTES_KEY and value:
            problems.append(source.problem(path, "an editor's note still in the draft", "no notes in a final report", key=True, warning=True))
    return problems


def _has_facts(data: Any, path: Path_) -> bool:
    data = value_at(data, path)
    return isinstance(data, dict) and bool(data.get("facts") or data.get("table"))


def _keyed(value: Any, path: Path_):
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key), item
            yield from _keyed(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _keyed(item, (*path, index))
