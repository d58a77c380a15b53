"""Issue 26 item 2: batches that scale — incremental builds, shards, progress.

Builds are Markdown only (the record works the same for every format, and Markdown takes
milliseconds); the findings are synthetic (reportgen.programme.synthetic), one per edition.
"""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportgen.batches.shard import parse, share
from reportgen.cli import app
from reportgen.programme.synthetic import shipped_editions, write

pytestmark = pytest.mark.slow  # whole batches built by the CLI, some in real processes: in `make test`, not the quick loop

ROOT = Path(__file__).resolve().parent.parent
REPORTGEN = [sys.executable, "-m", "reportgen"]


@pytest.fixture()
def folder(tmp_path) -> Path:
    """Five synthetic findings files, one or more per edition."""
    write(tmp_path / "findings", shipped_editions(), 5, seed=11)
    return tmp_path / "findings"


def build(folder: Path, out: Path, *extra: str) -> str:
    result = CliRunner().invoke(app, ["build", str(folder), "--format", "md", "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return result.output


def stamps(out: Path) -> dict[str, int]:
    """Every output file's modification time in nanoseconds: a file rewritten gets a new one."""
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in sorted(out.glob("[!.]*/*")) if p.is_file()}


def rebuilt(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {name.split("/")[0] for name in after if before.get(name) != after[name]}


def test_a_second_build_rebuilds_nothing_and_says_so(folder, tmp_path) -> None:
    out = tmp_path / "out"
    first = build(folder, out)
    assert "5 of 5 built" in first
    before = stamps(out)
    second = build(folder, out)
    assert "5 of 5 up to date" in second and "nothing rebuilt" in second and " built " not in second
    assert stamps(out) == before
    one = next(folder.glob("*.yml"))
    alone = build(one, out)
    assert f"{one}: up to date in {out / one.stem}/, nothing rebuilt" in alone


def test_changing_one_findings_file_rebuilds_that_report_alone(folder, tmp_path) -> None:
    """Its content changed (a comment added). A bare touch, which changes no byte, rebuilds nothing:
    the record is by content, so a fresh clone's new modification times rebuild nothing either."""
    out = tmp_path / "out"
    build(folder, out)
    before = stamps(out)
    first, second = sorted(folder.glob("*.yml"))[:2]
    os.utime(second, ns=(1, 1))
    with first.open("a", encoding="utf-8") as stream:
        stream.write("# reviewed\n")
    said = build(folder, out)
    assert rebuilt(before, stamps(out)) == {first.stem}
    assert "4 of 5 up to date" in said and "1 of 1 built" in said


def test_a_deleted_or_edited_output_is_rebuilt(folder, tmp_path) -> None:
    out = tmp_path / "out"
    build(folder, out)
    first, second = sorted(folder.glob("*.yml"))[:2]
    (out / first.stem / f"{first.stem}.md").unlink()
    edited = out / second.stem / f"{second.stem}.md"
    edited.write_bytes(edited.read_bytes().replace(b"Foreword", b"Forward", 1))
    before = stamps(out)
    build(folder, out)
    assert rebuilt(before, stamps(out)) == {first.stem, second.stem}
    assert b"Forward" not in edited.read_bytes()


def test_other_options_or_force_rebuild_everything(folder, tmp_path) -> None:
    out = tmp_path / "out"
    build(folder, out)
    before = stamps(out)
    build(folder, out, "--force")
    after = stamps(out)
    assert rebuilt(before, after) == {p.stem for p in folder.glob("*.yml")}
    result = CliRunner().invoke(app, ["build", str(folder), "--format", "md,html", "--out", str(out)])
    assert result.exit_code == 0 and "5 of 5 built" in result.output


@pytest.mark.slow
def test_editing_a_template_rebuilds_every_report(folder, tmp_path) -> None:
    """A house template folder (--templates) whose stylesheet is edited: every report's inputs changed."""
    house = tmp_path / "house"
    (house / "style").mkdir(parents=True)
    shutil.copy(ROOT / "templates" / "style" / "report.css", house / "style" / "report.css")
    out = tmp_path / "out"
    command = [*REPORTGEN, "build", str(folder), "--format", "md", "--templates", str(house), "--out", str(out)]
    assert subprocess.run(command, capture_output=True, cwd=ROOT).returncode == 0
    before = stamps(out)
    again = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert "5 of 5 up to date" in again.stderr and stamps(out) == before
    with (house / "style" / "report.css").open("a", encoding="utf-8") as stream:
        stream.write("\nh1 { letter-spacing: 0.01em; }\n")
    edited = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert "5 of 5 built" in edited.stderr, edited.stderr
    assert rebuilt(before, stamps(out)) == {p.stem for p in folder.glob("*.yml")}


def test_shards_are_disjoint_cover_all_and_are_balanced(folder, tmp_path) -> None:
    paths = [Path(f"findings/area-{n:03d}.yml") for n in range(200)]
    shares = [share(paths, k, 3) for k in (1, 2, 3)]
    assert sorted(p for s in shares for p in s) == sorted(paths) and len(set().union(*map(set, shares))) == 200
    assert sorted(len(s) for s in shares) == [66, 67, 67]
    grown = [*paths, Path("findings/area-050b.yml")]  # one file added: at most N-1 others change share
    moved = sum(1 for k in (1, 2, 3) for p in share(grown, k, 3) if p in paths and p not in shares[k - 1])
    assert moved <= 2
    assert share(list(reversed(paths)), 2, 3) == list(reversed(shares[1]))  # the listing order does not matter
    assert parse("2/3") == (2, 3) and parse("4/3") is None and parse("0/3") is None

    out = tmp_path / "out"
    said = [build(folder, out, "--shard", f"{k}/3") for k in (1, 2, 3)]
    counts = [int(re.search(r"shard \d/3: (\d+) of 5 files", s).group(1)) for s in said]
    assert counts == [2, 2, 1] or sorted(counts) == [1, 2, 2]
    assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == {p.stem for p in folder.glob("*.yml")}
    bad = CliRunner().invoke(app, ["build", str(folder), "--shard", "3/2", "--out", str(out)])
    assert bad.exit_code == 2 and "expected K/N" in bad.output


@pytest.mark.slow
def test_plain_lines_when_not_a_terminal_and_a_progress_bar_with_time_left_on_one(folder, tmp_path) -> None:
    plain = subprocess.run([*REPORTGEN, "build", str(folder), "--format", "md", "--jobs", "1", "--out", str(tmp_path / "a")],
                           capture_output=True, text=True, cwd=ROOT)
    lines = plain.stderr.splitlines()
    assert [l for l in lines if l.startswith("[")] and all(re.match(r"^\[\d/5\] built ", l) for l in lines if l.startswith("["))
    assert "\x1b[" not in plain.stderr  # no terminal control sequences in a log
    screen = terminal_run([*REPORTGEN, "build", str(folder), "--format", "md", "--jobs", "1", "--out", str(tmp_path / "b")])
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)  # colours and cursor moves
    assert "building" in screen and re.search(r"\d/5", screen) and re.search(r"left\s+(\d+:\d\d:\d\d|-:--:--)", screen), screen[-2000:]


def terminal_run(command: list[str]) -> str:
    """The command's output as a terminal receives it (a pseudo-terminal on stdout and stderr)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdout=follower, stderr=follower, stdin=subprocess.DEVNULL, cwd=ROOT,
                               env={**os.environ, "COLUMNS": "120", "TERM": "xterm"})
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=60)
    os.close(leader)
    assert process.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")
