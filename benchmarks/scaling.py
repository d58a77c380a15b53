"""Scaling cases (issue 9): time and peak memory at 1×, 4× and 16× of headings, table rows and
paragraphs, side by side, with their ratios. Each must grow no faster than its input.

`python -m benchmarks.scaling` (add `--pdf` to include WeasyPrint's layout, which is slow at 16×).
Every case runs in a fresh process (`--case NAME K`): wall time of the stages in-process, and
the exact peak RSS of that process (ru_maxrss from wait4). Memory is also shown above the
baseline of a process that only imports and prepares Merton (the `0×` case), since the
interpreter and libraries are a fixed cost.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path


PROJECT = Path(__file__).resolve().parent.parent
SCALES = (1, 4, 16)
UNITS = 250  # headings, rows or paragraphs at 1×
MB = 1024 * 1024


def document(kind: str, n: int) -> str:
    """Markdown with n of one thing, in the shapes a report uses."""
    if kind == "headings":
        return "\n\n".join(f"### Key question {i % 7}\n\nOne sentence under it." for i in range(n))
    if kind == "rows":
        rows = "\n".join(f"| Case {i} | {i % 40} | {i % 9} | Good |" for i in range(n))
        return f"Table: Cases\n\n| Case | Relevant | Yes | Rating |\n| --- | --: | --: | --- |\n{rows}\n"
    if kind == "paragraphs":
        return "\n\n".join(f"Paragraph {i}: staff *knew* the child well and worked with partners[^1]." for i in range(n)) + "\n\n[^1]: A note."
    raise ValueError(kind)


def run_case(kind: str, k: int, pdf: bool) -> dict:
    """In this process: parse and render `kind` at k× (k = 0: the fixed cost alone)."""
    from reportgen.build import prepare
    from reportgen.parse import parse
    from reportgen.render.docx import render_docx
    from reportgen.render.html import render_html
    from reportgen.render.markdown import render_markdown
    from reportgen.house import load_house
    from reportgen.validate import check_file

    house = load_house()
    stages = prepare(check_file(PROJECT / "findings" / "merton.yml", house), house)
    text = document(kind, UNITS * k) if k else ""
    seconds: dict[str, float] = {}
    clock = time.perf_counter()
    parsed = parse(text)
    seconds["parse"] = time.perf_counter() - clock
    for name, work in (("md", lambda: render_markdown(text, parsed)), ("html", lambda: render_html(parsed, stages.view, house)),
                       ("docx", lambda: render_docx(parsed, stages.view, house))):
        clock = time.perf_counter()
        result = work()
        seconds[name] = time.perf_counter() - clock
        if name == "html":
            html = result
    if pdf:
        from reportgen.render.pdf import render_pdf

        clock = time.perf_counter()
        render_pdf(html, house.printing)
        seconds["pdf"] = time.perf_counter() - clock
    return {"seconds": seconds, "total": sum(seconds.values()), "bytes": len(text)}


def measure(kinds: list[str], pdf: bool) -> dict:
    results: dict[str, dict[int, dict]] = {}
    for kind in ["baseline", *kinds]:
        for k in (0,) if kind == "baseline" else SCALES:
            command = [sys.executable, "-m", "benchmarks.scaling", "--case", kind if k else "paragraphs", str(k)] + (["--pdf"] if pdf else [])
            case = _run(command)
            results.setdefault(kind, {})[k] = case
            print(f"  {kind:<10} {k:>2}×  {case['total']:7.3f} s  {case['max_rss'] / MB:6.0f} MB", file=sys.stderr, flush=True)
    return results


def _run(command: list[str]) -> dict:
    """The case's JSON, plus the exact peak RSS of its process (ru_maxrss from wait4)."""
    process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, stderr = process.stdout.read(), process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr.decode(errors='replace')}")
    return {**json.loads(stdout), "max_rss": usage.ru_maxrss * 1024}


def report(results: dict) -> list[str]:
    base = results["baseline"][0]["max_rss"]
    header = ["case (1× = %d)" % UNITS] + [f"{k}× s" for k in SCALES] + ["time 16/1", "input 16/1"]
    header += [f"{k}× MB" for k in SCALES] + ["mem 16/1 above base", "verdict"]
    rows = [header]
    for kind, by_k in results.items():
        if kind == "baseline":
            continue
        times = [by_k[k]["total"] for k in SCALES]
        peaks = [by_k[k]["max_rss"] for k in SCALES]
        time_ratio = times[-1] / times[0] if times[0] else float("nan")
        mem_ratio = (peaks[-1] - base) / max(peaks[0] - base, MB)
        linear = time_ratio <= SCALES[-1] * 1.25 and mem_ratio <= SCALES[-1] * 1.25
        rows.append([kind, *(f"{t:.3f}" for t in times), f"{time_ratio:.1f}", f"{by_k[16]['bytes'] / by_k[1]['bytes']:.1f}",
                     *(f"{p / MB:.0f}" for p in peaks), f"{mem_ratio:.1f}", "linear" if linear else "FASTER THAN INPUT"])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [f"scaling (parse + md + html + docx{' + pdf' if 'pdf' in next(iter(results['paragraphs'].values()))['seconds'] else ''}; "
             f"baseline process {base / MB:.0f} MB)"]
    for n, row in enumerate(rows):
        lines.append("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("time 16/1 and mem 16/1 should be at most about 16 (the input grew 16-fold); 'linear' allows 25% noise")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", nargs=2, metavar=("KIND", "K"), help="run one case in this process and print JSON")
    parser.add_argument("--pdf", action="store_true", help="include the PDF layout")
    parser.add_argument("--kinds", default="headings,rows,paragraphs")
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case[0], int(args.case[1]), args.pdf)))
        return
    print("\n".join(report(measure(args.kinds.split(","), args.pdf))))


if __name__ == "__main__":
    main()
