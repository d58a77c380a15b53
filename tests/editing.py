"""Raw text edits of a findings file, for tests whose input is no longer well-formed YAML.

Find a line by its text, change it, insert after it; line numbers are found by searching, never
hard-coded. To change values, use tests/variants.py (by path, through ruamel's round trip).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MERTON = (ROOT / "findings" / "merton.yml").read_text(encoding="utf-8")


def line_of(*steps: str, text: str = MERTON) -> int:
    """1-based number of the line holding the last step, each step searched from the line after the one before."""
    lines = text.splitlines()
    index = 0
    for step in steps:
        while step not in lines[index]:
            index += 1
            if index == len(lines):
                raise AssertionError(f"{step!r} not found after the earlier steps {steps}")
        found, index = index, index + 1
    return found + 1


def edit(line: int, old: str, new: str, text: str = MERTON) -> str:
    """`text` with `old` replaced by `new` on that one line (which must contain it)."""
    lines = text.splitlines(keepends=True)
    assert old in lines[line - 1], f"line {line} is {lines[line - 1]!r}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "".join(lines)


def insert_after(line: int, block: str, text: str = MERTON) -> str:
    lines = text.splitlines(keepends=True)
    lines.insert(line, block)
    return "".join(lines)

