"""Shared fixtures: each seed report is checked once, and each format rendered once, per session."""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from reportgen.build import WRITERS, Stages, prepare
from reportgen.house import Folders, House, load_house
from reportgen.validate import Checked, check_file

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ("merton", "havering", "bromley", "lambeth", "examples/youth-2018-example",  # the transcriptions and the synthetic report (issue 11)
           "examples/invented-two-areas-example")  # a synthetic report under an invented edition of a different shape (issue 24)
# Per report, as published: the title on the cover and the heading over the table of ratings.
TITLES = {
    "merton": "An inspection of youth offending services in Merton",
    "havering": "An inspection of youth offending services in Havering",
    "bromley": "Joint Inspection of Youth Offending Teams of England and Wales: report on Bromley Youth Offending Team",
    "lambeth": "Full Joint Inspection of Youth Offending Work in Lambeth",
    "examples/youth-2018-example": "An inspection of youth offending services in Exampleshire (an invented area)",
    "examples/invented-two-areas-example": "An invented inspection of youth offending services in Inventshire (invented)",
}
RATINGS_HEADING = {"merton": "Ratings", "havering": "Ratings", "bromley": "Scoring summary", "lambeth": "Key judgements",
                   "examples/youth-2018-example": "Ratings", "examples/invented-two-areas-example": "Ratings"}


class Formats(dict):
    """A report's outputs by format, each rendered on first use from one set of stages.

    With a `shared` folder (several pytest-xdist workers), the first worker to need a format
    renders it and the others read its bytes: the writers are byte-for-byte reproducible, so
    the bytes are the same either way, and each PDF is laid out once per run, not per worker."""

    def __init__(self, stages: Stages, shared: Path | None = None, name: str = ""):
        super().__init__()
        self.stages = stages
        self.shared, self.name = shared, name.replace("/", "--")

    def __missing__(self, fmt: str) -> bytes:
        slow = fmt in ("pdf", "docx")  # the rest take milliseconds (and "data" is several files)
        self[fmt] = self._render_shared(fmt) if self.shared and slow else WRITERS[fmt](self.stages)
        return self[fmt]

    def _render_shared(self, fmt: str) -> bytes:
        import fcntl

        path = self.shared / f"{self.name}.{fmt}"
        with open(path.with_suffix(f".{fmt}.lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            if not path.exists():
                partial = path.with_suffix(f".{fmt}.partial")
                partial.write_bytes(WRITERS[fmt](self.stages))
                partial.rename(path)
            return path.read_bytes()


def pytest_collection_modifyitems(config, items) -> None:
    """The test files with tests that start a browser, LibreOffice or a full build first, the rest after (a
    stable sort of whole files, so module fixtures are made once and each file keeps its order): with two
    workers the long ones run while the short ones fill the gaps, instead of one starting last while the other
    worker has nothing left."""
    long = {item.path for item in items if any(item.get_closest_marker(mark) for mark in ("browser", "office", "slow"))}
    items.sort(key=lambda item: item.path not in long)


LEFT_OUT = {"office": ("soffice", "libreoffice"), "browser": ("node", "chromium")}  # the programs each mark's tests run


def pytest_configure(config) -> None:
    """A run that leaves a mark's tests out (`make test-quick`: -m "not browser and not office and
    not slow") finds stand-ins for their programs on PATH, which fail naming the mark: a new test
    that runs LibreOffice or node without its mark fails in the quick loop instead of slowing it."""
    # The suite's renderings and its real-process builds stamp the same dates only if neither sees a
    # SOURCE_DATE_EPOCH the runner happened to set; a test that wants one sets it itself.
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    expression = config.getoption("markexpr", "") or ""
    left_out = [mark for mark in LEFT_OUT if re.search(rf"\bnot\s+{mark}\b", expression)]
    if not left_out or "REPORTGEN_LEFT_OUT" in os.environ:  # none, or made by the run that started this worker
        return
    folder = Path(tempfile.mkdtemp(prefix="reportgen-left-out-"))
    for mark in left_out:
        for program in LEFT_OUT[mark]:
            stand_in = folder / program
            stand_in.write_text(f"#!/bin/sh\necho '{program} is left out of this run (-m \"{expression}\"): "
                                f"mark the test @pytest.mark.{mark}' >&2\nexit 127\n", encoding="utf-8")
            stand_in.chmod(stand_in.stat().st_mode | stat.S_IXUSR)
    os.environ["PATH"] = f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"
    os.environ["REPORTGEN_LEFT_OUT"] = str(folder)
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


@pytest.fixture(scope="session")
def house() -> House:
    """The shipped house (editions, templates, brand…), whatever REPORTGEN_* the environment sets."""
    return load_house(Folders.given(environ={}))


@pytest.fixture(scope="session")
def checked(house) -> dict[str, Checked]:
    return {name: check_file(ROOT / "findings" / f"{name}.yml", house) for name in REPORTS}


@pytest.fixture(scope="session")
def built(checked, house, tmp_path_factory, worker_id) -> dict[str, Formats]:
    """Every format of every seed report, rendered on demand, once per run across workers."""
    shared = None
    if worker_id != "master":  # pytest-xdist: every worker's base folder sits in the run's folder
        shared = tmp_path_factory.getbasetemp().parent / "built"
        shared.mkdir(exist_ok=True)
    return {name: Formats(prepare(checked[name], house), shared, name) for name in REPORTS}


def findings_files() -> list[Path]:
    """Every findings file under findings/, in sub-folders too (what the pagination test covers)."""
    folder = ROOT / "findings"
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yml", ".yaml"))


def findings_id(path: Path) -> str:
    return path.relative_to(ROOT / "findings").with_suffix("").as_posix()


@pytest.fixture(scope="session")
def laid_out(built, house):
    """Each findings file's formats and its PDF read back page by page (tests/pagination.py),
    laid out once per session: the seed reports reuse `built`, others are built on first use."""
    from . import pagination

    class Layouts(dict):
        def __missing__(self, ident: str):
            path = ROOT / "findings" / ident
            path = next(p for p in (path.with_suffix(".yml"), path.with_suffix(".yaml")) if p.exists())
            formats = built[ident] if ident in built else Formats(prepare(check_file(path, house), house))
            self[ident] = (formats, pagination.read_layout(formats["pdf"]))
            return self[ident]

    return Layouts()


@pytest.fixture(scope="session")
def compared(checked, house, tmp_path_factory):
    """Issue 12: `compare` of Merton against Merton with one word and one count changed (variants.merton_changed)."""
    from reportgen.review.compare import compare

    from .variants import merton_changed

    new = check_file(merton_changed(tmp_path_factory.mktemp("compare")), house)
    return compare(checked["merton"], new, "merton.yml", house, author="A. Editor")


@pytest.fixture(scope="session")
def drafted(house, tmp_path_factory) -> tuple[Path, bytes]:
    """Issue 12: a copy of Merton and its Word draft."""
    import shutil

    from reportgen.review.drafting import findings_origin, render_draft

    folder = tmp_path_factory.mktemp("absorb")
    path = folder / "merton.yml"
    shutil.copy(ROOT / "findings" / "merton.yml", path)
    checked = check_file(path, house)
    return path, render_draft(checked, house, ("docx",), origin=findings_origin(path, checked))["docx"]
