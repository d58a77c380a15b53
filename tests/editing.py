"""Editing a findings file in tests: find a line by its text, change it, insert after it.

Line numbers are found by searching, never hard-coded, so the tests survive edits to the seeds.
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


def merton_changed(folder):
    """Merton with one word changed in the background and 2.2.1's 'yes' count cut from 9 to 6."""
    text = edit(line_of("background: |", "YOTs are statutory partnerships"), "multidisciplinary", "multi-disciplinary")
    text = edit(line_of('"2.2.1":', '"yes": 9', text=text), '"yes": 9', '"yes": 6', text=text)
    path = folder / "merton-new.yml"
    path.write_text(text, encoding="utf-8")
    return path
