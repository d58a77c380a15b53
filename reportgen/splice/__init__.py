"""Findings edited in place: only what changes is written, every other byte of the file is kept.

`absorb` (an editor's Word edits) and `cases import` (counts) change a few values of a file an
inspector wrote by hand. Dumping the whole document again (ruamel.yaml's round trip, as before)
re-indented files that mix list styles, turned CRLF files into mixed line endings and dropped a
byte-order mark. Here each change is a patch over the exact stretch of text its node occupies
(source.py): a new value is written in the old one's style (scalars.py), a new list item in its
neighbour's form, a new field in the mapping's own indentation (blocks.py). The result is read again
with the findings reader and must hold exactly the old data with the edits made (`applied`), or
nothing is written.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any

from .source import BOM, Path, Source, SpliceError

__all__ = ["Edits", "SpliceError", "applied", "splice"]


@dataclass
class Edits:
    """Changes to a findings file, every path as the file was read (list indices before any change)."""

    values: dict[Path, Any] = field(default_factory=dict)  # a scalar's new value
    inserts: list[tuple[Path, int, Any]] = field(default_factory=list)  # (list, before its item N, new item)
    deletes: list[Path] = field(default_factory=list)  # list items or fields taken out
    keys: list[tuple[Path, str, Any, str | None]] = field(default_factory=list)  # (mapping, new field, value, after field)

    def __bool__(self) -> bool:
        return bool(self.values or self.inserts or self.deletes or self.keys)


def splice(text: str, edits: Edits, name: str = "the findings") -> str:
    """`text` with `edits` made and nothing else changed; raises SpliceError when that cannot be done."""
    from .blocks import patches

    src = Source(text)
    out, at = [], 0
    for start, end, new in sorted(patches(src, edits), key=lambda p: (p[0], p[1])):
        if start < at:
            raise SpliceError("two changes to one stretch of the file")
        out += [text[at:start], new]
        at = end
    result = "".join(out) + text[at:]
    _verify(text, result, edits, name)
    return result


def _verify(text: str, result: str, edits: Edits, name: str) -> None:
    """The rewritten file reads as the old data with the edits made, and as nothing else."""
    from ..errors import ReportError
    from ..load import parse_yaml

    before = parse_yaml(text.removeprefix(BOM), name).data
    try:
        after = parse_yaml(result.removeprefix(BOM), name).data
    except ReportError as error:
        raise SpliceError(f"the rewritten file would not read: {error}") from None
    if json.dumps(after) != json.dumps(applied(before, edits)):
        raise SpliceError("the rewritten file would not hold exactly the edits")


def applied(data: Any, edits: Edits) -> Any:
    """Plain data with `edits` made: what the spliced text must read as."""
    data = copy.deepcopy(data)
    for path, value in edits.values.items():
        _at(data, path[:-1])[path[-1]] = value
    lists = {p for p, _, _ in edits.inserts} | {p[:-1] for p in edits.deletes if isinstance(_at(data, p[:-1]), list)}
    containers = {p: _at(data, p) for p in lists | {p for p, *_ in edits.keys} | {p[:-1] for p in edits.deletes}}
    gone = set(edits.deletes)
    for path in lists:
        items = containers[path]
        rebuilt = []
        for index in range(len(items) + 1):
            rebuilt += [copy.deepcopy(v) for p, i, v in edits.inserts if p == path and i == index]
            if index < len(items) and (*path, index) not in gone:
                rebuilt.append(items[index])
        items[:] = rebuilt
    for path in {p for p, *_ in edits.keys}:  # placed before any field is taken out: 'after' may be one
        mapping = containers[path]

        def new(after: str | None, path: Path = path) -> list[tuple[str, Any]]:
            return [(k, copy.deepcopy(v)) for p, k, v, a in edits.keys if p == path and a == after]

        pairs = [pair for key, value in mapping.items() for pair in [(key, value), *new(key)]] + new(None)
        mapping.clear()
        mapping.update(pairs)
    for path in edits.deletes:
        if isinstance(containers[path[:-1]], dict):
            del containers[path[:-1]][path[-1]]
    return data


def _at(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data
