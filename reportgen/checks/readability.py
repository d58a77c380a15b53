"""A reading age for each chapter of the report: `check -v` prints them, a draft's first page shows them.

The Flesch–Kincaid grade (0.39 × words per sentence + 11.8 × syllables per word − 15.59) plus five
years, the usual way to turn a US school grade into a UK reading age. Syllables are counted by vowel
groups (a silent final 'e' not counted; an abbreviation read letter by letter): Pyphen's hyphenation
points undercount them ('or-gan-isa-tion'), and textstat now fetches NLTK's CMU dictionary at run time.
Headings and table cells are not prose and are left out; a chapter under 100 words gets no figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Edition, Findings
from .reading import Passage, sentences

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
VOWELS = re.compile(r"[aeiouy]+")
MINIMUM_WORDS = 100


@dataclass(frozen=True)
class ReadingAge:
    chapter: str
    age: int
    words: int


def reading_ages(passages: list[Passage], findings: Findings, edition: Edition) -> list[ReadingAge]:
    chapters: dict[str, list[Passage]] = {}
    for passage in passages:
        name = chapter_of(passage.path, findings, edition)
        if name and not passage.context & {"heading", "cell", "callout-title"}:
            chapters.setdefault(name, []).append(passage)
    ages = []
    for name, found in chapters.items():
        words = [w for p in found for w in WORD.findall(p.text)]
        count = sum(1 for p in found for _ in sentences(p))
        if len(words) >= MINIMUM_WORDS and count:
            grade = 0.39 * len(words) / count + 11.8 * sum(map(syllables, words)) / len(words) - 15.59
            ages.append(ReadingAge(name, round(grade + 5), len(words)))
    return ages


def chapter_of(path: tuple, findings: Findings, edition: Edition) -> str | None:
    """The report chapter a findings value is printed in, by its path."""
    top = path[0] if path else None
    if top == "domains" and len(path) > 1:
        domain = findings.domains[path[1]]
        if len(edition.domains) == 1 and len(path) > 3 and path[2] == "standards":  # one domain: each standard is a chapter
            standard = domain.standards[path[3]]
            names = {s.id: s.name for s in edition.standards()}
            return f"{standard.id}. {names.get(standard.id, '')}".strip()
        names = {d.id: d.name for d in edition.domains}
        return f"{domain.id}. {names.get(domain.id, '')}".strip()
    if top == "annexes" and len(path) > 1:
        return findings.annexes[path[1]].heading
    if top == "front_sections" and len(path) > 1:
        return findings.front_sections[path[1]].heading
    return {"introduction": findings.introduction.heading, "overall_findings": "Overall findings",
            "overall_assessment": "Overall assessment", "recommendations": "Recommendations", "background": "Background",
            "acknowledgements_note": "Acknowledgements"}.get(top)


def syllables(word: str) -> int:
    if word.isupper() and len(word) <= 6:
        return len(word)  # 'YJS': why-jay-ess
    count = 0
    for part in re.split(r"[-'’]", word.lower()):
        groups = len(VOWELS.findall(part))
        if part.endswith("e") and not part.endswith(("le", "ee", "ye")) and groups > 1:
            groups -= 1
        count += max(groups, 1) if part else 0
    return max(count, 1)


def summary_line(ages: list[ReadingAge]) -> str:
    """'Reading age by chapter (Flesch–Kincaid grade + 5): Foreword 17 · 1. Organisational delivery 19 · …'."""
    listed = " · ".join(f"{a.chapter} {a.age}" for a in ages)
    return f"Reading age by chapter (Flesch–Kincaid grade + 5): {listed}" if ages else "Reading age: no chapter of 100 words or more"
