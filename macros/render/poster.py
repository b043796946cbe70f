"""What a workshop needs around the map: links to the comparison and the poster, and the poster itself.

The poster is the journey map on one A3 landscape sheet, with what a wall
needs to stand alone: title, persona, team, state and review date. Its page
gives the sheet a fixed size (see journey-map.css); journey-map.js shrinks
the type of long journeys until the sheet holds them.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable

from ..labels import SEGMENT_LABELS, STATE_LABELS
from ..model import Catalog, Journey
from .compare import comparison_of, comparison_url
from .escape import html_text
from .journey_map import legend, map_table

Href = Callable[[str], str]


def poster_url(journey_id: str) -> str:
    return f"journeys/{journey_id}/poster/"


def journey_links(catalog: Catalog, journey: Journey, href: Href) -> str:
    """Links from a journey page: the comparison with its other state (if there is one) and the poster."""
    links = []
    compared = comparison_of(catalog, journey.id)
    if compared:
        links.append(f'<a href="{html_text(href(comparison_url(compared)))}">Ist und Soll vergleichen</a>')
    links.append(f'<a href="{html_text(href(poster_url(journey.id)))}">Workshop-Poster (A3 quer) zum Ausdrucken</a>')
    return '<ul class="kw-journey-links">' + "".join(f"<li>{link}</li>" for link in links) + "</ul>"


def journey_poster(catalog: Catalog, journey: Journey, today: dt.date) -> str:
    """The map as a sheet: head, legend, table."""
    persona = catalog.personas[journey.persona]
    facts = [
        f"Persona: {html_text(persona.name)} ({SEGMENT_LABELS[persona.segment]})",
        f"Team: {html_text(journey.owner)}",
    ]
    if journey.state:
        facts.append(STATE_LABELS[journey.state])
    if journey.last_reviewed:
        facts.append(f"zuletzt geprüft {html_text(journey.last_reviewed)}")
    return (
        '<p class="kw-scroll-hint">Vorschau in Originalgröße; zum Drucken A3 quer wählen.</p>'
        '<div class="kw-scroll kw-poster-scroll" role="region" tabindex="0" aria-label="Poster, seitlich scrollbar" data-search-exclude>'
        '<div class="kw-poster">'
        f'<div class="kw-poster-head"><p class="kw-poster-title">{html_text(journey.title)}</p>'
        f'<p class="kw-poster-facts">{" · ".join(facts)}</p></div>'
        f"{legend(journey)}{map_table(journey, today, scroll=False)}"
        f'<p class="kw-poster-foot">Kundenwege, Stand {today.isoformat()}. Die aktuelle Fassung steht im Handbuch.</p>'
        "</div></div>"
    )
