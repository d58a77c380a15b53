"""Build many findings files, one worker process each at a time, reporting as each finishes.

A bad file is reported on one line and the others still build; the caller learns how many failed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from .errors import ReportError


def build_one(path: Path, out: Path, formats: list[str], overlap: bool = False) -> tuple[bool, list[str], float]:
    """Build one file; return (succeeded, lines to print, seconds). Never raises."""
    from .build import build_file

    started = time.perf_counter()
    try:
        written = build_file(path, out, formats, display=str(path), overlap=overlap)
    except ReportError as error:
        return False, [str(p) for p in error.problems], time.perf_counter() - started
    except Exception as error:  # a renderer fault must not stop the batch or print a traceback
        return False, [f"{path}: error: build failed in rendering: {type(error).__name__}: {error}"], time.perf_counter() - started
    folder = written[0].parent if written else out
    return True, [f"{folder}/ ({', '.join(p.suffix[1:] for p in written)})"], time.perf_counter() - started


def build_all(paths: list[Path], out: Path, formats: list[str], *, jobs: int = 1, report: Callable[[str], None] = print) -> int:
    """Build every file; return the number that failed."""
    total, failures = len(paths), 0

    def say(done: int, path: Path, result: tuple[bool, list[str], float]) -> None:
        nonlocal failures
        ok, lines, seconds = result
        failures += not ok
        if total == 1 and not ok:  # one file: its problems alone, exactly as `check` prints them
            for line in lines:
                report(line)
            return
        status = "built" if ok else "FAILED"
        report(f"[{done}/{total}] {status} {path} in {seconds:.1f} s" + (f" → {lines[0]}" if ok else ""))
        if not ok:
            for line in lines:
                report(f"  {line}")

    if total == 1:  # one file: the second core lays out its PDF while this one writes the rest
        say(1, paths[0], build_one(paths[0], out, formats, overlap=(os.cpu_count() or 1) > 1))
    elif jobs <= 1:
        for done, path in enumerate(paths, 1):
            say(done, path, build_one(path, out, formats))
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, total)) as pool:
            futures = {pool.submit(build_one, path, out, formats): path for path in paths}
            for done, future in enumerate(as_completed(futures), 1):
                say(done, futures[future], future.result())
    if total > 1:
        report(f"{total - failures} of {total} built" + (f", {failures} failed" if failures else ""))
    return failures
