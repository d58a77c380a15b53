"""Personal names in a passage: who is named, and whether the report may name them.

A name is a capitalised word from the first-names list (language.is_first_name) — not a month, a
day or a place word (language.yml `not_names`), not the service's own area, not after 'St' — and,
for a full name, the capitalised word after it, unless that is a place or organisation word
('Jack Petchey Foundation', 'Mary Seacole House'). The report's own people (lead inspector,
signatory, team, those thanked in the acknowledgements, names in the edition's or publisher's
fixed text) may be named; anyone else's full name is always flagged. A first name alone is
flagged where it tells a child's story (a case illustration, practice example or quote) unless
the report says names were changed, and elsewhere where the words after it show a person is meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..house.language import Language
from .language import is_anglophone_name, is_common_word, is_first_name, known
from .reading import Passage

CAPITALISED = re.compile(r"(?<![\w’'@./-])[A-Z][A-Za-z]*(?:['’][A-Z][a-z]+)?(?:-[A-Z][a-z]+)?(?:['’]s\b)?")
SURNAME = re.compile(r"[A-Z](?:[a-z]+|['’][A-Z][a-z]+|c[A-Z][a-z]+|ac[A-Z][a-z]+)(?:-[A-Z][a-z]+)?")
NAMES_CHANGED = re.compile(
    r"\bnames?\b[^.]{0,120}?\b(?:has|have|had)\s+been\s+changed|\bnames?\b[^.]{0,60}?\b(?:were|was|are|is)\s+changed"
    r"|\bpseudonyms?\b|\bnot\s+(?:their|his|her)\s+real\s+names?\b", re.IGNORECASE)
PLACE = "\0place"  # _family's answer for a name that is part of a place's or an organisation's name
TITLE_CASE = frozenset({"heading", "cell", "callout-title"})
STORY = frozenset({"case", "quote"})  # contexts that tell one child's story in their own or our words


@dataclass(frozen=True)
class Name:
    start: int  # index in the passage text
    text: str
    full: bool  # given and family name
    own: bool  # one of the report's own people
    everyday: bool = False  # also an everyday word ('Tom', 'Jack'): a name only where a person is plainly meant


def says_names_changed(passages: list[Passage]) -> bool:
    return any(NAMES_CHANGED.search(p.text) for p in passages)


def name_words(texts: list[str]) -> set[str]:
    """Every capitalised word of some texts (the own people's entries, the acknowledgements, fixed wording)."""
    return {_bare(m.group()) for text in texts for m in CAPITALISED.finditer(text)}


def names_in(passage: Passage, lang: Language, own: set[str], places: set[str]) -> Iterator[Name]:
    """The personal names written in one passage, in order."""
    text = passage.text
    matches = list(CAPITALISED.finditer(text))
    skip_next = False
    for index, match in enumerate(matches):
        if skip_next:
            skip_next = False
            continue
        word = _bare(match.group())
        if not _given(word, lang, places) or _after_place_word(text, match.start(), lang):
            continue
        following = matches[index + 1] if index + 1 < len(matches) else None
        family = _family(text, match, following, matches[index + 2] if index + 2 < len(matches) else None, lang, places)
        if family is PLACE:
            skip_next = True  # the next word names the place too
        elif family is not None:
            skip_next = True
            if is_common_word(word) and is_common_word(family) and passage.context & TITLE_CASE:
                continue  # 'Rose Garden' in a heading or a table: two everyday words in title case
            yield Name(match.start(), text[match.start():following.start() + len(family)], True, word in own and family in own)
        elif not is_common_word(word) or is_anglophone_name(word):
            yield Name(match.start(), word, False, word in own, is_common_word(word))


def lone_name_flagged(name: Name, passage: Passage, lang: Language, changed: bool) -> bool:
    """Whether a first name alone is personal data here."""
    if name.own or name.full:
        return False
    story = bool(passage.context & STORY) or passage.within(name.start, "quoted")
    if name.everyday:
        return (not story or not changed) and _person_follows(passage.text, name.start + len(name.text), lang)
    if story:
        return not changed
    return _person_follows(passage.text, name.start + len(name.text), lang)


def unknown_names(passage: Passage, lang: Language, changed: bool, skip: set[int]) -> Iterator[Name]:
    """In a child's story, a capitalised word no dictionary knows, followed by what a person does ('Jonty had')."""
    if changed or not (passage.context & STORY):
        return
    for match in CAPITALISED.finditer(passage.text):
        word = _bare(match.group())
        if match.start() in skip or word.isupper() or word in lang.words or known(word):
            continue
        if _person_follows(passage.text, match.end(), lang) or match.group().endswith(("'s", "’s")):
            yield Name(match.start(), word, False, False)


def _bare(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def _given(word: str, lang: Language, places: set[str]) -> bool:
    if not is_first_name(word) or word in lang.not_names or word in places or word.isupper() or len(word) < 2:
        return False
    return not is_common_word(word) or is_anglophone_name(word)


def _after_place_word(text: str, start: int, lang: Language) -> bool:
    before = text[:start].rstrip().rsplit(None, 1)
    return bool(before) and before[-1].rstrip(".") in lang.place_before


def _family(text: str, given: re.Match, following: re.Match | None, after: re.Match | None,
            lang: Language, places: set[str]) -> str | None:
    """The family name right after a given name, or None (a place or organisation word, or no such word)."""
    if following is None or text[given.end():following.start()] != " " or given.group().endswith(("'s", "’s")):
        return None
    family = _bare(following.group())
    if not SURNAME.fullmatch(family) or family in lang.not_names or family in places:
        return None
    if family in lang.place_words and not _person_follows(text, following.end(), lang):
        return None  # 'Jordan Hill', 'Albert Road'; but 'Tom Lane said'

    if after is not None and text[following.end():after.start()] == " " and _bare(after.group()) in lang.place_words:
        return PLACE  # 'Mary Seacole House', 'Jack Petchey Foundation', 'Stephen Lawrence Day'
    return family


def _person_follows(text: str, end: int, lang: Language) -> bool:
    rest = text[end:end + 40]
    rest = re.sub(r"^['’]s\b", "", rest)
    if re.match(r"\s*(?:,\s*|\(\s*)(?:a|an|aged|age)?\s*\d{1,2}\b", rest):
        return True
    words = rest.strip(" ,").split()
    return bool(words) and words[0].lower().strip(",.;:") in lang.person_words or bool(words) and words[0] in ("(a", "(an")
