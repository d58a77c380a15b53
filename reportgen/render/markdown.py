"""The composed report → clean CommonMark with GFM tables and footnotes, fit to paste elsewhere.

The composed source differs from plain CommonMark only in its `::: cover` / `::: contents`
fences (Pandoc's fenced divs); they are dropped, leaving their contents in place.
"""

from __future__ import annotations

import re

from ..parse import CONTAINERS

_FENCE = re.compile(r"^:::(?: (?:%s)(?: [\w.-]+)?)?[ \t]*$\n?" % "|".join(CONTAINERS), re.MULTILINE)


def render_markdown(source: str) -> str:
    return _FENCE.sub("", source)
