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

from ..labels import CONFIDENCE_LABELS, CONFIDENCE_NAME, EMOTION_WORDS, TOPIC_LABELS
from ..model import Improvement, Journey, PainPoint, Persona, Step
from .blocks import bullet_list, emotion_label, german_date, improvement_status
from .curve import column_segment, level
from .escape import html_text
from .faces import emotion_icon
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
    css = ' class="kw-assumed"' if point.confidence == "assumed" else ""
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


def _lanes(journey: Journey, today: dt.date) -> list[tuple[str, str, list[str]]]:
    """(header, class, one cell per step) for every lane that has data in at least one step."""
    steps = journey.steps
    lanes = [
        ("Handlung", "kw-lane-action", [f"{html_text(s.action)} {confidence_tag(s.confidence)}" for s in steps]),
        ("Beteiligte", "kw-lane-actors", [html_text(", ".join(s.actors)) for s in steps]),
        ("Berührungspunkt", "kw-lane-touchpoint", [html_text(s.touchpoint) for s in steps]),
        ("Kanal", "kw-lane-channel", [html_text(s.channel) for s in steps]),
        ("Gefühl", "kw-lane-emotion", []),  # drawn separately: see _emotion_cells
        ("Schmerzpunkte", "kw-pain", [_items([_pain_point(p) for p in s.pain_points]) for s in steps]),
        ("Chancen", "kw-chance", [bullet_list(s.opportunities) for s in steps]),
        ("Moment der Wahrheit", "kw-lane-mot", ['<strong class="kw-mot">Moment der Wahrheit</strong>' if s.moment_of_truth else "" for s in steps]),
        ("Hinter den Kulissen", "kw-lane-backstage", [bullet_list(s.backstage) for s in steps]),
        ("Unterstützende Prozesse", "kw-lane-support", [bullet_list(s.support) for s in steps]),
        ("Belege", "kw-lane-evidence", [bullet_list(s.evidence) for s in steps]),
        ("Maßnahmen", "kw-lane-improvements", [_items([_improvement(i, today) for i in journey.improvements_for(s)]) for s in steps]),
    ]
    return [lane for lane in lanes if lane[1] in ("kw-lane-action", "kw-lane-emotion") or any(lane[2])]


def _emotion_cells(journey: Journey) -> list[str]:
    steps = journey.steps
    cells = []
    for i, step in enumerate(steps):
        previous = steps[i - 1].emotion if i else None
        following = steps[i + 1].emotion if i + 1 < len(steps) else None
        low = journey.is_low_point(step)
        cells.append(
            f'<div class="kw-curve-cell">{column_segment(previous, step.emotion, following)}'
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
    return f'<span class="kw-curve-cell kw-scale" aria-hidden="true">{marks}</span>'


def legend(journey: Journey) -> str:
    """What the marks mean, in words."""
    items = ["Gefühl: 1 sehr schlecht bis 5 sehr gut; jeder Punkt der Kurve steht über seinem Schritt."]
    if any(journey.is_low_point(s) for s in journey.steps):
        items.append("Tiefpunkt: der schlechteste Wert der Journey.")
    assumed = any(s.confidence == "assumed" or any(p.confidence == "assumed" for p in s.pain_points) for s in journey.steps)
    if assumed:
        items.append("Gestrichelt umrandet und „vermutet“: vermutet oder erfunden, im nächsten Gespräch mit Kundschaft prüfen.")
    if any(s.confidence == "published" or any(p.confidence == "published" for p in s.pain_points) for s in journey.steps):
        items.append(f"{CONFIDENCE_NAME} „aus einer Veröffentlichung“: so erzählt es eine veröffentlichte Quelle, die der Beleg nennt.")
    if any(s.confidence == "planned" for s in journey.steps):
        items.append("„geplant“: so vorgesehen, noch nicht erlebt.")
    return '<ul class="kw-legend" aria-label="Legende">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def map_table(journey: Journey, today: dt.date) -> str:
    """The wide layout: a real table with stage and step headers and one header per lane,
    in a keyboard-reachable region that says it scrolls sideways."""
    steps = journey.steps
    assumed = [" kw-assumed" if s.confidence == "assumed" else "" for s in steps]
    stage_headers = "".join(
        f'<th scope="colgroup" colspan="{len(stage.steps)}">{html_text(stage.name)}'
        + (f'<span class="kw-goal">Ziel: {html_text(stage.goal)}</span>' if stage.goal else "")
        + "</th>"
        for stage in journey.stages
    )
    # Short column headers, so that paper repeats them on every sheet (Chromium skips tall ones); the action is the first lane.
    step_headers = "".join(f'<th scope="col" class="kw-step{css}">Schritt {i + 1}</th>' for i, css in enumerate(assumed))
    colgroups = "<colgroup><col></colgroup>" + "".join(
        f'<colgroup span="{len(stage.steps)}"></colgroup>' for stage in journey.stages
    )
    low = [" kw-low" if journey.is_low_point(s) else "" for s in steps]
    rows = []
    for header, css, cells in _lanes(journey, today):
        kinds = ["kw-cell"] * len(steps)
        if css == "kw-lane-emotion":
            header, cells = f"{_scale()}Gefühl", _emotion_cells(journey)
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
        f'<div class="kw-scroll kw-map-scroll" role="region" tabindex="0" aria-label="Journey Map, seitlich scrollbar" '
        f'aria-describedby="kw-map-hint-{journey.id}">{table}</div>'
    )


def step_sequence(journey: Journey, today: dt.date) -> str:
    """The phone layout: stages one below the other, each step with all it has."""
    number = 0
    stages = []
    for s, stage in enumerate(journey.stages):
        items = []
        for step in stage.steps:
            number += 1
            low = ' <strong class="kw-low-text">Tiefpunkt</strong>' if journey.is_low_point(step) else ""
            facts = [
                ("Beteiligte", html_text(", ".join(step.actors))),
                ("Berührungspunkt", html_text(step.touchpoint)),
                ("Kanal", html_text(step.channel)),
                ("Schmerzpunkte", _items([_pain_point(p) for p in step.pain_points])),
                ("Chancen", bullet_list(step.opportunities)),
                ("Hinter den Kulissen", bullet_list(step.backstage)),
                ("Unterstützende Prozesse", bullet_list(step.support)),
                ("Belege", bullet_list(step.evidence)),
                ("Maßnahmen", _items([_improvement(i, today) for i in journey.improvements_for(step)])),
            ]
            details = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in facts if value)
            mot = '<p><strong class="kw-mot">Moment der Wahrheit</strong></p>' if step.moment_of_truth else ""
            css = " kw-assumed" if step.confidence == "assumed" else ""
            items.append(
                f'<li class="kw-seq-step kw-e{step.emotion}{css}"><p class="kw-seq-action">{_action(number, step)}</p>'
                f'<p class="kw-seq-emotion">{emotion_label(step.emotion)}{low}</p>{mot}<dl>{details}</dl></li>'
            )
        goal = f'<p class="kw-goal">Ziel: {html_text(stage.goal)}</p>' if stage.goal else ""
        stages.append(
            f'<li class="kw-seq-stage"><h3 class="kw-seq-stage-name">Phase {s + 1}: {html_text(stage.name)}</h3>{goal}'
            f'<ol class="kw-seq-steps">{"".join(items)}</ol></li>'
        )
    return f'<div class="kw-sequence" data-search-exclude><ol class="kw-seq-stages" aria-label="Journey Map: Phasen und Schritte">{"".join(stages)}</ol></div>'


def journey_map(journey: Journey, persona: Persona, today: dt.date) -> str:
    """The map with its legend, in both layouts (CSS shows the one that fits), and the head it has as a poster."""
    return (
        f'<div class="kw-journey-map">{poster_head(journey, persona, today)}{legend(journey)}'
        f"{map_table(journey, today)}{step_sequence(journey, today)}</div>"
    )
