"""Spelling, British English: every word the report prints against Hunspell's en-GB dictionary.

A word is accepted if the dictionary knows it, or the field's word list (language.yml `words`), or the
report's own words: its `words:` list, its glossary terms, the abbreviations it introduces in
brackets ('Youth Justice Service (YJS)'), the service's names and its own people's names. Names and
words inside links, code and children's quotes are checked like the rest (an `allow:` entry can
take a whole quote); web and e-mail addresses are not words. Each unknown word is one warning
where it is written, with Hunspell's suggestions.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import Problem
from ..readiness import PLACEHOLDER, TODO
from .input import CheckInput
from .language import known, suggestions
from .reading import own_people

NAME = "spelling"
LETTERS = "A-Za-zÀ-ÖØ-öø-ɏ"
WORD = re.compile(rf"(?<![\w-])[{LETTERS}]+(?:['’][{LETTERS}]+)*(?:-[{LETTERS}]+(?:['’][{LETTERS}]+)*)*")
ADDRESS = re.compile(r"\S*(?:://|www\.|@)\S*|\b[\w-]+(?:\.[\w-]+)*\.(?:uk|com|org|net|gov|int|io|eu)\b\S*")
# Hunspell's suggestions take some 30 ms a word: every unknown word of a report gets them, up to SUGGESTIONS;
# a text with more than NONSENSE unknown words is not English prose, and only its first FEW get them.
SUGGESTIONS, NONSENSE, FEW = 30, 60, 5
INTRODUCED = re.compile(r"\(([A-Z][A-Za-z&]*[A-Z][a-z]?)\)")  # '(YJS)', '(CAMHS)', '(RoH)'


def check(given: CheckInput) -> list[Problem]:
    accepted = report_words(given)
    verdicts: dict[str, bool] = {}  # each distinct word judged once
    unknown: list[tuple[object, int, str]] = []
    problems: list[Problem] = []
    for passage in given.passages:
        if given.is_own_person(passage.path):
            continue
        addresses = [m.span() for m in ADDRESS.finditer(passage.text)]
        for match in WORD.finditer(passage.text):
            word = match.group()
            if len(word) < 2 or any(s <= match.start() < e for s, e in addresses) or TODO.fullmatch(word) or PLACEHOLDER.fullmatch(word):
                continue  # a draft's markers are readiness.py's
            if word not in verdicts:
                verdicts[word] = accepted_word(word, accepted)
            if not verdicts[word]:
                unknown.append((passage, match.start(), word))
            elif (british := _ise(re.sub(r"['’]s$", "", word))) and word not in accepted:
                problems.append(given.problem(NAME, passage.path, passage.offset(match.start()), repr(word),
                                              f"the British -ise spelling {british!r}, as the Inspectorate and GOV.UK write it"))
    distinct = [w for w in dict.fromkeys(word for _, _, word in unknown) if not given.likely_allowed(NAME, w)]
    suggested = set(distinct[:SUGGESTIONS if len(distinct) <= NONSENSE else FEW])  # text that is not English gets few
    for passage, start, word in unknown:
        expected = _expected(word) if word in suggested else UNKNOWN
        problems.append(given.problem(NAME, passage.path, passage.offset(start), repr(word), expected))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


IZE = re.compile(r"(?i)^(\w{3,}?)([iy])z(e|es|ed|ing|ation|ations|ational|er|ers)$")


@lru_cache(maxsize=4096)
def _ise(word: str) -> str | None:
    """'organization' → 'organisation' where the dictionary knows that form (Hunspell's en-GB takes both)."""
    match = IZE.match(word)
    if not match:
        return None
    british = f"{match.group(1)}{match.group(2)}s{match.group(3)}"
    return british if known(british) else None


def report_words(given: CheckInput) -> frozenset[str]:
    """The words this report may use beyond the dictionary."""
    lang = given.house.words
    findings = given.findings
    own = [text for _, text in own_people(findings)]
    thanked = [p.text for p in given.passages if p.path[:1] == ("acknowledgements_note",)]  # people and bodies thanked
    names = [findings.service.name, findings.service.short_name, findings.service.area, *own, *thanked,
             *(entry.term for entry in findings.glossary)]
    introduced = {m.group(1) for p in given.passages for m in INTRODUCED.finditer(p.text)}
    named = (w.group() for text in names for w in WORD.finditer(text) if w.group()[0].isupper())
    return frozenset({*lang.words, *lang.known_abbreviations, *given.words, *introduced, *named})


def accepted_word(word: str, accepted: frozenset[str]) -> bool:
    for form in _forms(word):
        if form in accepted or known(form) or (form[:1].isupper() and form[1:].islower() and form.lower() in accepted):
            return True
    if "-" in word:
        return all(accepted_word(part, accepted) for part in word.split("-") if part)
    return False


def _forms(word: str) -> list[str]:
    """The word, without a possessive, and an abbreviation without its plural ('PSRs' → 'PSR')."""
    forms = [word]
    bare = re.sub(r"['’]s$|(?<=s)['’]$", "", word)
    if bare != word:
        forms.append(bare)
    if re.fullmatch(r"[A-Z]{2,}s", bare):
        forms.append(bare[:-1])
    return forms


@lru_cache(maxsize=4096)
def _expected(word: str) -> str:
    if word.isupper():
        return "an abbreviation the dictionary, the field's word list or the report's glossary knows (or add it to words:)"
    offered = suggestions(word)
    if offered:
        return f"a word the en-GB dictionary knows: did you mean {' or '.join(repr(s) for s in offered)}? (a name: add it to words:)"
    return UNKNOWN


UNKNOWN = "a word the en-GB dictionary knows (a name or a term of the field: add it to words:)"
