"""`python -m benchmarks`: reportgen against its floor (WeasyPrint) and a peer (pandoc), side by side.

Every run does every measurement once, in the same order, so drift in the machine's load
falls on all of them alike; the table shows the median (and the spread) over the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import attacks, proc, scaling, synthetic

PROJECT = Path(__file__).resolve().parent.parent
MERTON = Path("findings/merton.yml")
HAVERING = Path("findings/havering.yml")
SCALES = (1, 4, 16)
MB = 1024 * 1024

TARGETS = {  # key: (label, target text, test)
    "build_vs_weasyprint": ("full build ÷ WeasyPrint alone", "≤ 1.15", lambda v: v <= 1.15),
    "md_html_docx_vs_pandoc": ("(Markdown + HTML + Word) ÷ pandoc (Word + HTML)", "≤ 1.0", lambda v: v <= 1.0),
    "batch_speedup": ("batch speed-up with 2 workers", "≥ 1.7", lambda v: v >= 1.7),
    "scale_16_vs_1": ("time at 16× ÷ time at 1×", "≤ 17", lambda v: v <= 17),
    "check_seconds": ("reportgen check (s)", "≤ 0.4", lambda v: v <= 0.4),
    "peak_16_mb": ("peak memory at 16× (MB)", "< 400", lambda v: v < 400),
}


def reportgen_command() -> list[str]:
    script = Path(sys.executable).with_name("reportgen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reportgen"]


def pandoc_path() -> str | None:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except Exception:  # not installed: `pip install pypandoc-binary` (the `bench` extra)
        return None


def version(command: list[str]) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=60).stdout
        return out.strip().splitlines()[0] if out.strip() else "?"
    except Exception:
        return "?"


class Bench:
    def __init__(self, runs: int, batch_size: int, work: Path):
        self.runs, self.batch_size, self.work = runs, batch_size, work
        self.rg = reportgen_command()
        self.pandoc = pandoc_path()
        self.whole: dict[str, list[dict]] = {}  # name → samples {seconds, cpu, max_rss, sum_rss, others, ok}
        self.stages: list[dict] = []
        self.sizes: dict[str, dict] = {}
        self.commands: dict[str, list[str]] = {}
        self.pdfs: dict[str, Path] = {}  # command → the PDF it writes, whose pages are counted
        self.pages: dict[str, int | None] = {}

    # -- setup --------------------------------------------------------------

    def setup(self) -> None:
        say("setup: reference build of merton.yml, synthetic findings, batch folder")
        ref = self.work / "reference"
        result = proc.run([*self.rg, "build", str(MERTON), "--out", str(ref)], cwd=PROJECT)
        if result.returncode:
            raise SystemExit("reference build failed; nothing to compare")
        self.html = print_html(PROJECT / MERTON, ref / "merton" / "merton-print.html")
        self.md = ref / "merton" / "merton.md"

        folder = self.work / "synthetic"
        folder.mkdir()
        self.scaled: dict[int, Path] = {}
        for k in SCALES:
            path = synthetic.write(PROJECT / MERTON, k, folder)
            checked = subprocess.run([*self.rg, "check", str(path)], cwd=PROJECT, capture_output=True, text=True)
            warnings = [line for line in checked.stderr.splitlines() if line.strip()]
            self.sizes[f"x{k}"] = {"yaml_bytes": path.stat().st_size, "check_exit": checked.returncode, "check_lines": warnings[:5]}
            if checked.returncode:
                say(f"  ! synthetic {k}x fails `reportgen check`:", *warnings[:5])
            self.scaled[k] = path

        batch = self.work / "batch"
        batch.mkdir()
        for i in range(self.batch_size):
            source = (MERTON, HAVERING)[i % 2]
            shutil.copyfile(PROJECT / source, batch / f"report-{i + 1:02d}-{source.stem}.yml")
        self.batch = batch

        out = self.work / "out"
        weasy = "from weasyprint import HTML; import sys; HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])"
        weasy_ua = (
            "from weasyprint import HTML; import sys; HTML(filename=sys.argv[1]).write_pdf(sys.argv[2], "
            "pdf_variant='pdf/ua-1', pdf_identifier=b'0' * 32, uncompressed_pdf=False, custom_metadata=False)"
        )
        self.commands = {
            "build": [*self.rg, "build", str(MERTON), "--out", str(out / "build")],
            "check": [*self.rg, "check", str(MERTON)],
            "startup": [sys.executable, "-c", "import reportgen.cli, reportgen.build"],
            "build_pdf": [*self.rg, "build", str(MERTON), "--format", "pdf", "--out", str(out / "build-pdf")],
            "weasyprint": [sys.executable, "-c", weasy, str(self.html), str(out / "weasyprint.pdf")],
            "weasyprint_ua": [sys.executable, "-c", weasy_ua, str(self.html), str(out / "weasyprint-ua.pdf")],
        }
        self.pdfs = {
            "build": out / "build" / MERTON.stem / "publish" / f"{MERTON.stem}.pdf",
            "build_pdf": out / "build-pdf" / MERTON.stem / "publish" / f"{MERTON.stem}.pdf",
            "weasyprint": out / "weasyprint.pdf",
            "weasyprint_ua": out / "weasyprint-ua.pdf",
        }
        if self.pandoc:
            source = [self.pandoc, "-f", "commonmark_x+footnotes+pipe_tables", str(self.md)]
            self.commands["pandoc_docx"] = [*source, "-t", "docx", "-o", str(out / "pandoc.docx")]
            self.commands["pandoc_html"] = [*source, "-s", "-t", "html", "--metadata", "pagetitle=Merton", "-o", str(out / "pandoc.html")]
        for jobs in (1, 2):
            self.commands[f"batch_j{jobs}"] = [*self.rg, "build", str(batch), "--jobs", str(jobs), "--out", str(out / f"batch-j{jobs}")]
        for k, path in self.scaled.items():
            self.commands[f"scale_x{k}"] = [*self.rg, "build", str(path), "--out", str(out / "synthetic")]

    # -- one run ------------------------------------------------------------

    def run_once(self, number: int) -> None:
        out = self.work / "out"
        for name, command in self.commands.items():
            if name.startswith("batch_"):
                shutil.rmtree(out / name.replace("_", "-"), ignore_errors=True)
            result = proc.run(command, cwd=PROJECT)
            sample = {"seconds": result.seconds, "cpu": result.cpu, "max_rss": result.max_rss, "sum_rss": result.sum_rss,
                      "others": result.others, "ok": result.returncode == 0}
            self.whole.setdefault(name, []).append(sample)
            busy = "" if result.others is None else f"  others busy {result.others:.2f} cores"
            say(f"  run {number}: {name:<14} {result.seconds:7.2f} s  cpu {result.cpu:6.2f} s  {result.max_rss / MB:5.0f} MB{busy}")
            if name in self.pdfs:
                self.pages[name] = pdf_pages(self.pdfs[name])
            if name == "build":
                self.stage_run(number)

    def stage_run(self, number: int) -> None:
        done = subprocess.run([sys.executable, "-m", "benchmarks.stages", str(MERTON)], cwd=PROJECT, capture_output=True, text=True)
        try:
            self.stages.append(json.loads(done.stdout))
            say(f"  run {number}: {'stages':<14} {sum(self.stages[-1]['cold'].values()):7.2f} s in-process (cold)")
        except json.JSONDecodeError:
            say(f"  ! stages failed: {done.stderr.strip().splitlines()[-1:]}")

    def output_sizes(self) -> None:
        for k in SCALES:
            folder = self.work / "out" / "synthetic" / f"merton-x{k}"
            for suffix in ("md", "html", "pdf", "docx"):
                target = folder / f"merton-x{k}.{suffix}"
                self.sizes[f"x{k}"][f"{suffix}_bytes"] = target.stat().st_size if target.exists() else None

    # -- results ------------------------------------------------------------

    def median(self, name: str, field: str = "seconds") -> float | None:
        values = [s[field] for s in self.whole.get(name, []) if s["ok"] and s[field] is not None]
        return statistics.median(values) if values else None

    def stage(self, phase: str, name: str) -> float | None:
        values = [s[phase][name] for s in self.stages if name in s.get(phase, {})]
        return statistics.median(values) if values else None

    def ratios(self) -> dict[str, float | None]:
        def div(a, b):
            return a / b if a is not None and b else None

        def total(phase, names):
            parts = [self.stage(phase, n) for n in names]
            return sum(parts) if all(p is not None for p in parts) else None

        pandoc = None
        if self.median("pandoc_docx") is not None and self.median("pandoc_html") is not None:
            pandoc = self.median("pandoc_docx") + self.median("pandoc_html")
        mine = ("prepare", "md", "html", "docx")
        peak = self.median("scale_x16", "max_rss")
        return {
            "build_vs_weasyprint": div(self.median("build"), self.median("weasyprint")),
            "build_vs_weasyprint_ua": div(self.median("build"), self.median("weasyprint_ua")),
            "md_html_docx_vs_pandoc": div(total("cold", mine), pandoc),
            "md_html_docx_vs_pandoc_warm": div(total("warm", mine), pandoc),
            "batch_speedup": div(self.median("batch_j1"), self.median("batch_j2")),
            "scale_16_vs_1": div(self.median("scale_x16"), self.median("scale_x1")),
            "check_seconds": self.median("check"),
            "peak_16_mb": peak / MB if peak is not None else None,
        }


# ---------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------


def print_html(findings: Path, target: Path) -> Path:
    """The HTML the PDF stage lays out (no web-page furniture: downloads box, folded front
    matter, screen-only endnotes), so that WeasyPrint alone lays out the same pages as the build."""
    from reportgen.build import prepare
    from reportgen.house import load_house
    from reportgen.render.html import render_html
    from reportgen.validate import check_file

    house = load_house()
    stages = prepare(check_file(findings, house), house)
    target.write_text(render_html(stages.parsed, stages.view, house), encoding="utf-8")
    return target


def pdf_pages(path: Path) -> int | None:
    """Pages in a PDF the run wrote (the same layout must be timed on both sides of a ratio)."""
    try:
        from pypdf import PdfReader

        return len(PdfReader(path).pages)
    except Exception:  # pypdf missing (the `test` extra) or no file: the column shows '–'
        return None


def say(*lines: str) -> None:
    for line in lines:
        print(line, file=sys.stderr, flush=True)


def fmt(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def report(bench: Bench, env: dict, ratios: dict) -> list[str]:
    batch = bench.batch_size
    labels = {
        "build": "reportgen build merton.yml (md, html, pdf, docx)",
        "check": "reportgen check merton.yml",
        "startup": "  diagnostic: python -c 'import reportgen.cli, reportgen.build'",
        "build_pdf": "  diagnostic: reportgen build merton.yml --format pdf",
        "weasyprint": "WeasyPrint alone: reportgen's HTML → PDF (floor)",
        "weasyprint_ua": "  same, with reportgen's PDF options (pdf/ua-1)",
        "pandoc_docx": "pandoc: reportgen's Markdown → Word",
        "pandoc_html": "pandoc: reportgen's Markdown → standalone HTML",
        "batch_j1": f"batch of {batch} (merton+havering copies), --jobs 1",
        "batch_j2": f"batch of {batch} (merton+havering copies), --jobs 2",
    }
    for k in SCALES:
        size = bench.sizes.get(f"x{k}", {})
        md = size.get("md_bytes")
        labels[f"scale_x{k}"] = f"synthetic {k:>2}× build ({size.get('yaml_bytes', 0) / 1024:.0f} KB YAML" + (f", {md / 1024:.0f} KB md)" if md else ")")

    lines = [
        f"reportgen benchmark: medians of {bench.runs} run(s); {env['python']}, WeasyPrint {env['weasyprint']}, {env['pandoc']}",
        f"{env['cpus']} CPU(s) {env['cpu']}; load average {env['load_start']} at start, {env['load_end']} at end; "
        f"total {env['total_seconds']:.0f} s",
        "peak MB: 'max' = largest single process in the tree (exact: ru_maxrss from wait4, workers included);",
        "         'sum' = whole tree at once, as PSS (shared pages split), sampled every 0.1 s (a lower bound)",
        "",
    ]
    rows = [["whole process", "median s", "min s", "max s", "cpu s", "max MB", "sum MB", "others", "pages", "ok"]]
    for name in bench.commands:
        samples = bench.whole.get(name, [])
        secs = [s["seconds"] for s in samples]
        rows.append([
            labels.get(name, name), fmt(bench.median(name)), fmt(min(secs) if secs else None), fmt(max(secs) if secs else None),
            fmt(bench.median(name, "cpu")),
            fmt((bench.median(name, "max_rss") or 0) / MB, 0), fmt(bench.median(name, "sum_rss") / MB if bench.median(name, "sum_rss") else None, 0),
            fmt(bench.median(name, "others")), str(bench.pages[name]) if bench.pages.get(name) else "",
            f"{sum(s['ok'] for s in samples)}/{len(samples)}",
        ])
    lines += table(rows, {1, 2, 3, 4, 5, 6, 7, 8, 9})
    others = [s["others"] for samples in bench.whole.values() for s in samples if s["others"] is not None]
    lines.append("cpu s = user+system time of the whole tree; others = cores kept busy by other processes meanwhile (median)")
    if others and statistics.median(others) > 0.2:
        lines.append(f"WARNING: other processes kept {statistics.median(others):.2f} cores busy (median) during the measurements;"
                     f" timings on this {env['cpus']}-CPU machine are inflated, the batch speed-up most of all")
    lines.append("")

    stage_names = [
        ("import", "import reportgen.build, .validate, .rate"),
        ("house", "read the house (load_house)"),
        ("check", "load + validate (check_file)"),
        ("rate", "rate (rate.rate)"),
        ("prepare", "view + compose + parse (prepare)"),
        ("md", "Markdown"),
        ("html", "HTML"),
        ("pdf", "PDF (HTML already made)"),
        ("docx", "Word"),
    ]
    rows = [["in-process stages, merton.yml", "cold s", "warm s"]]
    for key, label in stage_names:
        if key == "import":
            values = [s["import"] for s in bench.stages]
            rows.append([label, fmt(statistics.median(values) if values else None, 3), ""])
        else:
            rows.append([label, fmt(bench.stage("cold", key), 3), fmt(bench.stage("warm", key), 3)])
    for title, keys in (("sum of stages (house … Word)", ("house", "check", "rate", "prepare", "md", "html", "pdf", "docx")),
                        ("prepare + Markdown + HTML + Word", ("prepare", "md", "html", "docx"))):
        cold = [bench.stage("cold", k) for k in keys]
        warm = [bench.stage("warm", k) for k in keys]
        rows.append([title, fmt(sum(cold) if None not in cold else None, 3), fmt(sum(warm) if None not in warm else None, 3)])
    lines += ["cold = first call in a fresh process, as in one `reportgen build`; warm = second call in that process"]
    lines += table(rows, {1, 2}) + [""]

    rows = [["target", "value", "target", "result"]]
    for key, (label, target, test) in TARGETS.items():
        value = ratios.get(key)
        rows.append([label, fmt(value), target, "n/a" if value is None else ("PASS" if test(value) else "MISS")])
    lines += table(rows, {1}) + [
        f"(Markdown + HTML + Word) uses cold in-process stage times incl. view+compose+parse; warm: {fmt(ratios.get('md_html_docx_vs_pandoc_warm'))}",
        f"full build ÷ WeasyPrint alone with reportgen's PDF options (pdf/ua-1), for information: {fmt(ratios.get('build_vs_weasyprint_ua'))}",
    ]
    pages = {bench.pages.get("build"), bench.pages.get("weasyprint")}
    if len(pages) != 1:
        lines.append(f"! pages differ (build {bench.pages.get('build')}, WeasyPrint alone {bench.pages.get('weasyprint')}): "
                     "the two did not lay out the same HTML, so the first ratio means nothing")
    pairs = list(zip(bench.whole.get("batch_j1", []), bench.whole.get("batch_j2", [])))
    if pairs:
        lines.append("batch speed-up run by run (others' cores during --jobs 2): " + ", ".join(
            f"{one['seconds'] / two['seconds']:.2f} ({fmt(two['others'])})" for one, two in pairs))
    return lines


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=None, help="runs per measurement (default 5; 2 with --quick)")
    parser.add_argument("--quick", action="store_true", help="2 runs and a batch of 6 instead of 20")
    parser.add_argument("--json", type=Path, help="write every figure (samples, medians, ratios) here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder of inputs and outputs")
    args = parser.parse_args(argv)
    runs = max(1, args.runs if args.runs is not None else (2 if args.quick else 5))
    batch_size = 6 if args.quick else 20

    started = time.perf_counter()
    env = {
        "python": f"Python {platform.python_version()}",
        "weasyprint": version([sys.executable, "-c", "import weasyprint; print(weasyprint.__version__)"]),
        "pandoc": "pandoc n/a (pip install pypandoc-binary)",
        "cpus": os.cpu_count(),
        "cpu": platform.processor() or platform.machine(),
        "load_start": load_average(),
        "reportgen": " ".join(reportgen_command()),
        "PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", ""),
    }
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as stream:
            env["cpu"] = next((l.split(":", 1)[1].strip() for l in stream if l.startswith("model name")), env["cpu"])
    except OSError:
        pass
    work = Path(tempfile.mkdtemp(prefix="reportgen-bench-"))
    bench = Bench(runs, batch_size, work)
    if bench.pandoc:
        env["pandoc"] = version([bench.pandoc, "--version"])
    try:
        bench.setup()
        for number in range(1, runs + 1):
            say(f"run {number} of {runs}")
            bench.run_once(number)
        bench.output_sizes()
    except SystemExit as stop:
        say(f"benchmark stopped: {stop}")
    except Exception as error:  # a benchmark reports what it has; it does not fail
        say(f"benchmark stopped: {type(error).__name__}: {error}")
    finally:
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    env["load_end"] = load_average()
    env["total_seconds"] = time.perf_counter() - started
    ratios = bench.ratios()
    say("scaling cases: 1x, 4x, 16x of headings, table rows, paragraphs (each in a fresh process)")
    growth = scaling.measure(["headings", "rows", "paragraphs"], pdf=False)
    say("hostile inputs: diffs, aliases, long names (each in a fresh process)")
    hostile = attacks.measure(list(attacks.CASES))
    print("\n".join(report(bench, env, ratios) + [""] + scaling.report(growth) + [""] + attacks.report(hostile)))
    if args.json:
        figures = {
            "environment": env,
            "runs": runs,
            "batch_size": batch_size,
            "commands": {k: [str(p) for p in v] for k, v in bench.commands.items()},
            "whole_process": {
                name: {
                    "median_seconds": bench.median(name),
                    "median_max_rss_mb": (bench.median(name, "max_rss") or 0) / MB,
                    "median_sum_pss_mb": bench.median(name, "sum_rss") / MB if bench.median(name, "sum_rss") else None,
                    "pdf_pages": bench.pages.get(name),
                    "samples": samples,
                }
                for name, samples in bench.whole.items()
            },
            "stages": {
                "median_import": statistics.median([s["import"] for s in bench.stages]) if bench.stages else None,
                "median_cold": {k: bench.stage("cold", k) for k in (bench.stages[0]["cold"] if bench.stages else {})},
                "median_warm": {k: bench.stage("warm", k) for k in (bench.stages[0]["warm"] if bench.stages else {})},
                "samples": bench.stages,
            },
            "synthetic_sizes": bench.sizes,
            "scaling": growth,
            "hostile": hostile,
            "ratios": ratios,
            "targets": {
                key: {"label": label, "target": target, "value": ratios.get(key),
                      "result": None if ratios.get(key) is None else ("PASS" if test(ratios[key]) else "MISS")}
                for key, (label, target, test) in TARGETS.items()
            },
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        say(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
