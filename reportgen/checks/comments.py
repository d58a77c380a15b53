"""Text cut short by YAML's comment rule: `… trusting relationships #1 priority` in an unquoted value.

In a plain (unquoted) YAML scalar, a `#` after a space starts a comment, so everything after it is
silently dropped from the value and every format prints the cut sentence. The loader records where
such a comment follows a plain scalar (load.Located.trailing_comments); this check warns where that
scalar is text the report prints. Prose fields are always flagged (a comment after prose is almost
never meant); a short value (a name, a rating) only where the `#` runs into a word, as in `#1`,
since `rating: Good  # agreed by the panel` is the usual way to comment a value.
"""

from __future__ import annotations

from ..errors import Problem, shorten
from ..load import format_path
from ..markup import texts
from ..model import Findings
from .input import CheckInput

NAME = "cut-text"
PROSE = {"narrative", "block", "paragraph", "line"}


def run(given: CheckInput) -> list[Problem]:
    source = given.source
    if not source.trailing_comments:
        return []
    lines = source.text.split("\n")
    problems = []
    for path, text, kind in texts(given.findings, Findings, ()):
        where = source.trailing_comments.get(path)
        if where is None:
            continue
        line, column = where
        comment = lines[line - 1][column - 1:].rstrip()
        runs_on = len(comment) > 1 and not comment[1].isspace()
        if kind not in PROSE and not runs_on:
            continue
        problems.append(Problem(
            source.file, line, column, format_path(path),
            f"{shorten(comment, 50)} after the text on line {line}: a '#' after a space starts a comment, so the "
            f"text ends {shorten('…' + text.rstrip()[-40:], 50)}",
            "the whole text: put it in quotes (\"…\") or start it on the line after a '|' so the '#' is kept; "
            "a comment meant as one goes on a line of its own",
            "warning", NAME, source.place(path),
        ))
    return problems
