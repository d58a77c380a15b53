"""Issue 10 item 4: brand.yml's optional logo, on the PDF and Word covers and in the web page's
header band — a local PNG or SVG inside the brand folder, never fetched; anything else is one
line naming brand.yml, the line of `logo:` and the field. One small build (Lambeth) for all."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from reportgen.build import WRITERS, prepare
from reportgen.errors import ReportError
from reportgen.house import Folders, load_house

from .conftest import ROOT
from .test_cli import run_cli

BRAND = (ROOT / "templates" / "brand.yml").read_text(encoding="utf-8")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def brand_folder(tmp_path: Path, logo: str) -> Path:
    """A brand folder of one's own (a --templates folder, searched first): brand.yml with `logo:`."""
    folder = tmp_path / "house"
    folder.mkdir()
    assert '\nlogo: ""\n' in BRAND
    (folder / "brand.yml").write_text(BRAND.replace('\nlogo: ""\n', f"\nlogo: {logo}\n"), encoding="utf-8")
    return folder


def tiny_png(width: int = 6, height: int = 3) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (255, 204, 0)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.slow  # a PDF and a Word report of its own
def test_issue10_logo_on_the_pdf_and_word_covers_and_the_web_band(tmp_path, checked) -> None:
    import pymupdf

    folder = brand_folder(tmp_path, "art/logo.png")
    (folder / "art").mkdir()
    (folder / "art" / "logo.png").write_bytes(png := tiny_png())
    stages = prepare(checked["lambeth"], load_house(Folders.given(templates=[folder], environ={})))

    web = BeautifulSoup(WRITERS["html"](stages), "html.parser")
    logo = web.select_one("header.site-header a.site-name img.logo")
    assert logo["alt"] == "" and base64.b64decode(logo["src"].removeprefix("data:image/png;base64,")) == png

    pdf = pymupdf.open(stream=WRITERS["pdf"](stages), filetype="pdf")
    drawn = [[i["bbox"] for i in page.get_image_info() if (i["width"], i["height"]) == (6, 3)] for page in pdf]
    assert len(drawn[0]) == 1 and not any(drawn[1:])  # on the cover, and only there
    x0, y0, x1, y1 = drawn[0][0]
    assert round((y1 - y0) / 72 * 25.4) == 22 and round((x1 - x0) / (y1 - y0)) == 2  # 22 mm high, as in Word

    package = zipfile.ZipFile(io.BytesIO(WRITERS["docx"](stages)))
    body = etree.fromstring(package.read("word/document.xml")).find(f"{W}body")
    first = body[0]
    assert first.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "CoverLogo"
    extent = first.find(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent")
    assert int(extent.get("cy")) == 22 * 36000 and int(extent.get("cx")) == 2 * 22 * 36000  # 22 mm high, 2:1
    assert b"decorative" in etree.tostring(first)  # the publisher's name is printed beside it
    media = [n for n in package.namelist() if n.startswith("word/media/")]
    assert png in [package.read(n) for n in media]
    assert body[1].find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "CoverPublisher"


@pytest.mark.parametrize("logo, files, found", [
    ("missing.png", {}, "found no file 'missing.png'"),
    ("../outside.png", {"../outside.png": tiny_png()}, "outside the brand folder"),
    ("/etc/hostname", {}, "outside the brand folder"),
    ("https://example.org/logo.png", {}, "(a logo is never fetched)"),
    ("logo.gif", {"logo.gif": b"GIF89a"}, "neither .png nor .svg"),
    ("fake.png", {"fake.png": b"<svg/>"}, "not a PNG image"),
    ("run.svg", {"run.svg": b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 1"><script>alert(1)</script></svg>'},
     "holds a <script> element"),
    ("far.svg", {"far.svg": b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink" '
                            b'viewBox="0 0 2 1"><image x:href="https://example.org/a.png"/></svg>'}, "refers to"),
])
def test_issue10_a_logo_that_cannot_be_used_is_one_line_at_its_field(tmp_path, logo, files, found) -> None:
    folder = brand_folder(tmp_path, logo)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with pytest.raises(ReportError) as raised:
        load_house(Folders.given(templates=[folder], environ={}))
    message = str(raised.value)
    line = BRAND.split("\n").index('logo: ""') + 1
    assert "\n" not in message and message.startswith(f"{folder / 'brand.yml'}:{line}:7: error: logo: found ")
    assert found in message and "expected a" in message


def test_issue10_a_bad_logo_fails_the_build_and_keeps_the_last_outputs(tmp_path, monkeypatch) -> None:
    folder = brand_folder(tmp_path, "nowhere.png")
    monkeypatch.setenv("REPORTGEN_TEMPLATES", str(folder))
    out = tmp_path / "out"
    (out / "lambeth").mkdir(parents=True)
    (out / "lambeth" / "lambeth.md").write_text("yesterday's", encoding="utf-8")
    code, stdout, stderr = run_cli("build", str(ROOT / "findings" / "lambeth.yml"), "--format", "md", "--out", str(out))
    assert code == 1 and re.search(r"brand\.yml:\d+:7: error: logo: found no file 'nowhere.png'", stderr)
    assert "Traceback" not in stderr + stdout
    assert (out / "lambeth" / "lambeth.md").read_text(encoding="utf-8") == "yesterday's"
