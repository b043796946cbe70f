"""The one registry of fragments, and the placeholders that stand for them until Markdown has run.

A page (generated or hand-written through a macro) holds only a marker such as
`<!-- kundenwege:journey_map:passamt -->`. Markdown passes the comment through
untouched, and the Markdown extension swaps in the escaped HTML afterwards. So
no data text is ever parsed as Markdown or template source, and Markdown does
not re-parse large HTML blocks (the dominant build cost with many journeys).
The macros for hand-written pages are made from this registry too.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Callable

from ..model import Catalog
from ..portfolio import backlog, per_owner
from ..schema import KINDS
from ..text import closest
from . import backlog as backlog_view
from . import export, insights, journey_blocks, mermaid, persona_blocks
from .blueprint import service_blueprint
from .catalog import journey_catalog
from .changes import since_review_block
from .compare import comparison_pairs, journey_comparison
from .context import RenderContext
from .curve import emotion_curve
from .escape import html_text, mermaid_block
from .filter_table import page_count
from .html import scroll_region
from .journey_map import journey_map
from .schema_doc import field_table, schema_reference
from .workshop import journey_links

MARKER = re.compile(r"<!-- kundenwege:([a-z_]+):([a-z0-9-]*) -->")
# A line break after each table cell and definition: browsers ignore it there, but text extractors such as the
# search index would otherwise read adjacent cells as one word ("PersonaAmira").
# The pattern starts with its literal "</", which the regex engine finds by a fast scan; a look-behind would be tried
# at every character of the page and cost ten times more.
CELL_END = re.compile(r"</(?:td|th|dt|dd)>(?=<)")


def _line_after(cell_end: re.Match) -> str:
    return cell_end.group() + "\n"


# On a page, a journey is wrapped by stage into rows that fit the width (see mermaid.journey_rows);
# each row shrinks to the width only where the page is narrower than a row.
# Title and legend sit on the page background, so they take the page's text colour (light in the dark scheme);
# CSS variables reach into the shadow root Material renders diagrams in.
PAGE_DIAGRAM_CONFIG = (
    "---\nconfig:\n  journey:\n    useMaxWidth: true\n    width: 150\n    height: 80\n    taskMargin: 20\n"
    '  themeCSS: "text:not([class]), text.legend, text.legend tspan { fill: var(--md-default-fg-color) !important; }"\n'
    "---\n"
)
# Group boxes take the page's colours, so persona names stay readable in the dark scheme too.
PERSONA_DIAGRAM_CONFIG = (
    "---\nconfig:\n"
    '  themeCSS: ".cluster rect { fill: transparent !important; stroke: var(--md-default-fg-color--light) !important; }'
    ' .cluster-label, .cluster-label span, .cluster-label p { color: var(--md-default-fg-color) !important; }'
    ' .flowchart-link { stroke: var(--md-default-fg-color) !important; }'
    ' marker path { fill: var(--md-default-fg-color) !important; stroke: var(--md-default-fg-color) !important; }"\n'
    "---\n"
)


class UnknownReference(KeyError):
    """A marker or macro names a journey, persona or fragment that does not exist."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Fragment:
    """One kind of rendered block: what it needs as id, how it is drawn, and what it is (the macro's docstring)."""

    target: str  # "journey", "comparison" (a current journey with a target), "persona", "persona?" (optional),
    # "schema", "export", "page" (a page number), or "" (no id)
    render: Callable[[RenderContext, str], str]
    doc: str


def _journey_diagram(ctx: RenderContext, ident: str) -> str:
    journey = ctx.catalog.journeys[ident]
    rows = mermaid.journey_rows(journey)
    wrapped = f", umbrochen in {len(rows)} Zeilen nach Phasen" if len(rows) > 1 else ""
    return (
        '<figure class="kw-diagram kw-journey-diagram" data-search-exclude>'
        '<p class="kw-scroll-hint kw-phone-hint">Auf schmalen Bildschirmen lässt sich jede Zeile seitlich scrollen.</p>'
        + "".join(
            scroll_region(f"Ablauf, Zeile {n} von {len(rows)}, auf schmalen Bildschirmen seitlich scrollbar",
                          mermaid_block(PAGE_DIAGRAM_CONFIG + row), css="kw-diagram-row")
            for n, row in enumerate(rows, 1)
        )
        + f"<figcaption>Ablauf: {html_text(journey.title)}{wrapped}. Gefühl je Schritt von 1 (sehr schlecht) bis 5 (sehr gut). "
        "Die Journey Map enthält alles als Text.</figcaption></figure>"
    )


def _emotion_curve(ctx: RenderContext, ident: str) -> str:
    svg = emotion_curve(ctx.catalog.journeys[ident], f"kw-curve-{ident}")
    return f'<figure class="kw-diagram" data-search-exclude>{svg}</figure>'


def _service_blueprint(ctx: RenderContext, ident: str) -> str:
    journey = ctx.catalog.journeys[ident]
    svg = service_blueprint(journey, ctx.catalog.personas[journey.persona], f"kw-blueprint-{ident}")
    return (
        '<figure class="kw-diagram kw-blueprint" data-search-exclude>'
        f'<p class="kw-scroll-hint" id="kw-blueprint-hint-{ident}">Breiter als der Platz hier: seitlich scrollen.</p>'
        + scroll_region("Service Blueprint, seitlich scrollbar", svg, described_by=f"kw-blueprint-hint-{ident}")
        + "<figcaption>Von vorne nach hinten: was die Person tut, was sie im Kontakt sieht, und unter der "
        "Sichtbarkeitslinie, was dafür im Hintergrund geschieht. Als Text: siehe Journey Map.</figcaption></figure>"
    )


def _persona_diagram(ctx: RenderContext, ident: str) -> str:
    source = PERSONA_DIAGRAM_CONFIG + mermaid.persona_journeys_diagram(ctx.catalog, [ident] if ident else None)
    return (
        '<figure class="kw-diagram" tabindex="0" aria-label="Diagramm: Personas und ihre Journeys" data-search-exclude>'
        f"{mermaid_block(source)}</figure>"
    )


def _pairs(ctx: RenderContext):
    return ctx.once("comparison_pairs", lambda: comparison_pairs(ctx.catalog))


def _backlog(ctx: RenderContext):
    return ctx.once("backlog", lambda: backlog(ctx.catalog, ctx.today))


def _owners(ctx: RenderContext):
    return ctx.once("owners", lambda: per_owner(_backlog(ctx)))


def _journey(render):
    """A fragment of one journey: `render(ctx, journey)`."""
    return lambda ctx, ident: render(ctx, ctx.catalog.journeys[ident])


FRAGMENTS: dict[str, Fragment] = {
    "journey_diagram": Fragment("journey", _journey_diagram, "Ablaufdiagramm (Mermaid): ein Kasten je Schritt, lange Journeys nach Phasen umbrochen."),
    "emotion_curve": Fragment("journey", _emotion_curve, "Gefühlskurve über alle Schritte, Tiefpunkte markiert."),
    "journey_map": Fragment(
        "journey",
        _journey(lambda ctx, j: journey_map(j, ctx.catalog.personas[j.persona], ctx.today)),
        "Journey Map: Phasen, Schritte, Bahnen und Gefühlskurve; druckbar als A3-Poster.",
    ),
    "service_blueprint": Fragment("journey", _service_blueprint, "Service Blueprint: von den Kundenhandlungen bis zu den unterstützenden Prozessen."),
    "journey_links": Fragment(
        "journey", _journey(lambda ctx, j: journey_links(_pairs(ctx), j, ctx.href)), "Links einer Journey zum Ist-Soll-Vergleich und zum Poster."
    ),
    "journey_comparison": Fragment(
        "comparison", lambda ctx, i: journey_comparison(_pairs(ctx)[i], ctx.href), "Vergleich einer Ist-Journey mit ihrer Soll-Journey."
    ),
    "journey_facts": Fragment(
        "journey", _journey(lambda ctx, j: journey_blocks.journey_facts(j, ctx.catalog, ctx.href, ctx.today)), "Beschreibung, Persona, Team, Zustand, Überprüfung."
    ),
    "journey_since_review": Fragment(
        "journey",
        _journey(lambda ctx, j: since_review_block(j.last_reviewed, ctx.since_review.get(j.id, ()))),
        "Was sich seit der letzten Überprüfung geändert hat (aus der Git-Geschichte; ohne sie nichts).",
    ),
    "journey_kpis": Fragment("journey", _journey(lambda ctx, j: journey_blocks.kpi_table(j)), "Kennzahlen einer Journey."),
    "journey_improvements": Fragment(
        "journey", _journey(lambda ctx, j: journey_blocks.improvement_table(j, ctx.today)), "Maßnahmen einer Journey."
    ),
    "persona_card": Fragment(
        "persona", lambda ctx, i: persona_blocks.persona_card(ctx.catalog.personas[i], ctx.catalog, ctx.href, ctx.today), "Steckbrief einer Persona."
    ),
    "persona_diagram": Fragment("persona?", _persona_diagram, "Welche Persona welche Journeys geht: alle oder eine."),
    "persona_overview": Fragment("", lambda ctx, i: persona_blocks.persona_overview(ctx.catalog, ctx.href, ctx.today), "Alle Personas nach Gruppen."),
    "journey_catalog": Fragment(
        "page", lambda ctx, i: journey_catalog(ctx.catalog, ctx.href, ctx.today, int(i or 1)),
        "Katalog aller Journeys mit Filter (Seite 1 oder die angegebene).",
    ),
    "schema_reference": Fragment("schema", lambda ctx, i: schema_reference(i), "Felder eines Schemas (journey oder persona)."),
    "field_table": Fragment("schema", lambda ctx, i: field_table(i), "Alle Felder einer Art in einer Tabelle: Name, Pflicht, was hineingehört."),
    "improvement_summary": Fragment("", lambda ctx, i: backlog_view.backlog_summary(_backlog(ctx)), "Maßnahmen in Zahlen."),
    "improvement_owners": Fragment(
        "", lambda ctx, i: backlog_view.owner_table(_owners(ctx)), "Maßnahmen je Verantwortlichen."
    ),
    "improvement_backlog": Fragment(
        "page",
        lambda ctx, i: backlog_view.backlog_table(_backlog(ctx), _owners(ctx), ctx.href, ctx.today, int(i or 1)),
        "Alle Maßnahmen aller Journeys, mit Filter (Seite 1 oder die angegebene).",
    ),
    "pain_hotspots": Fragment("", lambda ctx, i: insights.pain_hotspots_block(ctx.catalog, ctx.href), "Schmerzpunkte, die in mehreren Journeys vorkommen."),
    "lowest_moments": Fragment("", lambda ctx, i: insights.lowest_moments_block(ctx.catalog, ctx.href), "Die Tiefpunkte über alle Journeys."),
    "moments_of_truth": Fragment("", lambda ctx, i: insights.moments_of_truth_block(ctx.catalog, ctx.href), "Momente der Wahrheit über alle Journeys."),
    "emotion_by_channel": Fragment("", lambda ctx, i: insights.average_emotion_block(ctx.catalog, "channel"), "Mittleres Gefühl je Kanal."),
    "emotion_by_stage": Fragment("", lambda ctx, i: insights.average_emotion_block(ctx.catalog, "stage"), "Mittleres Gefühl je Phase."),
    "coverage_gaps": Fragment("", lambda ctx, i: insights.coverage_gaps_block(ctx.catalog, ctx.href), "Gruppen und Personas ohne Journey."),
    "overdue_reviews": Fragment(
        "", lambda ctx, i: insights.overdue_reviews_block(ctx.catalog, ctx.href, ctx.today), "Fällige Überprüfungen nach Team."
    ),
    "evidence_backing": Fragment("", lambda ctx, i: insights.evidence_block(ctx.catalog, ctx.href), "Wie gut jede Journey belegt ist."),
    "open_data_fields": Fragment(
        "export", lambda ctx, i: export.reference(EXPORT_IDS[i]), "Felder einer Datei unter /api/ (z. B. journeys-json)."
    ),
}
EXPORT_IDS = {name.replace(".", "-"): name for name in export.EXPORTS}
# How many pages a paged fragment has.
PAGED = {
    "journey_catalog": lambda c: page_count(len(c.journeys)),
    "improvement_backlog": lambda c: page_count(sum(len(j.improvements) for j in c.journeys.values())),
}


def marker(name: str, ident: str = "") -> str:
    if name not in FRAGMENTS:
        raise UnknownReference(f"Unbekannte Darstellung „{name}“. Möglich: {', '.join(sorted(FRAGMENTS))}.")
    return f"<!-- kundenwege:{name}:{ident} -->"


def check_reference(catalog: Catalog, name: str, ident: str) -> None:
    """Fail early, with the closest id, when a page asks for something that is not there."""
    if name not in FRAGMENTS:
        raise UnknownReference(f"Unbekannte Darstellung „{name}“. Möglich: {', '.join(sorted(FRAGMENTS))}.")
    target = FRAGMENTS[name].target
    if target == "journey" and ident not in catalog.journeys:
        raise UnknownReference(f"Die Journey „{ident}“ gibt es nicht.{closest(ident, catalog.journeys)}")
    if target == "comparison" and ident not in comparison_pairs(catalog):
        raise UnknownReference(
            f"Einen Vergleich für „{ident}“ gibt es nicht. Er braucht eine Journey mit „state: current“, "
            "die über „compare_with“ mit einer Journey mit „state: target“ verbunden ist."
            f"{closest(ident, comparison_pairs(catalog))}"
        )
    if (target == "persona" or (target == "persona?" and ident)) and ident not in catalog.personas:
        raise UnknownReference(f"Die Persona „{ident}“ gibt es nicht.{closest(ident, catalog.personas)}")
    if target == "schema" and ident not in KINDS:
        raise UnknownReference(f"Ein Schema „{ident}“ gibt es nicht: {' oder '.join(KINDS)}.")
    if target == "export" and ident not in EXPORT_IDS:
        raise UnknownReference(f"Eine Datei „{ident}“ gibt es unter /api/ nicht: {', '.join(EXPORT_IDS)}.")
    if target == "page" and ident and not (ident.isdigit() and 1 <= int(ident) <= PAGED[name](catalog)):
        raise UnknownReference(f"„{name}“ hat keine Seite „{ident}“.")
    if target == "" and ident:
        raise UnknownReference(f"„{name}“ braucht keine Kennung, hier steht „{ident}“.")


def expand(page_html: str, ctx: RenderContext, drawn: Mapping[str, str] | None = None) -> str:
    """Replace every marker in a rendered page by its fragment, drawn with the page's context; a marker found in
    `drawn` takes the fragment already drawn for it (by `expand` itself, ahead, see `macros.prerender`)."""

    def one(match: re.Match) -> str:
        if drawn and match.group() in drawn:
            return drawn[match.group()]
        name, ident = match.groups()
        check_reference(ctx.catalog, name, ident)
        return CELL_END.sub(_line_after, FRAGMENTS[name].render(ctx, ident))

    return MARKER.sub(one, page_html)
