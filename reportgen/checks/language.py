"""What the text checks know of English and of names, loaded once per process.

- Hunspell's en-GB dictionary from Debian's `hunspell-en-gb` (/usr/share/hunspell/en_GB.dic/.aff), read
  through `chunspell`, a maintained wheel of the Hunspell binding that bundles libhunspell: the real
  engine and its suggestions, loading in about 0.1 s (the pure-Python spylls took 0.8 s).
- First names from the dictionary `gender-guesser` ships (nam_dict.txt: some 45,000 given names with
  their frequency in Great Britain, Ireland and 50 other countries), read as data; nothing is fetched.
- templates/common/language.yml (or a house's own), read with the house (house/language.py): the
  field's words and the lists that tell a person's name from a month, a place or an organisation.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

DICTIONARY = Path("/usr/share/hunspell")  # Debian's hunspell-en-gb (Makefile: system-packages)
LANGUAGE = "en_GB"


class MissingDictionary(Exception):
    """hunspell-en-gb is not installed: spelling cannot be checked."""


@lru_cache(maxsize=1)
def hunspell():
    """The en-GB Hunspell dictionary; MissingDictionary if Debian's hunspell-en-gb is not installed."""
    if not (DICTIONARY / f"{LANGUAGE}.dic").is_file():
        raise MissingDictionary(str(DICTIONARY / f"{LANGUAGE}.dic"))
    from hunspell import Hunspell

    return Hunspell(LANGUAGE, hunspell_data_dir=str(DICTIONARY))


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[bytes], frozenset[bytes]]:
    """(every first name, those given in Great Britain, Ireland or the USA), as UTF-8 bytes: the file's
    fixed columns sliced, not decoded, since the whole file is read on every `check` (about 20 ms)."""
    data = files("gender_guesser").joinpath("data", "nam_dict.txt").read_bytes()
    lines = [line for line in data.split(b"\n") if line[:1] != b"#"]
    every = frozenset(line[3:29].rstrip() for line in lines)
    anglophone = frozenset(line[3:29].rstrip() for line in lines if line[30:33].strip())  # a frequency in GB, Ireland or the USA
    return every, anglophone


def is_first_name(word: str) -> bool:
    return word.encode("utf-8") in _names()[0]


def is_anglophone_name(word: str) -> bool:
    """A first name given in Great Britain, Ireland or the USA ('Will', 'Grace'): an everyday word that is
    one of these may be a name; one that is not ('The', 'Can') is a word."""
    return word.encode("utf-8") in _names()[1]


@lru_cache(maxsize=65536)
def known(word: str) -> bool:
    """Hunspell knows the word (as written, or with a curly apostrophe straightened)."""
    return bool(hunspell().spell(word.replace("’", "'")))


@lru_cache(maxsize=4096)
def is_common_word(word: str) -> bool:
    """An everyday English word in lower case ('will', 'grace'), so a capitalised one may not be a name."""
    return known(word.lower())


def suggestions(word: str, limit: int = 3) -> tuple[str, ...]:
    return tuple(hunspell().suggest(word.replace("’", "'"))[:limit])
