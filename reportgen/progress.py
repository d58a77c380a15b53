"""What a build says while it works: a live progress line on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import typer


class Plain:
    """Lines on standard error (with --quiet only errors and failures): what a log or CI job reads."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet

    def __call__(self, line: str) -> None:
        if not self.quiet or ": error:" in line or " FAILED " in line:
            typer.echo(line, err=True)

    def planned(self, total: int) -> None:
        """How many files will be built (those up to date are not)."""


class Live:
    """On a terminal: each line above a progress bar that counts the files built, with the time
    taken and the time left (estimated from the files built so far)."""

    def __init__(self, bar, console, total: int):
        self.bar, self.console = bar, console
        self.task = bar.add_task("build", total=total)

    def __call__(self, line: str) -> None:
        if line.startswith("["):
            self.bar.advance(self.task)
        self.console.print(line, markup=False, highlight=False)

    def planned(self, total: int) -> None:
        self.bar.reset(self.task, total=total)


@contextmanager
def reporter(total: int, *, quiet: bool = False) -> Iterator[Callable[[str], None]]:
    """A `report(line)` for build_all: plain lines, or on a terminal (a batch, not --quiet) the
    lines above a progress bar with time left."""
    if quiet or total < 2 or not sys.stderr.isatty():
        yield Plain(quiet)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    console = Console(stderr=True)
    columns = (TextColumn("building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        yield Live(bar, console, total)


class Stages:
    """--verbose for one build: each stage as it finishes, with the seconds since the last."""

    def __init__(self, say: Callable[[str], None]):
        import time

        self.clock = time.perf_counter
        self.say = say
        self.last = self.clock()

    def __call__(self, stage: str) -> None:
        now = self.clock()
        self.say(f"  {stage} ({now - self.last:.2f} s)")
        self.last = now
