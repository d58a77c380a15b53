"""Findings rewritten in place: only the changed values change (reportgen/splice).

Every other byte of the file stays as the inspector wrote it — comments, key order, quoting, block
style, indentation (a file mixing list styles too), line endings and a byte-order mark; each new
value keeps its scalar's style (a literal block stays a literal block), and the result is checked
before anyone writes it.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..house import House


def rewrite_yaml(text: str, values: dict[tuple, str], notes: dict[tuple, list[dict]], path: Path,
                 display: str | None, house: House, *, inserts: list[tuple[tuple, int, str]] = (),
                 deletes: list[tuple] = ()) -> str:
    """`text` with only the changed values replaced (each in its own scalar style), list items inserted
    (list, before its item N, value) and deleted, and notes added: to an item's `notes:`, or in a new
    `notes:` right after the field the first of them is about."""
    from ..errors import Problem, ReportError
    from ..load import parse_yaml
    from ..splice import Edits, SpliceError, splice
    from ..validate import check

    name = display or str(path)
    edits = Edits(values=dict(values), inserts=list(inserts), deletes=list(deletes))
    data = parse_yaml(text.removeprefix("\ufeff"), name).data
    for item, added in notes.items():
        owner = data
        for part in item:
            owner = owner[part]
        if isinstance(owner.get("notes"), list):
            edits.inserts += [((*item, "notes"), len(owner["notes"]), note) for note in added]
        else:
            edits.keys.append((item, "notes", list(added), _about(added, owner)))
    try:
        rewritten = splice(text, edits, name)
    except SpliceError as error:
        raise ReportError([Problem(name, None, None, "", f"edits that cannot be written in place ({error})",
                                   "a findings file whose edited values are each written once (no '*' references)")]) from None
    check(parse_yaml(rewritten.removeprefix("\ufeff"), name), house)  # never write findings that no longer check
    return rewritten


def _about(notes: list[dict], owner: dict) -> str | None:
    """The field of `owner` the first note is about ('areas_for_improvement[1]' → 'areas_for_improvement'), if it has one."""
    from ..checks.where import parse_path

    about = parse_path(notes[0].get("field") or "")[:1]
    return str(about[0]) if about and about[0] in owner else None


def unified_diff(before: str, after: str, name: str, change: str = "absorbed") -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"{name} (before)", tofile=f"{name} ({change})"))
