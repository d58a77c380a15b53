"""`::: cover` and `::: front`: the page's regions (the cover; the inside cover's front matter),
which each format places in its own way (a cover section, a folded region of the web page)."""

from __future__ import annotations

from markdown_it import MarkdownIt

from .fences import fenced

REGIONS = ("cover", "front")


def regions_plugin(md: MarkdownIt) -> None:
    for name in REGIONS:
        fenced(md, name)
