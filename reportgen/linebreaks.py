"""A block tag that ends a line of text keeps the line break after it, in every report template.

The report environment trims the line break after a block tag (`trim_blocks`), which is what a
tag on a line of its own wants: `{% for %}` and `{% endif %}` lines leave no blank lines behind.
A tag that *ends a line of text* — `8. {{ item.text }}{% if item.owner %} ({{ item.owner }}){% endif %}`
— loses that line's break too, so the blank line the template writes after it is the only line
break left, and the next block (a note, a paragraph) runs on as a lazy continuation of the list
item before it (Lambeth's "Please note …" read as part of recommendation 8). Whether a line break
is kept must not depend on how the line happens to end, so such a tag keeps it, as Jinja's own
`+%}` asks: a template line of text always ends with its line break.
"""

from __future__ import annotations

import re

from jinja2.ext import Extension

_TAG = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.S)
_ENDS_WITH_TAG = re.compile(r"(?<![-+])%\}[ \t]*$")


def keep_line_breaks(source: str) -> str:
    """`source` with `+%}` on every block tag that closes a line holding text or `{{ … }}` before it."""
    lines = source.split("\n")
    for index, line in enumerate(lines[:-1]):  # the last line has no line break to keep
        if _ENDS_WITH_TAG.search(line) and _TAG.sub("", line).strip():
            lines[index] = _ENDS_WITH_TAG.sub("+%}", line.rstrip())
    return "\n".join(lines)


class KeepLineBreaks(Extension):
    """The Jinja extension applying `keep_line_breaks` to every report template as it is loaded."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return keep_line_breaks(source)
