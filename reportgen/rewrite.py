"""Findings rewritten in place with ruamel.yaml's round trip: only the changed values change.

Comments, key order, quoting and block style survive; each new value keeps its scalar's style
(a literal block stays a literal block); the file's own indentation is detected and kept; and
the result is checked before anyone writes it.
"""

from __future__ import annotations

import difflib
import io
import re
from pathlib import Path


def rewrite_yaml(text: str, values: dict[tuple, str], notes: dict[tuple, list[dict]], path: Path,
                 display: str | None) -> str:
    """`text` with only the changed values replaced (each in its own scalar style) and notes appended."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import ScalarString

    yaml, document = _round_trip(text)
    for where, value in values.items():
        parent = _container(document, where[:-1])
        old = parent[where[-1]]
        if isinstance(old, ScalarString):
            value = type(old)(_keep_ending(old, value))
        parent[where[-1]] = value
    for item, added in notes.items():
        owner = _container(document, item)
        if "notes" not in owner:
            owner["notes"] = CommentedSeq()
        for note in added:
            owner["notes"].append(CommentedMap(note))
    out = io.StringIO()
    yaml.dump(document, out)
    rewritten = out.getvalue()
    from .load import parse_yaml
    from .validate import check

    check(parse_yaml(rewritten, display or str(path)))  # never write findings that no longer check
    return rewritten


def _keep_ending(old: str, new: str) -> str:
    """A literal block (`|`) keeps its one closing line break."""
    return new.rstrip("\n") + "\n" if old.endswith("\n") else new.rstrip("\n")


def _container(document, path: tuple):
    current = document
    for part in path:
        current = current[part]
    return current


def _round_trip(text: str):
    """ruamel.yaml set up with `text`'s own indentation (so unchanged lines dump unchanged), and `text` loaded."""
    from ruamel.yaml import YAML

    mapping = offset = None
    lines = text.splitlines()
    for line, following in zip(lines, lines[1:]):
        key = re.match(r"^( *)[^\s#-][^:#]*:\s*(?:#.*)?$", line)
        if not key:
            continue
        dash = re.match(r"^( *)- ", following)
        child = re.match(r"^( *)[^\s#-]", following)
        if dash and offset is None:
            offset = len(dash.group(1)) - len(key.group(1))
        elif child and mapping is None and len(child.group(1)) > len(key.group(1)):
            mapping = len(child.group(1)) - len(key.group(1))
    mapping, offset = mapping or 2, max(offset if offset is not None else 2, 0)
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    return yaml, yaml.load(text)


def unified_diff(before: str, after: str, name: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"{name} (before)", tofile=f"{name} (absorbed)"))
