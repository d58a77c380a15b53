"""Charts where readers would rather look than read, drawn from the view's numbers.

A chart is first plain geometry (rectangles, lines, text) with a title and a text alternative;
render/chart_paint.py turns it into inline SVG (HTML, PDF) or a PNG (Word). Every chart sits
beside the data table it is drawn from, and no meaning rests on colour alone: bars carry their
values, bands their names, series a pattern as well as a colour.

Each chart is laid out for two widths (frames), with text sized for the width it is read at:
WIDE is drawn 640 CSS px (480 pt) wide in print and Word, whose text blocks are wider, so its
12-unit text prints at 9 pt; NARROW is drawn across a phone's column (366 px of a 390 px
phone, 296 px of a 320 px one), so its 13-unit text is 12 px or more. Labels are wrapped or
moved to a key rather than allowed to overlap, and each chart is only as tall as what it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..house.brand import ChartPalette
from ..view import ReportView

if TYPE_CHECKING:
    from ..house import House


@dataclass(frozen=True)
class Frame:
    """A width to lay a chart out for, and the size of its text there (user units)."""

    name: str
    width: int
    text: float


WIDE = Frame("wide", 640, 12)
NARROW = Frame("narrow", 320, 13)
FRAMES = (WIDE, NARROW)


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str | None = None
    hatch: bool = False
    role: str = ""  # bar | band | key (a legend swatch)


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    dashed: bool = False


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float
    fill: str
    anchor: str = "start"  # start | middle | end
    bold: bool = False
    role: str = ""  # value (a bar's value, which the text alternative also gives)


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str  # the text alternative: every value the picture shows
    width: int
    height: int
    shapes: tuple = field(default=())
    frame: str = "wide"


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of a label's width (Liberation Sans, Arial): never less than 0.6 em
    a character, wide letters and '%' counted wider, so labels laid apart never touch."""
    em = sum(0.9 if c in "%MWmw@—" else 0.32 if c in "ijlrtf.,:;'|!() " else 0.68 if c.isupper() or c.isdigit() else 0.56
             for c in text)
    return size * max(em * (1.08 if bold else 1.0), 0.6 * len(text))


def wrap(text: str, size: float, bold: bool, width: float) -> list[str]:
    """Words in lines no wider than `width` (a word longer than that has a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


# --- what to draw ------------------------------------------------------------------


def chart_for(view: ReportView, house: House, key: str, frame: Frame = WIDE) -> Chart:
    """The chart a `::: chart <key>` block names: 'standard-2.1' or 'comparison-<table>-<n>'."""
    kind, _, ref = key.partition("-")
    if kind == "standard":
        return key_question_chart(view, house, ref, key, frame)
    if kind == "comparison":
        table, _, n = ref.partition("-")
        return comparison_chart(view, house, int(table), int(n), key, frame)
    raise ValueError(f"no chart called {key!r}")


def key_question_chart(view: ReportView, house: House, standard_id: str, key: str, frame: Frame = WIDE) -> Chart:
    standard = next(s for d in view.domains for s in d.standards if s.id == standard_id)
    say = chart_words(view, house, "key_questions")
    rows = [(kq.id, kq.percent, kq.lowest) for kq in standard.key_questions if kq.percent is not None]
    colours = {r.name: r.colour for r in view.edition.scale}
    bands = [(b.rating, b.minimum, colours[b.rating]) for b in view.edition.case_bands]
    name = f"{standard.id} {standard.standard.name}"
    values = "; ".join(say("value", label=label, percent=percent, lowest=lowest) for label, percent, lowest in rows)
    band_key = lambda band, minimum: say("band", name=band, minimum=minimum)  # noqa: E731 - the key's words and the alternative's
    return bands_chart(
        key, say("title", standard=name),
        say("description", standard=name, values=values, bands=", ".join(band_key(b, lo) for b, lo, _ in bands),
            rating=standard.result.final),
        rows, bands, frame, house.brand.chart, band_key,
    )


def comparison_chart(view: ReportView, house: House, table_index: int, n: int, key: str, frame: Frame = WIDE) -> Chart:
    comparison = view.findings.contextual_facts[table_index].comparisons[n]
    service = view.service.short_name
    say = chart_words(view, house, "comparison")
    values = "; ".join(
        say("value", category=c, service=service, percent=s, national=nat)
        for c, s, nat in zip(comparison.categories, comparison.service, comparison.national)
    )
    return grouped_chart(
        key, say("title", dimension=comparison.dimension, service=service),
        say("description", dimension=comparison.dimension, values=values),
        list(comparison.categories), [(service, list(comparison.service)), (say("national"), list(comparison.national))],
        frame, house.brand.chart,
    )


def chart_words(view: ReportView, house: House, kind: str):
    """`say(part, **facts)` for one kind of chart, worded by the house's charts.yml for the
    edition's template folder, else common/ (house folders given with --templates first)."""
    words = house.chart_wording(view.edition.template or view.edition.id).words[kind]
    return lambda part, **facts: house.wording.compiled(words[part]).render(facts).strip()


# --- how to lay it out ---------------------------------------------------------------

PAD = 2  # units kept clear at the chart's edges


def bands_chart(key, title, description, rows, bands, frame: Frame, palette: ChartPalette, band_key) -> Chart:
    """Horizontal bars (label, percent, lowest) over the rating bands (name, minimum, colour);
    `band_key(name, minimum)` words a band's entry in the key.

    Band names are written over their bands, wrapped to fit; where one cannot fit, the bands are
    named in a key instead (swatch, name and where the band starts). The axis marks each band's
    edge, so a bar is read against the bands by number as well as by colour."""
    s, width = frame.text, frame.width
    line = 1.25 * s
    left = PAD + max((text_width(label, s, True) for label, _, _ in rows), default=0) + 0.6 * s
    right = width - PAD - text_width("100%", s) / 2
    x = lambda value: left + (right - left) * value / 100  # noqa: E731 - a scale, read as one
    edges = [minimum for _, minimum, _ in bands] + [100]
    spans = [(name, x(lo), x(hi), colour) for (name, lo, colour), hi in zip(bands, edges[1:])]
    shapes: list = []

    over = [wrap(name, s, True, x2 - x1 - 4) for name, x1, x2, _ in spans]
    if all(text_width(l, s, True) <= x2 - x1 - 4 for lines, (_, x1, x2, _) in zip(over, spans) for l in lines):
        for lines, (_, x1, x2, _) in zip(over, spans):
            depth = max(map(len, over)) - len(lines)  # the lines of shorter names sit on the plot
            for i, text in enumerate(lines):
                shapes.append(Text((x1 + x2) / 2, PAD + 0.8 * s + (depth + i) * line, text, s, palette.ink, "middle", True))
        top = PAD + max(map(len, over)) * line
    else:
        entries = [(colour, False, band_key(name, lo)) for (name, lo, colour) in bands]
        drawn, top = legend(entries, PAD, PAD, width - 2 * PAD, s, palette)
        shapes += drawn
    top += 0.3 * s

    bar, gap = round(1.9 * s), round(0.6 * s)
    axis = top + len(rows) * (bar + gap) + gap
    for name, x1, x2, colour in spans:
        shapes.append(Rect(x1, top, x2 - x1, axis - top, colour, role="band"))
    for _, lo, _ in bands[1:]:
        shapes.append(Line(x(lo), top, x(lo), axis + 0.3 * s, palette.ink, True))
    for i, (label, percent, lowest) in enumerate(rows):
        y = top + gap + i * (bar + gap)
        baseline = y + bar / 2 + 0.35 * s
        shapes.append(Text(left - 0.6 * s, baseline, label, s, palette.ink, "end", lowest))
        shapes.append(Rect(left, y, x(percent) - left, bar, palette.bar, role="bar"))
        value = f"{percent}%"
        if text_width(value, s, lowest) + 0.8 * s <= x(percent) - left:
            shapes.append(Text(x(percent) - 0.4 * s, baseline, value, s, palette.on_bar, "end", lowest, "value"))
        else:
            shapes.append(Text(x(percent) + 0.4 * s, baseline, value, s, palette.ink, "start", lowest, "value"))
    shapes.append(Line(left, axis, right, axis, palette.ink))

    placed: list[tuple[float, float]] = []
    for tick in sorted({0, 100}) + sorted({lo for lo in edges[1:-1]}):  # the ends, then each band's edge
        half = text_width(f"{tick}%", s) / 2
        if all(x(tick) + half + 4 <= a or x(tick) - half - 4 >= b for a, b in placed):
            placed.append((x(tick) - half, x(tick) + half))
            shapes.append(Line(x(tick), axis, x(tick), axis + 0.3 * s, palette.ink))
            shapes.append(Text(x(tick), axis + 1.3 * s, f"{tick}%", s, palette.ink, "middle"))
    height = axis + 1.3 * s + 0.25 * s + PAD
    return Chart(key, title, description, width, round(height), tuple(shapes), frame.name)


def grouped_chart(key, title, description, categories, series, frame: Frame, palette: ChartPalette) -> Chart:
    """Horizontal bars, one per series in each category, each with its value at its end. The
    first series is solid, the second white and hatched, named in a key above. Category names
    sit in a column at the left where they fit in a third of the width, else above their bars."""
    s, width = frame.text, frame.width
    line = 1.25 * s
    styles = [(palette.service, False), (palette.comparison, True)]
    entries = [(fill, hatch, name) for (fill, hatch), (name, _) in zip(styles, series)]
    shapes, top = legend(entries, PAD, PAD, width - 2 * PAD, s, palette)
    column = max((text_width(c, s) for c in categories), default=0) + 0.6 * s
    side = column <= width / 3
    left = PAD + (column if side else 0)
    right = width - PAD - text_width("100%", s, True) - 0.4 * s
    x = lambda value: left + (right - left) * value / 100  # noqa: E731
    bar, gap = round(1.4 * s), round(0.25 * s)
    y = first = top + 0.5 * s
    for i, category in enumerate(categories):
        labels = wrap(category, s, False, (column if side else width - 2 * PAD))
        if not side:
            for text in labels:
                shapes.append(Text(PAD, y + 0.8 * s, text, s, palette.ink))
                y += line
        for j, ((fill, hatch), (_, values)) in enumerate(zip(styles, series)):
            if side and j == 0:
                for k, text in enumerate(labels):
                    shapes.append(Text(PAD, y + bar / 2 + 0.35 * s + k * line, text, s, palette.ink))
            value = values[i]
            if value:
                shapes.append(Rect(left, y, x(value) - left, bar, fill, palette.ink, hatch, role="bar"))
            shapes.append(Text(x(value) + 0.4 * s, y + bar / 2 + 0.35 * s, f"{value}%", s, palette.ink, "start", True, "value"))
            y += bar + gap
        shapes.append(Line(left, y - len(series) * (bar + gap), left, y - gap, palette.ink))  # the groups' zero
        if side:
            y = max(y, first + len(labels) * line)
        y += 0.7 * s if i < len(categories) - 1 else 0
        first = y
    return Chart(key, title, description, width, round(y + PAD), tuple(shapes), frame.name)


def legend(entries, x0: float, y0: float, width: float, s: float, palette: ChartPalette) -> tuple[list, float]:
    """A key of (fill, hatched, label) entries, flowed in rows across `width`, a label too long
    for a row wrapped beside its swatch. Returns the shapes and the key's bottom edge."""
    line, swatch, space = 1.25 * s, 0.9 * s, 0.4 * s
    shapes: list = []
    x, y, rows = x0, y0, 1
    for fill, hatch, label in entries:
        needed = swatch + space + text_width(label, s)
        if x > x0 and x + needed > x0 + width:
            x, y = x0, y + rows * line
            rows = 1
        lines = wrap(label, s, False, x0 + width - x - swatch - space)
        shapes.append(Rect(x, y + 0.15 * s, swatch, swatch, fill, palette.ink, hatch, role="key"))
        for i, text in enumerate(lines):
            shapes.append(Text(x + swatch + space, y + 0.9 * s + i * line, text, s, palette.ink))
        rows = max(rows, len(lines))
        x += swatch + space + max(text_width(text, s) for text in lines) + 1.5 * s
    return shapes, y + rows * line


def alternative(chart: Chart) -> str:
    """The chart in words: its title, then every value it shows."""
    return f"{chart.title}. {chart.description}"
