"""Issues 13 and 23: `reportgen watch` serves the report on 127.0.0.1, refreshes after a save, lists what is
unfinished, shows a save's problems over the last good page where the reader was, answers links to formats it
does not build with how to build them, moves off a busy port — and adds none of it to an output file.

A real process and a real HTTP client; the panel and the overlay in headless Chromium; every wait is bounded.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest

from reportgen.house import Folders
from reportgen.authoring.watch import Preview

from .conftest import ROOT
from .watching import Watching

pytestmark = pytest.mark.slow  # a real preview server: in `make test`, not the quick loop

A11Y = ROOT / "tests" / "a11y"


def merton_with_a_todo(folder: Path) -> Path:
    """Merton with one unfinished text: check gives one TODO warning."""
    findings = folder / "merton.yml"
    text = (ROOT / "findings" / "merton.yml").read_text(encoding="utf-8")
    findings.write_text(text.replace("  lead_inspector: Mike Lane", "  lead_inspector: Mike Lane  # TODO check the spelling", 1),
                        encoding="utf-8")
    return findings


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
        assert 'id="reportgen-unfinished"' not in page  # nothing unfinished: no panel
        with urllib.request.urlopen(watching.url + "events", timeout=30) as events:  # server-sent events
            assert events.headers["Content-Type"] == "text/event-stream"
            assert events.readline().decode() == f"data: {watching.version()}\n"

        before = watching.version()
        findings.write_text(original.replace("Merton YJS", "Merton YJS (edited while watching)", 1), encoding="utf-8")
        after, page = watching.wait_page(before, "edited while watching")
        assert "Overall rating" in page

        findings.write_text(original.replace("edition: youth-2018", "edition: [youth-2018", 1), encoding="utf-8")
        invalid, page = watching.wait_page(after, 'id="reportgen-errors"')
        assert "merton.yml: 1 problem<" in page and "a &#39;[&#39; list that is not closed" in page
        assert "edited while watching" in page and "Overall rating" in page  # the last good page, beneath the problems
        assert "EventSource" in page  # the page with errors reloads itself too

        findings.write_text(original, encoding="utf-8")
        _, page = watching.wait_page(invalid, "Overall rating")
        assert 'id="reportgen-errors"' not in page and "edited while watching" not in page
    finally:
        code = watching.stop()
    assert code == 0
    assert "Traceback" not in "\n".join(watching.lines)
    assert watching.lines[-1] == "stopped"


def test_a_link_to_a_format_not_built_says_how_to_build_it(tmp_path: Path) -> None:
    findings = tmp_path / "merton.yml"
    shutil.copy(ROOT / "findings" / "merton.yml", findings)
    watching = Watching(findings)
    try:
        for link in ("merton.pdf", "merton.docx", "data/merton-tables.ods"):
            with pytest.raises(urllib.error.HTTPError) as answer:
                watching.get(link)
            assert answer.value.code == 404
            said = answer.value.read().decode("utf-8")
            assert f"{link} is not built by this preview" in said and f"reportgen build {findings}" in said
            assert f"reportgen watch --all {findings}" in said
    finally:
        watching.stop()


def test_with_all_a_built_format_is_served_from_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    findings = merton_with_a_todo(tmp_path)
    preview = Preview(findings, Folders.given(environ={}), out)
    (out / "merton" / "data").mkdir(parents=True)
    (out / "merton" / "merton.pdf").write_bytes(b"%PDF-1.7 as --all wrote it")
    (out / "merton" / "data" / "table-01.csv").write_text("a,b\n", encoding="utf-8")
    assert preview.other("/merton.pdf") == (200, b"%PDF-1.7 as --all wrote it", "application/pdf")
    assert preview.other("/data/table-01.csv")[:2] == (200, b"a,b\n")
    status, said, _ = preview.other("/merton.docx")  # not there yet
    assert status == 404 and b"every format is written after each save that builds" in said
    for outside in ("/../merton.yml", "/%2e%2e/merton.yml", "/data/../../merton.yml", "/%00", "/data%2f..%2f..%2fmerton.yml"):  # never a file outside its folder
        assert preview.other(outside)[0] == 404
    if preview.background:
        preview.background.shutdown()


def test_the_panel_and_the_overlay_are_the_previews_alone(tmp_path: Path, monkeypatch) -> None:
    """What the preview adds is never in an output file: after the panel and the overlay were served, `--all`
    writes every format (the PDF aside: a browser test's cost, and it is laid out from the same HTML writer)
    with no panel, no overlay, no reload script and none of their words."""
    import reportgen.authoring.watch

    monkeypatch.setattr(reportgen.authoring.watch, "ALL_FORMATS", ["md", "html", "docx", "data"])
    findings = merton_with_a_todo(tmp_path)
    good = findings.read_text(encoding="utf-8")
    said: list[str] = []
    preview = Preview(findings, Folders.given(environ={}), tmp_path / "out", said.append)
    assert preview.rebuild()
    served = preview.page.decode("utf-8")
    assert 'id="reportgen-unfinished"' in served and "TODO marker" in served and "check --final refuses them" in served
    findings.write_text(good.replace("    cases: 9\n", "    cases: nine\n", 1), encoding="utf-8")
    assert not preview.rebuild() and 'id="reportgen-errors"' in preview.page.decode("utf-8")
    findings.write_text(good, encoding="utf-8")
    assert preview.rebuild()
    preview.background.shutdown(wait=True)  # the --all builds the good saves asked for
    assert any(line.startswith("built all formats") for line in said), said
    written = {path: path.read_bytes() for path in (tmp_path / "out").rglob("*") if path.is_file()}
    assert {path.suffix for path in written} >= {".md", ".html", ".docx", ".csv", ".ods"}
    for path, content in written.items():
        parts = zipfile.ZipFile(path).namelist() if zipfile.is_zipfile(path) else [None]
        for part in parts:
            text = (zipfile.ZipFile(path).read(part) if part else content).decode("utf-8", "replace")
            for added in ("reportgen-unfinished", "reportgen-errors", "EventSource", "TODO marker", "check --final refuses"):
                assert added not in text, f"{path.name} {part or ''}: {added}"


def test_a_busy_port_moves_to_the_next_free_one_and_says_so(tmp_path: Path) -> None:
    findings = tmp_path / "merton.yml"
    shutil.copy(ROOT / "findings" / "merton.yml", findings)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        watching = Watching(findings, "--port", str(busy))
        try:
            assert f"port {busy} is busy: previewing on " in "\n".join(watching.lines)
            assert watching.url != f"http://127.0.0.1:{busy}/" and "Merton" in watching.get()
            assert watching.lines.index(next(l for l in watching.lines if "is busy" in l)) < \
                watching.lines.index(next(l for l in watching.lines if l.startswith("rebuilt:")))  # before any build
        finally:
            watching.stop()


@pytest.mark.browser
def test_the_panel_and_the_overlay_in_a_real_browser(tmp_path: Path) -> None:
    """Chromium reads the panel of what is unfinished; a save that cannot be built puts its problems over the
    page the reader was on, at the same place; the fix brings the report back there; the PDF link says how."""
    node = shutil.which("node")
    assert node, "node is not installed: run `make system-packages`"
    findings = merton_with_a_todo(tmp_path)
    fixed = tmp_path / "fixed.yml"
    shutil.copy(findings, fixed)
    broken = tmp_path / "broken.yml"
    broken.write_text(fixed.read_text(encoding="utf-8").replace("    cases: 9\n", "    cases: nine\n", 1), encoding="utf-8")
    watching = Watching(findings)
    try:
        done = subprocess.run([node, str(A11Y / "watch.mjs"), watching.url, str(findings), str(broken), str(fixed)],
                              capture_output=True, text=True, timeout=240, cwd=A11Y)
        assert done.returncode == 0, done.stderr
        seen = json.loads(done.stdout.splitlines()[-1])
    finally:
        watching.stop()
    panel = seen["panel"]
    assert panel["visible"] and "Unfinished: 1 thing to do in merton.yml" in panel["text"] and "TODO marker" in panel["text"]
    assert panel["box"]["x"] + panel["box"]["width"] <= 1280 and panel["box"]["y"] + panel["box"]["height"] <= 900  # on screen
    overlay = seen["overlay"]
    assert overlay["visible"] and seen["role"] == "alertdialog" and overlay["focused"] == "reportgen-errors"  # read out at once
    assert panel["axe"] == [] and overlay["axe"] == [] and seen["pdf"]["axe"] == []  # WCAG 2.2 AA, as axe-core checks it
    assert "merton.yml: 1 problem" in overlay["text"] and "domain 2, cases: found 'nine', expected a whole number" in overlay["text"]
    assert seen["beneath"]["heading"] == seen["heading"]  # the report is still there beneath the problems
    assert abs(seen["beneath"]["scrollY"] - seen["before"]) <= 2 and seen["before"] >= 2000  # where the reader was
    assert abs(seen["after"]["scrollY"] - seen["before"]) <= 2 and seen["after"]["panel"]["visible"]
    assert seen["pdf"]["status"] == 404 and "merton.pdf is not built by this preview" in seen["pdf"]["text"]
    assert f"reportgen watch --all {findings}" in seen["pdf"]["text"]
    assert seen["blocked"] == []
