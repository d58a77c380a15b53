"""Issue 22 item 5: a draft as an editor sees it, measured in pixels of the pages themselves.

One module-scoped build of a draft (PDF and Word) of the shipped example, which has a cover and body pages
like any report in a third of Merton's pages; the PDF's pages drawn by pdftoppm, the Word
file's by LibreOffice (converted to PDF, then drawn the same way). The watermark must show on a body
page of both (it was painted under the PDF's white page), the cover's draft banner must be readable
(its words were white on a light panel) and nothing may be cut at the cover's top edge (the running
header was, half off the page).
"""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image

from reportgen.review.drafting import findings_origin, render_draft
from reportgen.validate import check_file

from .conftest import ROOT
from .test_libreoffice_loop import soffice

pytestmark = [pytest.mark.office, pytest.mark.slow]  # a PDF layout of its own and one LibreOffice launch

BRAND = (0x5C, 0x2D, 0x91)  # the cover's colour (templates/style/report.css --brand)
PANEL = (0xF3, 0xF2, 0xF1)  # the draft boxes' background (--panel)


@pytest.fixture(scope="module")
def pages(house, tmp_path_factory) -> dict[str, object]:
    """The draft's PDF and its Word file through LibreOffice, each as a PDF and a page count."""
    folder = tmp_path_factory.mktemp("draft-pages")
    path = ROOT / "findings" / "examples" / "youth-2018-example.yml"
    checked = check_file(path, house)
    outputs = render_draft(checked, house, ("pdf", "docx"), origin=findings_origin(path, checked))
    (folder / "example-draft.pdf").write_bytes(outputs["pdf"])
    (folder / "example-draft.docx").write_bytes(outputs["docx"])
    soffice(folder / "profile", "pdf", folder / "word", folder / "example-draft.docx")
    return {"pdf": folder / "example-draft.pdf", "word": folder / "word" / "example-draft.pdf", "folder": folder}


def page_image(pdf, number: int, dpi: int = 50) -> Image.Image:
    """Page `number` (1-based) drawn by pdftoppm; -1 is the middle page (a body page in any report)."""
    if number == -1:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        number = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))) // 2
    stem = pdf.with_name(f"{pdf.stem}-{number}-{dpi}")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(number), "-l", str(number), str(pdf), str(stem)],
                   check=True, timeout=60)
    return Image.open(stem.with_suffix(".png")).convert("RGB")


def watermark_share(image: Image.Image) -> float:
    """The share of the page's pixels in the watermark's light neutral grey (#e4e4e4 in the PDF, Word's
    #d0d0d0 at half opacity on white, #e8e8e8): text's anti-aliased edges give under 1% of a page in
    this band (measured on the final report's pages), a watermark several times that."""
    data = image.tobytes()  # RGB, three bytes a pixel
    grey = sum(1 for r, g, b in zip(data[0::3], data[1::3], data[2::3]) if 223 <= r <= 233 and max(r, g, b) - min(r, g, b) <= 3)
    return grey / (image.width * image.height)


@pytest.mark.parametrize("kind", ["pdf", "word"])
def test_the_watermark_shows_on_a_body_page(pages, kind) -> None:
    image = page_image(pages[kind], -1)
    share = watermark_share(image)
    assert share > 0.025, f"{kind}: {share:.2%} of a body page in the watermark's grey"
    middle = image.crop((image.width // 4, image.height // 3, 3 * image.width // 4, 2 * image.height // 3))
    assert watermark_share(middle) > 0.05  # across the page's middle, where the diagonal word lies


def contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    def luminance(colour):
        channels = [c / 255 for c in colour]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def near(pixel, colour, tolerance: int = 6) -> bool:
    return all(abs(p - c) <= tolerance for p, c in zip(pixel, colour))


def test_the_cover_banner_is_readable_and_nothing_is_cut_at_its_edge(pages) -> None:
    cover = page_image(pages["pdf"], 1, dpi=100)
    width, height = cover.size
    pixels = cover.load()
    top = [pixels[x, y] for y in range(round(4 / 297 * height)) for x in range(width)]  # the top 4 mm
    assert all(near(p, BRAND) for p in top), "something is drawn (and cut) at the cover's top edge"
    rows = [y for y in range(height) if sum(near(pixels[x, y], PANEL) for x in range(width)) > width // 3]
    assert rows, "no draft banner on the cover"
    first = [rows[0]]
    for y in rows[1:]:
        if y != first[-1] + 1:
            break
        first.append(y)  # the banner's rows: the first band of panel colour
    columns = [x for x in range(width) if near(pixels[x, first[len(first) // 2]], PANEL)]
    inside = [pixels[x, y] for y in first[2:-2] for x in range(columns[0] + 2, columns[-1] - 2)]
    darkest = min(inside, key=sum)
    assert contrast(darkest, PANEL) >= 4.5, f"the banner's words {darkest} on {PANEL}"
