"""Narrative that contradicts the figures: a stated rating, count or sample size the report's numbers deny.

The sentences are read with the report's parser (checks/narrative.py) and matched against the
edition's own phrasings (`statements:` in the edition file, read from the published reports: how
they state the overall rating, a standard's rating, a count of cases, the cases inspected). Only a
sentence whose subject the pattern ties to one place is judged, and only what the figures settle:
a percentage-only key question is held to a stated count only where no count could give both.

- a rating for the service overall (introduction, overall findings) against the overall rating;
- a rating for a standard in its own text (or its domain's, or the service's where its name is
  unique) against its final rating, computed or moved by the ratings panel;
- a count ("in every case", "in all but one case", "8 of the 9 cases", "none of the 12") for the
  key questions a sentence names, against their counts;
- the cases inspected, in a domain's introduction, against the domain's `cases`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Problem, shorten
from ..load import Path_
from ..model import TODO, Edition, Statements, counted
from ..numbers import parse_number
from ..patterns import NUMBER, compiled, fill, nouns
from ..rate import StandardResult
from .input import CheckInput
from .claims import contradicts, quantifier
from .narrative import sentences

NAME = "statements"
SERVICE_FIELDS = {("introduction", "body"), ("overall_findings", "text"), ("overall_assessment",)}


@dataclass(frozen=True)
class Place:
    """Where a sentence stands: the service's text, a domain's own text, or a standard's."""

    level: str  # "service", "domain" or "standard"
    domain: int | None = None  # index in findings.domains
    standard: int | None = None  # index in the domain's standards
    field: str = ""  # the field's own key (introduction, summary, …)


def place_of(path: Path_) -> Place | None:
    if path[:2] in SERVICE_FIELDS or path[:1] in SERVICE_FIELDS:
        return Place("service", field=str(path[0]))
    if len(path) >= 3 and path[0] == "domains" and isinstance(path[1], int):
        if path[2] == "standards" and len(path) >= 5 and isinstance(path[3], int):
            return Place("standard", path[1], path[3], str(path[4]))
        return Place("domain", path[1], field=str(path[2]))
    return None


@dataclass(frozen=True)
class Reading:
    """What one sentence was read to state, and why the figures deny it (None: they agree)."""

    kind: str  # overall, standard, count, cases
    subject: str  # 'the service', '2.1', '2.3.1', 'domain 2'
    said: str  # the rating, the count or the number as the sentence puts it
    wrong: str | None


def run(given: CheckInput) -> list[Problem]:
    problems: list[Problem] = []
    for sentence, reading in readings(given):
        if reading.wrong:
            problems.append(given.problem(NAME, sentence.path, sentence.offset,
                                          f"{shorten(sentence.text, 110)}, which says {reading.said}", reading.wrong))
    return problems


def readings(given: CheckInput):
    """(sentence, reading) for every sentence a pattern of the edition ties to one place."""
    data = given.edition.statements
    if data is None:
        return
    rules = _Rules(given, data)
    uncertain = compiled(data.uncertain) if data.uncertain else None
    for sentence in sentences(given.findings, given.parser):
        place = place_of(sentence.path)
        if place is not None and not (uncertain and uncertain.search(sentence.text)):
            for reading in rules.judge(sentence.text, place):
                yield sentence, reading


class _Rules:
    """The edition's patterns, filled with this report's names and ratings, and what they are held to."""

    def __init__(self, given: CheckInput, data: Statements):
        self.given, self.data = given, data
        self.edition: Edition = given.edition
        self.results = given.ratings.by_id()
        self.words = sorted((r.name for r in self.edition.scale), key=len, reverse=True)
        service = given.findings.service
        names = {service.name, service.short_name, *data.service}
        self.service = "(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if n) + ")"
        self.nouns = nouns(self.edition, data)
        self._compiled: dict[tuple, re.Pattern | None] = {}  # a report's few hundred sentences share a few dozen fillings

    # -- compiling ------------------------------------------------------------

    def compile(self, pattern: str, standards: dict[str, str] | None, family: str) -> re.Pattern | None:
        """A pattern of the edition with its placeholders filled; None where it names a standard and none is in scope."""
        if "{standard}" in pattern and not standards:
            return None
        key = (pattern, tuple(standards or ()), family)
        if key not in self._compiled:
            self._compiled[key] = compiled(fill(self.data, pattern, self.service, list(standards or ()), self.words, family))
        return self._compiled[key]

    def scope(self, place: Place) -> dict[str, str]:
        """Nouns → standard id of the standards a sentence in `place` may name without ambiguity."""
        if place.level == "standard":
            own = self.given.findings.domains[place.domain].standards[place.standard].id
            return {n: own for n in self.nouns["standards"].get(own, ())}
        if place.level == "domain":
            domain = self.given.findings.domains[place.domain].id
            return dict(self.nouns["domains"].get(domain, {}))
        return dict(self.nouns["unique"])

    def own(self, place: Place) -> str | None:
        if place.level != "standard":
            return None
        return self.given.findings.domains[place.domain].standards[place.standard].id

    # -- judging --------------------------------------------------------------

    def judge(self, text: str, place: Place) -> list[Reading]:
        """At most one reading of each kind: the first pattern of a kind that ties the sentence to a place."""
        scope = self.scope(place)
        kinds = []
        if place.level == "service":
            kinds.append((self.overall, self.data.overall, None))
        kinds.append((self.standard, self.data.standard, scope))
        if place.level in ("standard", "domain"):
            kinds.append((self.counts, self.data.counts, scope))
        if place.level == "domain" and place.field == "introduction":
            kinds.append((self.cases, self.data.cases_inspected, None))
        out = []
        for method, patterns, names in kinds:
            out += next((r for r in (method(text, p, names, place) for p in patterns) if r), [])
        return out

    def overall(self, text: str, pattern: str, _: None, place: Place) -> list[Reading]:
        ratings = self.given.ratings
        compiled = self.compile(pattern, None, "rating")
        match = compiled.search(text) if compiled and ratings.overall not in (None, TODO) else None
        if not match:
            return []
        said = self.word(match.group("rating"))
        wrong = None if said == ratings.overall else f"the overall rating: {ratings.overall} — score {ratings.score}/{ratings.max_score}"
        return [Reading("overall", "the service", f"'{said}'", wrong)]

    def standard(self, text: str, pattern: str, scope: dict[str, str], place: Place) -> list[Reading]:
        if "{standard}" not in pattern and self.own(place) is None:
            return []  # 'the rating for this standard': only in a standard's own text
        compiled = self.compile(pattern, scope, "rating")
        match = compiled.search(text) if compiled else None
        if not match:
            return []
        sid = scope[match.group("standard").lower()] if "standard" in match.groupdict() else self.own(place)
        result = self.results.get(sid)
        if result is None or result.final == TODO or not self.qualifies(match, sid):
            return []  # (TODO: not rated yet — nothing to hold the words to)
        said = self.word(match.group("rating"))
        return [Reading("standard", sid, f"'{said}'", None if said == result.final else rating_reason(result))]

    def counts(self, text: str, pattern: str, scope: dict[str, str], place: Place) -> list[Reading]:
        compiled = self.compile(pattern, scope, "count")
        match = compiled.search(text) if compiled else None
        if not match:
            return []
        groups = match.groupdict()
        sid = scope[groups["standard"].lower()] if groups.get("standard") else self.own(place)
        claim = quantifier(groups)
        if sid is None or claim is None:
            return []
        topics = [groups["topic"]] if groups.get("topic") else self.items(groups.get("topics") or "")
        kqs = self.key_questions(sid, topics)
        if kqs is None:
            return []
        cases = self.sample(sid)
        out = []
        for kq in (k for k in self.results[sid].key_questions if k.id in kqs):
            wrong = contradicts(claim, kq.relevant, kq.yes, kq.percent, cases)
            out.append(Reading("count", kq.id, f"'{match.group('count')}' for key question {kq.id}",
                               wrong and f"what {kq.id}'s figures say: {wrong}"))
        wrong = [r for r in out if r.wrong]
        return wrong[:1] or out[:1]

    def cases(self, text: str, pattern: str, _: None, place: Place) -> list[Reading]:
        compiled = self.compile(pattern, None, "cases")
        match = compiled.search(text) if compiled else None
        domain = self.given.findings.domains[place.domain]
        if not match or not counted(domain.cases):
            return []
        numbers = [parse_number(n) for n in re.findall(NUMBER, match.group("cases"), re.IGNORECASE)]
        if None in numbers or not numbers:
            return []
        stated = sum(numbers)
        wrong = None if stated == domain.cases else (
            f"domain {domain.id}'s sample of {domain.cases} cases (its 'cases', which the prompt tables count from)")
        return [Reading("cases", f"domain {domain.id}", f"{stated} case{'s' if stated != 1 else ''} inspected", wrong)]

    # -- helpers --------------------------------------------------------------

    def qualifies(self, match: re.Match, sid: str) -> bool:
        """A qualifier ('for out-of-court disposals') names the standard's own domain, or there is none."""
        words = (match.groupdict().get("qualifier") or "").lower()
        if not words:
            return True
        named = [d for d in self.edition.domains if d.name.lower() in words]
        longest = max(named, key=lambda d: len(d.name), default=None)
        return longest is not None and any(s.id == sid for s in longest.standards)

    def word(self, said: str) -> str:
        return next(w for w in self.words if w.lower() == " ".join(said.split()).lower())

    def items(self, text: str) -> list[str]:
        """A list of topics ('desistance factors, the safety and wellbeing of the child, and keeping other
        people safe'), each the longest topic that matches where the last ended; [] where a part is none."""
        found, at, text = [], 0, text.strip()
        while at < len(text):
            ends = [m.end() for regex in self.data.topics.values() if (m := compiled(f"(?:{regex})").match(text, at))]
            if not ends:
                return []
            end = max(ends)
            found.append(text[at:end])
            gap = compiled(r",\s*(?:and\s+)?|\s+and\s+|\s*$").match(text, end)  # a separator, or the end
            if not gap:
                return []
            at = gap.end()
        return found

    def key_questions(self, sid: str, topics: list[str]) -> set[str] | None:
        """The key questions the topics name; None where one of them names none (uncertain: silent)."""
        order = self.data.key_questions.get(sid)
        standard = next((s for s in self.edition.standards() if s.id == sid), None)
        if not order or standard is None or not topics:
            return None
        found = set()
        for topic in topics:
            names = [name for name, regex in self.data.topics.items() if re.fullmatch(regex, topic.strip(), re.IGNORECASE)]
            if len(names) != 1 or names[0] not in order:
                return None
            found.add(standard.key_questions[order.index(names[0])].id)
        return found

    def sample(self, sid: str) -> int | None:
        for domain in self.given.findings.domains:
            for standard in domain.standards:
                if standard.id == sid:
                    return standard.cases if standard.cases is not None else domain.cases
        return None


def rating_reason(result: StandardResult) -> str:
    name = f"{result.id} {result.name}"
    if result.method == "judgement":
        return f"the inspectors' rating of {name}: {result.final}"
    if result.mark:
        return (f"the final rating of {name}: {result.final}{result.mark} (moved by the ratings panel from the computed "
                f"{result.computed})")
    low = next((k for k in result.key_questions if k.id == result.lowest), None)
    lowest = f" — lowest key question {low.id} {low.percent}%" if low and low.percent is not None else ""
    if result.method == "percentage" and result.percent is not None:
        lowest = f" — case assessment score {result.percent}%"
    return f"the computed rating of {name}: {result.final}{lowest}"
