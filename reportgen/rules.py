"""The edition's rules over findings the models accepted (or salvaged): ids, rating words, counts.

Each rule names the place in the file and what the edition expects there. Run on salvaged
findings (salvage.py), a rule stays silent about a value that was refused: that value already
has its problem, and what depends on it cannot be judged until it is put right.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import Problem, how_many
from .load import Located, Path_
from .markup import check_texts
from .messages import one_of
from .model import TODO, Edition, Findings, Inspection, KeyQuestionFindings, Standard, StandardFindings, counted
from .discretion import refusal
from .rate import StandardResult, discretion_problem, rate_standard
from .salvage import Damaged
from .house.wording import MissingFact

if TYPE_CHECKING:
    from .house import House


def cross_check(source: Located, edition: Edition, findings: Findings, house: House, damaged: Damaged | None = None) -> list[Problem]:
    damaged = damaged or Damaged()
    problems: list[Problem] = []
    add = problems.append
    words = [r.name for r in edition.scale]
    domains = {d.id: d for d in edition.domains}
    seen_domains: dict[str, int] = {}
    seen_standards: set[str] = set()
    unnamed: set[str] = set()  # domains holding a standard whose id was refused: which it is cannot be known

    for di, domain in enumerate(findings.domains or ()):
        dpath: Path_ = ("domains", di)
        if domain is None or domain.id is None:
            unnamed.add("*")
            continue
        if domain.id not in domains:
            add(source.problem((*dpath, "id"), repr(domain.id), one_of(domain.id, domains, "a domain of the edition:")))
            continue
        if domain.id in seen_domains:
            add(source.problem((*dpath, "id"), f"domain {domain.id!r} a second time", "each domain once"))
            continue
        seen_domains[domain.id] = di
        standards = {s.id: s for s in domains[domain.id].standards}
        written = {s.id for s in domain.standards or () if s is not None}
        for si, found in enumerate(domain.standards or ()):
            spath: Path_ = (*dpath, "standards", si)
            if found is None or found.id is None:
                unnamed.add(domain.id)
                continue
            if found.id not in standards:
                add(source.problem((*spath, "id"), repr(found.id), one_of(found.id, standards, f"a standard of domain {domain.id}:",
                                                                           prefer=set(standards) - written)))
                unnamed.add(domain.id)  # a mistyped id: the standard it was meant to be is not also "missing"
                continue
            if found.id in seen_standards:
                add(source.problem((*spath, "id"), f"standard {found.id!r} a second time", "each standard once"))
                continue
            seen_standards.add(found.id)
            cases_at = (*spath, "cases") if found.cases is not None or damaged.at(*spath, "cases") else (*dpath, "cases")
            cases = None if damaged.at(*cases_at) else (found.cases if found.cases is not None else domain.cases)
            problems += check_standard(source, spath, standards[found.id], found, cases, edition, words, house,
                                       damaged, unknown_cases=damaged.at(*cases_at))
        if domain.standards is None:
            unnamed.add(domain.id)

    if not damaged.around("domains") or not unnamed:
        problems += _missing(source, edition, seen_domains, seen_standards, unnamed)
    problems += check_texts(source, edition, findings)
    problems += check_boilerplate_needs(source, edition, findings, house, damaged)
    problems += check_area_name(source, findings, damaged)
    return problems


def check_area_name(source: Located, findings: Findings, damaged: Damaged | None = None) -> list[Problem]:
    """The area names the workbook file (<area>-tables.ods): a name no file system could hold fails here, not after rendering."""
    from .limits import MAX_NAME_BYTES
    from .names import slug

    if findings.service is None or not isinstance(findings.service.area, str):
        return []  # refused, and said so
    size = len(slug(findings.service.area).removeprefix("h-").encode("utf-8"))
    if size <= MAX_NAME_BYTES:
        return []
    return [source.problem(("service", "area"), f"an area name of {size} bytes as a file name",
                           f"at most {MAX_NAME_BYTES} (the area names the data workbook file)")]


def _missing(source: Located, edition: Edition, seen_domains: dict[str, int], seen_standards: set[str], unnamed: set[str]) -> list[Problem]:
    """Every domain and standard of the edition is there (unless one whose id was refused may be it)."""
    problems = []
    for domain in edition.domains:
        if domain.id not in seen_domains:
            if "*" not in unnamed:
                problems.append(source.problem(("domains",), f"no domain {domain.id!r} ({domain.name})", "every domain of the edition"))
            continue
        if domain.id in unnamed:
            continue
        for standard in domain.standards:
            if standard.id not in seen_standards:
                path = ("domains", seen_domains[domain.id], "standards")
                problems.append(source.problem(path, f"no standard {standard.id!r} ({standard.name})", "every standard of the edition"))
    return problems


def check_boilerplate_needs(source: Located, edition: Edition, findings: Findings, house: House,
                            damaged: Damaged | None = None) -> list[Problem]:
    """Each block the report prints renders with these findings: its own text names a block of the
    edition, and every fact the edition's wording states unguarded (e.g. the interview count) is given."""
    damaged = damaged or Damaged()
    problems: list[Problem] = []
    for key in findings.boilerplate:
        if key not in edition.boilerplate:
            problems.append(source.problem(("boilerplate", key), f"a block {key!r}", one_of(key, edition.boilerplate, f"a block of {edition.id}:"), key=True))
    domains = {d.id: i for i, d in enumerate(findings.domains or ()) if d is not None and d.id is not None}
    for key in edition.boilerplate:
        try:
            house.wording.say(edition, findings, key, **TEMPLATE_SUPPLIED)
        except MissingFact as missing:
            if missing.name in domains and not damaged.at("domains", domains[missing.name], "cases"):
                problems.append(source.problem(("domains", domains[missing.name]), "no 'cases'", f"the domain's case sample size: the {key} text of {edition.id} states it"))
            elif missing.name in Inspection.model_fields and not damaged.around("inspection", missing.name):
                problems.append(source.problem(("inspection",), f"no {missing.name!r}", f"a value: the {key} text of {edition.id} states it", key=True))
        except (AttributeError, TypeError):  # a part the wording reads was refused: that problem is reported already
            if not damaged:
                raise
    return problems


# Values the report templates pass to a block of wording themselves (see templates/common).
TEMPLATE_SUPPLIED = {"noun": "", "footnote": "", "count": 0, "rating": "", "computed": "", "final": "", "mark": "", "standard": "",
                     "overall": "", "score": 0, "max_score": 0, "name": ""}


def check_standard(
    source: Located, path: Path_, standard: Standard, found: StandardFindings, cases: int | None,
    edition: Edition, words: list[str], house: House, damaged: Damaged | None = None, unknown_cases: bool = False,
) -> list[Problem]:
    damaged = damaged or Damaged()
    problems: list[Problem] = []
    add = problems.append
    if standard.method == "judgement":
        if found.rating == TODO:
            pass  # a placeholder: readiness lists it, --final refuses it
        elif found.rating is None and not damaged.at(*path, "rating"):
            add(source.problem(path, "no rating", f"a rating for {standard.id} {standard.name} ({' / '.join(words)})"))
        elif found.rating is not None and found.rating not in words:
            add(source.problem((*path, "rating"), repr(found.rating), one_of(found.rating, words, "a rating word:")))
    else:
        if found.rating is not None:
            add(source.problem((*path, "rating"), repr(found.rating),
                               "no rating: it is computed from the cases (record a panel's decision under 'discretion')"))
    problems += _case_assessment_score(source, path, standard, found, edition, damaged)

    kq_ids = {kq.id: kq for kq in standard.key_questions}
    unwritten = set(kq_ids) - set(found.key_questions)
    mistyped = [k for k in found.key_questions if k not in kq_ids]
    for kq_id, kq_found in found.key_questions.items():
        kpath: Path_ = (*path, "key_questions", kq_id)
        if kq_id not in kq_ids:
            add(source.problem(kpath, f"key question {kq_id!r}", one_of(kq_id, kq_ids, f"a key question of {standard.id}:", unwritten), key=True))
            continue
        has_numbers = kq_found.relevant is not None or kq_found.percent is not None or kq_found.prompts
        if standard.method != "cases" and has_numbers:
            add(source.problem(kpath, "case numbers", f"narrative only: {standard.id} is rated by judgement"))
            continue
        if standard.method == "cases" and not damaged.at(*kpath):
            problems += check_counts(source, kpath, kq_ids[kq_id], kq_found, cases, unknown_cases)
        elif standard.method == "cases":
            problems += check_prompt_ids(source, kpath, kq_ids[kq_id], kq_found)

    if standard.method == "cases":
        if not damaged.at(*path, "key_questions") and not mistyped:  # a mistyped id is not also a missing one
            for kq in standard.key_questions:
                if kq.id not in found.key_questions:
                    add(source.problem((*path, "key_questions"), f"no numbers for key question {kq.id}", f"relevant and yes (or percent) for {kq.id}"))
            applicable = [k for k in found.key_questions.values() if k.percent is not None or k.relevant]
            if found.key_questions and not applicable:
                add(source.problem((*path, "key_questions"), "no applicable key question", "at least one key question with relevant cases"))
        if not problems and not damaged.at(*path):
            problems += check_discretion(source, path, standard, found, edition, house)
    elif found.discretion is not None:
        add(source.problem((*path, "discretion"), "a discretion override", "none: discretion applies to computed standards only"))
    return problems


def _case_assessment_score(source: Located, path: Path_, standard: Standard, found: StandardFindings, edition: Edition,
                           damaged: Damaged) -> list[Problem]:
    if damaged.at(*path, "percent") or damaged.at(*path, "case_score"):
        return []
    if found.percent is not None and found.case_score is not None:
        return [source.problem((*path, "case_score"), "both percent and case_score", "one case assessment score: percent, or counts")]
    has_score = found.percent is not None or found.case_score is not None
    if standard.method == "percentage" and not has_score:
        return [source.problem(path, "no percent", f"the case assessment score of {standard.id}")]
    if standard.method == "judgement" and standard.score_statement and not has_score:
        return [source.problem(path, "no percent", f"the case assessment score of {standard.id} {standard.name} (percent, or case_score counts)")]
    if standard.method == "judgement" and not standard.score_statement and has_score:
        field = "percent" if found.percent is not None else "case_score"
        return [source.problem((*path, field), "a case assessment score", f"none: {edition.id} gives {standard.id} {standard.name} no case assessment score")]
    return []


def check_counts(source: Located, path: Path_, kq, found: KeyQuestionFindings, cases: int | None,
                 unknown_cases: bool = False) -> list[Problem]:
    problems: list[Problem] = []
    add = problems.append
    if found.relevant is None and found.percent is None:
        add(source.problem(path, "no numbers", "relevant and yes, or percent"))
        return problems
    if found.relevant is not None:
        if counted(found.yes, found.relevant) and found.yes > found.relevant:
            add(source.problem((*path, "yes"), str(found.yes), f"at most the {how_many(found.relevant, 'relevant case')}"))
        if counted(cases, found.relevant) and found.relevant > cases:
            add(source.problem((*path, "relevant"), str(found.relevant), f"at most the {how_many(cases, 'case')} inspected"))
        if cases is None and not unknown_cases:
            add(source.problem(path, "no case sample size", "'cases' on the domain or standard, to check counts against", warning=True))
    problems += check_prompt_ids(source, path, kq, found)
    prompts = {p.id for p in kq.prompts}
    for prompt_id, count in found.prompts.items():
        if prompt_id not in prompts:
            continue
        ppath: Path_ = (*path, "prompts", prompt_id)
        if counted(count.yes, count.relevant) and count.yes > count.relevant:
            add(source.problem((*ppath, "yes"), str(count.yes), f"at most the {how_many(count.relevant, 'relevant case')}"))
        if counted(found.relevant, count.relevant) and count.relevant > found.relevant:
            heading = kq.subsample.format(n=found.relevant).rstrip(":")
            add(source.problem((*ppath, "relevant"), str(count.relevant), f"at most {found.relevant}: the prompt table is headed '{heading}'"))
    if found.relevant is not None and prompts and found.prompts and set(found.prompts) <= prompts:  # a mistyped id is reported
        missing = sorted(prompts - set(found.prompts))
        if missing:
            noun = "prompt" if len(missing) == 1 else "prompts"
            add(source.problem((*path, "prompts"), f"no numbers for {noun} {', '.join(missing)}", "the whole prompt table", warning=True))
    return problems


def check_prompt_ids(source: Located, path: Path_, kq, found: KeyQuestionFindings) -> list[Problem]:
    """Each prompt named under a key question is one of its prompts."""
    prompts = [p.id for p in kq.prompts]
    unwritten = set(prompts) - set(found.prompts or {})
    return [source.problem((*path, "prompts", prompt_id), f"prompt {prompt_id!r}", one_of(prompt_id, prompts, f"a prompt of {kq.id}:", unwritten), key=True)
            for prompt_id in (found.prompts or {}) if prompt_id not in prompts]


def check_discretion(source: Located, path: Path_, standard: Standard, found: StandardFindings, edition: Edition,
                     house: House) -> list[Problem]:
    if found.discretion is None:
        return []
    computed: StandardResult = rate_standard(standard, found.model_copy(update={"discretion": None}), edition)
    if computed.computed == TODO:
        return []  # counts still to come: the panel's move is judged once there is a rating to move
    refused = discretion_problem(computed, found.discretion.rating, edition)
    if refused is None:
        return []
    expected = refusal(refused, computed, [r.name for r in edition.scale], house.review)
    return [source.problem((*path, "discretion", "rating"), repr(found.discretion.rating), expected)]
