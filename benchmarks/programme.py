"""Issue 26: a batch of synthetic reports — two workers against one, a rebuild with nothing changed,
the programme view, and peak memory against the number of reports. Printed, never asserted.

    python -m benchmarks.programme              # 200 reports (about 25 min on 2 quiet cores)
    python -m benchmarks.programme --quick      # 24 reports
    python -m benchmarks.programme --count 60 --json figures.json

Every build is a whole `reportgen` process (benchmarks/proc.py: wall and CPU time, the largest
process's exact peak memory and the tree's sampled sum). The synthetic findings come from
reportgen.programme.synthetic (seed 1), across every edition.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import proc
from .__main__ import fmt, load_average, reportgen_command, say, table

PROJECT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
TARGETS = {
    "speedup": ("--jobs 2 speed-up over --jobs 1", "≥ 1.8", lambda v: v >= 1.8),
    "nochange_ratio": ("no-change rebuild ÷ full build (--jobs 2)", "≤ 0.02", lambda v: v <= 0.02),
}


def measure(count: int, work: Path, small: int) -> dict:
    from reportgen.batches.shard import share
    from reportgen.programme.synthetic import shipped_editions, write

    rg = reportgen_command()
    findings = work / "findings"
    paths = write(findings, shipped_editions(), count, seed=1)
    few = work / "few"
    few.mkdir()
    for path in paths[:small]:
        shutil.copy(path, few / path.name)
    runs: dict[str, proc.Result] = {}

    def step(name: str, *args: str) -> None:
        say(f"  {name} …")
        runs[name] = proc.run([*rg, *args], cwd=PROJECT)
        say(f"  {name:<22} {runs[name].seconds:8.2f} s  cpu {runs[name].cpu:8.2f} s  max {runs[name].max_rss / MB:5.0f} MB"
            + (f"  sum {runs[name].sum_rss / MB:5.0f} MB" if runs[name].sum_rss else "")
            + (f"  others {runs[name].others:.2f}" if runs[name].others is not None else ""))

    step("build_j1", "build", str(findings), "--jobs", "1", "--out", str(work / "out-j1"), "-q")
    step("build_j2", "build", str(findings), "--jobs", "2", "--out", str(work / "out-j2"), "-q")
    step("rebuild_nochange", "build", str(findings), "--jobs", "2", "--out", str(work / "out-j2"), "-q")
    one = sorted(paths)[count // 2]
    with one.open("a", encoding="utf-8") as stream:
        stream.write("# edited\n")
    step("rebuild_one_changed", "build", str(findings), "--jobs", "2", "--out", str(work / "out-j2"), "-q")
    step(f"build_j2_{small}", "build", str(few), "--jobs", "2", "--out", str(work / "out-few"), "-q")
    step("programme", "programme", str(findings), "--out", str(work / "programme"))
    step("programme_no_pdf", "programme", str(findings), "--format", "html,data,sqlite", "--out", str(work / "programme-nopdf"))
    step(f"programme_{small}", "programme", str(few), "--out", str(work / "programme-few"))

    shares = [share(paths, k, 3) for k in (1, 2, 3)]
    grown = [*paths, findings / "zz-added.yml"]
    moved = sum(1 for k in (1, 2, 3) for p in share(grown, k, 3) if p in paths and p not in shares[k - 1])
    pages = sum(1 for _ in (work / "out-j2").glob("*/publish/*.pdf"))
    return {"runs": runs, "shares": [len(s) for s in shares], "moved_on_add": moved, "pdfs": pages}


def report(count: int, small: int, found: dict, env: dict) -> tuple[list[str], dict]:
    runs = found["runs"]
    seconds = {k: r.seconds for k, r in runs.items()}
    ratios = {
        "speedup": seconds["build_j1"] / seconds["build_j2"],
        "nochange_ratio": seconds["rebuild_nochange"] / seconds["build_j2"],
        "one_changed_ratio": seconds["rebuild_one_changed"] / seconds["build_j2"],
    }
    labels = {
        "build_j1": f"build {count} reports, --jobs 1",
        "build_j2": f"build {count} reports, --jobs 2",
        "rebuild_nochange": "the same again, nothing changed",
        "rebuild_one_changed": "again, one findings file changed",
        f"build_j2_{small}": f"build {small} reports, --jobs 2 (memory against size)",
        "programme": f"programme view of {count} (html, pdf, data, sqlite)",
        "programme_no_pdf": f"programme view of {count}, without the PDF",
        f"programme_{small}": f"programme view of {small} (all formats)",
    }
    rows = [["whole process", "seconds", "cpu s", "max MB", "sum MB", "others"]]
    for name, result in runs.items():
        rows.append([labels[name], fmt(result.seconds), fmt(result.cpu), fmt(result.max_rss / MB, 0),
                     fmt(result.sum_rss / MB if result.sum_rss else None, 0), fmt(result.others)])
    lines = [f"reportgen batch benchmark (issue 26): {count} synthetic reports (seed 1), {found['pdfs']} PDFs built; "
             f"{env['cpus']} CPUs; load {env['load_start']} at start, {env['load_end']} at end; {env['total']:.0f} s", ""]
    lines += table(rows, {1, 2, 3, 4, 5}) + [""]
    rows = [["target", "value", "goal", "result"]]
    for key, (label, goal, test) in TARGETS.items():
        rows.append([label, fmt(ratios[key], 3), goal, "PASS" if test(ratios[key]) else "MISS"])
    lines += table(rows, {1}) + [
        f"one findings file changed, rebuild ÷ full build (--jobs 2): {ratios['one_changed_ratio']:.3f}",
        f"peak memory, largest process: {count} reports {runs['build_j2'].max_rss / MB:.0f} MB against {small} reports "
        f"{runs[f'build_j2_{small}'].max_rss / MB:.0f} MB (build); programme {runs['programme'].max_rss / MB:.0f} MB "
        f"against {runs[f'programme_{small}'].max_rss / MB:.0f} MB",
        f"shards 1/3, 2/3, 3/3: {found['shares']} files; adding one file moved {found['moved_on_add']} other(s) to another shard",
    ]
    return lines, ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.programme", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="synthetic reports (default 200)")
    parser.add_argument("--quick", action="store_true", help="24 reports")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    count = 24 if args.quick else args.count
    small = max(2, count // 10)
    env = {"cpus": os.cpu_count(), "load_start": load_average()}
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="reportgen-batch-bench-"))
    try:
        found = measure(count, work, small)
    finally:
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    env.update(load_end=load_average(), total=time.perf_counter() - started)
    lines, ratios = report(count, small, found, env)
    print("\n".join(lines))
    if args.json:
        figures = {"count": count, "small": small, "environment": env, "ratios": ratios,
                   "runs": {k: vars(r) for k, r in found["runs"].items()},
                   "shares": found["shares"], "moved_on_add": found["moved_on_add"]}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
