"""What every text check is given (CheckInput) and how the registry names one (TextCheck)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Callable

from markdown_it import MarkdownIt

from ..errors import Problem
from ..load import Located, Path_
from ..model import Edition, Findings
from ..rate import Ratings
from .where import Places

if TYPE_CHECKING:
    from ..house import House


@dataclass(frozen=True)
class CheckInput:
    """What a text check needs: the located source, the edition, the findings, their ratings, the parser."""

    source: Located
    edition: Edition
    findings: Findings
    ratings: Ratings
    parser: MarkdownIt
    house: House  # the words lists (common/language.yml) and the publisher's own details (brand.yml)
    exceptions: bool = True  # False: as if the findings had no words: and no allow: (`check --counts`' "before")
    places: Places = field(default=None, compare=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.places is None:
            object.__setattr__(self, "places", Places(self.source))

    @property
    def words(self) -> tuple[str, ...]:
        """The report's own word list (`words:`), or none when counting without exceptions."""
        return self.findings.words if self.exceptions else ()

    @cached_property
    def passages(self) -> list:
        """The printed text as passages (reading.py), read once for every check."""
        from .reading import passages

        return passages(self.findings, self.parser)

    def likely_allowed(self, check: str, text: str) -> bool:
        """An `allow:` entry for `check` names this text: work spent only on a message (Hunspell's
        suggestions) can be spared, since the registry will drop the problem."""
        return self.exceptions and any(text in entry.text and entry.check in (None, check) for entry in self.findings.allow)

    @staticmethod
    def is_own_person(path: Path_) -> bool:
        from .reading import is_own_person

        return is_own_person(path)

    def problem(self, check: str, path: Path_, offset: int, found: str, expected: str) -> Problem:
        """A warning of `check` about the text at `offset` of the value at `path`."""
        line, column = self.places.position(path, offset)
        from ..load import format_path

        return Problem(self.source.file, line, column, format_path(path), found, expected, "warning", check, self.source.place(path))


@dataclass(frozen=True)
class TextCheck:
    name: str
    run: Callable[[CheckInput], list[Problem]]
