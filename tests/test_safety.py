"""Issue 5: findings text is never run, nothing reaches out, nothing is lost, builds are reproducible."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from reportgen import build as build_module
from reportgen import write as write_module
from reportgen.build import DEFAULT_FORMATS, WRITERS, prepare
from reportgen.cli import app
from reportgen.errors import ReportError
from reportgen.render import pdf as pdf_module
from reportgen.render.pdf import FetchRefused, project_fetcher
from reportgen.validate import check_file
from reportgen.write import file_names, format_path

from . import readback
from .conftest import ROOT, Formats
from .variants import Variant

pytestmark = pytest.mark.slow  # full builds in real processes, one under an audit hook: in `make test`, not the quick loop

HOSTILE = (
    "Hostile text: <script>alert('x')</script> and <img src=\"http://example.com/track.png\"> "
    "and {{ 7*7 }} and {% raw %}raw{% endraw %} and [a link](javascript:alert(1)) end. "
    "Escaped backslash then a tag: \\\\<img src=x onerror=alert(2)>; code `a<b`; mail <someone@example.org>."
)


def merton_with(folder: Path, background: str) -> Path:
    return Variant("merton").set("background", background).write(folder)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, house) -> Formats:
    """Merton with hostile text, each format rendered when a test first asks for it."""
    return Formats(prepare(check_file(merton_with(tmp_path_factory.mktemp("hostile"), HOSTILE), house), house))


# --- text is never executed ---------------------------------------------------------


def test_markdown_output_is_inert_even_where_html_is_allowed(hostile) -> None:
    md = hostile["md"].decode()
    rendered = MarkdownIt("commonmark", {"html": True}).render(md)  # a publishing system that allows HTML
    soup = BeautifulSoup(rendered, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None
    assert "{{ 7*7 }}" in md and "{% raw %}raw{% endraw %}" in md


def test_issue9_an_escaped_backslash_does_not_unescape_a_tag(hostile) -> None:
    """`\\\\<img …>` is a backslash then a live tag in CommonMark: the .md must escape that `<` too."""
    md = hostile["md"].decode()
    tokens = MarkdownIt("commonmark", {"html": True}).parse(md)
    live = [c for t in tokens for c in (t.children or ()) if c.type == "html_inline"] + [t for t in tokens if t.type == "html_block"]
    assert live == []
    assert "onerror=alert(2)" in md


def test_issue9_code_spans_and_mail_autolinks_are_kept(hostile) -> None:
    """The .md's escaping leaves code spans as typed (`a<b`, not `a\\<b`) and e-mail autolinks live."""
    md = hostile["md"].decode()
    assert "`a<b`" in md and "<someone@example.org>" in md
    soup = BeautifulSoup(hostile["html"].decode(), "html.parser")
    assert "a<b" in [c.get_text() for c in soup.find_all("code")]
    assert soup.find("a", href="mailto:someone@example.org") is not None


def test_html_output_has_no_script_image_or_javascript_link(hostile) -> None:
    soup = BeautifulSoup(hostile["html"].decode(), "html.parser")
    scripts = soup.find_all("script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]  # data, never run
    assert json.loads(scripts[0].string)["@type"] == "Report"
    assert soup.find("img") is None
    assert not [a for a in soup.find_all("a") if a.get("href", "").lower().startswith("javascript")]
    text = soup.get_text()
    assert "<script>alert('x')</script>" in text  # shown as text
    assert "{{ 7*7 }}" in text and "{% raw %}raw{% endraw %}" in text and "49" not in text.split("Hostile")[1][:200]


@pytest.mark.slow  # the audited build below: a PDF and a Word report
def test_pdf_and_word_show_the_text_literally(audited) -> None:
    """The hostile text, as the audited build below wrote it (one layout of Merton serves both tests)."""
    out, _ = audited
    pdf = " ".join(readback.pdf_text((out / "merton" / "publish" / "merton.pdf").read_bytes()))
    assert "{{ 7*7 }}" in pdf and "<script>alert('x')</script>" in pdf
    docx = (out / "merton" / "merton.docx").read_bytes()
    document = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    assert "{{ 7*7 }}" in document and "&lt;script&gt;alert" in document
    assert "javascript:" not in zipfile.ZipFile(io.BytesIO(docx)).read("word/_rels/document.xml.rels").decode()


def test_markdown_image_is_refused_with_a_clear_message(tmp_path, house) -> None:
    path = merton_with(tmp_path, "See ![secrets](file:///etc/passwd) here.")
    with pytest.raises(ReportError) as caught:
        check_file(path, house)
    (problem,) = [p for p in caught.value.problems if p.severity == "error"]
    assert problem.field == "background" and "image" in problem.found and problem.line is not None


def test_raw_html_is_a_warning_not_silence(tmp_path, house) -> None:
    checked = check_file(merton_with(tmp_path, HOSTILE), house)
    assert any("HTML markup" in w.found and w.field == "background" for w in checked.warnings)


# --- nothing reaches out ---------------------------------------------------------------


@pytest.mark.parametrize("url", ["http://example.com/x.png", "https://example.com/", "file:///etc/passwd", "ftp://example.com/x"])
def test_pdf_fetcher_refuses_everything_outside_the_templates(url, house) -> None:
    with pytest.raises(FetchRefused):
        project_fetcher(house.printing).fetch(url)


def test_pdf_fetcher_serves_the_project_templates(house) -> None:
    response = project_fetcher(house.printing).fetch((ROOT / "templates" / "style" / "report.css").as_uri())
    assert b"House style" in response.read()
    response.close()


def test_pdf_fetcher_serves_a_houses_own_file_first_and_never_a_link_out(tmp_path) -> None:
    """A file under the shipped templates is taken from a --templates folder that has its own;
    a link in that folder to a file outside it is refused, as is a path that climbs out."""
    from reportgen.house import Folders, load_house

    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "draft-watermark.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'>ours</svg>")
    (tmp_path / "style" / "passwd.svg").symlink_to("/etc/passwd")
    printing = load_house(Folders.given(templates=[tmp_path], environ={})).printing
    shipped = ROOT / "templates" / "style"
    response = project_fetcher(printing).fetch((shipped / "draft-watermark.svg").as_uri())
    assert b"ours" in response.read()
    response.close()
    for url in ((shipped / "passwd.svg").as_uri(), (tmp_path / "style" / "passwd.svg").as_uri(),
                (shipped / ".." / ".." / "pyproject.toml").as_uri()):
        with pytest.raises(FetchRefused):
            project_fetcher(printing).fetch(url)


AUDITED_BUILD = """
import os, sys
from pathlib import Path
log = os.open(sys.argv[3], os.O_WRONLY | os.O_CREAT | os.O_APPEND)

def audit(event, args):
    # os.write raises no audit event, so the hook cannot recurse; forked workers inherit it
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        os.write(log, b"open " + os.fsencode(args[0]) + b"\\n")
    elif event.startswith("socket.") and event not in ("socket.__new__", "socket.sethostname"):
        os.write(log, b"network " + event.encode() + b"\\n")
        raise RuntimeError("rendering tried to use the network")

from reportgen.build import build_file
from reportgen.house import load_house
sys.addaudithook(audit)
build_file(Path(sys.argv[1]), Path(sys.argv[2]), load_house(), overlap=True)
"""


@pytest.fixture(scope="module")
def audited(tmp_path_factory) -> tuple[Path, Path]:
    """Merton with the hostile text built in every format in its own process under an audit hook:
    (output folder, audit log). Its own process because an audit hook, once added, can never be removed."""
    folder = tmp_path_factory.mktemp("audited")
    source = merton_with(folder, HOSTILE + " ![x](file:///etc/passwd)".replace("![x]", "[x]"))
    log = folder / "audit.log"
    done = subprocess.run([sys.executable, "-c", AUDITED_BUILD, str(source), str(folder / "out"), str(log)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return folder / "out", log


@pytest.mark.slow  # a full build in a real process
def test_build_opens_no_socket_and_reads_no_file_outside_the_project(audited) -> None:
    """Every file opened during a full build, in the main process and the PDF worker, is the
    project's, the interpreter's or the output's; no socket is used."""
    out, log = audited
    tmp_path = log.parent
    assert (out / "merton" / "publish" / "merton.pdf").is_file()
    events = log.read_text(encoding="utf-8", errors="replace").splitlines()
    assert not [e for e in events if e.startswith("network ")]
    opened = [e.removeprefix("open ") for e in events if e.startswith("open ")]
    assert any(p.endswith("report.css") for p in opened)  # the hook saw the house being read
    assert any("/weasyprint/" in p for p in opened)  # and the PDF worker (the only importer of WeasyPrint)
    # besides the project, the interpreter and the output: the system's temporary folder (the
    # standard library's scratch files) and its MIME table (read by WeasyPrint's URL fetcher)
    allowed = [str(ROOT), sys.prefix, sys.base_prefix, str(tmp_path), tempfile.gettempdir(), "/dev/", "/proc/", "/etc/mime.types"]
    outside = sorted({p for p in opened if not any(os.path.abspath(p).startswith(a) for a in allowed)})
    assert "/etc/passwd" not in opened
    assert outside == [], "\n".join(outside)


# --- nothing is lost -------------------------------------------------------------------


def _broken_pdf_layout(html: str, printing) -> bytes:
    raise RuntimeError("injected failure in the pdf stage")


def _broken_word_writer(stages) -> bytes:
    raise RuntimeError("injected failure in the docx stage")


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def havering_pack(tmp_path_factory) -> Path:
    """One full build of Havering, which each failed-stage case copies before breaking a stage."""
    out = tmp_path_factory.mktemp("pack") / "out"
    assert CliRunner().invoke(app, ["build", str(ROOT / "findings" / "havering.yml"), "--out", str(out)]).exit_code == 0
    return out


@pytest.mark.slow  # full builds
@pytest.mark.parametrize("stage", ["pdf", "docx"])
def test_failed_stage_leaves_earlier_outputs_untouched(havering_pack, tmp_path, monkeypatch, stage) -> None:
    out = tmp_path / "out"
    shutil.copytree(havering_pack, out, symlinks=True)
    source = ROOT / "findings" / "havering.yml"
    before = _snapshot(out / "havering")
    assert {name for name in before if not name.endswith(".csv") and "/data/" not in name} == {
        format_path(fmt, "havering", publish=True) for fmt in DEFAULT_FORMATS if fmt != "data"}
    assert "publish/data/csv-metadata.json" in before and "publish/data/havering-tables.ods" in before

    if stage == "pdf":  # the layout itself, which a one-file build runs in a second process
        monkeypatch.setattr(pdf_module, "render_pdf", _broken_pdf_layout)
    else:
        monkeypatch.setitem(build_module.WRITERS, stage, _broken_word_writer)
    result = CliRunner().invoke(app, ["build", str(source), "--out", str(out), "--force"])  # its inputs are unchanged
    assert result.exit_code == 1
    assert f"injected failure in the {stage} stage" in result.output
    assert "Traceback" not in result.output
    assert _snapshot(out / "havering") == before  # same files, same bytes, no temporary files left


def test_failed_write_leaves_no_temporary_files(tmp_path, monkeypatch) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "x.md").write_bytes(b"old")
    calls = {"n": 0}
    real_write = write_module._write_file

    def disk_fills(path, data):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        return real_write(path, data)

    monkeypatch.setattr(write_module, "_write_file", disk_fills)
    with pytest.raises(ReportError, match="No space left on device"):
        write_module.write_report({"md": b"a", "html": b"b"}, tmp_path, "x")
    assert sorted(p.name for p in tmp_path.rglob("*")) == [".reportgen-lock", "x", "x.md"]
    assert (tmp_path / "x" / "x.md").read_bytes() == b"old"


def test_batch_continues_past_a_bad_file_and_exits_non_zero(tmp_path) -> None:
    folder = tmp_path / "findings"
    folder.mkdir()
    shutil.copy(ROOT / "findings" / "havering.yml", folder / "havering.yml")
    (folder / "broken.yml").write_text("edition: youth-2018\nservice: [\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(folder), "--out", str(tmp_path / "out"), "--format", "md,html"])
    assert result.exit_code == 1
    assert "FAILED" in result.output and "broken.yml:" in result.output
    assert "1 of 2 built, 1 failed" in result.output
    assert (tmp_path / "out" / "havering" / "publish" / "havering.html").exists()
    assert not (tmp_path / "out" / "broken").exists()


# --- reproducible ------------------------------------------------------------------------


def _build_in(folder: Path, env_extra: dict[str, str] | None = None, faketime: str | None = None,
              source: Path = ROOT / "findings" / "havering.yml") -> dict[str, bytes]:
    """Every file of `source`'s pack, built by the CLI in its own process in `folder`."""
    folder.mkdir(parents=True)
    shutil.copy(source, folder / source.name)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | (env_extra or {})
    command = [sys.executable, "-m", "reportgen.cli", "build", source.name, "--out", "out"]
    if faketime:
        command = ["faketime", faketime, *command]
    subprocess.run(command, cwd=folder, env=env, check=True, capture_output=True, timeout=300)
    built = folder / "out" / source.stem
    return {str(p.relative_to(built)): p.read_bytes() for p in sorted(built.rglob("*")) if p.is_file()}


@pytest.mark.slow  # a full build in a real process
def test_same_findings_give_identical_bytes_on_different_days_and_folders(built, tmp_path) -> None:
    """The CLI in another process, folder and year writes byte for byte what this run rendered (`built`,
    the suite's one rendering of Havering): every file of the pack."""
    elsewhere = _build_in(tmp_path / "elsewhere" / "b", faketime="2031-02-03 04:05:06")
    rendered = built["havering"]
    outputs = {fmt: rendered[fmt] for fmt in DEFAULT_FORMATS}
    # the page as a build writes it, after the PDF and the data, whose size and pages its download box states
    outputs["html"] = WRITERS["html"](dataclasses.replace(rendered.stages, made={"pdf": rendered["pdf"], "data": rendered["data"]}))
    assert re.search(rb"PDF</abbr>, [\d.]+ [KM]B, \d+ pages", outputs["html"])
    here = file_names(outputs, "havering", publish=True)
    assert {"havering.md", "publish/havering.html", "publish/havering.pdf", "havering.docx"} <= set(here)
    assert any(name.startswith("publish/data/") and name.endswith(".ods") for name in here)
    assert set(elsewhere) == set(here)
    for name in here:
        assert elsewhere[name] == here[name], name


@pytest.mark.slow  # a full build in a real process
def test_source_date_epoch_sets_the_modification_date(tmp_path) -> None:
    """The shipped example (a third of Havering's pages: the dates are the point, not the layout)."""
    epoch = "1700000000"  # 2023-11-14 22:13:20 UTC
    stamped = _build_in(tmp_path / "a", {"SOURCE_DATE_EPOCH": epoch}, source=ROOT / "findings" / "examples" / "youth-2018-example.yml")
    assert readback.pdf_moddate(stamped["publish/youth-2018-example.pdf"]).startswith("D:20231114221320")
    packages = ["youth-2018-example.docx", *(name for name in stamped if name.startswith("publish/data/") and name.endswith(".ods"))]
    assert len(packages) == 2
    for package in packages:
        entries = zipfile.ZipFile(io.BytesIO(stamped[package])).infolist()
        assert {e.date_time[:3] for e in entries} == {(2023, 11, 14)}, package


def test_outputs_are_ordinary_files_readable_by_the_team(tmp_path) -> None:
    write_module.write_report({"md": b"x"}, tmp_path, "report")
    for path in (tmp_path / "report", tmp_path / "report" / "report.md"):
        assert path.stat().st_mode & 0o777 == (0o777 if path.is_dir() else 0o666) & ~write_module._umask()


def test_one_bad_file_gives_one_line_like_check(tmp_path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("edition: youth-2018\nservice: [\n", encoding="utf-8")
    built = CliRunner().invoke(app, ["build", str(bad), "--out", str(tmp_path / "out")])
    checked = CliRunner().invoke(app, ["check", str(bad)])
    assert built.exit_code == checked.exit_code == 1
    assert built.stderr.splitlines()[:-1] == checked.stderr.splitlines()[:-1]  # the same problem line; then the count
    assert built.stderr.splitlines()[-1] == "1 problem; nothing built" and checked.stderr.splitlines()[-1] == f"1 problem in {bad}"
    assert len(built.stderr.splitlines()) == 2 and built.stderr.startswith(f"{bad}:3:1: error: ")
    assert not (tmp_path / "out").exists()
