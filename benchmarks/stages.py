"""Time reportgen's stages in-process, in a fresh interpreter: `python -m benchmarks.stages FILE`.

Prints one JSON object: {"import": s, "cold": {stage: s}, "warm": {stage: s}}.
"cold" is the first pass in this process, as in one `reportgen build` (lazy imports of
WeasyPrint and python-docx, the edition's first load, template compilation are included);
"warm" is a second pass in the same process, as a batch worker sees from its second file on.
Each writer gets freshly prepared stages, except PDF, which is timed on the stages whose
HTML was just made (HTML is cached on the stages), so it counts WeasyPrint's share only.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def one_pass(path: Path) -> dict[str, float]:
    from reportgen.build import WRITERS, prepare
    from reportgen.house import load_house
    from reportgen.rate import rate
    from reportgen.validate import check_file

    times: dict[str, float] = {}

    def timed(name: str, call):
        started = time.perf_counter()
        value = call()
        times[name] = time.perf_counter() - started
        return value

    house = timed("house", load_house)  # every command reads the house once, first
    checked = timed("check", lambda: check_file(path, house, display=str(path)))
    timed("rate", lambda: rate(checked.edition, checked.findings))
    stages = timed("prepare", lambda: prepare(checked, house))
    timed("md", lambda: WRITERS["md"](stages))
    stages = prepare(checked, house)
    timed("html", lambda: WRITERS["html"](stages))
    timed("pdf", lambda: WRITERS["pdf"](stages))
    stages = prepare(checked, house)
    timed("docx", lambda: WRITERS["docx"](stages))
    return times


def main() -> None:
    path = Path(sys.argv[1])
    started = time.perf_counter()
    import reportgen.build  # noqa: F401  (what `reportgen build` imports before any stage)
    import reportgen.rate  # noqa: F401
    import reportgen.validate  # noqa: F401

    imported = time.perf_counter() - started
    cold = one_pass(path)
    warm = one_pass(path)
    json.dump({"import": imported, "cold": cold, "warm": warm}, sys.stdout)


if __name__ == "__main__":
    main()
