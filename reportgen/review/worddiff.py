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
from typing import Generic, Literal, TypeVar

from rapidfuzz.distance import Levenshtein

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
    changes = [Change(op, old[i1:i2], new[j1:j2]) for op, i1, i2, j1, j2 in regions(old, new, key)]
    return _fold_blanks(changes, blank)


def regions(old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable] = lambda x: x) -> list[tuple[Op, int, int, int, int]]:
    """Equal and changed regions of two sequences, like difflib's opcodes, with adjacent changes joined.

    rapidfuzz's Levenshtein alignment: bit-parallel (n·m/64 steps) and linear in memory (Hirschberg),
    where difflib's SequenceMatcher(autojunk=False) is cubic in the worst case (a 2,400-word
    paragraph with every word changed took 499 s). Keys are numbered first, so equal means equal."""
    numbers: dict[Hashable, int] = {}
    a = [numbers.setdefault(key(x), len(numbers)) for x in old]
    b = [numbers.setdefault(key(x), len(numbers)) for x in new]
    joined: list[list] = []
    for op in Levenshtein.opcodes(a, b):
        tag = "equal" if op.tag == "equal" else "change"
        if joined and joined[-1][0] == tag == "change":
            joined[-1][2], joined[-1][4] = op.src_end, op.dest_end
        elif op.src_start != op.src_end or op.dest_start != op.dest_end:
            joined.append([tag, op.src_start, op.src_end, op.dest_start, op.dest_end])
    out: list[tuple[Op, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in joined:
        if tag == "change":
            tag = "replace" if i1 < i2 and j1 < j2 else "delete" if i1 < i2 else "insert"
        out.append((tag, i1, i2, j1, j2))
    return out


def _fold_blanks(changes: list[Change[T]], blank: Callable[[T], bool]) -> list[Change[T]]:
    """Adjacent changes joined, and a run of blanks between two changes taken into them: in one pass,
    each change's items appended once (joining by copying would be quadratic in a rewritten paragraph)."""
    folded: list[tuple[str, list[T], list[T]]] = []
    for index, change in enumerate(changes):
        between = (change.op == "equal" and folded and folded[-1][0] != "equal" and index + 1 < len(changes)
                   and changes[index + 1].op != "equal" and all(blank(x) for x in change.old))
        if (change.op != "equal" or between) and folded and folded[-1][0] != "equal":
            folded[-1][1].extend(change.old)
            folded[-1][2].extend(change.new)
        else:
            folded.append((change.op if change.op == "equal" else "replace", list(change.old), list(change.new)))
    return [_normalise(Change(op, old, new)) for op, old, new in folded]


def _normalise(change: Change[T]) -> Change[T]:
    if change.op == "equal":
        return change
    if not change.old:
        return Change("insert", change.old, change.new)
    if not change.new:
        return Change("delete", change.old, change.new)
    return Change("replace", change.old, change.new)


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
