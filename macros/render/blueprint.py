"""The service blueprint as our own SVG: the service from front to back, one column per step.

Lanes from top to bottom: what the customer does, what is visible in the
contact (touchpoint, channel, the people the customer meets), the line of
visibility, what happens behind the scenes, and the processes that support it.
Own SVG rather than Mermaid, so the columns line up with the steps, the text
wraps inside its boxes and the drawing prints at any width. SVG does not wrap
text, so lines are broken here, by an estimate of the characters that fit.
All of its text is in the journey map as well, which is its text alternative.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Journey, Persona, Step
from ..text import flat
from .escape import html_text

LABEL_WIDTH = 128
COLUMN = 152
BOX_MARGIN = 7
PADDING = 8
FONT = 13
LINE = 17
# Average width of a character at 13px: 6.1 measured in Chromium with Liberation Sans (Arial's metrics);
# wider fonts such as DejaVu Sans reach about 7. tests/test_journey_page.py checks the real widths.
CHAR_WIDTH = 6.8
STAGE_HEIGHT = 44
GAP = 8
EMPTY_LANE = 30
VISIBILITY_GAP = 26

BOLD = ' font-weight="700"'
LANES = ("Kundenhandlungen", "Im Kontakt sichtbar", "Hinter den Kulissen", "Unterstützende Prozesse")
LANE_CSS = ("kw-bp-customer", "kw-bp-front", "kw-bp-back", "kw-bp-support")


@dataclass(frozen=True)
class Box:
    lines: tuple[tuple[str, bool], ...]  # (text, bold)

    @property
    def height(self) -> int:
        return 2 * PADDING + LINE * len(self.lines) - (LINE - FONT) + 2


# A piece of text that may start a new line: a word, or the part of a compound up to and with its hyphen.
_PIECE = re.compile(r"( ?)([^ -]*-+(?=[^ -])|[^ ]+)")


def wrap(text: str, width: float = COLUMN - 2 * BOX_MARGIN - 2 * PADDING) -> list[str]:
    """Lines that fit `width` at the estimated character width, broken at spaces and after hyphens.

    A word longer than a line is cut. Greedy and simple on purpose: it runs for every text of every
    journey in each build, and textwrap was the blueprint's largest cost.
    """
    limit = max(4, int(width / CHAR_WIDTH))
    lines: list[str] = []
    line = ""
    for space, piece in _PIECE.findall(flat(text)):
        if line and len(line) + len(space) + len(piece) <= limit:
            line += space + piece
            continue
        if line:
            lines.append(line)
        while len(piece) > limit:
            lines.append(piece[:limit])
            piece = piece[limit:]
        line = piece
    if line:
        lines.append(line)
    return lines or ["–"]


def persona_names(persona: Persona) -> set[str]:
    """How steps name the persona among their actors: the full name or the part before the first comma."""
    return {persona.name.strip(), persona.name.split(",")[0].strip()}


def _boxes(step: Step, number: int, persona: set[str]) -> list[list[Box]]:
    """The boxes of one step, per lane."""
    customer = [Box(tuple((line, False) for line in wrap(f"{number}. {step.action}")))]
    front_lines = [(line, True) for line in wrap(step.touchpoint)] if step.touchpoint else []
    front_lines += [(line, False) for line in wrap(f"Kanal: {step.channel}")] if step.channel else []
    staff = [actor for actor in step.actors if actor.strip() not in persona]
    front_lines += [(line, False) for line in wrap("Mit: " + ", ".join(staff))] if staff else []
    front = [Box(tuple(front_lines))] if front_lines else []
    back = [Box(tuple((line, False) for line in wrap(item))) for item in step.backstage]
    support = [Box(tuple((line, False) for line in wrap(item))) for item in step.support]
    return [customer, front, back, support]


def _stack_height(boxes: list[Box]) -> int:
    return sum(box.height for box in boxes) + GAP * max(len(boxes) - 1, 0)


def _text(x: float, y: float, lines: tuple[tuple[str, bool], ...] | list[tuple[str, bool]], css: str, anchor: str = "start") -> str:
    spans = "".join(
        f'<tspan x="{x:.0f}" y="{y + LINE * n:.0f}"{BOLD if bold else ""}>{html_text(text)}</tspan>'
        for n, (text, bold) in enumerate(lines)
    )
    return f'<text class="{css}" text-anchor="{anchor}">{spans}</text>'


def service_blueprint(journey: Journey, persona: Persona, figure_id: str) -> str:
    """The blueprint of one journey as an SVG figure with title and description."""
    steps = journey.steps
    names = persona_names(persona)
    columns = [_boxes(n.step, n.number, names) for n in journey.numbered_steps()]
    lane_heights = [
        max([EMPTY_LANE] + [_stack_height(column[lane]) + 2 * GAP for column in columns]) for lane in range(len(LANES))
    ]
    lane_tops = []
    y = STAGE_HEIGHT + GAP
    for lane, height in enumerate(lane_heights):
        if lane == 2:
            y += VISIBILITY_GAP
        lane_tops.append(y)
        y += height
    width = LABEL_WIDTH + COLUMN * len(steps) + GAP
    height = y + GAP
    visibility = lane_tops[2] - VISIBILITY_GAP / 2

    parts = [
        # On screen it may shrink to the width, but not below 88 % (about 11.5px type); then it scrolls, marked.
        f'<svg class="kw-blueprint-svg" viewBox="0 0 {width} {height:.0f}" width="{width}" height="{height:.0f}" '
        f'style="min-width: {width * 0.88:.0f}px" role="img" '
        f'aria-labelledby="{figure_id}-title {figure_id}-desc" xmlns="http://www.w3.org/2000/svg" font-size="{FONT}">',
        f'<title id="{figure_id}-title">Service Blueprint: {html_text(journey.title)}</title>',
        f'<desc id="{figure_id}-desc">{len(steps)} Schritte von vorne nach hinten: Kundenhandlungen, im Kontakt sichtbar, '
        "Sichtbarkeitslinie, hinter den Kulissen, unterstützende Prozesse. Die Journey Map enthält dieselben Angaben als Text.</desc>",
        f'<defs><marker id="{figure_id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path class="kw-bp-arrowhead" d="M0 0L10 5L0 10z"/></marker></defs>',
    ]
    # Stage headers over their columns.
    x = LABEL_WIDTH
    for stage in journey.stages:
        span = COLUMN * len(stage.steps)
        name = wrap(stage.name, span - 2 * BOX_MARGIN - 2 * PADDING)
        name = name if len(name) <= 2 else [name[0], name[1][:-1] + "…"]  # the map's header has it in full
        lines = [(line, True) for line in name]
        parts.append(
            f'<rect class="kw-bp-stage" x="{x + BOX_MARGIN}" y="{GAP}" width="{span - 2 * BOX_MARGIN}" height="{STAGE_HEIGHT - GAP}" rx="4"/>'
            + _text(x + span / 2, GAP + 15 if len(lines) > 1 else GAP + 23, lines, "kw-bp-stage-text", "middle")
        )
        x += span
    # Lanes: a band with its label, then every step's boxes in it.
    for lane, (name, css) in enumerate(zip(LANES, LANE_CSS)):
        top, band = lane_tops[lane], lane_heights[lane]
        parts.append(f'<rect class="kw-bp-lane" x="0" y="{top}" width="{width}" height="{band}"/>')
        label = [(line, True) for line in wrap(name, LABEL_WIDTH - 2 * PADDING)]
        parts.append(_text(PADDING, top + GAP + FONT + 2, label, "kw-bp-label"))
    parts.append(
        f'<line class="kw-bp-visibility" x1="0" x2="{width}" y1="{visibility:.0f}" y2="{visibility:.0f}"/>'
        + _text(PADDING, visibility - 5, [("Sichtbarkeitslinie", True)], "kw-bp-visibility-text")
    )
    tops_of_actions = []
    for n, column in enumerate(columns):
        left = LABEL_WIDTH + COLUMN * n + BOX_MARGIN
        box_width = COLUMN - 2 * BOX_MARGIN
        previous_bottom = None
        for lane, boxes in enumerate(column):
            y = lane_tops[lane] + GAP
            for box in boxes:
                if previous_bottom is not None:
                    parts.append(
                        f'<line class="kw-bp-link" x1="{left + box_width / 2:.0f}" x2="{left + box_width / 2:.0f}" '
                        f'y1="{previous_bottom:.0f}" y2="{y:.0f}"/>'
                    )
                parts.append(
                    f'<rect class="kw-bp-box {LANE_CSS[lane]}" x="{left}" y="{y:.0f}" width="{box_width}" height="{box.height}" rx="4"/>'
                    + _text(left + PADDING, y + PADDING + FONT - 1, box.lines, "kw-bp-text")
                )
                if lane == 0:
                    tops_of_actions.append((left, left + box_width))
                previous_bottom = y + box.height
                y += box.height + GAP
    flow = lane_tops[0] + GAP + 12  # the customer's actions follow each other: arrows along the top of their boxes
    for (_, right), (left, _) in zip(tops_of_actions, tops_of_actions[1:]):
        parts.append(
            f'<line class="kw-bp-flow" x1="{right:.0f}" y1="{flow}" x2="{left - 1:.0f}" y2="{flow}" marker-end="url(#{figure_id}-arrow)"/>'
        )
    parts.append("</svg>")
    return "".join(parts)
