"""HTML blocks: journey facts, KPI and improvement tables, persona cards, the catalog.

Every block is one piece of HTML, inserted after Markdown has run (see
`fragments`), and every piece of data text goes through `html_text`.
Links are built by a `href` callable from the adapter, which knows the page.
"""
from __future__ import annotations

import datetime as dt

from ..freshness import REVIEW_LABELS, REVIEW_ORDER, Review, is_overdue, review
from ..labels import BASIS_LABELS, EMOTION_WORDS, SEGMENT_LABELS, STATE_LABELS, STATUS_LABELS
from ..model import Catalog, Improvement, Journey, Persona
from ..site_map import CATALOG_DATA, catalog_page_url, journey_url, persona_url
from .escape import html_paragraphs, html_text
from .faces import emotion_icon
from .filter_table import Row, TableSpec, select_control, table_page, text_control
from .html import Href, bullet_list, facts, link, scroll_table


def emotion_label(emotion: int) -> str:
    """Our own face icon (no emoji font needed) and always the number and the word."""
    return f'<span class="kw-emotion-label">{emotion_icon(emotion)} {emotion} – {EMOTION_WORDS[emotion]}</span>'


def german_date(iso: str | dt.date) -> str:
    """2026-03-01 as readers write it: 1.3.2026."""
    date = dt.date.fromisoformat(iso) if isinstance(iso, str) else iso
    return f"{date.day}.{date.month}.{date.year}"


def review_badge(state: Review) -> str:
    """The review status in words (never colour alone), with the date it is or was due."""
    when = ""
    if state.due is not None:
        when = f" (fällig seit {german_date(state.due)})" if state.status == "overdue" else f" (fällig am {german_date(state.due)})"
    return f'<span class="kw-badge kw-review-{state.status}">{REVIEW_LABELS[state.status]}</span>{when}'


def overdue_badge() -> str:
    return '<span class="kw-badge kw-overdue">überfällig</span>'


def improvement_status(improvement: Improvement, today: dt.date) -> str:
    status = STATUS_LABELS[improvement.status]
    return f"{status} {overdue_badge()}" if is_overdue(improvement, today) else status


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


def step_names(steps) -> str:
    """Steps an improvement addresses, as "Schritt 3: …", one per line."""
    return "<br>".join(f"Schritt {n}: {html_text(step.action)}" for n, step in steps)


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
