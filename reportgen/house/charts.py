"""Chart wording (templates/common/charts.yml, or an edition's or a house's own) read and checked.

Titles, text alternatives and key entries are Jinja patterns over each chart's facts; a file
that lacks a part, or whose pattern does not compile, is one line naming file, line and part.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..errors import Problem, ReportError
from ..load import load_yaml

# every part each kind of chart needs
CHART_WORDS = (("key_questions", ("title", "value", "band", "description")),
               ("comparison", ("title", "national", "value", "description")))
FILE = "charts.yml"
COMMON = "common"


@dataclass(frozen=True)
class ChartWords:
    """One charts.yml: kind of chart → part → pattern."""

    file: Path
    words: dict[str, dict[str, str]]


def read_chart_words(path: Path, display: str, compile_: Callable[[str], object]) -> ChartWords:
    """The file's words, every part present and compiled once (`compile_` raises on bad syntax)."""
    located = load_yaml(path, display=display)
    data = located.data
    for kind, parts in CHART_WORDS:
        for part in parts:
            value = data[kind].get(part) if isinstance(data.get(kind), dict) else None
            line, column = located.where((kind, part))
            if not isinstance(value, str) or not value.strip():
                raise ReportError([Problem(display, line, column, f"{kind}.{part}", "nothing" if value is None else repr(value)[:60],
                                           "the words for this part of the chart (text; Jinja placeholders allowed)")])
            try:
                compile_(value)
            except jinja2.TemplateSyntaxError as error:
                raise ReportError([Problem(display, line, column, f"{kind}.{part}", f"the pattern {value[:60]!r} ({error.message})",
                                           "a Jinja pattern, e.g. {{ standard }}")]) from None
    return ChartWords(path, {kind: dict(data[kind]) for kind, _ in CHART_WORDS})


def chart_word_files(template_folders: Iterable[Path]) -> dict[str, Path]:
    """Each template folder name (an edition's, or 'common') → the first charts.yml for it."""
    found: dict[str, Path] = {}
    for folder in template_folders:
        for path in sorted(folder.glob(f"*/{FILE}")):
            found.setdefault(path.parent.name, path)
    if COMMON not in found:
        raise ReportError([Problem(f"{COMMON}/{FILE}", None, None, "", "no charts.yml in the template folders",
                                   "the chart wording file shipped in templates/common/")])
    return found
