"""Names that become file names: refused where they are typed, before any work is done."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Problem, ReportError

LONGEST_SUFFIX = "-draft.fragment.html"  # the longest ending any command gives a report's file names


def check_names(stem: str, out: Path | None, display: str) -> None:
    """Refuse a report whose output file names the file system cannot hold, for build, draft and
    compare outputs alike: at `check` (for any file system's 255 bytes) and at `build` (for `out`'s)."""
    if not stem.strip(".") or stem.startswith("."):  # '..yml' names the folder '.': the output folder itself
        raise ReportError([Problem(display, None, None, "", f"a file name whose outputs would be named {stem!r}",
                                   "a findings file name that starts with a letter or digit, e.g. merton.yml")])
    longest = len(os.fsencode(stem + LONGEST_SUFFIX))
    limit = name_max(out) if out is not None else 255
    if longest > limit:
        raise ReportError([Problem(display, None, None, "", f"a file name giving outputs of {longest} bytes "
                                   f"({stem[:20]}…{LONGEST_SUFFIX})",
                                   f"a findings file name of at most {limit - len(LONGEST_SUFFIX)} bytes before .yml")])


def name_max(folder: Path) -> int:
    """The longest file name `folder`'s file system holds (or will, for a folder not made yet)."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255
