"""Where a character of a findings value is written in the file, and back: file:line:column for a word.

A value's text is not the file's: a `|` block loses its indentation, a `>` block and a plain
scalar fold their line breaks, a quoted one its quotes and escapes. `Places` aligns each value
with its place in the file once, on demand (character by character: whitespace against
whitespace, every other character against the next same character close by), so a check
can point at the word it means, and an `allow:` entry or a draft comment can be matched to it.
"""

from __future__ import annotations

import bisect

from ..load import Located, Path_

_WINDOW = 8  # an escape (\u00e9) or a doubled quote ('') stands for one character within this many


class Places:
    """file positions of value offsets (and back) for one loaded findings file."""

    def __init__(self, source: Located):
        self.source = source
        text = source.text
        self.line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self._aligned: dict[Path_, list[int]] = {}

    def offsets(self, path: Path_) -> list[int]:
        """For each character of the value at `path`, its offset in the file's text."""
        if path not in self._aligned:
            self._aligned[path] = self._align(path)
        return self._aligned[path]

    def _align(self, path: Path_) -> list[int]:
        value = _value_at(self.source.data, path)
        line, column = self.source.values.get(path, (None, None))
        if not isinstance(value, str) or line is None:
            return []
        raw = self.source.text
        r = self.line_starts[line - 1] + (column or 1) - 1
        if path in self.source.block_scalars:  # the text starts on the line after `|` or `>`, after its indentation
            r = raw.find("\n", r) + 1 or len(raw)
            while r < len(raw) and raw[r] == " ":
                r += 1
        out: list[int] = []
        for char in value:
            if char.isspace():
                out.append(r)
                while r < len(raw) and raw[r].isspace():
                    r += 1
                continue
            j = r
            while j < len(raw) and j - r < _WINDOW and raw[j] != char:
                j += 1
            if j < len(raw) and raw[j] == char:
                r = j
            out.append(r)
            r += 1
        return out

    def value(self, path: Path_) -> str | None:
        value = _value_at(self.source.data, path)
        return value if isinstance(value, str) else None

    def position(self, path: Path_, offset: int) -> tuple[int | None, int | None]:
        """file line and column (1-based) of character `offset` of the value at `path`."""
        offsets = self.offsets(path)
        if not offsets:
            return self.source.where(path)
        at = offsets[min(max(offset, 0), len(offsets) - 1)]
        line = bisect.bisect_right(self.line_starts, at)
        return line, at - self.line_starts[line - 1] + 1

    def offset(self, path: Path_, line: int, column: int | None) -> int | None:
        """The value offset written at file `line`:`column` (the inverse of `position`), or None."""
        offsets = self.offsets(path)
        if not offsets or line < 1 or line > len(self.line_starts):
            return None
        at = self.line_starts[line - 1] + (column or 1) - 1
        index = bisect.bisect_right(offsets, at) - 1  # the last of equals: a character, not the space folded onto it
        return index if index >= 0 else None


def block_at(value: str, offset: int) -> int:
    """The number of the paragraph or heading of `value` (0 first, as fields.tag_blocks counts them)
    holding character `offset`: the last that starts on or before its line."""
    from ..markup import checker

    line = value.count("\n", 0, offset)
    starts = [t.map[0] for t in checker().parse(value, {}) if t.type in ("paragraph_open", "heading_open") and t.map]
    return max(sum(start <= line for start in starts) - 1, 0)


def _value_at(data, path: Path_):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def parse_path(field: str) -> Path_:
    """'domains[1].key_questions["2.1.1"].narrative' → ('domains', 1, 'key_questions', '2.1.1', 'narrative'):
    the inverse of load.format_path, for a problem's field."""
    import re

    parts: list[str | int] = []
    for name, index, key in re.findall(r'\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\["([^"]*)"\]', field):
        parts.append(name if name else int(index) if index else key)
    return tuple(parts)
