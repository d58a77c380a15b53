"""`reportgen new`: a findings file shaped like the edition's published reports, every part still TODO.

Which parts a report of the edition carries, and in what order, is the edition's template folder's
`outline.yml` (data: read the seeds to change it); this module only knows how to write each part.
The edition's own wording — domain and standard headings and statements, key questions, prompts —
goes in as comments. Nothing written can pass for a finding: a rating, a count, a case sample and
the date are `TODO`, which `check` lists one by one and `check --final` refuses, and the preview
shows as TODO, never as a rating or a number.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Domain, Edition, Inspection, KeyQuestion, Standard

if TYPE_CHECKING:
    from ..house import House

SUFFIXES = re.compile(r"\s*\b(youth (justice|offending) (service|team)s?|yjs|yos|yot)\s*$", re.IGNORECASE)
ABBREVIATIONS = {"justice service": "YJS", "offending service": "YOS", "offending team": "YOT"}
DEFAULT_OUTLINE = {  # an edition whose template folder has no outline.yml: every part a report may need
    "report": ["introduction", "recommendations", "background", "domains"],
    "introduction": {"heading": "Introduction", "signatory": "HM Chief Inspector of Probation"},
    "domain": {"judged": ["introduction", "strengths", "areas_for_improvement", "standards"],
               "counted": ["cases", "introduction", "strengths", "areas_for_improvement", "standards"]},
    "standard": {"judgement": ["rating", "key_questions"], "cases": ["key_questions", "narrative"],
                 "percentage": ["percent", "narrative"]},
    "key_question": {"judgement": ["narrative"], "cases": ["counts", "prompts"]},
}


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


def outline(edition: Edition, house: House) -> dict[str, Any]:
    """The edition's outline: its template folder's outline.yml (the house's, read with it), else DEFAULT_OUTLINE."""
    return {**DEFAULT_OUTLINE, **house.outlines.get(edition.template or edition.id, {})}


@dataclass
class Writer:
    """The file's lines, written part by part as the outline orders them."""

    edition: Edition
    plan: dict[str, Any]
    service: str
    area: str
    lines: list[str] = field(default_factory=list)

    def add(self, *lines: str) -> None:
        self.lines += lines

    def text(self, key: str, what: str, indent: int, block: bool = False) -> None:
        pad = " " * indent
        self.add(f"{pad}{key}: |-", f"{pad}  TODO {what}") if block else self.add(f"{pad}{key}: TODO {what}")

    def items(self, key: str, what: str, indent: int) -> None:
        pad = " " * indent
        self.add(f"{pad}{key}:", f"{pad}  - TODO {what}")


def scaffold(service: str, edition: Edition, house: House, today: date | None = None) -> str:
    """The findings file's text for a new inspection of `service` under `edition`, by the house's publisher."""
    today = today or _today()
    area, short = names(service)
    out = Writer(edition, outline(edition, house), service, area)
    out.add(
        f"# yaml-language-server: $schema={schema_name(edition)}",
        f"# Findings of {house.brand.publisher.name}'s inspection of {' '.join(service.split())}, under {edition.name}.",
        f"# Licence: Crown copyright {today.year}. Contains public sector information licensed under the Open Government Licence v3.0",
        "# The parts a report of this edition carries, in its order, each marked as still to write; the edition's",
        f"# own wording (standards, key questions, prompts, fixed text) comes from {edition.id}, quoted in comments.",
        "# Ratings, counts and the date are marked the same way, so nothing here can pass for a finding:",
        "# `reportgen check` lists what is left, `reportgen watch` previews it, `reportgen check --final` passes when nothing is.",
        "",
        f"edition: {q(edition.id)}",
        "",
        "service:",
        f"  name: {q(service)}",
        f"  short_name: {q(short)}  # TODO check: the service as named in running text",
        f"  area: {q(area)}  # TODO check: the local authority area",
        "",
        "inspection:",
        *_inspection(edition),
    )
    for part in out.plan["report"]:
        name, options = (next(iter(part.items())) if isinstance(part, dict) else (part, {}))
        out.add("")
        REPORT_PARTS[name](out, options or {})
    return "\n".join(out.lines) + "\n"


def _inspection(edition: Edition) -> list[str]:
    """The inspection block: each field once, with any number the edition's fixed wording states."""
    lines = [
        "  published: TODO  # the publication date, YYYY-MM-DD (or the month alone, YYYY-MM)",
        "  fieldwork: TODO  # when fieldwork took place, as the report goes on with it: May 2022, between 3 and 7 November 2026",
        "  lead_inspector: TODO the lead inspector's name",
        "  # isbn: 978-1-915468-14-7",
    ]
    if "{kind}" in edition.title:
        lines.append(f"  # kind: {Inspection.model_fields['kind'].default}  # the title: {edition.title}")
    needs = sorted(set(re.findall(r"inspection\.(\w+)", " ".join(edition.boilerplate.values()))))
    for name in needs:
        if name in ("published", "fieldwork", "lead_inspector", "isbn", "kind") or name not in Inspection.model_fields:
            continue
        lines.append(f"  {name}: TODO  # {Inspection.model_fields[name].description or name}")
    return lines


# ---------------------------------------------------------------------------
# the report's parts
# ---------------------------------------------------------------------------


def _introduction(out: Writer, options: dict) -> None:
    plan = {**out.plan.get("introduction", {}), **options}
    heading = plan.get("heading", "Introduction")
    out.add("introduction:", f"  heading: {q(heading)}")
    out.text("body", f"the {heading.lower()}, paragraphs separated by a blank line.", 2, block=True)
    out.add("  signatory:", "    name: TODO who signs it", f"    role: {q(plan.get('signatory', 'HM Chief Inspector of Probation'))}")


def _recommendations(out: Writer, options: dict) -> None:
    addressee = options.get("addressee", "The {service} should:").format(service=out.service)
    out.add("recommendations:", f"  - addressee: {q(addressee)}", "    recommendations:")
    if options.get("owned"):  # each with the post accountable for it, printed after it
        out.add("      - text: TODO a recommendation", "        owner: TODO the post accountable for it")
    else:
        out.add("      - TODO a recommendation")


def _contextual_facts(out: Writer, options: dict) -> None:
    out.add("contextual_facts:")
    for table in options.get("tables", []):
        out.add(f"  - heading: {q(table['heading'])}", "    facts:")
        for label in table.get("facts", []):
            out.add("      - value: TODO", f"        label: {q(label.format(area=out.area))}")


def _sections(out: Writer, headings: list, indent: int, key: str = "sections") -> None:
    pad = " " * indent
    out.add(f"{pad}{key}:")
    for heading in headings:
        out.add(f"{pad}  - heading: {q(heading)}")
        out.text("body", f"the {heading.lower()} section.", indent + 4, block=True)


def _domains(out: Writer, options: dict) -> None:
    out.add("domains:")
    for domain in out.edition.domains:
        _domain(out, domain)


REPORT_PARTS = {
    "acknowledgements_note": lambda out, o: out.text("acknowledgements_note", o.get("what", "a note closing the acknowledgements (e.g. names changed)."), 0),
    "team": lambda out, o: out.add("team:", "  - role: Lead Inspector", "    members: [TODO the lead inspector]"),
    "introduction": _introduction,
    "overall_assessment": lambda out, o: out.text("overall_assessment", "the summary of the judgements as a whole.", 0, block=True),
    "front_sections": lambda out, o: _sections(out, o.get("headings", []), 0, "front_sections"),
    "recommendations": _recommendations,
    "background": lambda out, o: out.text("background", "the background: the service and its area, paragraphs separated by a blank line.", 0, block=True),
    "contextual_facts": _contextual_facts,
    "domains": _domains,
    "glossary": lambda out, o: out.add("glossary:", "  - term: TODO a term", "    definition: TODO what it means"),
}


def _domain(out: Writer, domain: Domain) -> None:
    counted = any(s.method == "cases" for s in domain.standards) or domain.id in _counted_in_wording(out.edition)
    parts = out.plan["domain"]["counted" if counted else "judged"]
    out.add("", *comment(domain.heading or f"{domain.id}. {domain.name}", 2), f"  - id: {q(domain.id)}")
    for part in parts:
        if part == "cases":
            out.add("    cases: TODO  # the number of cases inspected in this domain's sample")
        elif part in ("strengths", "areas_for_improvement"):
            out.items(part, "a strength" if part == "strengths" else "an area for improvement", 4)
        elif part in ("introduction", "lead_in"):
            out.text(part, "how this domain was inspected and what was found." if part == "introduction" else "the text leading into the standards.", 4)
        elif part == "standards":
            out.add("    standards:")
            for standard in domain.standards:
                _standard(out, standard)
        elif part == "sections" and domain.id in out.plan.get("domain_sections", {}):
            _sections(out, out.plan["domain_sections"][domain.id], 4)


def _counted_in_wording(edition: Edition) -> set[str]:
    return set(re.findall(r"cases\[\s*['\"]([^'\"]+)['\"]\s*\]", " ".join(edition.boilerplate.values())))


def _standard(out: Writer, standard: Standard) -> None:
    how = {"judgement": "rated by the inspectors' judgement", "cases": "rated from the case counts",
           "percentage": "rated from its case assessment score"}[standard.method]
    out.add("", *comment(f"{standard.id} {standard.name} ({how}): {standard.statement}", 6), f"      - id: {q(standard.id)}")
    parts = out.plan.get("standards", {}).get(standard.id) or out.plan["standard"][standard.method]
    words = [r.name for r in out.edition.scale]
    for part in parts:
        if part == "rating":
            out.add(f"        rating: TODO  # the inspectors' rating: {', '.join(words[:-1])} or {words[-1]}")
        elif part == "percent" and (standard.method == "percentage" or standard.score_statement):
            out.add("        percent: TODO  # the case assessment score: % of work done well enough")
        elif part in ("strengths", "areas_for_improvement", "key_findings"):
            out.items(part, {"strengths": "a strength", "areas_for_improvement": "an area for improvement",
                             "key_findings": "a key finding"}[part], 8)
        elif part in ("introduction", "overview", "summary", "narrative"):
            out.text(part, PURPOSE[part], 8, block=True)
        elif part == "explanation":
            out.add("        explanation:", "          - TODO the first numbered paragraph of the explanation of findings")
        elif part == "key_questions" and standard.key_questions:
            out.add("        key_questions:")
            for kq in standard.key_questions:
                _key_question(out, kq, out.plan["key_question"].get(standard.method, []))
        elif part == "sections" and standard.id in out.plan.get("standard_sections", {}):
            _standard_sections(out, out.plan["standard_sections"][standard.id])


PURPOSE = {
    "introduction": "the text straight after the standard's rating.",
    "overview": "the standard's paragraph in the report's summary.",
    "summary": "what the table shows, in a sentence or two.",
    "narrative": "what the inspectors found on this standard.",
}


def _standard_sections(out: Writer, sections: list) -> None:
    out.add("        sections:")
    for section in sections:
        out.add(f"          - heading: {q(section['heading'])}")
        if section.get("facts"):
            out.add("            facts:")
            for label in section["facts"]:
                out.add("              - value: TODO", f"                label: {q(label)}")
        else:
            out.text("body", f"the {section['heading'].lower()}.", 12, block=True)
        out.add(f"            placement: {section.get('placement', 'after')}")


def _key_question(out: Writer, kq: KeyQuestion, parts: list[str]) -> None:
    out.add(*comment(f"{kq.id} {kq.text}", 10), f"          {q(kq.id)}:")
    if not parts:
        out.add("            {}")
    for part in parts:
        if part == "counts":
            out.add("            relevant: TODO", "            yes: TODO")
        elif part == "prompts" and kq.prompts:
            out.add("            prompts:")
            for prompt in kq.prompts:
                out.add(*comment(prompt.text, 14), f"              {q(prompt.id)}: {{relevant: TODO, yes: TODO}}")
        elif part == "narrative":
            out.text("narrative", "what the inspectors found on this key question.", 12, block=True)
        elif part in ("strengths", "areas_for_improvement"):
            out.items(part, "a strength" if part == "strengths" else "an area for improvement", 12)


def _today() -> date:
    """Today, or the day SOURCE_DATE_EPOCH names, so a scaffold can be made reproducibly."""
    from ..build import source_date_epoch

    epoch = source_date_epoch()
    return datetime.fromtimestamp(epoch, timezone.utc).date() if epoch is not None else date.today()
