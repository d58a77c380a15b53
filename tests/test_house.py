"""Issue 19, item 1: one House — every resource read once, through the project's loader, and passed down.

A house of one's own in a `--templates` folder (brand, Word style, stylesheet) changes every
format; a slip in one of its files is one plain line naming file, line and field; `watch` sees
its files change without a restart; a final build reads the findings once.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from reportgen.house import Folders, load_house

from . import readback
from .editing import ROOT
from .test_cli import run_cli

SHIPPED_NAME = "HM Inspectorate of Probation"
HOUSE_NAME = "HM Example Inspectorate"
BRAND = (ROOT / "templates" / "brand.yml").read_text(encoding="utf-8")
STYLES = (ROOT / "templates" / "word" / "styles.yml").read_text(encoding="utf-8")


def house_folder(tmp_path: Path, brand: str | None = None, styles: str | None = None) -> Path:
    """A --templates folder holding a brand.yml (and a word/styles.yml) of its own; the rest is shipped."""
    folder = tmp_path / "house"
    (folder / "word").mkdir(parents=True)
    (folder / "brand.yml").write_text(brand if brand is not None else BRAND, encoding="utf-8")
    if styles is not None:
        (folder / "word" / "styles.yml").write_text(styles, encoding="utf-8")
    return folder


def renamed_brand() -> str:
    """The shipped brand with another publisher: its name, address and copyright holder."""
    assert BRAND.count(SHIPPED_NAME) == 2 and '"© Crown copyright {year}"' in BRAND and 'copyright_holder: "Crown"' in BRAND
    return (BRAND.replace(SHIPPED_NAME, HOUSE_NAME).replace("© Crown copyright", "© Example Authority")
            .replace('copyright_holder: "Crown"', 'copyright_holder: "Example Authority"'))


def word_parts(data: bytes) -> dict[str, str]:
    """Every XML part of a .docx by name: the body, headers, footers, footnotes and core properties."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name).decode("utf-8") for name in package.namelist() if name.endswith(".xml")}


def words(xml: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", xml).split())


def test_issue_19_a_house_brand_changes_every_publisher_mention_in_all_four_formats(tmp_path: Path) -> None:
    """Havering built with a house's brand.yml and word/styles.yml: the shipped publisher and copyright
    line are nowhere in the Markdown, the HTML (head, JSON-LD, footer), the PDF's text, any part
    of the Word package (body, headers, footers, footnotes, core properties) or the data; the house's
    name is in each. Word takes its cover colour from the house's own styles.yml."""
    styles = STYLES.replace('fill: "5c2d91"', 'fill: "1d4f91"', 1)
    assert styles != STYLES
    folder = house_folder(tmp_path, renamed_brand(), styles)
    out = tmp_path / "out"
    code, _, stderr = run_cli("build", str(ROOT / "findings" / "havering.yml"), "--templates", str(folder), "--out", str(out),
                              "--format", "md,html,pdf,docx,data")
    assert code == 0, stderr
    built = out / "havering"
    md = (built / "havering.md").read_text(encoding="utf-8")
    html = (built / "havering.html").read_text(encoding="utf-8")
    pdf = " ".join(readback.pdf_text((built / "havering.pdf").read_bytes()))
    word = word_parts((built / "havering.docx").read_bytes())
    data = {p.name: p.read_bytes().decode("utf-8") if p.suffix != ".ods" else words(word_parts(p.read_bytes())["content.xml"])
            for p in (built / "data").iterdir() if p.suffix in (".json", ".ods")}
    texts = {"md": md, "html": html, "pdf": " ".join(pdf.split()), **{f"docx {n}": words(x) for n, x in word.items()},
             **{f"data {n}": t for n, t in data.items()}}
    for where, text in texts.items():
        assert SHIPPED_NAME not in text and "Crown copyright" not in text, where
    body, core = texts["docx word/document.xml"], texts["docx docProps/core.xml"]
    assert [w for w in ("md", "html", "pdf") if HOUSE_NAME not in texts[w]] == []
    assert body.startswith(HOUSE_NAME) and re.search(rf"© Example Authority 2022\. {HOUSE_NAME}\. An inspection", body)  # cover, colophon
    assert core.count(HOUSE_NAME) == 2  # dc:creator and dc:description
    assert all(HOUSE_NAME in t for n, t in data.items())
    soup = BeautifulSoup(html, "html.parser")
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    assert ld["publisher"]["name"] == HOUSE_NAME and ld["copyrightHolder"]["name"] == "Example Authority"
    assert any('fillcolor="#1D4F91"' in x or 'fillcolor="#1d4f91"' in x for x in word.values())  # the cover's colour


@pytest.mark.parametrize(("file", "text", "line", "field", "found"), [
    ("brand.yml", BRAND.replace('url: "https://www.justiceinspectorates', 'url: "http://www.justiceinspectorates', 1),
     BRAND.split("\n").index('  url: "https://www.justiceinspectorates.gov.uk/hmiprobation/"') + 1, "publisher, url",
     "'http://www.justiceinspectorates.gov.uk/hmiprobation/'"),
    ("brand.yml", BRAND.replace('language: "en-GB"\n', 'language: "en-GB"\nlanguage: "cy"\n', 1),
     BRAND.split("\n").index('language: "en-GB"') + 2, "language", "the field 'language' a second time"),
    ("brand.yml", BRAND.replace('copyright: "© Crown copyright {year}"', 'copyright: "© Crown copyright {year}', 1),
     None, "", ""),
    ("word/styles.yml", STYLES.replace('  colour: "0b0c0c"\n', '  colour: "black"\n', 1),
     STYLES.split("\n").index('  colour: "0b0c0c"') + 1, "defaults, colour", "'black'"),
    ("word/styles.yml", STYLES.replace("  Normal: {}\n", "  Normal: {}\n  Normal: {size: 12}\n", 1),
     STYLES.split("\n").index("  Normal: {}") + 2, "styles, Normal", "the field 'Normal' a second time"),
    ("word/styles.yml", STYLES.replace("    size: 30\n", "    size: big\n", 1),
     STYLES.split("\n").index("    size: 30") + 1, "styles, Title, size", "'big'"),
    ("word/styles.yml", STYLES.replace('text: "{{ view.service.name }}"', 'text: "{{ view.service.name "', 1),
     STYLES.split("\n").index('  text: "{{ view.service.name }}"           # Jinja over the report view') + 1, "header, text",
     "the pattern"),
], ids=["brand-value", "brand-duplicate-key", "brand-bad-yaml", "styles-colour", "styles-duplicate-key",
        "styles-number", "styles-jinja"])
def test_issue_19_a_bad_house_file_is_one_plain_line(tmp_path: Path, file, text, line, field, found) -> None:
    """A slip in a house file stops every command that reads the house with one line naming file,
    line and field and what was expected: exit 1, never a traceback or an 'internal fault'."""
    folder = house_folder(tmp_path)
    (folder / file).write_text(text, encoding="utf-8")
    findings = str(ROOT / "findings" / "havering.yml")
    for command in (["check", findings], ["build", findings, "--format", "md", "--out", str(tmp_path / "out")]):
        code, stdout, stderr = run_cli(*command, "--templates", str(folder))
        lines = stderr.strip().split("\n")
        assert code == 1 and len(lines) == 1, (command, stderr)
        assert "Traceback" not in stderr + stdout and "internal fault" not in stderr
        where = re.escape(str(folder / file)) + (f":{line}:" if line else r":\d+:") + r"\d+: error: "
        assert re.match(where + (re.escape(field) + ": " if field else "") + "found " + re.escape(found) + ".*, expected .+", lines[0]), lines[0]
    assert not (tmp_path / "out").exists()


def test_issue_19_the_house_is_read_through_the_loader_once_and_holds_no_python_wording() -> None:
    """Every YAML file of the house goes through load.py (no yaml.safe_load of ours), styles.yml names
    no publisher, and below cli/build nothing looks for a file of the house or caches one."""
    house = load_house(Folders.given(environ={}))
    assert house.word.frame.publisher.text == "{{ brand.publisher.name }}"
    assert not re.search(r"Inspectorate of Probation|Crown", STYLES.split("\nframe:")[1])
    for path in (ROOT / "reportgen").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if path.parent.name != "splice":  # which composes findings, not a house file, for the bytes each value spans
            assert "safe_load" not in source and "yaml.compose" not in source, path
        if path.parent.name != "house" and path.name not in ("cli.py", "commandline.py"):
            found = re.findall(r"template_folders|edition_folders|files\(\"reportgen|TEMPLATES\b|brand\(\)|_load\(|"
                               r"\"(?:common/)?(?:language|outline|charts|brand)\.yml\"", source)
            assert not found, (path, found)


def test_issue_19_a_final_build_reads_the_findings_once_and_builds_the_view_once(tmp_path: Path, monkeypatch) -> None:
    """The check, the manifest's digest and the built date all come from one read and one view."""
    import builtins
    import os

    from reportgen import build

    source = tmp_path / "havering.yml"
    shutil.copy(ROOT / "findings" / "havering.yml", source)
    house = load_house(Folders.given(environ={}))
    opened: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def counted(opener):
        def open_(file, *args, **kwargs):
            if isinstance(file, (str, os.PathLike)) and Path(file).resolve() == source.resolve():
                opened.append(opener.__name__)
            return opener(file, *args, **kwargs)
        return open_

    views = []
    real_view = build.build_view
    monkeypatch.setattr(builtins, "open", counted(real_open))
    monkeypatch.setattr(io, "open", counted(real_open))
    monkeypatch.setattr(os, "open", counted(real_os_open))
    monkeypatch.setattr(build, "build_view", lambda *a, **k: views.append(1) or real_view(*a, **k))
    from reportgen.publishing.manifest import sealer

    written = build.build_file(source, tmp_path / "out", house, ["md", "html"], final=True, sealer=sealer)
    monkeypatch.undo()
    assert len(opened) == 1 and len(views) == 1, (opened, views)
    manifest = json.loads((tmp_path / "out" / "havering" / "manifest.json").read_text(encoding="utf-8"))
    assert any(p.name == "manifest.json" for p in written)
    import hashlib

    assert hashlib.sha256(source.read_bytes()).hexdigest() in json.dumps(manifest)


def test_issue_19_watch_picks_up_an_edited_brand_and_stylesheet_without_a_restart(tmp_path: Path) -> None:
    """A real `reportgen watch --templates DIR`: saving the house's brand.yml or report.css rebuilds the
    page with them; a slip in brand.yml shows its one line over the page, and fixing it rebuilds the report."""
    from .watching import Watching

    findings = tmp_path / "havering.yml"
    shutil.copy(ROOT / "findings" / "havering.yml", findings)
    folder = house_folder(tmp_path)
    (folder / "style").mkdir()
    css = (ROOT / "templates" / "style" / "report.css").read_text(encoding="utf-8")
    (folder / "style" / "report.css").write_text(css, encoding="utf-8")
    watching = Watching(findings, "--port", "0", "--templates", str(folder))
    try:
        first = watching.version()
        assert SHIPPED_NAME in watching.get()
        (folder / "brand.yml").write_text(renamed_brand(), encoding="utf-8")
        renamed, page = watching.wait_page(first, HOUSE_NAME)
        assert SHIPPED_NAME not in page
        (folder / "style" / "report.css").write_text(css + "\n/* house rule 19 */\n", encoding="utf-8")
        styled, page = watching.wait_page(renamed, "/* house rule 19 */")
        assert HOUSE_NAME in page
        (folder / "brand.yml").write_text(renamed_brand().replace('language: "en-GB"\n', 'language: "en-GB"\nlanguage: "cy"\n'),
                                          encoding="utf-8")
        broken, page = watching.wait_page(styled, "a second time")
        assert 'id="reportgen-errors"' in page and re.search(r'brand\.yml, <span[^>]*>line \d+<', page)  # over the last good page, as a save's problems are
        (folder / "brand.yml").write_text(renamed_brand(), encoding="utf-8")
        watching.wait_page(broken, HOUSE_NAME)
    finally:
        code = watching.stop()
    assert code == 0 and "Traceback" not in "\n".join(watching.lines)
