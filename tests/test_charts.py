"""Issue 10, item 6: charts that print and read.

Every chart of every seed report, as the session built it: text never below 8 pt in print
(the PDF as laid out, and the Word picture at the size Word sets it) nor below 12 CSS px on a
390 px phone; labels that never overlap or leave the picture, long ones too; bars in the house
colours with 3:1 against what they sit on, never solid black; no empty strip under a key.
Label boxes are estimated as the brief of the check says (0.6 em a character, one em tall);
tests/test_accessibility.py measures the real glyph boxes and sizes in Chromium.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter

import pytest

from reportgen.render.chart_paint import to_svg
from reportgen.render.charts import FRAMES, bands_chart, grouped_chart

from .conftest import REPORTS, ROOT
from .test_accessibility import contrast

SVG = "{http://www.w3.org/2000/svg}"
PRINT_MIN_PT, PHONE_MIN_PX = 8.0, 12.0
PHONE_COLUMN_PX = 390 - 2 * 12  # a 390 px phone less the body's 0.75rem padding each side
CSS = (ROOT / "templates" / "style" / "report.css").read_text(encoding="utf-8")
BLACKS = {"#000", "#000000", "black", "#0b0c0c"}


def charts(html: bytes | str) -> list[ET.Element]:
    text = html.decode("utf-8") if isinstance(html, bytes) else html
    return [ET.fromstring(svg) for svg in re.findall(r"<svg\b.*?</svg>", text, re.S)]


def texts(svg: ET.Element) -> list[tuple[str, float, float, float, bool, str]]:
    return [(t.text or "", float(t.get("x")), float(t.get("y")), float(t.get("font-size")),
             t.get("font-weight") == "bold", t.get("text-anchor", "start")) for t in svg.iter(f"{SVG}text")]


def boxes(svg: ET.Element) -> list[tuple[str, float, float, float, float]]:
    """(text, left, top, right, bottom) of each label: 0.6 em a character wide, cap to descender tall."""
    found = []
    for text, x, y, size, _, anchor in texts(svg):
        width = 0.6 * size * len(text)
        left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
        found.append((text, left, y - 0.8 * size, left + width, y + 0.2 * size))
    return found


def viewbox(svg: ET.Element) -> tuple[float, float]:
    _, _, width, height = map(float, svg.get("viewBox").split())
    return width, height


def print_column_pt() -> float:
    """The PDF's text block: A4 less the @page side margins (report.css), in points."""
    page = re.search(r"@page\s*\{[^{}]*?size:\s*A4;\s*margin:\s*([^;]+);", CSS)
    sides = [float(v.removesuffix("mm")) for v in page.group(1).split()]
    right, left = sides[1], sides[3 if len(sides) == 4 else 1]
    return (210 - left - right) / 25.4 * 72


def layout_problems(svg: ET.Element) -> list[str]:
    """Overlapping or escaping labels, and empty strips across the picture taller than a line."""
    problems = []
    width, height = viewbox(svg)
    placed = boxes(svg)
    for i, (a, l1, t1, r1, b1) in enumerate(placed):
        if l1 < 0 or r1 > width or t1 < 0 or b1 > height:
            problems.append(f"{a!r} leaves the picture ({l1:.0f}–{r1:.0f} of {width:.0f})")
        for b, l2, t2, r2, b2 in placed[i + 1:]:
            if l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1:
                problems.append(f"{a!r} overlaps {b!r}")
    spans = [(t, b) for _, _, t, _, b in placed]
    for rect in svg.iter(f"{SVG}rect"):
        if rect.get("y") is not None:
            spans.append((float(rect.get("y")), float(rect.get("y")) + float(rect.get("height"))))
    line = 1.5 * max((size for *_, size, _, _ in texts(svg)), default=12)
    reached = 0.0
    for top, bottom in sorted(spans):
        if top - reached > line:
            problems.append(f"an empty strip {top - reached:.0f} units tall at y={reached:.0f}")
        reached = max(reached, bottom)
    if height - reached > line:
        problems.append(f"an empty strip {height - reached:.0f} units tall at the foot")
    return problems


def colour_problems(svg: ET.Element) -> list[str]:
    problems = []
    bands = [r.get("fill") for r in svg.iter(f"{SVG}rect") if r.get("class") == "band"]
    behind = ["#ffffff", *bands]
    for rect in svg.iter(f"{SVG}rect"):  # a bar, or any other shape drawn solid black
        if rect.get("fill", "").lower() in BLACKS:
            problems.append(f"a solid black {rect.get('class') or 'rectangle'} ({rect.get('fill')})")
    for bar in (r for r in svg.iter(f"{SVG}rect") if r.get("class") == "bar"):
        fill = bar.get("fill")
        seen = bar.get("stroke") if fill.startswith("url(") else fill  # a hatched bar shows by its outline
        for back in behind:
            if contrast(seen, back) < 3:
                problems.append(f"bar {seen} on {back}: {contrast(seen, back):.2f}:1")
    return problems


@pytest.mark.parametrize("name", REPORTS)
def test_issue_10_charts_print_at_8_pt_and_read_at_12_px_on_a_phone(built, name) -> None:
    found = charts(built[name]["html"])
    wide = [svg for svg in found if svg.get("class") == "chart-wide"]
    narrow = [svg for svg in found if svg.get("class") == "chart-narrow"]
    assert len(wide) == len(narrow) == len(found) // 2, "every chart comes laid out for print and for phones"
    assert len(wide) == built[name].stages.source.count("\n::: chart ")  # the older editions have none
    if not found:
        return
    column = print_column_pt()
    for svg in wide:  # .chart svg { width: 100% } of the print column
        scale = column / viewbox(svg)[0]
        small = [(t, round(size * scale, 2)) for t, _, _, size, _, _ in texts(svg) if size * scale < PRINT_MIN_PT]
        assert not small, f"{name}: chart text below {PRINT_MIN_PT} pt in print: {small[:5]}"
    for svg in narrow:  # shown across the column on a phone, up to 30rem
        scale = min(PHONE_COLUMN_PX, 480) / viewbox(svg)[0]
        small = [(t, round(size * scale, 2)) for t, _, _, size, _, _ in texts(svg) if size * scale < PHONE_MIN_PX]
        assert not small, f"{name}: chart text below {PHONE_MIN_PX} px at 390 px: {small[:5]}"
    switch = re.search(r"@media screen and \(max-width: ([\d.]+)rem\)\s*\{\s*\.chart \.chart-wide \{ display: none; \}", CSS)
    assert switch and 390 <= float(switch.group(1)) * 16, "a 390 px phone gets the narrow layout"
    assert all(svg.get("display") == "none" for svg in narrow)  # hidden where report.css is not (a CMS)

    # As laid out: each chart label is set in the PDF at 8 pt or more (tables set the same
    # words at 9 pt, so every chart's own copy must be found at the size).
    import pymupdf

    sizes: Counter = Counter()
    for page in pymupdf.open(stream=built[name]["pdf"], filetype="pdf"):
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", ()):
                for span in line["spans"]:
                    if span["size"] >= PRINT_MIN_PT - 0.01:
                        sizes[span["text"].strip()] += 1
    wanted = Counter(t for svg in wide for t, *_ in texts(svg))
    short = {t: (n, sizes[t]) for t, n in wanted.items() if sizes[t] < n}
    assert not short, f"{name}: chart labels not found at {PRINT_MIN_PT} pt or more in the PDF (wanted, found): {short}"

    # Word: the picture's width as Word sets it, over the chart's width, scales its text.
    document = zipfile.ZipFile(io.BytesIO(built[name]["docx"])).read("word/document.xml").decode()
    pictures = [re.search(r'<wp:extent cx="(\d+)".*name="([^"]+)\.png"', p, re.S) for p in document.split("</wp:inline>")[:-1]]
    extents = {m.group(2): int(m.group(1)) for m in pictures if m}
    keys = [svg.find(f"{SVG}title").get("id").removeprefix("chart-").removesuffix("-title") for svg in wide]
    assert set(keys) <= set(extents) and len(pictures) >= len(keys)  # each chart a picture named by its key
    for cx, svg in zip((extents[key] for key in keys), wide):
        scale = cx / 12700 / viewbox(svg)[0]
        smallest = min(size for *_, size, _, _ in texts(svg)) * scale
        assert smallest >= PRINT_MIN_PT, f"{name}: Word chart text at {smallest:.2f} pt"


@pytest.mark.parametrize("name", REPORTS)
def test_issue_10_chart_labels_never_overlap_bars_are_house_colours_and_keys_leave_no_gap(built, name) -> None:
    for svg in charts(built[name]["html"]):
        title = svg.find(f"{SVG}title").text
        assert svg.get("role") == "img" and svg.get("aria-labelledby") == svg.find(f"{SVG}title").get("id")
        values = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "value"]
        assert values and all(f" {v}" in title for v in values), (title, values)  # the alternative says what is drawn
        assert not layout_problems(svg), (name, title[:60], layout_problems(svg))
        assert not colour_problems(svg), (name, title[:60], colour_problems(svg))
        assert any(r.get("class") == "bar" for r in svg.iter(f"{SVG}rect"))


LONG_BANDS = [("Inadequate", 0, "#f4c7c3"), ("Requires significant improvement", 50, "#ffe3a3"),
              ("Good", 55, "#cfe8d3"), ("Outstanding practice throughout", 60, "#7ac48a")]
BAND_KEY = "{} from {}%".format  # a key entry, as templates/common/charts.yml words it


@pytest.mark.parametrize("frame", FRAMES, ids=lambda f: f.name)
def test_issue_10_long_labels_wrap_or_move_to_a_key(frame, house) -> None:
    """Band names wider than their band, close band edges, a long service name and category."""
    palette = house.brand.chart
    drawn = [
        bands_chart("t", "T", "D", [("1.2.3.4", 3, False), ("1.2.3.5", 55, True), ("X", 100, False)], LONG_BANDS, frame, palette, BAND_KEY),
        bands_chart("u", "T", "D", [("2.1.1", 61, True)], [(n, lo, c) for (n, _, c), lo in zip(LONG_BANDS, (0, 50, 65, 80))], frame, palette, BAND_KEY),
        grouped_chart("g", "T", "D", ["Children of mixed heritage or any other ethnic group recorded", "B"],
                      [("Newtown and District Youth Justice Service", [100, 0]), ("National average", [5, 99])], frame, palette),
    ]
    for chart in drawn:
        svg = ET.fromstring(to_svg(chart))
        assert not layout_problems(svg), (chart.key, frame.name, layout_problems(svg))
        assert not colour_problems(svg)
        words = " ".join(t for t, *_ in texts(svg)).split()
        named = LONG_BANDS if chart.key != "g" else [("Newtown and District Youth Justice Service",), ("Children of mixed heritage",)]
        assert all(word in words for name, *_ in named for word in name.split()), words  # wrapped, not cut


def test_issue_10_the_checks_catch_what_the_charts_used_to_do() -> None:
    """The chart before issue 10 item 6 (5773ca5), with its band names at the 12 units
    print needs: over an 82-unit band they run into the next; black bars; a key above an empty
    strip. Each check must see it."""
    old = ET.fromstring(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 230" class="chart-wide">'
        '<rect x="20" y="8" width="16" height="16" fill="#1d4f91"/>'
        '<text x="42" y="21" font-size="12">Merton YJS</text>'
        '<rect class="band" x="345" y="90" width="82.5" height="100" fill="#ffe3a3"/>'
        '<text x="386" y="84" font-size="12" text-anchor="middle" font-weight="bold">Requires improvement</text>'
        '<text x="468" y="84" font-size="12" text-anchor="middle" font-weight="bold">Good</text>'
        '<rect class="bar" x="70" y="100" width="400" height="26" fill="#0b0c0c"/></svg>'
    )
    problems = layout_problems(old)
    assert any("overlaps" in p for p in problems) and any("empty strip" in p for p in problems), problems
    assert any("solid black" in p for p in colour_problems(old))
    assert 10 * print_column_pt() / 640 < PRINT_MIN_PT  # its 10-unit text printed at 7.5 pt


def test_issue_11_chart_words_are_template_data(checked, tmp_path) -> None:
    """Chart titles, text alternatives and key names come from templates/common/charts.yml: a house
    folder's own charts.yml rewords them in the SVG (HTML and PDF) and in Word's picture title;
    a file that lacks a part is one line naming the file, line and part. No Python words them."""
    import docx
    import yaml

    from reportgen.build import prepare
    from reportgen.errors import ReportError
    from reportgen.house import Folders, load_house
    from reportgen.render.chart_paint import chart_html
    from reportgen.render.docx import render_docx

    words = yaml.safe_load((ROOT / "templates" / "common" / "charts.yml").read_text(encoding="utf-8"))
    words["key_questions"]["title"] = "Cwestiynau allweddol {{ standard }}"
    words["comparison"]["national"] = "Cyfartaledd cenedlaethol"
    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "charts.yml").write_text(yaml.safe_dump(words, allow_unicode=True), encoding="utf-8")
    house = load_house(Folders.given(templates=[tmp_path], environ={}))
    stages = prepare(checked["merton"], house)
    assert "<title id=\"chart-standard-2.1-title\">Cwestiynau allweddol 2.1 Assessment." in chart_html(stages.view, house, "standard-2.1")
    assert ">Cyfartaledd cenedlaethol</text>" in chart_html(stages.view, house, "comparison-1-0")
    havering = prepare(checked["havering"], house)  # Merton's 2021 printing draws no key-question chart (it has no results annexe)
    pictures = docx.Document(io.BytesIO(render_docx(havering.parsed, havering.view, house))).inline_shapes
    assert "Cwestiynau allweddol 2.1 Assessment" in [p._inline.docPr.get("title") for p in pictures]

    del words["comparison"]["national"]
    (tmp_path / "common" / "charts.yml").write_text(yaml.safe_dump(words, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ReportError) as error:  # when the house is read, before any report
        load_house(Folders.given(templates=[tmp_path], environ={}))
    assert str(error.value).startswith(f"{tmp_path / 'common' / 'charts.yml'}:") and "comparison.national" in str(error.value)
    source = (ROOT / "reportgen" / "render" / "charts.py").read_text(encoding="utf-8")
    assert "national average" not in source.lower() and "Bar chart" not in source
