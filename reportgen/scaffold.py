"""`reportgen new`: a findings file to start an inspection's report, written from the edition's data.

Every domain and standard of the edition is in place, with its published wording as
comments, case-count tables keyed by the framework's key-question and prompt ids, and a
TODO wherever the inspectors have to write. Placeholder ratings and counts are the lowest
possible (a draft never flatters) and are marked TODO too, so the file passes `check` with
warnings and fails `check --final` until every TODO is done.
"""

from __future__ import annotations

import json
import re
import textwrap
from datetime import date, datetime, timezone
from pathlib import Path

from .brand import brand
from .model import Domain, Edition, Inspection, KeyQuestion, Standard

SUFFIXES = re.compile(r"\s*\b(youth (justice|offending) (service|team)s?|yjs|yos|yot)\s*$", re.IGNORECASE)
ABBREVIATIONS = {"justice service": "YJS", "offending service": "YOS", "offending team": "YOT"}


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def comment(text: str, indent: int, width: int = 100) -> list[str]:
    prefix = " " * indent + "# "
    return textwrap.wrap(" ".join(text.split()), width=width - len(prefix), initial_indent=prefix, subsequent_indent=prefix)


def names(service: str) -> tuple[str, str]:
    """The area and the short name a service's full name suggests ('Merton Youth Justice Service' → Merton, Merton YJS)."""
    area = SUFFIXES.sub("", service).strip() or service
    kind = next((abbr for words, abbr in ABBREVIATIONS.items() if words in service.lower()), "YJS")
    return area, f"{area} {kind}"


def scaffold_path(service: str) -> Path:
    area, _ = names(service)
    return Path("findings") / f"{re.sub(r'[^a-z0-9]+', '-', area.lower()).strip('-') or 'service'}.yml"


def schema_name(edition: Edition) -> str:
    return f"{edition.id}.schema.json"


def scaffold(service: str, edition: Edition, today: date | None = None) -> str:
    """The findings file's text for a new inspection of `service` under `edition`."""
    today = today or _today()
    area, short = names(service)
    lowest = edition.scale[0].name
    words = ", ".join(r.name for r in edition.scale)
    needs = sorted(set(re.findall(r"inspection\.(\w+)", " ".join(edition.boilerplate.values()))))
    lines = [
        f"# yaml-language-server: $schema={schema_name(edition)}",
        f"# Findings of {brand().publisher.name}'s inspection of {' '.join(service.split())}, under {edition.name}.",
        f"# Licence: Crown copyright {today.year}. Contains public sector information licensed under the Open Government Licence v3.0",
        "# Framework wording (standard names and statements, key questions, prompts, fixed boilerplate)",
        f"# comes from the edition {edition.id} and is not repeated here; it is quoted in comments to guide you.",
        "# `reportgen check` lists what is left to write; `reportgen check --final` passes when nothing is.",
        "",
        f"edition: {q(edition.id)}",
        "",
        "service:",
        f"  name: {q(service)}",
        f"  short_name: {q(short)}  # TODO check: the service as named in running text",
        f"  area: {q(area)}  # TODO check: the local authority area",
        "",
        "inspection:",
        *_inspection(today, needs),
        "",
        "introduction:",
        "  heading: Foreword",
        "  body: |-",
        "    TODO the foreword, paragraphs separated by a blank line.",
        "  signatory:",
        "    name: TODO who signs the foreword",
        "    role: HM Chief Inspector of Probation",
        "",
        "recommendations:",
        f"  - addressee: {q(f'The {service} should:')}",
        "    recommendations:",
        "      - TODO a recommendation",
        "",
        "background: |-",
        "  TODO the background: fieldwork, the service and its area, paragraphs separated by a blank line.",
        "",
        "domains:",
    ]
    counted = set(re.findall(r"cases\[\s*['\"]([^'\"]+)['\"]\s*\]", " ".join(edition.boilerplate.values())))
    for domain in edition.domains:
        lines += _domain(domain, lowest, words, domain.id in counted)
    return "\n".join(lines) + "\n"


def _inspection(today: date, needs: list[str]) -> list[str]:
    """The inspection block: each field of the model once, however many the edition's boilerplate needs."""
    fields = {
        "published": f"  published: {today.isoformat()}  # TODO the publication date, YYYY-MM-DD",
        "fieldwork": "  fieldwork: TODO when fieldwork took place, e.g. May 2022",
        "lead_inspector": "  lead_inspector: TODO the lead inspector's name",
        "isbn": "  # isbn: 978-1-915468-14-7",
    }
    for name in needs:
        if name in fields or name not in Inspection.model_fields:
            continue
        field = Inspection.model_fields[name]
        fields[name] = (f"  {name}: 0  # TODO the number of {name}, stated in the methodology annexe"
                        if "int" in str(field.annotation) else f"  {name}: TODO {field.description or name}")
    return list(fields.values())


def _domain(domain: Domain, lowest: str, words: str, counted: bool = False) -> list[str]:
    lines = ["", *comment(domain.heading or f"{domain.id}. {domain.name}", 2), f"  - id: {q(domain.id)}"]
    if counted or any(s.method == "cases" for s in domain.standards):
        lines.append("    cases: 1  # TODO the number of cases inspected for this domain")
    lines += [
        "    introduction: TODO how this domain was inspected and what was found.",
        "    strengths:",
        "      - TODO a strength",
        "    areas_for_improvement:",
        "      - TODO an area for improvement",
        "    standards:",
    ]
    for standard in domain.standards:
        lines += _standard(standard, lowest, words)
    return lines


def _standard(standard: Standard, lowest: str, words: str) -> list[str]:
    how = {"judgement": "rated by the inspectors' judgement", "cases": "computed from the case counts",
           "percentage": "banded from its case assessment score"}[standard.method]
    lines = ["", *comment(f"{standard.id} {standard.name} ({how}): {standard.statement}", 6), f"      - id: {q(standard.id)}"]
    if standard.method == "judgement":
        lines.append(f"        rating: {q(lowest)}  # TODO the inspectors' rating: {words}")
    if standard.method == "percentage" or (standard.method == "judgement" and standard.score_statement):
        lines.append("        percent: 0  # TODO the case assessment score (% of work done well enough)")
    if standard.key_questions:
        note = "  # TODO the counts below are placeholders" if standard.method == "cases" else ""
        lines.append(f"        key_questions:{note}")
        for kq in standard.key_questions:
            lines += _key_question(kq, standard.method == "cases")
    if standard.method != "judgement" or not standard.key_questions:
        lines += ["        narrative: |-", "          TODO what the inspectors found on this standard."]
    return lines


def _key_question(kq: KeyQuestion, counted: bool) -> list[str]:
    lines = [*comment(f"{kq.id} {kq.text}", 10), f"          {q(kq.id)}:"]
    if not counted:
        return lines + ["            narrative: |-", "              TODO what the inspectors found on this key question."]
    lines += ["            relevant: 1", "            yes: 0"]
    if kq.prompts:
        lines.append("            prompts:")
        for prompt in kq.prompts:
            lines += [*comment(prompt.text, 14), f"              {q(prompt.id)}: {{relevant: 1, yes: 0}}"]
    return lines


def _today() -> date:
    """Today, or the day SOURCE_DATE_EPOCH names, so a scaffold can be made reproducibly."""
    from .build import source_date_epoch

    epoch = source_date_epoch()
    return datetime.fromtimestamp(epoch, timezone.utc).date() if epoch is not None else date.today()
