"""The persona page and the persona overview: a card per persona with its journeys."""
from __future__ import annotations

import datetime as dt

from ..freshness import review
from ..labels import BASIS_LABELS, SEGMENT_LABELS
from ..model import Catalog, Persona
from ..site_map import journey_url, persona_url
from .escape import html_paragraphs, html_text
from .html import Href, bullet_list, link
from .values import review_badge


def case_figure(persona: Persona) -> str:
    """The label of a persona that rests on one story, not on the conversations the persona rule asks for."""
    if persona.basis != "case":
        return ""
    return f' <span class="kw-badge kw-case" title="beruht auf einer einzelnen Geschichte, nicht auf mindestens fünf Gesprächen">{BASIS_LABELS["case"]}</span>'


def persona_card(persona: Persona, catalog: Catalog, href: Href, today: dt.date) -> str:
    sections = [
        ("Ziele", persona.goals),
        ("Bedürfnisse", persona.needs),
        ("Schmerzpunkte", persona.pain_points),
        ("Bevorzugte Kanäle", persona.channels),
        ("Worauf die Fallfigur beruht" if persona.basis == "case" else "Woraus die Persona verdichtet ist", persona.sources),
    ]
    body = "".join(f'<div class="kw-card-part"><p class="kw-card-label">{label}</p>{bullet_list(items)}</div>' for label, items in sections if items)
    quote = f"<blockquote><p>{html_text(persona.quote)}</p></blockquote>" if persona.quote else ""
    journeys = catalog.journeys_of(persona.id)
    journey_links = (
        '<p class="kw-card-label">Journeys</p><ul>'
        + "".join(f"<li>{link(href, journey_url(j.id), j.title)}</li>" for j in journeys)
        + "</ul>"
        if journeys
        else "<p>Noch keine Journey für diese Persona.</p>"
    )
    state = review(persona.last_reviewed, persona.review_interval, today)
    owner = f"{html_text(persona.owner)} · " if persona.owner else ""
    return (
        f'<div class="kw-card"><p class="kw-card-name">{link(href, persona_url(persona.id), persona.name)}'
        f' <span class="kw-segment kw-seg-{persona.segment}">{SEGMENT_LABELS[persona.segment]}</span>{case_figure(persona)}</p>'
        f"{quote}{html_paragraphs(persona.description)}<div class=\"kw-card-grid\">{body}</div>{journey_links}"
        f'<p class="kw-card-review">{owner}Überprüfung: {review_badge(state)}</p></div>'
    )


def persona_overview(catalog: Catalog, href: Href, today: dt.date) -> str:
    """All personas grouped by segment, each with its journeys."""
    groups = []
    for segment, label in SEGMENT_LABELS.items():
        members = [p for p in catalog.sorted_personas() if p.segment == segment]
        if not members:
            continue
        cards = "".join(persona_card(p, catalog, href, today) for p in members)
        groups.append(f'<section class="kw-segment-group" aria-label="{html_text(label)}"><p class="kw-group-title">{label}</p>{cards}</section>')
    return f'<div class="kw-personas">{"".join(groups)}</div>'
