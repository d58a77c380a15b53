"""Paragraphs and list items an editor added or deleted in Word, put where they belong in the findings.

A paragraph the edited draft holds outside every field mark, which the rebuilt draft does not have, was
typed by the editor (draftfile.generated_edits finds them). Word gives a paragraph made by pressing Enter
the style of the one it was made from, so a new paragraph with the style of the field paragraph just
before it belongs to that field: a new item of its list (a list of items in the findings, or a list
inside one text), or a new paragraph of its text. A new list item before the first of a list belongs to
the item after it. A list item whose paragraphs all went, or were emptied, is taken out of its list.
What cannot be placed is reported, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from .fields import Path
from .wordtext import w

_MARKER = re.compile(r"^([ \t>]*)(?:([-*+])|(\d{1,9})([.)]))[ \t]+$")  # the list marker before a block's text


@dataclass
class Placed:
    """Where the added paragraphs go, and the list items taken out, as paths in the file as read."""

    inserts: list[tuple[Path, int, str]] = field(default_factory=list)  # (findings list, before its item N, Markdown)
    within: dict[tuple[Path, int], list[tuple[str, bool]]] = field(default_factory=dict)  # (field, block) → [(Markdown, before)]
    deletes: list[Path] = field(default_factory=list)  # findings list items
    count: int = 0  # paragraphs placed

    def moved(self, path: Path | None) -> Path | None:
        """Where the field at `path` is once the items are inserted and deleted (None: deleted with its item)."""
        item = list_item(path) if path is not None else None
        if item is None:
            return path
        if item in self.deletes:
            return None
        parent, index = item[:-1], item[-1]
        shift = sum(1 for p, at, _ in self.inserts if p == parent and at <= index)
        shift -= sum(1 for d in self.deletes if d[:-1] == parent and d[-1] < index)
        return (*parent, index + shift, *path[len(item):])


def list_item(path: Path) -> Path | None:
    """The item of a findings list a field is (a strength) or is the text of (an owned recommendation)."""
    if path and isinstance(path[-1], int):
        return path
    if len(path) >= 2 and path[-1] == "text" and isinstance(path[-2], int):
        return path[:-1]
    return None


def block_lines(value: str) -> list[tuple[int, int, int]]:
    """(line start, text start, text end) of each paragraph or heading of a field's Markdown: the text
    without its list, quote or heading marker, which lies between the line's start and the text's."""

    starts = [0] + [m.end() for m in re.finditer("\n", value)]
    lines = []
    for start, end in block_spans(value):
        line = max(s for s in starts if s <= start)
        lines.append((line, start, end))
    return lines


def place(added: list[etree._Element], fields: dict[etree._Element, tuple[Path, int]], values: dict[Path, str],
          kinds: dict[Path, str], typed: Callable[[etree._Element], str], lose: Callable[[str], None]) -> Placed:
    """Each added paragraph (document order) placed by its neighbour's field, or said lost (`lose`).
    `typed(paragraph)` is its Markdown as the editor typed it."""
    placed = Placed()
    new = set(added)
    for paragraph in added:
        before, after = _neighbour(paragraph, new, -1), _neighbour(paragraph, new, 1)
        where = _follows(paragraph, before, fields, values, kinds) or _leads(paragraph, after, fields, values)
        if where is None:
            lose(f"text added in Word outside any findings field: {_clip(_text(paragraph))}; not absorbed "
                 "(it follows no paragraph of the findings in its style; add it by hand)")
            continue
        markdown = typed(paragraph)
        kind, path, at = where
        if kind == "item":
            placed.inserts.append((path, at, markdown))
        else:
            placed.within.setdefault((path, at), []).append((markdown, kind == "lead"))
        placed.count += 1
    return placed


def _follows(paragraph, previous, fields, values, kinds):
    """('item', list, index) for a new item after a findings list item, ('after', field, block) for a
    new paragraph or list item within a field's text; None."""
    if previous is None or previous not in fields or not _same_style(paragraph, previous):
        return None
    path, block = fields[previous]
    item = list_item(path)
    last = len(block_lines(values.get(path, ""))) - 1
    if item is not None and block == last:
        return "item", item[:-1], item[-1] + 1
    lines = block_lines(values.get(path, ""))
    if block < len(lines) and "#" not in values[path][lines[block][0]:lines[block][1]] and (
            _marker(values[path], lines[block]) or kinds.get(path) in ("block", "narrative")):
        return "after", path, block
    return None


def _leads(paragraph, following, fields, values):
    """A new first item of a list: before the findings list item, or the list item of a text, after it."""
    if following is None or following not in fields or not _same_style(paragraph, following):
        return None
    path, block = fields[following]
    item = list_item(path)
    if item is not None and block == 0:
        return "item", item[:-1], item[-1]
    lines = block_lines(values.get(path, ""))
    if block < len(lines) and _marker(values[path], lines[block]):
        return "lead", path, block
    return None


def _marker(value: str, line: tuple[int, int, int]) -> re.Match | None:
    return _MARKER.match(value[line[0]:line[1]])


def inserted_in(value: str, additions: list[tuple[int, str, bool]]) -> str:
    """`value` with each (block, Markdown, before) added as a paragraph after its block, or as a list item
    in the form of the block's item (the next number for a numbered one), from the end so offsets hold."""
    lines = block_lines(value)
    order = sorted(((block, not before, n, markdown, before) for n, (block, markdown, before) in enumerate(additions)), reverse=True)
    for block, _, _, markdown, before in order:  # the last first: each goes in at its place, ahead of the ones after it
        line, start, end = lines[block]
        marker = _marker(value, lines[block])
        if marker is None:
            value = value[:end] + "\n\n" + markdown + value[end:]
            continue
        indent, bullet, number, closer = marker.groups()
        prefix = indent + (bullet or f"{int(number) + (0 if before else 1)}{closer}") + " "
        if before:
            value = value[:line] + prefix + markdown + "\n" + value[line:]
        else:
            value = value[:end] + "\n" + prefix + markdown + value[end:]
    return value


def without_block(value: str, block: int) -> str:
    """`value` without one block: a paragraph, or a list item with its marker and line."""
    lines = block_lines(value)
    line, start, end = lines[block]
    if _marker(value, lines[block]):
        following = value.find("\n", end)
        return value[:line] + (value[following + 1:] if following >= 0 else "")
    return value[:start] + value[end:]


def _neighbour(paragraph: etree._Element, added: set, step: int) -> etree._Element | None:
    """The paragraph before (step -1) or after (+1) in the same container, past other added ones."""
    siblings = paragraph.itersiblings(preceding=step < 0)
    for sibling in siblings:
        if sibling.tag == w("p") and sibling not in added:
            return sibling
        if sibling.tag != w("p") and sibling.tag not in (w("bookmarkStart"), w("bookmarkEnd")):
            return None
    return None


def _same_style(a: etree._Element, b: etree._Element) -> bool:
    def style(paragraph):
        found = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
        numbering = paragraph.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}")
        return (found.get(w("val")) if found is not None else "Normal",
                numbering.get(w("val")) if numbering is not None else None)
    return style(a) == style(b)


def _text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(w("t")) if not any(p.tag == w("del") for p in t.iterancestors()))


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


_PREFIX = re.compile(r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:#{1,6}[ \t]+)?")


def block_spans(value: str) -> list[tuple[int, int]]:
    """Where each paragraph or heading of a field's Markdown lies in it, markers (`- `, `1. `) excluded."""
    from ..parse import markdown

    starts = [0] + [m.end() for m in re.finditer("\n", value)]
    spans = []
    for token in markdown().parse(value, {}):
        if token.type in ("paragraph_open", "heading_open") and token.map:
            first, last = token.map
            start = starts[first]
            start += _PREFIX.match(value[start:]).end()
            end = starts[last] - 1 if last < len(starts) else len(value)
            while end > start and value[end - 1] in " \t\n":
                end -= 1
            spans.append((start, end))
    return spans
