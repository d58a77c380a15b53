"""`reportgen programme`: read every findings file, keep the period's inspections, write the view.

The view reads the findings, never a build's outputs, so it can be made before, after or apart
from the builds (a sharded batch spread over machines included). A file that `check` refuses
stops it: a programme table silently missing a service would mislead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ReportError
from .page import FORMATS, STEM

if TYPE_CHECKING:
    from ..house import House


def build_programme(paths: list[Path], out: Path, house: House, *, since: str | None = None, until: str | None = None, jobs: int = 1,
                    formats: tuple[str, ...] = FORMATS, done: Callable[[int], None] | None = None) -> tuple[list[Path], int]:
    """Write out/programme/…; return the files written and how many inspections the period holds."""
    from ..build import source_date_epoch
    from ..write import write_report
    from .columns import closure, series
    from .figures import in_period
    from .page import outputs
    from .read import read_all
    from .store import database
    from .view import compose
    from .words import words

    inspections, problems = read_all(paths, house, jobs, done)
    if problems:
        raise ReportError(problems)
    chosen = in_period(inspections, since, until)
    used: list[str] = list(dict.fromkeys(i.edition for i in chosen))  # in the order their inspections began
    editions = closure(used, house)
    all_series = series([editions[e] for e in used], editions)
    say = words(house)
    view = compose(chosen, all_series, editions, say, source_date_epoch(), (since, until))
    files = outputs(view, say, database(chosen, all_series) if "sqlite" in formats else b"", house, formats)
    return write_report(files, out, STEM, str(out / STEM)), len(chosen)
