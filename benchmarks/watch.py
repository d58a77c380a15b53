"""`python -m benchmarks.watch`: save → refreshed preview, median over 10 saves of Merton (target ≤ 1.0 s).

Starts `reportgen watch` on a copy of Merton, then ten times: changes one sentence, saves,
and times until the server has a newer build and the page has been fetched again — what
the browser does on the reload event. Writes benchmarks/watch.json.
"""

from __future__ import annotations

import json
import sys
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.watching import Watching  # the same driver the watch test uses

PROJECT = Path(__file__).resolve().parent.parent
TARGET = 1.0


def measure(saves: int = 10) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        findings = Path(folder) / "merton.yml"
        shutil.copy(PROJECT / "findings" / "merton.yml", findings)
        original = findings.read_text(encoding="utf-8")
        watching = Watching(findings)
        try:
            times = []
            for i in range(saves):
                before = watching.version()
                started = time.perf_counter()
                findings.write_text(original.replace("Merton YJS", f"Merton YJS (draft {i})", 1), encoding="utf-8")
                watching.wait_page(before, f"draft {i}")
                times.append(time.perf_counter() - started)
                time.sleep(0.3)  # an inspector does not save ten times a second
            return times
        finally:
            watching.stop()


def main() -> int:
    times = measure()
    median = statistics.median(times)
    result = {"save_to_refresh_median_s": round(median, 3), "saves": [round(t, 3) for t in times],
              "target_s": TARGET, "pass": median <= TARGET}
    (PROJECT / "benchmarks" / "watch.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"reportgen watch, Merton: save → refreshed page, median of {len(times)} saves {median:.3f} s "
          f"(target ≤ {TARGET} s: {'pass' if median <= TARGET else 'FAIL'}); every save: {', '.join(f'{t:.2f}' for t in times)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
