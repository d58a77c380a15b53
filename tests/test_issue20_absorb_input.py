"""Issue 20, classes 3 and 8 (absorb's inputs): both arguments read as `check` reads findings — only a
regular file of a bounded size — and a .docx opened within limits; a damaged or doctored package,
or a paragraph longer than any findings text, is one line before any work is done on it.

Real processes with timeouts: a FIFO would block the old `read_bytes()` for ever.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # real processes and hostile files: in `make test`, not the quick loop

REPORTGEN = Path(sys.executable).with_name("reportgen")
DOCUMENT = "word/document.xml"


def absorb(edited: Path | str, findings: Path, *options: str, timeout: float = 60) -> tuple[int, list[str]]:
    done = subprocess.run([str(REPORTGEN), "absorb", str(edited), str(findings), *options], capture_output=True, text=True, timeout=timeout)
    assert "Traceback" not in done.stderr and "internal fault" not in done.stderr, done.stderr
    return done.returncode, done.stderr.splitlines()


@pytest.fixture
def copies(drafted, tmp_path) -> tuple[Path, Path, bytes]:
    """(findings, edited .docx path, the draft's bytes) in a fresh folder."""
    path, draft = drafted
    findings = tmp_path / "merton.yml"
    shutil.copy(path, findings)
    return findings, tmp_path / "edited.docx", draft


def rebuilt(draft: bytes, change=None, extra: list[tuple[str, bytes]] = ()) -> bytes:
    """The package again, `change(name, data)` applied to each part, `extra` entries added at the end."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(draft)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, change(info.filename, data) if change else data)
        for name, data in extra:
            target.writestr(name, data)
    return out.getvalue()


def test_a_fifo_or_a_device_as_either_argument_is_refused_without_waiting(copies) -> None:
    findings, edited, draft = copies
    os.mkfifo(edited)  # nobody writes to it
    code, lines = absorb(edited, findings, timeout=30)
    assert code == 1 and lines == [f"{edited}: error: found a named pipe (FIFO), not a file, expected a regular Word .docx"]
    code, lines = absorb("/dev/zero", findings, timeout=30)  # read whole, it never ends
    assert code == 1 and lines == ["/dev/zero: error: found a character device, not a file, expected a regular Word .docx"]
    edited.unlink()
    edited.write_bytes(draft)
    text = findings.read_bytes()
    findings.unlink()
    os.mkfifo(findings)  # the draft names merton.yml: this is it, as a FIFO
    code, lines = absorb(edited, findings, timeout=30)
    assert code == 1 and lines == [f"{findings}: error: found a named pipe (FIFO), not a file, expected a regular findings file"]
    findings.unlink()
    findings.write_bytes(text)


def test_a_zip_bomb_is_refused_by_its_declared_size_before_it_is_inflated(copies) -> None:
    findings, edited, draft = copies
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(draft)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != DOCUMENT:
                target.writestr(info.filename, source.read(info.filename))
                continue
            with target.open(DOCUMENT, "w", force_zip64=True) as stream:  # 300 MB of zeros: a 300 KB entry
                chunk = b"\0" * (1024 * 1024)
                for _ in range(300):
                    stream.write(chunk)
    edited.write_bytes(out.getvalue())
    assert edited.stat().st_size < 2_000_000
    code, lines = absorb(edited, findings)
    assert code == 1 and len(lines) == 1, lines
    assert lines[0] == (f"{edited}: error: found word/document.xml inflating to 314,572,800 bytes (a zip bomb?), "
                        "expected a Word .docx whose parts inflate to at most 33,554,432 bytes")


@pytest.mark.parametrize("damage, found", [
    ("duplicate", f"a package holding '{DOCUMENT}' twice"),
    ("zlib", "a damaged .docx"),
    ("entity", f"a .docx whose {DOCUMENT} declares a DTD"),
])
@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_a_doctored_or_damaged_package_is_one_line(copies, damage, found) -> None:
    findings, edited, draft = copies
    if damage == "duplicate":  # which copy a reader takes differs: refused
        with zipfile.ZipFile(io.BytesIO(draft)) as source:
            first = source.read(DOCUMENT)
        data = rebuilt(draft, extra=[(DOCUMENT, first.replace(b"multidisciplinary", b"multi-disciplinary"))])
    elif damage == "zlib":  # the compressed bytes of document.xml garbled, its sizes intact
        data = bytearray(rebuilt(draft))
        with zipfile.ZipFile(io.BytesIO(bytes(data))) as package:
            info = package.getinfo(DOCUMENT)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        data[start + 100:start + 400] = bytes(300)
        data = bytes(data)
    else:  # an entity a reader that resolved it would expand, and one that did not would drop with the text after it
        data = rebuilt(draft, lambda name, blob: blob.replace(b"<w:document ", b'<!DOCTYPE w:document [<!ENTITY x "x">]><w:document ', 1)
                       .replace(b"multidisciplinary", b"multi&x;disciplinary") if name == DOCUMENT else blob)
    edited.write_bytes(data)
    code, lines = absorb(edited, findings)
    assert code == 1 and len(lines) == 1 and lines[0].startswith(f"{edited}: error: found {found}"), lines


def test_a_paragraph_longer_than_any_findings_text_is_refused_before_any_work(copies) -> None:
    """A million characters typed into one paragraph: the old absorb ran for minutes before check refused it."""
    findings, edited, draft = copies
    long = b"word " * 200_000
    edited.write_bytes(rebuilt(draft, lambda name, blob: blob.replace(b"multidisciplinary", long, 1) if name == DOCUMENT else blob))
    code, lines = absorb(edited, findings, timeout=30)
    assert code == 1 and len(lines) == 1, lines
    assert lines[0].startswith(f"{edited}: error: found a paragraph of 1,0"), lines
    assert lines[0].endswith("expected paragraphs of at most 100,000 characters, as in findings"), lines


# --- class 4 and 8: what absorb writes -------------------------------------------------------------


def test_absorb_through_a_symbolic_link_writes_the_file_it_points_at(copies, tmp_path) -> None:
    from .test_absorb import edited_in_python_docx

    findings, edited, draft = copies
    real = tmp_path / "real" / "merton.yml"
    real.parent.mkdir()
    shutil.move(findings, real)
    os.symlink(real, findings)
    edited.write_bytes(edited_in_python_docx(draft))
    code, lines = absorb(edited, findings, "--partial")  # its table edit is not absorbed
    assert code == 0, lines
    assert findings.is_symlink() and os.readlink(findings) == str(real)  # the link stays a link
    assert "multi-disciplinary" in real.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.rglob("*.tmp")]


class Inotify:
    """The moment a file is closed after reading (IN_CLOSE_NOWRITE), from the kernel (Linux)."""

    def __init__(self, path: Path):
        import ctypes

        self.libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self.libc.inotify_init1(os.O_CLOEXEC)
        assert self.fd >= 0
        assert self.libc.inotify_add_watch(self.fd, os.fsencode(path), 0x10) >= 0  # IN_CLOSE_NOWRITE

    def wait(self, timeout: float) -> bool:
        import select

        readable, _, _ = select.select([self.fd], [], [], timeout)
        return bool(readable)

    def close(self) -> None:
        os.close(self.fd)


def test_a_save_made_while_absorb_runs_is_not_overwritten(copies) -> None:
    """The editor saves the YAML after absorb read it and while it rebuilds the draft (seconds): the
    old absorb replaced the file with its own result, and the save was lost."""
    from .test_absorb import edited_in_python_docx

    findings, edited, draft = copies
    edited.write_bytes(edited_in_python_docx(draft))
    saved = findings.read_text(encoding="utf-8").replace("Merton YJS", "Merton YJS (saved meanwhile)", 1)
    watch = Inotify(findings)
    try:
        process = subprocess.Popen([str(REPORTGEN), "absorb", str(edited), str(findings), "--partial"], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        assert watch.wait(60), "absorb never read the findings"
        staged = findings.with_name("save.tmp")  # an editor's save: a new file renamed over the old
        staged.write_text(saved, encoding="utf-8")
        os.replace(staged, findings)
        stdout, stderr = process.communicate(timeout=90)
    finally:
        watch.close()
    assert process.returncode == 1, (stdout, stderr)
    assert stderr.splitlines()[-1] == (f"{findings}: error: found the file changed while absorb ran (saved meanwhile?), "
                                       "expected the file as absorb read it; nothing was written: run absorb again")
    assert findings.read_text(encoding="utf-8") == saved
