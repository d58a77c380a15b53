"""Word-level differences between two texts (or two sequences of anything): pure, no I/O.

Both `compare` (Word tracked changes, the HTML diff view) and `absorb` (an editor's words put
back into the YAML without disturbing the rest) use it. Whitespace is kept as tokens of its
own, so joining the tokens gives the text back exactly; a change is reported as one
replacement of a whole phrase, never as word, space, word, space.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Generic, Literal, TypeVar

T = TypeVar("T")
Op = Literal["equal", "delete", "insert", "replace"]

_TOKEN = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")


def words(text: str) -> list[str]:
    """'It was good.' → ['It', ' ', 'was', ' ', 'good', '.']; ''.join(words(t)) == t."""
    return _TOKEN.findall(text)


@dataclass(frozen=True)
class Change(Generic[T]):
    op: Op
    old: Sequence[T]
    new: Sequence[T]


def diff(old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable] = lambda x: x,
         blank: Callable[[T], bool] = lambda x: isinstance(x, str) and x.isspace()) -> list[Change[T]]:
    """The changes turning `old` into `new`, in order; runs of equal `blank` items (spaces) between
    two changes are folded into one change, so 'a b' → 'x y' is one replacement."""
    a, b = [key(x) for x in old], [key(x) for x in new]
    raw = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    changes: list[Change[T]] = []
    for op, i1, i2, j1, j2 in raw:
        changes.append(Change(op, old[i1:i2], new[j1:j2]))
    return _fold_blanks(changes, blank)


def _fold_blanks(changes: list[Change[T]], blank: Callable[[T], bool]) -> list[Change[T]]:
    folded: list[Change[T]] = []
    index = 0
    while index < len(changes):
        change = changes[index]
        if (change.op == "equal" and folded and folded[-1].op != "equal" and index + 1 < len(changes)
                and changes[index + 1].op != "equal" and all(blank(x) for x in change.old)):
            before, after = folded.pop(), changes[index + 1]
            folded.append(Change("replace", [*before.old, *change.old, *after.old],
                                 [*before.new, *change.new, *after.new]))
            index += 2
            continue
        if change.op != "equal" and folded and folded[-1].op != "equal":
            before = folded.pop()
            change = Change("replace", [*before.old, *change.old], [*before.new, *change.new])
        folded.append(change)
        index += 1
    return [_normalise(c) for c in folded]


def _normalise(change: Change[T]) -> Change[T]:
    if change.op == "replace" and not change.old:
        return Change("insert", change.old, change.new)
    if change.op == "replace" and not change.new:
        return Change("delete", change.old, change.new)
    return change


def apply_words(source: str, old: str, new: str) -> str | None:
    """`source` with the word changes from `old` to `new` applied, keeping `source`'s own spacing
    (the line breaks of a YAML block) wherever nothing changed. None if `source` and `old` do not
    hold the same words, so that the caller can fall back to `new` as a whole."""
    source_tokens, old_tokens = words(source), words(old)
    if [w for w in source_tokens if not w.isspace()] != [w for w in old_tokens if not w.isspace()]:
        return None
    in_source = _spacing_from(source_tokens, old_tokens)
    out: list[str] = []
    at = 0
    for change in diff(old_tokens, words(new)):
        if change.op == "equal":
            out.extend(in_source[at:at + len(change.old)])
        else:
            out.extend(change.new)
        at += len(change.old)
    return "".join(out)


def _spacing_from(source: list[str], old: list[str]) -> list[str]:
    """`old`'s tokens with each run of spaces replaced by the source's run at the same place."""
    gaps: dict[int, str] = {}  # words before the gap → the source's spacing there
    count = 0
    for token in source:
        if token.isspace():
            gaps[count] = token
        else:
            count += 1
    out, count = [], 0
    for token in old:
        if token.isspace():
            out.append(gaps.get(count, ""))
        else:
            out.append(token)
            count += 1
    return out
