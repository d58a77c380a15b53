"""The report's Markdown → one token stream that every renderer walks.

markdown-it is set up once: CommonMark with GFM tables and footnotes numbered through the whole
report. Each syntax the report adds is one plugin here, the only code that knows it: the
page's regions (`::: cover`, `::: front`), the contents (`::: contents`), charts (`::: chart`),
callout boxes (`::: good-practice` …), table captions (`Table: …`), headings' ids, links.
Raw HTML is off, so markup typed in findings is shown as text, never passed through.

What compose marked beside the text (marked.py: a heading the contents list, a standard's
heading, a rating) lands on the tokens as meta first (marks.py); the rules after it read that
meta, never the words, so a cell reading 'Good' in a findings table is not taken for a rating.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from ..errors import Problem, ReportError
from ..limits import PARSER_NESTING
from ..marked import marks_of
from .callouts import CALLOUTS, callouts_plugin
from .captions import captions_plugin
from .charts import charts_plugin
from .contents import contents_plugin
from .headings import Heading, headings_plugin
from .links import LINKS_ALLOWED, link_allowed, links_plugin
from .marks import marks_plugin
from .regions import regions_plugin
from .tables import tables_plugin
from .text import footnote_inlines, plain_text

__all__ = ["CALLOUTS", "LINKS_ALLOWED", "Heading", "Parsed", "configure", "footnote_inlines", "link_allowed", "markdown",
           "parse", "plain_text"]


@dataclass(frozen=True)
class Parsed:
    """Tokens plus what the core rules learnt: headings in order, footnotes, repeated captions."""

    tokens: list[Token]
    env: dict
    headings: tuple[Heading, ...]


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    return configure()


def configure(*, check: bool = False) -> MarkdownIt:
    """The one markdown-it set-up. `check=True` is the same grammar for checking one findings
    field alone (markup.py): every `[^name]` is matched as a reference, and nothing report-wide runs."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.options["maxNesting"] = PARSER_NESTING  # beyond it markdown-it drops the rest: see parse()
    md.enable("table")
    md.disable(["image", "html_block", "html_inline"])  # findings are text: no pictures, no markup
    md.use(footnote_plugin, inline=False, move_to_end=not check, always_match_refs=check)
    report = not check
    if report:
        md.use(marks_plugin)  # first: the rules after it read the meta it places
        md.use(links_plugin)
        md.use(headings_plugin)
    md.use(regions_plugin)
    md.use(contents_plugin, fill=report)
    md.use(charts_plugin, keys=report)
    md.use(callouts_plugin, labels=report)
    if report:
        md.use(captions_plugin)
        md.use(tables_plugin)
    return md


def parse(text: str, file: str = "report", *, callouts: dict[str, str] | None = None) -> Parsed:
    """Parse the composed report (its marks with it); `callouts` are the edition's labels by kind.

    Fails rather than lose text: markdown-it silently skips the rest of a document nested
    deeper than its limit, which `check` keeps findings far below.
    """
    env: dict = {"marks": marks_of(text), "callouts": callouts or {}}
    tokens = markdown().parse(str.__str__(text), env)
    deepest = max((t for t in tokens if t.block), key=lambda t: t.level, default=None)
    if deepest is not None and deepest.level >= PARSER_NESTING - 1:
        line = deepest.map[0] + 1 if deepest.map else None
        raise ReportError([Problem(file, None, None, "", f"Markdown nested {deepest.level} levels deep at line {line} of the composed report",
                                   f"at most {PARSER_NESTING - 2} levels, so that no writer drops text")])
    return Parsed(tokens, env, tuple(env.get("headings", ())))
