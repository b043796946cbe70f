"""What a workshop needs around the map: links to the comparison and to the poster, and the poster's head.

The poster is a print mode of the journey page, not a page of its own (that
would add one full page per journey to every build): the link targets the
poster head (`#poster-<id>`), and journey-map.css then shows only the map,
laid out as one A3 landscape sheet with what a wall needs to stand alone:
title, persona, team, state and review date. journey-map.js shrinks the type
of long journeys until the sheet holds them.
"""
from __future__ import annotations

import datetime as dt

from ..labels import SEGMENT_LABELS, STATE_LABELS
from ..model import Journey, Persona
from ..site_map import comparison_url, journey_url, poster_anchor
from .compare import comparison_of
from .escape import html_text
from .html import Href


def journey_links(pairs: dict[str, tuple[Journey, Journey]], journey: Journey, href: Href) -> str:
    """Links from a journey page: the comparison with its other state (if there is one, see `comparison_pairs`) and the poster."""
    links = []
    compared = comparison_of(pairs, journey.id)
    if compared:
        links.append(f'<a href="{html_text(href(comparison_url(compared)))}">Ist und Soll vergleichen</a>')
    poster = f'{html_text(href(journey_url(journey.id)))}#{poster_anchor(journey.id)}'  # ids are a–z, 0–9 and "-"
    links.append(f'<a href="{poster}">Workshop-Poster: die Journey Map auf einem A3-Bogen quer</a>')
    return '<ul class="kw-journey-links" data-search-exclude>' + "".join(f"<li>{link}</li>" for link in links) + "</ul>"


def poster_head(journey: Journey, persona: Persona, today: dt.date) -> str:
    """Shown only in poster mode: what the sheet says about itself, and on screen the way back."""
    facts = [f"Persona: {html_text(persona.name)} ({SEGMENT_LABELS[persona.segment]})", f"Team: {html_text(journey.owner)}"]
    if journey.state:
        facts.append(STATE_LABELS[journey.state])
    if journey.last_reviewed:
        facts.append(f"zuletzt geprüft {html_text(journey.last_reviewed)}")
    facts.append(f"Stand {today.isoformat()}")
    return (
        f'<div class="kw-poster-head" id="{poster_anchor(journey.id)}">'
        '<p class="kw-poster-notice">Poster-Ansicht: Drucke diese Seite auf A3 quer (die Größe ist eingestellt). '
        '<a href="#">Zurück zur ganzen Journey</a></p>'
        f'<p class="kw-poster-title">{html_text(journey.title)}</p>'
        f'<p class="kw-poster-facts">{" · ".join(facts)}</p></div>'
    )
