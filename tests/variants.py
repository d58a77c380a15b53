"""Findings variants for tests: a seed report changed by the path of a value, not by searching its text.

The seed is read with ruamel.yaml's round trip, so what a test leaves
alone is written back as it was: comments, quoting, block style, and so the line numbers too.

    from .variants import Variant

    merton = (Variant("merton")                                     # findings/merton.yml
              .set('domains["2"].standards["2.1"].key_questions["2.1.1"].yes', 6)
              .rename('domains["1"].standards["1.1"].rating', "ratng")
              .delete('domains["3"].standards["3.4"]')
              .replace("background", "multidisciplinary", "multi-disciplinary"))
    path = merton.write(tmp_path)                                   # tmp_path / "merton.yml"
    merton.line('domains["1"].standards["1.1"].ratng')             # its line in what was written
    merton.find("multi-disciplinary")                               # (line, column) of a piece of text

A path is keys joined by dots, and steps in brackets: `[1]` is a list's second item (`[-1]` its
last); `["2.1"]` is a mapping's key or, in a list, the item whose `id` is "2.1". Each change
returns the variant, so changes chain. A new key goes at the end of its mapping; `set` keeps the
old value's style (a literal block stays a literal block, a quoted string stays quoted).

Use tests/editing.py only for text that is no longer well-formed YAML (a syntax error, a bad byte,
a duplicate key) or is a comment.
"""

from __future__ import annotations

import copy
import io
import re
from functools import lru_cache
from pathlib import Path

from ruamel.yaml.scalarstring import ScalarString

ROOT = Path(__file__).resolve().parent.parent
_STEP = re.compile(r"""\.?([A-Za-z_][\w-]*)|\[(-?\d+)\]|\[(["'])(.*?)\3\]""")


class Variant:
    """A seed report (a name under findings/, or a path) with changes made by path."""

    def __init__(self, seed: str | Path = "merton"):
        self.source = Path(seed) if isinstance(seed, Path) else ROOT / "findings" / f"{seed}.yml"
        self.yaml, document = _read(self.source)
        self.document = copy.deepcopy(document)

    def get(self, path: str):
        parent, step = self._parent(path)
        return parent[_index(parent, step, path)]

    def set(self, path: str, value) -> Variant:
        """Give the value at `path` (an existing value's style is kept; a new key is added at the end)."""
        parent, step = self._parent(path)
        where = _index(parent, step, path, new=True)
        old = parent.get(where) if isinstance(parent, dict) else parent[where]
        if isinstance(old, ScalarString) and isinstance(value, str):
            value = type(old)(value)
        parent[where] = value
        return self

    def replace(self, path: str, old: str, new: str) -> Variant:
        """Change the first `old` in the text at `path` to `new` (the text must hold `old`)."""
        text = self.get(path)
        assert old in text, f"{old!r} is not in {path}: {text[:200]!r}"
        return self.set(path, text.replace(old, new, 1))

    def rename(self, path: str, key: str) -> Variant:
        """Give the key at `path` a new name, keeping its place and its value."""
        parent, step = self._parent(path)
        old = _index(parent, step, path)
        assert isinstance(parent, dict), f"{path} is not a key of a mapping"
        parent.insert(list(parent).index(old), key, parent.pop(old))
        return self

    def delete(self, path: str) -> Variant:
        parent, step = self._parent(path)
        del parent[_index(parent, step, path)]
        return self

    def insert(self, path: str, index: int, value) -> Variant:
        """Put `value` into the list at `path` before its item `index` (0: first)."""
        self.get(path).insert(index, value)
        return self

    def append(self, path: str, value) -> Variant:
        """Add `value` at the end of the list at `path`."""
        self.get(path).append(value)
        return self

    def text(self) -> str:
        out = io.StringIO()
        self.yaml.dump(copy.deepcopy(self.document), out)  # ruamel moves comments as it dumps: never dump the same one twice
        return out.getvalue()

    def write(self, folder: Path, name: str | None = None) -> Path:
        path = Path(folder) / (name or self.source.name)
        path.write_text(self.text(), encoding="utf-8")
        return path

    def line(self, path: str) -> int:
        """The 1-based line where the key or list item at `path` starts in the text as written now."""
        return self.place(path)[0]

    def place(self, path: str) -> tuple[int, int]:
        """The 1-based line and column where the key or list item at `path` starts in the text as written now."""
        document = _read_text(self.text())
        parent, step = _walk(document, path)
        where = _index(parent, step, path)
        line, column = parent.lc.key(where) if isinstance(parent, dict) else parent.lc.item(where)
        return line + 1, column + 1

    def find(self, fragment: str) -> tuple[int, int]:
        """The 1-based line and column where `fragment` first appears in the text as written now."""
        text = self.text()
        at = text.index(fragment)
        return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)

    def _parent(self, path: str):
        return _walk(self.document, path)


def _steps(path: str) -> list:
    steps, at = [], 0
    while at < len(path):
        match = _STEP.match(path, at)
        if not match or match.end() == at:
            raise ValueError(f"cannot read path {path!r} at {path[at:]!r}")
        name, number, _, key = match.groups()
        steps.append(int(number) if number is not None else name if name is not None else key)
        at = match.end()
    return steps


def _walk(document, path: str):
    """The container holding the last step of `path`, and that step."""
    *steps, last = _steps(path)
    node = document
    for step in steps:
        node = node[_index(node, step, path)]
    return node, last


def _index(node, step, path: str, new: bool = False):
    """The key or list position that `step` names in `node`."""
    if isinstance(node, list) and isinstance(step, str):
        ids = [str(item.get("id")) for item in node if isinstance(item, dict)]
        if step not in ids:
            raise LookupError(f"{path}: no item with id {step!r} (ids: {ids})")
        return ids.index(step)
    if isinstance(node, dict) and not new and step not in node:
        raise LookupError(f"{path}: no key {step!r} (keys: {list(node)})")
    if isinstance(node, list) and not -len(node) <= step < len(node):
        raise LookupError(f"{path}: no item [{step}] in a list of {len(node)}")
    if not isinstance(node, (dict, list)):
        raise LookupError(f"{path}: {step!r} is under a value, {node!r}")
    return step


@lru_cache(maxsize=None)
def _read(path: Path):
    return round_trip(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def _read_text(text: str):
    return round_trip(text)[1]


def merton_changed(folder: Path) -> Path:
    """Merton with one word changed in the background and 2.2.1's 'yes' count cut from 9 to 6 (for compare)."""
    return (Variant("merton")
            .replace("background", "multidisciplinary", "multi-disciplinary")
            .set('domains["2"].standards["2.2"].key_questions["2.2.1"].yes', 6)
            .write(folder, "merton-new.yml"))


def round_trip(text: str):
    """ruamel.yaml set up with `text`'s own indentation (so unchanged lines dump unchanged), and `text` loaded.

    ruamel guesses the block sequences' indentation (its load_yaml_guess_indent); the mappings'
    is where ruamel found the first nested mapping's keys."""
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    document, sequence, offset = load_yaml_guess_indent(text, yaml=yaml)
    if offset is None:  # no block sequence to learn from: the seeds' own
        sequence, offset = 4, 2
    yaml.indent(mapping=_mapping_indent(document) or 2, sequence=sequence, offset=offset)
    return yaml, document


def _mapping_indent(node) -> int | None:
    """How far the first block mapping nested under a key sits to the right of that key."""
    from ruamel.yaml.comments import CommentedMap

    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            if isinstance(value, CommentedMap) and value and not value.fa.flow_style():
                return value.lc.col - node.lc.key(key)[1]
    return next((found for child in children if (found := _mapping_indent(child))), None)
