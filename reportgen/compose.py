"""Report view → one Markdown document, through the Jinja templates of the framework edition.

This is the report's single content source: the order, headings and wording of every
format come from here. Findings text is passed to templates as values, never compiled as
template source, so `{{ … }}` typed in a findings file stays literal text.

What the templates say about a block beyond its words — `meta(contents=true)` on a heading the
contents lists, `meta(standard=…)` on a standard's heading, `meta(rating=…)` on a rating — is a
mark beside the text (marked.py), which parse puts on the block's token. No control character
is planted in the Markdown, and nothing after this edits it with patterns; annexes are numbered
as the templates print them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .marked import join, squeeze_blank_lines
from .model import FOOTNOTE_REF
from .templating import marked_value, numbering_annexes
from .view import ReportView

if TYPE_CHECKING:
    from .house import House


def compose(view: ReportView, house: House) -> str:
    """The whole report as Markdown, footnote definitions last in order of first reference.

    What the templates mark with `meta(…)` (a heading the contents list, a standard's heading,
    a rating) travels beside the text as its marks (marked.py), for parse to put on the tokens."""
    def say(key: str, **extra: object) -> str:
        """A block of the edition's fixed wording, or the findings' own text for it."""
        return house.wording.say(view.edition, view.findings, key, **extra)

    template = house.templates.get_template(f"{view.edition.template or view.edition.id}/report.md.j2")
    with numbering_annexes():
        body = template.render(view=view, say=say, edition=view.edition, findings=view.findings)
    body = join([squeeze_blank_lines(body).strip(), "\n"])
    return join([body, footnote_definitions(body, view.footnotes)])


def footnote_definitions(body: str, footnotes: dict[str, str]) -> str:
    """Definitions of every footnote `body` refers to (including refs inside footnotes), in order."""
    order: list[str] = []
    pending = FOOTNOTE_REF.findall(body)
    while pending:
        name = pending.pop(0)
        if name in order:
            continue
        order.append(name)
        pending += FOOTNOTE_REF.findall(footnotes.get(name, ""))
    lines = []
    for name in order:
        text = " ".join(footnotes[name].split("\n")).strip()
        lines.append(join([f"[^{name}]: ", marked_value(footnotes[name], text)]))
    return join(["\n", *(join([line, "\n\n"]) for line in lines[:-1]), lines[-1], "\n"]) if lines else ""
