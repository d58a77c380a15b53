"""Findings rewritten in place with ruamel.yaml's round trip: only the changed values change.

Comments, key order, quoting and block style survive; each new value keeps its scalar's style
(a literal block stays a literal block); the file's own indentation is detected and kept; and
the result is checked before anyone writes it.
"""

from __future__ import annotations

import difflib
import io
from pathlib import Path


def rewrite_yaml(text: str, values: dict[tuple, str], notes: dict[tuple, list[dict]], path: Path,
                 display: str | None) -> str:
    """`text` with only the changed values replaced (each in its own scalar style) and notes appended."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import ScalarString

    yaml, document = round_trip(text)
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


def unified_diff(before: str, after: str, name: str, change: str = "absorbed") -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"{name} (before)", tofile=f"{name} ({change})"))
