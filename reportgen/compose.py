"""Report view → one Markdown document, through the Jinja templates of the framework edition.

This is the report's single content source: the order, headings and wording of every
format come from here. Findings text is passed to templates as values, never compiled as
template source, so `{{ … }}` typed in a findings file stays literal text.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jinja2

from . import wording
from .fields import Marking, Span, mark
from .model import FOOTNOTE_REF
from .names import slug
from .parse import CALLOUTS
from .numbers import counted, number, words
from .resources import template_folders
from .view import ReportView

# what may follow `<` and stay live: a CommonMark autolink (<https://…>, <name@example.org>)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9]"
                       r"(?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>")
_TICKS = re.compile(r"`+")


def cell(text: object) -> str:
    """Text made safe for one GFM table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def inert(value: object) -> str:
    """Printed text with raw HTML neutralised, so no consumer of the .md can run it: every `<`
    that could open a tag is escaped, read the way CommonMark reads it — after an escaped
    backslash (`\\\\<`) a `<` is live, inside a code span it is literal and left alone.

    Idempotent, and it leaves autolinks such as <https://…> and <name@example.org> alone.
    """
    text = str(value)
    if "<" not in text:
        return text
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n:  # an escape: copied whole, so `\\<` stays escaped and `\\\\` is one pair
            out.append(text[i:i + 2])
            i += 2
        elif char == "`":
            run = _TICKS.match(text, i).group()
            close = _closing_ticks(text, i + len(run), len(run))
            end = close + len(run) if close >= 0 else i + len(run)
            out.append(text[i:end])  # a code span is shown as typed; an unmatched run is plain text
            i = end
        elif char == "<":
            link = _AUTOLINK.match(text, i)
            out.append(link.group() if link else "\\<")
            i = link.end() if link else i + 1
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _closing_ticks(text: str, start: int, length: int) -> int:
    """Where the backtick run closing a code span opened by `length` backticks starts, or -1."""
    for run in _TICKS.finditer(text, start):
        if len(run.group()) == length:
            return run.start()
    return -1


def blockquote(text: object) -> str:
    """Markdown text as a quotation block: every line marked '> '."""
    return "\n".join(f"> {line}" if line.strip() else ">" for line in str(text).split("\n"))


def strip_footnotes(text: object) -> str:
    """Text without its footnote references, for captions and link texts."""
    return FOOTNOTE_REF.sub("", str(text)).strip()


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_folders()),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; raw HTML is disabled when it is parsed
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=lambda value: mark(value, inert(value)),  # every {{ value }}: findings text included
    )
    env.filters.update(words=words, number=number, counted=counted, cell=cell, slug=slug, strip_footnotes=strip_footnotes,
                       blockquote=blockquote)
    env.globals.update(CONTENTS=CONTENTS, CONTENTS_ENTRY=CONTENTS_ENTRY, ANNEXE_NUMBER=ANNEXE_NUMBER)
    return env


CONTENTS_ENTRY = "\x1f"  # written after a heading's text by the `heading` macro: list it in the contents
CONTENTS = "\x1fcontents\x1f"  # where the contents list goes
ANNEXE_NUMBER = "\x1e"  # in an annexe heading: replaced by the annexe's number, in order
_CALLOUT = re.compile(rf"^([ \t]*:::[ \t]*)({'|'.join(CALLOUTS)})[ \t]*$", re.M)
_ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$", re.M)


def compose(view: ReportView) -> str:
    """The whole report as Markdown, footnote definitions last in order of first reference."""
    return _compose(view)


def compose_with_fields(view: ReportView) -> tuple[str, list[Span]]:
    """The report's Markdown and where in it each narrative field of the findings was printed."""
    with Marking(view.findings) as marking:
        return marking.unmark(_compose(view))


def _compose(view: ReportView) -> str:
    def say(key: str, **extra: object) -> str:
        """A block of the edition's fixed wording, or the findings' own text for it."""
        return wording.say(view.edition, view.findings, key, **extra)

    template = environment().get_template(f"{view.edition.template or view.edition.id}/report.md.j2")
    body = template.render(view=view, say=say, edition=view.edition, findings=view.findings)
    body = number_annexes(re.sub(r"\n{3,}", "\n\n", body).strip() + "\n")
    body = with_contents(label_callouts(body, view.edition.callouts))
    return body + footnote_definitions(body, view.footnotes)


def label_callouts(body: str, labels: dict[str, str]) -> str:
    """`::: good-practice` → `::: good-practice Good practice example`: the edition's label, where the
    findings gave none of their own after the kind."""
    def label(match: re.Match) -> str:
        kind = match.group(2)
        return f"{match.group(1)}{kind} {labels[kind]}" if kind in labels else match.group(0)

    return _CALLOUT.sub(label, body)


def number_annexes(body: str) -> str:
    parts = body.split(ANNEXE_NUMBER)
    return parts[0] + "".join(f"{n}{part}" for n, part in enumerate(parts[1:], start=1))


def with_contents(body: str) -> str:
    """The contents list made from the headings emitted with the contents mark, linked by their ids.

    Ids are worked out as parse.annotate gives them (a slug, '-x' added on a repeat), so every
    link resolves.
    """
    used: set[str] = set()
    entries: list[str] = []
    for match in _ATX.finditer(body):
        text = match.group(2)
        listed = text.endswith(CONTENTS_ENTRY)
        text = text.removesuffix(CONTENTS_ENTRY).rstrip()
        ident = slug(text)
        while ident in used:
            ident += "-x"
        used.add(ident)
        if listed:
            indent = "  " * (len(match.group(1)) - 2)
            entries.append(f"{indent}- [{strip_footnotes(text)}](#{ident})")
    return body.replace(CONTENTS, "\n".join(entries)).replace(CONTENTS_ENTRY, "")


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
        lines.append(f"[^{name}]: {mark(footnotes[name], text)}")
    return ("\n" + "\n\n".join(lines) + "\n") if lines else ""
