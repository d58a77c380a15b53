"""Charts where readers would rather look than read, drawn from the view's numbers.

A chart is first a plain geometry (rectangles, lines, text) with a title and a text
alternative; painters turn it into inline SVG (HTML, PDF) or a PNG (Word). Every chart
sits beside the data table it is drawn from, and no meaning rests on colour alone: bars are
labelled with their values, bands with their names, series with patterns as well as colours.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from ..view import ReportView

INK = "#0b0c0c"
GRID = "#6f777b"
SERVICE = "#1d4f91"
NATIONAL = "#ffffff"


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str | None = None
    hatch: bool = False


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = GRID
    dashed: bool = False


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: float = 12
    anchor: str = "start"  # start | middle | end
    bold: bool = False


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str  # the text alternative: every value the picture shows
    width: int
    height: int
    shapes: tuple = field(default=())


# --- what to draw ------------------------------------------------------------------


def chart_for(view: ReportView, key: str) -> Chart:
    """The chart a `::: chart <key>` block names: 'standard-2.1' or 'comparison-<table>-<n>'."""
    kind, _, ref = key.partition("-")
    if kind == "standard":
        return key_question_chart(view, ref, key)
    if kind == "comparison":
        table, _, n = ref.partition("-")
        return comparison_chart(view, int(table), int(n), key)
    raise ValueError(f"no chart called {key!r}")


def key_question_chart(view: ReportView, standard_id: str, key: str) -> Chart:
    standard = next(s for d in view.domains for s in d.standards if s.id == standard_id)
    rows = [kq for kq in standard.key_questions if kq.percent is not None]
    bands = view.edition.case_bands
    colours = {r.name: r.colour for r in view.edition.scale}
    left, right, top, bar, gap = 70, 20, 44, 26, 12
    width = 640
    plot = width - left - right
    height = top + len(rows) * (bar + gap) + 28
    x = lambda value: left + plot * value / 100  # noqa: E731 - a scale, read as one
    shapes: list = []
    edges = [b.minimum for b in bands] + [100]
    for band, upper in zip(bands, edges[1:]):
        shapes.append(Rect(x(band.minimum), top - 8, x(upper) - x(band.minimum), height - top - 20, colours[band.rating]))
        shapes.append(Text((x(band.minimum) + x(upper)) / 2, top - 14, band.rating, 10, "middle", True))
        if band.minimum:
            shapes.append(Line(x(band.minimum), top - 8, x(band.minimum), height - 12, INK, True))
    for i, kq in enumerate(rows):
        y = top + i * (bar + gap)
        shapes.append(Text(left - 8, y + bar * 0.68, kq.id, 12, "end", kq.lowest))
        shapes.append(Rect(left, y, plot * kq.percent / 100, bar, INK))
        inside = kq.percent >= 12
        shapes.append(Text(x(kq.percent) + (-6 if inside else 6), y + bar * 0.68, f"{kq.percent}%", 12,
                           "end" if inside else "start", True))
    for tick in (0, 25, 50, 75, 100):
        shapes.append(Text(x(tick), height - 2, f"{tick}%", 10, "middle"))
    described = "; ".join(
        f"{kq.id} {kq.percent}%{' (lowest)' if kq.lowest else ''}" for kq in rows
    )
    band_text = ", ".join(f"{b.rating} from {b.minimum}%" for b in bands)
    return Chart(
        key,
        f"Key questions for {standard.id} {standard.standard.name}: % 'Yes' against the rating bands",
        f"Bar chart of the percentage of cases judged 'Yes' for each key question of standard "
        f"{standard.id} {standard.standard.name}: {described}. Rating bands: {band_text}. "
        f"The standard is rated {standard.result.final}.",
        width, height, tuple(shapes),
    )


def comparison_chart(view: ReportView, table_index: int, n: int, key: str) -> Chart:
    comparison = view.findings.contextual_facts[table_index].comparisons[n]
    service = view.service.short_name
    left, top, group_gap, bar = 20, 50, 30, 30
    count = len(comparison.categories)
    width = 640
    plot_h = 180
    group = (width - left * 2 - group_gap * (count - 1)) / count
    base = top + plot_h
    y = lambda value: base - plot_h * value / 100  # noqa: E731
    shapes: list = [
        Rect(left, 8, 16, 16, SERVICE), Text(left + 22, 21, service, 12),
        Rect(left + 180, 8, 16, 16, NATIONAL, INK, True), Text(left + 202, 21, "National average", 12),
        Line(left, base, width - left, base, INK),
    ]
    for i, category in enumerate(comparison.categories):
        gx = left + i * (group + group_gap)
        for j, (value, fill, hatch) in enumerate(((comparison.service[i], SERVICE, False), (comparison.national[i], NATIONAL, True))):
            bx = gx + group / 2 - bar - 2 + j * (bar + 4)
            shapes.append(Rect(bx, y(value), bar, base - y(value), fill, INK, hatch))
            shapes.append(Text(bx + bar / 2, y(value) - 5, f"{value}%", 11, "middle", True))
        shapes.append(Text(gx + group / 2, base + 18, category, 12, "middle"))
    described = "; ".join(
        f"{c}: {service} {s}%, national average {nat}%"
        for c, s, nat in zip(comparison.categories, comparison.service, comparison.national)
    )
    return Chart(
        key,
        f"{comparison.dimension}: {service} against the national average",
        f"Bar chart of children cautioned or sentenced by {comparison.dimension.lower()}. {described}.",
        width, base + 28, tuple(shapes),
    )


# --- painters ----------------------------------------------------------------------


def alternative(chart: Chart) -> str:
    """The chart in words: its title, then every value it shows."""
    return f"{chart.title}. {chart.description}"


def to_svg(chart: Chart) -> str:
    """Inline SVG (role=img) whose title is the whole text alternative: screen readers read it
    in HTML, and WeasyPrint makes it the tagged PDF figure's /Alt."""
    ident = f"chart-{chart.key}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {chart.width} {chart.height}" '
        f'width="{chart.width}" height="{chart.height}" aria-labelledby="{ident}-title">',
        f'<title id="{ident}-title">{escape(alternative(chart))}</title>',
        f'<defs><pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="1.5"/></pattern></defs>',
    ]
    for s in chart.shapes:
        if isinstance(s, Rect):
            fill = f"url(#{ident}-hatch)" if s.hatch else s.fill
            stroke = f' stroke="{s.stroke}"' if s.stroke else ""
            out.append(f'<rect x="{s.x:.1f}" y="{s.y:.1f}" width="{s.w:.1f}" height="{s.h:.1f}" fill="{fill}"{stroke}/>')
        elif isinstance(s, Line):
            dash = ' stroke-dasharray="4 3"' if s.dashed else ""
            out.append(f'<line x1="{s.x1:.1f}" y1="{s.y1:.1f}" x2="{s.x2:.1f}" y2="{s.y2:.1f}" stroke="{s.stroke}"{dash}/>')
        else:
            fill = "#ffffff" if _on_dark(chart, s) else INK
            weight = ' font-weight="bold"' if s.bold else ""
            out.append(
                f'<text x="{s.x:.1f}" y="{s.y:.1f}" font-size="{s.size}" text-anchor="{s.anchor}" fill="{fill}"'
                f' font-family="Liberation Sans, Arial, DejaVu Sans, sans-serif"{weight}>{escape(s.text)}</text>'
            )
    out.append("</svg>")
    return "".join(out)


def _on_dark(chart: Chart, text: Text) -> bool:
    """True when a label sits on a dark bar, so it is drawn in white for contrast."""
    for s in chart.shapes:
        if isinstance(s, Rect) and s.fill in (INK, SERVICE) and s.x <= text.x <= s.x + s.w and s.y <= text.y - 4 <= s.y + s.h:
            return True
    return False


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
                    draw.line(_clip(x0, y0, x1, y1, box), fill=INK, width=k)
        elif isinstance(s, Line):
            draw.line([s.x1 * k, s.y1 * k, s.x2 * k, s.y2 * k], fill=s.stroke, width=k)
        else:
            font = _font(int(s.size * k), s.bold)
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[s.anchor]
            draw.text((s.x * k, s.y * k), s.text, font=font, anchor=anchor, fill="#ffffff" if _on_dark(chart, s) else INK)
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
