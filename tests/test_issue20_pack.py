"""Issue 20, classes 3, 4, 7 and 8 (the pack): `verify` reports everything the manifest does not list and
never follows a link or waits on a special file; one command never removes another command's outputs.

Every case runs `reportgen` in a real process with a timeout, since the faults are about files and
processes: a FIFO that would block a read, /dev/zero that never ends, a symbolic link to `/`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow  # full packs built and verified: in `make test`, not the quick loop

REPORTGEN = Path(sys.executable).with_name("reportgen")


def reportgen(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([str(REPORTGEN), *args], capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def built_pack(tmp_path_factory) -> Path:
    """A final pack of Havering (Markdown and data: no PDF is needed to test the pack)."""
    out = tmp_path_factory.mktemp("pack")
    done = reportgen("build", "--final", str(ROOT / "findings" / "havering.yml"), "--out", str(out), "--format", "md,data")
    assert done.returncode == 0, done.stderr
    return out / "havering"


@pytest.fixture
def pack(built_pack, tmp_path) -> Path:
    copy = tmp_path / "havering"
    shutil.copytree(built_pack, copy, symlinks=True)
    return copy


def verify(pack: Path) -> tuple[int, list[str]]:
    done = reportgen("verify", str(pack), timeout=30)
    assert "Traceback" not in done.stderr and "internal fault" not in done.stderr, done.stderr
    return done.returncode, done.stderr.splitlines()


def test_verify_reports_every_entry_the_manifest_does_not_list_and_follows_no_link(pack, tmp_path) -> None:
    os.symlink("/", pack / "publish" / "data" / "root")  # rglob skipped it: an uploader following links publishes /
    os.symlink("havering.md", pack / "alias.md")
    (pack / "drafts" / "old").mkdir(parents=True)
    os.mkfifo(pack / "publish" / "data" / "pipe")
    code, lines = verify(pack)
    assert code == 1
    assert f"{pack / 'publish' / 'data' / 'root'}: error: a symbolic link to '/', not in the manifest" in "\n".join(lines)
    assert any(line.startswith(f"{pack / 'alias.md'}: error: a symbolic link to 'havering.md'") for line in lines), lines
    assert f"{pack / 'drafts'}: error: a folder not in the manifest: added after the build" in lines
    assert f"{pack / 'drafts' / 'old'}: error: a folder not in the manifest: added after the build" in lines
    assert f"{pack / 'publish' / 'data' / 'pipe'}: error: a named pipe (FIFO), not in the manifest" in lines
    assert len(lines) == 5, lines


def test_a_listed_file_replaced_by_a_link_a_fifo_or_a_huge_file_is_reported_without_reading_it(pack) -> None:
    listed = sorted((pack / "publish" / "data").glob("havering-*.csv"))
    listed[0].unlink()
    os.symlink("/etc/passwd", listed[0])  # a link where a file was: never followed
    listed[1].unlink()
    os.mkfifo(listed[1])  # read_bytes() would wait for a writer for ever
    with open(listed[2], "r+b") as stream:
        stream.truncate(3 * 1024**3)  # 3 GB (sparse): the size differs, so nothing is read
    code, lines = verify(pack)
    assert code == 1
    assert any(line.startswith(f"{listed[0]}: error: found a symbolic link") for line in lines), lines
    assert any(line.startswith(f"{listed[1]}: error: found a named pipe (FIFO), not a file") for line in lines), lines
    assert any(line.startswith(f"{listed[2]}: error: size 3,221,225,472 bytes, the manifest says ") for line in lines), lines
    assert len(lines) == 3, lines


def test_a_link_on_the_way_to_a_listed_file_is_not_followed(pack, tmp_path) -> None:
    """data/ moved elsewhere and linked back: every file would hash right, but the pack holds a link."""
    shutil.move(pack / "publish" / "data", tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", pack / "publish" / "data")
    code, lines = verify(pack)
    assert code == 1
    assert any(line.startswith(f"{pack / 'publish' / 'data'}: error: a symbolic link to") for line in lines), lines
    assert any("a path through 'data', which is not a folder (a link is never followed)" in line for line in lines), lines


@pytest.mark.parametrize("manifest", ["fifo", "dev-zero", "link", "1e400", "nul", "deep", "not-json", "huge-int"])
def test_a_manifest_that_is_not_one_is_one_line(pack, manifest) -> None:
    path = pack / "manifest.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    path.unlink()
    if manifest == "fifo":
        os.mkfifo(path)
    elif manifest == "dev-zero":
        os.symlink("/dev/zero", path)
    elif manifest == "link":
        os.symlink(pack / "havering.md", path)
    elif manifest == "deep":
        path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    elif manifest == "not-json":
        path.write_bytes(b"\xff\xfe not JSON")
    else:
        first = document["files"][0]
        if manifest == "1e400":
            first["size"] = "SIZE"
        elif manifest == "nul":
            first["path"] = "data/\u0000.csv"
        else:
            first["size"] = "HUGE"
        text = json.dumps(document).replace('"SIZE"', "1e400").replace('"HUGE"', "9" * 5_000)
        path.write_text(text, encoding="utf-8")
    code, lines = verify(pack)
    assert code == 1 and len(lines) >= 1, lines
    assert lines[0].startswith(str(path)) or lines[0].startswith(str(pack / "data")), lines
    if manifest == "nul":
        assert lines[0] == f"{pack}/data/\\x00.csv: error: listed outside the pack: refused", lines
    else:
        assert len(lines) == 1, lines


def test_a_draft_or_a_compare_into_the_pack_folder_never_touches_the_pack(built_pack, tmp_path) -> None:
    """The draft used to delete data/ and manifest.json (then wrote its own numbers into data/); then wrote
    beside the pack, which no longer verified. Each now has a folder of its own beside the pack's."""
    out = tmp_path / "out"
    shutil.copytree(built_pack, out / "havering")
    pack = out / "havering"
    before = {p.relative_to(pack): (p.read_bytes(), p.stat().st_ino) for p in pack.rglob("*") if p.is_file()}
    havering = ROOT / "findings" / "havering.yml"
    draft = reportgen("build", "--draft", str(havering), "--out", str(out), "--format", "md,data")
    assert draft.returncode == 0, draft.stderr
    compared = reportgen("compare", str(havering), str(havering), "--out", str(out))
    assert compared.returncode == 0, compared.stderr
    after = {p.relative_to(pack): (p.read_bytes(), p.stat().st_ino) for p in pack.rglob("*") if p.is_file()}
    assert after == before  # not a byte, not a file more: the pack is as the final build left it
    assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == {"havering", "havering-draft", "havering-compare"}
    assert {p.relative_to(out / "havering-draft").as_posix() for p in (out / "havering-draft").iterdir()} == {"havering-draft.md", "data"}
    assert {p.name for p in (out / "havering-compare").iterdir()} == {"havering-compare.docx", "havering-compare.html"}
    assert verify(pack) == (0, [])
    again = reportgen("build", "--draft", str(havering), "--out", str(out), "--format", "md")  # a draft replaces only the formats it writes
    assert again.returncode == 0 and (out / "havering-draft" / "data").is_dir() and (pack / "publish" / "data" / "csv-metadata.json").is_file()
    assert (out / "havering-compare" / "havering-compare.docx").is_file() and verify(pack) == (0, [])
