"""The emotion curve, in two drawings that share one vertical scale.

- Inside the journey map, each step column draws its own piece of the curve
  (`column_segment`): the point sits at the column's centre by construction,
  however wide the browser makes the column, and the pieces meet at the
  column borders because neighbours compute the same midpoint.
- As a chart (`emotion_chart`) for one journey, or for a current and a target
  journey in one drawing: stages are bands along the axis, so the two curves
  line up by stage even when their steps differ.

Own SVG rather than Mermaid's xychart: low points must stand out, the curve
must show without JavaScript, and two journeys need shared stage bands.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

from ..labels import EMOTION_WORDS
from ..model import Journey, Step
from ..text import flat
from .escape import html_text

# Where emotion 5 (top) and 1 (bottom) sit, in percent of the drawing's height.
LEVEL_TOP, LEVEL_BOTTOM = 12.0, 88.0


def level(emotion: int) -> float:
    """Vertical position of an emotion, in percent from the top."""
    return LEVEL_TOP + (LEVEL_BOTTOM - LEVEL_TOP) * (5 - emotion) / 4


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def column_segment(previous: int | None, emotion: int, following: int | None) -> str:
    """The curve inside one step column: from the left border to the centre point to the right border.

    Stretched to the column (`preserveAspectRatio="none"`), so the point's x is always 50 %.
    The point itself is drawn by the caller as HTML over the centre, so it stays round; the
    lines of the five levels are the cell's background (journey-map.css), at the same heights.
    """
    here = level(emotion)
    points = [f"50,{_num(here)}"]
    if previous is not None:
        points.insert(0, f"0,{_num((level(previous) + here) / 2)}")
    if following is not None:
        points.append(f"100,{_num((level(following) + here) / 2)}")
    return (
        '<svg class="kw-curve-segment" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true" '
        f'focusable="false"><polyline class="kw-line" points="{" ".join(points)}"/></svg>'
    )


@dataclass(frozen=True)
class Series:
    """One journey in a chart: its steps per stage band (empty where it lacks that stage)."""

    name: str  # "Ist-Journey", "Soll-Journey"; "" when the chart shows one journey
    css: str  # colour, dash and marker shape, e.g. "kw-series-current"
    bands: tuple[tuple[Step, ...], ...]

    @property
    def steps(self) -> list[Step]:
        return [step for band in self.bands for step in band]


SLOT = 64  # horizontal room per step
LEFT, RIGHT, TOP = 34, 14, 14
PLOT_HEIGHT = 170
LABEL_LINE = 15
CHAR_WIDTH = 7.2  # average width of a 12px label character, for wrapping stage names


def _marker(shape: int, x: float, y: float, low: bool) -> str:
    if shape % 2 == 0:
        return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{7 if low else 5}"/>'
    half = 6.5 if low else 4.5
    return f'<rect x="{_num(x - half)}" y="{_num(y - half)}" width="{_num(2 * half)}" height="{_num(2 * half)}"/>'


def _label(name: str, width: int) -> list[str]:
    """A stage name in at most three lines under its band; the table next to the chart has it in full."""
    lines = textwrap.wrap(flat(name), max(4, int((width - 8) / CHAR_WIDTH)), break_long_words=True)
    return lines if len(lines) <= 3 else lines[:2] + [lines[2][:-1] + "…"]


def emotion_chart(title: str, band_names: list[str], series: list[Series], figure_id: str, description: str) -> str:
    """One or more journeys' curves over shared stage bands; low points marked, every point titled."""
    widths = [SLOT * max([1] + [len(s.bands[b]) for s in series]) for b in range(len(band_names))]
    label_lines = [_label(name, w) for name, w in zip(band_names, widths)]
    label_height = LABEL_LINE * max([1] + [len(lines) for lines in label_lines]) + 10
    width = LEFT + sum(widths) + RIGHT
    height = TOP + PLOT_HEIGHT + label_height
    starts = [LEFT + sum(widths[:b]) for b in range(len(widths))]

    def y(emotion: int) -> float:
        return TOP + PLOT_HEIGHT * level(emotion) / 100

    parts = [
        f'<svg class="kw-curve" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{figure_id}-title {figure_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{figure_id}-title">{html_text(title)}</title><desc id="{figure_id}-desc">{html_text(description)}</desc>',
    ]
    for emotion in range(1, 6):
        parts.append(
            f'<line class="kw-grid" x1="{LEFT}" x2="{width - RIGHT}" y1="{_num(y(emotion))}" y2="{_num(y(emotion))}"/>'
            f'<text class="kw-axis" x="{LEFT - 8}" y="{_num(y(emotion) + 4)}" text-anchor="end">{emotion}</text>'
        )
    for b, (start, band_width) in enumerate(zip(starts, widths)):
        if b:
            parts.append(f'<line class="kw-band" x1="{start}" x2="{start}" y1="{TOP}" y2="{TOP + PLOT_HEIGHT + 6}"/>')
        for n, line in enumerate(label_lines[b]):
            parts.append(
                f'<text class="kw-axis kw-band-label" x="{_num(start + band_width / 2)}" '
                f'y="{TOP + PLOT_HEIGHT + 8 + LABEL_LINE * (n + 1) - 3}" text-anchor="middle">{html_text(line)}</text>'
            )
    for shape, one in enumerate(series):
        lowest = min(step.emotion for step in one.steps)
        varied = len({step.emotion for step in one.steps}) > 1
        coordinates, markers, number = [], [], 0
        for b, band in enumerate(one.bands):
            for i, step in enumerate(band):
                number += 1
                x = starts[b] + widths[b] * (i + 0.5) / len(band)
                coordinates.append(f"{_num(x)},{_num(y(step.emotion))}")
                low = varied and step.emotion == lowest
                who = f"{one.name}, " if one.name else ""
                label = f"{who}Schritt {number}: {html_text(step.action)} ({step.emotion} von 5, {EMOTION_WORDS[step.emotion]})"
                markers.append(
                    f'<g class="kw-point{" kw-low" if low else ""}"><title>{label}</title>{_marker(shape, x, y(step.emotion), low)}</g>'
                )
                if low and len(series) == 1:
                    markers.append(
                        f'<text class="kw-low-label" x="{_num(x)}" y="{_num(y(step.emotion) - 12)}" text-anchor="middle">Tiefpunkt</text>'
                    )
        parts.append(f'<g class="kw-series {one.css}"><polyline class="kw-line" points="{" ".join(coordinates)}"/>{"".join(markers)}</g>')
    parts.append("</svg>")
    return "".join(parts)


def emotion_curve(journey: Journey, figure_id: str) -> str:
    """The chart of one journey: its stages as bands, its low points marked."""
    lowest = journey.lowest_emotion
    return emotion_chart(
        f"Gefühlskurve: {journey.title}",
        [stage.name for stage in journey.stages],
        [Series("", "kw-series-one", tuple(stage.steps for stage in journey.stages))],
        figure_id,
        f"{len(journey.steps)} Schritte in {len(journey.stages)} Phasen; tiefster Wert {lowest} von 5 ({EMOTION_WORDS[lowest]}). "
        "Die Journey Map enthält dieselben Werte als Text.",
    )
