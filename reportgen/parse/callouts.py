"""`::: good-practice`, `::: practice-example`, `::: case-illustration`: boxes set apart from the
narrative, which findings may place in any narrative text. Each box's label travels as
meta["label"]: the words after its kind, else the edition's label for the kind (env["callouts"]),
else the kind in words."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from .fences import fenced

CALLOUTS = ("good-practice", "practice-example", "case-illustration")  # boxes findings may place in any narrative


def callouts_plugin(md: MarkdownIt, *, labels: bool = True) -> None:
    for name in CALLOUTS:
        fenced(md, name)
    if labels:
        md.core.ruler.push("callout_labels", callout_labels)


def callout_labels(state: StateCore) -> None:
    edition = state.env.get("callouts", {})
    for token in state.tokens:
        if token.nesting == 1 and is_callout(token.type):
            kind, *own = token.info.strip().split(maxsplit=1)
            token.meta["label"] = own[0] if own else edition.get(kind) or kind.replace("-", " ").capitalize()


def is_callout(token_type: str) -> bool:
    return token_type.startswith("container_") and token_type.removeprefix("container_").rsplit("_", 1)[0] in CALLOUTS
