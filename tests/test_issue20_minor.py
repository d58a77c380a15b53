"""Issue 20, class 8: the minor faults — no input reaches a traceback or an unclear line.

(Damaged and doctored .docx files, symlinked findings, entities, invisible characters and links
typed in Word, and odd manifests are in test_issue20_absorb_input.py, test_issue20_absorb_text.py and
test_issue20_pack.py; U+FFFE written as an escape is refused with the other noncharacters, item 1.)
"""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from reportgen.render.data import neutralise

from .conftest import ROOT

pytestmark = pytest.mark.slow  # damaged and hostile packages, compares and files, each built or read whole: in `make test`, not the quick loop

REPORTGEN = Path(sys.executable).with_name("reportgen")
MERTON = (ROOT / "findings" / "merton.yml").read_text(encoding="utf-8")


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    done = subprocess.run([str(REPORTGEN), *args], capture_output=True, text=True, timeout=timeout)
    assert "Traceback" not in done.stderr and "internal fault" not in done.stderr, done.stderr
    return done


def problems(done: subprocess.CompletedProcess) -> list[str]:
    """The problem lines (a closing count may follow them)."""
    return [line for line in done.stderr.splitlines() if ": error: " in line]


@pytest.mark.parametrize("cell", ["＝1+1", "﹦1+1", "\u22121+1", "\u200b=1+1", "\ufeff=cmd|' /C calc'!A0", " =1+1",
                                  "＋1", "＠SUM(A1)", "－1"])
def test_look_alike_formula_starts_are_neutralised_in_the_data(cell) -> None:
    assert neutralise(cell) == "'" + cell


def test_plain_text_and_numbers_are_left_alone() -> None:
    assert neutralise("Good") == "Good" and neutralise("67%") == "67%" and neutralise("Ｇood") == "Ｇood"


def test_compare_refuses_two_different_reports_and_an_author_with_a_control_character(tmp_path) -> None:
    out = str(tmp_path / "out")
    merton, havering = ROOT / "findings" / "merton.yml", ROOT / "findings" / "havering.yml"
    different = run("compare", str(merton), str(havering), "--out", out)
    lines = problems(different)
    assert different.returncode == 1 and len(lines) == 1, different.stderr
    assert "compared with Merton" in lines[0] and "expected two versions of one report" in lines[0]
    assert "None" not in different.stdout + different.stderr
    author = run("compare", str(merton), str(merton), "--out", out, "--author", "A. Editor\x1b[31m")
    assert author.returncode == 2 and "--author" in author.stderr and "\x1b" not in author.stderr, author.stderr


def test_a_findings_file_named_dot_dot_yml_is_refused_and_leaves_nothing(tmp_path) -> None:
    path = tmp_path / "..yml"
    path.write_text(MERTON, encoding="utf-8")
    out = tmp_path / "out"
    for command in (["check", str(path)], ["build", str(path), "--out", str(out), "--format", "md"]):
        done = run(*command)
        lines = problems(done)
        assert done.returncode == 1 and len(lines) == 1 and "a file name whose outputs would be named '.'" in lines[0], lines
    assert not out.exists() or not any(out.iterdir())


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = zlib.compress(b"\0" * 16, 9)  # a token image stream: the header is what is checked
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


@pytest.mark.parametrize("name, data, found", [
    ("bomb.png", png(40_000, 40_000), "'bomb.png', 40,000 × 40,000 pixels"),
    ("huge.svg", b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1e9 1e9"/>', "'huge.svg', 1,000,000,000 × 1,000,000,000 units"),
    ("thin.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="10000" height="1"/>', "'thin.svg', 1e+04 × 1 units, a shape"),
    ("big.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 3_000_000, "'big.png', a file of 3,000,008 bytes"),
], ids=["png-bomb", "svg-huge", "svg-thin", "over-2-mb"])
def test_a_logo_of_extreme_size_is_one_line_before_rendering(tmp_path, name, data, found) -> None:
    brand = tmp_path / "brand"
    brand.mkdir()
    text = (ROOT / "templates" / "brand.yml").read_text(encoding="utf-8")
    (brand / "brand.yml").write_text(text.replace('logo: ""', f"logo: {name}") if 'logo: ""' in text else text + f"\nlogo: {name}\n",
                                     encoding="utf-8")
    (brand / name).write_bytes(data)
    done = run("build", str(ROOT / "findings" / "merton.yml"), "--out", str(tmp_path / "out"), "--format", "html",
               "--templates", str(brand))
    lines = problems(done)
    assert done.returncode == 1 and len(lines) == 1, done.stderr
    assert f"brand.yml:" in lines[0] and found in lines[0], lines[0]
    assert not (tmp_path / "out" / "merton").exists()
