"""Bar charts for reports, drawn once and written as SVG (PDF) or PNG (DOCX).

``layout_chart`` turns a ``Chart`` into a ``Drawing``: rectangles, lines and text in a
coordinate space 600 units wide. ``to_svg`` and ``to_png`` write that same drawing, so the two
documents show the same chart. Text is measured and, for the PNG, drawn with the serif font of
``fonts`` (Liberation Serif 2.x, metric-compatible with Times New Roman). Pillow comes with
weasyprint; no plotting library is needed.

Axis and value labels are written the Vietnamese way ("1.500", "12,5").
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from PIL import Image, ImageDraw, ImageFont

from tuyengiao.core.numbers import format_number
from tuyengiao.core.text import nfc
from tuyengiao.reports.document import Chart
from tuyengiao.reports.fonts import serif_fonts

__all__ = ["Drawing", "format_value", "layout_chart", "to_png", "to_svg"]

WIDTH = 600.0
# Dark enough to tell apart when printed in black and white.
PALETTE = ("#1f4e79", "#c00000", "#7f7f7f", "#548235", "#bf8f00", "#7030a0")
_LABEL = 14.0  # text size in drawing units (600 units ≈ 150 mm: 14 units ≈ 10 pt)
_SMALL = 12.0
_GRID = "#d9d9d9"
_INK = "#000000"


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    width: float = 1.0


@dataclass(frozen=True, slots=True)
class Text:
    """Text on a baseline at ``y``; ``anchor`` is ``start``, ``middle`` or ``end`` (SVG)."""

    x: float
    y: float
    text: str
    size: float = _LABEL
    anchor: str = "middle"
    bold: bool = False


@dataclass(slots=True)
class Drawing:
    width: float
    height: float
    items: list[Rect | Line | Text] = field(default_factory=list)


# --- Fonts -------------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
    # Fonts are immutable; caching them keeps a chart from reopening the file per label.
    return ImageFont.truetype(str(serif_fonts().files[bold, False]), size)


def _measure(text: str, size: float, bold: bool = False) -> float:
    return _font(size, bold).getlength(nfc(text))


# --- Numbers -----------------------------------------------------------------------------------


def format_value(value: float) -> str:
    """``1500`` → ``1.500``, ``12.5`` → ``12,5`` (one decimal at most)."""
    return format_number(round(value, 1))


def _nice_step(top: float, ticks: int = 5) -> float:
    if top <= 0:
        return 1.0
    raw = top / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def _axis(values: list[float]) -> tuple[float, list[float]]:
    """The axis maximum and its ticks (from 0)."""
    step = _nice_step(max(values, default=0.0))
    top = max(step, math.ceil(max(values, default=0.0) / step - 1e-9) * step)
    return top, [i * step for i in range(round(top / step) + 1)]


# --- Layout ------------------------------------------------------------------------------------


def _wrap(text: str, width: float, size: float, max_lines: int = 3) -> list[str]:
    """Word-wrap ``text`` to ``width``; a word longer than the width stays whole."""
    lines: list[str] = []
    for word in text.split():
        if lines and _measure(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return lines or [""]


def _legend(chart: Chart, y: float) -> Iterator[Rect | Text]:
    entries = [(s.name, _measure(s.name, _LABEL) + 32) for s in chart.series]
    x = (WIDTH - sum(w for _, w in entries)) / 2
    for i, (name, w) in enumerate(entries):
        yield Rect(x, y - 10, 12, 12, PALETTE[i])
        yield Text(x + 17, y, name, anchor="start")
        x += w


def layout_chart(chart: Chart) -> Drawing:
    """Lay a chart out; its height depends on the kind and the number of categories."""
    layout: Callable[[Chart], Drawing] = _layout_bar if chart.kind == "bar" else _layout_barh
    return layout(chart)


def _layout_bar(chart: Chart) -> Drawing:
    values = [v for s in chart.series for v in s.values]
    top, ticks = _axis(values)
    left = max(_measure(format_value(t), _SMALL) for t in ticks) + 12
    right, head = 8.0, 34.0
    group = (WIDTH - left - right) / len(chart.categories)
    labels = [_wrap(c, group - 6, _LABEL) for c in chart.categories]
    label_lines = max(len(lines) for lines in labels)
    legend = len(chart.series) > 1
    plot_h = 230.0
    height = head + plot_h + 8 + label_lines * 17 + (28 if legend else 6)
    base = head + plot_h
    d = Drawing(WIDTH, height)
    if chart.unit:
        d.items.append(Text(4, 16, f"Đơn vị: {chart.unit}", size=_SMALL, anchor="start"))
    for t in ticks:
        y = base - t / top * plot_h
        d.items.append(Line(left, y, WIDTH - right, y, _GRID if t else _INK))
        d.items.append(Text(left - 6, y + 4, format_value(t), size=_SMALL, anchor="end"))
    n = len(chart.series)
    bar = group * 0.72 / n
    show_values = _measure("0.000", _SMALL) <= bar + 8
    for c, lines in enumerate(labels):
        x0 = left + c * group + group * 0.14
        for i, s in enumerate(chart.series):
            h = s.values[c] / top * plot_h
            x = x0 + i * bar
            d.items.append(Rect(x + 1, base - h, bar - 2, h, PALETTE[i]))
            if show_values:
                d.items.append(
                    Text(x + bar / 2, base - h - 4, format_value(s.values[c]), size=_SMALL)
                )
        for k, line in enumerate(lines):
            d.items.append(Text(left + (c + 0.5) * group, base + 20 + k * 17, line))
    if legend:
        d.items.extend(_legend(chart, height - 8))
    return d


def _layout_barh(chart: Chart) -> Drawing:
    values = [v for s in chart.series for v in s.values]
    top, ticks = _axis(values)
    label_w = min(max(_measure(c, _LABEL) for c in chart.categories), WIDTH * 0.35)
    labels = [_wrap(c, label_w, _LABEL, max_lines=2) for c in chart.categories]
    left, right = label_w + 14, _measure(format_value(max(values)), _SMALL) + 14
    n = len(chart.series)
    bar = 16.0
    band = max(n * bar + 12, max(len(lines) for lines in labels) * 17 + 8)
    head = 26.0 if chart.unit else 8.0
    plot_h = band * len(chart.categories)
    legend = n > 1
    height = head + plot_h + 26 + (28 if legend else 0)
    plot_w = WIDTH - left - right
    d = Drawing(WIDTH, height)
    if chart.unit:
        d.items.append(Text(4, 16, f"Đơn vị: {chart.unit}", size=_SMALL, anchor="start"))
    for t in ticks:
        x = left + t / top * plot_w
        d.items.append(Line(x, head, x, head + plot_h, _GRID if t else _INK))
        d.items.append(Text(x, head + plot_h + 18, format_value(t), size=_SMALL))
    for c, lines in enumerate(labels):
        y0 = head + c * band
        first = y0 + band / 2 - (len(lines) - 1) * 17 / 2 + 5
        for k, line in enumerate(lines):
            d.items.append(Text(left - 8, first + k * 17, line, anchor="end"))
        for i, s in enumerate(chart.series):
            y = y0 + (band - n * bar) / 2 + i * bar
            w = s.values[c] / top * plot_w
            d.items.append(Rect(left, y + 1, w, bar - 2, PALETTE[i]))
            d.items.append(
                Text(
                    left + w + 4,
                    y + bar - 4,
                    format_value(s.values[c]),
                    size=_SMALL,
                    anchor="start",
                )
            )
    if legend:
        d.items.extend(_legend(chart, height - 8))
    return d


# --- Output ------------------------------------------------------------------------------------


def to_svg(drawing: Drawing, *, width_mm: float = 150, font_family: str = "") -> str:
    """The drawing as an ``<svg>`` element ``width_mm`` wide (height in proportion), its text
    in ``font_family`` (by default the family the text was measured with)."""
    font_family = font_family or serif_fonts().family
    height_mm = width_mm * drawing.height / drawing.width
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {drawing.width:g} '
        f'{drawing.height:.1f}" width="{width_mm:g}mm" height="{height_mm:.1f}mm" '
        f'font-family="{escape(font_family)}">'
    ]
    for item in drawing.items:
        if isinstance(item, Rect):
            parts.append(
                f'<rect x="{item.x:.1f}" y="{item.y:.1f}" width="{item.w:.1f}" '
                f'height="{item.h:.1f}" fill="{item.fill}"/>'
            )
        elif isinstance(item, Line):
            parts.append(
                f'<line x1="{item.x1:.1f}" y1="{item.y1:.1f}" x2="{item.x2:.1f}" '
                f'y2="{item.y2:.1f}" stroke="{item.stroke}" '
                f'stroke-width="{item.width:g}"/>'
            )
        else:
            weight = ' font-weight="bold"' if item.bold else ""
            parts.append(
                f'<text x="{item.x:.1f}" y="{item.y:.1f}" font-size="{item.size:g}" '
                f'text-anchor="{item.anchor}"{weight}>{escape(nfc(item.text))}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


_PIL_ANCHOR = {"start": "ls", "middle": "ms", "end": "rs"}


def to_png(drawing: Drawing, *, scale: float = 2.5) -> bytes:
    """The drawing as a PNG, ``scale`` pixels per unit (2.5: 1500 px wide, 250 dpi at 150 mm;
    3.0 doubles the time for little gain in print)."""
    size = (round(drawing.width * scale), round(drawing.height * scale))
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for item in drawing.items:
        if isinstance(item, Rect):
            if item.w > 0 and item.h > 0:
                box = (
                    item.x * scale,
                    item.y * scale,
                    (item.x + item.w) * scale,
                    (item.y + item.h) * scale,
                )
                draw.rectangle(box, fill=item.fill)
        elif isinstance(item, Line):
            draw.line(
                (item.x1 * scale, item.y1 * scale, item.x2 * scale, item.y2 * scale),
                fill=item.stroke,
                width=max(1, round(item.width * scale)),
            )
        else:
            draw.text(
                (item.x * scale, item.y * scale),
                nfc(item.text),
                fill=_INK,
                font=_font(item.size * scale, item.bold),
                anchor=_PIL_ANCHOR[item.anchor],
            )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
