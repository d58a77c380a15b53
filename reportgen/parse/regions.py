"""`::: cover`, `::: front` and `::: backcover`: the page's regions (the cover; the inside cover's
front matter; a back cover), which each format places in its own way (a cover section, a folded
region of the web page, a last page of its own)."""

from __future__ import annotations

from markdown_it import MarkdownIt

from .fences import fenced

REGIONS = ("cover", "front", "backcover")


def regions_plugin(md: MarkdownIt) -> None:
    for name in REGIONS:
        fenced(md, name)
