"""Free text the report sets into its own sentences reads as part of them: `fieldwork` as a time phrase
("May 2022", "between 17 and 20 May 2021"), `kind` as what was inspected ("youth justice services").

The templates fit the phrase into the sentence (phrasing.when), so any natural wording of a time reads;
what cannot read is a whole sentence where a phrase goes ("Fieldwork took place in May 2022." printed
as "Fieldwork took place Fieldwork took place…") or a kind that repeats the title around it.
"""

from __future__ import annotations

import re
import string

from ..errors import Problem
from .input import CheckInput

NAME = "phrasing"
SENTENCE = re.compile(r"^(?:the\s+)?(?:fieldwork|inspection|we|our|it|this)\b|\btook place\b|\bwas (?:undertaken|carried out|held)\b|\.\s*$",
                      re.IGNORECASE)
TITLE_WORDS = re.compile(r"^(?:an?\s+|the\s+)?(?:full\s+joint\s+)?inspection\b|^of\b", re.IGNORECASE)


def run(given: CheckInput) -> list[Problem]:
    inspection, problems = given.findings.inspection, []
    fieldwork = inspection.fieldwork if isinstance(inspection.fieldwork, str) else ""
    if SENTENCE.search(fieldwork.strip()):
        problems.append(_warn(given, "fieldwork", f"a sentence where the report wants when fieldwork took place ({fieldwork.strip()!r})",
                              "the time alone, as the report's sentence goes on with it: 'May 2022', 'between 17 and 20 May 2021', "
                              "'3 to 7 November 2026'"))
    title_fields = {name for _, name, _, _ in string.Formatter().parse(given.edition.title) if name}
    kind = inspection.kind.strip() if isinstance(inspection.kind, str) else ""
    area = given.findings.service.area.strip() if given.findings.service else ""
    if "kind" in title_fields and kind and (TITLE_WORDS.search(kind) or (area and kind.lower().endswith(f" in {area.lower()}"))):
        problems.append(_warn(given, "kind", f"{kind!r}, which the title would repeat ({given.edition.title.format(kind=kind, area=area, service='', short_name='')!r})",
                              "what was inspected alone, as the title goes on with it: e.g. 'youth justice services'"))
    return problems


def _warn(given: CheckInput, field: str, found: str, expected: str) -> Problem:
    from dataclasses import replace

    return replace(given.source.problem(("inspection", field), found, expected, warning=True), check=NAME)
