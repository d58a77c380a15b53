"""Findings → checked models: types by pydantic, then the rules that need the framework edition.

Every problem becomes one `Problem` line naming file, line, column, field, what was found
and what was expected; all of them are collected before anything is reported.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Problem, ReportError, shorten
from .messages import expected, found
from . import wording
from .editions import resolve
from . import model as _model
from .load import Located, Path_, load_yaml
from .markup import check_texts, checker
from .checks import CheckInput, text_problems
from .model import Edition, Findings, Inspection, KeyQuestionFindings, Standard, StandardFindings
from .resources import SHIPPED_EDITIONS as FRAMEWORKS
from .resources import edition_folders, editions
from .readiness import readiness, require_final
from .rate import Ratings, StandardResult, discretion_problem, rate, rate_standard

# pydantic names the branch of a union in an error's location ('str', 'Section'); YAML has no such key.
UNION_BRANCHES = frozenset({"str", *(n for n, v in vars(_model).items() if isinstance(v, type) and issubclass(v, BaseModel))})


@dataclass(frozen=True)
class Checked:
    """Findings that passed every check, with their edition, their ratings and any warnings."""

    source: Located
    edition: Edition
    findings: Findings
    ratings: Ratings
    warnings: tuple[Problem, ...]


def check_file(path: Path, *, display: str | None = None, final: bool = False) -> Checked:
    """Load, validate and rate one findings file; raise ReportError with every problem.

    `final`: the report is to be published, so every warning (readiness.py) is an error.
    """
    from .guards.names import check_names

    check_names(path.stem, None, display or str(path))
    return check(load_yaml(path, display=display), final=final)


def check(source: Located, *, final: bool = False) -> Checked:
    findings = to_model(Findings, source)
    edition = load_edition(findings.edition, source)
    problems = cross_check(source, edition, findings)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ReportError(problems)
    ratings = rate(edition, findings)
    texts = text_problems(CheckInput(source, edition, findings, ratings, checker()))
    warnings = sorted([*problems, *readiness(source, edition, findings), *texts], key=lambda p: (p.line or 0, p.column or 0))
    if final:
        require_final(warnings)
    return Checked(source, edition, findings, ratings, tuple(warnings))


_editions: dict[str, Edition] = {}


def load_edition(edition_id: str, source: Located | None = None) -> Edition:
    """The edition by id, from the edition folders (resources.py); a problem at `edition` if unknown."""
    if edition_id not in _editions:
        available = editions()
        if edition_id not in available:
            expected = one_of(edition_id, sorted(available))
            if source is None:
                raise ReportError([Problem("--edition", None, None, "", repr(edition_id), expected)])
            raise ReportError([source.problem(("edition",), repr(edition_id), expected)])
        _editions[edition_id] = to_model(Edition, resolve(edition_folders(), edition_id, _display))
    return _editions[edition_id]


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def one_of(found: str, choices: typing.Iterable[str], what: str = "one of") -> str:
    choices = list(choices)
    close = difflib.get_close_matches(found, choices, n=1, cutoff=0.6)
    listed = ", ".join(repr(c) for c in choices[:12]) + (", …" if len(choices) > 12 else "")
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{what} {listed}{hint}"


# ---------------------------------------------------------------------------
# pydantic errors → problems
# ---------------------------------------------------------------------------


def to_model(model: type[BaseModel], source: Located) -> Any:
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        problems: dict[Path_, Problem] = {}
        for error in exc.errors(include_url=False):
            loc = _data_loc(tuple(error["loc"]))
            problems.setdefault(loc, _problem(model, source, {**error, "loc": loc}))  # one line per place
        raise ReportError(list(problems.values())) from None


def _data_loc(loc: Path_) -> Path_:
    """The place in the file: without the names pydantic adds for each member of a union ('Note', 'str')."""
    return tuple(p for p in loc if not (isinstance(p, str) and (p[:1].isupper() or "[" in p or p in _TYPE_NAMES)))


_TYPE_NAMES = {"str", "int", "bool", "float", "list", "tuple", "dict", "date"}


def _problem(model: type[BaseModel], source: Located, error: dict) -> Problem:
    loc: Path_ = tuple(part for part in error["loc"] if part not in UNION_BRANCHES)  # 'str' | 'Section' tags of unions
    kind = error["type"]
    if kind == "extra_forbidden":
        fields = list(_model_at(model, loc[:-1]).model_fields) if _model_at(model, loc[:-1]) else []
        return source.problem(loc, f"unknown key {loc[-1]!r}", one_of(str(loc[-1]), fields, "a key among"), key=True)
    if kind == "missing":
        return source.problem(loc, "nothing", f"a value for {loc[-1]!r} (required)", key=True)
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    inner = _model_at(model, loc)
    keys = [k for k in inner.model_fields if k != "notes"] if inner else None
    value = error.get("input")
    return source.problem(loc, found(kind, value), expected(kind, field, value, error.get("ctx") or {}, error["msg"], keys))


def _model_at(model: type[BaseModel], loc: Path_) -> type[BaseModel] | None:
    """The pydantic model class that validates the value at `loc`, to suggest its field names."""
    current: Any = model
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        else:
            current = _element_type(current)
        while typing.get_origin(current) in (typing.Union, types.UnionType):
            current = next(a for a in typing.get_args(current) if a is not type(None))
    if typing.get_origin(current) in (tuple, dict, list):
        return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _element_type(annotation: Any) -> Any:
    args = typing.get_args(annotation)
    return args[-1] if typing.get_origin(annotation) is dict else args[0]


# ---------------------------------------------------------------------------
# rules that need the edition
# ---------------------------------------------------------------------------


def cross_check(source: Located, edition: Edition, findings: Findings) -> list[Problem]:
    problems: list[Problem] = []
    add = problems.append
    words = [r.name for r in edition.scale]
    domains = {d.id: d for d in edition.domains}
    seen_domains: dict[str, int] = {}
    seen_standards: set[str] = set()

    for di, domain in enumerate(findings.domains):
        dpath: Path_ = ("domains", di)
        if domain.id not in domains:
            add(source.problem((*dpath, "id"), repr(domain.id), one_of(domain.id, domains, "a domain of the edition:")))
            continue
        if domain.id in seen_domains:
            add(source.problem((*dpath, "id"), f"domain {domain.id!r} a second time", "each domain once"))
            continue
        seen_domains[domain.id] = di
        standards = {s.id: s for s in domains[domain.id].standards}
        for si, found in enumerate(domain.standards):
            spath: Path_ = (*dpath, "standards", si)
            if found.id not in standards:
                add(source.problem((*spath, "id"), repr(found.id), one_of(found.id, standards, f"a standard of domain {domain.id}:")))
                continue
            if found.id in seen_standards:
                add(source.problem((*spath, "id"), f"standard {found.id!r} a second time", "each standard once"))
                continue
            seen_standards.add(found.id)
            cases = found.cases if found.cases is not None else domain.cases
            problems += check_standard(source, spath, standards[found.id], found, cases, edition, words)

    for domain in edition.domains:
        if domain.id not in seen_domains:
            add(source.problem(("domains",), f"no domain {domain.id!r} ({domain.name})", "every domain of the edition"))
            continue
        for standard in domain.standards:
            if standard.id not in seen_standards:
                path = ("domains", seen_domains[domain.id], "standards")
                add(source.problem(path, f"no standard {standard.id!r} ({standard.name})", "every standard of the edition"))

    problems += check_texts(source, edition, findings)
    problems += check_boilerplate_needs(source, edition, findings)
    problems += check_area_name(source, findings)
    return problems


def check_area_name(source: Located, findings: Findings) -> list[Problem]:
    """The area names the workbook file (<area>-tables.ods): a name no file system could hold fails here, not after rendering."""
    from .limits import MAX_NAME_BYTES
    from .names import slug

    size = len(slug(findings.service.area).removeprefix("h-").encode("utf-8"))
    if size <= MAX_NAME_BYTES:
        return []
    return [source.problem(("service", "area"), f"an area name of {size} bytes as a file name",
                           f"at most {MAX_NAME_BYTES} (the area names the data workbook file)")]


def check_boilerplate_needs(source: Located, edition: Edition, findings: Findings) -> list[Problem]:
    """Each block the report prints renders with these findings: its own text names a block of the
    edition, and every fact the edition's wording states unguarded (e.g. the interview count) is given."""
    problems: list[Problem] = []
    for key in findings.boilerplate:
        if key not in edition.boilerplate:
            problems.append(source.problem(("boilerplate", key), f"a block {key!r}", one_of(key, edition.boilerplate, f"a block of {edition.id}:"), key=True))
    domains = {d.id: i for i, d in enumerate(findings.domains)}
    for key in edition.boilerplate:
        try:
            wording.say(edition, findings, key, **TEMPLATE_SUPPLIED)
        except wording.MissingFact as missing:
            if missing.name in domains:
                problems.append(source.problem(("domains", domains[missing.name]), "no 'cases'", f"the domain's case sample size: the {key} text of {edition.id} states it"))
            elif missing.name in Inspection.model_fields:
                problems.append(source.problem(("inspection",), f"no {missing.name!r}", f"a value: the {key} text of {edition.id} states it", key=True))
    return problems


# Values the report templates pass to a block of wording themselves (see templates/common).
TEMPLATE_SUPPLIED = {"noun": "", "footnote": "", "count": 0, "rating": "", "computed": "", "final": "", "mark": "", "standard": "",
                     "overall": "", "score": 0, "max_score": 0, "name": ""}


def check_standard(
    source: Located, path: Path_, standard: Standard, found: StandardFindings, cases: int | None,
    edition: Edition, words: list[str],
) -> list[Problem]:
    problems: list[Problem] = []
    add = problems.append
    if standard.method == "judgement":
        if found.rating is None:
            add(source.problem(path, "no rating", f"a rating for {standard.id} {standard.name} ({' / '.join(words)})"))
        elif found.rating not in words:
            add(source.problem((*path, "rating"), repr(found.rating), one_of(found.rating, words, "a rating word:")))
    else:
        if found.rating is not None:
            add(source.problem((*path, "rating"), repr(found.rating),
                               "no rating: it is computed from the cases (record a panel's decision under 'discretion')"))
    if found.percent is not None and found.case_score is not None:
        add(source.problem((*path, "case_score"), "both percent and case_score", "one case assessment score: percent, or counts"))
    has_score = found.percent is not None or found.case_score is not None
    if standard.method == "percentage" and not has_score:
        add(source.problem(path, "no percent", f"the case assessment score of {standard.id}"))
    elif standard.method == "judgement" and standard.score_statement and not has_score:
        add(source.problem(path, "no percent", f"the case assessment score of {standard.id} {standard.name} (percent, or case_score counts)"))
    elif standard.method == "judgement" and not standard.score_statement and has_score:
        field = "percent" if found.percent is not None else "case_score"
        add(source.problem((*path, field), "a case assessment score", f"none: {edition.id} gives {standard.id} {standard.name} no case assessment score"))

    kq_ids = {kq.id: kq for kq in standard.key_questions}
    for kq_id, kq_found in found.key_questions.items():
        kpath: Path_ = (*path, "key_questions", kq_id)
        if kq_id not in kq_ids:
            add(source.problem(kpath, f"key question {kq_id!r}", one_of(kq_id, kq_ids, f"a key question of {standard.id}:"), key=True))
            continue
        has_numbers = kq_found.relevant is not None or kq_found.percent is not None or kq_found.prompts
        if standard.method != "cases" and has_numbers:
            add(source.problem(kpath, "case numbers", f"narrative only: {standard.id} is rated by judgement"))
            continue
        if standard.method == "cases":
            problems += check_counts(source, kpath, kq_ids[kq_id], kq_found, cases)

    if standard.method == "cases":
        for kq in standard.key_questions:
            if kq.id not in found.key_questions:
                add(source.problem((*path, "key_questions"), f"no numbers for key question {kq.id}", f"relevant and yes (or percent) for {kq.id}"))
        applicable = [k for k in found.key_questions.values() if k.percent is not None or k.relevant]
        if found.key_questions and not applicable:
            add(source.problem((*path, "key_questions"), "no applicable key question", "at least one key question with relevant cases"))
        elif not problems:
            problems += check_discretion(source, path, standard, found, edition)
    elif found.discretion is not None:
        add(source.problem((*path, "discretion"), "a discretion override", "none: discretion applies to computed standards only"))
    return problems


def check_counts(source: Located, path: Path_, kq, found: KeyQuestionFindings, cases: int | None) -> list[Problem]:
    problems: list[Problem] = []
    add = problems.append
    if found.relevant is None and found.percent is None:
        add(source.problem(path, "no numbers", "relevant and yes, or percent"))
        return problems
    if found.relevant is not None:
        if found.yes > found.relevant:
            add(source.problem((*path, "yes"), str(found.yes), f"at most the {found.relevant} relevant cases"))
        if cases is not None and found.relevant > cases:
            add(source.problem((*path, "relevant"), str(found.relevant), f"at most the {cases} cases inspected"))
        if cases is None:
            add(source.problem(path, "no case sample size", "'cases' on the domain or standard, to check counts against", warning=True))
    prompts = {p.id for p in kq.prompts}
    for prompt_id, count in found.prompts.items():
        ppath: Path_ = (*path, "prompts", prompt_id)
        if prompt_id not in prompts:
            add(source.problem(ppath, f"prompt {prompt_id!r}", one_of(prompt_id, sorted(prompts), f"a prompt of {kq.id}:"), key=True))
            continue
        if count.yes > count.relevant:
            add(source.problem((*ppath, "yes"), str(count.yes), f"at most the {count.relevant} relevant cases"))
        if found.relevant is not None and count.relevant > found.relevant:
            heading = kq.subsample.format(n=found.relevant).rstrip(":")
            add(source.problem((*ppath, "relevant"), str(count.relevant), f"at most {found.relevant}: the prompt table is headed '{heading}'"))
    if found.relevant is not None and prompts and found.prompts and set(found.prompts) != prompts:
        missing = ", ".join(sorted(prompts - set(found.prompts)))
        add(source.problem((*path, "prompts"), f"no numbers for prompt(s) {missing}", "the whole prompt table", warning=True))
    return problems


def check_discretion(source: Located, path: Path_, standard: Standard, found: StandardFindings, edition: Edition) -> list[Problem]:
    if found.discretion is None:
        return []
    computed: StandardResult = rate_standard(standard, found.model_copy(update={"discretion": None}), edition)
    problem = discretion_problem(computed, found.discretion.rating, edition)
    return [source.problem((*path, "discretion", "rating"), repr(found.discretion.rating), problem)] if problem else []
