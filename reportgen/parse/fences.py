"""`::: name` … `:::` (Pandoc's fenced divs): the one block syntax every region, chart and callout
box is written in. Each kind is a container (mdit-py-plugins) registered through here, and its
opening token records the source lines of its two fences (meta["fences"]: opening line, closing
line or None when the block runs to the end of its parent) for the Markdown writer."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.container import container_plugin

_CLOSING = re.compile(r"^[ \t>]*:{3,}[ \t]*$")


def fenced(md: MarkdownIt, name: str) -> None:
    """`::: name` parsed as a container; its fences' lines noted once the block is parsed."""
    container_plugin(md, name)
    if "fence_lines" not in md.core.ruler.get_all_rules():
        md.core.ruler.push("fence_lines", fence_lines)


def fence_lines(state: StateCore) -> None:
    lines = state.src.split("\n")
    for token in state.tokens:
        if token.type.startswith("container_") and token.nesting == 1 and token.map:
            start, end = token.map
            closed = end < len(lines) and _CLOSING.match(lines[end]) is not None
            token.meta["fences"] = (start, end if closed else None)
