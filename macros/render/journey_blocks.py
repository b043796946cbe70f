"""The blocks of a journey page around the map: its facts, its KPIs and its improvements.

Every block is one piece of HTML, inserted after Markdown has run (see
`fragments`), and every piece of data text goes through `html_text`.
"""
from __future__ import annotations

import datetime as dt

from ..freshness import review
from ..labels import SEGMENT_LABELS, STATE_LABELS
from ..model import Catalog, Journey
from ..site_map import journey_url, persona_url
from .escape import html_paragraphs, html_text
from .html import Href, facts, link, scroll_table
from .values import german_date, improvement_status, review_badge, step_names


def journey_facts(journey: Journey, catalog: Catalog, href: Href, today: dt.date) -> str:
    """The head of a journey page: description and who, whose, when, compared with what."""
    persona = catalog.personas[journey.persona]
    pairs = [
        ("Persona", f"{link(href, persona_url(persona.id), persona.name)} ({SEGMENT_LABELS[persona.segment]})"),
        ("Verantwortlich", html_text(journey.owner)),
        ("Umfang", f"{len(journey.stages)} Phasen, {len(journey.steps)} Schritte, tiefster Wert {journey.lowest_emotion} von 5"),
    ]
    if journey.state:
        pairs.append(("Zustand", STATE_LABELS[journey.state]))
    if journey.compare_with in catalog.journeys:
        other = catalog.journeys[journey.compare_with]
        pairs.append(("Zum Vergleich", link(href, journey_url(other.id), other.title)))
    if journey.channels:
        pairs.append(("Kanäle", html_text(", ".join(journey.channels))))
    state = review(journey.last_reviewed, journey.review_interval, today)
    checked = f"{german_date(journey.last_reviewed)}, " if journey.last_reviewed else ""
    pairs.append(("Überprüfung", f"{checked}{review_badge(state)}, alle {journey.review_interval} Monate"))
    return f'<div class="kw-facts">{html_paragraphs(journey.description)}{facts(pairs)}</div>'


def kpi_table(journey: Journey) -> str:
    """Each KPI with how it is measured: a value means little without its period and source."""
    rows = "".join(
        f"<tr><td>{html_text(k.name)}</td><td>{html_text(k.current)}</td><td>{html_text(k.target)}</td>"
        f"<td>{html_text(k.period)}</td><td>{html_text(k.source)}</td></tr>"
        for k in journey.kpis
    )
    return scroll_table("Kennzahlen", ["Kennzahl", "Heute", "Ziel", "Zeitraum", "Quelle"], rows)


def improvement_table(journey: Journey, today: dt.date) -> str:
    rows = "".join(
        f"<tr><td>{html_text(i.action)}</td><td>{html_text(i.owner)}</td><td>{german_date(i.due) if i.due else ''}</td>"
        f"<td>{html_text(i.success_criteria)}</td><td>{improvement_status(i, today)}</td>"
        f"<td>{step_names(journey.addressed_steps(i))}</td></tr>"
        for i in journey.improvements
    )
    return scroll_table("Maßnahmen", ["Maßnahme", "Verantwortlich", "Fällig", "Erfolgskriterium", "Stand", "Setzt an bei"], rows)
