"""A file of named wording patterns (programme/words.yml, or a house's own), read and checked.

Each key's text is a Jinja pattern over facts; a house's file must give every key the shipped
file gives, each as text, or the command stops with one line naming file, line and key.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem, ReportError
from ..load import load_yaml


def read_patterns(path: Path, display: str, shipped: Path, what: str) -> dict[str, str]:
    """The file's patterns for every key of `shipped` (the shipped folder's file, which has them all)."""
    located = load_yaml(path, display=display)
    data = located.data if isinstance(located.data, dict) else {}
    needed = located.data if path == shipped else load_yaml(shipped).data
    for key in needed:
        if not isinstance(data.get(key), str) or not data[key].strip():
            line, column = located.where((key,)) if key in data else (None, None)
            raise ReportError([Problem(display, line, column, key, "nothing" if data.get(key) is None else repr(data[key])[:60],
                                       f"the words for this part of {what} (text; Jinja placeholders allowed)")])
    return {key: data[key] for key in needed}
