"""Reading past a slip confined to one value, so one `check` reports the rest of the file too.

The YAML reader stops at its first slip. Where the slip cannot change the file's structure — a
text opening with a quote that closes early (`- 'Good' practice was seen…`), a ': ' inside a
text — that one value is read as "" and reading goes on; the slip is reported once
(Located.unreadable) and nothing else is reported on its line. A slip that may change the
structure (an indentation) stops reading there, as before: what follows could not be placed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .errors import ReportError
from .load import Located, Unreadable, parse_text, read_text
from .messages import OPENING_QUOTE, opening_quote

MAX_MENDED = 20
_KEY_LINE = re.compile(r"""^(\s*[^\s\-'"#][^:#]*:\s+)\S""")


def load_yaml(path: Path, *, display: str | None = None) -> Located:
    """load.load_yaml, reading past each slip confined to one value so the rest of the file is checked too."""
    name = display or str(path)
    return read_past(read_text(path, display=name), name, parse_text)


def read_past(text: str, name: str, parse: Callable[[str, str, str], Located]) -> Located:
    """`parse(text)`, each slip confined to one value read as "" and recorded, until the file reads."""
    readable, unreadable = text, []
    while True:
        try:
            located = parse(readable, name, text)
            located.unreadable = unreadable
            return located
        except ReportError as other:  # a fault that stops reading: still reported with the slips before it
            raise ReportError([*unreadable, *other.problems]) from None
        except Unreadable as slip:
            if unreadable and (slip.problem.line or 0) <= (unreadable[-1].line or 0):
                raise ReportError(unreadable) from None  # reading on did not get past the last slip: it stands alone
            mended = _mend(readable, slip) if len(unreadable) < MAX_MENDED else None
            if mended is None:
                raise ReportError([*unreadable, slip.problem]) from None
            unreadable.append(slip.problem)
            readable = mended


def _mend(text: str, slip: Unreadable) -> str | None:
    """`text` with the value on the slip's line read as "", if the slip is confined to that value."""
    quote = OPENING_QUOTE.match(slip.line) if opening_quote(slip.line, slip.column) else None
    key = _KEY_LINE.match(slip.line) if "mapping values are not allowed" in slip.said else None
    prefix = quote.group(1) if quote else key.group(1) if key else None
    if prefix is None or slip.problem.line is None:
        return None
    lines = text.split("\n")
    lines[slip.problem.line - 1] = prefix.rstrip() + ' ""'
    return "\n".join(lines)
