"""A preview that opens from disk: one self-contained HTML file per changed journey or persona.

Reviewers download the CI artifact `vorschau` and double-click a file. Browsers
load nothing extra for a file opened from disk, so everything is inside: the
site's own CSS inlined, the journey map, emotion curve and service blueprint as
our own HTML and SVG (the same renderers as the site), no script at all, and a
Content-Security-Policy that forbids any request. Pure: the CSS text and "today"
are passed in.
"""
from __future__ import annotations

import datetime as dt

from ..freshness import review
from ..journey_diff import FileDiff
from ..labels import SEGMENT_LABELS, STATE_LABELS
from ..model import Catalog, Journey, Persona
from .journey_blocks import improvement_table, kpi_table
from .values import german_date, review_badge
from .blueprint import service_blueprint
from .changes import describe, verdict
from .curve import emotion_curve
from .escape import html_paragraphs, html_text
from .html import bullet_list, facts, scroll_region
from .journey_map import journey_map

# Material's variables that our CSS uses, and the little of Material's typesetting a table needs.
BASE_CSS = """
:root { --md-default-fg-color: rgba(0,0,0,.87); --md-default-fg-color--light: rgba(0,0,0,.6);
  --md-default-bg-color: #fff; --md-text-font-family: system-ui, sans-serif; color-scheme: light; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--md-default-fg-color); background: #fff; }
main { padding: 1rem 1.5rem 3rem; }
.md-typeset h1 { font-size: 1.6rem; margin: .2em 0 .4em; }
.md-typeset h2 { font-size: 1.25rem; margin: 1.6em 0 .5em; border-top: 1px solid var(--kw-grid); padding-top: .6em; }
.md-typeset table { border-collapse: collapse; }
.md-typeset th, .md-typeset td { border: 1px solid var(--kw-grid); padding: .3em .5em; text-align: left; vertical-align: top; }
.md-typeset a { color: var(--md-typeset-a-color); }
.kw-preview-note { background: var(--kw-card-bg); padding: .6em 1em; border-left: 4px solid var(--md-primary-fg-color); }
.kw-changes li { margin: .2em 0; }
"""
# The site's own style sheets under docs/assets/ that the preview inlines, in the order the site loads them.
CSS_FILES = ("kundenwege.css", "journey-map.css", "print.css")
# No script, no request: not to another host, not even to a file beside this one.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def preview_file_name(ident: str) -> str:
    return f"{ident}.html"


def _changes(file: FileDiff) -> str:
    if not file.compared or file.old is None:
        return '<p class="kw-preview-note">Neu in diesem Änderungsvorschlag.</p>' if not file.old_path else ""
    if not file.changes:
        return '<p class="kw-preview-note">Keine Änderung am Inhalt: nur umformatiert.</p>'
    items = []
    for change in file.changes:
        place = " › ".join(html_text(part) for part in (change.stage, change.step) if part)
        items.append(f"<li>{place + ': ' if place else ''}{describe(change, html_text)}</li>")
    return (
        f'<div class="kw-preview-note"><p><strong>Geändert:</strong> {html_text(verdict(list(file.changes)))}</p>'
        f'<ul class="kw-changes">{"".join(items)}</ul></div>'
    )


def _journey(journey: Journey, catalog: Catalog, today: dt.date) -> str:
    persona = catalog.personas[journey.persona]
    pairs = [("Persona", f"{html_text(persona.name)} ({SEGMENT_LABELS[persona.segment]})"), ("Verantwortlich", html_text(journey.owner))]
    if journey.state:
        pairs.append(("Zustand", STATE_LABELS[journey.state]))
    checked = f"{german_date(journey.last_reviewed)}, " if journey.last_reviewed else ""
    pairs.append(("Überprüfung", checked + review_badge(review(journey.last_reviewed, journey.review_interval, today))))
    parts = [
        f'<div class="kw-facts">{html_paragraphs(journey.description)}{facts(pairs)}</div>',
        "<h2>Journey Map</h2>", journey_map(journey, persona, today),
        "<h2>Gefühlskurve</h2>", f'<figure class="kw-diagram">{emotion_curve(journey, f"kw-curve-{journey.id}")}</figure>',
        "<h2>Service Blueprint</h2>",
        '<figure class="kw-diagram kw-blueprint">'
        + scroll_region("Service Blueprint, seitlich scrollbar", service_blueprint(journey, persona, f"kw-blueprint-{journey.id}"))
        + "</figure>",
    ]
    if journey.improvements:
        parts += ["<h2>Maßnahmen</h2>", improvement_table(journey, today)]
    if journey.kpis:
        parts += ["<h2>Kennzahlen</h2>", kpi_table(journey)]
    return "".join(parts)


def _persona(persona: Persona, catalog: Catalog, today: dt.date) -> str:
    sections = [("Ziele", persona.goals), ("Bedürfnisse", persona.needs), ("Schmerzpunkte", persona.pain_points),
                ("Bevorzugte Kanäle", persona.channels), ("Woraus die Persona verdichtet ist", persona.sources)]
    quote = f"<blockquote><p>{html_text(persona.quote)}</p></blockquote>" if persona.quote else ""
    journeys = [j.title for j in catalog.journeys_of(persona.id)]
    return (
        f"<p>{SEGMENT_LABELS[persona.segment]}</p>{quote}{html_paragraphs(persona.description)}"
        + "".join(f"<h2>{label}</h2>{bullet_list(items)}" for label, items in sections if items)
        + (f"<h2>Journeys</h2>{bullet_list(journeys)}" if journeys else "")
        + f"<p>Überprüfung: {review_badge(review(persona.last_reviewed, persona.review_interval, today))}</p>"
    )


def _page(title: str, body: str, css: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{BASE_CSS}{css}</style></head>"
        f'<body><main class="md-typeset">{body}</main></body></html>\n'
    )


def preview_page(file: FileDiff, catalog: Catalog, css: str, today: dt.date) -> str:
    """The whole page for one changed journey or persona (its new version), with what changed on top."""
    item = file.new
    name = item.title if isinstance(item, Journey) else item.name
    body = (
        f'<h1>Vorschau: {html_text(name)}</h1><p>Datei <code>journeys/{html_text(file.new_path)}</code>, '
        f"Stand {german_date(today)}. So erscheint sie nach dem Zusammenführen auf der Website.</p>"
        + _changes(file)
        + (_journey(item, catalog, today) if isinstance(item, Journey) else _persona(item, catalog, today))
    )
    return _page(f"Vorschau: {html_text(name)}", body, css)


def preview_index(files: list[FileDiff], skipped: list[str], css: str) -> str:
    """The list of previews in the artifact, and what has none (deleted, or with errors)."""
    items = "".join(
        f'<li><a href="{preview_file_name(f.ident)}">{html_text(f.new.title if isinstance(f.new, Journey) else f.new.name)}</a> '
        f"({html_text(verdict(list(f.changes)) if f.compared and f.old is not None else 'neu')})</li>"
        for f in files
    )
    missing = f"<h2>Ohne Vorschau</h2>{bullet_list(skipped)}" if skipped else ""
    body = (
        "<h1>Vorschau der geänderten Journeys und Personas</h1>"
        "<p>Jede Datei öffnet sich mit einem Doppelklick, ohne Internet und ohne Installation.</p>"
        f"<ul>{items}</ul>{missing}"
    )
    return _page("Vorschau", body, css)
