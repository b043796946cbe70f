"""The emotion curve as inline SVG: no script needed, readable by screen readers.

An own SVG rather than Mermaid's xychart, because the lowest points must stand
out (marked and labelled) and the curve should show even without JavaScript.
"""
from __future__ import annotations

from ..labels import EMOTION_WORDS
from ..model import Journey
from .escape import html_text

WIDTH_PER_STEP = 56
HEIGHT = 220
TOP, BOTTOM, LEFT, RIGHT = 20, 40, 44, 20


def emotion_curve(journey: Journey, figure_id: str) -> str:
    steps = journey.steps
    lowest = journey.lowest_emotion
    width = LEFT + RIGHT + WIDTH_PER_STEP * max(len(steps) - 1, 1)
    plot_height = HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + WIDTH_PER_STEP * i if len(steps) > 1 else LEFT + WIDTH_PER_STEP / 2

    def y(emotion: int) -> float:
        return TOP + plot_height * (5 - emotion) / 4

    parts = [
        f'<svg class="kw-curve" viewBox="0 0 {width} {HEIGHT}" width="{width}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="{figure_id}-title {figure_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{figure_id}-title">Gefühlskurve: {html_text(journey.title)}</title>',
        f'<desc id="{figure_id}-desc">{len(steps)} Schritte; tiefster Wert {lowest} von 5 '
        f"({EMOTION_WORDS[lowest]}). Die Tabelle „Journey Map“ enthält dieselben Werte als Text.</desc>",
    ]
    for emotion in range(1, 6):
        parts.append(
            f'<line class="kw-grid" x1="{LEFT}" x2="{width - RIGHT}" y1="{y(emotion)}" y2="{y(emotion)}"/>'
            f'<text class="kw-axis" x="{LEFT - 10}" y="{y(emotion) + 4}" text-anchor="end">{emotion}</text>'
        )
    points = " ".join(f"{x(i)},{y(step.emotion)}" for i, step in enumerate(steps))
    parts.append(f'<polyline class="kw-line" points="{points}"/>')
    for i, step in enumerate(steps):
        low = journey.is_low_point(step)
        css = "kw-point kw-low" if low else "kw-point"
        label = f"Schritt {i + 1}: {html_text(step.action)} ({step.emotion} von 5, {EMOTION_WORDS[step.emotion]})"
        parts.append(
            f'<g class="{css}"><title>{label}</title>'
            f'<circle cx="{x(i)}" cy="{y(step.emotion)}" r="{7 if low else 5}"/></g>'
            f'<text class="kw-axis" x="{x(i)}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{i + 1}</text>'
        )
        if low:
            parts.append(f'<text class="kw-low-label" x="{x(i)}" y="{y(step.emotion) - 12}" text-anchor="middle">Tiefpunkt</text>')
    parts.append("</svg>")
    return "".join(parts)
