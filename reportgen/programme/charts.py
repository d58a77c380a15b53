"""The spread chart: one stacked bar per standard (and overall), a segment per rating, drawn with
the report's chart parts (render/charts.py: frames, shapes, key, label widths, house palette) and
painted by the report's painters, so it reads and prints as the report's charts do.

Segments run from the lowest rating to the highest, in the edition's rating colours, each with
its count written on it where it fits; the key names the colours in the same order, and the table
after the chart gives every figure. Bars are to one scale (inspections), so a standard only some
editions have is visibly shorter.
"""

from __future__ import annotations

from ..house.brand import ChartPalette
from ..render.charts import PAD, WIDE, Chart, Frame, Line, Rect, Text, legend, text_width, wrap
from .view import SpreadChart
from .words import Words


def spread_chart(spec: SpreadChart, frame: Frame, palette: ChartPalette, say: Words) -> Chart:
    s, width = frame.text, frame.width
    line = 1.25 * s
    colours = {r.name: r.colour for r in spec.series.scale}
    shapes, top = legend([(colours[r.name], False, r.name) for r in spec.series.scale], PAD, PAD, width - 2 * PAD, s, palette)
    maximum = max((row.total for row in spec.rows), default=1) or 1
    column = min(width * 0.4, max((text_width(row.label, s) for row in spec.rows), default=0) + 0.6 * s)
    side = frame is WIDE
    left = PAD + (column if side else 0)
    right = width - PAD - text_width(str(maximum), s) / 2
    x = lambda value: left + (right - left) * value / maximum  # noqa: E731 - a scale, read as one
    bar, gap = round(1.6 * s), round(0.7 * s)
    y = top + 0.5 * s
    for row in spec.rows:
        labels = wrap(row.label, s, False, column - 0.6 * s if side else width - 2 * PAD)
        if side:  # the label beside its bar, both centred in a row as tall as the taller
            height = max(bar, len(labels) * line)
            first = y + height / 2 - (len(labels) - 1) * line / 2 + 0.35 * s
            shapes += [Text(PAD, first + k * line, text, s, palette.ink) for k, text in enumerate(labels)]
            top_of_bar = y + (height - bar) / 2
        else:  # the label above its bar
            shapes += [Text(PAD, y + 0.8 * s + k * line, text, s, palette.ink) for k, text in enumerate(labels)]
            height = len(labels) * line + bar
            top_of_bar = y + len(labels) * line
        start = 0
        for rating, count in row.counts:
            if count:
                x1, x2 = x(start), x(start + count)
                shapes.append(Rect(x1, top_of_bar, x2 - x1, bar, colours[rating], palette.background, role="bar"))
                value = str(count)
                if text_width(value, s, True) + 0.4 * s <= x2 - x1:
                    shapes.append(Text((x1 + x2) / 2, top_of_bar + bar / 2 + 0.35 * s, value, s, palette.ink, "middle", True, "value"))
            start += count
        y += height + gap
    axis = y
    shapes.append(Line(left, top + 0.3 * s, left, axis, palette.ink))
    shapes.append(Line(left, axis, right, axis, palette.ink))
    for tick in ticks(maximum):
        shapes.append(Line(x(tick), axis, x(tick), axis + 0.3 * s, palette.ink))
        shapes.append(Text(x(tick), axis + 1.3 * s, str(tick), s, palette.ink, "middle"))
    shapes.append(Text((left + right) / 2, axis + 2.7 * s, say("chart_axis"), s, palette.ink, "middle"))
    values = "; ".join(say("chart_value", label=row.label, counts=", ".join(say("chart_count", rating=r, count=c) for r, c in row.counts))
                       for row in spec.rows)
    return Chart(spec.key, spec.title, say("chart_description", values=values), width, round(axis + 2.7 * s + 0.4 * s + PAD),
                 tuple(shapes), frame.name)


def ticks(maximum: int) -> list[int]:
    """0, the maximum, and round steps between them no closer than a fifth of the way."""
    step = next(n * 10 ** k for k in range(6) for n in (1, 2, 5) if n * 10 ** k * 5 >= maximum)
    marks = list(range(0, maximum + 1, step))
    if maximum - marks[-1] > step / 2:
        marks.append(maximum)
    elif marks[-1] != maximum:
        marks[-1] = maximum
    return marks
