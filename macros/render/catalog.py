"""The journey catalog: every journey with its persona, team and review status, a page at a time."""
from __future__ import annotations

import datetime as dt

from ..freshness import REVIEW_LABELS, REVIEW_ORDER, review
from ..labels import SEGMENT_LABELS, STATE_LABELS
from ..model import Catalog, Journey
from ..site_map import CATALOG_DATA, catalog_page_url, journey_url, persona_url
from .escape import html_text
from .filter_table import Row, TableSpec, select_control, table_page, text_control
from .html import Href, link
from .values import emotion_label, review_badge


def catalog_row(journey: Journey, catalog: Catalog, href: Href, today: dt.date) -> Row:
    persona = catalog.personas[journey.persona]
    state = review(journey.last_reviewed, journey.review_interval, today)
    return Row(
                [
                    link(href, journey_url(journey.id), journey.title),
                    f"{link(href, persona_url(persona.id), persona.name)}<br><small>{SEGMENT_LABELS[persona.segment]}</small>",
                    html_text(journey.owner),
                    str(len(journey.steps)),
                    emotion_label(journey.lowest_emotion),
                    review_badge(state),
                    STATE_LABELS.get(journey.state, ""),
                ],
                {"segment": persona.segment, "review": state.status},
                ["", "", "", f"{len(journey.steps):05d}", str(journey.lowest_emotion), f"{state.rank}-{state.due or ''}", ""],
            )


def journey_catalog(catalog: Catalog, href: Href, today: dt.date, page: int = 1) -> str:
    """Every journey with its review status, a page at a time; filters and sorting come with tables.js."""
    spec = TableSpec(
        noun="Journeys",
        label="Alle Journeys",
        controls=[
            text_control("Titel, Persona, Team …"),
            select_control("segment", "Gruppe", list(SEGMENT_LABELS.items())),
            select_control("review", "Überprüfung", [(status, REVIEW_LABELS[status]) for status in REVIEW_ORDER]),
        ],
        headers=[(h, True) for h in ("Journey", "Persona und Gruppe", "Team", "Schritte", "Tiefster Wert", "Überprüfung", "Zustand")],
        css="kw-catalog-table",
    )
    return table_page(
        spec,
        catalog.sorted_journeys(),
        lambda journey: catalog_row(journey, catalog, href, today),
        page=page,
        page_url=lambda n: href(catalog_page_url(n)),
        data_url=href(CATALOG_DATA),
    )
