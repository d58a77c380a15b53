"""Issue 9 (classes 4, 6, 8): no input reaches a traceback; only regular files are read; workers
die with their parent; SIGTERM is Ctrl-C; one report's outputs are replaced as a whole;
a full disk leaves nothing behind; two findings files never share an output folder."""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportgen import write as write_module
from reportgen.cli import app
from reportgen.errors import ReportError
from reportgen.write import NEW, OLD, recover, write_report

from .conftest import ROOT
from .variants import Variant

pytestmark = pytest.mark.slow  # real processes: signals, devices, full disks: in `make test`, not the quick loop

MERTON = ROOT / "findings" / "merton.yml"
REPORTGEN = Path(sys.executable).with_name("reportgen")
ONE_LINE = re.compile(r"^\S.*: error: .*found .+, expected .+$")


def invoke(*args: str, env: dict[str, str] | None = None):
    result = CliRunner().invoke(app, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"reportgen crashed: {result.exception!r}") from result.exception
    return result


def run(*args: str, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(REPORTGEN), *args], capture_output=True, text=True, timeout=timeout, **kwargs)


def merton_with(folder: Path, name: str = "merton.yml", text_edit=None) -> Path:
    """Merton under another name, its text edited as typed (a scalar YAML must read)."""
    text = MERTON.read_text(encoding="utf-8")
    if text_edit:
        text = text_edit(text)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.rglob("*") if p.name.startswith(NEW) or p.name.startswith(OLD) or p.name.endswith(".tmp"))


# --- class 4: every entry point, hostile input, one line ---------------------------------------


def one_problem(stderr: str) -> str:
    """The one problem line of a failed check or build, after checking the count that closes it."""
    *lines, closing = stderr.splitlines()
    assert len(lines) == 1 and re.fullmatch(r"1 problem( in .+|; nothing built)", closing), stderr
    return lines[0]


def _published(value: str):
    return lambda text: re.sub(r"(?m)^  published: .*$", f"  published: {value}", text, count=1)


BAD_FINDINGS = {
    "impossible-date": _published("2021-02-30"),
    "impossible-month": _published("2021-13-45"),
    "hex-without-digits": lambda text: re.sub(r"(?m)^(\s+)relevant: 9$", r"\1relevant: 0x_", text, count=1),
    "binary-without-digits": lambda text: re.sub(r"(?m)^(\s+)relevant: 9$", r"\1relevant: 0b_", text, count=1),
}


@pytest.mark.parametrize("name", list(BAD_FINDINGS))
@pytest.mark.parametrize("command", ["check", "build"])
def test_issue9_scalars_that_cannot_be_read_are_one_line_at_every_entry_point(tmp_path, name, command) -> None:
    path = merton_with(tmp_path, text_edit=BAD_FINDINGS[name])
    args = [command, str(path)] + (["--out", str(tmp_path / "out"), "--format", "md"] if command == "build" else [])
    result = invoke(*args)
    lines = [one_problem(result.stderr)]
    assert result.exit_code == 1 and ONE_LINE.match(lines[0]), result.output
    assert re.match(rf"^{re.escape(str(path))}:\d+:\d+: error: ", lines[0])
    assert "Traceback" not in result.output and not (tmp_path / "out" / "merton").exists()


@pytest.mark.parametrize("value", ["1700000000000", "junk", "-5", "1.5e9"])
def test_issue9_source_date_epoch_must_be_whole_seconds(tmp_path, value) -> None:
    result = invoke("build", str(MERTON), "--out", str(tmp_path / "out"), "--format", "md", env={"SOURCE_DATE_EPOCH": value})
    lines = [one_problem(result.stderr)]
    assert result.exit_code == 1, result.output
    assert lines[0].startswith("SOURCE_DATE_EPOCH: error: found ") and "whole seconds since 1970" in lines[0]
    assert not (tmp_path / "out" / "merton").exists()


def test_issue9_schema_out_a_folder_is_a_usage_error(tmp_path) -> None:
    result = invoke("schema", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"{tmp_path}: error: --out: found a folder, expected a file to write the schema to"]


def test_issue9_long_file_name_and_long_service_name(tmp_path) -> None:
    """A 235-character findings name builds (temporary names are short); a 236-character one,
    whose draft outputs (-draft.fragment.html) no file system could name, is refused at check and
    before rendering; a long service name builds, Word's 255-character properties cut."""
    out = tmp_path / "out"
    fits = merton_with(tmp_path, name="m" * 235 + ".yml")
    assert invoke("build", str(fits), "--out", str(out), "--format", "md").exit_code == 0
    assert (out / ("m" * 235) / ("m" * 235 + ".md")).is_file()
    too_long = merton_with(tmp_path, name="n" * 236 + ".yml")
    for command in (["check"], ["build", "--out", str(out), "--format", "md"]):
        result = invoke(*command[:1], str(too_long), *command[1:])
        lines = [one_problem(result.stderr)]
        assert result.exit_code == 1 and ONE_LINE.match(lines[0]), result.output
        assert lines[0].endswith("expected a findings file name of at most 235 bytes before .yml")
    assert not leftovers(tmp_path) and not (out / ("n" * 251)).exists()

    service = Variant().set("service.name", "Youth Justice Service " * 14).write(tmp_path, "long.yml")
    result = invoke("build", str(service), "--out", str(tmp_path / "out"), "--format", "md,docx")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "long" / "long.docx").stat().st_size > 0


def test_issue9_an_unforeseen_fault_is_one_line_in_a_real_process(tmp_path) -> None:
    """The console script's safety net: any exception that escapes is one line, exit 1."""
    program = ("import sys; from reportgen import cli\n"
               "def boom(*a, **k): raise RuntimeError('injected\\nfault')\n"
               "import reportgen.summary as s; s.ratings_table = boom\n"
               "sys.argv = ['reportgen', 'check', sys.argv[1]]; cli.main()\n")
    done = subprocess.run([sys.executable, "-c", program, str(MERTON)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == ["reportgen: error: internal fault RuntimeError: injected fault (please report this with the findings file)"]


# --- class 6: only regular files, never waited on ---------------------------------------------


@pytest.mark.slow  # four real processes
def test_issue9_devices_and_fifos_are_refused_without_hanging(tmp_path) -> None:
    zero = run("check", "/dev/zero", timeout=30)
    assert zero.returncode == 1 and one_problem(zero.stderr) == "/dev/zero: error: found a character device, not a file, expected a regular findings file"
    folder = tmp_path / "findings"
    folder.mkdir()
    shutil.copy(MERTON, folder / "merton.yml")
    os.mkfifo(folder / "pipe.yml")  # nobody ever writes to it: reading it would wait for ever
    alone = run("check", str(folder / "pipe.yml"), timeout=30)
    assert alone.returncode == 1 and "found a named pipe (FIFO), not a file" in alone.stderr
    batch = run("check", str(folder), timeout=30)
    assert batch.returncode == 1 and "1 of 2 valid" in batch.stderr and "Merton" in batch.stdout
    built = run("build", str(folder), "--format", "md", "--out", str(tmp_path / "out"), timeout=60)
    assert built.returncode == 1 and "1 of 2 built, 1 failed" in built.stderr
    assert (tmp_path / "out" / "merton" / "merton.md").is_file()


# --- class 8: outputs replaced whole; collisions; full disk ------------------------------------


def _old_set(out: Path) -> Path:
    folder = out / "merton"
    folder.mkdir(parents=True)
    for fmt in ("md", "html", "pdf", "docx"):
        (folder / f"merton.{fmt}").write_bytes(b"old " + fmt.encode())
    (folder / "editor-notes.txt").write_text("kept")
    return folder


def test_issue9_outputs_replace_the_set_written_and_keep_the_other_formats(tmp_path) -> None:
    """Issue 22 item 1: the set replaced as a whole is the set being written; other formats' files stay."""
    folder = _old_set(tmp_path)
    (folder / "manifest.json").write_text("{}")  # a final pack's: no longer true once md and html change
    written = write_report({"md": b"new md", "html": b"new html"}, tmp_path, "merton")
    assert [p.name for p in written] == ["merton.md", "merton.html"]
    assert sorted(p.name for p in folder.iterdir()) == ["editor-notes.txt", "merton.docx", "merton.html", "merton.md", "merton.pdf"]
    assert (folder / "merton.md").read_bytes() == b"new md" and (folder / "editor-notes.txt").read_text() == "kept"
    assert (folder / "merton.pdf").read_bytes() == b"old pdf" and (folder / "merton.docx").read_bytes() == b"old docx"
    assert (folder / "merton.md").stat().st_mode & 0o777 == 0o666 & ~write_module._umask()
    assert not leftovers(tmp_path)


def test_issue9_without_atomic_exchange_a_kill_between_renames_is_undone(tmp_path, monkeypatch) -> None:
    folder = _old_set(tmp_path)
    monkeypatch.setattr(write_module, "exchange", lambda a, b: False)  # a system without renameat2
    real_rename, calls = os.rename, []

    def killed_on_second_rename(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the process dies here, between the two renames
        return real_rename(src, dst)

    monkeypatch.setattr(write_module.os, "rename", killed_on_second_rename)
    with pytest.raises(KeyboardInterrupt):
        write_report({"md": b"new md", "html": b"new html"}, tmp_path, "merton")
    monkeypatch.setattr(write_module.os, "rename", real_rename)
    assert not folder.exists()  # the old set is aside, the new one never arrived
    recover(tmp_path)  # what the next run does first
    assert (folder / "merton.md").read_bytes() == b"old md" and (folder / "merton.html").read_bytes() == b"old html"
    assert not leftovers(tmp_path)
    write_report({"md": b"new md"}, tmp_path, "merton")  # and the two-rename path works end to end
    assert (folder / "merton.md").read_bytes() == b"new md" and not leftovers(tmp_path)


def test_issue9_full_disk_keeps_the_old_set_and_leaves_no_temporary_files(tmp_path) -> None:
    """A real process whose files may not grow past 100 kB (RLIMIT_FSIZE: the write fails as on a full disk)."""
    out = tmp_path / "out"
    _old_set(out)
    before = {p.name: p.read_bytes() for p in (out / "merton").iterdir()}

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    done = run("build", str(MERTON), "--format", "md,html", "--out", str(out), preexec_fn=small_disk)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    lines = [one_problem(done.stderr)]
    assert ONE_LINE.match(lines[0]) and "File too large" in lines[0], done.stderr
    assert {p.name: p.read_bytes() for p in (out / "merton").iterdir()} == before
    assert not leftovers(out)


@pytest.mark.parametrize("pair", [("merton.yml", "merton.yaml"), ("a/report.yml", "b/report.yml")])
def test_issue9_two_findings_files_for_one_output_folder_are_an_error(tmp_path, pair) -> None:
    for name in pair:
        (tmp_path / "src" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(MERTON, tmp_path / "src" / name)
    given = [str(tmp_path / "src")] if "/" not in pair[0] else [str(tmp_path / "src" / name) for name in pair]
    result = invoke("build", *given, "--format", "md", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert "0 of 2 built, 2 failed" in result.output and result.output.count("also used by") == 2
    assert not (tmp_path / "out" / Path(pair[0]).stem).exists()


# --- class 8: processes ---------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _start_build(out: Path) -> tuple[subprocess.Popen, int]:
    """A one-file build, which lays out its PDF in a worker process; returns it once the worker runs."""
    process = subprocess.Popen([str(REPORTGEN), "build", str(MERTON), "--out", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert _wait(lambda: _children(process.pid), 60), "the PDF worker never started"
    return process, _children(process.pid)[0]


def test_issue9_pdf_worker_dies_when_the_build_is_killed(tmp_path) -> None:
    process, worker = _start_build(tmp_path / "out")
    process.kill()  # SIGKILL: nothing in the parent runs
    process.wait(timeout=30)
    assert _wait(lambda: not _alive(worker), 20), "the PDF worker outlived its parent"


def test_issue9_sigterm_stops_a_build_like_ctrl_c(tmp_path) -> None:
    out = tmp_path / "out"
    _old_set(out)
    process, worker = _start_build(out)
    time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and "Traceback" not in stderr, stderr  # 128 + SIGINT: as Ctrl-C exits
    assert _wait(lambda: not _alive(worker), 20)
    contents = {p.name: p.read_bytes() for p in (out / "merton").iterdir() if p.name.startswith("merton.")}
    olds = {name for name, data in contents.items() if data.startswith(b"old ")}
    assert olds in (set(), set(contents)), contents.keys()  # all old or all new, never a mix
    assert not leftovers(out)
