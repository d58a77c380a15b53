"""Build many findings files, one worker process each at a time, reporting as each finishes.

A bad file is reported on one line and the others still build; the caller learns how many failed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import as_completed
from pathlib import Path
from typing import TYPE_CHECKING

from . import record
from .record import Inputs
from ..errors import ReportError, tally
from ..workers import cpu_count, start_with_house, worker_house, worker_pool

if TYPE_CHECKING:
    from ..house import House


def build_one(
    path: Path, out: Path, house: House, formats: list[str], overlap: bool = False, final: bool = False,
    stage: Callable[[str], None] | None = None, draft: bool = False, inputs: Inputs | None = None, base_url: str | None = None,
) -> tuple[bool, list[str], float]:
    """Build one file; return (succeeded, lines to print, seconds). Never raises.

    On success the lines are where the files went, then the findings' warnings as `check` prints them.
    With `inputs`, what the build was made from is recorded beside its outputs (batches/record.py).
    """
    from ..build import build_file
    from ..review.drafting import build_draft_file, draft_name
    from ..publishing.manifest import sealer

    started = time.perf_counter()
    warnings: list[str] = []
    try:
        before = inputs.of(path) if inputs else None  # read first: a file edited during the build is rebuilt next time
        if draft:
            written = build_draft_file(path, out, house, formats, display=str(path), overlap=overlap,
                                       warn=lambda problem: warnings.append(str(problem)), stage=stage)
        else:
            written = build_file(path, out, house, formats, display=str(path), overlap=overlap, final=final,
                                 warn=lambda problem: warnings.append(str(problem)), stage=stage, sealer=sealer, base_url=base_url)
    except ReportError as error:
        closing = f"{tally(error.problems)}; nothing built" + (" (the report is not ready to publish)" if final else "")
        return False, [*(str(p) for p in error.problems), closing], time.perf_counter() - started
    except Exception as error:  # a renderer fault must not stop the batch or print a traceback
        return False, [f"{path}: error: build failed in rendering: {type(error).__name__}: {error}"], time.perf_counter() - started
    folder = out / (draft_name(path.stem) if draft else path.stem)
    if before is not None:
        try:
            record.save(out, folder.name, before, written)
        except OSError:  # no record: the next build rebuilds it, nothing worse
            pass
    return True, [f"{folder}/ ({made(written, folder)})", *warnings], time.perf_counter() - started


def made(written: list[Path], folder: Path) -> str:
    """What a build wrote, as the line after it says: 'publish/ (html, pdf, data/, fragment.html), md, docx, manifest.json'."""
    from ..write import PUBLISH

    beside: dict[str, None] = {}
    online: dict[str, None] = {}
    for path in written:
        parts = path.relative_to(folder).parts
        into, parts = (online, parts[1:]) if parts[0] == PUBLISH and len(parts) > 1 else (beside, parts)
        into[parts[0].removeprefix(f"{folder.name}.") + ("/" if len(parts) > 1 else "")] = None
    return ", ".join(([f"{PUBLISH}/ ({', '.join(online)})"] if online else []) + list(beside))


def collisions(paths: list[Path], out: Path) -> dict[Path, str]:
    """Findings files whose outputs would land in the same folder (merton.yml and merton.yaml,
    a/report.yml and b/report.yml; compared without case, as many file systems do): each
    with its one-line error."""
    by_folder: dict[str, list[Path]] = {}
    for path in paths:
        by_folder.setdefault(path.stem.casefold(), []).append(path)
    clashes = {}
    for group in by_folder.values():
        if len({p.resolve() for p in group}) > 1:
            for path in group:
                others = ", ".join(str(p) for p in group if p != path)
                clashes[path] = (f"{path}: error: found the output folder {out / path.stem}/ also used by {others}, "
                                 "expected one findings file per output folder (rename one, or build them with different --out)")
    return clashes


# Workers are replaced after about this many reports each. A worker's memory grows by a few tenths of a
# megabyte with every report it lays out, held natively by the layout libraries (no Python object is left
# over), so a batch of any size peaks at what this many take. Replacing costs one fork and WeasyPrint's
# import, about 1% of the reports' time; the workers of a share wait for its last report, about 1% more.
REPORTS_PER_WORKER = 40


def _build_in_worker(path: Path, out: Path, formats: list[str], final: bool, draft: bool,
                     inputs: Inputs | None, base_url: str | None) -> tuple[bool, list[str], float]:
    return build_one(path, out, worker_house(), formats, False, final, None, draft, inputs, base_url)


def build_all(
    paths: list[Path], out: Path, house: House, formats: list[str], *, jobs: int = 1, report: Callable[[str], None] = print,
    final: bool = False, stage: Callable[[str], None] | None = None,
    draft: bool = False, force: bool = False, base_url: str | None = None,
) -> int:
    """Build every file whose inputs or outputs changed since its last build (every file with
    `force`); return the number that failed.

    `final` refuses drafts (readiness.py); `stage` hears a single file's stages as they finish.
    """
    from ..review.drafting import draft_name

    inputs, clashes = Inputs(formats, final, draft, house, base_url), collisions(paths, out)
    folder = (lambda path: draft_name(path.stem)) if draft else (lambda path: path.stem)
    fresh = [] if force else [p for p in paths if p not in clashes and record.up_to_date(p, out, inputs, folder(p))]
    if fresh:
        report(up_to_date_line(fresh, paths, out, folder))
        paths = [p for p in paths if p not in fresh]
        if not paths:
            return 0
    if hasattr(report, "planned"):  # a progress bar counts the files to build
        report.planned(len(paths))
    total, failures = len(paths), 0

    def say(done: int, path: Path, result: tuple[bool, list[str], float]) -> None:
        nonlocal failures
        ok, lines, seconds = result
        failures += not ok
        problems = lines[1:] if ok else lines
        if total == 1:  # one file: its problems or warnings exactly as `check` prints them
            for line in problems:
                report(line)
            if not ok:
                return
        status = "built" if ok else "FAILED"
        report(f"[{done}/{total}] {status} {path} in {seconds:.1f} s" + (f" → {lines[0]}" if ok else ""))
        if total > 1:
            for line in problems:
                report(f"  {line}")

    for done, path in enumerate(clashes, 1):  # building either would overwrite the other's outputs
        say(done, path, (False, [clashes[path]], 0.0))
    paths, first = [p for p in paths if p not in clashes], len(clashes) + 1
    jobs = min(jobs, cpu_count(), len(paths))  # more workers than cores only add memory
    if total == 1 and paths:  # one file: the second core lays out its PDF while this one writes the rest
        say(1, paths[0], build_one(paths[0], out, house, formats, cpu_count() > 1, final, stage, draft, inputs, base_url))
    elif jobs <= 1:
        for done, path in enumerate(paths, first):
            say(done, path, build_one(path, out, house, formats, False, final, None, draft, inputs, base_url))
    else:
        done = first
        for start in range(0, len(paths), jobs * REPORTS_PER_WORKER):  # fresh workers for each share
            with worker_pool(jobs, start_with_house, house) as pool:
                share = paths[start:start + jobs * REPORTS_PER_WORKER]
                futures = {pool.submit(_build_in_worker, path, out, formats, final, draft, inputs, base_url): path for path in share}
                for future in as_completed(futures):
                    say(done, futures[future], future.result())
                    done += 1
    if total > 1 or fresh:
        report(f"{total - failures} of {total} built" + (f", {failures} failed" if failures else "")
               + (f"; {len(fresh)} up to date" if fresh else ""))
    return failures


def up_to_date_line(fresh: list[Path], paths: list[Path], out: Path, folder: Callable[[Path], str] = lambda path: path.stem) -> str:
    """What was not rebuilt, and why, in one line."""
    if len(paths) == 1:
        return f"{paths[0]}: up to date in {out / folder(paths[0])}/, nothing rebuilt (its inputs and outputs are unchanged; --force rebuilds)"
    rest = "nothing rebuilt" if len(fresh) == len(paths) else f"building the other {len(paths) - len(fresh)}"
    return f"{len(fresh)} of {len(paths)} up to date (inputs and outputs unchanged since their last build): {rest}"
