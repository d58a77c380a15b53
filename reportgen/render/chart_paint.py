"""Painters for render/charts.py's geometry: inline SVG for HTML and PDF, a PNG for Word.

The HTML carries each chart twice, laid out for print and desktop (wide) and for phones
(narrow); report.css shows one of them by the width of the screen, print always the wide one.
"""

from __future__ import annotations

import io
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING

from ..view import ReportView
from .charts import FRAMES, Chart, Line, Rect, alternative, chart_for

if TYPE_CHECKING:
    from ..house import House

FONT = "Liberation Sans, Arial, DejaVu Sans, sans-serif"


def chart_html(view: ReportView, house: House, key: str) -> str:
    """Both layouts of a chart: the narrow one is hidden (display="none") until report.css
    shows it on a narrow screen, so a page without the stylesheet shows the wide one only."""
    return "\n".join(to_svg(chart_for(view, house, key, frame)) for frame in FRAMES)


def to_svg(chart: Chart) -> str:
    """Inline SVG (role=img) whose title is the whole text alternative: screen readers read it
    in HTML, and WeasyPrint makes it the tagged PDF figure's /Alt."""
    ident = f"chart-{chart.key}" + ("" if chart.frame == "wide" else f"-{chart.frame}")
    hidden = "" if chart.frame == "wide" else ' display="none"'
    ink = next((s.stroke for s in chart.shapes if isinstance(s, Rect) and s.hatch and s.stroke), "#0b0c0c")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-{chart.frame}" role="img" '
        f'viewBox="0 0 {chart.width} {chart.height}" width="{chart.width}" height="{chart.height}"{hidden} '
        f'aria-labelledby="{ident}-title">',
        f'<title id="{ident}-title">{escape(alternative(chart))}</title>',
        f'<defs><pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="{ink}" stroke-width="1.5"/></pattern></defs>',
    ]
    for s in chart.shapes:
        if isinstance(s, Rect):
            fill = f"url(#{ident}-hatch)" if s.hatch else s.fill
            stroke = f' stroke="{s.stroke}"' if s.stroke else ""
            role = f' class="{s.role}"' if s.role else ""
            out.append(f'<rect{role} x="{s.x:.1f}" y="{s.y:.1f}" width="{s.w:.1f}" height="{s.h:.1f}" fill="{fill}"{stroke}/>')
        elif isinstance(s, Line):
            dash = ' stroke-dasharray="4 3"' if s.dashed else ""
            out.append(f'<line x1="{s.x1:.1f}" y1="{s.y1:.1f}" x2="{s.x2:.1f}" y2="{s.y2:.1f}" stroke="{s.stroke}"{dash}/>')
        else:
            weight = ' font-weight="bold"' if s.bold else ""
            role = f' class="{s.role}"' if s.role else ""
            out.append(
                f'<text{role} x="{s.x:.1f}" y="{s.y:.1f}" font-size="{s.size:g}" text-anchor="{s.anchor}" fill="{s.fill}"'
                f' font-family="{FONT}"{weight}>{escape(s.text)}</text>'
            )
    out.append("</svg>")
    return "".join(out)


@lru_cache(maxsize=4)
def _font(size: int, bold: bool):
    from PIL import ImageFont

    names = ("LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf") if bold else ("LiberationSans-Regular.ttf", "DejaVuSans.ttf")
    for name in names:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


@lru_cache(maxsize=64)
def to_png(chart: Chart, scale: int = 2) -> bytes:
    """The same picture as a PNG, for Word, which does not take SVG without a fallback (remembered:
    `compare` draws two drafts whose charts are mostly the same)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (chart.width * scale, chart.height * scale), "#ffffff")
    draw = ImageDraw.Draw(image)
    k = scale
    for s in chart.shapes:
        if isinstance(s, Rect):
            box = [s.x * k, s.y * k, (s.x + s.w) * k, (s.y + s.h) * k]
            draw.rectangle(box, fill=s.fill, outline=s.stroke, width=k if s.stroke else 0)
            if s.hatch:
                step = 6 * k
                for offset in range(int(-s.h * k), int(s.w * k), step):
                    x0, y0 = box[0] + offset, box[3]
                    x1, y1 = x0 + s.h * k, box[1]
                    draw.line(_clip(x0, y0, x1, y1, box), fill=s.stroke, width=k)
        elif isinstance(s, Line):
            if s.dashed:  # the bands' edges, which are upright
                y, end = s.y1 * k, s.y2 * k
                while y < end:
                    draw.line([s.x1 * k, y, s.x2 * k, min(y + 4 * k, end)], fill=s.stroke, width=k)
                    y += 7 * k
            else:
                draw.line([s.x1 * k, s.y1 * k, s.x2 * k, s.y2 * k], fill=s.stroke, width=k)
        else:
            font = _font(round(s.size * k), s.bold)
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[s.anchor]
            draw.text((s.x * k, s.y * k), s.text, font=font, anchor=anchor, fill=s.fill)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def _clip(x0, y0, x1, y1, box):
    """A 45° hatch line clipped to the rectangle `box`."""
    left, top, right, bottom = box
    if x0 < left:
        y0 -= left - x0
        x0 = left
    if x1 > right:
        y1 += x1 - right
        x1 = right
    return [x0, max(min(y0, bottom), top), x1, max(min(y1, bottom), top)]
