"""Report view → one Markdown document, through the Jinja templates of the framework edition.

This is the report's single content source: the order, headings and wording of every
format come from here. Findings text is passed to templates as values, never compiled as
template source, so `{{ … }}` typed in a findings file stays literal text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .model import FOOTNOTE_REF
from .view import ReportView, slug, words

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_RAW_HTML = re.compile(r"(?<!\\)<(?!https?://[^\s<>]*>)")


def cell(text: object) -> str:
    """Text made safe for one GFM table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def inert(value: object) -> str:
    """Printed text with raw HTML neutralised (`<` escaped), so no consumer of the .md can run it.

    Idempotent, and it leaves autolinks such as <https://…> alone.
    """
    return _RAW_HTML.sub(r"\\<", str(value))


def strip_footnotes(text: object) -> str:
    """Text without its footnote references, for captions and link texts."""
    return FOOTNOTE_REF.sub("", str(text)).strip()


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; raw HTML is disabled when it is parsed
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=inert,  # every {{ value }}: findings text included
    )
    env.filters.update(words=words, cell=cell, slug=slug, strip_footnotes=strip_footnotes)
    return env


@lru_cache(maxsize=1)
def _boilerplate_env() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.filters.update(words=words)
    return env


def compose(view: ReportView) -> str:
    """The whole report as Markdown, footnote definitions last in order of first reference."""
    edition_boilerplate = view.edition.boilerplate

    def say(key: str, **extra: object) -> str:
        """Render a piece of the edition's fixed wording with the report's variables."""
        source = edition_boilerplate[key]
        variables = {
            "inspection": view.inspection, "service": view.service, "cases": view.cases,
            "year": view.year, "isbn": view.inspection.isbn, "lead_inspector": view.inspection.lead_inspector,
            "area": view.service.area, **extra,
        }
        return _boilerplate_env().from_string(source).render(variables).strip()

    template = environment().get_template(f"{view.edition.id}/report.md.j2")
    body = template.render(view=view, say=say, edition=view.edition, findings=view.findings)
    body = re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"
    return body + footnote_definitions(body, view.footnotes)


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
        lines.append(f"[^{name}]: {text}")
    return ("\n" + "\n\n".join(lines) + "\n") if lines else ""
