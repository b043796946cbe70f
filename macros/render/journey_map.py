"""The journey map in two layouts of the same content.

- Wide screens and paper: one table. Stages are column groups, steps are
  columns, lanes are rows with headers; the emotion curve runs through its own
  lane, one piece per step column (see `curve.column_segment`), so every point
  sits over its step.
- Phones: the same content as a vertical sequence of stages and steps.

CSS shows one of the two; the other is hidden from everyone (display: none),
and the phone layout is left out of the search index.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from ..labels import CONFIDENCE_LABELS, CONFIDENCE_NAME, EMOTION_WORDS, STEP_TITLES, TOPIC_LABELS
from ..model import Improvement, Journey, PainPoint, Persona, Step, is_assumed
from .values import emotion_label, german_date, improvement_status
from .curve import column_segment, level
from .escape import html_text
from .faces import emotion_icon
from .html import bullet_list, facts, scroll_region
from .workshop import poster_head


def _tag(text: str, css: str) -> str:
    return f'<span class="kw-tag {css}">{text}</span>'


def confidence_tag(confidence: str) -> str:
    return _tag(CONFIDENCE_LABELS[confidence], f"kw-conf-{confidence}") if confidence else ""


def _evidence(evidence: tuple[str, ...]) -> str:
    if not evidence:
        return ""
    return f'<span class="kw-evidence">Belege: {html_text("; ".join(evidence))}</span>'


def _pain_point(point: PainPoint) -> str:
    topic = _tag(f"Thema: {TOPIC_LABELS[point.topic]}", "kw-topic") if point.topic else ""
    css = ' class="kw-assumed"' if point.assumed else ""
    return f"<li{css}>{html_text(point.text)} {topic}{confidence_tag(point.confidence)}{_evidence(point.evidence)}</li>"


def _improvement(improvement: Improvement, today: dt.date) -> str:
    facts = [f"Stand: {improvement_status(improvement, today)}"]
    if improvement.due:
        facts.append(f"bis {german_date(improvement.due)}")
    return f'<li>{html_text(improvement.action)} <span class="kw-improvement-facts">({", ".join(facts)})</span></li>'


def _items(items: list[str]) -> str:
    return f'<ul>{"".join(items)}</ul>' if items else ""


def _action(number: int, step: Step) -> str:
    return f'<span class="kw-step-no">{number}.</span> {html_text(step.action)} {confidence_tag(step.confidence)}'


def _assumed(step: Step) -> str:
    return " kw-assumed" if step.assumed else ""


@dataclass(frozen=True)
class Lane:
    """One row of the map: its header, its class, and what it shows for a step (None: the layout draws it itself)."""

    header: str
    css: str
    cell: Callable[[Journey, Step, dt.date], str] | None
    always: bool = False  # shown even when no step has data for it
    detail: bool = True  # listed among a step's details in the phone layout


# The lanes of the map, top to bottom, named by the schema; the phone layout lists the `detail` lanes in the same order.
LANES = (
    Lane(STEP_TITLES["action"], "kw-lane-action", lambda j, s, today: f"{html_text(s.action)} {confidence_tag(s.confidence)}", always=True, detail=False),
    Lane(STEP_TITLES["actors"], "kw-lane-actors", lambda j, s, today: html_text(", ".join(s.actors))),
    Lane(STEP_TITLES["touchpoint"], "kw-lane-touchpoint", lambda j, s, today: html_text(s.touchpoint)),
    Lane(STEP_TITLES["channel"], "kw-lane-channel", lambda j, s, today: html_text(s.channel)),
    Lane(STEP_TITLES["emotion"], "kw-lane-emotion", None, always=True, detail=False),  # see _emotion_cells
    Lane(STEP_TITLES["pain_points"], "kw-pain", lambda j, s, today: _items([_pain_point(p) for p in s.pain_points])),
    Lane(STEP_TITLES["opportunities"], "kw-chance", lambda j, s, today: bullet_list(s.opportunities)),
    Lane(STEP_TITLES["moment_of_truth"], "kw-lane-mot", lambda j, s, today: '<strong class="kw-mot">Moment der Wahrheit</strong>' if s.moment_of_truth else "", detail=False),
    Lane(STEP_TITLES["backstage"], "kw-lane-backstage", lambda j, s, today: bullet_list(s.backstage)),
    Lane(STEP_TITLES["support"], "kw-lane-support", lambda j, s, today: bullet_list(s.support)),
    Lane(STEP_TITLES["evidence"], "kw-lane-evidence", lambda j, s, today: bullet_list(s.evidence)),
    Lane("Maßnahmen", "kw-lane-improvements", lambda j, s, today: _items([_improvement(i, today) for i in j.improvements_for(s)])),
)


def _lanes(journey: Journey, today: dt.date) -> list[tuple[Lane, list[str]]]:
    """Every lane that has data in at least one step (or is always shown), with one cell per step."""
    steps = journey.steps
    lanes = [(lane, [lane.cell(journey, s, today) for s in steps] if lane.cell else []) for lane in LANES]
    return [(lane, cells) for lane, cells in lanes if lane.always or any(cells)]


def _emotion_cells(journey: Journey) -> list[str]:
    steps = journey.steps
    cells = []
    for i, step in enumerate(steps):
        previous = steps[i - 1].emotion if i else None
        following = steps[i + 1].emotion if i + 1 < len(steps) else None
        low = journey.is_low_point(step)
        cells.append(
            f'<div class="kw-curve-cell" data-search-exclude>{column_segment(previous, step.emotion, following)}'
            f'<span class="kw-dot" style="top: {level(step.emotion):.0f}%">{emotion_icon(step.emotion)}</span></div>'
            f'<span class="kw-emotion-text">{step.emotion} – {EMOTION_WORDS[step.emotion]}</span>'
            + (' <strong class="kw-low-text">Tiefpunkt</strong>' if low else "")
        )
    return cells


def _scale() -> str:
    """The curve's scale in the lane header, at the same heights as the points (for sighted readers)."""
    marks = "".join(
        f'<span style="top: {level(e):.0f}%">{e} {EMOTION_WORDS[e]}</span>' for e in (5, 3, 1)
    )
    return f'<span class="kw-curve-cell kw-scale" aria-hidden="true" data-search-exclude>{marks}</span>'


def legend(journey: Journey) -> str:
    """What the marks mean, in words."""
    items = ["Gefühl: 1 sehr schlecht bis 5 sehr gut; jeder Punkt der Kurve steht über seinem Schritt."]
    if any(journey.is_low_point(s) for s in journey.steps):
        items.append("Tiefpunkt: der schlechteste Wert der Journey.")
    confidences = {c for s in journey.steps for c in s.confidences}
    if any(is_assumed(c) for c in confidences):
        items.append("Gestrichelt umrandet und „vermutet“: vermutet oder erfunden, im nächsten Gespräch mit Kundschaft prüfen.")
    if "published" in confidences:
        items.append(f"{CONFIDENCE_NAME} „aus einer Veröffentlichung“: so erzählt es eine veröffentlichte Quelle, die der Beleg nennt.")
    if any(s.confidence == "planned" for s in journey.steps):
        items.append("„geplant“: so vorgesehen, noch nicht erlebt.")
    return '<ul class="kw-legend" aria-label="Legende" data-search-exclude>' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def map_table(journey: Journey, today: dt.date) -> str:
    """The wide layout: a real table with stage and step headers and one header per lane,
    in a keyboard-reachable region that says it scrolls sideways."""
    steps = journey.steps
    assumed = [_assumed(s) for s in steps]
    stage_headers = "".join(
        f'<th scope="colgroup" colspan="{len(stage.steps)}">{html_text(stage.name)}'
        + (f'<span class="kw-goal">Ziel: {html_text(stage.goal)}</span>' if stage.goal else "")
        + "</th>"
        for stage in journey.stages
    )
    # Short column headers, so that paper repeats them on every sheet (Chromium skips tall ones); the action is the first lane.
    step_headers = "".join(f'<th scope="col" class="kw-step{_assumed(n.step)}">Schritt {n.number}</th>' for n in journey.numbered_steps())
    colgroups = "<colgroup><col></colgroup>" + "".join(
        f'<colgroup span="{len(stage.steps)}"></colgroup>' for stage in journey.stages
    )
    low = [" kw-low" if journey.is_low_point(s) else "" for s in steps]
    rows = []
    for lane, cells in _lanes(journey, today):
        header, css, kinds = lane.header, lane.css, ["kw-cell"] * len(steps)
        if lane.cell is None:
            header, cells = f"{_scale()}{lane.header}", _emotion_cells(journey)
            kinds = [f"kw-cell kw-emotion{mark}" for mark in low]
        tds = "".join(f'<td class="{kind}{mark}">{cell}</td>' for kind, mark, cell in zip(kinds, assumed, cells))
        rows.append(f'<tr class="{css}"><th scope="row">{header}</th>{tds}</tr>')
    caption = f"Journey Map: {html_text(journey.title)} – {len(journey.stages)} Phasen, {len(steps)} Schritte"
    table = (
        f'<table class="kw-map"><caption>{caption}</caption>{colgroups}'
        f'<thead><tr><th scope="row">Phase</th>{stage_headers}</tr><tr><th scope="row">Schritt</th>{step_headers}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>'
    )
    return (
        f'<p class="kw-scroll-hint" id="kw-map-hint-{journey.id}">Die Journey Map ist breiter als der Platz hier: '
        "seitlich scrollen (wischen, Umschalt + Mausrad oder nach einem Klick in die Tabelle die Pfeiltasten). "
        "Die erste Spalte bleibt stehen.</p>"
        + scroll_region("Journey Map, seitlich scrollbar", table, css="kw-scroll kw-map-scroll", described_by=f"kw-map-hint-{journey.id}")
    )


def step_sequence(journey: Journey, today: dt.date) -> str:
    """The phone layout: stages one below the other, each step with all it has."""
    details = [lane for lane in LANES if lane.detail]
    stages: dict[int, list[str]] = {}
    for numbered in journey.numbered_steps():
        step = numbered.step
        low = ' <strong class="kw-low-text">Tiefpunkt</strong>' if journey.is_low_point(step) else ""
        pairs = [(lane.header, value) for lane in details if (value := lane.cell(journey, step, today))]
        mot = '<p><strong class="kw-mot">Moment der Wahrheit</strong></p>' if step.moment_of_truth else ""
        stages.setdefault(numbered.stage_number, []).append(
            f'<li class="kw-seq-step kw-e{step.emotion}{_assumed(step)}"><p class="kw-seq-action">{_action(numbered.number, step)}</p>'
            f'<p class="kw-seq-emotion">{emotion_label(step.emotion)}{low}</p>{mot}{facts(pairs)}</li>'
        )
    parts = []
    for number, stage in enumerate(journey.stages, start=1):
        goal = f'<p class="kw-goal">Ziel: {html_text(stage.goal)}</p>' if stage.goal else ""
        parts.append(
            f'<li class="kw-seq-stage"><h3 class="kw-seq-stage-name">Phase {number}: {html_text(stage.name)}</h3>{goal}'
            f'<ol class="kw-seq-steps">{"".join(stages[number])}</ol></li>'
        )
    return f'<div class="kw-sequence" data-search-exclude><ol class="kw-seq-stages" aria-label="Journey Map: Phasen und Schritte">{"".join(parts)}</ol></div>'


def journey_map(journey: Journey, persona: Persona, today: dt.date) -> str:
    """The map with its legend, in both layouts (CSS shows the one that fits), and the head it has as a poster."""
    return (
        f'<div class="kw-journey-map">{poster_head(journey, persona, today)}{legend(journey)}'
        f"{map_table(journey, today)}{step_sequence(journey, today)}</div>"
    )
