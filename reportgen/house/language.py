"""The text checks' language lists (templates/common/language.yml, or a house's own), read and checked.

The field's words the dictionary lacks and the short lists that tell a person's name from a month,
a place or an organisation. Read through load.py like every file of the house, so a slip (a list
missing, a duplicate key, a word that is not text) is one line naming file, line and list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, ReportError
from ..load import load_yaml

FILE = "common/language.yml"
SETS = ("words", "known_abbreviations", "not_names", "place_words", "street_words", "place_before", "person_words")


@dataclass(frozen=True)
class Language:
    words: frozenset[str]  # words of the field the dictionary does not know
    known_abbreviations: frozenset[str]  # readers know them without a definition
    not_names: frozenset[str]  # first names in the names list but, in a report, a month, a day or a place
    place_words: frozenset[str]
    street_words: frozenset[str]
    place_before: frozenset[str]
    person_words: frozenset[str]
    child_words: tuple[str, ...]
    variants: tuple[tuple[str, ...], ...]  # one term's spellings, of which a report keeps to one


def read_language(path: Path, display: str) -> Language:
    """The file's lists, each present and a list of words (variants: a list of lists)."""
    located = load_yaml(path, display=display)
    data = located.data if isinstance(located.data, dict) else {}

    def words(key: str, items=None) -> list[str]:
        items = data.get(key) if items is None else items
        if not isinstance(items, list) or not all(isinstance(w, (str, int)) for w in items):
            found = "nothing" if items is None else repr(items)[:60]
            raise ReportError([located.problem((key,), found, f"the list '{key}' of language.yml: words in [ ]")])
        return [str(w) for w in items]

    variants = data.get("variants")
    if not isinstance(variants, list):
        words("variants", variants)
    return Language(*(frozenset(words(key)) for key in SETS), tuple(words("child_words")),
                    tuple(tuple(words("variants", pair)) for pair in variants))


def language_file(template_folders: Iterable[Path]) -> Path:
    """The first template folder's common/language.yml."""
    for folder in template_folders:
        if (folder / FILE).is_file():
            return folder / FILE
    raise ReportError([Problem(FILE, None, None, "", "no common/language.yml in the template folders",
                               "the text checks' language file shipped in templates/common/")])
