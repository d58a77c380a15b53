"""Each edit as a patch (start, end, new text) over the source: values, list items and fields.

A list item is added in the form of its neighbour (same column for its '- ', same scalar style), a
field at the column of its mapping's keys, a list under a new field with the '- ' as far right of its
key as the nearest list in the file has it; lines get the line break of the line they follow.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from .scalars import fresh, replaced
from .source import Path, Source, SpliceError

Patch = tuple[int, int, str]


def patches(src: Source, edits) -> Iterator[Patch]:
    for path, value in edits.values.items():
        node = src.node(path)
        if not isinstance(node, yaml.ScalarNode):
            raise SpliceError(f"{path!r} holds a list or fields, not one value")
        yield src.start(node), src.last(node), replaced(src, node, value, flow=_in_flow(src, path))
    lists: dict[Path, tuple[list[int], list[tuple[int, Any]]]] = {}
    fields: dict[Path, tuple[list[str], list[tuple[str, Any, str | None]]]] = {}
    for path, index, value in edits.inserts:
        lists.setdefault(tuple(path), ([], []))[1].append((index, value))
    for path in edits.deletes:
        parent = src.node(path[:-1])
        table = lists if isinstance(parent, yaml.SequenceNode) else fields
        table.setdefault(tuple(path[:-1]), ([], []))[0].append(path[-1])  # type: ignore[arg-type]
    for path, key, value, after in edits.keys:
        fields.setdefault(tuple(path), ([], []))[1].append((key, value, after))
    for path, (deleted, inserted) in lists.items():
        yield from _list_edited(src, path, set(deleted), inserted)
    for path, (gone, added) in fields.items():
        yield from _fields_edited(src, path, src.node(path), gone, added)


def _in_flow(src: Source, path: Path) -> bool:
    node = src.root
    for part in path[:-1]:
        node = src.child(node, part)
        if node.flow_style:
            return True
    return False


# ---- lists ----


def _list_edited(src: Source, path: Path, deleted: set[int], inserted: list[tuple[int, Any]]) -> Iterator[Patch]:
    node = src.node(path)
    if not isinstance(node, yaml.SequenceNode):
        raise SpliceError(f"{path!r} is not a list")
    items = node.value
    if node.flow_style or not items:
        yield _flow_list(src, node, deleted, inserted)
        return
    if deleted >= set(range(len(items))) and not inserted:
        yield _emptied(src, path, node)
        return
    for index in sorted(deleted):
        dash = src.dash(items[index])
        if not src.blank_before(dash):
            raise SpliceError("a list item that shares its line with another '- '")
        yield src.line_start(dash), src.next_line(src.last(items[index])), ""
    for index, value in inserted:
        if index > 0:
            after = src.last(items[index - 1])
            at, eol = src.next_line(after), src.eol_at(after)
        else:
            at = src.line_start(src.dash(items[0]))
            eol = src.eol_at(at)
        neighbour = items[index - 1] if index > 0 else items[0]
        text = _item_like(src, path, neighbour, value, eol) + eol
        yield at, at, (eol + text[: -len(eol)] if at == len(src.text) and not src.text.endswith("\n") else text)


def _item_like(src: Source, path: Path, neighbour: yaml.Node, value: Any, eol: str) -> str:
    """A new item written as `neighbour` is: its '- ' at the same column, a text in the same style."""
    dash = src.dash(neighbour)
    column = src.column(dash)
    same_line = src.line_start(src.start(neighbour)) == src.line_start(dash)
    if isinstance(neighbour, yaml.ScalarNode) and isinstance(value, str) and same_line:
        gap = src.text[dash + 1:src.start(neighbour)]
        return " " * column + "-" + gap + replaced(src, neighbour, value, flow=False)
    return " " * column + "-" + item_text(src, value, column + 2, eol, near=(path, dash))


def _emptied(src: Source, path: Path, node: yaml.SequenceNode) -> Patch:
    """Every item taken out: the list written as `[]` after its field's name."""
    parent = src.node(path[:-1])
    if not isinstance(parent, yaml.MappingNode):
        raise SpliceError("a list inside a list emptied")
    key = src.key_node(parent, path[-1])
    colon = src.text.index(":", src.end(key))
    return colon + 1, src.line_end(src.last(node)), " []"


def _flow_list(src: Source, node: yaml.SequenceNode, deleted: set[int], inserted: list[tuple[int, Any]]) -> Patch:
    """A list written in brackets is written again, its untouched items as they were."""
    items = node.value
    texts: list[str] = []
    for index in range(len(items) + 1):
        texts += [flow_text(value) for i, value in inserted if i == index]
        if index < len(items) and index not in deleted:
            texts.append(src.text[src.start(items[index]):src.last(items[index])])
    if node.flow_style:
        return src.start(node), src.end(node), "[" + ", ".join(texts) + "]"
    raise SpliceError("a list with no items to place a new one by")


# ---- fields ----


def _fields_edited(src: Source, path: Path, mapping: yaml.Node, gone: list[str], added: list[tuple[str, Any, str | None]]) -> Iterator[Patch]:
    if not isinstance(mapping, yaml.MappingNode) or not mapping.value:
        raise SpliceError("fields changed where there is no mapping to hold them")
    if mapping.flow_style:
        yield _flow_mapping(src, mapping, set(gone), added)
        return
    for key in gone:
        name, value = src.key_node(mapping, key), src.child(mapping, key)
        if not src.blank_before(src.start(name)):
            raise SpliceError(f"the field {key!r} shares its line with a '- '")
        yield src.line_start(src.start(name)), src.next_line(src.last(value)), ""
    column = src.column(src.start(mapping.value[0][0]))
    for key, value, after in added:
        last = src.last(src.child(mapping, after) if after is not None else mapping.value[-1][1])
        at, eol = src.next_line(last), src.eol_at(last)
        text = " " * column + key_text(key) + ":" + value_text(src, value, column, eol, near=(path, at)) + eol
        yield at, at, (eol + text[: -len(eol)] if at == len(src.text) and not src.text.endswith("\n") else text)


def _flow_mapping(src: Source, mapping: yaml.MappingNode, gone: set[str], added: list[tuple[str, Any, str | None]]) -> Patch:
    """Fields in braces written again, the untouched ones as they were."""
    def new(after: str | None) -> list[str]:
        return [f"{key_text(k)}: {flow_text(v)}" for k, v, a in added if a == after]

    texts = []
    for key, value in mapping.value:
        if key.value not in gone:
            texts.append(src.text[src.start(key):src.last(value)])
        texts += new(key.value)
    texts += new(None)
    return src.start(mapping), src.end(mapping), "{" + ", ".join(texts) + "}"


_YAML11_BOOLEANS = {"y", "n", "yes", "no", "on", "off"}


def key_text(key: str) -> str:
    """A new field's name, quoted where a reader of YAML 1.1 would take it for true or false ('yes')."""
    return fresh(key, flow=True, indent=0, eol="\n") if key.lower() not in _YAML11_BOOLEANS else f'"{key}"'


def flow_text(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key_text(k)}: {flow_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow_text(v) for v in value) + "]"
    return fresh(value, flow=True, indent=0, eol="\n")


# ---- new values in block form ----


def value_text(src: Source, value: Any, column: int, eol: str, *, near: tuple[Path, int]) -> str:
    """What follows `key:` at `column` for a new value: ' text', or the lines of a list or mapping."""
    if isinstance(value, list):
        if not value:
            return " []"
        dash = column + src.sequence_offset(*near)
        return "".join(eol + " " * dash + "-" + item_text(src, item, dash + 2, eol, near=near) for item in value)
    if isinstance(value, dict):
        if not value:
            return " {}"
        return "".join(eol + " " * (column + 2) + key_text(k) + ":" + value_text(src, v, column + 2, eol, near=near)
                       for k, v in value.items())
    return " " + fresh(value, flow=False, indent=column + 2, eol=eol)


def item_text(src: Source, value: Any, column: int, eol: str, *, near: tuple[Path, int]) -> str:
    """What follows a new item's '-' when its content starts at `column`."""
    if isinstance(value, dict) and value:
        first, *rest = value.items()
        lines = " " + key_text(first[0]) + ":" + value_text(src, first[1], column, eol, near=near)
        return lines + "".join(eol + " " * column + key_text(k) + ":" + value_text(src, v, column, eol, near=near) for k, v in rest)
    if isinstance(value, list):
        raise SpliceError("a list as a list's item")
    return " " + fresh(value, flow=False, indent=column, eol=eol)
