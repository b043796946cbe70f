"""The insights across all journeys: recurring pain, lowest moments, weak channels and stages, gaps, backing.

Each block reads on its own (a table or a list with numbers in words), so no
chart needs a separate text alternative: bars in the tables only repeat the
number written beside them. Long lists stop after `LIMIT` rows and say how many
more there are, so the page stays light with a thousand journeys.
"""
from __future__ import annotations

import datetime as dt

from ..labels import CONFIDENCE_LABELS, EMOTION_WORDS, FIELD_TITLES, SEGMENT_LABELS
from ..model import Catalog, is_assumed
from ..portfolio import (
    Backing,
    Reviewed,
    StepRef,
    average_emotion,
    backing,
    lowest_moments,
    moments_of_truth,
    pain_hotspots,
    personas_without_journeys,
    reviews,
    segments_without_journeys,
)
from ..site_map import EVIDENCE_DATA, journey_url, persona_url
from .values import review_badge
from .escape import html_text
from .filter_table import Row, TableSpec, select_control, table_page, text_control
from .html import Href, link, scroll_table

LIMIT = 20
SHOWN_JOURNEYS = 5


def _more(total: int, shown: int, what: str) -> str:
    return f'<p class="kw-more">… und {total - shown} weitere {what}.</p>' if total > shown else ""


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _bar(value: float, maximum: float) -> str:
    """A bar that repeats a number written beside it; hidden from screen readers."""
    return f'<span class="kw-bar" aria-hidden="true"><span style="width:{100 * value / maximum:.0f}%"></span></span>'


def _step_place(ref: StepRef, catalog: Catalog, href: Href) -> str:
    persona = catalog.personas[ref.journey.persona]
    return (
        f"<td>{html_text(ref.step.action)}</td><td>{link(href, journey_url(ref.journey.id), ref.journey.title)}</td>"
        f"<td>{link(href, persona_url(persona.id), persona.name)}</td><td>{html_text(ref.stage.name)}</td>"
    )


def pain_hotspots_block(catalog: Catalog, href: Href) -> str:
    spots = pain_hotspots(catalog)
    if not spots:
        return "<p>Noch kein Schmerzpunkt kommt in mehr als einer Journey vor.</p>"
    rows = []
    for spot in spots[:LIMIT]:
        journeys = spot.journeys
        links = ", ".join(link(href, journey_url(j.id), j.title) for j in journeys[:SHOWN_JOURNEYS])
        more = f" und {len(journeys) - SHOWN_JOURNEYS} weitere" if len(journeys) > SHOWN_JOURNEYS else ""
        kind = FIELD_TITLES["topic"] if spot.by_topic else "gleicher Text"
        rows.append(
            f"<tr><td>{html_text(spot.label)} <small>({kind})</small></td><td>{len(journeys)}</td>"
            f"<td>{len(spot.teams)}</td><td>{len(spot.places)}</td><td>{links}{more}</td></tr>"
        )
    return scroll_table("Wiederkehrende Schmerzpunkte", ["Schmerzpunkt", "Journeys", "Teams", "Nennungen", "Wo"], rows) + _more(
        len(spots), LIMIT, "wiederkehrende Schmerzpunkte"
    )


def lowest_moments_block(catalog: Catalog, href: Href) -> str:
    every = lowest_moments(catalog)
    if not every:
        return "<p>Noch keine Journey.</p>"
    lowest = every[0].step.emotion
    refs = [r for r in every if r.step.emotion <= max(lowest, 2)]
    at_lowest = [r for r in refs if r.step.emotion == lowest]
    rows = [f"<tr>{_step_place(r, catalog, href)}<td>{r.step.emotion} – {EMOTION_WORDS[r.step.emotion]}</td></tr>" for r in refs[:LIMIT]]
    intro = (
        f"<p>{len(at_lowest)} Schritte in {len({r.journey.id for r in at_lowest})} Journeys erreichen den tiefsten Wert "
        f"{lowest} ({EMOTION_WORDS[lowest]}). Momente der Wahrheit stehen bei gleichem Wert vorn.</p>"
    )
    return intro + scroll_table("Tiefpunkte", ["Schritt", "Journey", "Persona", "Phase", "Gefühl"], rows) + _more(len(refs), LIMIT, "Schritte")


def moments_of_truth_block(catalog: Catalog, href: Href) -> str:
    refs = moments_of_truth(catalog)
    if not refs:
        return "<p>Noch keine Journey markiert einen Moment der Wahrheit.</p>"
    rows = [f"<tr>{_step_place(r, catalog, href)}<td>{r.step.emotion} – {EMOTION_WORDS[r.step.emotion]}</td></tr>" for r in refs[:LIMIT]]
    intro = f"<p>{len(refs)} Momente der Wahrheit in {len({r.journey.id for r in refs})} Journeys, die schlechtesten zuerst.</p>"
    return intro + scroll_table("Momente der Wahrheit", ["Schritt", "Journey", "Persona", "Phase", "Gefühl"], rows) + _more(
        len(refs), LIMIT, "Momente der Wahrheit"
    )


def average_emotion_block(catalog: Catalog, of: str) -> str:
    averages = average_emotion(catalog, of)
    if not averages:
        return "<p>Keine Angaben.</p>"
    name = FIELD_TITLES["channel"] if of == "channel" else "Phase"
    rows = [
        f"<tr><td>{html_text(a.label)}</td><td>{_number(a.emotion)} von 5 {_bar(a.emotion, 5)}</td><td>{a.steps}</td><td>{a.journeys}</td></tr>"
        for a in averages[:LIMIT]
    ]
    label = "Gefühl je Kanal" if of == "channel" else "Gefühl je Phase"
    return scroll_table(label, [name, "Mittleres Gefühl", "Schritte", "Journeys"], rows) + _more(
        len(averages), LIMIT, "Kanäle" if of == "channel" else "Phasen"
    )


def coverage_gaps_block(catalog: Catalog, href: Href) -> str:
    segments = segments_without_journeys(catalog)
    personas = personas_without_journeys(catalog)
    segment_text = (
        "Jede Gruppe hat mindestens eine Journey."
        if not segments
        else "Gruppen ohne Journey: " + ", ".join(SEGMENT_LABELS[s] for s in segments) + "."
    )
    persona_text = (
        "Jede Persona geht mindestens eine Journey."
        if not personas
        else "Personas ohne Journey: " + ", ".join(link(href, persona_url(p.id), p.name) for p in personas) + "."
    )
    return f"<ul><li>{segment_text}</li><li>{persona_text}</li></ul>"


def overdue_reviews_block(catalog: Catalog, href: Href, today: dt.date) -> str:
    due = [r for r in reviews(catalog, today) if r.review.status in ("overdue", "never", "due_soon")]
    if not due:
        return "<p>Alle Journeys und Personas sind aktuell überprüft.</p>"
    by_owner: dict[str, list[Reviewed]] = {}
    for item in due:
        by_owner.setdefault(item.owner or "ohne Team", []).append(item)
    parts = []
    for owner, items in sorted(by_owner.items(), key=lambda pair: (-sum(i.review.status == "overdue" for i in pair[1]), pair[0].casefold())):
        entries = "".join(
            f"<li>{'Journey' if i.kind == 'journey' else 'Persona'} "
            f"{link(href, (journey_url if i.kind == 'journey' else persona_url)(i.item.id), i.title)}: {review_badge(i.review)}</li>"
            for i in items
        )
        parts.append(f'<p class="kw-group-title">{html_text(owner)} ({len(items)})</p><ul>{entries}</ul>')
    return "".join(parts)


EVIDENCE_SHOWN = 20


# The confidence values counted in a column of their own, beside the share of assumed steps.
_COUNTED = [value for value in CONFIDENCE_LABELS if not is_assumed(value)]


def evidence_row(b: Backing, href: Href) -> Row:
    return Row(
            [
                link(href, journey_url(b.journey.id), b.journey.title),
                html_text(b.journey.owner),
                f"{b.with_evidence} von {b.steps} {_bar(b.evidence_share, 1)}",
                f"{b.assumed} von {b.steps} ({round(100 * b.assumed_share)} %)",
                *(str(b.by_confidence[value]) for value in _COUNTED),
            ],
            {"team": b.journey.owner.casefold()},
            ["", "", f"{b.evidence_share:.3f}", f"{b.assumed_share:.3f}", *(f"{b.by_confidence[value]:05d}" for value in _COUNTED)],
        )


def evidence_block(catalog: Catalog, href: Href) -> str:
    """The weakest-backed journeys first; all of them through the filter (and in /api/journeys.json)."""
    teams = sorted({j.owner for j in catalog.journeys.values()}, key=str.casefold)
    spec = TableSpec(
        noun="Journeys",
        label="Belege je Journey",
        controls=[text_control("Journey …"), select_control("team", "Team", [(t.casefold(), t) for t in teams])],
        headers=[("Journey", True), ("Team", True), ("Schritte mit Belegen", True), (CONFIDENCE_LABELS["assumed"], True),
                 *((CONFIDENCE_LABELS[value], True) for value in _COUNTED)],
    )
    return table_page(spec, backing(catalog), lambda b: evidence_row(b, href), data_url=href(EVIDENCE_DATA), size=EVIDENCE_SHOWN)
