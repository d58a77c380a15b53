"""Issue 20, class 5: no input makes a diff or a build grow faster than it does, and what would is refused at `check`.

The diff cases run `reportgen compare` in a real process under a timeout: the old word diff
(difflib, cubic) took 499 s on the paragraph below; speed itself is measured in
benchmarks/attacks.py, not asserted here — the timeout only stops a regression hanging CI.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow  # inputs sized to the limits: in `make test`, not the quick loop

REPORTGEN = Path(sys.executable).with_name("reportgen")
MERTON = (ROOT / "findings" / "merton.yml").read_text(encoding="utf-8")
BACKGROUND = MERTON.split("background: |\n", 1)[1].split("\n", 1)[0]  # its first paragraph, one line


def words(count: int, seed: int, shortest: int = 3, longest: int = 8) -> str:
    generator = random.Random(seed)
    return " ".join("".join(generator.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(generator.randint(shortest, longest)))
                    for _ in range(count))


def merton(folder: Path, name: str, replace: tuple[str, str] | None = None) -> Path:
    text = MERTON if replace is None else MERTON.replace(*replace, 1)
    assert text != MERTON or replace is None
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run([str(REPORTGEN), *args], capture_output=True, text=True, timeout=timeout)


def test_compare_of_a_rewritten_paragraph_of_4800_words_finishes(tmp_path) -> None:
    """Every word of one paragraph of 4,800 short words (19,000 characters, under the paragraph limit)
    changed: one replacement, tracked, in seconds (the old diff took minutes from 1,200 words)."""
    (tmp_path / "a").mkdir()
    old = merton(tmp_path / "a", "merton.yml", (BACKGROUND, "  " + words(4_800, 1, 2, 4)[:19_000].strip()))
    new = merton(tmp_path, "merton.yml", (BACKGROUND, "  " + words(4_800, 2, 2, 4)[:19_000].strip()))
    done = run("compare", str(old), str(new), "--out", str(tmp_path / "out"), timeout=60)
    assert done.returncode == 0, done.stderr
    assert " tracked changes → " in done.stdout and (tmp_path / "out" / "merton-compare" / "merton-compare.docx").is_file()


def aliased(folder: Path, count: int) -> Path:
    """Merton whose first domain's strengths are one 19,000-character paragraph and `count` - 1 aliases of it."""
    big = words(3_200, 3)[:19_000].strip()
    lines = MERTON.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == "strengths:")
    indent = lines[start + 1][: len(lines[start + 1]) - len(lines[start + 1].lstrip())]
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(indent) or lines[i].strip() == "")
    items = [f'{indent}- &big "{big}"\n'] + [f"{indent}- *big\n"] * (count - 1)
    path = folder / "merton.yml"
    path.write_text("".join(lines[: start + 1] + items + lines[end:]), encoding="utf-8")
    return path


def test_aliases_that_expand_past_the_limit_are_refused_while_reading(tmp_path) -> None:
    """900 aliases of one 19,000-character strength: a 60 KB file that would print 17 million characters."""
    fine = run("check", str(aliased(tmp_path, 3)), timeout=60)
    assert fine.returncode == 0, fine.stderr  # aliases as such are allowed
    done = run("check", str(aliased(tmp_path, 900)), timeout=60)
    *lines, closing = done.stderr.splitlines()
    assert done.returncode == 1 and len(lines) == 1 and closing.startswith("1 problem in "), done.stderr
    assert "found more than 16,777,216 characters of text once '*' references are written out" in lines[0]
    assert lines[0].startswith(f"{tmp_path / 'merton.yml'}:")


@pytest.mark.parametrize("field, value, found", [
    ("name: Merton Youth Justice Service", "name: Merton " + "Y" * 1_000, "found a word of 1,000 characters"),
    ("short_name: Merton YJS", "short_name: " + "Y" * 51, "found a word of 51 characters"),
    ("area: Merton", "area: " + "Merton " * 20, "found an area name of 139 bytes as a file name"),
], ids=["service-name", "short-name", "area"])
def test_names_that_print_unbreakable_or_name_files_are_limited_at_check(tmp_path, field, value, found) -> None:
    assert field in MERTON
    path = merton(tmp_path, "merton.yml", (field, value))
    done = run("check", str(path), timeout=60)
    *lines, closing = done.stderr.splitlines()
    assert done.returncode == 1 and len(lines) == 1 and found in lines[0] and closing.startswith("1 problem in "), done.stderr
    line = MERTON[: MERTON.index(field)].count("\n") + 1
    assert lines[0].startswith(f"{path}:{line}:")
