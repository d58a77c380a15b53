"""The programme view's words (templates/programme/words.yml): Jinja patterns filled with facts,
so no sentence of the page is written in Python. A house's --templates folder may reword them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import Problem, ReportError
from ..load import load_yaml
from ..resources import SHIPPED_TEMPLATES, template_folders

NAME = "programme/words.yml"


class Words:
    """`words(key, **facts)`: one pattern filled in; `words.join(items)`: 'a, b and c'."""

    def __init__(self, patterns: dict[str, str]):
        self.patterns = patterns

    def __call__(self, key: str, **facts: object) -> str:
        from ..wording import compiled

        return " ".join(compiled(self.patterns[key]).render(facts).split())

    def join(self, items: list[str] | tuple[str, ...]) -> str:
        items = list(items)
        if len(items) < 2:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.patterns['and']} {items[-1]}"


def words() -> Words:
    """The first programme/words.yml of the template folders, checked to have every key."""
    path = next((folder / NAME for folder in template_folders() if (folder / NAME).is_file()), SHIPPED_TEMPLATES / NAME)
    stat = path.stat()
    return _read(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _read(path: Path, *version: int) -> Words:
    located = load_yaml(path)
    data = located.data if isinstance(located.data, dict) else {}
    needed = load_yaml(SHIPPED_TEMPLATES / NAME).data
    for key in needed:
        if not isinstance(data.get(key), str) or not data[key].strip():
            line, column = located.where((key,)) if key in data else (None, None)
            raise ReportError([Problem(str(path), line, column, key, "nothing" if data.get(key) is None else repr(data[key])[:60],
                                       "the words for this part of the programme view (text; Jinja placeholders allowed)")])
    return Words({key: data[key] for key in needed})
