"""`::: chart <key>`: a chart drawn over the table inside it; its key ('standard-2.1',
'comparison-0-1') travels as meta["chart"], read by every writer from there."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from .fences import fenced


def charts_plugin(md: MarkdownIt, *, keys: bool = True) -> None:
    fenced(md, "chart")
    if keys:
        md.core.ruler.push("chart_keys", chart_keys)


def chart_keys(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "container_chart_open":
            parts = token.info.split(maxsplit=1)
            token.meta["chart"] = parts[1].strip() if len(parts) > 1 else ""
