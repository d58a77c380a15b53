"""Plain English, as GOV.UK and the Inspectorate write it: short sentences, abbreviations spelt out, one spelling.

- A sentence longer than the edition's `plain_english.sentence_words` (GOV.UK: 25 on average, none
  much above 35) is a warning at its first word; quoted words (a child's, a victim's, or any sentence in the first person singular) are left as spoken.
- Where the edition expects it (`define_abbreviations`), an abbreviation used before it is spelt out
  ('YJS' before 'Youth Justice Service (YJS)'), or never spelt out. Abbreviations everyone knows
  (language.yml), the service's own ('Merton YJS' for 'Merton Youth Justice Service') and single
  letters are not asked for.
- One term written two ways in one report: closed and hyphenated ('reoffending', 're-offending'),
  hyphenated and spaced before the same word ('out-of-court disposal', 'out of court disposal'),
  or a pair of spellings the language file names ('judgment', 'judgement'). The rarer spelling is the
  warning, at each place it is written.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..errors import Problem
from ..readiness import PLACEHOLDER, TODO
from .input import CheckInput
from .language import is_common_word
from .reading import Passage, sentences

NAME = "plain-english"
WORD = re.compile(r"[A-Za-z0-9][\w'’%-]*")
ABBREVIATION = re.compile(r"(?<![\w-])([A-Z][A-Z&]*[A-Z])(?:s|['’]s)?(?![\w-])")
TOKEN = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")  # a word, or a hyphenated compound
FIRST_PERSON = re.compile(r"I\b(?!\.)")  # inspectors write 'we': a sentence in the first person singular is someone's own words
COUNTED = frozenset({"heading", "cell", "callout-title"})  # not sentences


def check(given: CheckInput) -> list[Problem]:
    rules = given.edition.plain_english
    problems: list[Problem] = []
    if rules.sentence_words:
        problems += long_sentences(given, rules.sentence_words)
    if rules.define_abbreviations:
        problems += undefined_abbreviations(given)
    problems += two_spellings(given)
    return problems


def long_sentences(given: CheckInput, limit: int) -> list[Problem]:
    problems = []
    for passage in given.passages:
        if passage.context & COUNTED or "quote" in passage.context or given.is_own_person(passage.path):
            continue  # a child's or a victim's own words are quoted as spoken
        for start, sentence in sentences(passage):
            count = len(WORD.findall(sentence))
            if count > limit and not passage.within(start, "quoted") and not FIRST_PERSON.match(sentence):
                shown = " ".join(sentence.split()[:8])
                problems.append(given.problem(NAME, passage.path, passage.offset(start), f"a sentence of {count} words ('{shown} …')",
                                              f"at most {limit} words (GOV.UK advises 25): split it, or make its series a list"))
    return problems


def undefined_abbreviations(given: CheckInput) -> list[Problem]:
    """The first use of each abbreviation that comes before it is spelt out (in the findings' order)."""
    lang = given.house.words
    known = lang.known_abbreviations | _service_abbreviations(given)
    definitions: dict[str, tuple[Passage, int]] = {}
    uses: dict[str, tuple[Passage, int]] = {}
    for passage in given.passages:
        if given.is_own_person(passage.path) or passage.path[:1] == ("service",):
            continue  # the service's names are the title's
        for match in ABBREVIATION.finditer(passage.text):
            abbreviation = match.group(1)
            if abbreviation in known or abbreviation in definitions or _word_in_capitals(abbreviation) or _marker(abbreviation):
                continue
            if _spelt_out(passage.text, match, abbreviation):
                definitions[abbreviation] = (passage, match.start())
            else:
                uses.setdefault(abbreviation, (passage, match.start()))
    problems = []
    for abbreviation, (passage, start) in uses.items():
        later = definitions.get(abbreviation)
        where = f"; it is spelt out later, at line {given.places.position(later[0].path, later[0].offset(later[1]))[0]}" if later else ""
        problems.append(given.problem(NAME, passage.path, passage.offset(start), f"the abbreviation {abbreviation!r} before it is spelt out",
                                      f"the words in full where it is first used, e.g. 'Youth Justice Service (YJS)'{where}"))
    return problems


def _marker(word: str) -> bool:
    """'TODO', 'TBC', 'XXX': a draft's marker, which readiness.py reports, not an abbreviation."""
    return bool(TODO.fullmatch(word) or PLACEHOLDER.fullmatch(word))


def _word_in_capitals(abbreviation: str) -> bool:
    """'MOSAIC', 'AMBIT': a programme's or a system's name in capitals is a word, not an abbreviation."""
    return len(abbreviation) >= 4 and is_common_word(abbreviation)


def _spelt_out(text: str, match: re.Match, abbreviation: str) -> bool:
    """'Youth Justice Service (YJS)' or 'MAPPA (Multi-Agency Public Protection Arrangements)': the words
    next to the bracket start with the abbreviation's letters."""
    before, after = text[:match.start()], text[match.end():]
    if before.endswith("(") and after.startswith(")"):
        words = re.findall(r"[A-Za-z]+", before[:-1])[-(len(abbreviation) + 4):]
        return _initials_fit(words, abbreviation)
    listed = re.search(r"\(([^()]{3,80}),\s*$", before)  # '(full-time equivalent, FTE)'
    if listed and after.startswith(")"):
        return _initials_fit(re.findall(r"[A-Za-z]+", listed.group(1)), abbreviation)
    bracket = re.match(r"\s*\(([^)]{3,120})\)", after)
    return bool(bracket) and _initials_fit(re.findall(r"[A-Za-z]+", bracket.group(1)), abbreviation)


def _initials_fit(words: list[str], abbreviation: str) -> bool:
    """The abbreviation's letters are, in order, the first letters of words next to it (one letter may be
    missing or inside a word: 'Early Help database (EHM)', 'Child and Adolescent Mental Health Services (CAMHS)')."""
    target = abbreviation.replace("&", "")
    initials = "".join(w[0].upper() for w in words if w)
    if not initials or target[0] not in initials:
        return False
    initials = initials[initials.index(target[0]):]
    matched, position = 0, 0
    for char in target:
        found = initials.find(char, position)
        if found >= 0:
            matched, position = matched + 1, found + 1
    return matched >= len(target) - (1 if len(target) > 2 else 0)


def _service_abbreviations(given: CheckInput) -> set[str]:
    """'YJS' in the short name 'Merton YJS' of 'Merton Youth Justice Service': the title spells it out."""
    service = given.findings.service
    words = re.findall(r"[A-Za-z]+", service.name)
    return {m.group(1) for m in ABBREVIATION.finditer(service.short_name) if _initials_fit(words, m.group(1))}


def two_spellings(given: CheckInput) -> list[Problem]:
    lang = given.house.words
    passages = [p for p in given.passages if not given.is_own_person(p.path) and "cell" not in p.context]
    places: dict[str, list[tuple[Passage, int, str]]] = defaultdict(list)  # one term's key → where each spelling is
    tokens = [(passage, list(TOKEN.finditer(passage.text))) for passage in passages]
    for passage, found in tokens:  # hyphenated compounds, keyed closed ('reoffending') and spaced before their next word
        for index, match in enumerate(found):
            compound = match.group()
            if "-" not in compound:
                continue
            places[compound.replace("-", "").lower()].append((passage, match.start(), compound))
            if index + 1 < len(found) and _adjacent(passage.text, match, found[index + 1]):
                after = found[index + 1].group()
                places[f"{compound.replace('-', ' ')} {after}".lower()].append((passage, match.start(), f"{compound} {after}"))
    variants = {spelling.lower(): " / ".join(pair) for pair in lang.variants for spelling in pair}
    keys = {k: k for k in places} | variants  # a spelling as read → the term it is a spelling of
    lengths_after: dict[str, set[int]] = defaultdict(set)  # a phrase's first word → the phrases' lengths
    for key in keys:
        if " " in key:
            lengths_after[key.split(" ", 1)[0]].add(key.count(" ") + 1)
    for passage, found in tokens:  # the same terms written closed or spaced, and the language file's pairs
        words = [m.group().lower() for m in found]
        for index, word in enumerate(words):
            if word in keys and "-" not in word:
                places[keys[word]].append((passage, found[index].start(), found[index].group()))
            for length in lengths_after.get(word, ()):
                phrase = " ".join(words[index:index + length])
                if phrase in keys and "-" not in phrase and all(
                        _adjacent(passage.text, found[i], found[i + 1]) for i in range(index, index + length - 1)):
                    written = passage.text[found[index].start():found[index + length - 1].end()]
                    places[keys[phrase]].append((passage, found[index].start(), written))
    return [problem for found in places.values() for problem in _rarer(given, found)]


def _adjacent(text: str, first: re.Match, second: re.Match) -> bool:
    return not text[first.end():second.start()].strip()


def _rarer(given: CheckInput, found: list[tuple[Passage, int, str]]) -> list[Problem]:
    by_spelling: dict[str, list[tuple[Passage, int]]] = defaultdict(list)
    seen = set()
    for passage, start, spelling in found:
        if (id(passage), start) not in seen:
            seen.add((id(passage), start))
            by_spelling[spelling.lower()].append((passage, start))
    if len(by_spelling) < 2:
        return []
    ranked = sorted(by_spelling, key=lambda s: (-len(by_spelling[s]), s))
    usual = ranked[0]
    return [given.problem(NAME, passage.path, passage.offset(start), f"{spelling!r}, which the report also writes {usual!r} "
                          f"({len(by_spelling[usual])} times)", f"one spelling of a term in one report: {usual!r}")
            for spelling in ranked[1:] for passage, start in by_spelling[spelling]]
