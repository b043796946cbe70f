"""HTML blocks: journey facts, KPI and improvement tables, persona cards, the catalog.

Every block is one piece of HTML, inserted after Markdown has run (see
`fragments`), and every piece of data text goes through `html_text`.
Links are built by a `href` callable from the adapter, which knows the page.
"""
from __future__ import annotations

from typing import Callable

from ..labels import EMOTION_WORDS, SEGMENT_LABELS, STATE_LABELS, STATUS_LABELS
from ..model import Catalog, Journey, Persona
from .escape import html_paragraphs, html_text
from .faces import emotion_icon

Href = Callable[[str], str]


def journey_url(journey_id: str) -> str:
    return f"journeys/{journey_id}/"


def persona_url(persona_id: str) -> str:
    return f"personas/{persona_id}/"


def bullet_list(items: tuple[str, ...] | list[str]) -> str:
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{html_text(item)}</li>" for item in items) + "</ul>"


def _link(href: Href, url: str, text: str) -> str:
    return f'<a href="{html_text(href(url))}">{html_text(text)}</a>'


def emotion_label(emotion: int) -> str:
    """Our own face icon (no emoji font needed) and always the number and the word."""
    return f'<span class="kw-emotion-label">{emotion_icon(emotion)} {emotion} – {EMOTION_WORDS[emotion]}</span>'


def journey_facts(journey: Journey, catalog: Catalog, href: Href) -> str:
    """The head of a journey page: description and who, whose, when, compared with what."""
    persona = catalog.personas[journey.persona]
    facts = [
        ("Persona", f"{_link(href, persona_url(persona.id), persona.name)} ({SEGMENT_LABELS[persona.segment]})"),
        ("Verantwortlich", html_text(journey.owner)),
        ("Umfang", f"{len(journey.stages)} Phasen, {len(journey.steps)} Schritte, tiefster Wert {journey.lowest_emotion} von 5"),
    ]
    if journey.state:
        facts.append(("Zustand", STATE_LABELS[journey.state]))
    if journey.compare_with in catalog.journeys:
        other = catalog.journeys[journey.compare_with]
        facts.append(("Zum Vergleich", _link(href, journey_url(other.id), other.title)))
    if journey.channels:
        facts.append(("Kanäle", html_text(", ".join(journey.channels))))
    if journey.last_reviewed:
        facts.append(("Zuletzt geprüft", html_text(journey.last_reviewed)))
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in facts)
    return f'<div class="kw-facts">{html_paragraphs(journey.description)}<dl>{items}</dl></div>'


def kpi_table(journey: Journey) -> str:
    rows = "".join(
        f"<tr><td>{html_text(k.name)}</td><td>{html_text(k.current)}</td><td>{html_text(k.target)}</td></tr>"
        for k in journey.kpis
    )
    return (
        '<div class="kw-scroll" role="region" tabindex="0" aria-label="Kennzahlen">'
        '<table class="kw-table"><thead><tr><th scope="col">Kennzahl</th><th scope="col">Heute</th>'
        f'<th scope="col">Ziel</th></tr></thead><tbody>{rows}</tbody></table></div>'
    )


def improvement_table(journey: Journey) -> str:
    rows = "".join(
        f"<tr><td>{html_text(i.action)}</td><td>{html_text(i.owner)}</td><td>{html_text(i.due)}</td>"
        f"<td>{html_text(i.success_criteria)}</td><td>{STATUS_LABELS[i.status]}</td></tr>"
        for i in journey.improvements
    )
    return (
        '<div class="kw-scroll" role="region" tabindex="0" aria-label="Verbesserungen">'
        '<table class="kw-table"><thead><tr><th scope="col">Maßnahme</th><th scope="col">Verantwortlich</th>'
        '<th scope="col">Bis</th><th scope="col">Erfolgskriterium</th><th scope="col">Stand</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def persona_card(persona: Persona, catalog: Catalog, href: Href) -> str:
    sections = [
        ("Ziele", persona.goals),
        ("Bedürfnisse", persona.needs),
        ("Schmerzpunkte", persona.pain_points),
        ("Bevorzugte Kanäle", persona.channels),
    ]
    body = "".join(f'<div class="kw-card-part"><p class="kw-card-label">{label}</p>{bullet_list(items)}</div>' for label, items in sections if items)
    quote = f"<blockquote><p>{html_text(persona.quote)}</p></blockquote>" if persona.quote else ""
    journeys = catalog.journeys_of(persona.id)
    journey_links = (
        '<p class="kw-card-label">Journeys</p><ul>'
        + "".join(f"<li>{_link(href, journey_url(j.id), j.title)}</li>" for j in journeys)
        + "</ul>"
        if journeys
        else "<p>Noch keine Journey für diese Persona.</p>"
    )
    return (
        f'<div class="kw-card"><p class="kw-card-name">{_link(href, persona_url(persona.id), persona.name)}'
        f' <span class="kw-segment kw-seg-{persona.segment}">{SEGMENT_LABELS[persona.segment]}</span></p>'
        f"{quote}{html_paragraphs(persona.description)}<div class=\"kw-card-grid\">{body}</div>{journey_links}</div>"
    )


def persona_overview(catalog: Catalog, href: Href) -> str:
    """All personas grouped by segment, each with its journeys."""
    groups = []
    for segment, label in SEGMENT_LABELS.items():
        members = [p for p in catalog.sorted_personas() if p.segment == segment]
        if not members:
            continue
        cards = "".join(persona_card(p, catalog, href) for p in members)
        groups.append(f'<section class="kw-segment-group" aria-label="{html_text(label)}"><p class="kw-group-title">{label}</p>{cards}</section>')
    return f'<div class="kw-personas">{"".join(groups)}</div>'


def journey_catalog(catalog: Catalog, href: Href) -> str:
    """A table of every journey; catalog.js adds filtering and sort buttons, without it the table still reads."""
    segments = "".join(f'<option value="{key}">{label}</option>' for key, label in SEGMENT_LABELS.items())
    rows = []
    for journey in catalog.sorted_journeys():
        persona = catalog.personas[journey.persona]
        rows.append(
            f'<tr data-segment="{persona.segment}">'
            f"<td>{_link(href, journey_url(journey.id), journey.title)}</td>"
            f"<td>{_link(href, persona_url(persona.id), persona.name)}<br><small>{SEGMENT_LABELS[persona.segment]}</small></td>"
            f"<td>{html_text(journey.owner)}</td>"
            f'<td data-sort="{len(journey.steps):05d}">{len(journey.steps)}</td>'
            f'<td data-sort="{journey.lowest_emotion}">{emotion_label(journey.lowest_emotion)}</td>'
            f'<td data-sort="{html_text(journey.last_reviewed)}">{html_text(journey.last_reviewed) or "–"}</td>'
            f"<td>{STATE_LABELS.get(journey.state, '')}</td></tr>"
        )
    headers = ["Journey", "Persona und Gruppe", "Team", "Schritte", "Tiefster Wert", "Zuletzt geprüft", "Zustand"]
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    return (
        '<div class="kw-catalog">'
        '<div class="kw-filters" role="search">'
        '<label>Suchen <input type="search" class="kw-filter-text" placeholder="Titel, Persona, Team …"></label> '
        f'<label>Gruppe <select class="kw-filter-segment"><option value="">alle</option>{segments}</select></label> '
        f'<span class="kw-count" aria-live="polite">{len(rows)} Journeys</span></div>'
        '<div class="kw-scroll" role="region" tabindex="0" aria-label="Alle Journeys">'
        f'<table class="kw-table kw-catalog-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        "</div></div>"
    )
