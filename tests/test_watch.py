"""Issue 13: `reportgen watch` serves the report on 127.0.0.1, refreshes after a save, shows errors, stops on Ctrl-C.

A real process and a real HTTP client; every wait is bounded.
"""

from __future__ import annotations

import shutil
import urllib.request
from pathlib import Path

from .conftest import ROOT
from .watching import Watching


def test_watch_serves_refreshes_shows_errors_and_stops(tmp_path: Path) -> None:
    findings = tmp_path / "merton.yml"
    shutil.copy(ROOT / "findings" / "merton.yml", findings)
    original = findings.read_text(encoding="utf-8")
    watching = Watching(findings)
    try:
        assert watching.url.startswith("http://127.0.0.1:")
        page = watching.get()
        assert "Merton Youth Justice Service" in page and "Overall" in page
        assert 'new EventSource("/events")' in page and "<script src" not in page  # reload without external script
        with urllib.request.urlopen(watching.url + "events", timeout=30) as events:  # server-sent events
            assert events.headers["Content-Type"] == "text/event-stream"
            assert events.readline().decode() == f"data: {watching.version()}\n"

        before = watching.version()
        findings.write_text(original.replace("Merton YJS", "Merton YJS (edited while watching)", 1), encoding="utf-8")
        after, page = watching.wait_page(before, "edited while watching")
        assert "Overall rating" in page

        findings.write_text(original.replace("edition: youth-2018", "edition: [youth-2018", 1), encoding="utf-8")
        invalid, page = watching.wait_page(after, "merton.yml: 1 problem<")
        assert "merton.yml:" in page and ": error: " in page
        assert "Overall rating" not in page and "EventSource" in page  # the error page reloads itself too

        findings.write_text(original, encoding="utf-8")
        watching.wait_page(invalid, "Overall rating")
    finally:
        code = watching.stop()
    assert code == 0
    assert "Traceback" not in "\n".join(watching.lines)
    assert watching.lines[-1] == "stopped"
