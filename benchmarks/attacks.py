"""Scaling cases for hostile inputs (issue 20): each must cost no more than its input, or be refused early.

`python -m benchmarks.attacks` (also at the end of `make bench`). Every case runs in a fresh
process (`--case NAME SIZE`), and the table prints, side by side, the seconds and the exact peak
memory at each size with the ratio of the largest to the smallest, and of the input sizes:

- `diff`: compare's and absorb's word diff of one paragraph of 100, 1,000 and 4,000 words with
  every word changed (worddiff.diff over the words, then the Word redline of that paragraph).
- `aliases`: `check` of Merton with one 19,000-character strength aliased 10, 100 and 1,000
  times (the last expands to 19 million characters: refused while the YAML is read).
- `long name`: `check` of Merton whose service name is one word of 50, 1,000 and 10,000 letters,
  and, where check accepts it, the PDF's layout (above MAX_WORD letters check refuses it).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
CASES = {"diff": (100, 1_000, 4_000), "aliases": (10, 100, 1_000), "long name": (50, 1_000, 10_000)}
UNITS = {"diff": "words", "aliases": "aliases", "long name": "letters"}


def paragraph(words: int, seed: int) -> str:
    generator = random.Random(seed)
    return " ".join("".join(generator.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(generator.randint(3, 9)))
                    for _ in range(words))


def run_diff(words: int) -> dict:
    from lxml import etree

    from reportgen.review.redline import Revisions, W, redline_paragraph
    from reportgen.review.worddiff import diff, words as tokens

    old, new = paragraph(words, 1), paragraph(words, 2)  # different seeds: every word changed
    clock = time.perf_counter()
    changes = diff(tokens(old), tokens(new))

    def p(text: str):
        return etree.fromstring(f'<w:p xmlns:w="{W}"><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>')

    redline_paragraph(p(old), p(new), Revisions("bench", "2024-01-01T00:00:00Z"))
    return {"seconds": time.perf_counter() - clock, "outcome": f"{len(changes)} change(s)", "input": len(old) + len(new)}


def merton_variant(edit) -> Path:
    import yaml

    data = yaml.safe_load((PROJECT / "findings" / "merton.yml").read_text(encoding="utf-8"))
    text = edit(data)
    folder = Path(tempfile.mkdtemp(prefix="reportgen-attack-"))
    path = folder / "merton.yml"
    path.write_text(text, encoding="utf-8")
    return path


def run_aliases(count: int) -> dict:
    import yaml

    big = paragraph(3_200, 3)[:19_000]

    def edit(data):
        data["domains"][0]["strengths"] = [f"ALIAS{i}" for i in range(count)]
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
        text = text.replace("- ALIAS0\n", f'- &big "{big}"\n', 1)
        for i in range(1, count):
            text = text.replace(f"- ALIAS{i}\n", "- *big\n", 1)
        return text

    return {**_check(merton_variant(edit), pdf=False), "input": count * len(big)}  # characters once expanded


def run_long_name(letters: int) -> dict:
    import yaml

    def edit(data):
        data["service"]["name"] = "Y" * letters
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100_000)

    return {**_check(merton_variant(edit), pdf=True), "input": letters}


def _check(path: Path, pdf: bool) -> dict:
    from reportgen.errors import ReportError
    from reportgen.house import load_house
    from reportgen.validate import check_file

    HOUSE = load_house()

    size = path.stat().st_size
    clock = time.perf_counter()
    try:
        checked = check_file(path, HOUSE)
    except ReportError as error:
        return {"seconds": time.perf_counter() - clock, "outcome": "refused: " + error.problems[0].found[:40], "input": size}
    outcome = "valid"
    if pdf:
        from reportgen.build import WRITERS, prepare

        pages = WRITERS["pdf"](prepare(checked, HOUSE))
        outcome = f"valid, PDF {len(pages) // 1024} KB"
    return {"seconds": time.perf_counter() - clock, "outcome": outcome, "input": size}


RUNNERS = {"diff": run_diff, "aliases": run_aliases, "long name": run_long_name}


def measure(names: list[str]) -> dict:
    results: dict[str, dict[int, dict]] = {}
    for name in names:
        for size in CASES[name]:
            command = [sys.executable, "-m", "benchmarks.attacks", "--case", name, str(size)]
            process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            stdout, stderr = process.communicate()
            if process.returncode:
                raise SystemExit(f"{' '.join(command)} failed:\n{stderr.decode(errors='replace')}")
            case = json.loads(stdout)
            results.setdefault(name, {})[size] = case
            print(f"  {name:<10} {size:>6}  {case['seconds']:8.3f} s  {case['max_rss'] / MB:6.0f} MB  {case['outcome']}",
                  file=sys.stderr, flush=True)
    return results


def report(results: dict) -> list[str]:
    lines = ["hostile inputs (issue 20): seconds and peak MB at each size, and largest ÷ smallest"]
    header = ["case", "sizes", "seconds", "peak MB", "time ratio", "input ratio", "memory ratio", "outcome at largest"]
    rows = [header]
    for name, by_size in results.items():
        sizes = sorted(by_size)
        first, last = by_size[sizes[0]], by_size[sizes[-1]]
        rows.append([name, " / ".join(f"{s:,}" for s in sizes) + f" {UNITS[name]}",
                     " / ".join(f"{by_size[s]['seconds']:.3f}" for s in sizes),
                     " / ".join(f"{by_size[s]['max_rss'] / MB:.0f}" for s in sizes),
                     f"{last['seconds'] / max(first['seconds'], 1e-4):.1f}", f"{last['input'] / first['input']:.1f}",
                     f"{last['max_rss'] / first['max_rss']:.2f}", last["outcome"]])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for n, row in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths)))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("a time ratio at or below the input ratio is linear or better; refused cases stop before the work")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", nargs=2, metavar=("NAME", "SIZE"), help="run one case in this process and print JSON")
    parser.add_argument("--cases", default=",".join(CASES))
    args = parser.parse_args()
    if args.case:
        import resource

        result = RUNNERS[args.case[0]](int(args.case[1]))
        result["max_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(json.dumps(result))
        return
    print("\n".join(report(measure(args.cases.split(",")))))


if __name__ == "__main__":
    main()
