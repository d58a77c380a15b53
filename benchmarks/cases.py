"""`python -m benchmarks.cases`: importing the largest case sample beside `check` of the same findings.

The Inspectorate's largest sample is 125 cases. The records here are 125 cases in each case sample
of youth-2021 (court and out-of-court disposals), every key question and prompt answered, written
into the workbook `reportgen cases template` makes; the findings are a scaffold of the edition
(`reportgen new`) with its TODOs filled. Each run times, as whole processes, `reportgen cases
import` (read the workbook, sum, rewrite the YAML, check it before and after) and `reportgen check`
on the imported findings, and prints the medians side by side with their ratio.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
from pathlib import Path

from . import proc

PROJECT = Path(__file__).resolve().parent.parent
CASES = 125
EDITION = "youth-2021"


def shipped():
    """The shipped house (editions, templates), as the commands read it."""
    from reportgen.house import Folders, load_house

    return load_house(Folders.given(environ={}))


def records(seed: int = 21) -> dict[str, list[list[str]]]:
    """125 cases per sample: each key question Yes (80%), No or N/A; its prompts answered where it applies."""
    from reportgen.cases.samples import samples

    pick = random.Random(seed)
    rows: dict[str, list[list[str]]] = {}
    for sample in samples(shipped().edition(EDITION)):
        table = []
        for index in range(CASES):
            row, parent = [f"B-{sample.id}-{index + 1:03d}"], "Yes"
            for column in sample.columns:
                if not column.is_prompt:
                    parent = pick.choices(["Yes", "No", "N/A"], weights=(8, 1, 1))[0] if index else "Yes"
                    row.append(parent)
                else:
                    row.append("N/A" if parent == "N/A" else pick.choices(["Yes", "No", "N/A"], weights=(7, 2, 1))[0])
            table.append(row)
        rows[sample.id] = table
    return rows


def findings(folder: Path) -> Path:
    """A youth-2021 scaffold with every TODO written and its counts ready to be replaced."""
    from reportgen.authoring.scaffold import scaffold

    house = shipped()
    text = scaffold("Benchmark Youth Justice Service", house.edition(EDITION), house)
    text = re.sub(r"  # TODO[^\n]*", "", text)
    text = re.sub(r"TODO ([^\n]*)", lambda m: "Written " + m.group(1).replace(":", " -"), text)
    path = folder / "benchmark.yml"
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    from reportgen.cases.samples import samples
    from reportgen.cases.workbook import template

    edition = shipped().edition(EDITION)
    script = Path(sys.executable).with_name("reportgen")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "reportgen"]
    with tempfile.TemporaryDirectory(prefix="bench-cases-") as work:
        folder = Path(work)
        workbook = folder / "cases.xlsx"
        workbook.write_bytes(template(samples(edition), "xlsx", records()))
        original = findings(folder).read_text(encoding="utf-8")
        size = workbook.stat().st_size
        imports, checks = [], []
        for _ in range(args.runs):
            target = folder / "benchmark.yml"
            target.write_text(original, encoding="utf-8")
            done = proc.run([*command, "cases", "import", str(workbook), str(target)], cwd=PROJECT)
            if done.returncode:
                raise SystemExit("cases import failed")
            imports.append(done)
            checked = proc.run([*command, "check", "--quiet", str(target)], cwd=PROJECT)
            if checked.returncode:
                raise SystemExit("check of the imported findings failed")
            checks.append(checked)
    columns = sum(len(s.columns) for s in samples(edition))
    imported = statistics.median(r.seconds for r in imports)
    checked_s = statistics.median(r.seconds for r in checks)
    busy = max((r.others or 0) for r in [*imports, *checks])
    print(f"{CASES} cases in each of {len(samples(edition))} samples of {EDITION}, {columns} questions "
          f"({CASES * columns:,} answers), workbook {size / 1024:.0f} kB; median of {args.runs} runs")
    print(f"  reportgen cases import   {imported:6.2f} s   (peak {max(r.max_rss for r in imports) / 2**20:.0f} MB)")
    print(f"  reportgen check          {checked_s:6.2f} s   (peak {max(r.max_rss for r in checks) / 2**20:.0f} MB)")
    print(f"  import ÷ check           {imported / checked_s:6.2f}")
    if busy > 0.2:
        print(f"  (the rest of the machine kept {busy:.1f} cores busy: figures disturbed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
