"""The programme view's words (templates/programme/words.yml): Jinja patterns filled with facts,
so no sentence of the page is written in Python. A house's --templates folder may reword them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..house import House
    from ..house.wording import Wording

class Words:
    """`words(key, **facts)`: one pattern filled in; `words.join(items)`: 'a, b and c'."""

    def __init__(self, patterns: dict[str, str], wording: Wording):
        self.patterns, self._wording = patterns, wording

    def __call__(self, key: str, **facts: object) -> str:
        return " ".join(self._wording.compiled(self.patterns[key]).render(facts).split())

    def join(self, items: list[str] | tuple[str, ...]) -> str:
        items = list(items)
        if len(items) < 2:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.patterns['and']} {items[-1]}"


def words(house: House) -> Words:
    """The house's programme words (programme/words.yml, read with the house)."""
    return Words(dict(house.programme_words), house.wording)
