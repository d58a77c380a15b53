"""What a build says while it works: a live progress line on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import typer


@contextmanager
def reporter(total: int, *, quiet: bool = False) -> Iterator[Callable[[str], None]]:
    """A `report(line)` for build_all.

    With --quiet only errors and failures are printed. On a terminal a batch also shows a progress bar that counts the files.
    """
    def plain(line: str) -> None:
        if not quiet or ": error:" in line or " FAILED " in line:
            typer.echo(line, err=True)

    if quiet or total < 2 or not sys.stderr.isatty():
        yield plain
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("build", total=total)

        def live(line: str) -> None:
            if line.startswith("["):
                bar.advance(task)
            console.print(line, markup=False, highlight=False)

        yield live


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
