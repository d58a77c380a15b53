"""`build --shard K/N`: a fixed, balanced share of a batch for one of N machines.

The files are sorted by their output name (the findings file's stem, without case: the same on
every machine whatever the folder's path or listing order) and cut into N consecutive runs whose
sizes differ by at most one. Every file is in exactly one share; adding or removing one file moves
at most N-1 others to another share, so a machine's cached outputs mostly stay its own.
"""

from __future__ import annotations

import re
from pathlib import Path

SHARD = re.compile(r"^([1-9]\d*)/([1-9]\d*)$")


def parse(text: str) -> tuple[int, int] | None:
    """'2/3' → (2, 3); None for anything else (K from 1 to N)."""
    match = SHARD.match(text.strip())
    if not match or int(match[1]) > int(match[2]):
        return None
    return int(match[1]), int(match[2])


def share(paths: list[Path], k: int, n: int) -> list[Path]:
    """The K-th of N shares of `paths` (1-based), in the order the paths were given."""
    ordered = sorted(paths, key=lambda p: (p.stem.casefold(), p.as_posix()))
    size, extra = divmod(len(ordered), n)
    start = (k - 1) * size + min(k - 1, extra)
    chosen = set(ordered[start:start + size + (1 if k <= extra else 0)])
    return [p for p in paths if p in chosen]
